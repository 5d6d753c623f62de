// Package store saves the knowledge editors' files so that nothing is ever
// lost: a save writes a temporary file in the same folder, syncs it and
// renames it over the original (a crash leaves the old or the new file,
// never half of one), and a file that changed on disk since it was opened
// is never overwritten: the caller gets both versions and chooses.
package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// File is a file as the editor opened it.
type File struct {
	Path string
	Data []byte
	// sum is the hash of what was on disk when opened or last saved; a
	// nil sum means the file did not exist.
	sum []byte
}

// ConflictError is returned when the file changed on disk since it was
// opened: Disk holds what is there now (nil when it was deleted).
type ConflictError struct {
	Path string
	Disk []byte
}

func (e *ConflictError) Error() string {
	if e.Disk == nil {
		return fmt.Sprintf("%s a été supprimé par quelqu'un d'autre depuis son ouverture", e.Path)
	}
	return fmt.Sprintf("%s a été modifié par quelqu'un d'autre depuis son ouverture : comparez les deux versions avant d'enregistrer", e.Path)
}

// ErrExists is returned when creating a file that already exists.
var ErrExists = errors.New("un fichier de ce nom existe déjà")

func sum(data []byte) []byte {
	s := sha256.Sum256(data)
	return s[:]
}

// Open reads a file for editing.
func Open(path string) (File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	return File{Path: path, Data: data, sum: sum(data)}, nil
}

// New is a file to be created by Save (which refuses if one appears).
func New(path string) File { return File{Path: path} }

// disk returns the current content and hash of path (nil, nil if absent).
func disk(path string) ([]byte, []byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return data, sum(data), nil
}

// Save writes data over f's file, atomically, unless the file changed on
// disk since f was opened (then *ConflictError). It returns the file as now
// saved, to be saved again later.
func Save(f File, data []byte) (File, error) {
	current, currentSum, err := disk(f.Path)
	if err != nil {
		return f, err
	}
	switch {
	case f.sum == nil && current != nil:
		return f, &ConflictError{Path: f.Path, Disk: current}
	case f.sum != nil && (current == nil || !bytes.Equal(currentSum, f.sum)):
		return f, &ConflictError{Path: f.Path, Disk: current}
	}
	if err := writeAtomic(f.Path, data); err != nil {
		return f, err
	}
	return File{Path: f.Path, Data: data, sum: sum(data)}, nil
}

// Overwrite saves data even though the file changed on disk: the editor
// chose their version after seeing both.
func Overwrite(f File, data []byte) (File, error) {
	if err := writeAtomic(f.Path, data); err != nil {
		return f, err
	}
	return File{Path: f.Path, Data: data, sum: sum(data)}, nil
}

// Delete removes f's file unless it changed on disk since it was opened.
func Delete(f File) error {
	current, currentSum, err := disk(f.Path)
	if err != nil {
		return err
	}
	if current == nil {
		return nil
	}
	if f.sum == nil || !bytes.Equal(currentSum, f.sum) {
		return &ConflictError{Path: f.Path, Disk: current}
	}
	return os.Remove(f.Path)
}

// Rename moves f's file to newPath with data as its new content (a renamed
// id changes the front matter too): the new file is written first, then the
// old one removed, so a crash leaves at worst both, never neither.
func Rename(f File, newPath string, data []byte) (File, error) {
	if _, err := os.Stat(newPath); err == nil {
		return f, fmt.Errorf("%s : %w", newPath, ErrExists)
	}
	current, currentSum, err := disk(f.Path)
	if err != nil {
		return f, err
	}
	if current != nil && (f.sum == nil || !bytes.Equal(currentSum, f.sum)) {
		return f, &ConflictError{Path: f.Path, Disk: current}
	}
	if err := writeAtomic(newPath, data); err != nil {
		return f, err
	}
	if current != nil {
		if err := os.Remove(f.Path); err != nil {
			return File{Path: newPath, Data: data, sum: sum(data)}, fmt.Errorf("nouveau fichier enregistré, mais l'ancien n'a pas pu être supprimé : %w", err)
		}
	}
	return File{Path: newPath, Data: data, sum: sum(data)}, nil
}

// writeAtomic writes data to a temporary file next to path, syncs it, and
// renames it over path; then syncs the folder so the rename itself is on
// disk.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("enregistrement impossible dans %s : %w", dir, err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("écriture : %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("écriture sur le disque : %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("écriture : %w", err)
	}
	if st, err := os.Stat(path); err == nil {
		_ = os.Chmod(name, st.Mode().Perm()) // keep the permissions editors set
	} else {
		_ = os.Chmod(name, 0o644)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("remplacement du fichier : %w", err)
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
