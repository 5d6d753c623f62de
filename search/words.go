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
	"github.com/blevesearch/bleve/v2/registry"
)

// wordFilterName is Plume's per-word analysis in the registry: the French
// analyzer's token filters run as one.
const wordFilterName = "plume_fr_words"

// wordChain is the part of the French analysis that looks at one word at a
// time, in the analyzer's order: ASCII folding, cut to maxWordRunes,
// lowercase, elision, stop words, light stemmer. None of these steps looks
// at a word's neighbours, so a word gives the same term wherever it is, and
// the chain remembers the words it has seen: a knowledge base or a message
// uses a few thousand distinct words many times over, and the stemmer
// (which works on runes) was a third of indexing.
type wordChain struct {
	fold    *asciifolding.AsciiFoldingFilter
	filters []analysis.TokenFilter

	mu   sync.RWMutex
	seen map[string]analysedWord
}

// analysedWord is what the chain made of a word: its term, or nothing when
// it is a stop word.
type analysedWord struct {
	term []byte
	keep bool
}

// maxRememberedWords bounds the memory of the chain (about 5 MB): past it,
// new words are analysed each time, so a flood of junk words (a pasted
// binary, a hostile message) cannot grow the heap.
const maxRememberedWords = 1 << 16

// sharedWords is the one chain: the index of every engine and every
// message's terms go through it, so they agree by construction.
var sharedWords = sync.OnceValue(func() *wordChain {
	articles, err := registry.NewCache().TokenMapNamed(fr.ArticlesName)
	if err != nil {
		panic(err) // registered by the fr package's init
	}
	return &wordChain{
		fold: asciifolding.New(),
		filters: []analysis.TokenFilter{
			truncate.NewTruncateTokenFilter(maxWordRunes),
			lowercase.NewLowerCaseFilter(),
			elision.NewElisionFilter(articles),
			stop.NewStopTokensFilter(foldedStopWords()),
			fr.NewFrenchLightStemmerFilter(),
		},
		seen: map[string]analysedWord{},
	}
})

func init() {
	if err := registry.RegisterTokenFilter(wordFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return sharedWords(), nil
		}); err != nil {
		panic(err)
	}
}

// word analyses one word as written (folded or not: folding twice changes
// nothing). The term it returns is shared: callers must not change it.
func (c *wordChain) word(raw []byte) analysedWord {
	c.mu.RLock()
	w, ok := c.seen[string(raw)]
	c.mu.RUnlock()
	if ok {
		return w
	}
	// The filters change a token's bytes in place: work on a copy.
	tok := &analysis.Token{Term: c.fold.Filter(append([]byte(nil), raw...))}
	stream := analysis.TokenStream{tok}
	for _, f := range c.filters {
		stream = f.Filter(stream)
	}
	if len(stream) == 1 {
		w = analysedWord{term: stream[0].Term, keep: true}
	}
	c.mu.Lock()
	if len(c.seen) < maxRememberedWords {
		c.seen[string(raw)] = w
	}
	c.mu.Unlock()
	return w
}

// Filter is the chain as Bleve's token filter, for the index analyzer.
func (c *wordChain) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, tok := range in {
		if w := c.word(tok.Term); w.keep {
			tok.Term = w.term
			out = append(out, tok)
		}
	}
	return out
}
