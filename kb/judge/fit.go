package judge

import (
	"errors"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// Decision is what a model's scores mean once thresholds are applied.
type Decision struct {
	Relance        bool
	RelanceCheck   bool // « à vérifier »: possible, below the flag
	Sensitive      bool
	SensitiveCheck bool
	Reasons        []string
	Category       string
	Service        string
	Transfer       bool
}

// Decide applies the thresholds to scores.
func (t Thresholds) Decide(s Scores) Decision {
	var d Decision
	pr, ps := s.Binary[HeadRelance], s.Binary[HeadSensitive]
	d.Relance = pr >= t.Relance
	d.RelanceCheck = !d.Relance && pr >= t.RelanceCheck
	d.Sensitive = ps >= t.Sensitive
	d.SensitiveCheck = !d.Sensitive && ps >= t.SensitiveCheck
	if d.Sensitive || d.SensitiveCheck {
		d.Reasons = t.reasons(s)
	}
	d.Category, _ = s.BestCategory()
	d.Transfer = s.Binary[HeadTransfer] >= 0.5
	d.Service, _ = s.BestService(d.Transfer, d.Category)
	return d
}

// reasons lists the reasons over their thresholds, strongest first; at
// least the most probable one, since a sensitive case always has a why.
func (t Thresholds) reasons(s Scores) []string {
	type rp struct {
		code string
		p    float64
	}
	var all []rp
	for i, c := range ReasonCodes {
		all = append(all, rp{c, s.Binary[headReason0+i]})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].p > all[j].p })
	out := []string{all[0].code}
	for _, r := range all[1:] {
		th, ok := t.Reasons[r.code]
		if !ok {
			th = 0.5
		}
		if r.p >= th {
			out = append(out, r.code)
		}
	}
	return out
}

// ErrFewWriters is returned with fewer than two writers: cross-validation by
// writer needs at least two.
var ErrFewWriters = errors.New("il faut les exemples d'au moins deux rédacteurs (champ « writer ») pour choisir les seuils par validation croisée")

// Fit trains a model on all examples, with thresholds chosen by
// leave-one-writer-out cross-validation, and reports how the decisions fare
// on writers the model did not see.
func Fit(ex []Example, opt Options) (*Model, error) {
	oof, err := CrossValidate(ex, opt)
	if err != nil {
		return nil, err
	}
	m, err := Train(ex, opt)
	if err != nil {
		return nil, err
	}
	m.Thresholds = ChooseThresholds(ex, oof)
	m.CrossValidation = nestedReport(ex, oof)
	m.Examples = len(ex)
	m.Writers = len(writers(ex))
	return m, nil
}

// CrossValidationReport is the writer-grouped cross-validation of Fit
// alone: how a model trained on these examples fares on writers it did not
// see (`plume eval --cv`).
func CrossValidationReport(ex []Example, opt Options) (*Report, error) {
	oof, err := CrossValidate(ex, opt)
	if err != nil {
		return nil, err
	}
	return nestedReport(ex, oof), nil
}

func writers(ex []Example) []string {
	var ws []string
	for _, e := range ex {
		if !slices.Contains(ws, e.Writer) {
			ws = append(ws, e.Writer)
		}
	}
	sort.Strings(ws)
	return ws
}

// CrossValidate scores each example with a model trained on the other
// writers' examples only (leave one writer out), folds in parallel.
func CrossValidate(ex []Example, opt Options) ([]Scores, error) {
	ws := writers(ex)
	if len(ws) < 2 {
		return nil, ErrFewWriters
	}
	out := make([]Scores, len(ex))
	errs := make([]error, len(ws))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for wi, w := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var train []Example
			for _, e := range ex {
				if e.Writer != w {
					train = append(train, e)
				}
			}
			m, err := Train(train, opt)
			if err != nil {
				errs[wi] = err
				return
			}
			for i := range ex {
				if ex[i].Writer == w {
					out[i] = m.Score(ex[i].Features)
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// Recall targets the thresholds are chosen for. Issue 10 asks 0.95 for a
// flagged sensitive case and 0.98 counting « à vérifier ». The flag aims at
// 0.96 on the training writers: a threshold chosen exactly at 0.95 gave
// 0.948 on writers left out of the choice (nested cross-validation), and
// the precision it costs (0.938 → 0.931) is far above the 0.85 asked.
const (
	sensitiveRecall      = 0.96
	sensitiveCheckRecall = 0.98
	relanceCheckRecall   = 0.98
)

// ChooseThresholds picks the thresholds on held-out scores: relance at its
// best F1; sensitive at the highest threshold that keeps the recall target
// (so the best precision that recall allows); the « à vérifier » levels at
// the highest threshold reaching their recall; each reason at its best F1.
func ChooseThresholds(ex []Example, scores []Scores) Thresholds {
	t := defaultThresholds()
	col := func(head int, want func(e *Example) bool) ([]float64, []bool) {
		p := make([]float64, len(ex))
		y := make([]bool, len(ex))
		for i := range ex {
			p[i], y[i] = scores[i].Binary[head], want(&ex[i])
		}
		return p, y
	}
	p, y := col(HeadRelance, func(e *Example) bool { return e.Relance })
	t.Relance = balanced(p, y)
	t.RelanceCheck = min(t.Relance, atRecall(p, y, relanceCheckRecall))
	p, y = col(HeadSensitive, func(e *Example) bool { return e.Sensitive })
	t.Sensitive = atRecall(p, y, sensitiveRecall)
	t.SensitiveCheck = min(t.Sensitive, atRecall(p, y, sensitiveCheckRecall))
	// Reasons are shown for sensitive cases only: their thresholds are
	// chosen among those, where a reason must be told from the others.
	for i, c := range ReasonCodes {
		var p []float64
		var y []bool
		for j := range ex {
			if ex[j].Sensitive {
				p = append(p, scores[j].Binary[headReason0+i])
				y = append(y, slices.Contains(ex[j].Reasons, c))
			}
		}
		t.Reasons[c] = bestF1(p, y)
	}
	return t
}

// atRecall is the highest threshold whose recall reaches target.
func atRecall(p []float64, y []bool, target float64) float64 {
	var pos []float64
	for i := range p {
		if y[i] {
			pos = append(pos, p[i])
		}
	}
	if len(pos) == 0 {
		return 0.5
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(pos)))
	need := int(target*float64(len(pos)) + 0.999999)
	need = max(1, min(need, len(pos)))
	return pos[need-1]
}

// cut is one threshold of a sweep over scores: the messages scored at or
// above t are flagged, tp of the n flagged are true.
type cut struct {
	t     float64
	tp, n int
}

// sweep returns every distinct threshold of p, highest first, and the
// number of true messages.
func sweep(p []float64, y []bool) ([]cut, int) {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	pos := 0
	for _, v := range y {
		if v {
			pos++
		}
	}
	var cuts []cut
	tp := 0
	for k, i := range idx {
		if y[i] {
			tp++
		}
		if k+1 < len(idx) && p[idx[k+1]] == p[i] {
			continue
		}
		cuts = append(cuts, cut{p[i], tp, k + 1})
	}
	return cuts, pos
}

// bestF1 is the threshold with the best F1 (the higher one on ties).
func bestF1(p []float64, y []bool) float64 {
	cuts, pos := sweep(p, y)
	if pos == 0 {
		return 0.5
	}
	best, bestT := -1.0, 0.5
	for _, c := range cuts {
		if f1 := 2 * float64(c.tp) / float64(c.n+pos); f1 > best {
			best, bestT = f1, c.t
		}
	}
	return bestT
}

// balanced returns the threshold that keeps the lower of precision and
// recall highest (the better F1 between equals): the relance must reach
// both, and the threshold of the best F1 alone leaned one way or the other
// with the order of the examples (0.944 / 0.969 for one order, 0.956 /
// 0.952 for another, at the same F1).
func balanced(p []float64, y []bool) float64 {
	cuts, pos := sweep(p, y)
	if pos == 0 {
		return 0.5
	}
	bestMin, bestF1, bestT := -1.0, -1.0, 0.5
	for _, c := range cuts {
		prec, rec := float64(c.tp)/float64(c.n), float64(c.tp)/float64(pos)
		f1 := 2 * float64(c.tp) / float64(c.n+pos)
		if m := min(prec, rec); m > bestMin || (m == bestMin && f1 > bestF1) {
			bestMin, bestF1, bestT = m, f1, c.t
		}
	}
	return bestT
}

// Report is how a model's decisions fare on messages of writers it did not
// see: each writer's messages are scored by a model trained on the others,
// with thresholds chosen on the other writers' held-out scores.
type Report struct {
	Messages       int                  `json:"messages"`
	Writers        int                  `json:"writers"`
	Relance        Binary               `json:"relance"`
	RelanceCheck   Binary               `json:"relance_with_check"`
	Sensitive      Binary               `json:"sensitive"`
	SensitiveCheck Binary               `json:"sensitive_with_check"`
	Reasons        map[string]Binary    `json:"reasons"`
	Category       Accuracy             `json:"category"`
	Service        Accuracy             `json:"service"`
	ServiceCalm    Accuracy             `json:"service_non_sensitive"`
	Transfer       Accuracy             `json:"transfer"`
	PerWriter      map[string]WriterFig `json:"per_writer"`
	// Confusions of the category and the service: wanted → got → count.
	CategoryConfusion map[string]map[string]int `json:"category_confusion,omitempty"`
	ServiceConfusion  map[string]map[string]int `json:"service_confusion,omitempty"`
}

// Binary counts a yes/no decision against labels.
type Binary struct {
	TP, FP, FN, TN int
	Missed, Wrong  []string `json:",omitempty"`
}

// Add counts one message.
func (b *Binary) Add(id string, got, want bool) {
	switch {
	case got && want:
		b.TP++
	case got:
		b.FP++
		b.Wrong = append(b.Wrong, id)
	case want:
		b.FN++
		b.Missed = append(b.Missed, id)
	default:
		b.TN++
	}
}

// Precision is TP/(TP+FP), 0 when nothing was flagged.
func (b Binary) Precision() float64 { return ratio(b.TP, b.TP+b.FP) }

// Recall is TP/(TP+FN).
func (b Binary) Recall() float64 { return ratio(b.TP, b.TP+b.FN) }

// F1 is the harmonic mean of precision and recall.
func (b Binary) F1() float64 {
	p, r := b.Precision(), b.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Accuracy counts right answers.
type Accuracy struct {
	Right, Total int
	Missed       []string `json:",omitempty"`
}

// Add counts one message.
func (a *Accuracy) Add(id string, ok bool) {
	a.Total++
	if ok {
		a.Right++
	} else {
		a.Missed = append(a.Missed, id)
	}
}

// Value is Right/Total.
func (a Accuracy) Value() float64 { return ratio(a.Right, a.Total) }

// WriterFig is the figures of one left-out writer.
type WriterFig struct {
	Messages  int     `json:"messages"`
	Relance   float64 `json:"relance_recall"`
	Sensitive float64 `json:"sensitive_recall"`
	Category  float64 `json:"category"`
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Labels are what an evaluation compares decisions to.
type Labels struct {
	Relance, Sensitive bool
	Reasons            []string
	Category, Service  string
	Transfer           bool
}

// Count adds one decision against its labels to the report.
func (r *Report) Count(id string, d Decision, l Labels) {
	r.Messages++
	r.Relance.Add(id, d.Relance, l.Relance)
	r.RelanceCheck.Add(id, d.Relance || d.RelanceCheck, l.Relance)
	r.Sensitive.Add(id, d.Sensitive, l.Sensitive)
	r.SensitiveCheck.Add(id, d.Sensitive || d.SensitiveCheck, l.Sensitive)
	if r.Reasons == nil {
		r.Reasons = map[string]Binary{}
	}
	if l.Sensitive {
		for _, c := range ReasonCodes {
			b := r.Reasons[c]
			b.Add(id, d.Sensitive && slices.Contains(d.Reasons, c), slices.Contains(l.Reasons, c))
			r.Reasons[c] = b
		}
	}
	if l.Category != "" {
		r.Category.Add(id, d.Category == l.Category)
		r.CategoryConfusion = confuse(r.CategoryConfusion, l.Category, d.Category)
	}
	if l.Service != "" {
		r.ServiceConfusion = confuse(r.ServiceConfusion, l.Service, d.Service)
		r.Service.Add(id, d.Service == l.Service)
		if !l.Sensitive {
			r.ServiceCalm.Add(id, d.Service == l.Service)
		}
	}
	r.Transfer.Add(id, d.Transfer == l.Transfer)
}

func confuse(m map[string]map[string]int, want, got string) map[string]map[string]int {
	if m == nil {
		m = map[string]map[string]int{}
	}
	if m[want] == nil {
		m[want] = map[string]int{}
	}
	m[want][got]++
	return m
}

// nestedReport scores each writer's held-out messages with thresholds
// chosen on the other writers' held-out scores: the thresholds never saw
// the writer they are judged on.
func nestedReport(ex []Example, oof []Scores) *Report {
	ws := writers(ex)
	r := &Report{Writers: len(ws), PerWriter: map[string]WriterFig{}}
	for _, w := range ws {
		var others []Example
		var otherScores []Scores
		for i := range ex {
			if ex[i].Writer != w {
				others = append(others, ex[i])
				otherScores = append(otherScores, oof[i])
			}
		}
		th := ChooseThresholds(others, otherScores)
		var wr Report
		for i := range ex {
			if ex[i].Writer != w {
				continue
			}
			e := &ex[i]
			l := Labels{e.Relance, e.Sensitive, e.Reasons, e.Category, e.Service, e.Transfer}
			d := th.Decide(oof[i])
			r.Count(e.ID, d, l)
			wr.Count(e.ID, d, l)
		}
		r.PerWriter[w] = WriterFig{Messages: wr.Messages, Relance: wr.Relance.Recall(),
			Sensitive: wr.Sensitive.Recall(), Category: wr.Category.Value()}
	}
	return r
}
