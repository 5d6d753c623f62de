package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"plume/kb"
	"plume/templates"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// testClock is the day the tests' engines judge dates by (Wednesday 25
// November 2026), whatever day the suite runs.
func testClock() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local) }

// loadedKB is the embedded knowledge base, loaded and indexed once.
var loadedKB = sync.OnceValue(func() Loaded { return LoadKB("", "", testClock) })

func newTestUI(t *testing.T) *Browser {
	t.Helper()
	test.NewTempApp(t)
	ui := NewBrowser()
	l := loadedKB()
	if l.Err != nil {
		t.Fatal(l.Err)
	}
	ui.SetKB(l.KB)
	return ui
}

func TestWindowListsTheKnowledgeBase(t *testing.T) {
	ui := newTestUI(t)
	if n := len(ui.Shown()); n < 60 {
		t.Fatalf("%d items listed, want the whole knowledge base", n)
	}
}

func TestFinderFindsSejourInSéjour(t *testing.T) {
	ui := newTestUI(t)
	test.Type(ui.Search, "sejour")
	shown := ui.Shown()
	if len(shown) == 0 {
		t.Fatal("« sejour » finds nothing")
	}
	if !strings.Contains(strings.ToLower(shown[0]), "séjour") {
		t.Errorf("first result %q does not contain « séjour »", shown[0])
	}
	if ui.Title.Text != shown[0] {
		t.Errorf("detail shows %q, not the first result %q", ui.Title.Text, shown[0])
	}
}

func TestCategoryFilter(t *testing.T) {
	ui := newTestUI(t)
	ui.Category.SetSelected("Permis de conduire")
	shown := ui.Shown()
	if len(shown) < 5 {
		t.Fatalf("%d permis items", len(shown))
	}
	for _, it := range ui.shown {
		if it.Item.Category != "permis" {
			t.Errorf("%s (%s) listed under permis", it.Item.ID, it.Item.Category)
		}
	}
}

func TestPreviewFillsLocalFactsFromTheSiteFile(t *testing.T) {
	ui := newTestUI(t)
	test.Type(ui.Search, "rendez-vous creneau")
	if len(ui.shown) == 0 {
		t.Fatal("no item found for « rendez-vous creneau »")
	}
	it := ui.shown[0].Item
	var keys []string
	for _, p := range kb.Placeholders(it.Body) {
		if key, ok := strings.CutPrefix(p.Name, "site."); ok {
			keys = append(keys, key)
		}
	}
	if len(keys) == 0 {
		t.Fatalf("%s uses no local fact: the test needs an item that does", it.ID)
	}
	text := ui.Body.String()
	if strings.Contains(text, "{{") {
		t.Errorf("preview shows raw placeholders: %q", text)
	}
	// Every local fact is in the text the preview renders (the widget's
	// String leaves list items out, so the first fact is also looked for
	// on screen). The embedded site file's values are themselves « [à
	// renseigner] », which the preview shows between spaced brackets.
	filled := ui.kb.Preview(it)
	for i, key := range keys {
		v := strings.Trim(ui.kb.Site[key], "[] ")
		if v == "" || !strings.Contains(filled, v) || i == 0 && !strings.Contains(text, v) {
			t.Errorf("the preview of %s does not show site.%s (%q)", it.ID, key, v)
		}
	}
}

func TestBrokenFolderIsReportedInTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Plume")
	defer w.Close()
	m := NewMain(a, w)
	m.SetLoaded(LoadKB("/nonexistent/plume-kb", "", testClock))
	if !strings.Contains(m.Status.Text, "introuvable") {
		t.Errorf("status %q", m.Status.Text)
	}
	if m.Progress.Visible() {
		t.Error("progress bar still shown after loading")
	}
}

// A bundle whose prepared engine this build cannot use (another version of
// Plume made it) still serves its base, read from its files, and the status
// line says why the start was slower and how to mend it.
func TestSetAsidePreparedEngineIsSaidInTheWindow(t *testing.T) {
	var buf bytes.Buffer
	stale := func(*kb.KB) ([]byte, error) { return []byte("moteur d'une autre version"), nil }
	if _, err := kb.WriteBundle(&buf, templates.FS, testClock(), nil, stale); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kb.bundle")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("Plume")
	defer w.Close()
	m := NewMain(a, w)
	l := LoadKB(path, "", testClock)
	if l.Err != nil {
		t.Fatal(l.Err)
	}
	defer l.Engine.Close()
	m.SetLoaded(l)
	if !strings.Contains(m.Status.Text, "plume kb export") || !strings.Contains(m.Status.Text, fmt.Sprintf("%d éléments", len(l.KB.Items))) {
		t.Errorf("status %q", m.Status.Text)
	}
}
