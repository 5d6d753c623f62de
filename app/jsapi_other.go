//go:build !js

package app

import "plume/kb"

// exposeAPI is the browser build's JavaScript API; the desktop has none.
func exposeAPI(*kb.Engine, string, string) {}

// installPaste is the browser build's paste; the desktop pastes through Fyne.
func installPaste(*Main) {}
