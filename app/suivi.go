package app

import (
	"bytes"
	"fmt"
	"io"
	"plume/search"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"plume/journal"
	"plume/kb"
)

// Suivi is the « Suivi » tab: the desk's transfer journal, the entries to
// chase first (overdue, then sensitive), with filters, the states to set,
// the note that chases a service, and the export.
type Suivi struct {
	Content fyne.CanvasObject
	win     fyne.Window
	app     fyne.App
	journal *journal.Journal
	now     func() time.Time
	agent   func() string

	Where   *widget.Label
	Service *widget.Select
	State   *widget.Select
	Age     *widget.Select
	List    *choiceList
	Details *widget.Label

	Answered, Closed, WaitPerson, Reopen, Chase, Export *widget.Button
	Backup, Restore                                     *widget.Button
	// Note is the last chase note prepared, for the agent to read and copy.
	Note *widget.Entry

	entries  []journal.Entry // shown, filtered
	selected string          // the selected entry's key
	top      string          // the entry of the message being read, shown first
	// changed is called after the agent changes an entry (Main recounts).
	changed func()
}

// Filter choices.
const (
	openStates = "Ouverts"
	allStates  = "Tous les états"
	anyAge     = "Tout âge"
)

// ageChoices: business days since the transfer (« Plus de 5 jours
// ouvrés » depuis le transfert).
var ageChoices = []struct {
	label string
	days  int
}{{anyAge, 0}, {"Plus de 5 jours ouvrés", 5}, {"Plus de 10 jours ouvrés", 10}, {"Plus de 20 jours ouvrés", 20}}

// NewSuivi builds the tab; the journal arrives through SetJournal.
func NewSuivi(a fyne.App, w fyne.Window, now func() time.Time, agent func() string) *Suivi {
	s := &Suivi{app: a, win: w, now: now, agent: agent, changed: func() {}}
	s.Where = wrappedLabel("Journal des transferts : ouverture…", false)
	services := []string{allServices}
	for _, c := range kb.Services {
		if c.Code != kb.ServiceAccueil {
			services = append(services, c.Label)
		}
	}
	s.Service = widget.NewSelect(services, func(string) { s.Refresh() })
	s.Service.SetSelected(allServices)
	states := []string{openStates, allStates}
	for _, st := range journal.States {
		states = append(states, st.Label())
	}
	s.State = widget.NewSelect(states, func(string) { s.Refresh() })
	s.State.SetSelected(openStates)
	var ages []string
	for _, c := range ageChoices {
		ages = append(ages, c.label)
	}
	s.Age = widget.NewSelect(ages, func(string) { s.Refresh() })
	s.Age.SetSelected(anyAge)

	s.List = newTwoLineList(func() int { return len(s.entries) },
		func(i int) (string, string) { return s.rowTexts(s.entries[i]) },
		func(i int) { s.selected = s.entries[i].Key; s.showDetails() })
	s.Details = wrappedLabel("Choisissez un transfert dans la liste.", false)
	s.Answered = widget.NewButtonWithIcon("Répondu", theme.ConfirmIcon(), func() { s.Mark(journal.Answered) })
	s.Closed = widget.NewButtonWithIcon("Clore", theme.DeleteIcon(), func() { s.Mark(journal.Closed) })
	s.WaitPerson = widget.NewButtonWithIcon("En attente de l'usager", theme.HistoryIcon(), func() { s.Mark(journal.WaitingPerson) })
	s.Reopen = widget.NewButtonWithIcon("En attente du service", theme.MailForwardIcon(), func() { s.Mark(journal.WaitingService) })
	s.Chase = widget.NewButtonWithIcon("Préparer la relance du service", theme.MailSendIcon(), s.ShowChase)
	s.Chase.Importance = widget.HighImportance
	s.Export = widget.NewButtonWithIcon("Exporter (CSV)", theme.DocumentSaveIcon(), s.ShowExport)
	s.Backup = widget.NewButtonWithIcon("Sauvegarder le journal", theme.DownloadIcon(), s.ShowBackup)
	s.Restore = widget.NewButtonWithIcon("Importer un journal", theme.UploadIcon(), s.ShowImport)
	s.Note = widget.NewMultiLineEntry()
	s.Note.Wrapping = fyne.TextWrapWord

	filters := container.NewGridWithColumns(3, s.Service, s.State, s.Age)
	actions := container.NewVBox(
		container.NewGridWithColumns(2, s.Answered, s.Closed),
		container.NewGridWithColumns(2, s.WaitPerson, s.Reopen),
		s.Chase)
	right := container.NewBorder(actions, nil, nil, nil, container.NewVScroll(s.Details))
	split := container.NewHSplit(s.List, right)
	split.Offset = 0.6
	s.Content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(s.Backup, s.Restore), s.Where),
		container.NewBorder(nil, nil, nil, s.Export, filters)), nil, nil, nil, split)
	s.enable(false)
	return s
}

// SetJournal shows a journal (UI goroutine).
func (s *Suivi) SetJournal(j *journal.Journal) {
	s.journal = j
	s.Refresh()
}

// Top puts the entry of key first in the list and selects it: the message
// being read is about it.
func (s *Suivi) Top(key string) {
	s.top = key
	s.selected = key
	s.Refresh()
}

// Refresh reads the journal again into the list, with the filters.
func (s *Suivi) Refresh() {
	if s.journal == nil {
		return
	}
	now := s.now()
	where := "Journal des transferts : " + s.journal.Where()
	if !filesOnDisk {
		where += " — gardé dans ce navigateur uniquement : exportez-le pour le garder ailleurs."
	}
	if n, err := s.journal.Unwritten(); n > 0 {
		where += fmt.Sprintf(" — %d changement(s) pas encore écrit(s) : %v. Ils restent en mémoire et seront écrits dès que possible.", n, err)
	}
	if probs := s.journal.Problems(); len(probs) > 0 {
		where += fmt.Sprintf(" — %d ligne(s) illisible(s) laissée(s) de côté, dont %s", len(probs), probs[0])
	}
	s.Where.SetText(where)

	var shown, top []journal.Entry
	for _, e := range s.journal.Entries() {
		if !s.keep(e, now) && e.Key != s.top {
			continue
		}
		if e.Key == s.top {
			top = append(top, e)
			continue
		}
		shown = append(shown, e)
	}
	s.entries = append(top, shown...)
	s.List.Refresh()
	s.List.UnselectAll()
	for i, e := range s.entries {
		if e.Key == s.selected {
			s.List.Select(i)
			s.List.ScrollTo(i)
		}
	}
	s.showDetails()
}

func (s *Suivi) keep(e journal.Entry, now time.Time) bool {
	if sv := s.Service.Selected; sv != allServices && kb.Label(kb.Services, e.Service) != sv {
		return false
	}
	switch st := s.State.Selected; st {
	case openStates:
		if !e.State.Open() {
			return false
		}
	case allStates:
	default:
		if e.State.Label() != st {
			return false
		}
	}
	for _, c := range ageChoices {
		if c.label == s.Age.Selected && c.days > 0 && kb.BusinessDaysBetween(e.Transmitted, now) <= c.days {
			return false
		}
	}
	return true
}

func (s *Suivi) rowTexts(e journal.Entry) (string, string) {
	now := s.now()
	// What calls for action comes first: a narrow column cuts the end.
	title := e.Ref
	if o := e.Overrun(now); o != "" {
		title += " · EN RETARD de " + o
	} else if e.DueToday(now) {
		title += " · À RELANCER AUJOURD'HUI"
	}
	title += " · " + kb.Label(kb.Services, e.Service) + " · " + e.State.Label()
	parts := []string{"transmis le " + kb.FrenchDate(e.Transmitted), "échéance le " + kb.FrenchDate(e.Due)}
	if len(e.Reasons) > 0 {
		parts = append(parts, "sensible : "+search.ReasonLabels(e.Reasons))
	}
	if e.Relance {
		parts = append(parts, "relance")
	}
	for _, x := range []string{e.Name, e.Subject} {
		if x != "" {
			parts = append(parts, x)
		}
	}
	return title, strings.Join(parts, " · ")
}

// selectedEntry is the entry selected in the list.
func (s *Suivi) selectedEntry() (journal.Entry, bool) {
	if s.journal == nil || s.selected == "" {
		return journal.Entry{}, false
	}
	return s.journal.Entry(s.selected)
}

func (s *Suivi) enable(on bool) {
	for _, b := range []*widget.Button{s.Answered, s.Closed, s.WaitPerson, s.Reopen, s.Chase} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (s *Suivi) showDetails() {
	e, ok := s.selectedEntry()
	s.enable(ok)
	if !ok {
		s.Details.SetText("Choisissez un transfert dans la liste.")
		return
	}
	now := s.now()
	lines := []string{
		e.Ref + " — " + e.State.Label(),
		"Service : " + kb.Label(kb.Services, e.Service),
		"Reçu le " + kb.FrenchDate(e.Received) + ", transmis le " + kb.FrenchDate(e.Transmitted) + orEmpty(" par ", e.Agent),
		"Échéance : " + kb.FrenchDate(e.Due) + orEmpty(" — en retard de ", e.Overrun(now)),
		"Catégorie : " + kb.Label(kb.Categories, e.Category),
	}
	if len(e.Reasons) > 0 {
		lines = append(lines, "Situation sensible : "+search.ReasonLabels(e.Reasons))
	}
	if e.Relance {
		lines = append(lines, "Le message transmis était déjà une relance.")
	}
	lines = append(lines, "Pour le retrouver : "+strings.Join(nonEmpty(strings.Join(e.Numbers, ", "), e.Email, e.Name, e.Subject), " · "))
	if n := len(e.Written); n > 0 {
		lines = append(lines, fmt.Sprintf("La personne a réécrit %d fois depuis, la dernière le %s.", n, kb.FrenchDate(e.Written[n-1])))
	}
	if n := len(e.Chased); n > 0 {
		lines = append(lines, fmt.Sprintf("Service relancé %d fois, la dernière le %s.", n, kb.FrenchDate(e.Chased[n-1])))
	}
	s.Details.SetText(strings.Join(lines, "\n"))
}

func orEmpty(prefix, v string) string {
	if v == "" {
		return ""
	}
	return prefix + v
}

func nonEmpty(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// Mark moves the selected entry to state st.
func (s *Suivi) Mark(st journal.State) {
	e, ok := s.selectedEntry()
	if !ok {
		return
	}
	err := s.journal.SetState(e.Key, st)
	s.Refresh()
	s.changed()
	if err != nil {
		s.Where.SetText(err.Error() + " — le changement est gardé en mémoire.")
	}
}

// PrepareChase writes the note that chases the service of the selected
// entry into Note.
func (s *Suivi) PrepareChase() string {
	e, ok := s.selectedEntry()
	if !ok {
		return ""
	}
	s.Note.SetText(journal.ChaseNote(e, s.now(), s.agent()))
	return s.Note.Text
}

// CopyChase copies the chase note and records that the service was chased.
func (s *Suivi) CopyChase() {
	e, ok := s.selectedEntry()
	if !ok || s.Note.Text == "" {
		return
	}
	s.app.Clipboard().SetContent(s.Note.Text)
	_ = s.journal.Chased(e.Key)
	s.Refresh()
	s.changed()
}

// ShowChase opens the chase note for the agent to read, adjust and copy.
func (s *Suivi) ShowChase() {
	if s.PrepareChase() == "" {
		return
	}
	s.Note.SetMinRowsVisible(14)
	var d dialog.Dialog
	copyBtn := widget.NewButtonWithIcon("Copier et noter la relance", theme.ContentCopyIcon(), func() {
		s.CopyChase()
		d.Hide()
	})
	copyBtn.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("Relance du service", container.NewBorder(nil,
		container.NewHBox(widget.NewButton("Fermer", func() { d.Hide() }), copyBtn), nil, nil, s.Note), s.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// ExportCSV writes the entries shown (filters applied) as CSV.
func (s *Suivi) ExportCSV(w io.Writer) error {
	return journal.WriteCSV(w, s.entries, s.now())
}

// ShowExport saves the CSV of the entries shown.
func (s *Suivi) ShowExport() {
	if s.journal != nil {
		exportFile(s.win, "suivi-transferts-"+s.now().Format("2006-01-02")+".csv", s.ExportCSV, s.saved)
	}
}

// ShowBackup saves the whole journal (every event, one JSON line each):
// the browser's journal lives in this browser only, and a post changes.
func (s *Suivi) ShowBackup() {
	if s.journal != nil {
		exportFile(s.win, "journal-transferts-"+s.now().Format("2006-01-02")+".jsonl", s.journal.Export, s.saved)
	}
}

func (s *Suivi) saved(where string) { s.Where.SetText("Enregistré : " + where) }

// exportFile saves what write produces under name (a file dialog on the
// desktop, a download in the page); a failure is shown, a success told to
// saved.
func exportFile(win fyne.Window, name string, write func(io.Writer) error, saved func(where string)) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		dialog.ShowError(err, win)
		return
	}
	saveFile(win, name, buf.Bytes(), func(where string, err error) {
		switch {
		case err != nil:
			dialog.ShowError(err, win)
		case where != "" && saved != nil:
			saved(where)
		}
	})
}

// ShowImport adds the events of a saved journal.
func (s *Suivi) ShowImport() {
	if s.journal == nil {
		return
	}
	openFile(s.win, func(name string, data []byte, err error) {
		if err != nil {
			dialog.ShowError(err, s.win)
			return
		}
		if name == "" {
			return
		}
		s.Import(name, data)
	})
}

// Import adds the events of a saved journal and says how many.
func (s *Suivi) Import(name string, data []byte) {
	n, probs, err := s.journal.Import(name, data)
	s.Refresh()
	s.changed()
	msg := fmt.Sprintf("Journal importé de %s : %d événement(s) ajouté(s)", name, n)
	if len(probs) > 0 {
		msg += fmt.Sprintf(", %d ligne(s) illisible(s) laissée(s) de côté (%s)", len(probs), probs[0])
	}
	if err != nil {
		msg += " — " + err.Error()
	}
	s.Where.SetText(msg + ".")
}
