package journal

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"plume/kb"
)

func TestTheDesksFigures(t *testing.T) {
	c := &clock{monday.AddDate(0, 0, -20)}
	j := open(t, &Memory{}, c)
	// Four replies in the period, one before it.
	_ = j.Replied(Tally{Category: "sejour", Item: "sejour-pieces-renouvellement"})
	c.t = monday.AddDate(0, 0, -10)
	_ = j.Replied(Tally{Category: "sejour", Service: "immigration", Transferred: true, Relance: true, Reasons: []string{"emploi", "echeance"}, Item: "relance-sejour"})
	_ = j.Replied(Tally{Category: "identite", Service: "cert-titres", Transferred: true, Item: "identite-passeport-urgence", Reasons: []string{"deces"}})
	_ = j.Replied(Tally{Category: "permis", Relance: true, Item: "relance-sejour"})
	_ = j.Replied(Tally{Category: "immatriculation"})
	late := sample()
	late.Due = c.t.Add(24 * time.Hour)
	_, _ = j.Transmit(late)
	open2 := sample()
	open2.Service, open2.Due = "cert-titres", monday.AddDate(0, 0, 10)
	_, _ = j.Transmit(open2)
	c.t = monday

	items := []ItemRef{{"sejour-pieces-renouvellement", "Pièces"}, {"relance-sejour", "Relance séjour"}, {"identite-passeport-urgence", "Passeport urgent"}, {"permis-echange", "Échange de permis"}}
	r := BuildReport(j.Entries(), j.Tallies(time.Time{}), items, monday.AddDate(0, 0, -15), monday)
	if r.Replies != 4 || r.Transfers != 2 {
		t.Fatalf("replies %d transfers %d", r.Replies, r.Transfers)
	}
	get := func(title, label string) Row {
		for _, s := range r.Sections {
			if s.Title == title {
				for _, row := range s.Rows {
					if row.Label == label {
						return row
					}
				}
			}
		}
		t.Fatalf("no row %q in %q", label, title)
		return Row{}
	}
	if row := get("Messages par catégorie", "Titres de séjour"); row.Count != 1 || row.Share != 0.25 {
		t.Errorf("séjour %+v", row)
	}
	if row := get("Relances", "Toutes les réponses"); row.Count != 2 || row.Share != 0.5 {
		t.Errorf("relances %+v", row)
	}
	if row := get("Relances", "Messages transmis à un service"); row.Count != 1 || row.Share != 0.5 {
		t.Errorf("relances transmises %+v", row)
	}
	if row := get("Transferts par service", "Service de l'immigration et de l'intégration"); row.Count != 1 || !strings.Contains(row.Extra, "1 en retard (100 %)") || !strings.Contains(row.Extra, "âge médian 6 j. ouvrés") {
		t.Errorf("immigration %+v", row)
	}
	if row := get("Réponses types les plus utilisées", "Relance séjour"); row.Count != 2 {
		t.Errorf("most used %+v", row)
	}
	if row := get("Réponses types jamais utilisées", "Échange de permis"); row.Share != -1 {
		t.Errorf("never used %+v", row)
	}
	for _, s := range r.Sections {
		if s.Counts == "" {
			t.Errorf("%s does not say what it counts", s.Title)
		}
	}
	if row := get("Réponses types jamais utilisées", "Pièces"); row.Share != -1 {
		t.Errorf("a reply used only before the period is not listed as unused in it: %+v", row)
	}
	var txt, csv bytes.Buffer
	_ = r.WriteText(&txt)
	_ = r.WriteCSV(&csv)
	if !strings.Contains(txt.String(), "4 réponses copiées, 2 transferts") || !strings.Contains(csv.String(), "Relances;Toutes les réponses;2;50.0;sur 4") {
		t.Errorf("text:\n%s\ncsv:\n%s", txt.String(), csv.String())
	}
}

func BenchmarkReportYear(b *testing.B) {
	dir := yearFolder(b)
	j, err := Open(Options{Store: &Folder{Dir: dir, File: "moi.jsonl"}, Clock: func() time.Time { return monday }})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 30000; i++ {
		j.tallies = append(j.tallies, TallyAt{monday.AddDate(-1, 0, 0).Add(time.Duration(i) * 17 * time.Minute),
			Tally{Category: "sejour", Service: "immigration", Relance: i%3 == 0, Reasons: []string{"emploi"}, Item: fmt.Sprintf("item-%d", i%150)}})
	}
	var items []ItemRef
	for i := 0; i < 180; i++ {
		items = append(items, ItemRef{fmt.Sprintf("item-%d", i), fmt.Sprintf("Élément %d", i)})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := BuildReport(j.Entries(), j.Tallies(time.Time{}), items, monday.AddDate(-1, 0, 0), monday)
		if r.Replies == 0 {
			b.Fatal("empty")
		}
	}
}

func TestWorkdaysAgreeWithTheCalendar(t *testing.T) {
	from := time.Date(2026, 3, 1, 10, 0, 0, 0, paris) // across the change of time (29 March) and Easter
	to := time.Date(2026, 11, 20, 9, 0, 0, 0, paris)
	w := newWorkdays(from, to)
	for d := from; d.Before(to); d = d.AddDate(0, 0, 5) {
		if got, want := w.between(d, to), kb.BusinessDaysBetween(d, to); got != want {
			t.Fatalf("%s → %s: %d, want %d", d.Format("2006-01-02"), to.Format("2006-01-02"), got, want)
		}
	}
}
