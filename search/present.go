package search

import (
	"plume/kb"
	"strconv"
	"strings"
	"time"

	"plume/message/detect"
)

// The words that show a relance or a sensitive case are presented the same
// way in the window, the command line and the escalation note.

// QuoteCues writes cues as the agent reads them: « mot », « autre mot ».
func QuoteCues(cues []detect.Cue) string {
	out := make([]string, len(cues))
	for i, c := range cues {
		out[i] = "« " + c.Text + " »"
	}
	return strings.Join(out, ", ")
}

// RelanceWords writes the words that show a relance, those of the subject
// line said apart: « toujours », « 3e mail » ; objet : « relance ».
func RelanceWords(r detect.Relance) string {
	words := QuoteCues(r.Cues)
	if len(r.SubjectCues) > 0 {
		if words != "" {
			words += " ; "
		}
		words += "objet : " + QuoteCues(r.SubjectCues)
	}
	return words
}

// ReasonLabels writes sensitive reason codes as their French labels,
// joined: « Décès, Échéance proche ».
func ReasonLabels(codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = kb.Label(kb.Reasons, c)
	}
	return strings.Join(out, ", ")
}

// FirstContact writes the relance's first-contact day (Relance.Since, kept
// as 2006-01-02 in the JSON) as the agent reads a date: « jeudi 2 octobre
// 2026 ».
func FirstContact(r detect.Relance) string { return frenchDay(r.Since) }

// Waited says from what day the relance's elapsed time is counted: « premier
// contact le jeudi 2 octobre 2026 », or, when the message only dates our
// earlier answer, « notre réponse du mercredi 4 novembre 2026 ».
func Waited(r detect.Relance) string {
	if r.Since == "" && r.Answered != "" {
		return "notre réponse du " + frenchDay(r.Answered)
	}
	return "premier contact le " + FirstContact(r)
}

func frenchDay(iso string) string {
	day, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return kb.FrenchDate(day)
}

// Warning is one thing the agent must see about a message before replying,
// as the window's banners and the command line both say it.
type Warning struct {
	// Kind says which: WarnDanger, WarnDetresse, WarnSensible,
	// WarnTransmis, WarnAttendu, WarnRelance, WarnCheckSensible,
	// WarnCheckRelance.
	Kind WarningKind
	// Title is the banner's headline (« DANGER », « RELANCE »).
	Title string
	// Say is what to do, in a sentence.
	Say string
	// Details are the evidence: the reasons, the words, the dates.
	Details []string
}

// WarningKind names a kind of warning (a banner's colour and weight).
type WarningKind string

// Kinds of warnings, strongest first.
const (
	WarnDanger        WarningKind = "danger"
	WarnDetresse      WarningKind = "detresse"
	WarnSensible      WarningKind = "sensible"
	WarnTransmis      WarningKind = "transmis"
	WarnAttendu       WarningKind = "attendu"
	WarnRelance       WarningKind = "relance"
	WarnCheckSensible WarningKind = "a-verifier-sensible"
	WarnCheckRelance  WarningKind = "a-verifier-relance"
)

// Checking reports whether the warning is an « à vérifier » one (the agent
// confirms it before the reply changes).
func (w Warning) Checking() bool { return w.Kind == WarnCheckSensible || w.Kind == WarnCheckRelance }

// Warnings is what the agent must see about an analysed message, in the
// order to read it: the person's situation, an earlier transfer, the
// relance, then what is only possible (« à vérifier »). The window and the
// command line say the same thing in the same words.
func Warnings(a Analysis) []Warning {
	var out []Warning
	s := a.Sensitive
	if s.Detected {
		w := Warning{Kind: WarnSensible, Title: "SITUATION SENSIBLE", Say: "Réponse personnalisée, escalade aujourd'hui."}
		switch s.Level {
		case detect.LevelDanger:
			w = Warning{Kind: WarnDanger, Title: "DANGER", Say: "Idées suicidaires ou d'automutilation exprimées : suivez d'abord la procédure interne, et donnez le 3114 dans la réponse."}
		case detect.LevelDetresse:
			w = Warning{Kind: WarnDetresse, Title: "DÉTRESSE", Say: "Réponse personnalisée, escalade aujourd'hui."}
		}
		w.Details = []string{"Motifs : " + reasonsRead(a), "mots : " + QuoteCues(s.Cues)}
		if s.DaysLeft >= 0 {
			w.Details = append(w.Details, "échéance dans "+strconv.Itoa(s.DaysLeft)+" jour(s)")
		}
		out = append(out, w)
	}
	if p := a.Prior; p != nil {
		w := Warning{Kind: WarnTransmis, Title: "DÉJÀ TRANSMIS", Say: p.Headline() + "."}
		if p.WaitingPerson {
			w.Kind, w.Title = WarnAttendu, "RÉPONSE ATTENDUE"
		}
		out = append(out, w)
	}
	if a.Relance.Detected {
		w := Warning{Kind: WarnRelance, Title: "RELANCE", Say: "La personne a déjà écrit, appelé ou est venue : ne renvoyez pas la même réponse type.",
			Details: []string{"Mots : " + RelanceWords(a.Relance)}}
		if r := a.Relance; r.ElapsedDays != nil && r.ElapsedBusinessDays != nil {
			w.Details = append(w.Details, Waited(r)+", il y a "+
				strconv.Itoa(*r.ElapsedDays)+" jours ("+strconv.Itoa(*r.ElapsedBusinessDays)+" ouvrés)")
		}
		out = append(out, w)
	}
	if a.Relance.Level == detect.LevelCheck {
		out = append(out, Warning{Kind: WarnCheckRelance, Title: "À VÉRIFIER", Say: "Relance possible.",
			Details: []string{"mots : " + RelanceWords(a.Relance)}})
	}
	if s.Level == detect.LevelCheck {
		out = append(out, Warning{Kind: WarnCheckSensible, Title: "À VÉRIFIER", Say: "Situation sensible possible (" + ReasonLabels(s.Reasons) + ").",
			Details: []string{"mots : " + QuoteCues(s.Cues)}})
	}
	return out
}

// Line is the warning in one line: what to do, then the evidence.
func (w Warning) Line() string {
	if len(w.Details) == 0 {
		return w.Say
	}
	return w.Say + " " + strings.Join(w.Details, " — ")
}

// reasonsRead writes the reasons of a sensitive case, those the judge gives
// less than even odds marked « possible »: kept for recall, they must not
// read as facts (a message of despair is not said to tell of violence).
func reasonsRead(a Analysis) string {
	out := make([]string, len(a.Sensitive.Reasons))
	for i, r := range a.Sensitive.Reasons {
		out[i] = kb.Label(kb.Reasons, r)
		if !a.ClearReason(r) {
			out[i] += " (possible)"
		}
	}
	return strings.Join(out, ", ")
}

// Shorten cuts s to n letters, the last one an ellipsis, for a column or a
// line of cues that must stay one line.
func Shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
