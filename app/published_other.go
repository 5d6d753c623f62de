//go:build !js

package app

import "io/fs"

// publishedKB is the browser build's published knowledge base; on the
// desktop the base is the folder of the settings or the embedded one.
func publishedKB() (fs.FS, string, string) { return nil, "", "" }
