package kb

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing/fstest"
	"time"

	"plume/kb/bundle"
)

// InvalidBundleError is returned by WriteBundle when the knowledge base has
// errors: no bundle is written.
type InvalidBundleError struct {
	Problems Problems // the errors only, sorted by file and line
}

func (e *InvalidBundleError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "la base de connaissances a %d erreur(s) : paquet non écrit", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// Preparer derives from a loaded base what a bundle carries for the search
// engine to start without reading the files again (search.Prepare).
type Preparer func(*KB) ([]byte, error)

// WriteBundle validates the knowledge base of fsys with Load (reviews and
// expiries judged on the day built) and, when it has no error, writes it to
// w as a bundle built at built (now when zero), with what prepare derives
// from it (nothing when nil), signed with key when not nil: apps that trust
// the matching public key load only bundles it signed. Warnings do not stop
// it. Files are read once: what is validated is exactly what is written, even
// if an editor saves a file meanwhile.
func WriteBundle(w io.Writer, fsys fs.FS, built time.Time, key ed25519.PrivateKey, prepare Preparer) (bundle.Info, error) {
	if built.IsZero() {
		built = time.Now()
	}
	snap, err := snapshot(fsys)
	if err != nil {
		return bundle.Info{}, err
	}
	k, probs, err := Load(snap, LoadOptions{Now: At(built)})
	if err != nil {
		return bundle.Info{}, err
	}
	var errs Problems
	for _, p := range probs {
		if p.Level == LevelError {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return bundle.Info{}, &InvalidBundleError{Problems: errs}
	}
	files := map[string][]byte{}
	for _, it := range k.Items {
		files[it.Path] = snap[it.Path].Data
	}
	for _, name := range RootFiles {
		if f, ok := snap[name]; ok {
			files[name] = f.Data
		}
	}
	var prepared []byte
	if prepare != nil {
		if prepared, err = prepare(k); err != nil {
			return bundle.Info{}, fmt.Errorf("préparation du moteur : %w", err)
		}
	}
	return bundle.EncodeSigned(w, files, prepared, built, key)
}

// snapshot reads the files Load may read: the Markdown files outside hidden
// folders and testdata (as Load walks) and the files of the root that are
// not items (RootFiles).
func snapshot(fsys fs.FS) (fstest.MapFS, error) {
	snap := fstest.MapFS{}
	add := func(p string) error {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("%s : illisible : %w", p, err)
		}
		snap[p] = &fstest.MapFile{Data: data, Mode: 0o444}
		return nil
	}
	paths, unreadable, err := ItemPaths(fsys)
	for p, e := range unreadable {
		err = fmt.Errorf("%s : %w", p, e)
	}
	if err != nil {
		return nil, fmt.Errorf("lecture de la base de connaissances : %w", err)
	}
	for _, p := range paths {
		if err := add(p); err != nil {
			return nil, err
		}
	}
	for _, name := range RootFiles {
		if err := add(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return snap, nil
}
