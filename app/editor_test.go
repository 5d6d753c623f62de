package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func newTestEditor(t *testing.T) (*Main, string) {
	t.Helper()
	dir := t.TempDir()
	copyKB(t, dir)
	m, _ := newTestMain(t)
	m.reloaded = make(chan string, 4)
	m.ApplySettings(Settings{KBDir: dir})
	waitReload(t, m, "Réglages enregistrés")
	return m, dir
}

func openItem(t *testing.T, ed *Editor, id string) {
	t.Helper()
	for i, it := range ed.shown {
		if it.ID == id {
			ed.List.Select(i)
			return
		}
	}
	t.Fatalf("%s not listed", id)
}

func TestEditingValidatesAsYouTypeAndSavesTheFile(t *testing.T) {
	m, dir := newTestEditor(t)
	ed := m.Editor
	openItem(t, ed, "permis-perte-vol")
	ed.Text.SetText(strings.Replace(ed.Text.Text, "category: permis", "category: voiture", 1))
	if !strings.Contains(ed.Problems.Text, "catégorie « voiture »") || !strings.Contains(ed.Problems.Text, "ligne 5") {
		t.Errorf("problems: %q", ed.Problems.Text)
	}
	ed.Text.SetText(strings.Replace(ed.Text.Text, "category: voiture", "category: permis", 1) + "\nUne phrase ajoutée.\n")
	ed.SaveFile()
	data, err := os.ReadFile(filepath.Join(dir, "permis", "permis-perte-vol.md"))
	if err != nil || !strings.Contains(string(data), "Une phrase ajoutée.") {
		t.Fatalf("not saved: %v", err)
	}
	if !strings.Contains(ed.Status.Text, "Enregistré") {
		t.Errorf("status %q", ed.Status.Text)
	}
}

func TestAFileChangedByAColleagueIsNotOverwritten(t *testing.T) {
	m, dir := newTestEditor(t)
	ed := m.Editor
	openItem(t, ed, "permis-international")
	path := filepath.Join(dir, "permis", "permis-international.md")
	colleague := "---\nid: permis-international\n---\nversion du collègue\n"
	if err := os.WriteFile(path, []byte(colleague), 0o644); err != nil {
		t.Fatal(err)
	}
	ed.Text.SetText(ed.Text.Text + "\nma modification\n")
	ed.SaveFile()
	data, _ := os.ReadFile(path)
	if string(data) != colleague {
		t.Error("the colleague's version was overwritten")
	}
	if !strings.Contains(ed.Text.Text, "ma modification") {
		t.Error("the editor's text was lost")
	}
}

func TestTheEmbeddedBaseIsReadOnly(t *testing.T) {
	m, _ := newTestMain(t)
	if !m.Editor.readOnly.Visible() || !m.Editor.Save.Disabled() {
		t.Error("the embedded base is offered for editing")
	}
	before := m.Editor.Status.Text
	test.Tap(m.Editor.Save) // disabled: nothing is written, nothing is said
	if m.Editor.Status.Text != before {
		t.Errorf("saving the embedded base did something: %q", m.Editor.Status.Text)
	}
}

func TestChangesSinceTheReviewComeFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the feature is hidden")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "item.md")
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2026-01-10T10:00:00", "GIT_COMMITTER_DATE=2026-01-10T10:00:00",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@x", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@x")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	git("init", "-q")
	os.WriteFile(file, []byte("version relue\n"), 0o644)
	git("add", ".")
	git("commit", "-qm", "relu")
	os.WriteFile(file, []byte("version modifiée\n"), 0o644)
	// Whoever can write the shared folder writes its .git/config: every
	// program it names must stay unrun when an editor looks at the history.
	marker := filepath.Join(t.TempDir(), "ran")
	evil := filepath.Join(dir, "evil.sh")
	os.WriteFile(evil, []byte("#!/bin/sh\necho ran >> "+marker+"\ncat \"$@\" 2>/dev/null\n"), 0o755)
	for _, kv := range [][2]string{{"diff.external", evil}, {"core.fsmonitor", evil}, {"diff.evil.textconv", evil},
		{"filter.evil.clean", evil}, {"filter.evil.smudge", evil}, {"core.pager", evil}, {"core.hooksPath", dir}} {
		git("config", kv[0], kv[1])
	}
	os.WriteFile(filepath.Join(dir, ".gitattributes"), []byte("*.md diff=evil filter=evil\n"), 0o644)
	diff, ok := gitChanges(file, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), []byte("version modifiée\n"))
	if !ok || !strings.Contains(diff, "-version relue") || !strings.Contains(diff, "+version modifiée") {
		t.Errorf("ok %v diff %q", ok, diff)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("reading the history ran a program named in the repository's configuration")
	}
	if _, ok := gitChanges(filepath.Join(t.TempDir(), "x.md"), time.Now(), nil); ok {
		t.Error("a folder outside git shows a history")
	}
}

func TestEditorFilters(t *testing.T) {
	m, _ := newTestEditor(t)
	ed := m.Editor
	ed.Category.SetSelected("Permis de conduire")
	ed.Filter.SetSelected(filterReplies)
	if len(ed.shown) < 5 {
		t.Fatalf("%d permis replies", len(ed.shown))
	}
	for _, it := range ed.shown {
		if it.Category != "permis" || it.Kind != "reponse" {
			t.Errorf("%s listed", it.ID)
		}
	}
	ed.Category.SetSelected(allCategories)
	ed.Filter.SetSelected(filterErrors)
	if len(ed.shown) != 0 {
		t.Errorf("%d items with errors in a valid base", len(ed.shown))
	}
}

func TestRenamingTellsWhichItemsStillCiteTheOldID(t *testing.T) {
	m, dir := newTestEditor(t)
	link := filepath.Join(dir, "procedures", "procedure-relance.md")
	data, _ := os.ReadFile(link)
	os.WriteFile(link, append(data, []byte("\nVoir [l'escalade](procedure-escalade-situation-sensible).\n")...), 0o644)
	waitReload(t, m, "procedure-relance.md")
	ed := m.Editor
	openItem(t, ed, "procedure-escalade-situation-sensible")
	renameTo(ed, "procedure-escalade")
	if !strings.Contains(ed.Status.Text, "procedures/procedure-relance.md") {
		t.Errorf("status %q does not name the item that cites the old id", ed.Status.Text)
	}
	if _, err := os.Stat(filepath.Join(dir, "procedures", "procedure-escalade.md")); err != nil {
		t.Errorf("renamed file: %v", err)
	}
}

// Nothing can be typed or saved before a file is open: the text would go
// nowhere.
func TestEditorWaitsForAFileBeforeEditing(t *testing.T) {
	m, _ := newTestEditor(t)
	ed := m.Editor
	if !ed.Save.Disabled() || !ed.Text.Disabled() {
		t.Fatal("editing possible with no file open")
	}
	openItem(t, ed, "sejour-changement-statut")
	if ed.Save.Disabled() || ed.Text.Disabled() {
		t.Error("the open file cannot be edited")
	}
}

// The embedded base is read-only: nothing can be created, copied, renamed
// or removed there (Nouveau used to create folders in the working directory).
func TestReadOnlyBaseOffersNoFileActions(t *testing.T) {
	m, _ := newTestMain(t)
	for _, b := range m.Editor.fileActions {
		if !b.Disabled() {
			t.Errorf("%s offered on the embedded base", b.Text)
		}
	}
	m2, _ := newTestEditor(t)
	for _, b := range m2.Editor.fileActions {
		if b.Disabled() {
			t.Errorf("%s not offered on a knowledge-base folder", b.Text)
		}
	}
}
