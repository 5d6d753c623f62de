// Package judge is Plume's learned judgement: a logistic-regression scorer
// over hashed words, stems and word pairs of the folded message, with the
// hand-written rules' hits and the knowledge base's topic vote as features.
// It decides, beside the rules, whether a message is a relance, whether it is
// sensitive and why, its category, its service and whether to forward it,
// and says which words weighed most in each decision.
//
// It is pure Go with no network and no cgo, so it runs in the browser build;
// the weights are a small text file that ships with the knowledge base
// (jugement.poids), trained by `plume train` from labelled examples.
package judge

import (
	"hash/fnv"
	"math"
	"slices"
	"strings"

	"plume/message/detect"
)

// Heads: one output per decision. Binary heads first, then the category and
// service distributions.
var (
	// BinaryHeads are the yes/no decisions.
	BinaryHeads = []string{"relance", "sensitive",
		"deces", "emploi", "revenus", "logement", "sante", "echeance", "detresse", "mineur", "violence",
		"transfer"}
	// CategoryCodes and ServiceCodes are the classes of the two
	// multi-class heads, in the order of DESIGN.md.
	CategoryCodes = []string{"sejour", "eloignement", "identite", "immatriculation", "teleprocedure", "permis", "autre"}
	ServiceCodes  = []string{"accueil", "immigration", "cert-titres", "sous-prefecture", "cabinet", "autre-service"}
	// ReasonCodes are the binary heads that name a sensitive reason.
	ReasonCodes = BinaryHeads[headReason0:HeadTransfer]
)

// Indexes of heads in a model's outputs.
const (
	HeadRelance   = 0
	HeadSensitive = 1
	headReason0   = 2
	HeadTransfer  = 11
	nBinary       = 12
	catStart      = nBinary
	nCat          = 7
	svcStart      = catStart + nCat
	nSvc          = 6
	nOutputs      = svcStart + nSvc
)

// Span is a byte range of the message body (or of the subject, for subject
// words).
type Span struct{ Start, End int }

// Signal is a feature that is not a word: a rule that matched (with the
// words it matched, to show them), the knowledge base's topic vote, the
// message's shape.
type Signal struct {
	Name  string
	Value float64
	Spans []Span // in Body
}

// Doc is a message as the judge reads it: the body with the writer's new
// text and the quoted parts located in it, the subject, and the signals.
type Doc struct {
	Subject string
	Body    string
	New     Span
	// Forwarded are messages forwarded to us (TR:, Fwd:) by a colleague,
	// a mairie, an élu: what the person wrote, read as words of the
	// request. Quoted are earlier exchanges quoted in a reply: context only.
	Forwarded []Span
	Quoted    []Span
	Signals   []Signal
}

// token is one word of the message, folded, where it was written.
type token struct {
	word    string
	span    Span
	subject bool
	clause  int32 // which clause of its part the word is in
}

// feature is one hashed feature of a document: its bucket, its value, and
// the tokens it comes from (for explaining), -1 when none.
type feature struct {
	bucket uint32
	value  float32
	tok    [2]int32
	heads  family
}

// family says which outputs a feature feeds. The words of the clauses that
// tell of a contact or of a stake are there for the judgement heads; fed to
// the category, service and transfer heads too, they made those worse on
// writers left out.
type family uint8

const (
	allHeads       family = iota
	judgementHeads        // relance, sensitive and its reasons
	sensitiveHeads        // sensitive and its reasons
)

// outputs returns the range of outputs a family's features feed.
func (f family) outputs() (lo, hi int) {
	switch f {
	case judgementHeads:
		return HeadRelance, HeadTransfer
	case sensitiveHeads:
		return HeadSensitive, HeadTransfer
	}
	return 0, nOutputs
}

// Features is a document turned into numbers: hashed text features and dense
// signals, with what is needed to say which words weighed.
type Features struct {
	hashed  []feature
	signals []Signal
	tokens  []token
}

// hashBits sets the hashed space: 2^18 buckets, of which a trained model keeps
// only those seen in at least five training messages (three kept twice the
// weights for the same figures on writers left out).
const hashBits = 18

// FeatureVersion changes whenever the features computed here change: weights
// trained for another version are refused. (Character 4-grams were tried
// and left out: no better on writers left out, and twice the weights. So
// were the opening sentence's words under their own prefix, and speech
// verbs and agents among the contact pairs: no better either.)
const FeatureVersion = 8

// textNormPower is how the weight of a text's features falls with their
// number (see addText).
const textNormPower = 0.4

// maxTokens bounds the words read in each part, so that a pasted document
// costs no more than a long letter.
const (
	maxNewTokens    = 1500
	maxQuotedTokens = 300
	maxSubjectToks  = 40
	stemLen         = 6
	// forwardedWeight: a forwarded message is the request, told by the
	// person; the forwarder's own words weigh a little more.
	forwardedWeight = 0.8
)

// Extract computes a document's features.
func Extract(d Doc) Features {
	var fs Features
	fs.signals = d.Signals
	newText := spanText(d.Body, d.New)
	fs.appendPart(tokenize(newText, d.New.Start, false, maxNewTokens))
	fs.addText(0, len(fs.tokens), "", 1)
	fs.addContacts(0, len(fs.tokens))
	fs.addContactClauses(0, len(fs.tokens))
	for _, f := range d.Forwarded {
		if len(fs.tokens) >= maxNewTokens {
			break
		}
		start := len(fs.tokens)
		fs.appendPart(tokenize(spanText(d.Body, f), f.Start, false, maxNewTokens-len(fs.tokens)))
		fs.addText(start, len(fs.tokens), "", forwardedWeight)
		// The person's « je vous ai écrit le 3 octobre », under a
		// colleague's or a mairie's note, tells of a contact as much as
		// in the new text (on writers left out, four orders: relance
		// 0.966–0.968 → 0.968–0.969, « à vérifier » precision
		// 0.945–0.949 → 0.948–0.954).
		fs.addContactClauses(start, len(fs.tokens))
	}
	fs.addStakeClauses(0, len(fs.tokens))

	if d.Subject != "" {
		start := len(fs.tokens)
		fs.appendPart(tokenize(d.Subject, 0, true, maxSubjectToks))
		fs.addText(start, len(fs.tokens), "S", 1)
	}
	// Quoted words give the topic's context; they say nothing of the writer
	// now, and are marked apart so the heads can learn that.
	qStart := len(fs.tokens)
	for _, q := range d.Quoted {
		if len(fs.tokens)-qStart >= maxQuotedTokens {
			break
		}
		fs.appendPart(tokenize(spanText(d.Body, q), q.Start, false, maxQuotedTokens-(len(fs.tokens)-qStart)))
	}
	fs.addQuoted(qStart, len(fs.tokens))
	return fs
}

// appendPart adds the tokens of one part of the message (the new text, a
// forwarded message, the subject, a quote), numbering its clauses after the
// previous part's: two parts never share a clause.
func (fs *Features) appendPart(toks []token) {
	next := int32(0)
	if n := len(fs.tokens); n > 0 {
		next = fs.tokens[n-1].clause + 1
	}
	for i := range toks {
		toks[i].clause += next
	}
	fs.tokens = append(fs.tokens, toks...)
}

func spanText(body string, s Span) string {
	if s.Start < 0 || s.End > len(body) || s.Start > s.End {
		return ""
	}
	return body[s.Start:s.End]
}

// tokenize folds text (lowercase, no accents, hurried spellings normalised)
// and cuts it into words of letters and digits, each with its place in the
// original (shifted by base).
func tokenize(text string, base int, subject bool, limit int) []token {
	folded, at := detect.FoldAt(text)
	var out []token
	i := 0
	clause := int32(0)
	for i < len(folded) && len(out) < limit {
		if !isWordByte(folded[i]) {
			switch folded[i] {
			case '.', '!', '?', '\n', ';':
				clause++
			}
			i++
			continue
		}
		j := i
		for j < len(folded) && isWordByte(folded[j]) {
			j++
		}
		start := at[i]
		end := at[j-1]
		// the end of the original rune the last folded byte comes from
		end = nextRune(text, end)
		out = append(out, token{word: folded[i:j], span: Span{base + start, base + end}, subject: subject, clause: clause})
		i = j
	}
	return out
}

func nextRune(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	j := i + 1
	for j < len(s) && s[j]&0xC0 == 0x80 {
		j++
	}
	return j
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// shape reduces a word to what generalises: numbers become their length
// class, long words their stem.
func shape(w string) string {
	digits := true
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			digits = false
			break
		}
	}
	if digits {
		switch {
		case len(w) <= 2:
			return "#d" // a day, a count
		case len(w) == 4:
			return "#y" // a year
		case len(w) >= 9:
			return "#n" // a file number
		}
		return "#"
	}
	return w
}

func stem(w string) string {
	if len(w) > stemLen && w[0] != '#' {
		// cut on a rune boundary
		n := stemLen
		for n < len(w) && w[n]&0xC0 == 0x80 {
			n++
		}
		return w[:n]
	}
	return w
}

// addText adds the n-grams of tokens[from:to] under prefix, normalised so
// that a long letter does not outweigh a one-line message by its length
// alone. The norm is n^-0.4 rather than n^-0.5: a single sentence of fear or
// tears in a long letter was drowned by the letter's other words (on writers
// left out, order 0: sensitive flagged wrongly 93 → 80 at the same recall,
// relance 0.961 → 0.962; n^-0.3 was worse for the category).
func (fs *Features) addText(from, to int, prefix string, weight float64) {
	n := to - from
	if n == 0 {
		return
	}
	start := len(fs.hashed)
	prev := ""
	for i := from; i < to; i++ {
		w := shape(fs.tokens[i].word)
		s := stem(w)
		ti := int32(i)
		fs.add(prefix+"u|"+w, ti, -1)
		if s != w {
			fs.add(prefix+"s|"+s, ti, -1)
		}
		// A word pair stays within its clause: across a full stop or a line
		// (« …le 12 octobre. Il est parti… ») it is no phrase, and the banner
		// would show it as the words that weighed.
		if prev != "" && fs.tokens[i-1].clause == fs.tokens[i].clause {
			fs.add(prefix+"b|"+prev+"|"+s, ti-1, ti)
		} else {
			fs.add(prefix+"b|^|"+s, ti, -1)
		}
		prev = s
	}
	if n > longTextTokens {
		// Past the longest letters of the examples, the words together
		// weigh no more: each weighs less as the letter grows.
		weight *= math.Pow(longTextTokens/float64(n), 1-textNormPower)
	}
	fs.weigh(start, weight, textNormPower)
}

// longTextTokens: about the longest letters among the examples (p99 of the
// corpus: 297 words). Beyond it the text's features weigh together as
// much as in a letter of this length: with n^-0.4 their sum grew as n^0.6,
// and in a letter of 700 words the many words of the history outweighed
// the one clause of an earlier call and the rules that read it (−7 against
// +3.6). On 180 long letters no model had seen (w125–w130), the same
// weights found 65 of their 84 relances instead of 57.
const longTextTokens = 400

// addQuoted adds the quoted words' stems, lightly weighted.
func (fs *Features) addQuoted(from, to int) {
	if to == from {
		fs.add("f|noquote", -1, -1)
		return
	}
	start := len(fs.hashed)
	for i := from; i < to; i++ {
		fs.add("q|"+stem(shape(fs.tokens[i].word)), int32(i), -1)
	}
	fs.weigh(start, 0.5, 0.5)
}

// weigh gives the features added since start the value weight/n^power, n
// their number, so that a part's features weigh together about weight
// whatever its length. (math.Pow of 0.5 is math.Sqrt, to the bit.)
func (fs *Features) weigh(start int, weight, power float64) {
	n := len(fs.hashed) - start
	if n == 0 {
		return
	}
	v := float32(weight / math.Pow(float64(n), power))
	for k := start; k < len(fs.hashed); k++ {
		fs.hashed[k].value = v
	}
}

// clauseEnd returns the end of the clause that tokens[i] starts, within to.
func (fs *Features) clauseEnd(i, to int) int {
	j := i
	for j < to && fs.tokens[j].clause == fs.tokens[i].clause {
		j++
	}
	return j
}

func (fs *Features) add(name string, t1, t2 int32) {
	fs.hashed = append(fs.hashed, feature{bucket: bucketOf(name), value: 1, tok: [2]int32{t1, t2}})
}

func bucketOf(name string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(name))
	return h.Sum32() & (1<<hashBits - 1)
}

// contactWords tell of a call, a letter or a visit; contactTargets, whom
// it went to; pastWords, that it happened before this message. A bag of
// words sees « écrit » and « ANTS » but not that the one went to the other:
// each pair in one clause is a feature, so the judge can learn that writing
// to the ANTS is not writing to us (on writers left out, relance F1 0.938 →
// 0.943, the mean of four orders of the examples).
var (
	contactWords = wordSet(`ecrit reecrit ecrire appele appel appels telephone relance relances contacte contactee
		contactes mail mails emails courriel courriels courrier courriers message messages lettre lettres envoye
		envoyee venu venue passe passee rendu rendue deplace deplacee recommande formulaire
		called phoned emailed wrote written visited contacted`)
	contactTargets = wordSet(`vous votre vos prefecture prefet guichet accueil standard cabinet ants anef chat
		mairie ofii caf services garage employeur avocat consulat tribunal greffe ecole agence banque notaire
		assistante association you your`)
	pastWords = wordSet(`ai avons avais avions suis sommes etais deja have had already`)
)

// TellsOfContact says whether text has a word that tells of a call, a
// letter, a visit or a reply (« écrit », « appelé », « votre réponse »): a
// date written among such words is a contact's, not a death's or a
// flight's.
// Its words are the judge's own (tokenize), as its contact pairs read them.
func TellsOfContact(text string) bool {
	for _, t := range tokenize(text, 0, false, len(text)) {
		if tellsOfContact(t.word) {
			return true
		}
	}
	return false
}

func tellsOfContact(word string) bool { return contactWords[word] || replyWords[word] }

// replyWords tell of a contact too, in words the judge's pairs leave out:
// an answer received, a sending, a request made, what an agent said.
var replyWords = wordSet(`reponse reponses repondu adresse adressee adresses envoi envois sollicite sollicitee
	dit answer answered replied reply told said`)

// contactWeight: the pairs, a handful per message, weigh half as much as
// the message's words together.
const contactWeight = 0.5

// maxCueFeatures bounds, in one message, the contact pairs and each kind of
// cue clause (contact, stake). A paste of « mail vous mail vous … » without
// a full stop made every contact word pair with every recipient (half a
// million features, 0.3 s a reading). It was 256: a letter of 700 words
// tells of the mairie, the ANTS and a lawyer in many clauses before its
// P.S. (« je vous avais déjà écrit le 9 février »), whose words were left
// out. With 1024, on writers left out (order 0, 130 writers): the long
// letters' relances found 71 of 84 instead of 68, service of non-sensitive
// messages 0.966 → 0.969, transfer 0.973 → 0.974.
const maxCueFeatures = 1024

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// addContacts adds, for each clause of tokens[from:to] that tells of a
// contact, the pairs of the contact word and whom it went to, and whom it
// went to when a past tense or « déjà » comes first.
func (fs *Features) addContacts(from, to int) {
	start := len(fs.hashed)
	var targets []int
pairs:
	for i := from; i < to; {
		j := fs.clauseEnd(i, to)
		targets = targets[:0]
		for b := i; b < j; b++ {
			if contactTargets[fs.tokens[b].word] {
				targets = append(targets, b)
			}
		}
		past := false
		for a := i; a < j && len(targets) > 0; a++ {
			w := fs.tokens[a].word
			past = past || pastWords[w]
			if !contactWords[w] {
				continue
			}
			for _, b := range targets {
				if b == a {
					continue
				}
				if len(fs.hashed)-start >= maxCueFeatures {
					break pairs
				}
				target := fs.tokens[b].word
				fs.add("c|"+stem(w)+"|"+target, int32(a), int32(b))
				if past {
					fs.add("c|p|"+target, int32(a), int32(b))
				}
			}
		}
		i = j
	}
	fs.weigh(start, contactWeight, 0.5)
}

// contactClauseWeight: the words and word pairs of each clause that tells
// of a contact, under their own prefix, weigh half as much as the message's
// words together. In a long letter the one clause that makes a relance
// (« nous avions déjà signalé ce blocage à la préfecture par courriel le
// 14 octobre ») is drowned among the letter's words, and the contact pairs
// see only the contact word and whom it went to, not « suite à mon mail »
// or « votre collègue au téléphone ». On writers left out (order 0, 124
// writers, with dropout): relance 0.963 → 0.967 both ways, 594 → 469
// messages flagged « à vérifier » wrongly at recall 0.98.
const contactClauseWeight = 0.5

// addContactClauses adds the stems and stem pairs of each clause of
// tokens[from:to] that has a word of contact (tellsOfContact), for the
// judgement heads.
func (fs *Features) addContactClauses(from, to int) {
	fs.addCueClauses(from, to, "x", tellsOfContact, true, contactClauseWeight, judgementHeads)
}

// stakeStems begin the words that name what a person stands to lose or
// suffer: a death, a job or a wage, an income, a home, health, a deadline,
// fear or shame, a child, violence. Each is a stem already (at most stemLen
// letters), as tellsOfStake looks up a word's stem. They only choose the clauses whose words
// the sensitive heads read apart (addStakeClauses); what those words weigh
// is learned. (In a long letter, « je pleure en écrivant ce mail » or « elle
// vit dans sa voiture » was drowned among the letter's other words.)
var stakeStems = wordSet(`deces decede mort morte obsequ enterr funera inhuma defunt veuve veuf died death
	emploi travai employ licenc embauc contra poste patron interi salair paie job chomag cdi cdd fired
	revenu caf rsa apl alloca aides argent dette dettes pensio retrai
	logeme loyer bail expuls propri baille hlm heberg rue dehors sdf evicti rent landlo
	hopita hospit malade maladi cancer chimio dialys soins urgenc operat handic encein grosse accouc sick
	vol avion billet examen concou delai expire echean flight
	peur angois dors dormir sommei pleure pleurs desesp seul seule honte humili suicid craque epuise stress paniqu
	deprim souffr inquie afraid scared desper
	enfant fils fille bebe mineur ecole colleg lycee scolar child childr school
	violen frappe battu battue menace plaint harcel agress`)

func tellsOfStake(word string) bool { return stakeStems[stem(word)] }

// stakeClauseWeight: the words of the clauses that tell of a stake weigh
// together half as much as the message's words, and only for the sensitive
// head and its reasons: fed to every head, they cost the relance and service
// heads about ten messages each on writers left out. Their word pairs are
// left out: a quarter more weights (2.94 MB against a 3 MB limit) for no
// gain beyond the spread between orders.
const stakeClauseWeight = 0.5

// addStakeClauses adds the stems of each clause of tokens[from:to] that
// tells of a stake (tellsOfStake), for the sensitive heads.
func (fs *Features) addStakeClauses(from, to int) {
	fs.addCueClauses(from, to, "k", tellsOfStake, false, stakeClauseWeight, sensitiveHeads)
}

// addCueClauses adds, under prefix, the stems (and with pairs, the stem
// pairs) of each clause of tokens[from:to] that has a word for which cue is
// true. They weigh together weight/√n whatever the letter's length, and
// feed the heads of family heads.
func (fs *Features) addCueClauses(from, to int, prefix string, cue func(word string) bool, pairs bool, weight float64, heads family) {
	start := len(fs.hashed)
	for i := from; i < to; {
		j := fs.clauseEnd(i, to)
		if slices.ContainsFunc(fs.tokens[i:j], func(t token) bool { return cue(t.word) }) {
			prev := ""
			for a := i; a < j && len(fs.hashed)-start < maxCueFeatures; a++ {
				s := stem(shape(fs.tokens[a].word))
				fs.add(prefix+"|"+s, int32(a), -1)
				if pairs && prev != "" {
					fs.add(prefix+"b|"+prev+"|"+s, int32(a-1), int32(a))
				}
				prev = s
			}
		}
		i = j
	}
	fs.weigh(start, weight, 0.5)
	for k := start; k < len(fs.hashed); k++ {
		fs.hashed[k].heads = heads
	}
}
