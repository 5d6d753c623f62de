//go:build !js

package app

import "plume/kb"

// publishedKB is the browser build's published knowledge base; on the
// desktop the base is the folder of the settings or the embedded one.
func publishedKB() (kb.Base, bool, string) { return kb.Base{}, false, "" }
