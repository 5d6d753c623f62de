package entities

import (
	"plume/message/lexicon"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold is the shared folding (lexicon.Fold), so that context words match
// however they were typed ("Étranger", "ETRANGER", "etranger"). It is only
// used to test context, never to compute offsets, so a length change
// (œ → oe) is harmless.
func fold(s string) string { return lexicon.Fold(s) }

// isWordRune reports whether r can continue a word or a number: an entity
// glued to one of these is part of something longer (a reference, a URL
// path, a word) and is not taken.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// runeBefore returns the rune that ends just before byte offset i.
func runeBefore(s string, i int) rune {
	if i <= 0 {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// runeAt returns the rune that starts at byte offset i.
func runeAt(s string, i int) rune {
	if i >= len(s) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// bounded reports whether s[start:end] stands alone: no letter or digit
// touches it on either side.
func bounded(s string, start, end int) bool {
	return !isWordRune(runeBefore(s, start)) && !isWordRune(runeAt(s, end))
}

// chained reports whether the number at s[start:end] is one link of a longer
// chain such as "02174/2022/004513" or "192.168.1.10": a separator followed
// (or preceded) by a digit right next to it. Such chains are references,
// never dates or phone numbers.
func chained(s string, start, end int) bool {
	if start >= 2 && strings.IndexByte("/.-", s[start-1]) >= 0 && isDigit(s[start-2]) {
		return true
	}
	if end+1 < len(s) && strings.IndexByte("/.-", s[end]) >= 0 && isDigit(s[end+1]) {
		return true
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits keeps the ASCII digits of s.
func digits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// lineBefore returns, folded, at most n bytes of the line that precedes byte
// offset i. Context for a number is looked for on its own line only: a label
// on the previous line usually belongs to another value.
func lineBefore(s string, i, n int) string {
	from := i - n
	if from < 0 {
		from = 0
	}
	if nl := strings.LastIndexByte(s[from:i], '\n'); nl >= 0 {
		from += nl + 1
	}
	for from < i && !utf8.RuneStart(s[from]) {
		from++
	}
	return fold(s[from:i])
}

// contextBefore returns, folded, at most n bytes before byte offset i,
// across lines.
func contextBefore(s string, i, n int) string {
	from := i - n
	if from < 0 {
		from = 0
	}
	for from < i && !utf8.RuneStart(s[from]) {
		from++
	}
	return fold(s[from:i])
}

// hasWord reports whether one of the words starts a word of s (s and the
// words folded): "ref" is found in "réf." and "référence", not in
// "préfecture"; "ants" not in "enfants".
func hasWord(s string, words []string) bool {
	for _, w := range words {
		for at := 0; ; {
			k := strings.Index(s[at:], w)
			if k < 0 {
				break
			}
			if !isWordRune(runeBefore(s, at+k)) {
				return true
			}
			at += k + 1
		}
	}
	return false
}

// standalone returns the span of a match that stands alone in s — not glued
// to other letters or digits, not one link of a chain of numbers — and
// false for no match or one that does not.
func standalone(s string, m []int) (int, int, bool) {
	if m == nil || !bounded(s, m[0], m[1]) || chained(s, m[0], m[1]) {
		return 0, 0, false
	}
	return m[0], m[1], true
}
