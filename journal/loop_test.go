package journal

import (
	"bytes"
	"plume/internal/kbtest"
	"plume/search"
	"strings"
	"testing"
	"time"

	"plume/compose"
	"plume/kb"
	"plume/message/detect"
)

// defaultEngine is the embedded base indexed once, its engine reading
// the journal's Monday as today.
func defaultEngine(t *testing.T) *search.Engine { return kbtest.Engine(t, monday, false) }

// The loop the desk lives: a message forwarded and recorded, then the
// person writes again — quoting the reference, or only with a number — and
// the message reads as a relance after that transfer, with the dates the
// journal knows.
func TestTheTransferLoop(t *testing.T) {
	e := defaultEngine(t)
	c := &clock{monday}
	j := open(t, &Memory{}, c)
	first, err := e.Analyze(search.Message{Subject: "Attestation de prolongation",
		Body: "Bonjour,\nJ'ai déposé ma demande de renouvellement sur l'ANEF en octobre. Mon numéro étranger est le 7512093348. Je n'ai pas d'attestation et mon employeur la demande.\nFatou SOW"})
	if err != nil {
		t.Fatal(err)
	}
	if _, found := Find(j, e, first); found {
		t.Fatal("an empty journal matched")
	}
	entry, err := j.Transmit(EntryOf(first, "immigration", Urgent(first), DefaultDelays, c.now()))
	if err != nil {
		t.Fatal(err)
	}
	if len(entry.Numbers) == 0 || entry.Numbers[0] != "7512093348" || entry.Name == "" {
		t.Fatalf("entry keeps no way to find it again: %+v", entry)
	}
	note := ForwardNote(entry, "Agent Test")
	if !strings.Contains(note, entry.Ref) || strings.Contains(note, "employeur la demande") {
		t.Errorf("forward note:\n%s", note)
	}

	// Eleven business days later, a reply quoting the reference, with no
	// word of a relance.
	c.t = kb.AddBusinessDays(monday, 11).Add(9 * time.Hour)
	withRef, _ := e.Analyze(search.Message{Subject: "RE: " + entry.Ref, Body: "Bonjour, où en est ma demande ? Cordialement, Fatou Sow"})
	got, found := Find(j, e, withRef)
	if !found || got.Prior == nil || got.Prior.Ref != entry.Ref || got.Prior.By != ByRef {
		t.Fatalf("the reference did not find the transfer: %+v", got.Prior)
	}
	if !got.Relance.Detected || got.Relance.Level != detect.LevelRelance || got.Service != "immigration" {
		t.Errorf("not read as a relance to the immigration service: %+v, %s", got.Relance, got.Service)
	}
	if h := got.Prior.Headline(); !strings.Contains(h, "échéance dépassée de 1 jour ouvré") || !strings.Contains(h, "lundi 7 décembre 2026") {
		t.Errorf("headline %q", h)
	}
	reply := compose.Compose(e.KB(), got, e.KB().Item(got.Suggestions[0].ID), compose.Options{Today: c.now()})
	if !strings.Contains(reply.Text, "transmis le lundi 7 décembre 2026") {
		t.Errorf("the reply does not say when the first message was forwarded:\n%s", reply.Text)
	}

	// Another message without the reference: the foreign-national number
	// finds it.
	byNumber, _ := e.Analyze(search.Message{Body: "Bonjour, toujours rien pour mon attestation. N° étranger 7512093348."})
	got, found = Find(j, e, byNumber)
	if !found || got.Prior.By != ByNumber || got.Prior.Start < 0 || got.Parsed.Body[got.Prior.Start:got.Prior.End] != "7512093348" {
		t.Fatalf("the number did not find it: %+v", got.Prior)
	}

	// Answered: the entry stays findable, and the CSV says so.
	_ = j.Wrote(entry.Key)
	_ = j.SetState(entry.Key, Answered)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, j.Entries(), c.now()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), entry.Ref+";Répondu;Service de l'immigration") {
		t.Errorf("csv:\n%s", buf.String())
	}
}
