package search

import (
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/search/query"

	"plume/kb"
)

// termsQuery looks for each term in the titles, keywords and bodies, with
// the field's and the term's weight; a term common in bodies is looked for
// in titles and keywords only.
func (e *Engine) termsQuery(terms []weighted) query.Query {
	var qs []query.Query
	for _, t := range terms {
		for _, f := range textFields {
			if f.name == fieldBody && e.ix.commonInBodies(t.term) {
				continue
			}
			q := query.NewTermQuery(t.term)
			q.SetField(f.name)
			q.SetBoost(f.boost * t.boost)
			qs = append(qs, q)
		}
	}
	return query.NewDisjunctionQuery(qs)
}

// matchedWords are the message's words, as the writer wrote them, that the
// item holds where they were looked for (a term common in bodies only in
// titles and keywords), most salient first. They are found by analysing
// the shown item again rather than by asking Bleve for match locations:
// locations were worked out for every candidate of every search, a third
// of a search's time on a large base, for the ten items shown.
func (e *Engine) matchedWords(it *kb.Item, terms []weighted) []string {
	topical, body := e.itemTerms(it)
	var matched []string
	words := map[string]bool{}
	for _, t := range terms {
		if !topical[t.term] && (!body[t.term] || e.ix.commonInBodies(t.term)) {
			continue
		}
		if k := strings.ToLower(t.surface); t.surface != "" && !words[k] {
			words[k] = true
			matched = append(matched, t.surface)
		}
	}
	return matched
}

// shownItems remembers the terms of the items last shown: the same few
// dozen answer most messages. Past maxShownItems it starts again, so a
// large base does not keep the terms of every item.
type shownItems struct {
	mu    sync.Mutex
	terms map[string]itemTerms
}

type itemTerms struct{ topical, body map[string]bool }

const maxShownItems = 512

// itemTerms are the terms of an item's title and keywords, and of its body,
// as the index analysed them.
func (e *Engine) itemTerms(it *kb.Item) (topical, body map[string]bool) {
	e.shown.mu.Lock()
	t, ok := e.shown.terms[it.ID]
	e.shown.mu.Unlock()
	if ok {
		return t.topical, t.body
	}
	t = itemTerms{
		topical: indexedTerms(it.Title + " ; " + strings.Join(it.Keywords, " ; ")),
		body:    indexedTerms(kb.PlainText(it.Body)),
	}
	e.shown.mu.Lock()
	if e.shown.terms == nil || len(e.shown.terms) >= maxShownItems {
		e.shown.terms = map[string]itemTerms{}
	}
	e.shown.terms[it.ID] = t
	e.shown.mu.Unlock()
	return t.topical, t.body
}

// indexedTerms analyses text as the index's French analyzer does (fold, cut
// into words, word chain): TestMatchedWordsAreBlevesMatches checks the two
// agree.
func indexedTerms(text string) map[string]bool {
	words := sharedWords()
	out := map[string]bool{}
	for _, tok := range (wordTokenizer{}).Tokenize(foldText([]byte(text))) {
		if w := words.word(tok.Term); w.keep && len(w.term) > 0 {
			out[string(w.term)] = true
		}
	}
	return out
}

// foldText is the analyzer's char filter.
var foldText = asciifolding.New().Filter
