package entities

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// span is a byte range [start, end) of the text.
type span struct{ start, end int }

// layout tells the writer's own words from the earlier messages a reply
// carries along. A number or a date in a quoted message may still concern the
// writer (the prefecture's previous answer quotes the request number), but a
// phone number or an e-mail address there belongs to someone else (the
// prefecture's own address in "Le 18/10/2022, courrier@… a écrit :"), and the
// signature to find is the writer's, above the quote.
type layout struct {
	quoted []span // quoted lines ("> …", attribution lines), sorted
	// forward is where a forwarded or Outlook-style quoted message starts
	// (its header block or separator); everything after it is quoted.
	forward int
}

// attribution lines end like this once folded ("Le 17/10/2022 à 07:58,
// Patrick Salaün a écrit :", "On Mon, 7 Nov 2022, X wrote:").
var attributionEnds = []string{"a ecrit :", "a ecrit:", "a ecrit", "wrote:", "wrote :"}

// header names that follow "De :" in a forwarded message's header block.
var headerNames = []string{"objet", "subject", "envoye", "sent", "date", "a :", "a:", "to:", "to :", "cc", "destinataire"}

func scanLayout(text string) layout {
	l := layout{forward: len(text)}
	for start := 0; start < len(text); {
		end := lineEnd(text, start)
		next := end + 1
		raw := strings.TrimSpace(text[start:end])
		switch {
		case raw == "":
		case raw[0] == '>':
			l.quoted = append(l.quoted, span{start, end})
		case strings.IndexByte("lLoO-_dDfF", raw[0]) >= 0:
			// Attribution, separator and header lines start with one of
			// these bytes; other lines are not folded at all, which keeps
			// a long message cheap.
			head := fold(raw[:prefixLen(raw, 48)])
			switch {
			case (strings.HasPrefix(head, "le ") || strings.HasPrefix(head, "on ")) && strings.ContainsAny(raw, "0123456789") &&
				endsWithAny(fold(raw[suffixStart(raw, 24):]), attributionEnds):
				// The date makes it an attribution: "Le directeur m'a
				// écrit" is a sentence.
				l.quoted = append(l.quoted, span{start, end})
			case isSeparator(head):
				l.forward = start
				return l
			case strings.HasPrefix(head, "de :") || strings.HasPrefix(head, "de:") || strings.HasPrefix(head, "from:") || strings.HasPrefix(head, "from :"):
				// A header block: "De :" then "Objet :", "Date :"… within
				// the next four lines.
				for k, at := 0, next; k < 4 && at < len(text); k++ {
					e := lineEnd(text, at)
					g := fold(strings.TrimSpace(text[at : at+prefixLen(text[at:e], 40)]))
					if slices.ContainsFunc(headerNames, func(h string) bool { return strings.HasPrefix(g, h) }) {
						l.forward = start
						return l
					}
					at = e + 1
				}
			}
		}
		start = next
	}
	return l
}

// lineEnd returns the offset of the line break that ends the line starting
// at start, or len(text).
func lineEnd(text string, start int) int {
	if k := strings.IndexByte(text[start:], '\n'); k >= 0 {
		return start + k
	}
	return len(text)
}

// prefixLen returns how many bytes of s, at most n, end on a character
// boundary.
func prefixLen(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// suffixStart returns where the last n bytes of s (or a few more) start,
// on a character boundary.
func suffixStart(s string, n int) int {
	i := max(0, len(s)-n)
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// isSeparator recognises the lines mail clients put above a forwarded or
// quoted message: "---------- Message transféré ----------", "-----Original
// Message-----", "________________".
func isSeparator(f string) bool {
	if strings.HasPrefix(f, "____________") {
		return true
	}
	if !strings.HasPrefix(f, "--") {
		return false
	}
	return slices.ContainsFunc([]string{"message", "original", "forward", "transf"}, func(w string) bool { return strings.Contains(f, w) })
}

// endsWithAny reports whether s ends with one of the endings.
func endsWithAny(s string, endings []string) bool {
	return slices.ContainsFunc(endings, func(e string) bool { return strings.HasSuffix(s, e) })
}

// isQuoted reports whether byte offset i lies in quoted text.
func (l layout) isQuoted(i int) bool {
	if i >= l.forward {
		return true
	}
	k := sort.Search(len(l.quoted), func(k int) bool { return l.quoted[k].end > i })
	return k < len(l.quoted) && l.quoted[k].start <= i
}

// ownSegments returns the stretches of text the writer wrote in this
// message, in order: the text above the first quote, then whatever follows
// each block of "> " lines (bottom-posted replies).
func (l layout) ownSegments(text string) []span {
	var segs []span
	at := 0
	for _, q := range l.quoted {
		if q.start >= l.forward {
			break
		}
		if q.start > at {
			segs = append(segs, span{at, q.start})
		}
		at = q.end
	}
	if at < l.forward {
		segs = append(segs, span{at, l.forward})
	}
	return segs
}
