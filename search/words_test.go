package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/token/elision"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/truncate"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"

	"plume/kb"
	"plume/templates"
)

// bleveChain is the French analysis as Bleve's own pieces do it, one after
// the other on the whole stream, remembering nothing: what the word chain
// must reproduce.
func bleveChain(t *testing.T, text string) string {
	t.Helper()
	articles, err := registry.NewCache().TokenMapNamed(fr.ArticlesName)
	if err != nil {
		t.Fatal(err)
	}
	stream := unicode.NewUnicodeTokenizer().Tokenize(asciifolding.New().Filter([]byte(text)))
	for _, f := range []analysis.TokenFilter{
		truncate.NewTruncateTokenFilter(maxWordRunes),
		lowercase.NewLowerCaseFilter(),
		elision.NewElisionFilter(articles),
		stop.NewStopTokensFilter(foldedStopWords()),
		fr.NewFrenchLightStemmerFilter(),
	} {
		stream = f.Filter(stream)
	}
	return words(stream)
}

// The word chain remembers the words it has seen; a remembered word must
// give the term Bleve's filters give, in the index and in a message, the
// first time and every time after.
func TestWordChainGivesBlevesTerms(t *testing.T) {
	k, _, err := kb.Load(templates.FS, kb.LoadOptions{Now: kb.At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"L’ÉTÉ DERNIER j’ai déposé ma demande d’APS ; qu’en est-il ? L'été, l'Été, l’été.",
		strings.Repeat("x", 3*maxWordRunes) + " anticonstitutionnellement " + strings.Repeat("é", 50),
		"à été la le les de du des the my can", "d' l' qu' ’ '",
	}
	for _, it := range k.Items {
		texts = append(texts, it.Title, strings.Join(it.Keywords, " ; "), kb.PlainText(it.Body))
	}
	for _, m := range labelledMessages(t) {
		texts = append(texts, m.Subject, m.Body)
	}
	im, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	index := im.AnalyzerNamed(AnalyzerFrench)
	for pass := 1; pass <= 2; pass++ {
		for _, text := range texts {
			want := bleveChain(t, text)
			if got := words(index.Analyze([]byte(text))); got != want {
				t.Fatalf("passage %d, index, %.60q…\n got %.300s\nwant %.300s", pass, text, got, want)
			}
			var query strings.Builder
			for _, term := range sharedTerms().Terms(text) {
				fmt.Fprintf(&query, "%s ", term.Term)
			}
			if got, want := query.String(), termsOnly(want); got != want {
				t.Fatalf("passage %d, message, %.60q…\n got %.300s\nwant %.300s", pass, text, got, want)
			}
		}
	}
}

// termsOnly keeps the terms of words()' term@start-end list: a message's
// offsets are on the original text, the index's on the folded one.
func termsOnly(list string) string {
	var b strings.Builder
	for _, w := range strings.Fields(list) {
		if term := w[:strings.LastIndexByte(w, '@')]; term != "" {
			b.WriteString(term + " ")
		}
	}
	return b.String()
}
