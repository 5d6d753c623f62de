package search

import (
	"plume/kb"
	"slices"
	"sort"
	"strings"

	"plume/kb/judge"
	"plume/message/detect"
	"plume/message/entities"
	"plume/message/intake"
)

// Analysis is everything Plume reads in a message: the topic and routing
// with the suggestions (Result), whether it is a relance or a sensitive case
// and why, the facts to fill the reply with, and the language.
type Analysis struct {
	Result
	Relance   detect.Relance    `json:"relance"`
	Sensitive detect.Sensitive  `json:"sensitive"`
	Entities  []entities.Entity `json:"entities"`
	// Values pre-fill the reply's {{placeholders}} (usager.nom, dossier.numero…).
	Values map[string]string `json:"values"`
	Lang   string            `json:"lang"`
	// Judgement is the learned judge's probabilities, when the knowledge
	// base ships a model (jugement.poids).
	Judgement *Judgement `json:"judgement,omitempty"`
	// learnedRoute says why the judge chose another service than the
	// best reply's.
	learnedRoute string
	// hints are the writer's words about routing (read once, see route).
	hints routeHints
	// contactCues are where the rules found a relance or a contact with us,
	// kept when the judge's evidence replaces the rules' cues: the first
	// contact's date is written with one of them (relanceElapsed), not with
	// any word the judge weighed (« mon père nous a quittés le 12 octobre »).
	contactCues []detect.Cue
	// topical are the suggestions before they were adapted to the
	// situation: Confirm adapts them again once the agent confirms.
	topical []Suggestion
	// Truncated says the message was cut to intake.MaxBytes before reading.
	Truncated bool `json:"truncated,omitempty"`
	// Warnings say how an e-mail file was read when it needed repairs
	// (hidden text left out, charset guessed, raw MIME shown).
	Warnings []string `json:"warnings,omitempty"`
	// Prior is the earlier transfer of this request, when the desk's
	// journal knows it (WithPriorTransfer).
	Prior *PriorTransfer `json:"prior_transfer,omitempty"`
	// Routing says why the service and transfer were chosen.
	Routing []string `json:"routing"`
	// Parsed is the message split into new text, signature and quotes, with
	// offsets for highlighting.
	Parsed intake.Parsed `json:"-"`
}

// quotedWeight is how much the words of a quoted earlier exchange count for
// the topic: they give context ("RE: thank you" about a carte grise), but
// the writer's new text says what is asked now.
const quotedWeight = 0.3

// maxReadBytes is how much of the writer's new text the detectors read:
// about 2,000 words, more than any message, bounded so that a pasted
// megabyte is read in milliseconds.
const maxReadBytes = 12 << 10

// maxQuotedBytes is how much of the quoted thread gives context to the
// topic.
const maxQuotedBytes = 4 << 10

// maxSituationItems bounds the blocs and procedures brought forward, so that
// topical replies stay in view.
const maxSituationItems = 4

// Analyze reads a pasted message.
func (e *Engine) Analyze(m Message) (Analysis, error) {
	return e.AnalyzeParsed(intake.ParseText(m.Subject, m.Body))
}

// AnalyzeParsed reads a message already split by the intake (an .eml file).
func (e *Engine) AnalyzeParsed(p intake.Parsed) (Analysis, error) {
	a, votes, err := e.read(p)
	if err != nil {
		return a, err
	}
	if e.judge != nil {
		e.applyJudge(&a, e.judge, judge.Extract(e.judgeDoc(&a, votes)))
	}
	today := e.today()
	ref := today
	if !p.Date.IsZero() {
		ref = p.Date
	}
	e.relanceElapsed(&a, today)
	a.Sensitive.DaysLeft = daysLeft(&a, ref)
	e.route(&a)
	a.topical = slices.Clone(a.Suggestions)
	e.adaptToSituation(&a)
	return a, nil
}

// JudgeFeatures reads a message as the learned judge sees it, the rules
// and the knowledge base's vote included but not the judge itself: what
// `plume train` learns from.
func (e *Engine) JudgeFeatures(m Message) (judge.Features, error) {
	a, votes, err := e.read(intake.ParseText(m.Subject, m.Body))
	if err != nil {
		return judge.Features{}, err
	}
	return judge.Extract(e.judgeDoc(&a, votes)), nil
}

// read is the reading of a message by the rules and the search, before the
// judge: detectors, entities, topic vote and suggestions.
func (e *Engine) read(p intake.Parsed) (Analysis, map[string]float64, error) {
	today := e.today()
	ref := today
	if !p.Date.IsZero() {
		ref = p.Date
	}
	a := Analysis{Parsed: p, Lang: p.Lang, Truncated: p.Truncated, Warnings: p.Warnings}
	if a.Lang == "" {
		a.Lang = "fr"
	}

	// A person's message is read whole; beyond maxReadBytes of new text
	// (a pasted document, a log) only the start is read, and the agent is
	// told so.
	newEnd := p.New.End
	if newEnd-p.New.Start > maxReadBytes {
		newEnd = p.New.Start + len(intake.Clip(p.Body[p.New.Start:], maxReadBytes))
		a.Truncated = true
	}
	in := detect.Input{Subject: p.Subject, Body: p.Body, NewStart: p.New.Start, NewEnd: newEnd,
		Prefixes: p.Prefixes, Today: ref}
	for _, q := range p.Quotes {
		in.Quotes = append(in.Quotes, detect.Quote{Forwarded: q.Forwarded, From: q.From, To: q.To})
	}
	det := detect.Analyze(in)
	a.Relance, a.Sensitive = det.Relance, det.Sensitive

	// Entities come from the writer's own text and signature, never from a
	// quoted reply of ours (it has our numbers, not theirs).
	own := p.Body[p.New.Start:newEnd]
	if newEnd == p.New.End && p.Signature.End > newEnd {
		own = p.Body[p.New.Start:p.Signature.End]
	}
	a.Entities = entities.ExtractOwn(own, ref)
	for i := range a.Entities {
		a.Entities[i].Start += p.New.Start
		a.Entities[i].End += p.New.Start
	}
	if a.Entities == nil {
		a.Entities = []entities.Entity{}
	}
	civ, first, last, _ := entities.WriterNameOwn(own, p.Body[p.Signature.Start:p.Signature.End])
	a.Values = entities.Fill(a.Entities, civ, first, last)

	// The quoted thread gives context; its most recent part is enough.
	var quoted strings.Builder
	for _, q := range p.Quotes {
		if quoted.Len() >= maxQuotedBytes {
			break
		}
		quoted.WriteString(intake.Clip(p.Body[q.Span.Start:q.Span.End], maxQuotedBytes-quoted.Len()))
		quoted.WriteByte('\n')
	}
	res, votes, err := e.suggest([]textPart{
		{p.Subject, subjectWeight},
		{withoutDespair(p, det.Sensitive), 1},
		{quoted.String(), quotedWeight},
	}, a.Lang)
	a.Result = res
	a.hints = readRouteHints(own)
	return a, votes, err
}

// withoutDespair is the writer's new text for the topic search, with the
// words of despair and self-harm blanked: « j'ai tout perdu », « je n'en
// peux plus » say how the person is, not what the request is about (the
// review's case 07 got the reply on a lost residence card). The blocs for
// that situation come from the sensitive reading, not from the search.
func withoutDespair(p intake.Parsed, s detect.Sensitive) string {
	text := []byte(p.NewText())
	for _, r := range s.Evidence {
		if r.Code != kb.ReasonDetresse && r.Code != string(detect.LevelDanger) {
			continue
		}
		for _, c := range r.Cues {
			from, to := c.Start-p.New.Start, c.End-p.New.Start
			if from < 0 || to > len(text) || from >= to {
				continue
			}
			for i := from; i < to; i++ {
				text[i] = ' '
			}
		}
	}
	return string(text)
}

// ClearReason reports whether the message clearly tells of reason r:
// detected, and with the learned judge at least even odds (a reason kept
// at a low threshold for recall must not pick the reply, nor add a bloc).
func (a *Analysis) ClearReason(r string) bool {
	if !slices.Contains(a.Sensitive.Reasons, r) {
		return false
	}
	if a.Judgement != nil {
		return a.Judgement.Reasons[r] >= 0.5
	}
	return true
}

// forElectedWriter puts first the replies written for an élu's
// intervention (when: [elu]) when an élu or a parliamentary office writes
// to the préfet: the letter answers the élu, whatever the person's topic.
func (e *Engine) forElectedWriter(a *Analysis) {
	if !a.hints.electedToPrefet {
		return
	}
	var lead []Suggestion
	for _, it := range e.kb.Items {
		if it.When("elu") && e.speaks(it, a.Lang) {
			lead = append(lead, Suggestion{ID: it.ID, Title: it.Title, Kind: it.Kind, Category: it.Category, Situation: "elu", Item: it})
		}
	}
	if len(lead) == 0 {
		return
	}
	for _, s := range a.Suggestions {
		if !s.Item.When("elu") {
			lead = append(lead, s)
		}
	}
	a.Suggestions = lead[:min(len(lead), maxSuggestions)]
}

// adaptToSituation drops the items that say they do not suit a relance or a
// sensitive case, and brings forward what is made for it: a reply of the
// topic written for a relance comes first; the blocs and procedures for the
// situation (relance bloc, empathy opening for the reasons, escalation
// procedure) come right after the best reply.
func (e *Engine) adaptToSituation(a *Analysis) {
	defer e.forElectedWriter(a)
	relance, sensitive := a.Relance.Detected, a.Sensitive.Detected
	if !relance && !sensitive {
		// Items made for a situation (a reply to a relance) are wrong for a
		// first contact, however well their words match.
		kept := a.Suggestions[:0]
		for _, s := range a.Suggestions {
			if len(s.Item.WhenIn) == 0 {
				kept = append(kept, s)
			}
		}
		a.Suggestions = kept
		return
	}
	// reasons maps each detected reason to its strength rank (strongest
	// first), so that the empathy opening of the main reason comes first.
	reasons := map[string]int{}
	for i, r := range a.Sensitive.Reasons {
		reasons[r] = len(a.Sensitive.Reasons) - i
	}
	words := situationWords(a)

	var kept []Suggestion
	for _, s := range a.Suggestions {
		if (relance && s.Item.IsNotFor(kb.SituationRelance)) || (sensitive && s.Item.IsNotFor(kb.SituationSensible)) {
			continue
		}
		// A reply made for another situation (a relance, when the message
		// is only sensitive) is wrong here, however well its words match.
		if len(s.Item.WhenIn) > 0 && !(relance && s.Item.When(kb.SituationRelance)) && !(sensitive && s.Item.When(kb.SituationSensible)) {
			continue
		}
		kept = append(kept, s)
	}

	var lead, rise []Suggestion
	inRise := map[string]bool{}
	order := map[string]int{}
	for _, it := range e.kb.Items {
		if !e.speaks(it, a.Lang) || (it.Category != "" && it.Category != a.Category) {
			continue // the passport procedure is for passport cases only
		}
		if it.Kind == kb.KindReponse {
			if relance && it.When(kb.SituationRelance) || sensitive && it.When(kb.SituationSensible) {
				lead = append(lead, Suggestion{ID: it.ID, Title: it.Title, Kind: it.Kind, Category: it.Category,
					Matched: words, Situation: situationName(relance, it), Item: it})
				inRise[it.ID] = true
			}
			continue
		}
		if why := situationMatch(it, relance, sensitive, reasons, a.Sensitive.Level); why > 0 {
			rise = append(rise, Suggestion{ID: it.ID, Title: it.Title, Kind: it.Kind, Category: it.Category,
				Matched: words, Situation: situationName(relance && (it.Role == kb.RoleRelance || it.When(kb.SituationRelance)), it), Item: it})
			order[it.ID] = why
			inRise[it.ID] = true
		}
	}
	sort.SliceStable(rise, func(i, j int) bool {
		if oi, oj := order[rise[i].ID], order[rise[j].ID]; oi != oj {
			return oi > oj
		}
		return rise[i].ID < rise[j].ID
	})
	if len(rise) > maxSituationItems {
		for _, s := range rise[maxSituationItems:] {
			delete(inRise, s.ID)
		}
		rise = rise[:maxSituationItems]
	}

	// The best reply of the chosen topic stays on top when no reply was
	// written for the situation.
	// Among them, a reply written for one of the detected motifs (reasons:
	// the urgent passport for a deadline or a death, the titre of a victim
	// of violence) comes before one that only shares words.
	out := lead
	if len(out) == 0 {
		best := -1
		for i, s := range kept {
			if (s.Kind != kb.KindReponse && s.Kind != kb.KindInfo) || s.Category != a.Category || inRise[s.ID] {
				continue
			}
			if best < 0 {
				best = i
			}
			if sensitive && slices.ContainsFunc(s.Item.Reasons, func(r string) bool { return a.ClearReason(r) }) {
				best = i
				break
			}
		}
		if best >= 0 {
			out = append(out, kept[best])
			inRise[kept[best].ID] = true
		}
	}
	out = append(out, rise...)
	for _, s := range kept {
		if !inRise[s.ID] {
			out = append(out, s)
		}
	}
	if len(out) > maxSuggestions {
		out = out[:maxSuggestions]
	}
	a.Suggestions = out
}

// speaks reports whether an item suits the writer's language: items in that
// language, or French ones when the knowledge base has no translation of
// that piece.
func (e *Engine) speaks(it *kb.Item, lang string) bool {
	if it.Lang == lang {
		return true
	}
	return it.Lang == "fr" && !e.translated[lang+"/"+string(it.Kind)+"/"+it.Role]
}

// situationMatch scores how much a bloc or procedure is made for the
// situation: 0 when not at all. Procedures come before blocs: the agent
// acts, then writes.
func situationMatch(it *kb.Item, relance, sensitive bool, reasons map[string]int, level detect.Level) int {
	if it.Kind != kb.KindProcedure && it.Kind != kb.KindBloc {
		return 0
	}
	// The bloc written for self-harm (when: [danger]) is for that level
	// only, and the one for désarroi is not brought to it.
	if it.When(kb.SituationDanger) != (level == detect.LevelDanger) && slices.Contains(it.Reasons, kb.ReasonDetresse) && it.Kind == kb.KindBloc {
		return 0
	}
	score := 0
	if relance && (it.Role == kb.RoleRelance || it.When(kb.SituationRelance)) {
		score = 20
	}
	if sensitive {
		if it.When(kb.SituationSensible) {
			score = 30
		}
		for _, r := range it.Reasons {
			if rank, ok := reasons[r]; ok && 30+rank > score {
				score = 30 + rank
				if r == kb.ReasonDetresse && level == detect.LevelDanger {
					score = 50
				}
			}
		}
	}
	if score > 0 && it.Kind == kb.KindProcedure {
		score += 20
	}
	return score
}

// situationWords are the cues shown as the reason a situation item rose,
// shortened: the full cues are in the relance and sensitive parts.
func situationWords(a *Analysis) []string {
	var out []string
	for _, c := range append(append([]detect.Cue(nil), a.Relance.Cues...), a.Sensitive.Cues...) {
		out = append(out, Shorten(c.Text, 40))
		if len(out) == 3 {
			break
		}
	}
	return out
}

// situationName says which situation brought an item forward.
func situationName(relance bool, it *kb.Item) string {
	if relance {
		return kb.SituationRelance
	}
	return kb.SituationSensible
}
