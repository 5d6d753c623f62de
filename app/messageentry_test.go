package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// A hostile or mistaken paste (a log, a whole mailbox export, one endless
// line) must not freeze the window: the field keeps at most maxWindowBytes,
// says so, and stops wrapping a line too long to wrap.
func TestAHugePasteIsCutAndSaidSo(t *testing.T) {
	m, a := newTestMain(t)
	as := m.Assistant
	huge := "Objet : passeport\nBonjour, je vous ai déjà écrit deux fois. " + strings.Repeat("x", 1<<20)
	a.Clipboard().SetContent(huge)
	test.Tap(as.Paste)
	if n := len(as.Body.Text); n > maxWindowBytes || n < maxWindowBytes-4 {
		t.Fatalf("%d bytes in the field", n)
	}
	if !strings.HasPrefix(as.Body.Text, "Bonjour, je vous ai déjà écrit") || as.Subject.Text != "passeport" {
		t.Error("the start of the message is not what is kept")
	}
	if as.Body.Wrapping != fyne.TextWrapOff {
		t.Error("a 32 KB line is still wrapped on words")
	}
	if !as.Banner.Visible() || !strings.Contains(as.BannerTitle.Text, "TRONQUÉ") || !strings.Contains(as.BannerText.Text, "reste dans votre messagerie") {
		t.Errorf("the cut is not said: %q %q", as.BannerTitle.Text, as.BannerText.Text)
	}

	// Ctrl+V into the field: cut to what is left of the room.
	as.Body.SetText("")
	as.Body.setMessage("Bonjour,\n")
	w := test.NewWindow(as.Body)
	defer w.Close()
	w.Canvas().Focus(as.Body)
	as.Body.TypedShortcut(&fyne.ShortcutPaste{Clipboard: textClipboard(strings.Repeat("ligne de journal\n", 4000))})
	if n := len(as.Body.Text); n > maxWindowBytes {
		t.Errorf("Ctrl+V put %d bytes in the field", n)
	}
	if as.Body.Wrapping != fyne.TextWrapWord {
		t.Error("short lines are not wrapped on words")
	}

	// A new, ordinary message: no notice left over.
	paste(t, m, a, "Bonjour, où en est mon passeport ?")
	if strings.Contains(as.BannerTitle.Text, "TRONQUÉ") && as.Banner.Visible() {
		t.Error("the notice stays on the next message")
	}
}
