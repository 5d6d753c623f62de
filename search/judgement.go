package search

import (
	"plume/kb"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"plume/kb/judge"
	"plume/message/detect"
	"plume/message/intake"
)

// Judgement is what the learned judge said of a message, when the knowledge
// base ships a model: its probabilities, so that the agent and `plume eval`
// can see how sure it was.
type Judgement struct {
	Relance   float64            `json:"relance"`
	Sensitive float64            `json:"sensitive"`
	Reasons   map[string]float64 `json:"reasons"`
	Category  float64            `json:"category"`
	Service   float64            `json:"service"`
	Transfer  float64            `json:"transfer"`
}

// judgeDoc is the judge's view of an analysed message: its words, and as
// signals what the rules and the knowledge base found. The same function
// serves training (plume train) and reading, so the features agree.
func (e *Engine) judgeDoc(a *Analysis, votes map[string]float64) judge.Doc {
	p := a.Parsed
	d := judge.Doc{Subject: p.Subject, Body: p.Body, New: judge.Span{Start: p.New.Start, End: p.New.End}}
	for _, q := range p.Quotes {
		sp := judge.Span{Start: q.Span.Start, End: q.Span.End}
		if q.Forwarded {
			d.Forwarded = append(d.Forwarded, sp)
		} else {
			d.Quoted = append(d.Quoted, sp)
		}
	}
	sig := func(name string, v float64, cues ...detect.Cue) {
		s := judge.Signal{Name: name, Value: v}
		for _, c := range cues {
			if c.End <= len(p.Body) {
				s.Spans = append(s.Spans, judge.Span{Start: c.Start, End: c.End})
			}
		}
		d.Signals = append(d.Signals, s)
	}
	if r := a.Relance; r.Score != 0 {
		sig("regle:relance", min(r.Score, 3)/3, r.Cues...)
	}
	for _, r := range a.Sensitive.Evidence {
		sig("regle:"+r.Code, min(r.Score, 3)/3, r.Cues...)
	}
	if a.Sensitive.Detected {
		sig("regle:sensible", 1)
	}
	if a.Relance.Detected {
		// The rules' verdict beside their score: one explicit sentence
		// (« Fourth email », « je reviens vers vous ») is worth more than
		// a third of three.
		sig("regle:relance-nette", 1, a.Relance.Cues...)
	}
	withUs, elsewhere := detect.Contacts(p.Body[p.New.Start:p.New.End], p.New.Start)
	a.contactCues = slices.Concat(a.Relance.Cues, withUs)
	if len(withUs) > 0 {
		sig("contact:nouveau", min(float64(len(withUs)), 2)/2, withUs...)
	}
	// Calls to the ANTS or a mairie are impatience, not an earlier contact
	// with us.
	if len(elsewhere) > 0 {
		sig("contact:ailleurs", 1, elsewhere...)
	}
	if thanksOnly(p.Body[p.New.Start:p.New.End]) {
		sig("forme:remerciement", 1)
	}
	ref := e.today()
	if !p.Date.IsZero() {
		ref = p.Date
	}
	forwardedSignals(p, ref, sig)
	// Summed in the categories' order: a map's order would change the
	// last bits of the shares from one run to the next, and so the weights.
	total := 0.0
	for _, c := range kb.Categories {
		total += votes[c.Code]
	}
	for _, c := range kb.Categories {
		if v := votes[c.Code]; v > 0 && total > 0 {
			sig("vote:"+c.Code, v/total)
		}
	}
	if a.Result.Service != "" {
		sig("recherche:"+a.Result.Service, 1)
	}
	switch {
	case a.hints.electedToPrefet:
		sig("regle:elu", 1)
	case a.hints.elected:
		sig("regle:elu-mention", 1)
	}
	if a.hints.sousPref {
		sig("regle:sous-prefecture", 1)
	}
	for _, pre := range p.Prefixes {
		sig("forme:"+strings.ToLower(pre), 1)
	}
	for _, q := range p.Quotes {
		if q.Forwarded {
			sig("forme:transfere", 1)
			break
		}
	}
	if len(p.Quotes) > 0 {
		sig("forme:cite", 1)
	}
	// A quoted message from us: the person answers one of our replies; to
	// us: they quote what they already sent.
	for _, q := range p.Quotes {
		if detect.Ours(q.From) {
			sig("forme:cite-de-nous", 1)
			break
		}
	}
	for _, q := range p.Quotes {
		if detect.Ours(q.To) && !detect.Ours(q.From) {
			sig("forme:cite-envoye-a-nous", 1)
			break
		}
	}
	if a.Lang == "en" {
		sig("langue:en", 1)
	}
	kinds := map[string]bool{}
	for _, ent := range a.Entities {
		kinds[string(ent.Kind)] = true
	}
	for k := range kinds {
		sig("entite:"+k, 1)
	}
	// Signals in a fixed order: the evidence of two equal weights is then
	// shown the same way every time.
	sort.SliceStable(d.Signals, func(i, j int) bool { return d.Signals[i].Name < d.Signals[j].Name })
	return d
}

// forwardedSignals reads with the rules the messages forwarded to us (a
// mairie, an employer, an élu passing on what the person wrote): a relance or
// a stake is often told there only, in the person's own words. The rules
// read the writer's new text alone; these are signals for the judge, apart
// from the new text's, so that it weighs them as told at second hand.
// today is the day deadlines are counted from, as for the new text. Over
// several forwarded messages, each signal keeps its strongest value.
func forwardedSignals(p intake.Parsed, today time.Time, sig func(string, float64, ...detect.Cue)) {
	type found struct {
		v    float64
		cues []detect.Cue
	}
	got := map[string]*found{}
	var names []string
	add := func(name string, v float64, cues []detect.Cue) {
		f := got[name]
		if f == nil {
			f = &found{}
			got[name] = f
			names = append(names, name)
		}
		f.v = max(f.v, v)
		f.cues = append(f.cues, cues...)
	}
	for _, q := range p.Quotes {
		if !q.Forwarded || q.Span.Start < 0 || q.Span.End > len(p.Body) || q.Span.Start >= q.Span.End {
			continue
		}
		end := q.Span.Start + len(intake.Clip(p.Body[q.Span.Start:q.Span.End], maxReadBytes))
		fw := detect.Analyze(detect.Input{Body: p.Body, NewStart: q.Span.Start, NewEnd: end, Today: today})
		if r := fw.Relance; r.Score > 0 {
			add("transmis:relance", min(r.Score, 3)/3, r.Cues)
		}
		for _, r := range fw.Sensitive.Evidence {
			add("transmis:"+r.Code, min(r.Score, 3)/3, r.Cues)
		}
		if c, _ := detect.Contacts(p.Body[q.Span.Start:end], q.Span.Start); len(c) > 0 {
			add("contact:transmis", min(float64(len(c)), 2)/2, c)
		}
	}
	for _, n := range names {
		sig(n, got[n].v, got[n].cues...)
	}
}

// applyJudge lets the learned judge decide relance, sensitive, reasons,
// category, service and transfer, and explains each flag with the words that
// weighed most. Self-harm found by the rules stays a danger whatever the
// model says: that rule is never outvoted.
func (e *Engine) applyJudge(a *Analysis, m *judge.Model, fs judge.Features) {
	sc := m.Score(fs)
	d := m.Thresholds.Decide(sc)
	a.Judgement = &Judgement{Relance: sc.Binary[judge.HeadRelance], Sensitive: sc.Binary[judge.HeadSensitive],
		Reasons: map[string]float64{}, Transfer: sc.Binary[judge.HeadTransfer]}
	for _, c := range judge.ReasonCodes {
		a.Judgement.Reasons[c] = round3(sc.Prob(c))
	}
	_, a.Judgement.Category = sc.BestCategory()
	_, a.Judgement.Service = sc.BestService(d.Transfer, d.Category)

	body, subject := a.Parsed.Body, a.Parsed.Subject
	toCues := func(ev []judge.Evidence) (inBody, inSubject []detect.Cue) {
		inBody, inSubject = []detect.Cue{}, nil
		for _, x := range ev {
			if x.Subject {
				inSubject = appendCue(inSubject, subject, x.Span)
			} else {
				inBody = appendCue(inBody, body, x.Span)
			}
		}
		// The rules' words and the judge's own often fall on the same
		// place: each place is shown once.
		inBody = detect.MergeCues(inBody, body)
		if inSubject != nil {
			inSubject = detect.MergeCues(inSubject, subject)
		}
		return inBody, inSubject
	}

	// Relance.
	pr := round3(sc.Binary[judge.HeadRelance])
	a.Relance.Probability = &pr
	a.Relance.Detected = d.Relance
	a.Relance.Level = detect.LevelNone
	switch {
	case d.Relance:
		a.Relance.Level = detect.LevelRelance
	case d.RelanceCheck:
		a.Relance.Level = detect.LevelCheck
	}
	if a.Relance.Level != detect.LevelNone {
		a.Relance.Cues, a.Relance.SubjectCues = toCues(m.Explain(fs, judge.HeadRelance))
	} else {
		a.Relance.Cues, a.Relance.SubjectCues = []detect.Cue{}, nil
	}

	// Sensitive.
	ps := round3(sc.Binary[judge.HeadSensitive])
	danger := a.Sensitive.Level == detect.LevelDanger
	ruleDetails := map[string]detect.Reason{}
	for _, r := range a.Sensitive.Evidence {
		ruleDetails[r.Code] = r
	}
	s := detect.Sensitive{Reasons: []string{}, Details: []detect.Reason{}, Cues: []detect.Cue{}, DaysLeft: -1,
		Evidence: a.Sensitive.Evidence, Probability: &ps}
	reasons := d.Reasons
	if danger && !slices.Contains(reasons, kb.ReasonDetresse) {
		reasons = append([]string{kb.ReasonDetresse}, reasons...)
	}
	switch {
	case danger:
		s.Detected, s.Level = true, detect.LevelDanger
	case d.Sensitive:
		s.Detected, s.Level = true, detect.LevelSensible
		if slices.Contains(reasons, kb.ReasonDetresse) {
			s.Level = detect.LevelDetresse
		}
	case d.SensitiveCheck:
		s.Level = detect.LevelCheck
	default:
		reasons = nil
	}
	if s.Level != detect.LevelNone {
		s.Cues, _ = toCues(m.Explain(fs, judge.HeadSensitive))
		for _, code := range reasons {
			cues, _ := toCues(m.Explain(fs, judge.BinaryHead(code)))
			if code == kb.ReasonDetresse && danger {
				cues = slices.Concat(ruleDetails["danger"].Cues, cues)
			}
			// The dates of a deadline are read from the rules' own cues
			// (deadline.go): they stay with the reason.
			cues = append(cues, ruleDetails[code].Cues...)
			cues = detect.MergeCues(cues, body)
			s.Details = append(s.Details, detect.Reason{Code: code, Score: round3(sc.Prob(code)), Cues: cues})
			s.Reasons = append(s.Reasons, code)
			s.Cues = append(s.Cues, cues...)
		}
		s.Cues = detect.MergeCues(s.Cues, body)
	}
	a.Sensitive = s

	// Topic and routing. A message with no topical word (formulae, dates)
	// keeps the search's default: the judge would only give the examples'
	// most common topic.
	if len(a.Terms) == 0 {
		return
	}
	if d.Category != a.Category {
		a.Category = d.Category
		e.applyCategory(&a.Result, d.Category, a.Lang)
	}
	if d.Service != a.Service || d.Transfer != a.Transfer {
		a.Service, a.Transfer = d.Service, d.Transfer
		var words []detect.Cue
		for _, x := range m.Explain(fs, judge.ServiceHead(d.Service)) {
			if !x.Subject && x.Signal == "" && len(words) < 3 {
				words = appendCue(words, body, x.Span)
			}
		}
		why := "appris des exemples étiquetés"
		if len(words) > 0 {
			why += " (" + QuoteCues(detect.MergeCues(words, body)) + ")"
		}
		a.learnedRoute = "service choisi par le jugement " + why + " : " + kb.Label(kb.Services, d.Service)
	}
}

// appendCue adds the words of sp as a cue, without the little words at
// its ends (« de », « la », « à ») that weigh in the model but tell the
// agent nothing; a span of little words only is left out.
func appendCue(cs []detect.Cue, text string, sp judge.Span) []detect.Cue {
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		return cs
	}
	start, end := -1, -1
	for _, w := range wordSpans(text[sp.Start:sp.End]) {
		if isLittleWord(detect.Fold(text[sp.Start+w[0] : sp.Start+w[1]])) {
			continue
		}
		if start < 0 {
			start = sp.Start + w[0]
		}
		end = sp.Start + w[1]
	}
	if start < 0 {
		return cs
	}
	return append(cs, detect.Cue{Text: text[start:end], Start: start, End: end})
}

// wordSpans are the byte ranges of the words (letters and digits) of s.
func wordSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// isLittleWord reports whether a folded word says nothing by itself: a
// stop word or a lone letter (the « n » of « n'est »).
func isLittleWord(w string) bool {
	return len([]rune(w)) < 2 || foldedStopWords()[w]
}

// Situations an agent confirms (Confirm).
const (
	ConfirmRelance   = kb.SituationRelance
	ConfirmSensitive = kb.SituationSensible
)

// Confirm is the agent's answer to « à vérifier »: the possible relance or
// sensitive case is one. The analysis then reads as a detected one and the
// suggestions are adapted to it (the relance reply first, the empathy
// opening, the escalation procedure). Anything else is returned unchanged.
func (e *Engine) Confirm(a Analysis, what string) Analysis {
	switch {
	case what == ConfirmRelance && a.Relance.Level == detect.LevelCheck:
		a.Relance.Detected, a.Relance.Level = true, detect.LevelRelance
	case what == ConfirmSensitive && a.Sensitive.Level == detect.LevelCheck:
		a.Sensitive.Detected, a.Sensitive.Level = true, detect.LevelSensible
		if slices.Contains(a.Sensitive.Reasons, kb.ReasonDetresse) {
			a.Sensitive.Level = detect.LevelDetresse
		}
	default:
		return a
	}
	a.Sensitive.Reasons = slices.Clone(a.Sensitive.Reasons)
	a.Suggestions = slices.Clone(a.topical)
	e.adaptToSituation(&a)
	return a
}

// thanksRe finds thanks; « merci de… », « merci d'avance » ask something.
var (
	thanksRe = regexp.MustCompile(`(?i)\b(?:merci|remercie|remercions|remerciements|thank|thanks)\b`)
	askingRe = regexp.MustCompile(`(?i)\bmerci (?:de|d'|d’|par avance|à l'avance|à vous de)|\bthanks? (?:you )?in advance\b`)
)

// thanksOnly tells a reply that thanks and asks nothing (« Merci, j'ai bien
// reçu le SMS ») from a message that quotes an old relance: a short new text
// with thanks, no question and no « merci de… ».
func thanksOnly(s string) bool {
	return len(s) < 600 && !strings.Contains(s, "?") && thanksRe.MatchString(s) && !askingRe.MatchString(s)
}
