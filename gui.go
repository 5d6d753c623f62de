//go:build !nogui

package main

import "plume/app"

func startGUI(kbDir, message string) error { return app.Run(kbDir, message) }
