package entities

import (
	"plume/message/lexicon"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameMatch is a writer's name found in a text.
type nameMatch struct {
	civ, prenom, nom string
	start, end       int // byte offsets of the name as written, civility included
}

func (n nameMatch) value() string { return strings.TrimSpace(n.prenom + " " + n.nom) }

var (
	// "Merci, Lotte Peeters" — a formula, punctuation, then the name.
	reFormulaTail = regexp.MustCompile(`(?i)^(?:bien\s+|très\s+|tres\s+)?(?:cordialement|merci(?:\s+(?:beaucoup|d['’]avance|par\s+avance|encore))?|bien\s+[àa]\s+vous|salutations|regards|best\s+regards|kind\s+regards|many\s+thanks|thanks|thank\s+you)\s*[,.!;:]+\s*(\S.*)$`)
	// "… si mon dossier est complet. Merci. Sami Jebali" — a one-line
	// message signed at its end.
	reInlineSignoff = regexp.MustCompile(`(?i)[.!?]\s+(?:merci(?:\s+(?:beaucoup|d['’]avance|par\s+avance|encore))?|cordialement|bien\s+[àa]\s+vous|salutations|regards|thanks|thank\s+you)\s*[,.!;:]*\s+(\S[^.!?]*)$`)

	// A name word: capitalised or upper-case, with hyphens and apostrophes
	// (Quéré-Nédélec, Guivarc'h, d'Arvor, O'Neil), or an initial (A., J.-P.).
	reNameWord = regexp.MustCompile(`^(?:[dDlL]['’])?\p{Lu}[\p{L}\p{M}'’\-]*$`)
	reInitial  = regexp.MustCompile(`^(?:\p{Lu}\.-?)+$`)
)

// The particles of a family name, the civilities and the titles are the
// shared lexicon's.
var (
	particles  = lexicon.NameParticles
	civilities = lexicon.Civilities
	titles     = lexicon.Titles
)

// Words that make a short capitalised line something else than a person:
// formulas, functions, organisations, addresses, devices, mail words.
var notNameWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		cordialement bien tres merci beaucoup salutations sinceres distinguees respectueuses remerciements
		bonjour bonsoir bonne belle journee soiree semaine week-end weekend
		madame monsieur mesdames messieurs dear sir madam regards best kind thanks thank you sincerely yours many
		prefet prefete prefecture sous-prefecture sous-prefet maire mairie depute deputee senateur senatrice
		conseil conseiller conseillere region departement conseil-departemental commune
		association asso sarl sas sasu eurl sci sa ste societe entreprise cabinet service services accueil
		direction directeur directrice president presidente tresorier tresoriere secretaire gerant gerante
		charge chargee collaborateur collaboratrice parlementaire assistant assistante sociale avocat avocate
		agent responsable rh equipe union syndicat federation cgt cfdt centre hopital chu ecole college lycee
		universite caf cpam pole emploi mutuelle banque famille espace france-services franceservices mission
		locale ccas gendarmerie police commissariat tribunal
		envoye iphone ipad android samsung galaxy outlook mobile portable tel telephone fax email mail courriel
		objet pj piece pieces jointe jointes signature signe adresse mob ps fr re tr fwd
		rue avenue boulevard bd place route chemin impasse allee quai lieu-dit residence batiment appartement
		cedex bp urgent urgence important dossier demande numero etranger titre sejour carte grise permis
		passeport identite the and of for pour`) {
		notNameWords[w] = true
	}
}

// isFormula reports whether a (trimmed) line is a closing formula (a long
// line is a sentence, whatever its first words).
func isFormula(line string) bool {
	if len(line) > 300 || len(strings.Fields(line)) > 20 {
		return false
	}
	return lexicon.IsClosingFormula(line)
}

// lineSpan is a trimmed, non-empty line: its byte offsets in the text.
type lineSpan struct{ start, end int }

// lastLines returns the last n non-empty lines of text[seg.start:seg.end],
// trimmed, in order. It walks back from the end, so the work does not grow
// with the length of the text.
func lastLines(text string, seg span, n int) []lineSpan {
	var out []lineSpan
	end := seg.end
	for end > seg.start && len(out) < n {
		start := strings.LastIndexByte(text[seg.start:end], '\n')
		if start < 0 {
			start = seg.start
		} else {
			start += seg.start + 1
		}
		if s, e := trimSpan(text, start, end); s < e {
			out = append(out, lineSpan{s, e})
		}
		end = start - 1
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// firstLines returns the first n non-empty lines of text, trimmed.
func firstLines(text string, n int) []lineSpan {
	var out []lineSpan
	for start := 0; start < len(text) && len(out) < n; {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if s, e := trimSpan(text, start, end); s < e {
			out = append(out, lineSpan{s, e})
		}
		start = end + 1
	}
	return out
}

// trimSpan narrows [s, e) to exclude surrounding white space.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// findWriter looks for the writer's name in the writer's own text: above a
// quoted message, else below the last quoted lines.
func findWriter(text string, l layout) (nameMatch, bool) {
	var segs []span
	for _, seg := range l.ownSegments(text) {
		if s, e := trimSpan(text, seg.start, seg.end); s < e {
			segs = append(segs, seg)
		}
	}
	if len(segs) == 0 {
		return nameMatch{}, false
	}
	// The first stretch of own text (a top-posted reply), then the last one
	// (a bottom-posted reply).
	if nm, ok := writerIn(text, segs[0]); ok {
		return nm, true
	}
	if len(segs) > 1 {
		return writerIn(text, segs[len(segs)-1])
	}
	return nameMatch{}, false
}

// writerIn finds the writer's name in the closing lines of text[seg].
func writerIn(text string, seg span) (nameMatch, bool) {
	lines := lastLines(text, seg, 15)
	if len(lines) == 0 {
		return nameMatch{}, false
	}
	try := func(ls lineSpan, allowCaps bool) (nameMatch, bool) {
		nm, ok := parseName(text[ls.start:ls.end], allowCaps)
		nm.start += ls.start
		nm.end += ls.start
		return nm, ok
	}
	// 1. After the last closing formula: "Cordialement,\nZhao Meilin".
	for f := len(lines) - 1; f >= 0; f-- {
		ls := lines[f]
		if !isFormula(text[ls.start:ls.end]) {
			continue
		}
		if m := reFormulaTail.FindStringSubmatchIndex(text[ls.start:ls.end]); m != nil {
			if nm, ok := try(lineSpan{ls.start + m[2], ls.end}, true); ok {
				return nm, true
			}
		}
		for _, next := range lines[f+1 : min(len(lines), f+4)] {
			if nm, ok := try(next, true); ok {
				return nm, true
			}
		}
		// Nothing after this one ("Merci de ne pas imprimer ce courriel"
		// in a signature): an earlier formula may open the real signature.
	}
	// 2. A one-line message signed at its end.
	last := lines[len(lines)-1]
	if last.end-last.start < 2000 {
		if m := reInlineSignoff.FindStringSubmatchIndex(text[last.start:last.end]); m != nil {
			if nm, ok := try(lineSpan{last.start + m[2], last.end}, false); ok {
				return nm, true
			}
		}
	}
	// 3. No formula: the signature is the block of short lines that
	// closes the message (name, function, address, phone, number); the
	// name comes first in it ("Jean Dupont\nSaint-Brieuc").
	top := len(lines)
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-6; i-- {
		t := text[lines[i].start:lines[i].end]
		if _, ok := parseName(t, false); !ok && (isFormula(t) || sentenceLike(t)) {
			break
		}
		top = i
	}
	for _, ls := range lines[top:] {
		if nm, ok := try(ls, false); ok {
			return nm, true
		}
	}
	return nameMatch{}, false
}

// sentenceLike reports whether a line reads as a sentence of the message
// rather than a signature line: the signature block ends there.
func sentenceLike(line string) bool {
	if len(line) > 200 {
		return true
	}
	words := len(strings.Fields(line))
	if words > 8 {
		return true
	}
	if strings.ContainsAny(line, "0123456789@") {
		return false // a phone, an address, a number: signature material
	}
	return words > 6 || strings.ContainsAny(line[len(line)-1:], ".?!:;")
}

// writerInSignature reads a known signature block top-down: its first
// name-like line.
func writerInSignature(sig string) (nameMatch, bool) {
	for _, ls := range firstLines(sig, 6) {
		t := sig[ls.start:ls.end]
		if isFormula(t) {
			if m := reFormulaTail.FindStringSubmatchIndex(t); m != nil {
				if nm, ok := parseName(t[m[2]:], true); ok {
					return nm, true
				}
			}
			continue
		}
		if nm, ok := parseName(t, true); ok {
			return nm, true
		}
	}
	return nameMatch{}, false
}

// nameToken is a word of a candidate line with its offsets in the line.
type nameToken struct {
	text       string
	start, end int
}

// parseName reads a line such as "Mme Khadija Ennaji", "Issa Fofana (son
// frère)", "MME EL OUARDI 0639987719", "A. Nguyen", "Mme K." and splits it
// into civility, first name and family name. Offsets are relative to line.
// allowCaps admits an all-capitals line without a civility ("JEAN DUPONT"),
// which is only trusted right after a closing formula: elsewhere it is
// more often an organisation ("PASSEPORTS DU MONDE").
func parseName(line string, allowCaps bool) (nameMatch, bool) {
	if len(line) > 200 {
		return nameMatch{}, false
	}
	// A signature line is short, and what follows the name on it is not a
	// sentence: "Mme Fatma Yıldız, ma mère, est hospitalisée." names
	// someone, but is no signature.
	if words := strings.Fields(line); len(words) > 10 {
		return nameMatch{}, false
	}
	if strings.ContainsAny(line[len(line)-1:], "?!") {
		return nameMatch{}, false
	}
	cut := len(line) // where the name part of the line ends
	var toks []nameToken
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(line) {
			r, n := utf8.DecodeRuneInString(line[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		tok := line[i:j]
		// What follows the name on its line: a note "(son frère)", a
		// phone or a number, an e-mail, a function after a dash or a comma.
		if strings.HasPrefix(tok, "(") || strings.ContainsAny(tok, "0123456789@") ||
			tok == "-" || tok == "–" || tok == "—" || tok == "|" || tok == "/" || tok == "•" || tok == "·" {
			cut = i
			break
		}
		i = j
		if strings.HasSuffix(tok, ",") || strings.HasSuffix(tok, ";") {
			tok = tok[:len(tok)-1]
			toks = append(toks, nameToken{tok, j - 1 - len(tok), j - 1})
			cut = j
			break
		}
		toks = append(toks, nameToken{tok, j - len(tok), j})
		if len(toks) > 7 {
			return nameMatch{}, false
		}
	}
	if len(toks) == 0 {
		return nameMatch{}, false
	}
	if rest := strings.TrimSpace(line[cut:]); rest != "" && strings.HasSuffix(rest, ".") && !strings.HasSuffix(rest, ")") &&
		strings.ContainsFunc(rest, unicode.IsLower) && len(strings.Fields(rest)) > 3 {
		return nameMatch{}, false // "…, ma mère, est hospitalisée."
	}
	var nm nameMatch
	nm.start = toks[0].start
	// Civility or title first.
	if c, ok := civilities[strings.TrimSuffix(fold(toks[0].text), ".")]; ok {
		nm.civ = c
		toks = toks[1:]
	} else if titles[strings.TrimSuffix(fold(toks[0].text), ".")] {
		toks = toks[1:]
	}
	// A final full stop ends the line, except after an initial ("Mme K.").
	if n := len(toks); n > 0 && strings.HasSuffix(toks[n-1].text, ".") && !reInitial.MatchString(toks[n-1].text) {
		toks[n-1].text = strings.TrimSuffix(toks[n-1].text, ".")
		toks[n-1].end--
	}
	if len(toks) == 0 || len(toks) > 5 || (nm.civ == "" && len(toks) < 2) {
		return nameMatch{}, false
	}
	caps, words := 0, 0
	for i, t := range toks {
		f := fold(t.text)
		if notNameWords[strings.Trim(f, ".")] {
			return nameMatch{}, false
		}
		switch {
		case particles[f] && (i > 0 || nm.civ != ""):
			// "de", "Le", "EL": part of a family name.
		case reInitial.MatchString(t.text):
			words++
		case reNameWord.MatchString(t.text):
			words++
			if isAllCaps(t.text) {
				caps++
			}
		default:
			return nameMatch{}, false
		}
	}
	if words == 0 || words > 4 {
		return nameMatch{}, false
	}
	if caps == words && nm.civ == "" && !allowCaps {
		return nameMatch{}, false
	}
	names := make([]string, len(toks))
	for i, t := range toks {
		names[i] = t.text
	}
	nm.end = toks[len(toks)-1].end
	if caps > 0 && caps < words {
		// "DUPONT Jean", "Jean-Pierre LE GOFF": the capitals are the family name.
		i0, i1 := -1, -1
		for i, t := range toks {
			if isAllCaps(t.text) && reNameWord.MatchString(t.text) {
				if i0 < 0 {
					i0 = i
				}
				i1 = i
			}
		}
		for i0 > 0 && particles[fold(toks[i0-1].text)] {
			i0--
		}
		nm.nom = strings.Join(names[i0:i1+1], " ")
		nm.prenom = strings.Join(append(append([]string(nil), names[:i0]...), names[i1+1:]...), " ")
	} else {
		// The last word is the family name, with the particles before it
		// ("Le Bris", "van Dam"); the first word stays a first name unless
		// a civility says the line may be a family name alone.
		j := len(toks) - 1
		lo := 1
		if nm.civ != "" {
			lo = 0
		}
		for j > lo && particles[fold(toks[j-1].text)] {
			j--
		}
		nm.nom = strings.Join(names[j:], " ")
		nm.prenom = strings.Join(names[:j], " ")
	}
	if particles[fold(nm.nom)] || nm.nom == "" || (nm.civ == "" && nm.prenom == "") {
		return nameMatch{}, false
	}
	return nm, true
}

// isAllCaps reports whether a word of two letters or more has no
// lower-case letter.
func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}
