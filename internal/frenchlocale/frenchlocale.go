// Package frenchlocale makes French the language of a process whose locale
// names none (C, POSIX, C.UTF-8: a server, a container, Debian's default),
// before Fyne reads it. Fyne's lang package reads the locale in its own
// init and logged "Error parsing user locale C" for C.UTF-8 at every start,
// the command line's included; Plume speaks French, so its windows and
// dialogs should too.
//
// The main packages import it (blank). Go initialises a program's packages
// in the order of their import paths, each as soon as its own imports are:
// Fyne's lang package waits for text/template, which sorts after this
// package and needs os and strings too, so this init runs before Fyne's.
package frenchlocale

import (
	"os"
	"strings"
)

// init sets LANG to fr_FR.UTF-8 unless LC_ALL, LC_MESSAGES or LANG already
// names a language.
func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" && l != "C" && l != "POSIX" && !strings.HasPrefix(l, "C.") && !strings.HasPrefix(l, "POSIX.") {
			return
		}
	}
	os.Unsetenv("LC_ALL")
	os.Unsetenv("LC_MESSAGES")
	os.Setenv("LANG", "fr_FR.UTF-8")
}
