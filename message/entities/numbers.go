package entities

import (
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Priorities settle overlaps: when two candidates share bytes, the more
// specific reading wins. An e-mail address holds digits that look like a
// phone; a labelled foreign-national number ("N° étranger : …") is surer
// than any bare reading of the same digits; an ANTS request number or a
// plate has a shape no date or phone has.
const (
	prioBlock       = 1000 // URLs: nothing inside a link is an entity
	prioEmail       = 100
	prioName        = 95
	prioAGDREFLabel = 90
	prioANTS        = 85
	prioPlate       = 80
	prioDate        = 70
	prioPhone       = 60
	prioANEF        = 55
	prioAGDREFBare  = 50
	prioOldPlate    = 40
)

// sp is the space class: French typography puts no-break spaces (U+00A0,
// U+202F) in numbers and before colons.
const sp = `[ \x{a0}\x{202f}]`

// The number patterns are anchored (^) and tried at a given position only:
// at a run of digits, or a few bytes before it when the shape starts with
// letters. Scanning the whole text with a dozen unanchored patterns cost
// Go's regexp machine over a microsecond a byte; trying anchored patterns
// where cheap byte tests allow keeps a long message to about a millisecond.
var (
	reURL   = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"«»]+`)
	reEmail = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)

	// A French number: 0 and nine digits, either glued or in pairs with one
	// kind of separator throughout ("06 39 98 21 90", "02.98.92.14.66").
	// Mixed separators are refused: "02.11.2022 10" is a date and an hour.
	rePhoneFR = regexp.MustCompile(`^0[1-9](?:\d{8}|(?:` + sp + `\d{2}){4}|(?:\.\d{2}){4}|(?:-\d{2}){4})`)
	// International form: "+33 6 39 98 21 90", "+33 (0)6 39…", "0033 6…".
	rePhoneIntl = regexp.MustCompile(`^(?:\+|00)33` + sp + `?(?:\(0\)` + sp + `?)?[1-9](?:\d{8}|(?:[ .\-\x{a0}\x{202f}]?\d{2}){4})`)

	// The label of a foreign-national (AGDREF) number, right before it: "N°
	// étranger : ", "numéro d'étranger est le ", "AGDREF ". The filler
	// between label and number is limited to punctuation and a few words,
	// so that "étranger, mon téléphone 06…" is not read as a label followed
	// by the number.
	reAGDREFLabel = regexp.MustCompile(`(?i)(?:\bagdref|\b(?:n[°º]|num[ée]ro|no\.?)` + sp + `*(?:d['’]` + sp + `*|de` + sp + `+)?(?:ressortissant` + sp + `+)?[ée]tranger|\bforeign(?:er)?(?:` + sp + `+national)?` + sp + `+(?:number|no\.?))` +
		`(?:[\s:=\-]|\(` + sp + `*agdref` + sp + `*\)|\bn[°º]|\bno\b\.?|\best\b|\ble\b|\bis\b)*$`)
	// The number itself: ten digits, glued or spaced ("75 01 87 62 54").
	reAGDREFNumber = regexp.MustCompile(`^\d(?:[ .\x{a0}\x{202f}]?\d){9}`)

	// ANEF numbers written with their own prefix: "ANEF-2022-0012345",
	// "AEF1234567". Upper-case only: the prefix is a code, not a word.
	reANEFPrefixed = regexp.MustCompile(`^A(?:N)?EF[- ]?\d[\d-]{5,20}\d`)

	// ANTS request numbers start with the year and month of the request
	// (YYMM), then the letters of the procedure and a counter: 2208IM5518336,
	// 2210ZT0932, 2202EPE83190. Upper-case only, as the ANTS prints them.
	reANTS = regexp.MustCompile(`^\d{2}(?:0[1-9]|1[0-2])[A-Z]{2,3}\d{4,8}`)
	// Driving-licence exchange files: "EPE-22-0119-04473".
	reANTSEPE = regexp.MustCompile(`(?i)^EPE[- ]?\d{2}[- ]?\d{4}[- ]?\d{5}`)

	// SIV plates (since 2009): two letters, three digits, two letters; I, O
	// and U are never used.
	rePlate = regexp.MustCompile(`(?i)^[A-HJ-NP-TV-Z]{2}([- \x{a0}]?)\d{3}([- \x{a0}]?)[A-HJ-NP-TV-Z]{2}`)
	// FNI plates (before 2009): number, letters, department (overseas
	// first: "97" alone would stop short of "974").
	reOldPlate = regexp.MustCompile(`^(\d{1,4})[- \x{a0}]?([A-Z]{1,3})[- \x{a0}]?(97[1-6]|2[AB]|\d{2})`)
)

// window is how far an anchored pattern may reach from its start: more
// than any entity is long. A match that reaches a window cut short is
// dropped, as it may go on.
const window = 48

// matchAt runs the anchored pattern re at byte offset start of text and
// returns its submatch offsets relative to text, or nil.
func matchAt(re *regexp.Regexp, text string, start int) []int {
	end := min(len(text), start+window)
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	m := re.FindStringSubmatchIndex(text[start:end])
	if m == nil || (m[1] == end-start && end < len(text)) {
		return nil
	}
	for k := range m {
		if m[k] >= 0 {
			m[k] += start
		}
	}
	return m
}

// tail returns at most n bytes of text before offset i, starting on a
// character boundary, and where they start.
func tail(text string, i, n int) (string, int) {
	from := max(0, i-n)
	for from < i && !utf8.RuneStart(text[from]) {
		from++
	}
	return text[from:i], from
}

// Context words, folded, looked for as word starts (see hasWord) on the
// number's line before it.
var (
	// A 10-digit number after one of these is something else than a
	// foreign-national number.
	notAGDREF = []string{"tel", "portable", "mobile", "fax", "factur", "command", "siret", "siren",
		"fiscal", "caf", "allocataire", "securite sociale", "secu", "contravention", "avis", "amende",
		"iban", "rib", "compte", "colis", "suivi", "ants", "timbre", "pv", "proces", "rna", "permis",
		"cni", "passeport", "identite", "anef", "demande", "ref", "client", "contrat", "police"}
	// An ANEF request number is only read with this wording around it.
	anefWords = []string{"anef", "administration numerique"}
	// Words that make a glued number a phone number.
	phoneWords = []string{"tel", "portable", "mobile", "joindre", "appel", "contact", "phone", "fixe"}
	// Words that name a file or request number; a glued 0XXXXXXXXX after
	// one of these, with no phone word, is too ambiguous to take.
	fileWords = []string{"n°", "nº", "dossier", "ref", "demande", "etranger", "agdref", "recepisse"}
	// Words that make a plate reading likely; looked for across lines (a
	// subject line "carte grise" above "FZ 208 CB").
	vehicleWords = []string{"immatricul", "plaque", "vehicule", "voiture", "carte grise", "certificat d'",
		"moto", "scooter", "camion", "camping", "remorque", "automobile", "siv", "fni", "cession", "vehicle",
		"registration", "plate"}
)

// French two-letter words that also fit a plate block: "le 123 de" is not a
// plate unless a vehicle is mentioned nearby.
var plateWordBlocks = map[string]bool{"LE": true, "LA": true, "DE": true, "EN": true, "ET": true,
	"SE": true, "CE": true, "NE": true, "ME": true, "TE": true, "MA": true, "SA": true, "TA": true,
	"ES": true, "AS": true, "VA": true, "NA": true, "AN": true, "AM": true, "PM": true}

// findLinksAndEmails gives the patterns only the space-separated tokens
// around an "@", a "://" or a "www.", which keeps the work proportional to
// the text whatever it holds.
func findLinksAndEmails(text string, add func(candidate)) {
	done := 0 // end of the last token read
	token := func(i int) (span, bool) {
		if i < done {
			return span{}, false
		}
		s, e := i, i
		for s > 0 && i-s < 256 && !isSpaceByte(text[s-1]) {
			s--
		}
		for e < len(text) && e-i < 256 && !isSpaceByte(text[e]) {
			e++
		}
		for s < e && !utf8.RuneStart(text[s]) {
			s++
		}
		for e < len(text) && !utf8.RuneStart(text[e]) {
			e++
		}
		done = e
		return span{s, e}, true
	}
	var marks []int
	for _, needle := range []string{"://", "www.", "WWW."} {
		for at := 0; ; {
			k := strings.Index(text[at:], needle)
			if k < 0 {
				break
			}
			marks = append(marks, at+k)
			at += k + len(needle)
		}
	}
	sort.Ints(marks)
	for _, i := range marks {
		if tok, ok := token(i); ok {
			for _, m := range reURL.FindAllStringIndex(text[tok.start:tok.end], -1) {
				add(candidate{Entity{Start: tok.start + m[0], End: tok.start + m[1]}, prioBlock})
			}
		}
	}
	done = 0
	for at := 0; ; {
		k := strings.IndexByte(text[at:], '@')
		if k < 0 {
			break
		}
		if tok, ok := token(at + k); ok {
			for _, m := range reEmail.FindAllStringIndex(text[tok.start:tok.end], -1) {
				addEmail(text, tok.start+m[0], tok.start+m[1], add)
			}
		}
		at += k + 1
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func addEmail(text string, s, e int, add func(candidate)) {
	// A local part does not start or end with a dot.
	for s < e && text[s] == '.' {
		s++
	}
	if !bounded(text, s, e) {
		return
	}
	t := text[s:e]
	at := strings.LastIndexByte(t, '@')
	if at <= 0 || strings.HasSuffix(t[:at], ".") {
		return
	}
	// The domain is case-insensitive; the local part is kept as written.
	add(candidate{Entity{Kind: Email, Text: t, Value: t[:at] + strings.ToLower(t[at:]), Start: s, End: e}, prioEmail})
}

// scanNumbers walks the runs of ASCII digits of text and tries, at each,
// the shapes that can hold it.
func scanNumbers(text string, ref time.Time, add func(candidate)) {
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		tryPhone(text, i, j, add)
		tryAGDREFLabelled(text, i, j, add)
		tryDigitRun(text, i, j, add)
		tryANTS(text, i, j, add)
		tryANEFPrefixed(text, i, add)
		tryPlate(text, i, j, add)
		tryOldPlate(text, i, j, add)
		tryDates(text, i, j, ref, add)
		i = j
	}
}

func tryPhone(text string, i, j int, add func(candidate)) {
	var m []int
	switch {
	case text[i] == '0' && (j-i == 2 || j-i == 10) && text[i+1] != '0' && runeBefore(text, i) != '+':
		m = matchAt(rePhoneFR, text, i)
	case i > 0 && text[i-1] == '+' && strings.HasPrefix(text[i:], "33"):
		m = matchAt(rePhoneIntl, text, i-1)
	case strings.HasPrefix(text[i:j], "0033"):
		m = matchAt(rePhoneIntl, text, i)
	}
	s, e, ok := standalone(text, m)
	if !ok {
		return
	}
	t := text[s:e]
	d := digits(t)
	// +33 6…, 0033 6…, +33 (0)6… → 06…
	switch {
	case strings.HasPrefix(t, "+"):
		d = d[2:]
	case strings.HasPrefix(t, "00"):
		d = d[4:]
	}
	if strings.Contains(t, "(0)") {
		d = d[1:]
	}
	if len(d) == 9 {
		d = "0" + d
	}
	if len(d) != 10 {
		return
	}
	if j-i == 10 {
		// "0612345678" after "dossier n°" without any phone word may be
		// a department-06 file number: take neither reading.
		ctx := lineBefore(text, s, 30)
		if hasWord(ctx, fileWords) && !hasWord(ctx, phoneWords) {
			return
		}
	}
	v := d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8] + " " + d[8:10]
	add(candidate{Entity{Kind: Phone, Text: t, Value: v, Start: s, End: e}, prioPhone})
}

// hasLabelWord is a cheap test before the label pattern: one of its words
// in the bytes before the number, and no other digit between that word and
// the number (the label is for the first number after it).
func hasLabelWord(before string) bool {
	// Every label word holds an r, an f or an n: a tail without any is
	// settled without copying it (a column of figures, a list of dates).
	if !strings.ContainsAny(before, "rRfFnN") {
		return false
	}
	var buf [64]byte
	b := buf[:0]
	for k := 0; k < len(before) && len(b) < cap(b); k++ {
		c := before[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	l := string(b)
	end := -1
	for _, w := range []string{"tranger", "agdref", "oreign"} {
		if k := strings.LastIndex(l, w); k >= 0 {
			end = max(end, k+len(w))
		}
	}
	return end >= 0 && !strings.ContainsAny(l[end:], "0123456789")
}

func tryAGDREFLabelled(text string, i, j int, add func(candidate)) {
	before, _ := tail(text, i, 56)
	if !hasLabelWord(before) || !reAGDREFLabel.MatchString(before) {
		return
	}
	m := matchAt(reAGDREFNumber, text, i)
	if m == nil {
		return
	}
	s, e := m[0], m[1]
	if !bounded(text, s, e) {
		return
	}
	// "75 01 87 62 54 12": the digits go on, the split is a guess.
	if e+1 < len(text) && strings.IndexByte(" .", text[e]) >= 0 && isDigit(text[e+1]) && strings.ContainsAny(text[s:e], " .") {
		return
	}
	t := text[s:e]
	if p := matchAt(rePhoneFR, text, s); p != nil && p[1] == e && t != digits(t) {
		// "N° étranger : 06 12 34 56 78" is written like a phone number:
		// a department-06 file number or a phone on the wrong line. Take
		// neither reading (the blocker also keeps the phone out).
		add(candidate{Entity{Start: s, End: e}, prioAGDREFLabel})
		return
	}
	add(candidate{Entity{Kind: AGDREF, Text: t, Value: digits(t), Start: s, End: e}, prioAGDREFLabel})
}

// tryDigitRun reads a bare run of 8 to 16 digits: a 10-digit run that does
// not start with 0 is taken as a foreign-national number unless its line
// names it as something else (French phone numbers all start with 0, and
// the first two digits of an AGDREF number are a department code); with
// ANEF wording before it, a run is an ANEF request number.
func tryDigitRun(text string, s, e int, add func(candidate)) {
	if e-s < 8 || e-s > 16 || !bounded(text, s, e) || chained(text, s, e) {
		return
	}
	t := text[s:e]
	ctx := lineBefore(text, s, 40)
	if hasWord(ctx, anefWords) && hasWord(ctx, []string{"demande", "dossier", "n°", "nº", "numero", "reference"}) &&
		!hasWord(ctx, []string{"etranger", "agdref", "tel", "portable"}) {
		add(candidate{Entity{Kind: ANEF, Text: t, Value: t, Start: s, End: e}, prioANEF})
		return
	}
	if len(t) != 10 || t[0] == '0' || !departmentPrefix(t) {
		return
	}
	if hasWord(ctx, notAGDREF) {
		return
	}
	add(candidate{Entity{Kind: AGDREF, Text: t, Value: t, Start: s, End: e}, prioAGDREFBare})
}

// departmentPrefix checks the first two digits of an AGDREF number: a
// department code, 01 to 95, or 97 for the overseas departments.
func departmentPrefix(t string) bool {
	n := int(t[0]-'0')*10 + int(t[1]-'0')
	return (n >= 1 && n <= 95) || n == 97
}

func tryANEFPrefixed(text string, i int, add func(candidate)) {
	k := i
	if k > 0 && (text[k-1] == '-' || text[k-1] == ' ') {
		k--
	}
	var s int
	switch {
	case k >= 4 && text[k-4:k] == "ANEF":
		s = k - 4
	case k >= 3 && text[k-3:k] == "AEF":
		s = k - 3
	default:
		return
	}
	m := matchAt(reANEFPrefixed, text, s)
	if m == nil || !bounded(text, m[0], m[1]) {
		return
	}
	t := text[m[0]:m[1]]
	add(candidate{Entity{Kind: ANEF, Text: t, Value: strings.ReplaceAll(t, " ", ""), Start: m[0], End: m[1]}, prioANEF})
}

func tryANTS(text string, i, j int, add func(candidate)) {
	if j-i == 4 && j < len(text) && 'A' <= text[j] && text[j] <= 'Z' {
		if m := matchAt(reANTS, text, i); m != nil && bounded(text, m[0], m[1]) && !chained(text, m[0], m[1]) {
			t := text[m[0]:m[1]]
			add(candidate{Entity{Kind: ANTS, Text: t, Value: t, Start: m[0], End: m[1]}, prioANTS})
		}
	}
	if j-i == 2 {
		k := i
		if k > 0 && (text[k-1] == '-' || text[k-1] == ' ') {
			k--
		}
		if k < 3 || !strings.EqualFold(text[k-3:k], "EPE") {
			return
		}
		m := matchAt(reANTSEPE, text, k-3)
		if m == nil || !bounded(text, m[0], m[1]) || chained(text, m[0], m[1]) {
			return
		}
		t := text[m[0]:m[1]]
		d := digits(t)
		v := "EPE-" + d[0:2] + "-" + d[2:6] + "-" + d[6:]
		add(candidate{Entity{Kind: ANTS, Text: t, Value: v, Start: m[0], End: m[1]}, prioANTS})
	}
}

func isASCIILetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

func tryPlate(text string, i, j int, add func(candidate)) {
	if j-i != 3 {
		return
	}
	k := i
	switch {
	case k > 0 && (text[k-1] == '-' || text[k-1] == ' '):
		k--
	case k > 1 && text[k-2:k] == "\u00a0":
		k -= 2
	}
	if k < 2 || !isASCIILetter(text[k-1]) || !isASCIILetter(text[k-2]) {
		return
	}
	m := matchAt(rePlate, text, k-2)
	s, e, ok := standalone(text, m)
	if !ok {
		return
	}
	t := text[s:e]
	sep1, sep2 := text[m[2]:m[3]], text[m[4]:m[5]]
	up := strings.ToUpper(t)
	num := digits(t)
	// SS is never issued; 000 neither.
	if up[:2] == "SS" || up[len(up)-2:] == "SS" || num == "000" {
		return
	}
	if sep1 != sep2 && (sep1 == "" || sep2 == "") {
		return // "AB-123CD" is a code, not a plate as people write it
	}
	if sep1 == "-" && sep2 == "-" {
		if t != up && t != strings.ToLower(t) {
			return // "Ab-123-cD": mixed case is not how a plate is written
		}
	} else {
		// Without dashes only upper-case counts ("FZ 208 CB", "FZ208CB");
		// "le 123 de" must not become LE-123-DE, nor "LE 123 DE" in a
		// message written in capitals, unless a vehicle is mentioned.
		if t != up {
			return
		}
		if (plateWordBlocks[up[:2]] || plateWordBlocks[up[len(up)-2:]]) && !hasWord(contextBefore(text, s, 150), vehicleWords) {
			return
		}
	}
	v := up[:2] + "-" + num + "-" + up[len(up)-2:]
	add(candidate{Entity{Kind: Plate, Text: t, Value: v, Start: s, End: e}, prioPlate})
}

func tryOldPlate(text string, i, j int, add func(candidate)) {
	if j-i > 4 || text[i] == '0' || j >= len(text) {
		return
	}
	k := j
	switch {
	case text[k] == ' ' || text[k] == '-':
		k++
	case strings.HasPrefix(text[k:], "\u00a0"):
		k += 2
	}
	if k >= len(text) || text[k] < 'A' || text[k] > 'Z' {
		return // the letters of the series must follow
	}
	m := matchAt(reOldPlate, text, i)
	s, e, ok := standalone(text, m)
	if !ok {
		return
	}
	num, letters, dep := text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]
	// Three letters only went with numbers up to 999; departments run from
	// 01 to 95 (Corsica as 2A and 2B), then 971 to 976.
	if (len(letters) == 3 && len(num) == 4) || dep == "00" || dep == "20" || (len(dep) == 2 && dep > "95") {
		return
	}
	// The shape "12 AB 29" is common enough in other texts (a message in
	// capitals, a reference) that a vehicle must be mentioned before it.
	if !hasWord(contextBefore(text, s, 150), vehicleWords) {
		return
	}
	v := num + " " + letters + " " + dep
	add(candidate{Entity{Kind: Plate, Text: text[s:e], Value: v, Start: s, End: e}, prioOldPlate})
}
