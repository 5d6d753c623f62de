package kb

import (
	"plume/message/lexicon"
	"strings"

	"github.com/sahilm/fuzzy"
)

// TitleMatch is one item found by the fuzzy title finder.
type TitleMatch struct {
	Item *Item
	// Runes are the positions, in runes of Item.Title, of the characters that
	// matched the pattern, for highlighting.
	Runes []int
	Score int
}

// foldedTitle is a title folded for matching (lowercase, no accents) with,
// for each byte of the folded text, the rune of the original it comes from.
type foldedTitle struct {
	text   string
	runeAt []int
}

// fold folds s as every reader of Plume does (lexicon.FoldRune), keeping
// the map back to the original runes: sahilm/fuzzy does no accent folding and returns byte
// offsets, so both sides are folded and offsets converted to runes.
func fold(s string) foldedTitle {
	var b strings.Builder
	var runeAt []int
	i := 0
	for _, r := range s {
		out := lexicon.FoldRune(r)
		b.WriteString(out)
		for range len(out) {
			runeAt = append(runeAt, i)
		}
		i++
	}
	return foldedTitle{text: b.String(), runeAt: runeAt}
}

// Finder finds items by title as the agent types, forgiving accents and
// missing letters ("sejour" finds "Séjour").
type Finder struct {
	items  []*Item
	folded []foldedTitle
}

// NewFinder prepares the titles of items for fuzzy matching.
func NewFinder(items []*Item) *Finder {
	f := &Finder{items: items, folded: make([]foldedTitle, len(items))}
	for i, it := range items {
		f.folded[i] = fold(it.Title)
	}
	return f
}

// String and Len let sahilm/fuzzy search the folded titles.
func (f *Finder) String(i int) string { return f.folded[i].text }
func (f *Finder) Len() int            { return len(f.folded) }

// Find returns the items whose title matches pattern, best first; only those
// accepted by keep (nil keeps all). An empty pattern returns every kept item
// in title order.
func (f *Finder) Find(pattern string, keep func(*Item) bool) []TitleMatch {
	var out []TitleMatch
	p := fold(strings.TrimSpace(pattern)).text
	if p == "" {
		for _, it := range f.items {
			if keep == nil || keep(it) {
				out = append(out, TitleMatch{Item: it})
			}
		}
		return out
	}
	for _, m := range fuzzy.FindFrom(p, f) {
		it := f.items[m.Index]
		if keep != nil && !keep(it) {
			continue
		}
		ft := f.folded[m.Index]
		runes := make([]int, 0, len(m.MatchedIndexes))
		last := -1
		for _, b := range m.MatchedIndexes {
			if r := ft.runeAt[b]; r != last {
				runes = append(runes, r)
				last = r
			}
		}
		out = append(out, TitleMatch{Item: it, Runes: runes, Score: m.Score})
	}
	return out
}
