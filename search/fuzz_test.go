package search

import (
	"testing"
	"unicode/utf8"
)

// Whatever is pasted, the engine answers within its bounds.
func FuzzSuggest(f *testing.F) {
	for _, m := range SampleMessages {
		f.Add(m.Subject, m.Body)
	}
	f.Add("", "\x00\xff")
	f.Add("RE: TR: Fwd:", "> > > l’été d’’ ''' {{site.x}}")
	e := defaultKB(f)
	f.Fuzz(func(t *testing.T, subject, body string) {
		res, err := e.Suggest(Message{subject, body})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Terms) > maxQueryTerms || len(res.Suggestions) > maxSuggestions {
			t.Fatalf("unbounded result: %d terms, %d suggestions", len(res.Terms), len(res.Suggestions))
		}
		for _, s := range res.Suggestions {
			for _, m := range s.Matched {
				if !utf8.ValidString(m) && utf8.ValidString(subject+body) {
					t.Fatalf("matched word %q cut inside a character", m)
				}
			}
		}
	})
}
