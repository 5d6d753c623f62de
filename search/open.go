package search

import "plume/kb"

// Open reads, validates and indexes a base: the one way the window, the
// page and the command line make an engine. Problems are returned, not
// printed; a broken item is left out of the index. A bundle's prepared
// engine (prepared.go) is served when this build can vouch for it and no
// separate site file replaces the base's; otherwise the files are read,
// and a warning says why the start was slower.
func Open(b kb.Base, opts kb.LoadOptions) (*Engine, kb.Problems, error) {
	var set kb.Problems
	if b.Prepared != nil && opts.Site == nil {
		e, err := openPrepared(b.Prepared, opts)
		if err == nil {
			return e, nil, nil
		}
		set = kb.Problems{{Path: b.Name, Level: kb.LevelWarning, Message: err.Error() + " : la base est relue fichier par fichier, plus lentement ; refaites le paquet avec « plume kb export »"}}
	}
	k, probs, err := kb.Load(b.FS, opts)
	probs = append(set, probs...)
	if err != nil {
		return nil, probs, err
	}
	e, err := NewEngine(k)
	return e, probs, err
}
