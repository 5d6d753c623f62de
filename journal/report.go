package journal

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"plume/search"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"plume/kb"
)

// Row is one line of a figure: a label, a count, its share of the
// section's whole, and what else the line says.
type Row struct {
	Label string
	Count int
	Share float64 // 0..1 of the section's base; -1 when a share means nothing
	Extra string
}

// Section is one figure of the desk's report: what it counts, said on
// screen, and its rows.
type Section struct {
	Title  string
	Counts string // what the figure counts, in a sentence
	Rows   []Row
}

// Report is the desk's figures over a period.
type Report struct {
	Since, Until time.Time
	Replies      int // replies copied in the period
	Transfers    int // transfers recorded in the period
	Sections     []Section
}

// ItemRef names a réponse type of the knowledge base, for the used and
// never-used lists.
type ItemRef struct{ ID, Title string }

// BuildReport computes the desk's figures from the journal's entries and
// the replies copied, between since and now; items are the base's réponses
// types.
func BuildReport(entries []Entry, tallies []TallyAt, items []ItemRef, since, now time.Time) Report {
	r := Report{Since: since, Until: now}
	var ts []TallyAt
	for _, t := range tallies {
		if !t.At.Before(since) && !t.At.After(now) {
			ts = append(ts, t)
		}
	}
	r.Replies = len(ts)
	share := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return float64(n) / float64(of)
	}
	period := "du " + kb.FrenchDate(since) + " au " + kb.FrenchDate(now)

	// By category, in the audit's order.
	byCat := map[string]int{}
	for _, t := range ts {
		byCat[t.Category]++
	}
	cat := Section{Title: "Messages par catégorie",
		Counts: "Réponses copiées " + period + ", par catégorie du message lu (la répartition de l'audit de la boîte)."}
	for _, c := range kb.Categories {
		cat.Rows = append(cat.Rows, Row{Label: c.Label, Count: byCat[c.Code], Share: share(byCat[c.Code], len(ts))})
	}
	r.Sections = append(r.Sections, cat)

	// Relances, overall and among the messages forwarded.
	rel, relT, transferred := 0, 0, 0
	for _, t := range ts {
		if t.Relance {
			rel++
		}
		if t.Transferred {
			transferred++
			if t.Relance {
				relT++
			}
		}
	}
	r.Sections = append(r.Sections, Section{Title: "Relances",
		Counts: "Part des réponses copiées " + period + " qui répondaient à une relance (la personne avait déjà écrit) : sur toutes, et sur les messages transmis à un service.",
		Rows: []Row{
			{Label: "Toutes les réponses", Count: rel, Share: share(rel, len(ts)), Extra: fmt.Sprintf("sur %d", len(ts))},
			{Label: "Messages transmis à un service", Count: relT, Share: share(relT, transferred), Extra: fmt.Sprintf("sur %d", transferred)},
		}})

	// Sensitive cases by reason.
	byReason := map[string]int{}
	sensitive := 0
	for _, t := range ts {
		if len(t.Reasons) > 0 {
			sensitive++
		}
		for _, rc := range t.Reasons {
			byReason[rc]++
		}
	}
	sens := Section{Title: "Situations sensibles par motif",
		Counts: fmt.Sprintf("Réponses copiées %s à une situation sensible (%d, soit %.0f %%), par motif ; un message peut en avoir plusieurs.", period, sensitive, 100*share(sensitive, len(ts)))}
	for _, c := range kb.Reasons {
		sens.Rows = append(sens.Rows, Row{Label: c.Label, Count: byReason[c.Code], Share: share(byReason[c.Code], len(ts))})
	}
	r.Sections = append(r.Sections, sens)

	// Transfers per service: how many, how many overdue, the age of the
	// open ones.
	type svcFig struct {
		n, open, late int
		ages          []int
	}
	bySvc := map[string]*svcFig{}
	days := newWorkdays(since, now)
	for i := range entries {
		e := &entries[i]
		if e.Transmitted.Before(since) || e.Transmitted.After(now) {
			continue
		}
		r.Transfers++
		f := bySvc[e.Service]
		if f == nil {
			f = &svcFig{}
			bySvc[e.Service] = f
		}
		f.n++
		if e.State.Open() {
			f.open++
			f.ages = append(f.ages, days.between(e.Transmitted, now))
		}
		if e.Overdue(now) {
			f.late++
		}
	}
	tr := Section{Title: "Transferts par service",
		Counts: "Messages transmis " + period + " par service : combien sont en retard aujourd'hui (en attente du service après leur échéance), et l'âge en jours ouvrés de ceux qui attendent encore."}
	for _, c := range kb.Services {
		f := bySvc[c.Code]
		if f == nil {
			if c.Code == kb.ServiceAccueil {
				continue
			}
			f = &svcFig{}
		}
		extra := fmt.Sprintf("%d en retard (%.0f %%), %d ouverts", f.late, 100*share(f.late, f.n), f.open)
		if len(f.ages) > 0 {
			slices.Sort(f.ages)
			extra += fmt.Sprintf(", âge médian %d j. ouvrés, le plus ancien %d", f.ages[len(f.ages)/2], f.ages[len(f.ages)-1])
		}
		tr.Rows = append(tr.Rows, Row{Label: c.Label, Count: f.n, Share: share(f.n, r.Transfers), Extra: extra})
	}
	r.Sections = append(r.Sections, tr)

	// Réponses types used, and never used.
	used := map[string]int{}
	for _, t := range ts {
		if t.Item != "" {
			used[t.Item]++
		}
	}
	title := map[string]string{}
	for _, it := range items {
		title[it.ID] = it.Title
	}
	var top []Row
	for id, n := range used {
		label := title[id]
		if label == "" {
			label = id + " (plus dans la base)"
		}
		top = append(top, Row{Label: label, Count: n, Share: share(n, len(ts))})
	}
	sort.Slice(top, func(a, b int) bool {
		if top[a].Count != top[b].Count {
			return top[a].Count > top[b].Count
		}
		return top[a].Label < top[b].Label
	})
	if len(top) > 15 {
		top = top[:15]
	}
	r.Sections = append(r.Sections, Section{Title: "Réponses types les plus utilisées",
		Counts: "Les quinze réponses types les plus copiées " + period + ", avec leur part des réponses copiées.", Rows: top})
	var never []Row
	for _, it := range items {
		if used[it.ID] == 0 {
			never = append(never, Row{Label: it.Title, Share: -1})
		}
	}
	r.Sections = append(r.Sections, Section{Title: "Réponses types jamais utilisées",
		Counts: fmt.Sprintf("Réponses types de la base qu'aucune réponse copiée %s n'a utilisées (%d sur %d) : à relire, fusionner ou retirer.", period, len(never), len(items)),
		Rows:   never})
	return r
}

// WriteText writes the report for a terminal.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Tableau de bord du %s au %s : %d réponses copiées, %d transferts\n", kb.FrenchDate(r.Since), kb.FrenchDate(r.Until), r.Replies, r.Transfers)
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "\n%s\n  %s\n", s.Title, s.Counts)
		if len(s.Rows) == 0 {
			b.WriteString("  (rien sur la période)\n")
		}
		for _, row := range s.Rows {
			if row.Share < 0 {
				fmt.Fprintf(&b, "  - %s\n", row.Label)
				continue
			}
			fmt.Fprintf(&b, "  %-58s %6d  %5.1f %%", search.Shorten(row.Label, 58), row.Count, 100*row.Share)
			if row.Extra != "" {
				b.WriteString("  " + row.Extra)
			}
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCSV writes the report's rows, one per line, with their section.
func (r Report) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	_ = cw.Write([]string{"figure", "ligne", "nombre", "part (%)", "détail"})
	for _, s := range r.Sections {
		for _, row := range s.Rows {
			pct := ""
			if row.Share >= 0 {
				pct = strconv.FormatFloat(100*row.Share, 'f', 1, 64)
			}
			_ = cw.Write([]string{s.Title, row.Label, strconv.Itoa(row.Count), pct, row.Extra})
		}
	}
	cw.Flush()
	return cw.Error()
}

// TallyOf is what the figures keep of a reply copied for an analysed
// message, with the réponse type used ("" for a reply written by hand or
// an acknowledgement).
func TallyOf(a search.Analysis, item string) Tally {
	t := Tally{Category: a.Category, Service: a.Service, Transferred: a.Transfer, Relance: a.Relance.Detected, Item: item}
	if a.Sensitive.Detected {
		t.Reasons = slices.Clone(a.Sensitive.Reasons)
	}
	return t
}

// workdays counts business days between two days of a period at once:
// kb.BusinessDaysBetween walks the calendar, and a year's report asks it for
// every open transfer.
type workdays struct {
	start  time.Time
	prefix []int // business days from start up to and including day i
}

func newWorkdays(from, to time.Time) workdays {
	start := kb.Day(from)
	n := dayIndex(start, to) + 2
	w := workdays{start: start, prefix: make([]int, max(n, 1))}
	count := 0
	for i := range w.prefix {
		if kb.IsBusinessDay(start.AddDate(0, 0, i)) {
			count++
		}
		w.prefix[i] = count
	}
	return w
}

// between is kb.BusinessDaysBetween for days of the period.
func (w workdays) between(from, to time.Time) int {
	i, k := dayIndex(w.start, from), dayIndex(w.start, to)
	if i < 0 || k >= len(w.prefix) || i >= k {
		return kb.BusinessDaysBetween(from, to)
	}
	return w.prefix[k] - w.prefix[i]
}

// dayIndex is the number of calendar days from start to t's day (rounded:
// a day of a change of time lasts 23 or 25 hours).
func dayIndex(start, t time.Time) int {
	return int(math.Round(kb.Day(t).Sub(start).Hours() / 24))
}

// ItemsOf are the réponses types of a base, for the used and never-used
// lists.
func ItemsOf(k *kb.KB) []ItemRef {
	var out []ItemRef
	for _, it := range k.Items {
		if it.Kind == kb.KindReponse {
			out = append(out, ItemRef{ID: it.ID, Title: it.Title})
		}
	}
	return out
}
