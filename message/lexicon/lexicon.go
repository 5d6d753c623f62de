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

// asciiLower maps each ASCII byte to its lower case.
var asciiLower = func() string {
	b := make([]byte, utf8.RuneSelf)
	for i := range b {
		b[i] = byte(unicode.ToLower(rune(i)))
	}
	b['`'] = '\''
	return string(b)
}()

// FoldByte is FoldRune of an ASCII byte (c < utf8.RuneSelf), as a byte: the
// fast path of the folders, which meet ASCII most of the time.
func FoldByte(c byte) byte { return asciiLower[c] }

// FoldRune is r as Plume's patterns read it: lower case, without accent,
// plain quotes and apostrophes, ligatures spelt out, no-break spaces and
// dashes made plain. It may be several bytes (œ → oe) or none (a lone
// combining accent).
func FoldRune(r rune) string {
	switch {
	case r >= 0 && r < utf8.RuneSelf:
		return asciiLower[r : r+1] // no string made
	case r >= 0 && r < rune(len(latinFolded)):
		return latinFolded[r] // the accented letters of French and its neighbours
	}
	if rep, ok := replaced[r]; ok {
		return rep
	}
	return decompose(r)
}

// latinFolded holds FoldRune of the runes below U+0180 (Latin-1 and
// Latin Extended-A), worked out once: every accented letter of a message
// went through a Unicode decomposition before.
var latinFolded = func() []string {
	t := make([]string, 0x180)
	for r := range t {
		if r < utf8.RuneSelf {
			continue
		}
		if rep, ok := replaced[rune(r)]; ok {
			t[r] = rep
		} else {
			t[r] = decompose(rune(r))
		}
	}
	return t
}()

// decompose folds r by its Unicode decomposition: the base letters in
// lower case, without the combining accents.
func decompose(r rune) string {
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
		if r < utf8.RuneSelf {
			b.WriteByte(asciiLower[r])
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

// formulasByFirst indexes ClosingFormulas by their first byte: a line is
// compared with a handful of them, and most lines with none (this runs on
// every line of every message read).
var formulasByFirst = func() map[byte][]string {
	m := map[byte][]string{}
	for _, f := range ClosingFormulas {
		m[f[0]] = append(m[f[0]], f)
	}
	return m
}()

// IsClosingFormula reports whether line opens with a closing formula
// followed by the end of a word: « Merci, » and « Merci d'avance » but not
// « Mercier ».
func IsClosingFormula(line string) bool {
	line = strings.TrimLeft(line, " \t")
	r, _ := utf8.DecodeRuneInString(line)
	if line == "" {
		return false
	}
	first := FoldRune(r)
	if first == "" {
		return false
	}
	for _, p := range formulasByFirst[first[0]] {
		after, ok := foldedPrefix(line, p)
		if !ok {
			continue
		}
		if strings.HasSuffix(p, " d") {
			return true
		}
		if r, _ := utf8.DecodeRuneInString(after); after == "" || !unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// foldedPrefix reports whether line, folded, starts with the folded p, and
// what of line follows it; it folds rune by rune, without building the
// folded line.
func foldedPrefix(line, p string) (after string, ok bool) {
	i := 0
	for k, r := range line {
		if i == len(p) {
			return line[k:], true
		}
		if r < utf8.RuneSelf {
			if asciiLower[r] != p[i] {
				return "", false
			}
			i++
			continue
		}
		f := FoldRune(r)
		if !strings.HasPrefix(p[i:], f) {
			return "", false
		}
		i += len(f)
	}
	return "", i == len(p)
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
