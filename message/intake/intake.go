// Package intake turns what an agent actually has — an e-mail pasted from
// any mail client, or an .eml file — into one normalised text with the
// writer's new words, their signature and the quoted or forwarded thread
// told apart.
//
// Every part is a byte range of Parsed.Body rather than a copy, so that the
// detectors downstream can report cues with offsets and the UI can highlight
// them in the very text the agent sees.
//
// Recognised quote markers (each starts a block; everything below the first
// one is quoted):
//
//   - reply attributions at the start of a line, possibly wrapped over up to
//     three lines: "Le 18/10/2022 à 14:26, X a écrit :", "Le lun. 3 oct. 2022
//     à 18:22, X <x@y> a écrit :", "On Tue, Oct 18, 2022 at 2:26 PM X wrote:",
//     "X <x@y> a écrit :", older Gmail's "2016-03-15 10:12 GMT+01:00 X <x@y>:";
//   - header blocks "De : … Envoyé : … À : … Objet : …" and "From: … Sent: …
//     To: … Subject: …" (Outlook, also on one line or with "*bold*" labels);
//   - separators, also after text on the same line: "-----Message
//     d'origine-----", "-------- Message transféré --------", "----------
//     Forwarded message ---------", "-----Original Message-----"; Apple
//     Mail's "Début du message réexpédié :" / "Begin forwarded message:";
//     Outlook's line of underscores above a header block;
//   - lines starting with ">".
//
// The signature is the "-- " block, or the short block of name and contact
// lines after the closing formula, or a trailing block of up to four lines
// that are plainly a name, a phone number or an address (see findSignature).
//
// The package is pure Go (no UI, no cgo) and builds for GOOS=js: the browser
// build analyses the message without it ever leaving the page. Its work is
// linear in the size of the input, which is itself capped at MaxBytes: an
// agent may paste a whole thread, a log or a 50,000-line quote by mistake,
// and the UI must stay responsive whatever arrives.
package intake

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Span is a byte range [Start, End) of Parsed.Body.
type Span struct{ Start, End int }

// Len is the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Empty reports whether the span holds no byte.
func (s Span) Empty() bool { return s.End <= s.Start }

// Quote is an earlier message quoted or forwarded below the new text.
type Quote struct {
	Span      Span      // the whole quoted block, header included
	Content   Span      // the block without its header: the earlier message's text (with its "> " marks, if any)
	Header    string    // the marker line(s) as written, e.g. "Le 18/10/2022 à 14:26, X a écrit :"
	From      string    // author named by the header, if any ("courrier@pref-exemple.gouv.fr", "Ousmane Camara")
	To        string    // recipient named by a forwarded header's "À :"/"To:" line, if any
	Date      string    // date as written in the header, if any
	When      time.Time // Date read as a time when it can be ("18/10/2022 à 14:26", "mardi 18 octobre 2022 14:26"), zero otherwise
	Subject   string    // subject named by a forwarded header's "Objet :"/"Subject:" line, if any
	Forwarded bool      // a forwarded message ("Message transféré", "Forwarded message", "Message d'origine") rather than a reply quote
}

// Parsed is a message split into the parts an agent reads differently.
//
// Offsets are byte offsets into Body and always fall on rune boundaries.
// The parts come in this order and never overlap:
//
//	New.Start ≤ New.End ≤ Signature.Start ≤ Signature.End ≤ Quotes[0].Span.Start ≤ Quotes[0].Span.End ≤ Quotes[1].Span.Start …
//
// except when the writer answered below a « > » quote with nothing above it
// but a greeting: New and Signature then come right after Quotes[0].
type Parsed struct {
	Subject   string    // subject without its RE/TR/Fwd prefixes
	Prefixes  []string  // the prefixes removed, normalised upper-case without colon, in order: "RE", "TR", "FWD", "AW", "WG", "REF"…
	Body      string    // the whole text, normalised (see normalise): valid UTF-8, NUL and format characters removed, \r\n → \n, NFC
	New       Span      // the writer's new text: before the first quote marker, without the signature (below the first quote when the writer answered under it)
	Signature Span      // the signature block at the end of the new text (Start == End when none)
	Quotes    []Quote   // quoted or forwarded messages, in the order they appear
	Truncated bool      // Body was cut to MaxBytes (the UI shows a notice)
	Date      time.Time // the message date when known (.eml Date header), zero otherwise
	From      string    // sender when known (.eml From header)
	Lang      string    // "fr" or "en", guessed from the new text (stop-word counts); "fr" when unsure
	Warnings  []string  // what the agent must know of how the text was read (hidden text left out, charset guessed, raw MIME), in French
	raw       []int32   // see RawOffset
}

// MaxBytes bounds the analysed text. 256 KiB is about 40,000 words, far
// beyond any real message, and keeps the worst case of every detector
// downstream within a few milliseconds, also in the browser.
const MaxBytes = 256 << 10

// NewText is the writer's new text, without signature or quotes.
func (p Parsed) NewText() string { return p.Text(p.New) }

// SignatureText is the signature block, "" when none was found.
func (p Parsed) SignatureText() string { return p.Text(p.Signature) }

// Text returns Body[s.Start:s.End], or "" for a span that does not fit
// Body, so that callers holding a stale span cannot panic.
func (p Parsed) Text(s Span) string {
	if s.Start < 0 || s.End > len(p.Body) || s.Start >= s.End {
		return ""
	}
	return p.Body[s.Start:s.End]
}

// Main is the text the reply must answer: the new text when it holds
// words; otherwise, for a message forwarded or pasted without a comment
// above it (the paste starts with "De : … Envoyé : …" or "Message
// transféré"), the content of the first quoted block.
func (p Parsed) Main() Span {
	if !p.New.Empty() || len(p.Quotes) == 0 {
		return p.New
	}
	return p.Quotes[0].Content
}

// IsReply reports whether the subject carries a reply prefix (RE, AW, SV).
func (p Parsed) IsReply() bool { return hasPrefixKind(p.Prefixes, false) }

// IsForward reports whether the subject carries a forward prefix (TR, FWD, WG).
func (p Parsed) IsForward() bool { return hasPrefixKind(p.Prefixes, true) }

// ParseText analyses text pasted by the agent, with the subject when the
// agent has it ("" otherwise).
func ParseText(subject, body string) Parsed {
	return parse(subject, body)
}

func parse(subject, raw string) Parsed {
	body, offsets, truncated := normalise(raw, MaxBytes)
	subj, prefixes := SplitSubject(subject)
	p := analyse(body, prefixes)
	p.Truncated, p.raw = truncated, offsets
	p.Subject, p.Prefixes = subj, prefixes
	return p
}

// normalise returns s as valid UTF-8 without NUL bytes, with every line
// ending as "\n", without the invisible format characters (Unicode Cf: soft
// hyphen, zero-width space and joiners, byte-order marks, bidirectional
// controls — some mail clients put them inside words, where they would hide
// « sui\u00adcidaire » from every detector), composed (NFC: an « é » typed
// as e + accent reads as « é »), cut at a rune boundary so that it holds at
// most max bytes. It reads each input byte once and stops writing when the
// output is full, so a huge input costs one pass and no more memory than
// max.
//
// raw maps each byte offset of the result (and its end) to the offset in s
// it comes from; nil when the result is s itself or a prefix of it.
func normalise(s string, max int) (out string, raw []int32, truncated bool) {
	// Fast path, the common case: the text (or the part of it that fits) is
	// already clean and is returned without a copy, cut at a rune boundary.
	cut := len(s)
	if cut > max {
		cut = max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	if isClean(s[:cut]) {
		if cut < len(s) {
			// a copy, so that Body does not keep a huge paste alive
			return strings.Clone(s[:cut]), nil, true
		}
		return s, nil, false
	}
	var b strings.Builder
	b.Grow(min(len(s), max))
	raw = make([]int32, 0, min(len(s), max)+1)
	put := func(from int, r rune) bool {
		n := utf8.RuneLen(r)
		if b.Len()+n > max {
			return false
		}
		b.WriteRune(r)
		for range n {
			raw = append(raw, int32(from))
		}
		return true
	}
	invalid := false // collapse a run of invalid bytes into one U+FFFD, as strings.ToValidUTF8 does
	full, end := false, len(s)
	for i := 0; i < len(s) && !full; {
		from := i
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			invalid = false
			switch c {
			case 0:
				continue
			case '\r':
				if i < len(s) && s[i] == '\n' {
					i++
				}
				c = '\n'
			}
			if b.Len()+1 > max {
				full, end = true, from
				continue
			}
			b.WriteByte(c)
			raw = append(raw, int32(from))
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			if invalid {
				continue
			}
			invalid = true
		} else {
			invalid = false
			if unicode.Is(unicode.Cf, r) {
				continue
			}
		}
		if full = !put(from, r); full {
			end = from
		}
	}
	raw = append(raw, int32(end))
	out = b.String()
	if !norm.NFC.IsNormalString(out) {
		out, raw = compose(out, raw)
	}
	return out, raw, full
}

// compose is s in NFC, with raw (s's offsets in the input) carried over:
// each composed character maps to where its first part came from.
func compose(s string, raw []int32) (string, []int32) {
	var b strings.Builder
	b.Grow(len(s))
	out := make([]int32, 0, len(s)+1)
	var it norm.Iter
	it.InitString(norm.NFC, s)
	for !it.Done() {
		from := it.Pos()
		seg := it.Next()
		b.Write(seg)
		for range seg {
			out = append(out, raw[from])
		}
	}
	return b.String(), append(out, raw[len(s)])
}

// isClean reports whether s needs no normalisation, the common case, so that
// ParseText does not copy a clean paste. Each test is a fast (vectorised)
// scan but the last, which only runs on text beyond ASCII.
func isClean(s string) bool {
	if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 || strings.IndexByte(s, '\r') >= 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return cleanBeyondASCII(s[i:])
		}
	}
	return true
}

func cleanBeyondASCII(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return norm.NFC.IsNormalString(s)
}

// Clip cuts s to at most n bytes on a rune boundary.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// RawOffset maps an offset of Body to the offset in the text as it was
// given (before line endings, invisible characters and composition were
// normalised), for who highlights the original.
func (p Parsed) RawOffset(i int) int {
	if p.raw == nil || i < 0 || i >= len(p.raw) {
		return i
	}
	return int(p.raw[i])
}

// analyse finds the parts of a normalised body.
func analyse(body string, prefixes []string) Parsed {
	p := Parsed{Body: body, Lang: "fr"}
	if body == "" {
		return p
	}
	sc := scanner{body: body, lines: splitLines(body), budget: len(body) + 16<<10}
	sc.fwdSubject = len(prefixes) > 0 && isForwardPrefix(prefixes[0])

	p.Quotes = sc.findQuotes()

	start := 0
	end := len(body)
	if len(p.Quotes) > 0 {
		end = p.Quotes[0].Span.Start
		// Answered below the quote (« > Votre dossier est en cours. »
		// then « ça fait 3 mois que vous dites ça, j'ai appelé 4 fois »),
		// with nothing above it but a greeting: the writer's words are
		// those below, which were read as part of the quote.
		if q := &p.Quotes[0]; !q.Forwarded && greetingOnly(body[:end]) {
			if below, ok := sc.answeredBelow(q.Content.Start, q.Span.End); ok {
				start, end = below, q.Span.End
				q.Span.End = trimSpace(body, q.Span.Start, below)
				q.Content.End = q.Span.End
				q.Content.Start = min(q.Content.Start, q.Span.End)
			}
		}
	}
	start = skipSpace(body, start, end)
	end = trimSpace(body, start, end)
	sig := findSignature(body, start, end)
	p.New = Span{start, trimSpace(body, start, sig)}
	p.Signature = Span{sig, end}
	if sig == end {
		p.Signature = Span{p.New.End, p.New.End}
	}
	p.Lang = guessLang(p.NewText(), body)
	return p
}

// greetingOnly reports whether text holds no more than a greeting
// (« Bonjour, »): nothing the writer says.
func greetingOnly(text string) bool {
	t := strings.TrimSpace(text)
	return len(t) <= 40 && !strings.Contains(t, "\n")
}

// answeredBelow returns where the writer's words start below a quote whose
// lines are marked « > » (from, the quote's content, to its end): after
// its last « > » line, when words follow. A quote of another kind (an
// Outlook header block, a forwarded message) has no marks to end it. It
// walks the lines the quotes were found on.
func (s *scanner) answeredBelow(from, to int) (int, bool) {
	marked, after := false, -1
	k := sort.Search(len(s.lines), func(k int) bool { return s.lines[k].end >= from })
	for ; k < len(s.lines) && s.lines[k].start < to; k++ {
		lt := trimLeftBlank(s.body[max(from, s.lines[k].start):min(to, s.lines[k].end)])
		switch {
		case lt == "":
		case lt[0] == '>':
			marked, after = true, -1
		case !marked:
			return 0, false // the quote's first line is not marked
		case after < 0:
			after = max(from, s.lines[k].start)
		}
	}
	return after, marked && after >= 0
}

// skipSpace returns the first offset in [i, end) that is not white space, or end.
func skipSpace(s string, i, end int) int {
	for i < end {
		r, size := utf8.DecodeRuneInString(s[i:end])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// trimSpace returns end moved back over trailing white space, not before start.
func trimSpace(s string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// line is one line of Body, without its "\n".
type line struct{ start, end int }

func splitLines(s string) []line {
	ls := make([]line, 0, strings.Count(s, "\n")+1)
	for start := 0; start <= len(s); {
		i := strings.IndexByte(s[start:], '\n')
		if i < 0 {
			if start < len(s) {
				ls = append(ls, line{start, len(s)})
			}
			break
		}
		ls = append(ls, line{start, start + i})
		start += i + 1
	}
	return ls
}
