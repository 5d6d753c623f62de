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

// The quick test must never hide a match: every rule, on texts that match
// it, must pass mayMatch.
func TestPrefilterNeverHidesAMatch(t *testing.T) {
	texts := []string{
		"je vous ai deja ecrit le 3 octobre, toujours rien",
		"mon pere est decede hier, les obseques ont lieu lundi",
		"jai deja envoye 2 mail pas de reponse, mon patron m'a dit il peut plus me garder",
		"ca fait la 4e fois que je me deplace, le guichet me dit chaque fois d'attendre",
		"il m'a pousse, ca finira mal, je n'en peux plus, j'ai envie d'en finir",
	}
	all := append([]rule{}, relanceRules...)
	for _, rs := range reasonRules {
		all = append(all, rs...)
	}
	all = append(all, selfHarmRules...)
	all = append(all, contactRules...)
	all = append(all, elsewhereRules...)
	for _, text := range texts {
		present := ruleLiterals.in(text)
		for _, ru := range all {
			if ru.re.MatchString(text) && !mayMatch(present, ru.literals) {
				t.Errorf("%s matches %q but its literals %q say no", ru.re, text, ru.literals)
			}
		}
	}
}

// The one pass that finds the rules' literals in a text finds exactly those
// strings.Contains finds, wherever they stand (start, end, overlapping).
func TestLiteralsFoundInOnePassAreThoseInTheText(t *testing.T) {
	texts := []string{
		"je vous ai deja ecrit le 3 octobre, toujours rien",
		"relance relance",
		"deces",
		"obseques de mon pere, je vous relance",
		"",
		"ab",
		"jai deja envoye 2 mail pas de reponse, mon patron m'a dit il peut plus me garder",
	}
	for _, text := range texts {
		present := ruleLiterals.in(text)
		for id, l := range ruleLiterals.lits {
			found := present[id>>6]&(1<<(id&63)) != 0
			if found != strings.Contains(text, l) {
				t.Errorf("%q: literal %q found %v, strings.Contains says %v", text, l, found, !found)
			}
		}
	}
}
