package search

import (
	"fmt"
	"plume/kb"
	"sync"
	"time"

	"plume/kb/judge"
)

// Engine is the knowledge base with its index, ready to answer. It is safe
// for concurrent use; build a new one to take a changed knowledge base.
type Engine struct {
	closeOnce sync.Once
	closeErr  error
	kb        *kb.KB
	ix        *index
	terms     *termAnalyzer
	synonyms  []synonymGroup
	notTopic  map[string]bool
	business  map[string]string // category → service of its forwarded replies
	// translated holds "lang/kind/role" for the blocs written in a language
	// other than French: there, the French one is not proposed.
	translated map[string]bool
	// today is the base's clock (LoadOptions.Now).
	today func() time.Time
	// judge is the learned judgement shipped with the knowledge base; nil:
	// the rules alone judge.
	judge *judge.Model
	// shown remembers the terms of the items suggested, for their matched
	// words.
	shown shownItems
}

// NewEngine indexes k. It takes about half a second for 1,000 items
// (`plume bench`).
func NewEngine(k *kb.KB) (*Engine, error) {
	if k == nil || len(k.Items) == 0 {
		return nil, fmt.Errorf("base de connaissances vide")
	}
	ix, err := buildIndex(k)
	if err != nil {
		return nil, err
	}
	return newEngine(k, ix), nil
}

// newEngine is the engine of k and its index.
func newEngine(k *kb.KB, ix *index) *Engine {
	e := &Engine{kb: k, ix: ix, terms: sharedTerms(), today: k.Clock(), judge: k.Judge}
	e.synonyms = e.compileSynonyms(k.Synonyms)
	e.business = businessServices(k)
	e.translated = map[string]bool{}
	for _, it := range k.Items {
		if it.Lang != "fr" && it.Role != "" {
			e.translated[it.Lang+"/"+string(it.Kind)+"/"+it.Role] = true
		}
	}
	e.notTopic = map[string]bool{}
	for _, t := range e.terms.Terms(notTopicWords) {
		e.notTopic[t.Term] = true
	}
	return e
}

// KB returns the knowledge base the engine answers from.
func (e *Engine) KB() *kb.KB { return e.kb }

// Close releases the index; closing again does nothing (Bleve panics on a
// second close).
func (e *Engine) Close() error {
	e.closeOnce.Do(func() { e.closeErr = e.ix.bleve.Close() })
	return e.closeErr
}

// Finder returns a title finder over the engine's items.
func (e *Engine) Finder() *kb.Finder { return kb.NewFinder(e.kb.Items) }
