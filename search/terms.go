package search

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// Term is one analysed word of a message, with the byte offsets of the word
// as written in the original text (for "matched" words and highlighting).
type Term struct {
	Term       string `json:"term"`
	Start, End int    `json:"-"`
}

// termAnalyzer runs the same analysis as the index's French analyzer, but
// folds accents word by word after cutting the original text into words.
// The index folds before tokenizing; doing it after keeps the offsets on the
// original text, which the index analyzer cannot (folding changes byte
// lengths). TestTermAnalyzerMatchesIndexAnalyzer checks both give the same
// terms.
type termAnalyzer struct {
	tokenizer analysis.Tokenizer
	words     *wordChain
}

// sharedTerms is the one query analyzer: its tokenizer holds no state and
// its word chain is shared, so every engine and the index build share it.
var sharedTerms = sync.OnceValue(newTermAnalyzer)

func newTermAnalyzer() *termAnalyzer {
	return &termAnalyzer{tokenizer: unicode.NewUnicodeTokenizer(), words: sharedWords()}
}

// Terms analyses text into terms with their original offsets.
func (a *termAnalyzer) Terms(text string) []Term {
	stream := a.tokenizer.Tokenize([]byte(text))
	out := make([]Term, 0, len(stream))
	for _, tok := range stream {
		if w := a.words.word(tok.Term); w.keep && len(w.term) > 0 {
			out = append(out, Term{Term: string(w.term), Start: tok.Start, End: tok.End})
		}
	}
	return out
}
