package kb

import (
	"fmt"
	"regexp"
	"strings"
)

// The checks of this file keep what the December 2026 review of the base
// found from coming back: the same first-contact reply sent again on a
// relance, promises of a call or a date that no field backs, two kinds of
// apostrophe in one e-mail. They apply to what is sent to people (replies,
// blocs, infos), not to the agents' procedures.

// checkWording reports the wording problems of it.
func checkWording(it *Item) Problems {
	if it.Kind == KindProcedure {
		return nil
	}
	var probs Problems
	add := func(at int, format string, args ...any) {
		probs = append(probs, Problem{it.Path, it.BodyLine + strings.Count(it.Body[:at], "\n"), LevelError, fmt.Sprintf(format, args...)})
	}
	if it.Kind == KindReponse && !it.When(SituationRelance) && !it.IsNotFor(SituationRelance) {
		probs = append(probs, Problem{it.Path, 1, LevelError,
			"réponse de premier contact sans « not_for: [relance] » : sur une relance elle serait renvoyée telle quelle, avec ses dates ; ajoutez-le (une réponse de relance de la catégorie prend le relais)"})
	}
	if i := strings.IndexRune(it.Body, '’'); i >= 0 {
		add(i, "apostrophe typographique ’ : la base écrit l'apostrophe droite ' (une réponse composée mélangerait les deux)")
	}
	for _, s := range sentences(it.Body) {
		text := it.Body[s[0]:s[1]]
		// The patterns backtrack: a sentence is only given to those whose
		// words it holds (every base is checked at each start, the
		// browser's too).
		lower := strings.ToLower(text)
		switch {
		case mayHave(lower, "meilleurs", "soon") && vagueDelay.MatchString(text):
			add(s[0], "« %s » : un délai sans date n'engage à rien et sonne froid ; donnez la date par un champ ({{suivi.date_retour}}) ou ne promettez rien de précis", vagueDelay.FindString(text))
		case mayHave(lower, "nous", "we have") && agentActs.MatchString(text):
			add(s[0], "« %s » : « je » pour ce que l'agent a fait (« J'ai transmis »), « nous » pour la préfecture ; un courriel composé mêlerait « Nous avons transmis » et « J'ai signalé » des blocs", agentActs.FindString(text))
		case (saysWhen(lower) ||
			mayHave(lower, "appel", "call", "phone") && callPromise.MatchString(text)) && promise.MatchString(text) && !hasWhenField(text):
			add(s[0], "promesse sans champ qui dise qui et quand (« %s ») : un appel, une date ou un délai ne s'écrit qu'avec son champ ({{suivi.date_retour}}, {{rappel.date}}, {{site.delai_transfert}}…)", strings.TrimSpace(clipWords(text, 12)))
		}
	}
	return probs
}

var (
	// promise finds the préfecture committing itself to act toward the
	// person; callPromise, a call (saysWhen, a time it commits to).
	promise     = regexp.MustCompile(`(?i)\b((va|vont|allons|allez)\s+vous\s+(r?appeler|recontacter|contacter|répondre|écrire)|vous\s+(r?appell?er(a|ons|ont)?|recontacter(a|ons|ont)|contacter(a|ons|ont)|répondr(a|ons|ont)|écrir(a|ons|ont))|reviendr(ai|ons|a)\s+vers\s+vous|(aurez|recevrez)\s+(une\s+réponse|de\s+nos\s+nouvelles|des\s+nouvelles)|will\s+(call|phone|contact|reply\s+to|write\s+to)\s+you|(will|shall)\s+get\s+back\s+to\s+you|you\s+will\s+(hear|receive\s+a\s+reply))`)
	callPromise = regexp.MustCompile(`(?i)((va|vont|allons)\s+vous\s+r?appeler|vous\s+r?appell?er(a|ons|ont)\b|will\s+(call|phone)\s+you)`)
	// whenField names a field that says when: a date, a delay, an
	// appointment, a call someone agreed to make.
	whenField = regexp.MustCompile(`(date|delai|rdv|rappel|echeance)`)
	// agentActs finds what the agent did today written as « nous ».
	agentActs  = regexp.MustCompile(`(?i)\bnous (?:vous )?(?:avons|venons de) (?:bien )?(?:transmis|transférer|transféré|signalé|relancé|demandé au service)|\bwe have (?:forwarded|reported|passed on) your\b`)
	vagueDelay = regexp.MustCompile(`(?i)(dans\s+les\s+meilleurs\s+délais|as\s+soon\s+as\s+possible)`)
)

// saysWhen reports whether a sentence in lower case commits to a time
// (« au plus tard », « sous 8 jours », « shortly »…). Words, not a pattern:
// the pattern with its case folding was the slowest check of a start-up.
func saysWhen(lower string) bool {
	words := " " + strings.Join(strings.Fields(lower), " ")
	if mayHave(words, "au plus tard", "dans un délai", "d'ici le", "d'ici à", "jour ouvrés", "jours ouvrés",
		"rapidement", "prochainement", "at the latest", "working days", "shortly") {
		return true
	}
	for _, lead := range []string{"sous ", "avant le ", "within ", "by "} {
		for rest := words; ; {
			i := strings.Index(rest, lead)
			if i < 0 {
				break
			}
			rest = rest[i+len(lead):]
			if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				return true
			}
		}
	}
	return false
}

// mayHave reports whether lower holds one of words: a pattern that needs
// one of them cannot match without.
func mayHave(lower string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// hasWhenField reports whether text holds a {{field}} saying when.
func hasWhenField(text string) bool {
	for _, p := range Placeholders(text) {
		if whenField.MatchString(p.Name) {
			return true
		}
	}
	return false
}

// sentences gives the byte ranges of body's sentences: cut at . ! ? or a
// line break.
func sentences(body string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		end := c == '\n' || ((c == '.' || c == '!' || c == '?') && (i+1 == len(body) || body[i+1] == ' ' || body[i+1] == '\n'))
		if end {
			if strings.TrimSpace(body[start:i]) != "" {
				out = append(out, [2]int{start, i + 1})
			}
			start = i + 1
		}
	}
	if strings.TrimSpace(body[start:]) != "" {
		out = append(out, [2]int{start, len(body)})
	}
	return out
}

// clipWords keeps the first n words of s, for a message.
func clipWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + "…"
}
