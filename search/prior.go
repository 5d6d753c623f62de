package search

import (
	"plume/kb"
	"slices"
	"time"

	"plume/message/detect"
)

// PriorTransfer is an earlier transfer of the same request, found in the
// desk's transfer journal (package journal) by the message's reference,
// numbers, sender or name. The engine does not read the journal: the app and
// the CLI look the message up and attach what they found.
type PriorTransfer struct {
	// Key names the entry in the journal (to record that the person wrote
	// again); Ref is the reference the person was given.
	Key         string    `json:"-"`
	Ref         string    `json:"ref"`
	Received    time.Time `json:"received"`    // the first message's date
	Transmitted time.Time `json:"transmitted"` // when it was forwarded
	Service     string    `json:"service"`
	Due         time.Time `json:"due"`
	// Overrun is how late the service is (« 4 jours ouvrés »), "" when not.
	Overrun string `json:"overrun,omitempty"`
	// By says how the message was matched (« référence », « numéro »,
	// « adresse électronique », « nom et objet ») and Value with what.
	By    string `json:"by"`
	Value string `json:"value"`
	// Start and End are where Value is in the message body, -1 when it is
	// not there (the sender's address of an .eml).
	Start int `json:"start"`
	End   int `json:"end"`
	// WaitingPerson: the desk waited for the person (a document asked
	// for): this message may be the answer, not a relance.
	WaitingPerson bool `json:"waiting_person,omitempty"`
}

// Headline is the banner's line for the earlier transfer: « Transmis le
// mardi 3 novembre 2026 (Service de l'immigration et de l'intégration,
// PLM-2611-0042) — échéance dépassée de 4 jours ouvrés ; retrouvé par
// référence (PLM-2611-0042) ».
func (p *PriorTransfer) Headline() string {
	service := kb.Label(kb.Services, p.Service)
	if service == "" {
		service = "un service"
	}
	s := "Transmis le " + kb.FrenchDate(p.Transmitted) + " (" + service + ", " + p.Ref + ")"
	switch {
	case p.WaitingPerson:
		s += " — en attente de l'usager : ce message apporte peut-être ce qui lui a été demandé"
	case p.Overrun != "":
		s += " — échéance dépassée de " + p.Overrun
	case !p.Due.IsZero():
		s += " — échéance le " + kb.FrenchDate(p.Due)
	}
	return s + " ; retrouvé par " + p.By + " (" + p.Value + ")"
}

// WithPriorTransfer attaches an earlier transfer to the analysis: the
// message is then a relance whatever its wording (the person writes again
// about a request the desk forwarded), the words that found it are shown,
// the service is the one that holds the request, and the suggestions are
// those of a relance. A message answering a request made to the person
// (WaitingPerson) is not made a relance.
func (e *Engine) WithPriorTransfer(a Analysis, p PriorTransfer) Analysis {
	a.Prior = &p
	if p.Service != "" {
		a.Service, a.Transfer = p.Service, p.Service != kb.ServiceAccueil
		a.Routing = append(slices.Clone(a.Routing), "service du transfert précédent "+p.Ref+" : "+kb.Label(kb.Services, p.Service))
	}
	if p.WaitingPerson {
		return a
	}
	a.Relance.Detected, a.Relance.Level = true, detect.LevelRelance
	if p.Start >= 0 && p.End <= len(a.Parsed.Body) && p.Start < p.End {
		cues := append(slices.Clone(a.Relance.Cues), detect.Cue{Text: a.Parsed.Body[p.Start:p.End], Start: p.Start, End: p.End})
		a.Relance.Cues = detect.MergeCues(cues, a.Parsed.Body)
	}
	if a.Relance.Since == "" && !p.Received.IsZero() {
		a.Relance.Since = p.Received.Format("2006-01-02")
	}
	a.Suggestions = slices.Clone(a.topical)
	e.adaptToSituation(&a)
	return a
}
