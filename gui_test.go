//go:build !nogui && !js && !windows && !darwin

package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
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

// A locale that names no language (C.UTF-8 is Debian's default, POSIX,
// none) gives French windows and dialogs, and Fyne no longer logs « Error
// parsing user locale » at every start; a language the system names is kept.
// Fyne reads the locale once, in its init: each case runs in a process of
// its own.
func TestFyneSpeaksFrenchWhenTheLocaleNamesNoLanguage(t *testing.T) {
	if os.Getenv("PLUME_LOCALE_PROBE") != "" {
		fmt.Print(lang.L("Cancel"))
		return
	}
	for _, c := range []struct{ locale, want string }{
		{"C.UTF-8", "Annuler"}, {"POSIX", "Annuler"}, {"", "Annuler"}, {"en_GB.UTF-8", "Cancel"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFyneSpeaksFrenchWhenTheLocaleNamesNoLanguage$")
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "LANG") && !strings.HasPrefix(kv, "LC_") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "PLUME_LOCALE_PROBE=1", "LANG="+c.locale)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("LANG=%q: %v\n%s", c.locale, err, out)
		}
		if !strings.HasPrefix(string(out), c.want) || strings.Contains(string(out), "Error parsing user locale") {
			t.Errorf("LANG=%q: %q, want %q and no error about the locale", c.locale, out, c.want)
		}
	}
}
