//go:build !js

package app

import (
	"plume/search"
)

// exposeAPI is the browser build's JavaScript API; the desktop has none.
func exposeAPI(*search.Engine, string, string) {}

// installPageEvents is the browser build's; the desktop's input is Fyne's.
func installPageEvents(*Main) {}

// pageMark is the browser build's start-up mark; the desktop has none.
func pageMark(string) {}
