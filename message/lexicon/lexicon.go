// Package lexicon holds the words and spellings every reader of a message
// shares: how a text is folded for matching, the closing formulas that
// open a signature, and the particles, civilities and titles around a
// person's name. The message readers (intake, detect, entities) and the
// title finder use these, so that a formula or an accent is recognised the
// same way everywhere.
package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// replaced are the runes folded to something other than their base
// letter: typographic quotes and apostrophes, ligatures, spaces.
var replaced = map[rune]string{
	'’': "'", '‘': "'", 'ʼ': "'", '`': "'", '´': "'",
	'«': "\"", '»': "\"", '“': "\"", '”': "\"",
	'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss",
	'\u00a0': " ", '\u202f': " ", '–': "-", '—': "-", '‑': "-",
}

// FoldRune is r as Plume's patterns read it: lower case, without accent,
// plain quotes and apostrophes, ligatures spelt out, no-break spaces and
// dashes made plain. It may be several bytes (œ → oe) or none (a lone
// combining accent).
func FoldRune(r rune) string {
	if rep, ok := replaced[r]; ok {
		return rep
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	}
	var sb strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			sb.WriteRune(unicode.ToLower(d))
		}
	}
	return sb.String()
}

// Fold folds every rune of s (FoldRune); invalid bytes are dropped.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r == utf8.RuneError {
			continue
		}
		if r < utf8.RuneSelf && !('A' <= r && r <= 'Z') && r != '`' {
			b.WriteByte(byte(r))
			continue
		}
		b.WriteString(FoldRune(r))
	}
	return b.String()
}

// ClosingFormulas open the line that closes a message, in French and
// English, folded. « je vous prie d » stands for « je vous prie d'agréer »
// and « … de croire » in all their spellings.
var ClosingFormulas = []string{
	"cordialement", "bien cordialement", "tres cordialement", "cordiales salutations",
	"cdlt", "cdt", "bien a vous", "bien a toi",
	"merci", "je vous remercie", "nous vous remercions", "en vous remerciant", "vous remerciant",
	"avec mes remerciements", "avec nos remerciements", "avec tous mes remerciements", "remerciements",
	"je vous prie d", "nous vous prions d", "veuillez agreer", "veuillez recevoir", "veuillez croire",
	"recevez", "dans l'attente", "en attendant votre",
	"salutations", "mes salutations", "nos salutations", "sinceres salutations",
	"meilleures salutations", "respectueuses salutations", "respectueusement",
	"bonne journee", "bonne soiree", "bonne fin de journee", "belle journee",
	"amicalement", "a bientot",
	"best regards", "kind regards", "warm regards", "warmest regards", "kindest regards", "regards",
	"many thanks", "thanks", "thank you", "sincerely", "yours sincerely", "yours faithfully", "yours truly",
	"best wishes", "best", "respectfully", "looking forward", "cheers",
}

// formulaLead bounds how much of a line is folded to find a formula: the
// longest formula and a few more bytes.
const formulaLead = 64

// IsClosingFormula reports whether line opens with a closing formula
// followed by the end of a word: « Merci, » and « Merci d'avance » but not
// « Mercier ».
func IsClosingFormula(line string) bool {
	lead := line
	if len(lead) > formulaLead {
		lead = lead[:formulaLead]
		for len(lead) > 0 && !utf8.ValidString(lead) {
			lead = lead[:len(lead)-1]
		}
	}
	f := strings.TrimSpace(Fold(lead))
	for _, p := range ClosingFormulas {
		if !strings.HasPrefix(f, p) {
			continue
		}
		if strings.HasSuffix(p, " d") {
			return true
		}
		if r, _ := utf8.DecodeRuneInString(f[len(p):]); len(f) == len(p) || !unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// NameParticles may stand in lower case inside a name and belong to the
// family name: « Jean de La Fontaine », « van Dam », « EL OUARDI ».
var NameParticles = setOf("le", "la", "les", "de", "du", "des", "d", "d'", "l", "del", "della", "van", "von",
	"der", "den", "ter", "da", "das", "do", "dos", "di", "el", "al", "ben", "bin", "ibn", "ould", "abou", "abu",
	"st", "saint", "sainte", "et", "y", "e")

// Civilities are the folded civilities before a name, with the one a
// reply writes.
var Civilities = map[string]string{"mme": "Madame", "madame": "Madame", "mlle": "Madame", "mademoiselle": "Madame",
	"mrs": "Madame", "ms": "Madame", "miss": "Madame", "m": "Monsieur", "mr": "Monsieur", "monsieur": "Monsieur"}

// Titles before a name that are not a civility: kept out of the name.
var Titles = setOf("dr", "docteur", "me", "maitre", "pr", "professeur")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
