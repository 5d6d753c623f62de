package search

import (
	"plume/kb"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"plume/message/detect"
	"plume/message/entities"
)

var (
	inDaysRe   = regexp.MustCompile(`\bdans (\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix) jours?\b`)
	hoursRe    = regexp.MustCompile(`\b(24|48|72) ?h(?:eures)?\b`)
	weekdayRe  = regexp.MustCompile(`\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b`)
	numberWord = map[string]int{"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10}
	weekdays   = map[string]time.Weekday{"dimanche": time.Sunday, "lundi": time.Monday, "mardi": time.Tuesday,
		"mercredi": time.Wednesday, "jeudi": time.Thursday, "vendredi": time.Friday, "samedi": time.Saturday}
)

// daysLeft says how many days remain before the nearest deadline the
// sensitive cues speak of ("l'avion samedi", "le concours le 18 novembre",
// "48 heures pour faire un recours"), counted from ref; -1 when none is
// dated.
func daysLeft(a *Analysis, ref time.Time) int {
	if !a.Sensitive.Detected && a.Sensitive.Level != detect.LevelCheck {
		return -1
	}
	ref = kb.Day(ref)
	best := -1
	keep := func(n int) {
		if n >= 0 && (best < 0 || n < best) {
			best = n
		}
	}
	// The rules' own reading of the deadline counts even when the learned
	// judge named other reasons: a date is a date.
	for _, r := range append(slices.Clone(a.Sensitive.Details), a.Sensitive.Evidence...) {
		if r.Code != kb.ReasonEcheance {
			continue
		}
		for _, c := range r.Cues {
			for _, ent := range a.Entities {
				if ent.Kind != entities.Date || ent.Value == "" || ent.Start < c.Start || ent.Start > c.End+40 {
					continue
				}
				if d, err := time.Parse("2006-01-02", ent.Value); err == nil && !d.Before(ref) {
					keep(int(d.Sub(ref).Hours() / 24))
				}
			}
			keep(relativeDays(detect.Fold(c.Text), ref))
		}
	}
	return best
}

// relativeDays reads "demain", "dans 3 jours", "48 h", "samedi" in folded
// text; -1 when there is none.
func relativeDays(text string, ref time.Time) int {
	switch {
	case strings.Contains(text, "apres-demain"):
		return 2
	case strings.Contains(text, "demain"):
		return 1
	case strings.Contains(text, "ce soir"), strings.Contains(text, "aujourd'hui"):
		return 0
	}
	if m := inDaysRe.FindStringSubmatch(text); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n
		}
		return numberWord[m[1]]
	}
	if m := hoursRe.FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n / 24
	}
	if strings.Contains(text, "week-end") || strings.Contains(text, "weekend") {
		return (int(time.Saturday) - int(ref.Weekday()) + 7) % 7
	}
	if m := weekdayRe.FindStringSubmatch(text); m != nil {
		n := (int(weekdays[m[1]]) - int(ref.Weekday()) + 7) % 7
		if n == 0 {
			n = 7 // "samedi" written on a Saturday means next week's
		}
		return n
	}
	return -1
}
