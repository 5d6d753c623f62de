package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// command is one action of the window, in one place for its menu item, its
// keyboard shortcut and its line in the shortcuts help.
type command struct {
	menu     string // the menu it belongs to
	label    string // the menu item
	help     string // its line in the shortcuts help
	key      fyne.KeyName
	keyLabel string // "" : "Ctrl+" and the key's name
	do       func()
}

// shortcut is Ctrl (Cmd on a Mac) with the command's key.
func (c command) shortcut() fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: c.key, Modifier: fyne.KeyModifierShortcutDefault}
}

func (c command) keys() string {
	if c.keyLabel != "" {
		return c.keyLabel
	}
	return "Ctrl+" + string(c.key)
}

// commands lists the window's actions, in menu order.
func (m *Main) commands() []command {
	return []command{
		{menu: "Plume", label: "Réglages…", help: "réglages (profil, signature, base de connaissances)",
			key: settingsKey, keyLabel: settingsKeyLabel, do: m.ShowSettings},
		{menu: "Message", label: "Revenir au message", help: "revenir au message", key: fyne.KeyR, do: func() {
			m.Tabs.SelectIndex(0)
			m.win.Canvas().Focus(m.Assistant.Body)
		}},
		{menu: "Message", label: "Confirmer ce qui est à vérifier", help: "confirmer la relance ou la situation sensible « à vérifier »",
			key: fyne.KeyJ, do: func() { m.Assistant.Confirm("") }},
		{menu: "Message", label: "Copier la réponse", help: "copier la réponse", key: fyne.KeyE, do: m.Assistant.CopyReply},
		{menu: "Message", label: "Transmettre à un service…", help: "transmettre le message à un service (journal des transferts)", key: fyne.KeyT, do: func() {
			if m.Journal == nil {
				m.Status.SetText("Le journal des transferts n'est pas encore ouvert.")
				return
			}
			m.Tabs.SelectIndex(0)
			m.Assistant.ShowTransmit()
		}},
		{menu: "Suivi", label: "Suivi des transferts", help: "onglet Suivi (transferts en retard d'abord)", key: fyne.KeyU, do: func() {
			m.Tabs.Select(m.tab(m.Suivi.Content))
			m.Suivi.Refresh()
		}},
		{menu: "Suivi", label: "Tableau de bord", help: "tableau de bord de la boîte", key: fyne.KeyB, do: func() {
			m.Tabs.Select(m.tab(m.Dashboard.Content))
		}},
		{menu: "Base de connaissances", label: "Chercher…", help: "chercher dans la base de connaissances", key: fyne.KeyK, do: func() {
			// The message lets go first: in the browser the tab takes a
			// moment to draw, and keys typed meanwhile went into the message.
			m.win.Canvas().Unfocus()
			m.Tabs.SelectIndex(1)
			m.win.Canvas().Focus(m.Browser.Search)
		}},
		{menu: "Base de connaissances", label: "Enregistrer le fichier", help: "enregistrer (onglet Rédaction)", key: fyne.KeyS, do: func() {
			if m.Tabs.SelectedIndex() != 2 {
				m.Status.SetText("Ctrl+S enregistre le fichier ouvert dans l'onglet Rédaction.")
				return
			}
			m.Editor.SaveFile()
		}},
		{menu: "Aide", label: "Raccourcis clavier", help: "cette aide", key: fyne.KeyH, do: m.ShowHelp},
	}
}

// mainMenu carries the shortcuts: Fyne gives a key to the focused field
// first, and only the main menu's shortcuts come before it, so a shortcut
// registered on the canvas would never fire while the agent is typing.
func (m *Main) mainMenu() *fyne.MainMenu {
	var menus []*fyne.Menu
	byName := map[string]*fyne.Menu{}
	for _, c := range m.commands() {
		menu := byName[c.menu]
		if menu == nil {
			menu = fyne.NewMenu(c.menu)
			byName[c.menu] = menu
			menus = append(menus, menu)
		}
		item := fyne.NewMenuItem(c.label, c.do)
		item.Shortcut = c.shortcut()
		menu.Items = append(menu.Items, item)
	}
	return fyne.NewMainMenu(menus...)
}

// ShowHelp lists the keyboard shortcuts.
func (m *Main) ShowHelp() {
	var b strings.Builder
	line := func(keys, what string) { fmt.Fprintf(&b, "%-8s %s\n", keys, what) }
	for _, c := range m.commands() {
		line(c.keys(), c.help)
	}
	line("Ctrl+V", "coller le message (dans la zone du message)")
	b.WriteString("Haut, Bas puis Entrée   choisir une suggestion")
	l := widget.NewLabel(b.String())
	l.TextStyle.Monospace = true
	dialog.ShowCustom("Raccourcis clavier", "Fermer", l, m.win)
}

// tab returns the tab showing content.
func (m *Main) tab(content fyne.CanvasObject) *container.TabItem {
	for _, ti := range m.Tabs.Items {
		if ti.Content == content || m.shows[ti] == content {
			return ti
		}
	}
	return m.Tabs.Items[0]
}
