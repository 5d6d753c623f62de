package intake

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanner walks the lines of a normalised body once, top to bottom, looking
// for the markers mail clients put above a quoted or forwarded message.
// Every test on a line is a constant number of prefix/suffix checks, and the
// regular expressions (RE2, linear) only run on lines those checks select,
// each on a bounded window of lines: the whole scan is linear in the body.
type scanner struct {
	body       string
	lines      []line
	fwdSubject bool // the subject starts with TR/FWD/WG: an Outlook header block is then a forward
	// budget bounds the bytes the attribution expressions may read in all,
	// so that a body made of nothing but "… a écrit :" lines stays linear.
	budget int
	wrote  []int8 // per line: 0 not computed, 1 ends with "écrit :"/"wrote:", 2 does not
}

func (s *scanner) text(i int) string { return s.body[s.lines[i].start:s.lines[i].end] }

func (s *scanner) blank(i int) bool { return strings.TrimSpace(s.text(i)) == "" }

// findQuotes returns the quoted blocks of the body. Everything after the
// first marker is quoted; a later marker at the top level (not
// inside ">" lines) starts the next block: an Outlook thread stacks one
// "De : … Envoyé : …" block per earlier message, and a forwarded message may
// itself end with a reply quote.
func (s *scanner) findQuotes() []Quote {
	var quotes []Quote
	inQuote := false
	for i := 0; i < len(s.lines); i++ {
		t := s.text(i)
		lt := trimLeftBlank(t)
		if lt == "" {
			continue
		}
		if lt[0] == '>' {
			// ">" lines belong to the block above them; a nested header
			// ("> Le … a écrit :") is part of that block too.
			if !inQuote {
				q := s.angleQuote(i)
				q.Content.Start = s.lines[i].start
				quotes = append(quotes, q)
				inQuote = true
			}
			continue
		}
		if q, last, ok := s.marker(i, len(quotes) == 0); ok {
			q.Content.Start = s.lines[last].end
			quotes = append(quotes, q)
			inQuote = true
			i = last
		}
	}
	// Each block runs to the next one, or to the end, without trailing blank
	// lines; its content starts after the header and the blank lines below.
	for k := range quotes {
		q := &quotes[k]
		end := len(s.body)
		if k+1 < len(quotes) {
			end = quotes[k+1].Span.Start
		}
		q.Span.End = trimSpace(s.body, q.Span.Start, end)
		q.Content.Start = skipSpace(s.body, min(q.Content.Start, q.Span.End), q.Span.End)
		q.Content.End = q.Span.End
		q.When = parseLooseDate(q.Date)
	}
	return quotes
}

// angleQuote starts a block at the first ">" line i. When the line just
// above (one blank line allowed) is an attribution we could not parse in
// full ("Jean a écrit :"), it is taken as the block's header rather than
// left at the end of the new text.
func (s *scanner) angleQuote(i int) Quote {
	q := Quote{Span: Span{Start: s.lines[i].start}}
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if s.blank(j) {
			continue
		}
		if t := s.text(j); len(t) <= maxHeaderBytes && endsWithWrote(t) {
			q.Span.Start = s.lines[j].start
			q.Header = strings.TrimSpace(t)
		}
		break
	}
	return q
}

// marker reports whether line i starts a quoted or forwarded block, and
// returns the block (Span.End unset) with the index of its last header line.
func (s *scanner) marker(i int, first bool) (Quote, int, bool) {
	t := s.text(i)
	lt := trimLeftBlank(t)
	lineStart := s.lines[i].start

	// "-----Original Message-----", "-------- Message transféré --------":
	// these may follow text on the same line when a web client lost the line
	// break, so they are searched anywhere in the line.
	if strings.Contains(t, "--") && len(t) <= maxLineBytes {
		if m := separatorRe.FindStringIndex(t); m != nil {
			q := Quote{Span: Span{Start: lineStart + m[0]}, Forwarded: true}
			q, last := s.withFields(q, i, 2)
			return q, last, true
		}
	}
	// Apple Mail: "Début du message réexpédié :", "Begin forwarded message:".
	if (lt[0]|0x20 == 'd' || lt[0]|0x20 == 'b') && appleFwdRe.MatchString(lt) {
		q, last := s.withFields(Quote{Span: Span{Start: lineStart + len(t) - len(lt)}, Forwarded: true}, i, 2)
		return q, last, true
	}
	// Outlook's separator, a line of underscores above a De/From block. The
	// block is required: a line of underscores alone is also a decoration
	// that writers put above their signature.
	if isUnderscoreLine(lt) {
		q, last := s.withFields(Quote{Span: Span{Start: lineStart + len(t) - len(lt)}, Forwarded: first && s.fwdSubject}, i, 1)
		if last > i {
			return q, last, true
		}
	}
	// Outlook's header block without separator: "De : … Envoyé : … À : … Objet : …".
	if f, last, ok := s.headerBlock(i); ok {
		q := Quote{
			Span:      Span{Start: lineStart + len(t) - len(lt)},
			From:      f.from,
			To:        f.to,
			Date:      f.date,
			Subject:   f.subject,
			Forwarded: first && s.fwdSubject,
		}
		q.Header = strings.TrimSpace(s.body[q.Span.Start:s.lines[last].end])
		return q, last, true
	}
	// Reply attribution: "Le … à …, X a écrit :", "On …, X wrote:".
	if j, last, date, name, ok := s.attribution(i); ok {
		q := Quote{Span: Span{Start: s.lines[j].start}, From: name, Date: date}
		q.Header = strings.TrimSpace(s.body[s.lines[j].start:s.lines[last].end])
		return q, last, true
	}
	return Quote{}, i, false
}

// maxLineBytes bounds the lines the separator expression looks at; a
// separator line is short, and a longer one is text, not a marker.
const maxLineBytes = 4 << 10

// maxHeaderBytes bounds an attribution line ("Le … a écrit :") once its
// wrapped lines are joined.
const maxHeaderBytes = 600

// separatorRe finds the dashed separators of Outlook, Thunderbird and Gmail,
// in French and English.
var separatorRe = regexp.MustCompile(`(?i)-{2,}[ \t\x{A0}]*(?:message d['’]origine|message transf[ée]r[ée]|forwarded message|original message|message original|courriel d['’]origine|courriel original|message r[ée]exp[ée]di[ée])[ \t\x{A0}]*-{2,}`)

var appleFwdRe = regexp.MustCompile(`(?i)^(?:d[ée]but du message r[ée]exp[ée]di[ée]|begin forwarded message)[ \t\x{A0}\x{202F}]*:`)

func isUnderscoreLine(lt string) bool {
	lt = strings.TrimRight(lt, " \t")
	return len(lt) >= 10 && strings.Trim(lt, "_") == ""
}

// withFields fills a separator's block with the header fields that follow
// it ("De :", "Date :", "À :", "Objet :"), allowing `blanks` blank lines
// between the separator and the fields, and returns the last header line.
func (s *scanner) withFields(q Quote, i, blanks int) (Quote, int) {
	f, last := s.fields(i+1, blanks)
	q.From, q.To, q.Date, q.Subject = f.from, f.to, f.date, f.subject
	if last < i {
		last = i
	}
	q.Header = strings.TrimSpace(s.body[q.Span.Start:s.lines[last].end])
	return q, last
}

// headerFields are the fields of a header block, values as written.
type headerFields struct {
	from, to, date, subject string
	sent                    bool // a date-like field (Envoyé, Sent, Date) was seen
}

// fieldLabels are the labels of header field lines of a quoted or
// forwarded message, as Outlook, Thunderbird, Gmail and Apple Mail write them
// in French and English, mapped to the field they fill.
var fieldLabels = map[string]string{
	"de": "from", "from": "from",
	"à": "to", "a": "to", "to": "to", "pour": "to",
	"cc": "cc", "cci": "cc", "bcc": "cc",
	"date": "date", "envoyé": "date", "envoye": "date", "envoyé le": "date", "envoye le": "date", "sent": "date",
	"objet": "subject", "subject": "subject", "sujet": "subject",
	"répondre à": "other", "repondre a": "other", "reply-to": "other", "importance": "other",
	"pièce jointe": "other", "pièces jointes": "other", "attachment": "other", "attachments": "other",
}

// parseField reads one header field line: "De : X", "Sujet : \tX", and
// "*De :* X" from Outlook's HTML turned to text. A label is a word or two
// before a colon, looked up in a table: no expression runs per line.
func parseField(t string) (label, value string, ok bool) {
	c := strings.IndexByte(t, ':')
	if c <= 0 || c > 40 {
		return "", "", false
	}
	name := strings.TrimSpace(strings.Trim(strings.TrimSpace(t[:c]), "*"))
	label, ok = fieldLabels[strings.ToLower(name)]
	if !ok {
		return "", "", false
	}
	return label, strings.TrimSpace(strings.Trim(strings.TrimSpace(t[c+1:]), "*")), true
}

// inlineFieldRe finds the labels of a header block whose line breaks were
// lost, "De : X Envoyé : lundi … À : Y Objet : Z", as some web mail pastes do.
var inlineFieldRe = regexp.MustCompile(`(?i)[ \t\x{A0}]\*{0,2}(envoy[ée](?: le)?|sent|date|[àa]|to|cc|objet|subject|sujet|pour)\*{0,2}[ \t\x{A0}\x{202F}]*:`)

// fields reads header field lines from line i on, after at most `blanks`
// blank lines, and returns them with the index of the last field line (-1
// when there is none). It reads at most 16 lines.
func (s *scanner) fields(i, blanks int) (headerFields, int) {
	var f headerFields
	last := -1
	for ; i < len(s.lines) && blanks > 0 && s.blank(i); i++ {
		blanks--
	}
	label := ""
	for j := i; j < len(s.lines) && j < i+16; j++ {
		t := s.text(j)
		if len(t) > maxLineBytes || s.blank(j) {
			break
		}
		l, value, ok := parseField(t)
		if !ok {
			// a long To/Cc list wraps onto the next lines
			if (label == "to" || label == "cc") && (strings.ContainsAny(t, "@;") || t[0] == ' ' || t[0] == '\t') {
				last = j
				continue
			}
			break
		}
		if l == "from" && f.from != "" {
			break // the next message's block
		}
		label = l
		if j == i {
			// the whole block on one line
			value = splitInline(value, &f)
		}
		f.set(label, value)
		last = j
	}
	return f, last
}

// splitInline splits a one-line header block: it fills f with every field
// after the first label and returns the first field's own value.
func splitInline(v string, f *headerFields) string {
	ms := inlineFieldRe.FindAllStringSubmatchIndex(v, 8)
	if len(ms) < 2 {
		return v // a lone "À :" inside a value is not a block
	}
	first := strings.TrimSpace(v[:ms[0][0]])
	for k, m := range ms {
		end := len(v)
		if k+1 < len(ms) {
			end = ms[k+1][0]
		}
		f.set(fieldLabels[strings.ToLower(v[m[2]:m[3]])], strings.TrimSpace(v[m[1]:end]))
	}
	return first
}

func (f *headerFields) set(label, value string) {
	switch label {
	case "from":
		if f.from == "" {
			f.from = value
		}
	case "to":
		if f.to == "" {
			f.to = value
		}
	case "date":
		f.sent = true
		if f.date == "" {
			f.date = value
		}
	case "subject":
		if f.subject == "" {
			f.subject = value
		}
	}
}

// headerBlock reports whether line i starts a "De : … Envoyé : …" block:
// a From line followed by a date line and a recipient or subject line.
// Requiring three fields keeps a sentence that happens to start with
// "De :" in the new text.
func (s *scanner) headerBlock(i int) (headerFields, int, bool) {
	lt := strings.TrimLeft(trimLeftBlank(s.text(i)), "*")
	if len(lt) < 3 || !(hasPrefixFold(lt, "de") || hasPrefixFold(lt, "from")) {
		return headerFields{}, i, false
	}
	if l, _, ok := parseField(s.text(i)); !ok || l != "from" {
		return headerFields{}, i, false
	}
	f, last := s.fields(i, 0)
	if last < i || f.from == "" || !f.sent || f.to == "" && f.subject == "" {
		return headerFields{}, i, false
	}
	return f, last, true
}

// Reply attributions. Clients write the date and the author in one line
// that plain-text mail wraps at about 76 characters, so an attribution may
// span up to three lines:
//
//	Le 18/10/2022 à 14:26, courrier@pref-exemple.gouv.fr a écrit :   (Thunderbird)
//	Le mar. 18 oct. 2022 à 14:26, Jean Dupont <jean@x.fr> a écrit :   (Gmail)
//	Le mardi 18 octobre 2022, 14:26:00 UTC+2, Jean a écrit :          (Yahoo)
//	On Tue, Oct 18, 2022 at 2:26 PM Jean Dupont <jean@x.fr> wrote:   (Gmail)
//	2016-03-15 10:12 GMT+01:00 Jean Dupont <jean@x.fr>:               (older Gmail)
//	Jean Dupont <jean@x.fr> a écrit :                                 (Outlook Express)
var (
	frAttribRe   = regexp.MustCompile(`^Le[\s\x{A0}\x{202F}]+(.*?\d.*?)[\s\x{A0}\x{202F}]+a[\s\x{A0}\x{202F}]+[ée]crit[\s\x{A0}\x{202F}]*:$`)
	enAttribRe   = regexp.MustCompile(`^On[\s\x{A0}\x{202F}]+(.*?\d.*?)[\s\x{A0}\x{202F}]+wrote[\s\x{A0}\x{202F}]*:$`)
	addrAttribRe = regexp.MustCompile(`^(\S.{0,150}@.{0,150}?)[\s\x{A0}\x{202F}]+(?:a[\s\x{A0}\x{202F}]+[ée]crit|wrote)[\s\x{A0}\x{202F}]*:$`)
	gmailOldRe   = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} GMT[+-]\d{1,2}:\d{2}) (.{1,200}@.{1,200}):$`)
	// the time closes the date part: "14:26", "14h26", "2:26 PM", "14:26:00 UTC+2"
	attribTimeRe = regexp.MustCompile(`\d{1,2}(?::|h)\d{2}(?::\d{2})?(?:[\s\x{A0}\x{202F}]*(?:AM|PM|am|pm))?(?:[\s\x{A0}\x{202F}]*(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?)?`)
)

// attribution looks for a reply attribution starting at line i and ending
// on one of the next three lines. When several start lines would fit, the
// latest wins: "Le dossier…" above "Le 18/10/2022 … a écrit :" is text. A
// dated attribution wins over the bare "x@y a écrit :" form, which would
// otherwise match the second half of a wrapped one.
func (s *scanner) attribution(i int) (start, last int, date, name string, ok bool) {
	if s.budget <= 0 {
		return
	}
	for e := i; e < len(s.lines) && e <= i+2; e++ {
		if e > i && (s.blank(e) || strings.HasPrefix(trimLeftBlank(s.text(e)), ">")) {
			return
		}
		if !s.endsWithWrote(e) {
			continue
		}
		for _, bare := range []bool{false, true} {
			for j := e; j >= i; j-- {
				n := s.lines[e].end - s.lines[j].start // the joined length, about
				if n > maxHeaderBytes || !s.canStartAttribution(j, e, bare) {
					continue
				}
				// each attempt is charged its length and a fixed cost
				if s.budget -= n + 64; s.budget < 0 {
					return
				}
				h := s.joined(j, e)
				if date, name, ok := parseAttribution(h, bare); ok {
					return j, e, date, name, true
				}
			}
		}
		return
	}
	return
}

// canStartAttribution is the cheap test before joining lines j..e: a
// dated attribution starts with "Le", "On" or a digit, a bare one holds "@".
func (s *scanner) canStartAttribution(j, e int, bare bool) bool {
	if bare {
		for k := j; k <= e; k++ {
			if strings.IndexByte(s.text(k), '@') >= 0 {
				return true
			}
		}
		return false
	}
	t := trimLeftBlank(s.text(j))
	return strings.HasPrefix(t, "Le") || strings.HasPrefix(t, "On") || t != "" && t[0] >= '0' && t[0] <= '9'
}

// joined returns lines j..e trimmed and joined with a space, or with
// nothing inside an address cut after "<".
func (s *scanner) joined(j, e int) string {
	if j == e {
		return strings.TrimSpace(s.text(j))
	}
	var b strings.Builder
	for k := j; k <= e; k++ {
		t := strings.TrimSpace(s.text(k))
		if k > j && !strings.HasSuffix(b.String(), "<") && !strings.HasPrefix(t, ">") {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

// parseAttribution matches a joined attribution: the dated forms, or with
// bare the "x@y a écrit :" form. Each expression is tried only when the
// first bytes can start it.
func parseAttribution(h string, bare bool) (date, name string, ok bool) {
	if bare {
		if strings.Contains(h, "@") {
			if m := addrAttribRe.FindStringSubmatch(h); m != nil {
				return "", strings.TrimSpace(m[1]), true
			}
		}
		return "", "", false
	}
	switch {
	case strings.HasPrefix(h, "Le"):
		if m := frAttribRe.FindStringSubmatch(h); m != nil {
			date, name = splitDateName(m[1])
			return date, name, true
		}
	case strings.HasPrefix(h, "On"):
		if m := enAttribRe.FindStringSubmatch(h); m != nil {
			date, name = splitDateName(m[1])
			return date, name, true
		}
	case h != "" && h[0] >= '0' && h[0] <= '9':
		if m := gmailOldRe.FindStringSubmatch(h); m != nil {
			return m[1], strings.TrimSpace(m[2]), true
		}
	}
	return "", "", false
}

// splitDateName splits "18/10/2022 à 14:26, Jean Dupont" into its date and
// its author. The time ends the date when there is one (Gmail writes no
// comma between "2:26 PM" and the name); otherwise the first comma does.
func splitDateName(m string) (date, name string) {
	if loc := attribTimeRe.FindStringIndex(m); loc != nil {
		date, name = m[:loc[1]], m[loc[1]:]
	} else if k := strings.Index(m, ","); k >= 0 {
		date, name = m[:k], m[k+1:]
	} else {
		return strings.TrimSpace(m), ""
	}
	date = strings.TrimRight(strings.TrimSpace(date), ",")
	name = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(name), ","))
	return date, name
}

// endsWithWrote memoises endsWithWrote for line i, which attribution asks
// about up to three times.
func (s *scanner) endsWithWrote(i int) bool {
	if s.wrote == nil {
		s.wrote = make([]int8, len(s.lines))
	}
	if s.wrote[i] == 0 {
		s.wrote[i] = 2
		if endsWithWrote(s.text(i)) {
			s.wrote[i] = 1
		}
	}
	return s.wrote[i] == 1
}

// endsWithWrote is the cheap test that selects attribution candidates: the
// line ends with "écrit :" or "wrote:" (or an older Gmail "…>:").
func endsWithWrote(t string) bool {
	t = strings.TrimRightFunc(t, unicode.IsSpace)
	if !strings.HasSuffix(t, ":") {
		return false
	}
	t = strings.TrimRightFunc(t[:len(t)-1], unicode.IsSpace)
	return hasSuffixFold(t, "écrit") || hasSuffixFold(t, "ecrit") || hasSuffixFold(t, "wrote") || strings.HasSuffix(t, ">")
}

// trimLeftBlank removes leading white space, no-break spaces included:
// French typography puts U+00A0 everywhere and Outlook indents with it.
func trimLeftBlank(t string) string { return strings.TrimLeftFunc(t, unicode.IsSpace) }

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// hasSuffixFold compares the last runes of s with suffix, ignoring case.
func hasSuffixFold(s, suffix string) bool {
	if len(s) < len(suffix) {
		return false
	}
	tail := s[len(s)-len(suffix):]
	return utf8.ValidString(tail) && strings.EqualFold(tail, suffix)
}
