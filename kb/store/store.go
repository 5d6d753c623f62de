// Package store saves the knowledge editors' files so that nothing is ever
// lost: a save writes a temporary file in the same folder, syncs it and
// renames it over the original (a crash leaves the old or the new file,
// never half of one), and a file that changed on disk since it was opened
// is never overwritten: the caller gets both versions and chooses.
//
// The folder is shared by a desk, often on SMB or NFS: the check « has it
// changed since it was opened? » and the rename happen while holding a lock
// file created with O_EXCL next to the file, which every Plume respects and
// which those file systems create atomically. Only regular files are read
// or written: a symbolic link or a device in the folder is refused.
package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
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

// Current is the file as it is on disk now: saving over it replaces the
// version the editor was shown, and only that one (a third save in between
// is another conflict).
func (e *ConflictError) Current() File {
	if e.Disk == nil {
		return New(e.Path)
	}
	return File{Path: e.Path, Data: e.Disk, sum: sum(e.Disk)}
}

func (e *ConflictError) Error() string {
	if e.Disk == nil {
		return fmt.Sprintf("%s a été supprimé par quelqu'un d'autre depuis son ouverture", e.Path)
	}
	return fmt.Sprintf("%s a été modifié par quelqu'un d'autre depuis son ouverture : comparez les deux versions avant d'enregistrer", e.Path)
}

// ErrExists is returned when creating a file that already exists.
var ErrExists = errors.New("un fichier de ce nom existe déjà")

// ErrBusy is returned when another save of the same file holds the lock
// longer than lockWait.
var ErrBusy = errors.New("un autre enregistrement de ce fichier est en cours : réessayez dans un instant")

// ErrNotRegular is returned for a path that is not a regular file: Plume
// neither follows nor replaces a symbolic link, a device or a pipe.
var ErrNotRegular = errors.New("ce n'est pas un fichier ordinaire (lien symbolique, périphérique…) : Plume ne le lit ni ne l'écrit")

func sum(data []byte) []byte {
	s := sha256.Sum256(data)
	return s[:]
}

// Open reads a file for editing.
func Open(path string) (File, error) {
	data, err := readRegular(path)
	if err != nil {
		return File{}, err
	}
	return File{Path: path, Data: data, sum: sum(data)}, nil
}

// readRegular reads path if it is a regular file, without following a
// final symbolic link.
func readRegular(path string) ([]byte, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s : %w", path, ErrNotRegular)
	}
	return os.ReadFile(path)
}

// New is a file to be created by Save (which refuses if one appears).
func New(path string) File { return File{Path: path} }

// disk returns the current content and hash of path (nil, nil if absent).
func disk(path string) ([]byte, []byte, error) {
	data, err := readRegular(path)
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
	unlock, err := lock(f.Path)
	if err != nil {
		return f, err
	}
	defer unlock()
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

// Overwrite saves data whatever is on disk: for files Plume generates
// (trained weights), never for a text an editor wrote — after a conflict
// the editor's choice is saved over ConflictError.Current.
func Overwrite(f File, data []byte) (File, error) {
	unlock, err := lock(f.Path)
	if err != nil {
		return f, err
	}
	defer unlock()
	if st, err := os.Lstat(f.Path); err == nil && !st.Mode().IsRegular() {
		return f, fmt.Errorf("%s : %w", f.Path, ErrNotRegular)
	}
	if err := writeAtomic(f.Path, data); err != nil {
		return f, err
	}
	return File{Path: f.Path, Data: data, sum: sum(data)}, nil
}

// Delete removes f's file unless it changed on disk since it was opened.
func Delete(f File) error {
	unlock, err := lock(f.Path)
	if err != nil {
		return err
	}
	defer unlock()
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
	unlock, err := lock(f.Path)
	if err != nil {
		return f, err
	}
	defer unlock()
	unlockNew, err := lock(newPath)
	if err != nil {
		return f, err
	}
	defer unlockNew()
	if _, err := os.Lstat(newPath); err == nil {
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

// lockWait is how long a save waits for another save of the same file;
// lockStale is the age after which a lock was left by a save that was
// killed (a save holds it for milliseconds; the margin covers clocks that
// differ between the machines sharing the folder).
var lockWait = 5 * time.Second

const lockStale = 2 * time.Minute

// lock takes path's lock file, waiting up to lockWait; unlock removes it.
// Holding it, no other Plume checks or replaces the file, so a save is a
// compare-and-swap; leftovers of killed saves of this file are removed.
func lock(path string) (unlock func(), err error) {
	name := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".plume-verrou")
	deadline := time.Now().Add(lockWait)
	for {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			host, _ := os.Hostname()
			fmt.Fprintf(f, "%s %d %s\n", host, os.Getpid(), time.Now().Format(time.RFC3339))
			f.Close()
			removeLeftovers(path)
			return func() { os.Remove(name) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("enregistrement impossible dans %s : %w", filepath.Dir(path), err)
		}
		if st, err := os.Lstat(name); err == nil && time.Since(st.ModTime()) > lockStale {
			os.Remove(name)
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s : %w", filepath.Base(path), ErrBusy)
		}
		time.Sleep(time.Duration(2+rand.IntN(8)) * time.Millisecond)
	}
}

// removeLeftovers removes the temporary files a killed save of path left
// behind; called under path's lock, when no save of it is running.
func removeLeftovers(path string) {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return
	}
	prefix := "." + filepath.Base(path) + "."
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".tmp") && e.Type().IsRegular() {
			os.Remove(filepath.Join(filepath.Dir(path), n))
		}
	}
}
