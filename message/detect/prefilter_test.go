package detect

import (
	"reflect"
	"strings"
	"testing"
)

func TestRequiredLiterals(t *testing.T) {
	cases := map[string][]string{
		`\brelances?\b`:                          {"relance"},
		`\bje vous (?:ai|avais) (?:deja )?ecrit`: {"je vous "},
		`\b(?:deces|obseques)\b`:                 {"deces", "obseques"},
		`\b(?:a|deces)\b`:                        nil, // "a" is too short to test
		`x?`:                                     nil,
	}
	for pattern, want := range cases {
		if got := requiredLiterals(pattern); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", pattern, got, want)
		}
	}
}

// prefilterTexts are folded texts with cues of every kind, and edges of the
// one pass (a literal at the start, at the end, twice, overlapping; texts
// shorter than a literal).
var prefilterTexts = []string{
	"je vous ai deja ecrit le 3 octobre, toujours rien",
	"mon pere est decede hier, les obseques ont lieu lundi",
	"jai deja envoye 2 mail pas de reponse, mon patron m'a dit il peut plus me garder",
	"ca fait la 4e fois que je me deplace, le guichet me dit chaque fois d'attendre",
	"il m'a pousse, ca finira mal, je n'en peux plus, j'ai envie d'en finir",
	"relance relance",
	"deces",
	"obseques de mon pere, je vous relance",
	"avc",    // a three-byte literal, the whole text
	"un vol", // and at its very end
	"",
	"ab",
}

// The quick test must never hide a match: every rule, on texts that match
// it, must pass mayMatch.
func TestPrefilterNeverHidesAMatch(t *testing.T) {
	all := append([]rule{}, relanceRules...)
	for _, rs := range reasonRules {
		all = append(all, rs...)
	}
	all = append(all, selfHarmRules...)
	all = append(all, contactRules...)
	all = append(all, elsewhereRules...)
	for _, text := range prefilterTexts {
		present := ruleLiterals.in(text)
		for _, ru := range all {
			if ru.re.MatchString(text) && !mayMatch(present, ru.literals) {
				var words []string
				for _, id := range ru.literals {
					words = append(words, ruleLiterals.lits[id])
				}
				t.Errorf("%s matches %q but its literals %q say no", ru.re, text, words)
			}
		}
	}
}

// The one pass that finds the rules' literals in a text finds exactly those
// strings.Contains finds, wherever they stand (start, end, overlapping).
func TestLiteralsFoundInOnePassAreThoseInTheText(t *testing.T) {
	for _, text := range prefilterTexts {
		present := ruleLiterals.in(text)
		for id, l := range ruleLiterals.lits {
			if found := present.has(int32(id)); found != strings.Contains(text, l) {
				t.Errorf("%q: literal %q found %v, strings.Contains says %v", text, l, found, !found)
			}
		}
	}
}
