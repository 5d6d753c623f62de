package journal

import (
	"slices"
	"time"
)

// State is where a transfer stands.
type State string

// The states of a transfer. A transfer waits on the service, or on the
// person (a document asked for), until it is answered or closed.
const (
	WaitingService State = "attend-service"
	WaitingPerson  State = "attend-usager"
	Answered       State = "répondu"
	Closed         State = "clos"
)

// States in the order the Suivi tab offers them.
var States = []State{WaitingService, WaitingPerson, Answered, Closed}

// Label is a state as the agent reads it.
func (s State) Label() string {
	switch s {
	case WaitingService:
		return "En attente du service"
	case WaitingPerson:
		return "En attente de l'usager"
	case Answered:
		return "Répondu"
	case Closed:
		return "Clos"
	}
	return string(s)
}

// Open reports whether the desk still has something to wait for.
func (s State) Open() bool { return s == WaitingService || s == WaitingPerson }

// Entry is one transfer, as the desk follows it. The fields saved are those
// of the « transmis » event; State, Updated, Written and Chased come from
// the later events.
type Entry struct {
	Ref         string    `json:"ref"`
	Received    time.Time `json:"recu"`     // the message's date (.eml), or the day it was read
	Transmitted time.Time `json:"transmis"` // when the agent forwarded it
	Service     string    `json:"service"`
	Category    string    `json:"categorie,omitempty"`
	Relance     bool      `json:"relance,omitempty"`
	Reasons     []string  `json:"motifs,omitempty"`
	Agent       string    `json:"agent,omitempty"`
	Due         time.Time `json:"echeance"`
	// Urgent: the due date is counted in hours (an emergency passport, a
	// death), not in business days.
	Urgent bool `json:"urgent,omitempty"`
	// What finds the request again; never the message's text.
	Numbers []string `json:"numeros,omitempty"` // AGDREF, ANEF, ANTS, plate, as normalised by message/entities
	Email   string   `json:"courriel,omitempty"`
	Name    string   `json:"nom,omitempty"`
	Subject string   `json:"objet,omitempty"`

	// Key is the ID of the event that recorded the transfer: later
	// events name the entry by it, so that two agents who picked the same
	// reference in the same minute keep two entries.
	Key     string      `json:"-"`
	State   State       `json:"-"`
	Updated time.Time   `json:"-"` // the last event's time
	Written []time.Time `json:"-"` // the person wrote again
	Chased  []time.Time `json:"-"` // the service was chased
}

// Overdue reports whether the entry waits on the service past its due date.
func (e *Entry) Overdue(now time.Time) bool {
	return e.State == WaitingService && now.After(e.Due)
}

// DueToday reports whether the entry waits on the service and falls due
// today (not yet late): the day to chase it.
func (e *Entry) DueToday(now time.Time) bool {
	return e.State == WaitingService && !e.Overdue(now) && sameDay(e.Due, now)
}

// Event kinds, one line of a journal file each.
const (
	EvTransmitted = "transmis" // Entry is set
	EvState       = "etat"     // State is set
	EvWritten     = "ecrit"    // the person wrote again about Ref
	EvChased      = "relance-service"
	EvReplied     = "reponse" // a reply copied: Tally is set
)

// Tally is what the desk's figures keep of a reply copied: its date is the
// event's, then what kind of message it answered and with which réponse
// type. No text, no name, no number: nothing that says who wrote.
type Tally struct {
	Category    string   `json:"categorie,omitempty"`
	Service     string   `json:"service,omitempty"`
	Transferred bool     `json:"transmis,omitempty"`
	Relance     bool     `json:"relance,omitempty"`
	Reasons     []string `json:"motifs,omitempty"`
	Item        string   `json:"element,omitempty"` // the réponse type's id
}

// Event is one line of an agent's journal file.
type Event struct {
	// ID is unique across the desk (the agent's file and a sequence):
	// the same event read twice, from a sync tool's conflict copy, counts
	// once.
	ID   string    `json:"id"`
	At   time.Time `json:"at"`
	Kind string    `json:"ev"`
	// Of is the Key of the entry a later event is about; Ref repeats its
	// reference for whoever reads the file.
	Of    string `json:"de,omitempty"`
	Ref   string `json:"ref,omitempty"`
	Agent string `json:"agent,omitempty"`
	Entry *Entry `json:"entree,omitempty"`
	State State  `json:"etat,omitempty"`
	Tally *Tally `json:"compte,omitempty"`
}

// apply folds an event into the entries by key.
func apply(byKey map[string]*Entry, ev Event) {
	if ev.Kind == EvTransmitted {
		if ev.Entry == nil || byKey[ev.ID] != nil {
			return
		}
		// The entry's slices are shared with the event, never changed in
		// place: callers get copies (Entry.clone).
		e := *ev.Entry
		e.Key, e.State, e.Updated = ev.ID, WaitingService, ev.At
		byKey[e.Key] = &e
		return
	}
	e := byKey[ev.Of]
	if e == nil {
		return
	}
	switch ev.Kind {
	case EvState:
		if !slices.Contains(States, ev.State) {
			return
		}
		e.State = ev.State
	case EvWritten:
		e.Written = append(e.Written, ev.At)
	case EvChased:
		e.Chased = append(e.Chased, ev.At)
	default:
		return
	}
	e.Updated = ev.At
}
