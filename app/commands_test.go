package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// menuAction finds the main-menu item that answers the shortcut Ctrl+key,
// as Fyne's driver does before the focused field sees the key.
func menuAction(t *testing.T, m *Main, key fyne.KeyName) func() {
	t.Helper()
	want := (command{key: key}).shortcut().ShortcutName()
	for _, menu := range m.win.MainMenu().Items {
		for _, item := range menu.Items {
			if item.Shortcut != nil && item.Shortcut.ShortcutName() == want {
				return item.Action
			}
		}
	}
	t.Fatalf("no menu item for %s", want)
	return nil
}

// The shortcuts live in the main menu, so they work while the agent types
// in the message; each is distinct and listed in the help.
func TestShortcutsWorkFromTheMenuWhileTyping(t *testing.T) {
	m, _ := newTestMain(t)
	seen := map[string]bool{}
	for _, c := range m.commands() {
		name := c.shortcut().ShortcutName()
		if seen[name] {
			t.Errorf("two commands on %s", c.keys())
		}
		seen[name] = true
	}
	if m.win.Canvas().Focused() != m.Assistant.Body {
		t.Fatal("the message area is not focused at start")
	}
	menuAction(t, m, fyne.KeyK)()
	if m.Tabs.SelectedIndex() != 1 || m.win.Canvas().Focused() != m.Browser.Search {
		t.Errorf("Ctrl+K: tab %d, focus %v", m.Tabs.SelectedIndex(), m.win.Canvas().Focused())
	}
	menuAction(t, m, fyne.KeyR)()
	if m.Tabs.SelectedIndex() != 0 || m.win.Canvas().Focused() != m.Assistant.Body {
		t.Errorf("Ctrl+R: tab %d, focus %v", m.Tabs.SelectedIndex(), m.win.Canvas().Focused())
	}
}

// What the page's paste event gives goes into the focused field, as Ctrl+V
// does; with nothing focused it becomes the message, read at once.
func TestPastedTextGoesToTheFocusedFieldOrTheMessage(t *testing.T) {
	m, _ := newTestMain(t)
	m.win.Canvas().Focus(m.Assistant.Subject)
	m.paste("Titre de séjour")
	if m.Assistant.Subject.Text != "Titre de séjour" || m.Assistant.Body.Text != "" {
		t.Errorf("subject %q, body %q", m.Assistant.Subject.Text, m.Assistant.Body.Text)
	}
	m.win.Canvas().Unfocus()
	m.paste("Objet : Carte grise\nBonjour, comment faire le changement de titulaire de la carte grise ?")
	if m.Assistant.Subject.Text != "Carte grise" || !strings.Contains(m.Assistant.Body.Text, "changement de titulaire") {
		t.Errorf("subject %q, body %q", m.Assistant.Subject.Text, m.Assistant.Body.Text)
	}
	if m.Assistant.analysis.Category != "immatriculation" {
		t.Errorf("pasted message not read: category %q", m.Assistant.analysis.Category)
	}
}
