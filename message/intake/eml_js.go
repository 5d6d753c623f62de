//go:build js

package intake

import (
	"errors"
	"io"
)

// ErrNotMail, ErrTooLarge and MaxEMLBytes mirror the desktop build's.
var (
	ErrNotMail  = errors.New("ce fichier n'est pas un e-mail")
	ErrTooLarge = errors.New("fichier trop volumineux")
)

const MaxEMLBytes = 32 << 20

// ErrNoEMLInBrowser says that .eml files are read by the desktop app only:
// decoding every mail charset would add a megabyte to the page, over the
// browser build's size budget; agents paste the text there.
var ErrNoEMLInBrowser = errors.New("les fichiers .eml se lisent dans l'application de bureau ; dans le navigateur, collez le texte du message")

// ParseEML is not available in the browser build.
func ParseEML(io.Reader) (Parsed, error) { return Parsed{}, ErrNoEMLInBrowser }
