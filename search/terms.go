package search

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/token/elision"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/truncate"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// Term is one analysed word of a message, with the byte offsets of the word
// as written in the original text (for "matched" words and highlighting).
type Term struct {
	Term       string `json:"term"`
	Start, End int    `json:"-"`
}

// termAnalyzer runs the same chain as the index's French analyzer, but
// folds accents token by token after tokenizing the original text. The index
// folds before tokenizing; doing it after keeps the offsets on the original
// text, which the index analyzer cannot (folding changes byte lengths).
// TestTermAnalyzerMatchesIndexAnalyzer checks both give the same terms.
type termAnalyzer struct {
	tokenizer analysis.Tokenizer
	fold      *asciifolding.AsciiFoldingFilter
	filters   []analysis.TokenFilter
}

// sharedTerms is the one query analyzer: its tokenizer and filters hold no
// state, so every engine and the index build share it.
var sharedTerms = sync.OnceValue(newTermAnalyzer)

func newTermAnalyzer() *termAnalyzer {
	cache := registry.NewCache()
	articles, err := cache.TokenMapNamed(fr.ArticlesName)
	if err != nil {
		panic(err) // registered by the fr package's init
	}
	stops := analysis.NewTokenMap()
	for _, w := range foldedStopWords() {
		stops.AddToken(w.(string))
	}
	return &termAnalyzer{
		tokenizer: unicode.NewUnicodeTokenizer(),
		fold:      asciifolding.New(),
		filters: []analysis.TokenFilter{
			truncate.NewTruncateTokenFilter(maxWordRunes),
			lowercase.NewLowerCaseFilter(),
			elision.NewElisionFilter(articles),
			stop.NewStopTokensFilter(stops),
			fr.NewFrenchLightStemmerFilter(),
		},
	}
}

// Terms analyses text into terms with their original offsets.
func (a *termAnalyzer) Terms(text string) []Term {
	stream := a.tokenizer.Tokenize([]byte(text))
	for _, tok := range stream {
		tok.Term = a.fold.Filter(tok.Term)
	}
	for _, f := range a.filters {
		stream = f.Filter(stream)
	}
	out := make([]Term, 0, len(stream))
	for _, tok := range stream {
		if len(tok.Term) == 0 {
			continue
		}
		out = append(out, Term{Term: string(tok.Term), Start: tok.Start, End: tok.End})
	}
	return out
}
