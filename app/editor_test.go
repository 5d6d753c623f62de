package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	test.Tap(m.Editor.Save) // nothing happens, nothing breaks
}
