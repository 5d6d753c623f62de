package kb

import (
	"fmt"
	"math/rand"
	"strings"
	"time"
)

// Synthesize builds a knowledge base of n items for benchmarks, by
// recombining the titles, keywords and sentences of base: same vocabulary and
// lengths as real items, so index and query costs are realistic.
func Synthesize(base *KB, n int, seed int64) *KB {
	rng := rand.New(rand.NewSource(seed))
	var titles, keywords, sentences []string
	for _, it := range base.Items {
		titles = append(titles, it.Title)
		keywords = append(keywords, it.Keywords...)
		for _, s := range strings.Split(PlainText(it.Body), ". ") {
			if s = strings.TrimSpace(s); len(s) > 20 {
				sentences = append(sentences, s+".")
			}
		}
	}
	if len(titles) == 0 || len(keywords) == 0 || len(sentences) == 0 {
		return &KB{Site: base.Site, Synonyms: base.Synonyms, byID: map[string]*Item{}, clock: base.clock}
	}
	kinds := []Kind{KindReponse, KindReponse, KindReponse, KindReponse, KindProcedure, KindInfo}
	out := &KB{Site: base.Site, Synonyms: base.Synonyms, byID: make(map[string]*Item, n), clock: base.clock}
	reviewed := Date{time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	for i := 0; i < n; i++ {
		pick := func(s []string) string { return s[rng.Intn(len(s))] }
		it := &Item{
			ID:       fmt.Sprintf("synth-%06d", i),
			Title:    pick(titles) + " — " + pick(keywords),
			Kind:     kinds[rng.Intn(len(kinds))],
			Category: Categories[rng.Intn(len(Categories))].Code,
			Service:  Services[rng.Intn(len(Services))].Code,
			Lang:     "fr",
			Reviewed: reviewed,
			Path:     fmt.Sprintf("synth/%06d.md", i),
		}
		it.Transfer = it.Service != ServiceAccueil
		for k := 0; k < 6+rng.Intn(6); k++ {
			it.Keywords = append(it.Keywords, pick(keywords))
		}
		var body []string
		for k := 0; k < 6+rng.Intn(8); k++ {
			body = append(body, pick(sentences))
		}
		it.Body = strings.Join(body, " ")
		out.Items = append(out.Items, it)
		out.byID[it.ID] = it
	}
	return out
}
