package detect

import (
	"regexp"
	"slices"
	"sort"
)

// Cue is a piece of the message that counts as evidence, with its offsets in
// the text given to the detector (the message body), as written.
type Cue struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// rule is one pattern, written on folded text (lowercase, no accents,
// straight apostrophes). weight says how much one match counts: 1 is enough
// on its own, less needs company; a negative weight argues against.
type rule struct {
	re     *regexp.Regexp
	weight float64
	// negatable rules do not count when a negation closes in on them
	// ("ce n'est pas urgent", "no urgency").
	negatable bool
	// literals: one of them must be in the text for the rule to match
	// (nil: no quick test), numbered in ruleLiterals.
	literals []int32
}

func r(weight float64, pattern string) rule {
	return rule{re: regexp.MustCompile(pattern), weight: weight, literals: ruleLiterals.add(requiredLiterals(pattern))}
}

func rn(weight float64, pattern string) rule {
	ru := r(weight, pattern)
	ru.negatable = true
	return ru
}

// negationRe finds a negation in the few words before a cue, within its
// clause.
var negationRe = regexp.MustCompile(`(\bn'|\bne\b|\bpas\b|\bplus\b|\baucune?\b|\bsans\b|\bni\b|\bno\b|\bnot\b|\bnever\b|\bjamais\b)[^.;!?\n,]{0,25}$`)

// negated reports whether a negation closes in on the word at start.
func negated(text string, start int) bool {
	from := start - 40
	if from < 0 {
		from = 0
	}
	return negationRe.MatchString(text[from:start])
}

// match is a rule that matched, in folded coordinates.
type match struct {
	start, end int
	weight     float64
}

// scan runs rules over folded text and returns the matches, strongest first,
// at most one per rule. Different rules may match overlapping words: each
// says something of its own ("obsèques lundi" is a funeral and a date).
func scan(f folded, rules []rule) []match {
	var out []match
	present := f.literals()
	for _, ru := range rules {
		if !mayMatch(present, ru.literals) {
			continue
		}
		// The first match that no negation closes in on counts; later ones
		// add nothing, so the search stops there.
		for at, tries := 0, 0; at < len(f.text) && tries < 4; tries++ {
			loc := ru.re.FindStringIndex(f.text[at:])
			if loc == nil {
				break
			}
			start, end := at+loc[0], at+loc[1]
			if ru.negatable && negated(f.text, start) {
				at = end
				if end == start {
					at++
				}
				continue
			}
			out = append(out, match{start, end, ru.weight})
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].weight > out[j].weight })
	return out
}

// total adds the weights of matches, positive ones capped at cap.
func total(ms []match) float64 {
	pos, neg := 0.0, 0.0
	for _, m := range ms {
		if m.weight > 0 {
			pos += m.weight
		} else {
			neg += m.weight
		}
	}
	if pos > 3 {
		pos = 3
	}
	return pos + neg
}

// cues turns the positive matches into cues on the original text, in
// reading order, overlapping ones merged; base shifts them when the text is
// a part of the body.
func cues(f folded, orig string, ms []match, base int) []Cue {
	var out []Cue
	for _, m := range ms {
		if m.weight > 0 {
			s, e := f.span(m.start, m.end, orig)
			out = append(out, Cue{Start: base + s, End: base + e})
		}
	}
	return mergeCues(out, orig, base)
}

// MergeCues sorts cues of text and joins the overlapping ones, so that each
// place of the message is shown once.
func MergeCues(cs []Cue, text string) []Cue { return mergeCues(slices.Clone(cs), text, 0) }

// mergeCues sorts cs in place and joins the overlapping ones; base is where
// text starts in the coordinates of the cues. Texts are taken anew from
// text.
func mergeCues(cs []Cue, text string, base int) []Cue {
	sort.Slice(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	out := []Cue{}
	for _, c := range cs {
		if n := len(out); n > 0 && c.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, c.End)
			continue
		}
		out = append(out, c)
	}
	for i := range out {
		out[i].Text = text[out[i].Start-base : out[i].End-base]
	}
	return out
}
