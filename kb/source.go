package kb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"plume/kb/bundle"
)

// DefaultName names the embedded knowledge base in messages.
const DefaultName = "base intégrée"

// Source returns the files of the knowledge base in dir, or builtin when dir
// is empty, with a name for messages. dir may also be a bundle file
// (*.bundle, written by `plume kb export`): its files are read, their hash
// checked, and served from memory. A missing or unreadable dir or bundle is
// an error that says so in French.
func Source(dir string, builtin fs.FS) (fs.FS, string, error) {
	if dir == "" {
		return builtin, DefaultName, nil
	}
	isBundle := strings.EqualFold(filepath.Ext(dir), bundle.Ext)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && isBundle:
		return nil, dir, fmt.Errorf("paquet de la base de connaissances introuvable : %s", dir)
	case errors.Is(err, fs.ErrNotExist):
		return nil, dir, fmt.Errorf("dossier de la base de connaissances introuvable : %s", dir)
	case err != nil:
		return nil, dir, fmt.Errorf("dossier de la base de connaissances illisible : %v", err)
	case !st.IsDir() && isBundle && st.Mode().IsRegular():
		return openBundle(dir, builtin)
	case !st.IsDir():
		return nil, dir, fmt.Errorf("%s n'est pas un dossier (ni un paquet %s)", dir, bundle.Ext)
	}
	if _, err := os.ReadDir(dir); err != nil {
		return nil, dir, fmt.Errorf("dossier de la base de connaissances illisible : %v", err)
	}
	return os.DirFS(dir), dir, nil
}

// openBundle reads the bundle file at path, signed by a key builtin trusts
// when it names one (TrustedKeys).
func openBundle(path string, builtin fs.FS) (fs.FS, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, path, fmt.Errorf("paquet de la base de connaissances illisible : %v", err)
	}
	defer f.Close()
	fsys, info, err := bundle.Read(f)
	if err == nil {
		err = VerifyBundle(info, builtin)
	}
	if err != nil {
		return nil, path, fmt.Errorf("%s : %w", path, err)
	}
	return fsys, path, nil
}

// VerifyBundle checks a decoded bundle's signature against the keys
// builtin trusts (TrustedKeys).
func VerifyBundle(info bundle.Info, builtin fs.FS) error {
	keys, err := TrustedKeys(builtin)
	if err != nil {
		return err
	}
	return info.Verify(keys)
}
