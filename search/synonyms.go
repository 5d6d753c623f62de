package search

import (
	"regexp"
	"strings"
)

// synonymGroup is a group of synonymes.yaml, each member analysed into the
// terms the index holds.
type synonymGroup struct {
	members []synonymMember
}

type synonymMember struct {
	text  string
	terms []string
	lang  string // "" : any message; "en" : only messages in English
}

// langMark is the mark after a term of synonymes.yaml that serves only
// messages in that language: "passport (en)" lets an English message find
// the French "passeport", and never sends a French message to English items.
var langMark = regexp.MustCompile(`\s*\(([a-z]{2})\)$`)

func (e *Engine) compileSynonyms(groups [][]string) []synonymGroup {
	out := make([]synonymGroup, 0, len(groups))
	for _, g := range groups {
		var sg synonymGroup
		for _, text := range g {
			lang := ""
			if m := langMark.FindStringSubmatch(text); m != nil {
				text, lang = strings.TrimSpace(text[:len(text)-len(m[0])]), m[1]
			}
			var terms []string
			for _, t := range e.terms.Terms(text) {
				terms = append(terms, t.Term)
			}
			if len(terms) > 0 {
				sg.members = append(sg.members, synonymMember{text: text, terms: terms, lang: lang})
			}
		}
		if len(sg.members) > 1 {
			out = append(out, sg)
		}
	}
	return out
}

// expansion is a term a synonym brings into the query, and the words of the
// message that brought it.
type expansion struct {
	term string
	from string // the message's words, as written
}

// expand finds the synonym members present in the message's terms (as a
// contiguous run) and returns the other members' terms, leaving out the
// members marked for another language than the message's.
func (e *Engine) expand(msg []Term, text, lang string) []expansion {
	var out []expansion
	for _, g := range e.synonyms {
		found, at := -1, Term{}
		for i, m := range g.members {
			if m.lang != "" && m.lang != lang {
				continue
			}
			if t, ok := findRun(msg, m.terms); ok {
				found, at = i, t
				break
			}
		}
		if found < 0 {
			continue
		}
		from := text[at.Start:at.End]
		for i, m := range g.members {
			if i == found || m.lang != "" && m.lang != lang {
				continue
			}
			for _, t := range m.terms {
				out = append(out, expansion{term: t, from: from})
			}
		}
	}
	return out
}

// findRun reports whether run occurs in terms as consecutive terms, and the
// span it covers in the original text.
func findRun(terms []Term, run []string) (Term, bool) {
	for i := 0; i+len(run) <= len(terms); i++ {
		ok := true
		for j, r := range run {
			if terms[i+j].Term != r {
				ok = false
				break
			}
		}
		if ok {
			return Term{Start: terms[i].Start, End: terms[i+len(run)-1].End}, true
		}
	}
	return Term{}, false
}
