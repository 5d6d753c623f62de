package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestSaveReplacesTheFileAndLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "item.md")
	write(t, path, "avant")
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err = Save(f, []byte("après"))
	if err != nil {
		t.Fatal(err)
	}
	if read(t, path) != "après" {
		t.Error("not saved")
	}
	if _, err := Save(f, []byte("encore")); err != nil {
		t.Errorf("second save after the first: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in the folder: %v", entries)
	}
}

func TestSaveRefusesToOverwriteAFileChangedOnDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "item.md")
	write(t, path, "version ouverte")
	f, _ := Open(path)
	write(t, path, "version d'un collègue")
	_, err := Save(f, []byte("ma version"))
	var c *ConflictError
	if !errors.As(err, &c) || string(c.Disk) != "version d'un collègue" {
		t.Fatalf("got %v", err)
	}
	if read(t, path) != "version d'un collègue" {
		t.Error("the colleague's version was lost")
	}
	if !strings.Contains(err.Error(), "modifié par quelqu'un d'autre") {
		t.Errorf("message %q", err)
	}
	if _, err := Overwrite(f, []byte("ma version")); err != nil || read(t, path) != "ma version" {
		t.Errorf("overwrite after choosing: %v", err)
	}
}

func TestNewFileIsNotCreatedOverAnExistingOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "item.md")
	write(t, path, "déjà là")
	var c *ConflictError
	if _, err := Save(New(path), []byte("nouveau")); !errors.As(err, &c) {
		t.Errorf("got %v", err)
	}
	if read(t, path) != "déjà là" {
		t.Error("existing file overwritten")
	}
}

func TestDeleteRefusesAChangedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "item.md")
	write(t, path, "a")
	f, _ := Open(path)
	write(t, path, "b")
	var c *ConflictError
	if err := Delete(f); !errors.As(err, &c) {
		t.Errorf("got %v", err)
	}
	f, _ = Open(path)
	if err := Delete(f); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("not deleted")
	}
}

func TestRenameWritesTheNewFileThenRemovesTheOld(t *testing.T) {
	dir := t.TempDir()
	old, nw := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	write(t, old, "id: a")
	f, _ := Open(old)
	if _, err := Rename(f, nw, []byte("id: b")); err != nil {
		t.Fatal(err)
	}
	if read(t, nw) != "id: b" {
		t.Error("new file content")
	}
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Error("old file still there")
	}
	write(t, old, "autre")
	g, _ := Open(old)
	if _, err := Rename(g, nw, []byte("x")); !errors.Is(err, ErrExists) {
		t.Errorf("rename over an existing file: %v", err)
	}
}

// A crash between writing the temporary file and renaming it leaves the
// original intact: simulated by a temporary file left behind.
func TestAnInterruptedSaveLeavesTheOriginal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "item.md")
	write(t, path, "original")
	write(t, filepath.Join(dir, ".item.md.123.tmp"), "moitié d'une nouv")
	if read(t, path) != "original" {
		t.Error("original damaged")
	}
	f, _ := Open(path)
	if _, err := Save(f, []byte("nouveau")); err != nil || read(t, path) != "nouveau" {
		t.Errorf("save after an interrupted one: %v", err)
	}
}
