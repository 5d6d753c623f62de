package detect

import (
	"regexp/syntax"
	"strings"
)

// Go's regexp has no DFA: each pattern walks the whole text with an NFA, so
// a hundred and forty patterns over a long message add up. Most patterns
// cannot match unless one of a few words is in the text ("relance",
// "ecrit"…). requiredLiterals works out such a set of words from the pattern
// itself, so the cue lists stay plain regexps, and one pass over the text
// finds which of all the rules' words it holds (literalTable.in): looking
// for each of them in turn (nearly 700) cost a fifth of reading a message,
// more in the browser, where strings.Index has no assembly.

// minLiteral is the shortest literal worth testing: shorter ones are in
// every text.
const minLiteral = 3

// requiredLiterals returns strings one of which must occur in any text the
// pattern matches, or nil when no such set can be told.
func requiredLiterals(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	lits := required(re.Simplify())
	for _, l := range lits {
		if len(l) < minLiteral {
			return nil
		}
	}
	return lits
}

func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		// Any child's requirement holds for the whole; keep the one whose
		// shortest literal is longest (the most selective).
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			lits := required(sub)
			if lits == nil {
				continue
			}
			if l := shortest(lits); l > bestLen {
				best, bestLen = lits, l
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			lits := required(sub)
			if lits == nil {
				return nil // one branch needs nothing: neither does the whole
			}
			all = append(all, lits...)
		}
		return all
	}
	return nil
}

func shortest(lits []string) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}

// literalTable numbers the literals of every rule and files them under
// their first minLiteral bytes. Rules are package variables: the table is
// filled at package initialisation and only read afterwards.
type literalTable struct {
	lits    []string
	ids     map[string]int32
	byStart map[uint32][]int32
}

var ruleLiterals = literalTable{ids: map[string]int32{}, byStart: map[uint32][]int32{}}

// add numbers lits (nil stays nil: no quick test).
func (t *literalTable) add(lits []string) []int32 {
	if lits == nil {
		return nil
	}
	ids := make([]int32, 0, len(lits))
	for _, l := range lits {
		id, ok := t.ids[l]
		if !ok {
			id = int32(len(t.lits))
			t.lits = append(t.lits, l)
			t.ids[l] = id
			k := startKey(l)
			t.byStart[k] = append(t.byStart[k], id)
		}
		ids = append(ids, id)
	}
	return ids
}

func startKey(s string) uint32 { return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 }

// literalSet says which numbered literals a text holds.
type literalSet []uint64

func (s literalSet) has(id int32) bool { return s[id>>6]&(1<<(id&63)) != 0 }

// in finds, in one pass, every literal of the table that text holds.
func (t *literalTable) in(text string) literalSet {
	set := make(literalSet, len(t.lits)/64+1)
	for i := 0; i+minLiteral <= len(text); i++ {
		for _, id := range t.byStart[startKey(text[i:])] {
			if strings.HasPrefix(text[i:], t.lits[id]) {
				set[id>>6] |= 1 << (id & 63)
			}
		}
	}
	return set
}

// mayMatch reports whether the text whose literals are set holds one of ids
// (always true when there are none to test).
func mayMatch(set literalSet, ids []int32) bool {
	if ids == nil {
		return true
	}
	for _, id := range ids {
		if set.has(id) {
			return true
		}
	}
	return false
}
