package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
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

func TestTwoSavesAtTheSameMomentNeverBothSucceed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "item.md")
	for round := range 300 {
		write(t, path, "origine")
		f, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		texts := []string{"texte de l'éditrice A", "texte de l'éditeur B"}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range texts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = Save(f, []byte(texts[i]))
			}()
		}
		close(start)
		wg.Wait()
		won := -1
		for i, err := range errs {
			var c *ConflictError
			switch {
			case err == nil && won >= 0:
				t.Fatalf("round %d: both saves succeeded, one text is lost with no conflict shown", round)
			case err == nil:
				won = i
			case !errors.As(err, &c):
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if won < 0 || read(t, path) != texts[won] {
			t.Fatalf("round %d: winner %d, disk %q", round, won, read(t, path))
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("files left behind: %v", left)
	}
}

func TestKeepingMyTextReplacesOnlyTheVersionShown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "item.md")
	write(t, path, "origine")
	mine, _ := Open(path)
	write(t, path, "version d'un collègue")
	_, err := Save(mine, []byte("mon texte"))
	var c *ConflictError
	if !errors.As(err, &c) {
		t.Fatalf("no conflict: %v", err)
	}
	write(t, path, "troisième version, arrivée pendant que je comparais")
	if _, err := Save(c.Current(), []byte("mon texte")); !errors.As(err, &c) || string(c.Disk) != read(t, path) {
		t.Fatalf("the third version was overwritten without being shown: %v", err)
	}
	if _, err := Save(c.Current(), []byte("mon texte")); err != nil || read(t, path) != "mon texte" {
		t.Fatalf("keeping my text after seeing the latest version: %v", err)
	}
}

func TestSymbolicLinksAreNeitherFollowedNorReplaced(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "ailleurs.md")
	write(t, outside, "hors de la base")
	link := filepath.Join(dir, "lien.md")
	if err := os.Symlink(outside, link); err != nil {
		t.Skip(err)
	}
	if _, err := Open(link); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a symbolic link was opened: %v", err)
	}
	if _, err := Save(New(link), []byte("x")); err == nil {
		t.Error("saved over a symbolic link")
	}
	if _, err := Overwrite(New(link), []byte("x")); !errors.Is(err, ErrNotRegular) {
		t.Errorf("overwrote a symbolic link: %v", err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 || read(t, outside) != "hors de la base" {
		t.Error("the link or its target changed")
	}
}

func TestAKilledSaveLeavesNothingForever(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "item.md")
	write(t, path, "origine")
	// What a save killed between its temporary file and the rename leaves.
	write(t, filepath.Join(dir, ".item.md.12345.tmp"), "moitié")
	lockFile := filepath.Join(dir, ".item.md.plume-verrou")
	write(t, lockFile, "poste 42 2026-12-01T10:00:00Z\n")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(lockFile, old, old)
	f, _ := Open(path)
	if _, err := Save(f, []byte("suite")); err != nil {
		t.Fatalf("a lock left by a killed save blocks the file: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("leftovers still there: %v", left)
	}
}

func TestASaveInProgressMakesTheOtherWaitThenSayBusy(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "item.md")
	write(t, path, "origine")
	write(t, filepath.Join(dir, ".item.md.plume-verrou"), "autre poste\n") // fresh: a save running elsewhere
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 100 * time.Millisecond
	f, _ := Open(path)
	if _, err := Save(f, []byte("x")); !errors.Is(err, ErrBusy) || read(t, path) != "origine" {
		t.Errorf("saved while another save held the file: %v", err)
	}
}
