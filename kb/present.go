package kb

import (
	"strings"
	"time"

	"plume/kb/detect"
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
		out[i] = Label(Reasons, c)
	}
	return strings.Join(out, ", ")
}

// FirstContact writes the relance's first-contact day (Relance.Since, kept
// as 2006-01-02 in the JSON) as the agent reads a date: « jeudi 2 octobre
// 2026 ».
func FirstContact(r detect.Relance) string {
	day, err := time.Parse("2006-01-02", r.Since)
	if err != nil {
		return r.Since
	}
	return FrenchDate(day)
}
