//go:build !nogui && !js

package main

import (
	"errors"
	"os"
	"runtime"
	"time"

	"plume/app"
)

func startGUI(kbDir, message string, measure bool, started time.Time) error {
	if err := displayAvailable(); err != nil {
		return err
	}
	return app.Run(app.Options{KBDir: kbDir, Message: message, MeasureStart: measure, Started: started})
}

// displayAvailable says in French why no window can open, where GLFW would
// panic with a stack trace: on Linux and the BSDs the window needs an X11 or
// Wayland session (a server, an SSH login, a container).
func displayAvailable() error {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("aucun écran graphique (DISPLAY et WAYLAND_DISPLAY sont vides) : ouvrez Plume dans une session graphique, ou utilisez les commandes en ligne (« plume help »)")
	}
	return nil
}
