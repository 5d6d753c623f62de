package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A year of a large desk: 50,000 transfers by 8 agents, half of them
// answered or closed later.
func yearFolder(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	services := []string{"immigration", "cert-titres", "sous-prefecture", "cabinet", "autre-service"}
	for a := 0; a < 8; a++ {
		f := &Folder{Dir: dir, File: fmt.Sprintf("agent%d.jsonl", a)}
		var evs []Event
		for i := a; i < 50000; i += 8 {
			at := monday.AddDate(-1, 0, 0).Add(time.Duration(i) * 10 * time.Minute)
			e := Entry{Ref: fmt.Sprintf("PLM-%s-%04d", at.Format("0601"), i%10000), Received: at, Transmitted: at,
				Service: services[i%len(services)], Category: "sejour", Agent: fmt.Sprintf("Agent %d", a),
				Due: at.AddDate(0, 0, 14), Numbers: []string{fmt.Sprintf("75%08d", i)},
				Email: fmt.Sprintf("personne%d@example.org", i), Name: fmt.Sprintf("Prénom%d NOM%d", i, i), Subject: "Renouvellement de titre de séjour"}
			id := fmt.Sprintf("a%d-%d", a, i)
			evs = append(evs, Event{ID: id, At: at, Kind: EvTransmitted, Ref: e.Ref, Entry: &e})
			if i%2 == 0 {
				evs = append(evs, Event{ID: id + "s", At: at.Add(72 * time.Hour), Kind: EvState, Of: id, Ref: e.Ref, State: Answered})
			}
		}
		if err := f.Rewrite(evs); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

func BenchmarkOpenYear(b *testing.B) {
	dir := yearFolder(b)
	var size int64
	ms, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	for _, m := range ms {
		st, _ := os.Stat(m)
		size += st.Size()
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j, err := Open(Options{Store: &Folder{Dir: dir, File: "moi.jsonl"}, Clock: func() time.Time { return monday }})
		if err != nil {
			b.Fatal(err)
		}
		if n := len(j.byKey); n < 45000 {
			b.Fatalf("%d entries", n)
		}
	}
}

func BenchmarkMatchYear(b *testing.B) {
	dir := yearFolder(b)
	j, err := Open(Options{Store: &Folder{Dir: dir, File: "moi.jsonl"}, Clock: func() time.Time { return monday }})
	if err != nil {
		b.Fatal(err)
	}
	text := "Bonjour, je vous relance au sujet de ma demande. Je n'ai toujours rien reçu. " +
		"Mon numéro étranger est le 7500012345. Cordialement, Prénom12345 NOM12345"
	k := Keys{Text: text, Numbers: []string{"7500012345"}, Email: "inconnu@example.org", Name: "Prénom99 NOM99", Subject: "Renouvellement de titre"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := j.Match(k); !ok {
			b.Fatal("no match")
		}
	}
}
