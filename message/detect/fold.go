package detect

import (
	"strings"
	"unicode/utf8"

	"plume/message/lexicon"
)

// folded is a text lowercased, without accents, with typographic quotes and
// apostrophes made plain, so that cue patterns are written once in ASCII
// ("decede" matches "décédée", "DÉCÉDÉ", "décédé"). at maps each byte of the
// folded text back to the byte of the original it comes from, so cues are
// reported on the text as written.
type folded struct {
	text string
	at   []int // len(text)+1 entries; at[len(text)] is the end of the original
	// present holds the rules' literals found in text, looked for at the
	// first scan and kept for the others (a message is scanned by a dozen
	// rule lists); nil for a text folded for another use.
	present *literalSet
}

// foldToScan folds s for the rule lists: the literals it holds are looked
// for once, at the first scan.
func foldToScan(s string) folded {
	f := fold(s)
	f.present = new(literalSet)
	return f
}

// literals returns which of the rules' literals f holds.
func (f folded) literals() literalSet {
	if f.present == nil {
		return ruleLiterals.in(f.text)
	}
	if *f.present == nil {
		*f.present = ruleLiterals.in(f.text)
	}
	return *f.present
}

// Fold returns s lowercased, without accents, with plain quotes and
// hurried spellings normalised: the form every cue pattern of Plume is
// written for (detection, routing, deadlines).
func Fold(s string) string { return fold(s).text }

func fold(s string) folded {
	var b strings.Builder
	b.Grow(len(s))
	at := make([]int, 0, len(s)+1)
	for i, r := range s {
		if r == utf8.RuneError {
			continue
		}
		if r < utf8.RuneSelf { // ASCII, the most of a message: no string made
			b.WriteByte(lexicon.FoldByte(byte(r)))
			at = append(at, i)
			continue
		}
		out := lexicon.FoldRune(r)
		for k := 0; k < len(out); k++ {
			at = append(at, i)
		}
		b.WriteString(out)
	}
	at = append(at, len(s))
	return normalizeSMS(folded{text: b.String(), at: at})
}

// span maps a folded byte range back to the original text. The end is the
// end of the rune the last folded byte came from.
func (f folded) span(start, end int, orig string) (int, int) {
	if start >= len(f.text) {
		return len(orig), len(orig)
	}
	s := f.at[start]
	if end <= start {
		return s, s
	}
	last := f.at[end-1]
	_, size := utf8.DecodeRuneInString(orig[last:])
	return s, last + size
}

// smsWords are spellings of hurried or phonetic writing ("jai deja envoyé 2
// mail, tjr rien") mapped to the standard words the cue patterns know. They
// apply to whole words of the folded text only.
var smsWords = map[string]string{
	"jai": "j'ai", "jvous": "je vous", "jsuis": "je suis", "jss": "je suis", "chui": "je suis",
	"jpeux": "je peux", "jlui": "je lui", "jsp": "je ne sais pas", "jsais": "je sais",
	"jveux": "je veux", "jvoudrais": "je voudrais", "jarrive": "j'arrive", "jattends": "j'attends",
	"tjr": "toujours", "tjrs": "toujours", "toujour": "toujours", "pa": "pas", "plu": "plus",
	"pr": "pour", "dossie": "dossier", "bcp": "beaucoup", "tt": "tout", "ds": "dans",
	"qd": "quand", "pq": "pourquoi", "pk": "pourquoi", "taf": "travail", "boulot": "travail",
	"mail": "mail", "mails": "mails", "rdv": "rendez-vous", "nn": "non", "oqtf": "oqtf",
}

// maBefore are past participles after which "ma" is "m'a" written without
// its apostrophe ("il ma dit").
var maBefore = map[string]bool{
	"dit": true, "repondu": true, "demande": true, "propose": true, "explique": true,
	"promis": true, "assure": true, "appele": true, "envoye": true, "donne": true,
	"refuse": true, "renvoye": true, "redit": true, "rappele": true,
}

// normalizeSMS rewrites smsWords in f, keeping the map to the original.
// Most messages hold none: the text is copied only from the first word
// rewritten.
func normalizeSMS(f folded) folded {
	var b strings.Builder
	var at []int
	text := f.text
	copied := 0 // text[:copied] is in b (once a word has been rewritten)
	changed := false
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) || (i > 0 && isWordByte(text[i-1])) {
			i++
			continue
		}
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		word := text[i:j]
		rep, ok := smsWords[word]
		if word == "ma" && j+1 < len(text) && text[j] == ' ' {
			k := j + 1
			for k < len(text) && isWordByte(text[k]) {
				k++
			}
			if maBefore[text[j+1:k]] {
				rep, ok = "m'a", true
			}
		}
		if ok && rep != word {
			if !changed {
				changed = true
				b.Grow(len(text) + 16)
				at = make([]int, 0, len(f.at)+16)
			}
			b.WriteString(text[copied:i])
			at = append(at, f.at[copied:i]...)
			b.WriteString(rep)
			// The first byte maps to the word's start, the others to its last
			// byte, so a cue ending on the word ends where the word does.
			at = append(at, f.at[i])
			for k := 1; k < len(rep); k++ {
				at = append(at, f.at[j-1])
			}
			copied = j
		}
		i = j
	}
	if !changed {
		return f
	}
	b.WriteString(text[copied:])
	at = append(at, f.at[copied:]...)
	return folded{text: b.String(), at: at}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// FoldAt folds s as Fold does and also returns, for each byte of the folded
// text, the byte of s it comes from (one entry more: the end of s), so that
// a reader of the folded text can point at the words as written.
func FoldAt(s string) (string, []int) {
	f := fold(s)
	return f.text, f.at
}
