package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"plume/journal"
	"plume/kb"
)

// The whole loop through the window, on a fake clock: a message is
// transmitted, the reminders count it on its due day and once late, the
// person writes again with the reference and then with a number only, the
// banner shows the transfer and the entry comes first in Suivi, the chase
// note is prepared and copied, the entry is closed.
func TestTheDeskFollowsATransferThroughTheWindow(t *testing.T) {
	m, a := newTestMain(t)
	now := time.Date(2026, 12, 7, 9, 30, 0, 0, time.Local) // a Monday
	m.now = func() time.Time { return now }
	j, err := journal.Open(journal.Options{Store: &journal.Memory{}, Clock: m.now, Agent: "Agent Test"})
	if err != nil {
		t.Fatal(err)
	}
	m.SetJournal(j, nil)
	if got := m.Reminders.Text; got != "À relancer aujourd'hui : 0 · En retard : 0" {
		t.Errorf("reminders %q", got)
	}

	paste(t, m, a, "Objet : attestation de prolongation\nBonjour,\nMon titre de séjour expire bientôt, j'ai déposé ma demande de renouvellement sur l'ANEF en octobre (numéro étranger 7512093348) et je n'ai pas reçu d'attestation de prolongation.\nFatou SOW")
	if m.Assistant.Banner.Visible() && strings.Contains(m.Assistant.BannerTitle.Text, "TRANSMIS") {
		t.Fatal("a first message is shown as already transmitted")
	}
	if m.Assistant.Transmit.Disabled() {
		t.Fatal("« Transmettre » is disabled")
	}
	e, err := m.Assistant.TransmitTo("immigration", false)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Assistant.ReplyText(), e.Ref) {
		t.Errorf("the notice to the person does not give the reference %s:\n%s", e.Ref, m.Assistant.ReplyText())
	}
	if note := m.Assistant.ForwardNote.Text; !strings.Contains(note, e.Ref) || strings.Contains(note, "je n'ai pas reçu d'attestation") {
		t.Errorf("note to the service:\n%s", note)
	}
	if m.Suivi.List.Length() != 1 || m.Suivi.entries[0].Key != e.Key {
		t.Fatalf("the Suivi tab does not list the transfer: %d", m.Suivi.List.Length())
	}

	// On its due day, then the next business day: the counts change with
	// the clock, at the timer's tick.
	now = e.Due.Add(-2 * time.Hour)
	m.journalTick()
	if got := m.Reminders.Text; got != "À relancer aujourd'hui : 1 · En retard : 0" {
		t.Errorf("due day: %q", got)
	}
	now = kb.AddBusinessDays(e.Due, 3).Add(10 * time.Hour)
	m.journalTick()
	if got := m.Reminders.Text; got != "À relancer aujourd'hui : 0 · En retard : 1" {
		t.Errorf("late: %q", got)
	}

	// The person writes again, quoting the reference, without a word of
	// relance.
	paste(t, m, a, "Objet : RE: "+e.Ref+"\nBonjour, pouvez-vous me dire où en est ma demande ? Merci. Fatou Sow")
	as := m.Assistant
	if !as.Banner.Visible() || !strings.Contains(as.BannerTitle.Text, "DÉJÀ TRANSMIS") || !strings.Contains(as.BannerTitle.Text, "RELANCE") {
		t.Fatalf("banner %q", as.BannerTitle.Text)
	}
	if !strings.Contains(as.BannerText.Text, "échéance dépassée de 3 jours ouvrés") {
		t.Errorf("banner text %q", as.BannerText.Text)
	}
	if !strings.Contains(as.ReplyText(), "transmis le lundi 7 décembre 2026") {
		t.Errorf("the reply does not say when it was forwarded:\n%s", as.ReplyText())
	}
	if m.Suivi.entries[0].Key != e.Key {
		t.Error("the entry is not on top of the Suivi tab")
	}
	test.Tap(as.CopyButton)
	test.Tap(as.CopyButton) // copied twice: answered once

	// Another message, with the number only.
	paste(t, m, a, "Bonjour, toujours rien ! Mon numéro étranger : 7512093348.")
	if !strings.Contains(as.BannerText.Text, "retrouvé par numéro (7512093348)") {
		t.Errorf("banner text %q", as.BannerText.Text)
	}
	test.Tap(as.CopyButton)
	if got, _ := j.Entry(e.Key); len(got.Written) != 2 {
		t.Errorf("the two new messages answered are counted %d times", len(got.Written))
	}

	// The chase note, copied: the service is chased once.
	note := m.Suivi.PrepareChase()
	if !strings.Contains(note, e.Ref) || !strings.Contains(note, "dépassé de 3 jours ouvrés") || !strings.Contains(note, "nous a écrit de nouveau") {
		t.Errorf("chase note:\n%s", note)
	}
	m.Suivi.CopyChase()
	if a.Clipboard().Content() != note {
		t.Error("the chase note is not on the clipboard")
	}
	if got, _ := j.Entry(e.Key); len(got.Chased) != 1 {
		t.Errorf("chased %d times", len(got.Chased))
	}

	// Closed: no more reminder; the CSV of all states still lists it.
	test.Tap(m.Suivi.Closed)
	if got := m.Reminders.Text; got != "À relancer aujourd'hui : 0 · En retard : 0" {
		t.Errorf("after closing: %q", got)
	}
	m.Suivi.top = ""
	m.Suivi.Refresh()
	if m.Suivi.List.Length() != 0 {
		t.Errorf("a closed entry is listed among the open ones")
	}
	m.Suivi.State.SetSelected(allStates)
	var csv bytes.Buffer
	if err := m.Suivi.ExportCSV(&csv); err != nil || !strings.Contains(csv.String(), e.Ref+";Clos") {
		t.Errorf("csv %v:\n%s", err, csv.String())
	}
}

// A journal that cannot be written (a full disk) says so in French where
// the agent looks, keeps the transfer, and writes it at the next tick once
// it can.
func TestAJournalThatCannotBeWrittenSaysSoAndLosesNothing(t *testing.T) {
	m, a := newTestMain(t)
	mem := &journal.Memory{Fail: errors.New("no space left on device")}
	j, err := journal.Open(journal.Options{Store: mem, Clock: m.now})
	if err != nil {
		t.Fatal(err)
	}
	m.SetJournal(j, nil)
	paste(t, m, a, "Bonjour, ma carte grise AB-123-CD est bloquée depuis septembre. Jean Martin")
	e, err := m.Assistant.TransmitTo("autre-service", false)
	if err == nil || e.Ref == "" {
		t.Fatalf("transmit: %+v %v", e, err)
	}
	if !strings.Contains(m.Assistant.CopyStatus.Text, "n'a pas pu être écrit") || !strings.Contains(m.Assistant.CopyStatus.Text, e.Ref) {
		t.Errorf("status %q", m.Assistant.CopyStatus.Text)
	}
	if !strings.Contains(m.Reminders.Text, "1 non écrit(s)") || !strings.Contains(m.Suivi.Where.Text, "pas encore écrit") {
		t.Errorf("reminders %q, suivi %q", m.Reminders.Text, m.Suivi.Where.Text)
	}
	mem.Fail = nil
	m.journalTick()
	if strings.Contains(m.Reminders.Text, "non écrit") {
		t.Errorf("still unwritten after the tick: %q", m.Reminders.Text)
	}
	if evs, _, _ := mem.Load(); len(evs) != 1 || evs[0].Entry.Ref != e.Ref {
		t.Errorf("store holds %+v", evs)
	}
}

// Each reply copied is counted for the dashboard, without its text; the
// dashboard's figures say what they count and export as CSV.
func TestTheDashboardCountsTheRepliesCopied(t *testing.T) {
	m, a := newTestMain(t)
	now := time.Date(2026, 12, 7, 9, 30, 0, 0, time.Local)
	m.now = func() time.Time { return now }
	mem := &journal.Memory{}
	j, _ := journal.Open(journal.Options{Store: mem, Clock: m.now})
	m.SetJournal(j, nil)
	paste(t, m, a, "Objet : renouvellement\nBonjour, quelles pièces pour renouveler ma carte de séjour salarié ? Merci. Ana Lopez")
	test.Tap(m.Assistant.CopyButton)
	paste(t, m, a, "Bonjour, c'est mon troisième mail : toujours pas de réponse pour ma carte grise AB-123-CD. Paul Henry")
	test.Tap(m.Assistant.CopyButton)
	evs, _, _ := mem.Load()
	for _, ev := range evs {
		line, _ := json.Marshal(ev)
		for _, private := range []string{"Lopez", "Henry", "AB-123-CD", "troisième"} {
			if strings.Contains(string(line), private) {
				t.Errorf("the tally keeps %q: %s", private, line)
			}
		}
	}
	m.Tabs.SelectIndex(4)
	r := m.Dashboard.report
	if r.Replies != 2 {
		t.Fatalf("%d replies counted", r.Replies)
	}
	var csv bytes.Buffer
	_ = m.Dashboard.ExportCSV(&csv)
	if !strings.Contains(csv.String(), "Relances;Toutes les réponses;1;50.0;sur 2") {
		t.Errorf("csv:\n%s", csv.String())
	}
	if len(m.Dashboard.body.Objects) != 1+len(r.Sections) {
		t.Errorf("%d objects drawn for %d figures", len(m.Dashboard.body.Objects), len(r.Sections))
	}
}

// A journal saved from one post (or from the browser) is imported into
// another: its transfers appear, and importing it again adds nothing.
func TestAJournalIsImportedIntoTheSuiviTab(t *testing.T) {
	m, _ := newTestMain(t)
	src, _ := journal.Open(journal.Options{Store: &journal.Memory{}, Clock: m.now})
	e, _ := src.Transmit(journal.Entry{Service: "cabinet", Name: "Moussa Traoré", Due: m.now().AddDate(0, 0, 10)})
	var saved bytes.Buffer
	_ = src.Export(&saved)
	j, _ := journal.Open(journal.Options{Store: &journal.Memory{}, Clock: m.now})
	m.SetJournal(j, nil)
	m.Suivi.Import("journal.jsonl", saved.Bytes())
	if !strings.Contains(m.Suivi.Where.Text, "1 événement(s) ajouté(s)") || m.Suivi.List.Length() != 1 || m.Suivi.entries[0].Ref != e.Ref {
		t.Fatalf("after import: %q, %d listed", m.Suivi.Where.Text, m.Suivi.List.Length())
	}
	m.Suivi.Import("journal.jsonl", saved.Bytes())
	if !strings.Contains(m.Suivi.Where.Text, "0 événement(s) ajouté(s)") || m.Suivi.List.Length() != 1 {
		t.Errorf("importing again: %q, %d listed", m.Suivi.Where.Text, m.Suivi.List.Length())
	}
}

// One paste, one reading: the subject and the body set together do not
// schedule a reading each on top of the paste's own.
func TestOnePasteReadsTheMessageOnce(t *testing.T) {
	m, a := newTestMain(t)
	before := m.Assistant.seq
	paste(t, m, a, "Objet : carte grise\nBonjour, ma carte grise n'est jamais arrivée. Paul Henry")
	if got := m.Assistant.seq - before; got != 1 {
		t.Errorf("one paste read the message %d times", got)
	}
}
