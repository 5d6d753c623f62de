//go:build js

// The browser build (make wasm): the same app in a page, without the
// command line. The message never leaves the page.
package main

import "plume/app"

func main() {
	if err := app.Run(app.Options{}); err != nil {
		println("plume :", err.Error())
	}
}
