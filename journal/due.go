package journal

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"plume/kb"
)

// Delays say when a service is expected to have answered a transfer, from
// site.yaml: suivi_delai_jours (business days, every service),
// suivi_delai_jours_<service> (one service), suivi_delai_heures_urgent
// (hours, for an urgent case: an emergency passport, a death, a deadline
// within days) and suivi_conservation_mois (the retention period).
type Delays struct {
	Default   int            // business days
	ByService map[string]int // business days
	Urgent    int            // hours
	Retention int            // months
}

// Site keys of the delays.
const (
	KeyDelay         = "suivi_delai_jours"
	KeyDelayService  = "suivi_delai_jours_" // + service code
	KeyUrgentHours   = "suivi_delai_heures_urgent"
	KeyRetentionMois = "suivi_conservation_mois"
)

// DefaultDelays are two weeks for a service (10 business days), 48 hours for
// an urgent case, a year kept.
var DefaultDelays = Delays{Default: 10, Urgent: 48, Retention: 12}

// ParseDelays reads the delays of site.yaml; a value that is not a whole
// number is named in the problems and its default kept. Bracketed values
// (still to fill) are the defaults.
func ParseDelays(site map[string]string) (Delays, []string) {
	d := DefaultDelays
	d.ByService = map[string]int{}
	var probs []string
	num := func(key string, min, max int) (int, bool) {
		v := strings.TrimSpace(site[key])
		if v == "" || strings.HasPrefix(v, "[") {
			return 0, false
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < min || n > max {
			probs = append(probs, fmt.Sprintf("site.yaml, %s : « %s » n'est pas un nombre entier de %d à %d ; valeur par défaut gardée", key, v, min, max))
			return 0, false
		}
		return n, true
	}
	if n, ok := num(KeyDelay, 1, 120); ok {
		d.Default = n
	}
	if n, ok := num(KeyUrgentHours, 1, 240); ok {
		d.Urgent = n
	}
	if n, ok := num(KeyRetentionMois, 1, 120); ok {
		d.Retention = n
	}
	for key := range site {
		if svc, ok := strings.CutPrefix(key, KeyDelayService); ok {
			if n, ok := num(key, 1, 120); ok {
				d.ByService[svc] = n
			}
		}
	}
	return d, probs
}

// Due is when a transfer made at t to service should have been answered:
// the end of the business day that many business days later, or, when
// urgent, that many hours later.
func (d Delays) Due(t time.Time, service string, urgent bool) time.Time {
	if urgent {
		return t.Add(time.Duration(d.Urgent) * time.Hour)
	}
	n := d.Default
	if v, ok := d.ByService[service]; ok {
		n = v
	}
	day := kb.AddBusinessDays(t, n)
	return time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 59, 0, t.Location())
}

// Overrun is how late an entry is at now, said as the agent reads it:
// « 4 jours ouvrés », « 5 heures », or "" when not late.
func (e *Entry) Overrun(now time.Time) string {
	if !e.Overdue(now) {
		return ""
	}
	if e.Urgent {
		h := int(now.Sub(e.Due).Hours())
		if h < 48 {
			return plural(max(h, 1), "heure", "heures")
		}
	}
	return plural(max(kb.BusinessDaysBetween(e.Due, now), 1), "jour ouvré", "jours ouvrés")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
