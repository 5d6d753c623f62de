package search

import (
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/truncate"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names of the analysis pieces registered in the index mapping. The index
// lives in memory and is rebuilt at every start: nothing stored depends on
// them.
const (
	AnalyzerFrench = "plume_fr"
	stopFoldedName = "plume_stop_fr_folded"
	stopFilterName = "plume_stop_fr"
	truncateName   = "plume_truncate"
)

// maxWordRunes is the longest word the stemmer sees: French words stay
// well under it (« anticonstitutionnellement » has 25 letters), and the
// light stemmer's cost grows with the square of a word's length — one
// pasted 32 KB "word" cost 1.6 s per analysis. Longer tokens are cut.
const maxWordRunes = 40

// addFrenchAnalyzer registers Plume's French analyzer, in Bleve's order:
// ASCII folding as a char filter (so "sejour" finds "séjour" and the
// apostrophe ’ becomes '), the word tokenizer (the Unicode tokenizer's
// words, four times faster: tokenizer.go), lowercase before elision
// (elision first would turn "L'été" into "l'et"), elision, French stop words
// (folded too, since the text they meet is folded), light stemmer; words
// are first cut to maxWordRunes.
func addFrenchAnalyzer(im *mapping.IndexMappingImpl) error {
	if err := im.AddCustomTokenMap(stopFoldedName, map[string]interface{}{
		"type":   tokenmap.Name,
		"tokens": foldedStopWords(),
	}); err != nil {
		return err
	}
	if err := im.AddCustomTokenFilter(stopFilterName, map[string]interface{}{
		"type":           stop.Name,
		"stop_token_map": stopFoldedName,
	}); err != nil {
		return err
	}
	if err := im.AddCustomTokenFilter(truncateName, map[string]interface{}{
		"type":   truncate.Name,
		"length": float64(maxWordRunes),
	}); err != nil {
		return err
	}
	return im.AddCustomAnalyzer(AnalyzerFrench, map[string]interface{}{
		"type":          custom.Name,
		"char_filters":  []string{asciifolding.Name},
		"tokenizer":     wordTokenizerName,
		"token_filters": []string{truncateName, lowercase.Name, fr.ElisionName, stopFilterName, fr.LightStemmerName},
	})
}

// foldedStopWords are Bleve's French stop words, also ASCII-folded, and its
// English ones: a message in English goes through the same analyzer, and
// "the", "my", "can" would otherwise be its topics. None of the English
// words names a topic in French either ("an", "but" at most). Worked out
// once, for the index mapping and the query analyzer alike.
var foldedStopWords = sync.OnceValue(func() []interface{} {
	cache := registry.NewCache()
	fold := asciifolding.New()
	set := map[string]bool{}
	for _, name := range []string{fr.StopName, en.StopName} {
		words, err := cache.TokenMapNamed(name)
		if err != nil {
			panic(err) // registered by the packages' init: cannot fail
		}
		for w := range words {
			set[w] = true
			set[string(fold.Filter([]byte(w)))] = true
		}
	}
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	sort.Strings(out)
	res := make([]interface{}, len(out))
	for i, w := range out {
		res[i] = w
	}
	return res
})
