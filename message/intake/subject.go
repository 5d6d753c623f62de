package intake

import (
	"regexp"
	"strings"
)

// maxSubjectBytes bounds a subject: real ones are a line, and a pasted
// subject field can hold anything.
const maxSubjectBytes = 4 << 10

// prefixRe matches one reply or forward prefix at the start of a subject.
// French clients write "RE :" and "TR :" with a space (often a no-break
// space) before the colon; Outlook counts replies as "RE[2]:"; Lotus Notes
// writes "Rép. :". "Réf :" is not a reply marker but a reference the writer
// adds, and it is evidence of an earlier exchange too.
var prefixRe = regexp.MustCompile(`(?i)^[\s\x{A0}\x{202F}]*(re|ré|rép|rep|aw|sv|tr|fwd|fw|wg|réf|ref)\.?[\s\x{A0}\x{202F}]*(?:\[\d{1,4}\]|\(\d{1,4}\))?[\s\x{A0}\x{202F}]*:[\s\x{A0}\x{202F}]*`)

// SplitSubject removes the reply and forward prefixes of a subject and
// returns them normalised, in order: "RE: TR: Fwd: AW: Réf : dossier"
// gives "dossier" and [RE TR FWD AW REF]. A repeated prefix is kept as many
// times as it occurs, since "RE: RE: RE:" says how long the exchange is.
func SplitSubject(subject string) (string, []string) {
	s, _, _ := normalise(subject, maxSubjectBytes)
	s = strings.Join(strings.Fields(s), " ") // a folded header or a pasted line break
	var prefixes []string
	for len(prefixes) < 64 { // bounded: each round consumes at least two bytes anyway
		m := prefixRe.FindStringSubmatchIndex(s)
		if m == nil {
			break
		}
		prefixes = append(prefixes, canonicalPrefix(s[m[2]:m[3]]))
		s = s[m[1]:]
	}
	return strings.TrimSpace(s), prefixes
}

func canonicalPrefix(p string) string {
	switch strings.ToUpper(p) {
	case "RE", "RÉ", "RÉP", "REP":
		return "RE"
	case "FWD", "FW":
		return "FWD"
	case "RÉF", "REF":
		return "REF"
	default:
		return strings.ToUpper(p) // AW, SV, TR, WG
	}
}

// isForwardPrefix reports whether a normalised prefix marks a forward:
// "TR" (transféré, French Outlook), "FWD", "WG" (weitergeleitet).
func isForwardPrefix(p string) bool { return p == "TR" || p == "FWD" || p == "WG" }

// isReplyPrefix reports whether a normalised prefix marks a reply:
// "RE", "AW" (Antwort), "SV" (svar).
func isReplyPrefix(p string) bool { return p == "RE" || p == "AW" || p == "SV" }

func hasPrefixKind(prefixes []string, forward bool) bool {
	for _, p := range prefixes {
		if forward && isForwardPrefix(p) || !forward && isReplyPrefix(p) {
			return true
		}
	}
	return false
}

// SubjectLine splits pasted text whose first line is « Objet : … » or
// « Subject: … » into that subject and the rest; otherwise the subject is
// empty and the text is the body.
func SubjectLine(text string) (subject, body string) {
	// Old Mac mail clients end lines with a lone CR: without this the
	// « Objet : » line would swallow the whole message.
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	trimmed := strings.TrimLeft(text, "\n")
	first, rest, _ := strings.Cut(trimmed, "\n")
	for _, prefix := range []string{"subject:", "objet :", "objet:", "sujet :", "sujet:"} {
		if len(first) >= len(prefix) && strings.EqualFold(first[:len(prefix)], prefix) {
			return strings.TrimSpace(first[len(prefix):]), strings.TrimLeft(rest, "\n")
		}
	}
	return "", trimmed
}
