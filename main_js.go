//go:build js

// The browser build (make wasm): the same app in a page, without the
// command line. The message never leaves the page.
package main

import (
	"plume/app"
	_ "plume/internal/frenchlocale" // before Fyne reads the locale
)

func main() {
	if err := app.Run(app.Options{}); err != nil {
		println("plume :", err.Error())
	}
}
