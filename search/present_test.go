package search

import (
	"plume/kb"
	"strings"
	"testing"
)

// The window and the command line say the same warnings, in the order to
// read them, each with its evidence.
func TestWarningsComeInReadingOrderWithTheirEvidence(t *testing.T) {
	e := defaultKB(t)
	a, err := e.Analyze(Message{Subject: "toujours rien",
		Body: "Bonjour, je vous ai écrit le 3 octobre et toujours rien. Je n'en peux plus, j'ai envie d'en finir. Mon numéro étranger 7512093348."})
	if err != nil {
		t.Fatal(err)
	}
	a = e.WithPriorTransfer(a, PriorTransfer{Ref: "PLM-2610-0042", Transmitted: testToday.AddDate(0, 0, -20),
		Service: "immigration", Due: testToday.AddDate(0, 0, -6), Overrun: "4 jours ouvrés", By: "numéro", Value: "7512093348", Start: -1, End: -1})
	var kinds []string
	for _, w := range Warnings(a) {
		kinds = append(kinds, string(w.Kind))
		if w.Title == "" || w.Say == "" {
			t.Errorf("%s without a title or what to do: %+v", w.Kind, w)
		}
	}
	if got := strings.Join(kinds, ","); got != "danger,transmis,relance" {
		t.Fatalf("warnings %s, want the danger first, then the transfer, then the relance", got)
	}
	ws := Warnings(a)
	if !strings.Contains(ws[0].Line(), "3114") || !strings.Contains(ws[0].Line(), "« ") {
		t.Errorf("danger line %q", ws[0].Line())
	}
	// A reason kept at a low threshold is not said as a fact.
	for _, r := range a.Sensitive.Reasons {
		label := kb.Label(kb.Reasons, r)
		if !a.ClearReason(r) && !strings.Contains(ws[0].Line(), label+" (possible)") {
			t.Errorf("%s (judge %.2f) said as a fact: %q", r, a.Judgement.Reasons[r], ws[0].Line())
		}
	}
	if !strings.Contains(ws[1].Say, "échéance dépassée de 4 jours ouvrés") {
		t.Errorf("transfer %q", ws[1].Say)
	}
	if !strings.Contains(ws[2].Line(), "Mots : «") {
		t.Errorf("relance line %q", ws[2].Line())
	}
}
