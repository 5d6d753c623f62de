package kb

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"plume/kb/bundle"
)

// DefaultName names the embedded knowledge base in messages.
const DefaultName = "base intégrée"

// Origin is where a knowledge base comes from.
type Origin string

// The origins of a base. Only a folder can be edited; a bundle file is
// replaced whole by a new copy; the published base is the kb.bundle next
// to the browser build's page.
const (
	Embedded   Origin = "intégrée"
	Folder     Origin = "dossier"
	BundleFile Origin = "paquet"
	Published  Origin = "publiée"
)

// Base is a knowledge base found but not yet read: where it comes from, its
// files and its name for messages. The window, the editor, the watcher and
// the command line read this value instead of looking at the path again.
type Base struct {
	Origin Origin
	Path   string // the folder or the bundle file; "" for the embedded and published bases
	Name   string
	FS     fs.FS
	// Prepared is the engine a bundle carries, derived from FS when it was
	// written (bundle.Info.Prepared); nil for a folder and the embedded base.
	Prepared []byte
}

// Editable says whether the editors can save items in the base: only a
// folder's.
func (b Base) Editable() bool { return b.Origin == Folder }

// Locate finds the knowledge base of dir, or builtin when dir is empty. dir
// may be a folder or a bundle file (*.bundle, written by `plume kb
// export`): its files are read, their hash and signature checked, and
// served from memory. A missing or unreadable dir or bundle is an error
// that says so in French.
func Locate(dir string, builtin fs.FS) (Base, error) {
	if dir == "" {
		return Base{Origin: Embedded, Name: DefaultName, FS: builtin}, nil
	}
	isBundle := strings.EqualFold(filepath.Ext(dir), bundle.Ext)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && isBundle:
		return Base{Name: dir}, fmt.Errorf("paquet de la base de connaissances introuvable : %s", dir)
	case errors.Is(err, fs.ErrNotExist):
		return Base{Name: dir}, fmt.Errorf("dossier de la base de connaissances introuvable : %s", dir)
	case err != nil:
		return Base{Name: dir}, fmt.Errorf("dossier de la base de connaissances illisible : %v", err)
	case !st.IsDir() && isBundle && st.Mode().IsRegular():
		fsys, prepared, err := openBundle(dir, builtin)
		return Base{Origin: BundleFile, Path: dir, Name: dir, FS: fsys, Prepared: prepared}, err
	case !st.IsDir():
		return Base{Name: dir}, fmt.Errorf("%s n'est pas un dossier (ni un paquet %s)", dir, bundle.Ext)
	}
	if _, err := os.ReadDir(dir); err != nil {
		return Base{Name: dir}, fmt.Errorf("dossier de la base de connaissances illisible : %v", err)
	}
	return Base{Origin: Folder, Path: dir, Name: dir, FS: os.DirFS(dir)}, nil
}

// openBundle reads the bundle file at path, signed by a key builtin trusts
// when it names one (TrustedKeys): its files and its prepared engine.
func openBundle(path string, builtin fs.FS) (fs.FS, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("paquet de la base de connaissances illisible : %v", err)
	}
	defer f.Close()
	fsys, info, err := ReadBundle(f, builtin)
	if err != nil {
		return nil, nil, fmt.Errorf("%s : %w", path, err)
	}
	return fsys, info.Prepared, nil
}

// ReadBundle reads a bundle (bundle.Read: format, hash) and checks its
// signature against the keys builtin trusts (TrustedKeys): the one way a
// folder's bundle, a published one and `plume kb import` are read.
func ReadBundle(r io.Reader, builtin fs.FS) (fs.FS, bundle.Info, error) {
	fsys, info, err := bundle.Read(r)
	return verified(fsys, info, err, builtin)
}

// DecodeBundle is ReadBundle of a bundle already decompressed
// (bundle.Decode), as the browser's page has it.
func DecodeBundle(data []byte, builtin fs.FS) (fs.FS, bundle.Info, error) {
	fsys, info, err := bundle.Decode(data)
	return verified(fsys, info, err, builtin)
}

// verified checks the signature of a bundle read (err: reading it failed)
// against the keys builtin trusts.
func verified(fsys fs.FS, info bundle.Info, err error, builtin fs.FS) (fs.FS, bundle.Info, error) {
	if err != nil {
		return nil, info, err
	}
	keys, err := TrustedKeys(builtin)
	if err == nil {
		err = info.Verify(keys)
	}
	if err != nil {
		return nil, info, err
	}
	return fsys, info, nil
}
