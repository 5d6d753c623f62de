package search

import (
	"plume/kb"
	"reflect"
	"testing"

	"plume/templates"
)

func indexTerms(t *testing.T, text string) []string {
	t.Helper()
	im, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tok := range im.AnalyzerNamed(AnalyzerFrench).Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func TestFrenchAnalyzer(t *testing.T) {
	cases := []struct {
		name, a, b string // a and b must analyse to the same terms
	}{
		{"accents are folded", "séjour", "sejour"},
		{"case is ignored", "SÉJOUR", "séjour"},
		{"elision after lowercase", "L'ÉTRANGER", "étranger"},
		{"typographic apostrophe", "d’identité", "identite"},
		{"plural and singular", "titres", "titre"},
		{"plural of a feminine noun", "attestations", "attestation"},
		{"stop words dropped", "la carte de la", "carte"},
		{"folded stop words dropped", "à été", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if a, b := indexTerms(t, c.a), indexTerms(t, c.b); !reflect.DeepEqual(a, b) {
				t.Errorf("%q → %q but %q → %q", c.a, a, c.b, b)
			}
		})
	}
}

// The query side analyses token by token to keep offsets on the original
// text; it must produce exactly the index's terms or queries would miss.
func TestTermAnalyzerMatchesIndexAnalyzer(t *testing.T) {
	ta := newTermAnalyzer()
	k, _, err := kb.Load(templates.FS, kb.LoadOptions{Now: kb.At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"L’été dernier, j’ai déposé ma demande d’APS à la préfecture ; qu’en est-il ?"}
	for _, it := range k.Items {
		texts = append(texts, it.Title, kb.PlainText(it.Body))
	}
	for _, text := range texts {
		var got []string
		for _, term := range ta.Terms(text) {
			got = append(got, term.Term)
		}
		if want := indexTerms(t, text); !reflect.DeepEqual(got, want) {
			t.Fatalf("analyse différente pour %q :\nrequête %q\nindex   %q", text, got, want)
		}
	}
}

func TestTermOffsetsPointAtTheOriginalWords(t *testing.T) {
	text := "Ma carte de séjour expirée, l’attestation aussi"
	var words []string
	for _, term := range newTermAnalyzer().Terms(text) {
		words = append(words, text[term.Start:term.End])
	}
	want := []string{"Ma", "carte", "séjour", "expirée", "l’attestation", "aussi"}
	// "Ma" and "aussi" are stop words in Bleve's list only if listed; drop
	// whatever the list drops, but every kept offset must be a whole word.
	for _, w := range words {
		found := false
		for _, x := range want {
			if w == x {
				found = true
			}
		}
		if !found {
			t.Errorf("offset gives %q, not a word of the text", w)
		}
	}
	if len(words) < 3 {
		t.Errorf("too few terms: %q", words)
	}
}
