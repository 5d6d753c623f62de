package intake

import (
	"plume/message/lexicon"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A signature is looked for in the last lines of the new text only: no real
// signature is longer, and it bounds the work whatever the text's size.
const sigWindow = 48

// findSignature returns where the signature starts in body[start:end], or
// end when there is none. Three rules, from the most to the least certain:
//
//  1. the "-- " delimiter line (RFC 3676), also written "--", followed by a
//     short block;
//  2. the block after the closing formula ("Cordialement", "Bien à vous",
//     "Merci d'avance", "Best regards"…) when it is short and made of what
//     signatures hold: a name, a phone number, an address, "N° étranger …";
//  3. with no formula, a trailing block of up to four lines that look like a
//     name, a phone number or an e-mail address.
//
// The formula itself stays in the new text: "Merci de me répondre vite" is
// part of the request. When unsure, there is no signature: a name left in
// the new text costs nothing, a sentence hidden in a signature may hide a cue.
func findSignature(body string, start, end int) int {
	ls := tailLines(body, start, end, sigWindow)
	text := func(k int) string { return strings.TrimSpace(body[ls[k].start:ls[k].end]) }
	sig, limit := end, len(ls)
	if d := dashDelimiter(ls, text); d >= 0 {
		// what precedes the delimiter may still be a name after a formula
		// ("Bien cordialement,\nMaëlle Cornec\nPrésidente\n--\nASSOCIATION…")
		sig, limit = ls[d].start, d
	}
	if k, ok := formulaBlock(ls[:limit], text); ok {
		return ls[k].start
	}
	if k, ok := trailingBlock(ls[:limit], text); ok {
		return ls[k].start
	}
	return sig
}

// tailLines returns the last max lines of body[start:end], in order.
func tailLines(body string, start, end, max int) []line {
	var rev []line
	e := end
	for len(rev) < max && e > start {
		i := strings.LastIndexByte(body[start:e], '\n')
		s := start + i + 1 // i == -1: the first line of the range
		rev = append(rev, line{s, e})
		if i < 0 {
			break
		}
		e = start + i
	}
	ls := make([]line, len(rev))
	for k, l := range rev {
		ls[len(rev)-1-k] = l
	}
	return ls
}

// dashDelimiter returns the index of the last "-- " or "--" line when it is
// followed by a signature-sized block, or -1.
func dashDelimiter(ls []line, text func(int) string) int {
	after := 0
	for k := len(ls) - 1; k >= 0; k-- {
		t := text(k)
		if t == "--" {
			if after <= 15 {
				return k
			}
			return -1
		}
		if t != "" {
			after++
		}
	}
	return -1
}

// formulaBlock finds the last closing formula among the last lines and
// returns the first line of the block below it when that block is a
// signature.
func formulaBlock(ls []line, text func(int) string) (int, bool) {
	var block []int // non-blank lines below the formula, bottom-up
	for k := len(ls) - 1; k >= 0 && len(block) <= 8; k-- {
		t := text(k)
		if t == "" {
			continue
		}
		if isFormula(t) {
			if len(block) == 0 {
				return 0, false // the formula ends the text; a name on its line stays there
			}
			return block[len(block)-1], signatureLike(block, text)
		}
		if isPostscript(t) {
			// « P.S. Je vous ai déjà appelé le 20 novembre » under the
			// signature is the writer's own words, often the decisive ones:
			// the new text keeps it, and so keeps the name above it.
			return 0, false
		}
		block = append(block, k)
	}
	return 0, false
}

// signatureLike reports whether the lines below a formula are a signature:
// at most eight lines, each a name, a role or contact details, with one
// sentence-like line tolerated in a block of four or more (a slogan, an
// opening-hours line) as long as it is not the first.
func signatureLike(block []int, text func(int) string) bool {
	if len(block) > 8 {
		return false
	}
	bad := 0
	for n, k := range block {
		t := text(k)
		if isRule(t) || strongSigLine(t) || nameLike(t, false) {
			continue
		}
		bad++
		if n == len(block)-1 { // the first line below the formula
			return false
		}
	}
	return bad == 0 || bad == 1 && len(block) >= 4
}

// trailingBlock finds a signature without formula: the last few lines when
// each is contact details or a name in capitals. Some text must remain
// above it, and that text must not announce it ("mes coordonnées :").
func trailingBlock(ls []line, text func(int) string) (int, bool) {
	var block []int
	strong, rules := 0, 0
	k := len(ls) - 1
	for ; k >= 0; k-- {
		t := text(k)
		if t == "" {
			continue
		}
		switch {
		case isRule(t):
			rules++
		case strongSigLine(t):
			strong++
		case nameLike(t, true):
		default:
			goto done
		}
		block = append(block, k)
	}
done:
	n := len(block) - rules
	if n <= 0 || k < 0 || n > 4 && !(n <= 6 && strong >= 2) {
		return 0, false
	}
	if strings.HasSuffix(text(k), ":") {
		return 0, false
	}
	return block[len(block)-1], true
}

var (
	phoneRe  = regexp.MustCompile(`(?:\+\d{1,3}|00\d{1,3}|(?:^|[^\d])0)[\s.\-\x{A0}]*(?:\(0\)[\s.\-\x{A0}]*)?\d(?:[\s.\-\x{A0}]?\d){7,10}`)
	emailRe  = regexp.MustCompile(`[\p{L}\d._%+\-]+@[\p{L}\d\-]+(?:\.[\p{L}\d\-]+)*\.\p{L}{2,}`)
	urlRe    = regexp.MustCompile(`(?i)(?:https?://|www\.)\S+`)
	streetRe = regexp.MustCompile(`(?i)^\d{1,4}(?:[\s\x{A0}]*(?:bis|ter|b))?,?[\s\x{A0}]+(?:rue|avenue|av\.?|bd|boulevard|all[ée]e|chemin|place|pl\.|impasse|route|rte|quai|cours|square|r[ée]sidence|cit[ée]|lotissement|lieu[- ]dit|chauss[ée]e|passage|voie|sentier|hameau|parc|mont[ée]e|esplanade|promenade|road|street|lane|drive|close|way)[\s\x{A0}.,]|\bcedex\b|^(?:b[âa]t(?:iment)?|appt?|appartement|r[ée]sidence|bp|cs|escalier)[\s\x{A0}.]`)
	// a postcode and a capitalised town: "29000 Quimper", "F-75011 PARIS"
	postcodeRe = regexp.MustCompile(`(?:^|[\s,])(?:F-)?\d{5}[\s\x{A0}]+\p{Lu}`)
	mobileRe   = regexp.MustCompile(`(?i)^(?:envoy[ée]e?|sent|get|obtenir|t[ée]l[ée]charg\p{L}*)[\s\x{A0}].{0,40}?(?:iphone|ipad|android|smartphone|mobile|portable|outlook|samsung|galaxy|huawei|xiaomi|tablette|yahoo|gmail|windows|courrier)`)
	attachRe   = regexp.MustCompile(`(?i)^(?:pj|p\.\s?j\.|pi[èe]ces?[ -]jointes?|attachments?)[\s\x{A0}]*:`)
)

// postscriptRe: « P.S. », « PS : », « P.-S. », « PPS », « Ps: » opening a line.
var postscriptRe = regexp.MustCompile(`(?i)^p\.?\s?-?\s?p?\.?\s?s\.?(?:\s*[:.\-–]|\s)`)

// isPostscript reports a line that opens a postscript.
func isPostscript(t string) bool { return t != "" && t[0]|0x20 == 'p' && postscriptRe.MatchString(t) }

// isRule reports a decoration line, "______" or "=====", which signatures
// often start with.
func isRule(t string) bool {
	return len(t) >= 3 && !strings.ContainsFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// isFormula reports whether a line opens with a closing formula (the
// shared lexicon's): "Merci," and "Merci d'avance" but not "Mercier".
func isFormula(t string) bool { return lexicon.IsClosingFormula(t) }

// strongSigLine reports a line that signatures hold and text seldom does:
// a phone number, an e-mail address, a web address, a postal address, a
// file number ("N° étranger 7508244901"), a mobile client's tag ("Envoyé de
// mon iPhone") or an attachment list ("PJ : …").
func strongSigLine(t string) bool {
	if len(t) > 120 || t == "" {
		return false
	}
	// cheap tests first: most lines have no digit, no "@", no "www."
	digits, run := 0, 0
	for i := 0; i < len(t); i++ {
		if t[i] >= '0' && t[i] <= '9' {
			digits++
			run++
		} else if run < 5 {
			run = 0
		}
	}
	first := t[0] | 0x20 // ASCII lower case
	switch {
	case strings.ContainsRune("esgot", rune(first)) && mobileRe.MatchString(t),
		(first == 'p' || first == 'a') && attachRe.MatchString(t):
		return true
	case hasFunctionWord(t):
		// "mon dossier est le 0123456789" is a sentence, not a signature
		return false
	}
	words := len(strings.Fields(t))
	switch {
	case digits >= 8 && words <= 8 && phoneRe.MatchString(t):
		return true
	case words <= 6 && strings.IndexByte(t, '@') >= 0 && emailRe.MatchString(t):
		return true
	case words <= 6 && (strings.Contains(t, "://") || strings.Contains(strings.ToLower(t), "www.")) && urlRe.MatchString(t):
		return true
	case words <= 10 && streetRe.MatchString(t):
		return true
	case run >= 5 && words <= 6 && postcodeRe.MatchString(t):
		return true
	case run >= 5 && words <= 8 && isFileNumber(t):
		return true
	}
	return false
}

// hasFunctionWord reports a pronoun, auxiliary or conjunction in t.
// Possessives are allowed: "mon portable : 06 …" is a signature line.
func hasFunctionWord(t string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) }) {
		// one letter is an elision ("n'", "j'") or an initial ("N°"): the verb after it decides
		if utf8.RuneCountInString(w) > 1 && functionWords[w] && !possessives[w] {
			return true
		}
	}
	return false
}

var possessives = setOf("mon", "ma", "mes", "my", "notre", "our")

// isFileNumber reports a labelled identifier: "N° étranger : 7501876254",
// "Numéro AGDREF 2904419037", "N° de compte SIA : 2022-CH-0457719".
func isFileNumber(t string) bool {
	run, best := 0, 0
	for i := 0; i < len(t); i++ {
		if t[i] >= '0' && t[i] <= '9' {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	if best < 5 {
		return false
	}
	l := strings.ToLower(t)
	for _, k := range fileLabels {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

var fileLabels = []string{"n°", "nº", "no.", "numéro", "numero", "num.", "réf", "ref", "dossier", "agdref",
	"étranger", "etranger", "siret", "siren", "rna", "compte", "identifiant", "allocataire", "client",
	"adhérent", "sécurité sociale", "file", "number"}

// nameLike reports a line that reads as a name, a title or a role rather
// than a sentence: "Jean Dupont", "Mme K.", "Serkan Yıldız (son fils)",
// "Le Maire de Kervrenig", "Présidente". strict asks for capitalised words
// only and no digit, for use without a closing formula above.
func nameLike(t string, strict bool) bool {
	if len(t) > 70 || isFormula(t) {
		return false
	}
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 6 || strict && len(words) > 5 {
		return false
	}
	// a sentence ends with a stop; an initial ("K.", "Jr.") does not count
	if last, _ := utf8.DecodeLastRuneInString(t); strings.ContainsRune("?!:;", last) ||
		last == '.' && utf8.RuneCountInString(words[len(words)-1]) > 3 {
		return false
	}
	letters, capital := 0, 0
	for _, w := range words {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue // "|", "–", "•" between a name and a company
		}
		if isInitial(w) { // "K.", "J.-P."
			letters++
			continue
		}
		lw := strings.ToLower(strings.Trim(w, "()[]«»\"',.-–"))
		for _, part := range strings.FieldsFunc(lw, func(r rune) bool { return r == '\'' || r == '’' }) {
			if functionWords[part] || strict && notNames[part] {
				return false
			}
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "(«\"'"))
		switch {
		case unicode.IsUpper(r):
			if !titles[lw] {
				capital++
			}
		case strict && !particles[lw] && !titles[lw]:
			return false
		}
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			} else if strict && unicode.IsDigit(r) {
				return false
			}
		}
	}
	if letters == 0 {
		return false
	}
	return !strict || capital > 0
}

// isInitial reports an abbreviated first name: "K.", "J.-P.", "Th.".
func isInitial(w string) bool {
	if !strings.HasSuffix(w, ".") || utf8.RuneCountInString(w) > 5 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && !titles[strings.ToLower(strings.TrimSuffix(w, "."))]
}

// functionWords are pronouns, auxiliaries and conjunctions: a line that
// holds one is a sentence, not a name.
var functionWords = setOf(
	"je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m", "te", "moi", "toi", "lui",
	"ne", "n", "pas", "que", "qu", "qui", "quoi", "quand", "comment", "pourquoi", "est", "suis", "es", "sont",
	"ai", "as", "a", "avez", "avons", "ont", "été", "être", "avoir", "fait", "faire", "peux", "peut", "pouvez",
	"veux", "voudrais", "souhaite", "souhaiterais", "dois", "doit", "pour", "avec", "sans", "mais", "car",
	"donc", "si", "mon", "ma", "mes", "ton", "ta", "tes", "votre", "vos", "notre", "nos", "ce", "cet", "cette",
	"ces", "ça", "ca", "c", "dans", "sur", "svp", "stp", "bonjour", "bonsoir", "madame", "monsieur",
	"i", "you", "we", "he", "she", "they", "it", "is", "am", "are", "was", "were", "be", "have", "has", "had",
	"do", "does", "did", "can", "could", "would", "should", "will", "to", "for", "with", "my", "your", "our",
	"this", "that", "please", "not", "if", "but", "hello", "hi", "dear",
)

// notNames are capitalised words that end a message without being a name.
var notNames = setOf("urgent", "urgence", "merci", "bonne", "journée", "soirée", "objet", "re", "tr", "fwd",
	"question", "demande", "dossier", "rdv", "rendez-vous", "aide", "ok", "oui", "non", "cordialement",
	"salutations", "ps", "nb", "important", "svp", "thanks", "regards", "cdlt")

// particles may stand lower-case inside a name ("Jean de La Fontaine").
var particles = lexicon.NameParticles

// titles do not make a line a name by themselves: the civilities and
// titles of the shared lexicon, and « m. ».
var titles = func() map[string]bool {
	m := setOf("m.")
	for c := range lexicon.Civilities {
		m[c] = true
	}
	for t := range lexicon.Titles {
		m[t] = true
	}
	return m
}()

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
