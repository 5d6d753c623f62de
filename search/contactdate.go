package search

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"plume/kb"
	"plume/kb/judge"
	"plume/message/detect"
	"plume/message/entities"
)

// relanceElapsed dates the first contact of a relance: the earliest date the
// writer gives near a relance cue ("je vous ai écrit le 20 septembre").
func (e *Engine) relanceElapsed(a *Analysis, today time.Time) {
	if !a.Relance.Detected && a.Relance.Level != detect.LevelCheck {
		return
	}
	// The rules' cues and the contacts they found anchor a date; the
	// judge's evidence only when its words tell of a contact.
	anchors, told := a.Relance.Cues, []detect.Cue(nil)
	if a.Judgement != nil {
		anchors, told = a.contactCues, a.Relance.Cues
	}
	body := a.Parsed.Body
	// A date written with the contact: inside the cue or right after it in
	// the same sentence, or opening the clause the cue is in.
	near := func(c detect.Cue, ent entities.Entity) bool {
		if ent.Start > c.Start {
			return ent.Start <= c.End+40 && !strings.ContainsAny(body[c.End:max(c.End, ent.Start)], ".!?\n")
		}
		return opensClauseOf(body, ent.Start, ent.End, c.Start)
	}
	var since, answered time.Time
	earliest := func(t *time.Time, d time.Time) {
		if t.IsZero() || d.Before(*t) {
			*t = d
		}
	}
	for _, ent := range a.Entities {
		if ent.Kind != entities.Date || ent.Value == "" {
			continue
		}
		// The date of the contact is written with it: inside the cue or
		// right after it in the same sentence ("je vous ai écrit le 20
		// septembre", "j'attends depuis le 3 octobre"), not the date of the
		// request told elsewhere. The judge counts dates and the words
		// around them as signs of a relance whatever happened that day (« mon
		// père nous a quittés le 12 octobre », a flight): its words date a
		// contact only when they tell of one.
		dated := slices.ContainsFunc(anchors, func(c detect.Cue) bool { return near(c, ent) }) ||
			slices.ContainsFunc(told, func(c detect.Cue) bool {
				return near(c, ent) && judge.TellsOfContact(body[c.Start:max(c.End, ent.Start)])
			})
		d, err := time.Parse("2006-01-02", ent.Value)
		switch {
		case err != nil || !dated || d.After(today):
		case datesOurAnswer(body, ent.Start, ent.End):
			earliest(&answered, d)
		default:
			earliest(&since, d)
		}
	}
	from := since
	switch {
	case !since.IsZero():
		a.Relance.Since = since.Format("2006-01-02")
	case !answered.IsZero():
		a.Relance.Answered = answered.Format("2006-01-02")
		from = answered
	default:
		return
	}
	days := int(kb.Day(today).Sub(from).Hours() / 24)
	bdays := kb.BusinessDaysBetween(from, today)
	a.Relance.ElapsedDays, a.Relance.ElapsedBusinessDays = &days, &bdays
}

// datesOurAnswer reports whether the date at [start, end) is that of an
// answer from us (« Le 4 novembre, vous m'avez répondu que… », « vous m'avez
// répondu le 4 novembre ») rather than of the person's own letter or call:
// « Vous nous avez écrit le 4 novembre » would be false, the letter came
// before. A date told with the person's own call (« j'ai appelé le 2
// novembre, vous m'avez dit… ») dates the call: only a date opening its
// clause dates the answer that follows it.
func datesOurAnswer(body string, start, end int) bool {
	if answerBeforeDate.MatchString(detect.Fold(body[max(0, start-45):start])) {
		return true
	}
	return opensClause(body, start) && answerAfterDate.MatchString(detect.Fold(body[end:min(len(body), end+40)]))
}

// ourAnswer: words of an answer from us. « On m'a dit » is left out: it is
// mostly what the person heard at the counter or on the phone, the day of
// their own visit or call.
const ourAnswer = `(?:(?:vous|la prefecture|le service|votre service) m'? ?(?:a|avez|aviez|avait) (?:repondu|ecrit|dit|indique|informe|confirme|envoye)|on m'? ?(?:a|avait) repondu)\b`

var (
	answerAfterDate  = regexp.MustCompile(`^[\s,]*` + ourAnswer)
	answerBeforeDate = regexp.MustCompile(ourAnswer + `[^.!?\n]{0,25}$`)
)

// opensClauseOf reports whether the date at [start, end) opens the clause
// of the cue at cue: « Le 3 novembre, je vous ai écrit », « Bonjour, dès le
// 12/10 j'ai appelé ». A date told with something else (« décédé le 12
// octobre, je vous ai écrit ») has other words before it in its clause and
// dates that, not the contact.
func opensClauseOf(body string, start, end, cue int) bool {
	return cue >= start && cue <= end+40 && !strings.ContainsAny(body[min(end, cue):cue], ".!?\n;") && opensClause(body, start)
}

// opensClause reports whether only a little word (« le », « dès le »)
// stands between the start of the clause and at.
func opensClause(body string, at int) bool {
	from := strings.LastIndexAny(body[:at], ".!?\n;,:") + 1
	switch strings.TrimSpace(detect.Fold(body[from:at])) {
	case "", "le", "depuis le", "des le", "en date du", "ce", "et le", "puis le":
		return true
	}
	return false
}
