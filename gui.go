//go:build !nogui

package main

import "plume/app"

func startGUI(kbDir string) error { return app.Run(kbDir) }
