package detect

import (
	"regexp/syntax"
	"strings"
)

// Go's regexp has no DFA: each pattern walks the whole text with an NFA, so
// eighty patterns over a long message add up. Most patterns cannot match
// unless one of a few words is in the text ("relance", "ecrit"…), and
// strings.Contains finds that in a blink. requiredLiterals works out such a
// set of words from the pattern itself, so the cue lists stay plain regexps.

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

// mayMatch reports whether text contains one of the literals (always true
// when there are none to test).
func mayMatch(text string, lits []string) bool {
	if lits == nil {
		return true
	}
	for _, l := range lits {
		if strings.Contains(text, l) {
			return true
		}
	}
	return false
}
