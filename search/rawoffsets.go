package search

import (
	"encoding/json"
	"slices"

	"plume/message/detect"
)

// MarshalJSON writes the analysis with every offset (cues, entities)
// pointing at the message as it was given, not at the normalised text Plume
// read (line endings, invisible characters, composition): who highlights
// the original finds the words where they are.
func (a Analysis) MarshalJSON() ([]byte, error) {
	type plain Analysis // the same fields, without this method
	raw := func(cs []detect.Cue) []detect.Cue {
		cs = slices.Clone(cs)
		for i := range cs {
			cs[i].Start, cs[i].End = a.Parsed.RawOffset(cs[i].Start), a.Parsed.RawOffset(cs[i].End)
		}
		return cs
	}
	a.Relance.Cues = raw(a.Relance.Cues)
	a.Sensitive.Cues = raw(a.Sensitive.Cues)
	a.Sensitive.Details = slices.Clone(a.Sensitive.Details)
	for i := range a.Sensitive.Details {
		a.Sensitive.Details[i].Cues = raw(a.Sensitive.Details[i].Cues)
	}
	a.Entities = slices.Clone(a.Entities)
	for i := range a.Entities {
		a.Entities[i].Start, a.Entities[i].End = a.Parsed.RawOffset(a.Entities[i].Start), a.Parsed.RawOffset(a.Entities[i].End)
	}
	return json.Marshal(plain(a))
}
