package app

import (
	"errors"
	"fmt"
	"plume/search"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"plume/journal"
	"plume/kb"
)

// transmitServices are the services a message is forwarded to.
func transmitServices() []kb.Code {
	var out []kb.Code
	for _, c := range kb.Services {
		if c.Code != kb.ServiceAccueil {
			out = append(out, c)
		}
	}
	return out
}

// ShowTransmit asks which service the message goes to (the analysis'
// choice first) and whether it is urgent, then records the transfer.
func (as *Assistant) ShowTransmit() {
	if as.journal == nil {
		return
	}
	a := as.analysis
	var labels []string
	for _, c := range transmitServices() {
		labels = append(labels, c.Label)
	}
	service := widget.NewSelect(labels, nil)
	service.SetSelected(labels[0])
	for _, c := range transmitServices() {
		if c.Code == a.Service {
			service.SetSelected(c.Label)
		}
	}
	urgent := widget.NewCheck(fmt.Sprintf("Urgent : échéance en heures (%d h) plutôt qu'en jours ouvrés", as.delays.Urgent), nil)
	urgent.SetChecked(journal.Urgent(a))
	due := wrappedLabel("", false)
	showDue := func() {
		code := kb.CodeOf(kb.Services, service.Selected)
		d := as.delays.Due(as.now(), code, urgent.Checked)
		due.SetText("Échéance de la réponse du service : " + kb.FrenchDate(d) + dueHour(urgent.Checked, d) +
			". Le journal garde les numéros, l'adresse, le nom et l'objet pour retrouver la demande, jamais le texte du message.")
	}
	service.OnChanged = func(string) { showDue() }
	urgent.OnChanged = func(bool) { showDue() }
	showDue()
	dialog.ShowForm("Transmettre à un service", "Transmettre", "Annuler", []*widget.FormItem{
		{Text: "Service", Widget: service},
		{Text: "", Widget: urgent},
		{Text: "", Widget: due},
	}, func(ok bool) {
		if !ok {
			return
		}
		e, err := as.TransmitTo(kb.CodeOf(kb.Services, service.Selected), urgent.Checked)
		if e.Ref != "" {
			as.showForwardNote(e, err)
		}
	}, as.win)
}

func dueHour(urgent bool, d time.Time) string {
	if urgent {
		return " à " + d.Format("15 h 04")
	}
	return ""
}

// TransmitTo records the transfer of the message being read: a reference
// for the note to the service and the notice to the person (the reply's
// {{transfert.reference}}), the due date, and what finds it again. The
// entry is kept even when the journal cannot be written (err says why).
func (as *Assistant) TransmitTo(service string, urgent bool) (journal.Entry, error) {
	if as.journal == nil {
		return journal.Entry{}, errors.New("le journal des transferts n'est pas ouvert")
	}
	a := as.analysis
	e, err := as.journal.Transmit(journal.EntryOf(a, service, urgent, as.delays, as.now()))
	if e.Ref == "" {
		return e, err
	}
	as.values["transfert.reference"] = e.Ref
	as.wroteFor = e.Key // this message is the one forwarded, not a new one
	as.ForwardNote.SetText(journal.ForwardNote(e, as.profile.Block()))
	as.recompose()
	status := "Transmis sous la référence " + e.Ref + " ; échéance le " + kb.FrenchDate(e.Due) + "."
	if err != nil {
		status += " Attention : " + err.Error() + " ; le transfert est gardé en mémoire et sera écrit dès que possible."
	}
	as.CopyStatus.SetText(status)
	as.onJournal(e.Key)
	return e, err
}

// showForwardNote shows the note to send with the forwarded message.
func (as *Assistant) showForwardNote(e journal.Entry, err error) {
	as.ForwardNote.SetMinRowsVisible(12)
	var d dialog.Dialog
	copyBtn := widget.NewButtonWithIcon("Copier la note au service", theme.ContentCopyIcon(), func() {
		as.app.Clipboard().SetContent(as.ForwardNote.Text)
		d.Hide()
	})
	copyBtn.Importance = widget.HighImportance
	head := "Référence " + e.Ref + " : elle figure dans la réponse à la personne (avis de transfert) et dans cette note."
	if err != nil {
		head += "\n" + err.Error()
	}
	d = dialog.NewCustomWithoutButtons("Note au service", container.NewBorder(wrappedLabel(head, true),
		container.NewHBox(widget.NewButton("Fermer", func() { d.Hide() }), copyBtn), nil, nil, as.ForwardNote), as.win)
	d.Resize(fyne.NewSize(720, 480))
	d.Show()
}

// noteWritten tells Main which entry the message is about (it comes first
// in the Suivi tab).
func (as *Assistant) noteWritten(a search.Analysis) {
	// Once per entry and message: the message is read again at each pause
	// in typing, and the Suivi tab's list of a large desk takes tens of
	// milliseconds to redo.
	if p := a.Prior; p != nil && p.Key != "" && p.Key != as.onTop {
		as.onTop = p.Key
		as.onJournal(p.Key)
	}
}

// answeredAgain records, once per message, that the person wrote again
// about a transfer and was answered: when the agent copies the reply (a
// message only opened, or opened twice, is not counted).
func (as *Assistant) answeredAgain() {
	p := as.analysis.Prior
	if p == nil || as.journal == nil || p.Key == "" || as.wroteFor == p.Key || p.WaitingPerson {
		return
	}
	as.wroteFor = p.Key
	_ = as.journal.Wrote(p.Key) // a failed write is kept and said in the Suivi tab
	as.onJournal(p.Key)
}

// tally counts the reply copied for the dashboard: its kind of message and
// the réponse type used, never its text or who wrote.
func (as *Assistant) tally() {
	if as.journal == nil {
		return
	}
	item := ""
	if as.chosen != nil && !as.accuse {
		item = as.chosen.ID
	}
	_ = as.journal.Replied(journal.TallyOf(as.analysis, item))
	as.onJournal("")
}
