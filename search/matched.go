package search

import (
	"strings"
	"sync"

	"plume/kb"
)

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
		topical: e.ix.termSet(topicText(it)),
		body:    e.ix.termSet(kb.PlainText(it.Body)),
	}
	e.shown.mu.Lock()
	if e.shown.terms == nil || len(e.shown.terms) >= maxShownItems {
		e.shown.terms = map[string]itemTerms{}
	}
	e.shown.terms[it.ID] = t
	e.shown.mu.Unlock()
	return t.topical, t.body
}

// termSet is the set of terms the index's analyzer makes of text.
func (ix *index) termSet(text string) map[string]bool {
	out := map[string]bool{}
	for _, tok := range ix.analyzer.Analyze([]byte(text)) {
		out[string(tok.Term)] = true
	}
	return out
}
