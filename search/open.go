package search

import "plume/kb"

// Open reads, validates and indexes a base: the one way the window, the
// page and the command line make an engine. Problems are returned, not
// printed; a broken item is left out of the index.
func Open(b kb.Base, opts kb.LoadOptions) (*Engine, kb.Problems, error) {
	k, probs, err := kb.Load(b.FS, opts)
	if err != nil {
		return nil, probs, err
	}
	e, err := NewEngine(k)
	return e, probs, err
}
