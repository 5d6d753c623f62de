//go:build !js

package app

import (
	"plume/search"
)

// exposeAPI is the browser build's JavaScript API; the desktop has none.
func exposeAPI(*search.Engine, string, string) bool { return false }

// loadBeforeWindow says whether the base is read before the window is laid
// out: in the page only (jsapi_js.go).
const loadBeforeWindow = false

// warmUp, warmUpCode and windowShown are the page's; the desktop has no
// page.
func warmUp(*search.Engine)     {}
func warmUpCode(*search.Engine) {}
func windowShown()              {}

// installPageEvents is the browser build's; the desktop's input is Fyne's.
func installPageEvents(*Main) {}

// pageMark is the browser build's start-up mark; the desktop has none.
func pageMark(string) {}
