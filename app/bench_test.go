package app

import (
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
	l := LoadKB("", "")
	if l.Err != nil {
		b.Fatal(l.Err)
	}
	m.SetLoaded(l)
	msg := kb.SampleMessages[0]
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
