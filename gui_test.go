//go:build !nogui && !js && !windows && !darwin

package main

import (
	"strings"
	"testing"
)

func TestNoDisplaySaysSoInsteadOfPanicking(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if err := displayAvailable(); err == nil || !strings.Contains(err.Error(), "plume help") {
		t.Errorf("without a display: %v, want a French message pointing to the command line", err)
	}
	t.Setenv("DISPLAY", ":99")
	if err := displayAvailable(); err != nil {
		t.Errorf("with DISPLAY set: %v", err)
	}
}
