package kb

import (
	"fmt"
	"time"

	"plume/kb/judge"
)

// Snapshot is a loaded base as a bundle's prepared engine carries it
// (search.Prepare): what Load read and checked in the files, so that the
// browser's page serves the base without parsing and checking them again.
// The problems are not kept: a bundle is written only without errors, and
// its warnings are the editors' business (`plume check` on the folder).
type Snapshot struct {
	Items    []*Item           `json:"items"`
	Withheld []*Item           `json:"withheld,omitempty"`
	Site     map[string]string `json:"site"`
	Synonyms [][]string        `json:"synonyms,omitempty"`
	// Judge is the learned judge (judge.Model.MarshalBinary), nil when the
	// base has none; the prepared engine carries it raw, beside the JSON.
	Judge []byte `json:"-"`
}

// Snapshot is k as a prepared engine keeps it.
func (k *KB) Snapshot() (Snapshot, error) {
	s := Snapshot{Items: k.Items, Withheld: k.Withheld, Site: k.Site, Synonyms: k.Synonyms}
	if k.Judge != nil {
		data, err := k.Judge.MarshalBinary()
		if err != nil {
			return Snapshot{}, fmt.Errorf("jugement appris : %w", err)
		}
		s.Judge = data
	}
	return s, nil
}

// FromSnapshot is the base a snapshot holds, judged by opts.Now; the judge
// is left out with opts.RulesOnly. Weights this version cannot read are an
// error: the caller then loads the files, whose problems say why.
func FromSnapshot(s Snapshot, opts LoadOptions) (*KB, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if len(s.Items) == 0 {
		return nil, ErrNoKnowledgeBase
	}
	k := &KB{Items: s.Items, Withheld: s.Withheld, Site: s.Site, Synonyms: s.Synonyms,
		byID: make(map[string]*Item, len(s.Items)), clock: opts.Now}
	if k.Site == nil {
		k.Site = map[string]string{}
	}
	for _, it := range k.Items {
		k.byID[it.ID] = it
	}
	if s.Judge != nil && !opts.RulesOnly {
		m, err := judge.UnmarshalBinary(s.Judge)
		if err != nil {
			return nil, err
		}
		k.Judge = m
	}
	return k, nil
}
