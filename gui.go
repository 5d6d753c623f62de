//go:build !nogui && !js

package main

import (
	"time"

	"plume/app"
)

func startGUI(kbDir, message string, measure bool, started time.Time) error {
	return app.Run(app.Options{KBDir: kbDir, Message: message, MeasureStart: measure, Started: started})
}
