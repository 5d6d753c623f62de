package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folded is a text lowercased, without accents, with typographic quotes and
// apostrophes made plain, so that cue patterns are written once in ASCII
// ("decede" matches "décédée", "DÉCÉDÉ", "décédé"). at maps each byte of the
// folded text back to the byte of the original it comes from, so cues are
// reported on the text as written.
type folded struct {
	text string
	at   []int // len(text)+1 entries; at[len(text)] is the end of the original
}

var foldReplacer = map[rune]string{
	'’': "'", '‘': "'", 'ʼ': "'", '`': "'", '´': "'",
	'«': "\"", '»': "\"", '“': "\"", '”': "\"",
	'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss",
	'\u00a0': " ", '\u202f': " ", '–': "-", '—': "-", '‑': "-",
}

func fold(s string) folded {
	var b strings.Builder
	b.Grow(len(s))
	at := make([]int, 0, len(s)+1)
	for i, r := range s {
		if r == utf8.RuneError {
			continue
		}
		var out string
		if rep, ok := foldReplacer[r]; ok {
			out = rep
		} else if r < utf8.RuneSelf {
			out = string(unicode.ToLower(r))
		} else {
			var sb strings.Builder
			for _, d := range norm.NFD.String(string(r)) {
				if !unicode.Is(unicode.Mn, d) {
					sb.WriteRune(unicode.ToLower(d))
				}
			}
			out = sb.String()
		}
		for k := 0; k < len(out); k++ {
			at = append(at, i)
		}
		b.WriteString(out)
	}
	at = append(at, len(s))
	return folded{text: b.String(), at: at}
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
