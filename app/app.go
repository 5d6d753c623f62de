// Package app is Plume's desktop interface (Fyne). It holds no business
// logic: everything it shows comes from the engine (plume/kb).
package app

import (
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"plume/assets"
	"plume/kb"
	"plume/templates"
)

// AppID is the application identifier (also in FyneApp.toml).
const AppID = "fr.plume.assistant"

// Run opens the main window on the knowledge base of kbDir (the embedded
// default when empty) and blocks until it is closed.
func Run(kbDir string) error {
	frenchLocaleByDefault()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	w := a.NewWindow("Plume")
	ui := New(w)
	w.Resize(fyne.NewSize(1180, 740))
	go func() {
		loaded := LoadKB(kbDir)
		fyne.Do(func() { ui.SetKB(loaded) })
	}()
	w.ShowAndRun()
	return nil
}

// Loaded is a knowledge base read in the background, ready for the UI.
type Loaded struct {
	Source   string
	KB       *kb.KB
	Problems kb.Problems
	Err      error
	Took     time.Duration
}

// LoadKB reads and validates the knowledge base of dir (embedded when
// empty). It runs off the UI goroutine.
func LoadKB(dir string) Loaded {
	start := time.Now()
	fsys, name, err := kb.Source(dir, templates.FS)
	if err != nil {
		return Loaded{Source: name, Err: err}
	}
	k, probs, err := kb.Load(fsys, kb.LoadOptions{})
	if err != nil {
		err = fmt.Errorf("%s : %w", name, err)
	}
	return Loaded{Source: name, KB: k, Problems: probs, Err: err, Took: time.Since(start)}
}

// frenchLocaleByDefault makes Fyne's own texts (dialog buttons…) French when
// the system gives no locale (LANG=C, as on a bare server or under Xvfb).
func frenchLocaleByDefault() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" && l != "C" && l != "POSIX" && !strings.HasPrefix(l, "C.") {
			return
		}
	}
	os.Setenv("LANG", "fr_FR.UTF-8")
}
