//go:build nogui

package main

import "errors"

func startGUI(string, string) error {
	return errors.New("cette version est compilée sans interface graphique (-tags nogui) : utilisez « plume help »")
}
