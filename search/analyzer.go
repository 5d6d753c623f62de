package search

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// AnalyzerFrench is Plume's analyzer in the index mapping. The index lives
// in memory and is rebuilt at every start: nothing stored depends on its
// name.
const AnalyzerFrench = "plume_fr"

// maxWordRunes is the longest word the stemmer sees: French words stay
// well under it (« anticonstitutionnellement » has 25 letters), and the
// light stemmer's cost grows with the square of a word's length — one
// pasted 32 KB "word" cost 1.6 s per analysis. Longer tokens are cut.
const maxWordRunes = 40

// addFrenchAnalyzer registers Plume's French analyzer: ASCII folding as a
// char filter (so "sejour" finds "séjour" and the apostrophe ’ becomes '),
// the word tokenizer (the Unicode tokenizer's words, four times faster:
// tokenizer.go), then the word chain (words.go), which cuts each word to
// maxWordRunes, lowercases it before elision (elision first would turn
// "L'été" into "l'et"), removes the article, drops French and English stop
// words and stems what is left.
func addFrenchAnalyzer(im *mapping.IndexMappingImpl) error {
	return im.AddCustomAnalyzer(AnalyzerFrench, map[string]interface{}{
		"type":          custom.Name,
		"char_filters":  []string{foldCharFilterName},
		"tokenizer":     wordTokenizerName,
		"token_filters": []string{wordFilterName},
	})
}

// foldedStopWords are Bleve's French stop words, also ASCII-folded, and its
// English ones: a message in English goes through the same analyzer, and
// "the", "my", "can" would otherwise be its topics. None of the English
// words names a topic in French either ("an", "but" at most). Worked out
// once, for the word chain and the judge's little words alike.
var foldedStopWords = sync.OnceValue(func() analysis.TokenMap {
	cache := registry.NewCache()
	fold := asciifolding.New()
	set := analysis.NewTokenMap()
	for _, name := range []string{fr.StopName, en.StopName} {
		words, err := cache.TokenMapNamed(name)
		if err != nil {
			panic(err) // registered by the packages' init: cannot fail
		}
		for w := range words {
			set.AddToken(w)
			set.AddToken(string(fold.Filter([]byte(w))))
		}
	}
	return set
})
