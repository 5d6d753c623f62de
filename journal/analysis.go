package journal

import (
	"fmt"
	"plume/search"
	"slices"
	"strings"
	"time"

	"plume/kb"
	"plume/message/detect"
	"plume/message/entities"
)

// numberKinds are the entities that name one request.
var numberKinds = []entities.Kind{entities.AGDREF, entities.ANEF, entities.ANTS, entities.Plate}

// KeysOf is what an analysed message offers to find its transfer: the
// subject and the whole body for a reference (a reply to our notice quotes
// it), the numbers the writer gives, the sender's address (an .eml) or the
// one written in the message, the writer's name and the subject.
func KeysOf(a search.Analysis) Keys {
	p := a.Parsed
	k := Keys{Text: p.Body, Subject: p.Subject, Email: p.From}
	for _, e := range a.Entities {
		switch {
		case slices.Contains(numberKinds, e.Kind) && e.Value != "":
			k.Numbers = append(k.Numbers, e.Value)
		case e.Kind == entities.Email && k.Email == "" && !e.Quoted:
			k.Email = e.Value
		}
	}
	k.Name = strings.TrimSpace(a.Values[entities.PhPrenom] + " " + a.Values[entities.PhNom])
	return k
}

// Find looks the message up in the journal and, when it is about a
// transfer the desk recorded, attaches it: the analysis then reads as a
// relance after that transfer (search.Engine.WithPriorTransfer).
func Find(j *Journal, e *search.Engine, a search.Analysis) (search.Analysis, bool) {
	if j == nil || e == nil {
		return a, false
	}
	m, ok := j.Match(KeysOf(a))
	if !ok {
		return a, false
	}
	p := search.PriorTransfer{Key: m.Entry.Key, Ref: m.Entry.Ref, Received: m.Entry.Received, Transmitted: m.Entry.Transmitted,
		Service: m.Entry.Service, Due: m.Entry.Due, Overrun: m.Entry.Overrun(j.now()), By: m.By, Value: m.Value,
		Start: m.Start, End: m.End, WaitingPerson: m.Entry.State == WaitingPerson}
	if m.By != ByRef {
		p.Start, p.End = -1, -1
		if m.By == ByNumber {
			for _, ent := range a.Entities {
				if numberKey(ent.Value) == numberKey(m.Value) {
					p.Start, p.End = ent.Start, ent.End
					break
				}
			}
		}
	}
	return e.WithPriorTransfer(a, p), true
}

func (j *Journal) now() time.Time { return j.opt.Clock() }

// EntryOf is the entry recording the transfer of an analysed message: what
// finds it again and what the Suivi tab shows, never the message's text.
// received is the message's date (an .eml's), zero for today.
func EntryOf(a search.Analysis, service string, urgent bool, d Delays, now time.Time) Entry {
	k := KeysOf(a)
	e := Entry{Received: a.Parsed.Date, Service: service, Category: a.Category, Relance: a.Relance.Detected,
		Urgent: urgent, Numbers: k.Numbers, Email: k.Email, Name: k.Name, Subject: a.Parsed.Subject}
	if a.Sensitive.Detected {
		e.Reasons = slices.Clone(a.Sensitive.Reasons)
	}
	e.Due = d.Due(now, service, urgent)
	return e
}

// Urgent says whether a transfer should be followed in hours: a danger, a
// death, or a deadline within a week (an emergency passport).
func Urgent(a search.Analysis) bool {
	s := a.Sensitive
	if !s.Detected {
		return false
	}
	return s.Level == detect.LevelDanger || slices.Contains(s.Reasons, kb.ReasonDeces) || s.DaysLeft >= 0 && s.DaysLeft <= 7
}

// ForwardNote is the note that goes with the forwarded message to the
// service: the reference to quote, the date received, the due date.
func ForwardNote(e Entry, agent string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Objet : [%s] %s\n\n", e.Ref, orDefault(e.Subject, "message d'un usager"))
	fmt.Fprintf(&b, "Bonjour,\n\nJe vous transmets le message ci-dessous, reçu le %s, qui relève de votre service.\n\n", kb.FrenchDate(e.Received))
	fmt.Fprintf(&b, "Référence du transfert : %s (à rappeler dans votre réponse).\n", e.Ref)
	if len(e.Reasons) > 0 {
		fmt.Fprintf(&b, "Situation sensible : %s.\n", search.ReasonLabels(e.Reasons))
	}
	if e.Relance {
		b.WriteString("La personne nous avait déjà écrit à ce sujet.\n")
	}
	fmt.Fprintf(&b, "Réponse attendue au plus tard le %s. Merci de répondre directement à la personne en mettant la boîte de contact en copie : la personne a été informée de ce transfert et de cette référence.\n", dueText(e))
	fmt.Fprintf(&b, "\nCordialement,\n%s\n", orDefault(agent, "[agent]"))
	return b.String()
}

// ChaseNote is the note that chases the service about an overdue or
// pending transfer: the reference, the date, the delay overrun, and what
// the person has written since.
func ChaseNote(e Entry, now time.Time, agent string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Objet : RELANCE [%s] %s\n\n", e.Ref, orDefault(e.Subject, "message d'un usager"))
	fmt.Fprintf(&b, "Bonjour,\n\nLe %s, nous vous avons transmis le message d'un usager (référence %s, reçu le %s).\n",
		kb.FrenchDate(e.Transmitted), e.Ref, kb.FrenchDate(e.Received))
	if o := e.Overrun(now); o != "" {
		fmt.Fprintf(&b, "La réponse était attendue au plus tard le %s : le délai est dépassé de %s.\n", dueText(e), o)
	} else {
		fmt.Fprintf(&b, "La réponse est attendue au plus tard le %s.\n", dueText(e))
	}
	if n := len(e.Written); n > 0 {
		days := make([]string, 0, n)
		for _, t := range e.Written {
			days = append(days, kb.FrenchDate(t))
		}
		fmt.Fprintf(&b, "La personne nous a écrit de nouveau depuis : %s.\n", strings.Join(days, ", "))
	}
	if len(e.Reasons) > 0 {
		fmt.Fprintf(&b, "Situation sensible : %s.\n", search.ReasonLabels(e.Reasons))
	}
	if len(e.Chased) > 0 {
		fmt.Fprintf(&b, "Nous vous avons déjà relancés le %s.\n", kb.FrenchDate(e.Chased[len(e.Chased)-1]))
	}
	b.WriteString("Pouvez-vous nous dire où en est cette demande, ou répondre directement à la personne en mettant la boîte de contact en copie ?\n")
	fmt.Fprintf(&b, "\nCordialement,\n%s\n", orDefault(agent, "[agent]"))
	return b.String()
}

func dueText(e Entry) string {
	if e.Urgent {
		return kb.FrenchDate(e.Due) + " à " + e.Due.Format("15 h 04")
	}
	return kb.FrenchDate(e.Due)
}

func orDefault(s, d string) string {
	if strings.TrimSpace(s) == "" {
		return d
	}
	return s
}
