package app

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"plume/compose"
	"plume/kb/bundle"
)

// Settings are the agent's choices, kept in Fyne's preferences (a file in
// the user's configuration folder; localStorage in the browser). Nothing of
// the messages is stored.
type Settings struct {
	Profile  compose.Profile
	KBDir    string // empty: the embedded knowledge base
	SiteFile string // empty: the knowledge base's own site.yaml
	// JournalDir is the transfer journal's folder; empty: the user's
	// configuration folder. A desk shares one.
	JournalDir string
}

const (
	prefPrenom    = "agent.prenom"
	prefNom       = "agent.nom"
	prefFonction  = "agent.fonction"
	prefService   = "agent.service"
	prefSignature = "agent.signature"
	prefKBDir     = "kb.dossier"
	prefSiteFile  = "kb.site"
)

// LoadSettings reads the settings from p.
func LoadSettings(p fyne.Preferences) Settings {
	return Settings{
		Profile: compose.Profile{
			Prenom: p.String(prefPrenom), Nom: p.String(prefNom),
			Fonction: p.String(prefFonction), Service: p.String(prefService),
			Signature: p.String(prefSignature),
		},
		KBDir:      p.String(prefKBDir),
		SiteFile:   p.String(prefSiteFile),
		JournalDir: p.String(prefJournalDir),
	}
}

// Save writes the settings to p.
func (s Settings) Save(p fyne.Preferences) {
	p.SetString(prefPrenom, s.Profile.Prenom)
	p.SetString(prefNom, s.Profile.Nom)
	p.SetString(prefFonction, s.Profile.Fonction)
	p.SetString(prefService, s.Profile.Service)
	p.SetString(prefSignature, s.Profile.Signature)
	p.SetString(prefKBDir, s.KBDir)
	p.SetString(prefSiteFile, s.SiteFile)
	p.SetString(prefJournalDir, s.JournalDir)
}

// SettingsForm is the settings dialog's form, kept for tests.
type SettingsForm struct {
	Prenom, Nom, Fonction, Service, KBDir, SiteFile, JournalDir *widget.Entry
	Signature                                                   *widget.Entry
	Form                                                        *widget.Form
}

// newSettingsForm builds the form filled with s; onSave gets the new
// settings when the agent confirms.
func newSettingsForm(s Settings, onSave func(Settings)) *SettingsForm {
	entry := func(v, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(v)
		e.SetPlaceHolder(placeholder)
		return e
	}
	f := &SettingsForm{
		Prenom:     entry(s.Profile.Prenom, "Prénom"),
		Nom:        entry(s.Profile.Nom, "Nom"),
		Fonction:   entry(s.Profile.Fonction, "ex. : chargée d'accueil"),
		Service:    entry(s.Profile.Service, "ex. : service des relations avec les usagers"),
		KBDir:      entry(s.KBDir, "vide : la base intégrée ; sinon le dossier partagé des rédacteurs"),
		SiteFile:   entry(s.SiteFile, "vide : le site.yaml de la base"),
		JournalDir: entry(s.JournalDir, "vide : "+defaultJournalDir()),
	}
	f.Signature = widget.NewMultiLineEntry()
	f.Signature.SetText(s.Profile.Signature)
	f.Signature.SetPlaceHolder("vide : composée à partir des champs ci-dessus")
	f.Signature.SetMinRowsVisible(4)
	items := []*widget.FormItem{
		{Text: "Prénom", Widget: f.Prenom},
		{Text: "Nom", Widget: f.Nom},
		{Text: "Fonction", Widget: f.Fonction},
		{Text: "Service", Widget: f.Service},
		{Text: "Signature", Widget: f.Signature, HintText: "bloc signature des réponses"},
	}
	if filesOnDisk { // the browser's base is the one published with the page
		items = append(items,
			&widget.FormItem{Text: "Base de connaissances", Widget: f.KBDir, HintText: "dossier de fichiers Markdown"},
			&widget.FormItem{Text: "Faits locaux", Widget: f.SiteFile, HintText: "fichier site.yaml de la préfecture"},
			&widget.FormItem{Text: "Journal des transferts", Widget: f.JournalDir, HintText: "dossier partagé par l'équipe, ou vide pour ce poste seul"})
	}
	f.Form = &widget.Form{
		Items:      items,
		SubmitText: "Enregistrer",
		OnSubmit: func() {
			onSave(Settings{
				Profile: compose.Profile{
					Prenom: strings.TrimSpace(f.Prenom.Text), Nom: strings.TrimSpace(f.Nom.Text),
					Fonction: strings.TrimSpace(f.Fonction.Text), Service: strings.TrimSpace(f.Service.Text),
					Signature: strings.TrimSpace(f.Signature.Text),
				},
				KBDir:      strings.TrimSpace(f.KBDir.Text),
				SiteFile:   strings.TrimSpace(f.SiteFile.Text),
				JournalDir: strings.TrimSpace(f.JournalDir.Text),
			})
		},
	}
	f.KBDir.Validator = func(v string) error { return checkPath(v, true) }
	f.SiteFile.Validator = func(v string) error { return checkPath(v, false) }
	// Entrée in a one-line field saves, as in any dialog; the signature
	// keeps Entrée for its new lines.
	f.JournalDir.Validator = func(v string) error { return checkPath(v, true) }
	for _, e := range []*widget.Entry{f.Prenom, f.Nom, f.Fonction, f.Service, f.KBDir, f.SiteFile, f.JournalDir} {
		e.OnSubmitted = func(string) { f.Submit() }
	}
	return f
}

// Submit saves as the Enregistrer button does, unless a field is invalid
// (its message is already shown under it).
func (f *SettingsForm) Submit() {
	if f.Form.Validate() == nil {
		f.Form.OnSubmit()
	}
}

// checkPath refuses a folder or file that does not exist, with a French
// message, before anything is saved.
func checkPath(v string, dir bool) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	st, err := os.Stat(v)
	switch {
	case err != nil:
		return errFrench("introuvable : " + v)
	case dir && !st.IsDir() && !strings.EqualFold(filepath.Ext(v), bundle.Ext):
		return errFrench("ce n'est ni un dossier ni un paquet .bundle")
	case !dir && st.IsDir():
		return errFrench("ce n'est pas un fichier")
	}
	return nil
}

type errFrench string

func (e errFrench) Error() string { return string(e) }

// ShowSettings opens the settings dialog.
func (m *Main) ShowSettings() {
	var d dialog.Dialog
	f := newSettingsForm(m.settings, func(s Settings) {
		m.ApplySettings(s)
		d.Hide()
	})
	d = dialog.NewCustomWithoutButtons("Réglages", container.NewVBox(f.Form,
		widget.NewButton("Annuler", func() { d.Hide() })), m.win)
	d.Resize(fyne.NewSize(640, 520))
	d.Show()
	m.win.Canvas().Focus(f.Prenom) // type at once, Entrée saves
}
