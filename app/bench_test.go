package app

import (
	"fmt"
	"os"
	"path/filepath"
	"plume/search"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"plume/kb"
)

// Issue 4: no frame longer than 50 ms while typing. The reading runs off
// the UI goroutine; what runs on it per keystroke is show(): banner,
// suggestions, composing and rendering the reply. Both are measured here.
func BenchmarkKeystroke(b *testing.B) {
	a := test.NewTempApp(b)
	w := a.NewWindow("Plume")
	defer w.Close()
	m := NewMain(a, w)
	l := LoadKB("", "", testClock)
	if l.Err != nil {
		b.Fatal(l.Err)
	}
	m.SetLoaded(l)
	msg := search.SampleMessages[0]
	analysis, err := l.Engine.Analyze(msg)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("analyse hors interface", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := l.Engine.Analyze(msg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("affichage sur le fil de l'interface", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			m.Assistant.show(analysis)
		}
	})
}

// Issue 5: a knowledge base of 1,000 items opens in the editor in ≤ 1 s
// (read, validate, index, list) and a changed item re-validates in ≤ 20 ms
// (kb.BenchmarkCheckItem).
func BenchmarkOpenEditor1000(b *testing.B) {
	base := loadedKB().KB
	dir := b.TempDir()
	for _, it := range kb.Synthesize(base, 1000, 1).Items {
		text := fmt.Sprintf("---\nid: %s\ntitle: %q\nkind: %s\ncategory: %s\nservice: %s\ntransfer: %v\nkeywords: [%s]\nreviewed: 2026-11-25\nsource: https://www.service-public.fr/\nexpires: 2027-06-30\nrole: ouverture\nlang: fr\n---\n%s\n",
			it.ID, it.Title, it.Kind, it.Category, it.Service, it.Transfer, strings.Join(it.Keywords, ", "), it.Body)
		if err := os.WriteFile(filepath.Join(dir, it.ID+".md"), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	a := test.NewTempApp(b)
	w := a.NewWindow("Plume")
	defer w.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l := LoadKB(dir, "", testClock)
		if l.Err != nil || len(l.KB.Items) != 1000 {
			b.Fatalf("%v, %d items", l.Err, len(l.KB.Items))
		}
		ed := NewEditor(w)
		ed.SetKB(l.KB, l.Base)
	}
}
