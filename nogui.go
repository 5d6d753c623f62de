//go:build nogui && !js

package main

import (
	"errors"
	"time"
)

func startGUI(string, string, bool, time.Time) error {
	return errors.New("cette version est compilée sans interface graphique (-tags nogui) : utilisez « plume help »")
}
