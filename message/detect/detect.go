// Package detect reads a message as an experienced agent would: is it a
// relance, is it a sensitive case, and which words say so. It works on the
// writer's new text only: cue words inside a quoted earlier exchange are not
// the writer speaking now.
package detect

import (
	"math"
	"sort"
	"time"
)

// Quote is what detect needs of a quoted or forwarded earlier message.
type Quote struct {
	Forwarded bool
	From, To  string
}

// Input is a message split by the intake.
type Input struct {
	Subject string
	Body    string
	// NewStart and NewEnd bound the writer's new text in Body (signature
	// excluded).
	NewStart, NewEnd int
	Prefixes         []string // RE, TR, FWD…
	Quotes           []Quote
	Today            time.Time
}

// Result is the reading of one message.
type Result struct {
	Relance   Relance   `json:"relance"`
	Sensitive Sensitive `json:"sensitive"`
}

// Analyze reads the message.
func Analyze(in Input) Result {
	if in.NewEnd > len(in.Body) || in.NewStart > in.NewEnd || in.NewStart < 0 {
		in.NewStart, in.NewEnd = 0, len(in.Body)
	}
	text := in.Body[in.NewStart:in.NewEnd]
	f := foldToScan(text)
	fs := foldToScan(in.Subject)
	return Result{
		Relance:   relance(in, text, f, fs),
		Sensitive: sensitive(in, text, f, fs),
	}
}

func relance(in Input, text string, f, fs folded) Relance {
	ms := scan(f, relanceRules)
	sms := scan(fs, relanceRules)
	score := total(append(append([]match(nil), ms...), sms...))
	res := Relance{Cues: cues(f, text, ms, in.NewStart), SubjectCues: cues(fs, in.Subject, sms, 0)}
	for _, q := range in.Quotes {
		if forwardedToUs(q) {
			score += 0.8
			break
		}
	}
	res.Score = round2(score)
	res.Detected = score >= relanceThreshold
	if res.Detected {
		res.Level = LevelRelance
	}
	if res.Cues == nil {
		res.Cues = []Cue{}
	}
	return res
}

func sensitive(in Input, text string, f, fs folded) Sensitive {
	res := Sensitive{Reasons: []string{}, Details: []Reason{}, Cues: []Cue{}, DaysLeft: -1}
	found := map[string]Reason{}
	weak := map[string]Reason{}
	for code, rules := range reasonRules {
		ms := scan(f, rules)
		sms := scan(fs, rules)
		score := total(ms) + 0.5*total(sms)
		r := Reason{Code: code, Score: round2(score), Cues: cues(f, text, ms, in.NewStart)}
		if score != 0 {
			res.Evidence = append(res.Evidence, r)
		}
		switch {
		case score >= reasonThreshold:
			found[code] = r
		case score >= secondaryThreshold:
			weak[code] = r
		}
	}
	harm := scan(f, selfHarmRules)
	trigger := false
	for code := range found {
		if standalone[code] || code == "echeance" {
			trigger = true
		}
	}
	if len(harm) > 0 {
		res.Evidence = append(res.Evidence, Reason{Code: "danger", Score: 3, Cues: cues(f, text, harm, in.NewStart)})
		trigger = true
		r := found["detresse"]
		r.Code = "detresse"
		r.Score = 3
		r.Cues = append(cues(f, text, harm, in.NewStart), r.Cues...)
		found["detresse"] = r
	}
	if !trigger {
		return res
	}
	// Once the case is sensitive, weaker evidence of other reasons is
	// reported too: a date or a child matters more in a case that already
	// weighs.
	for code, r := range weak {
		found[code] = r
	}
	res.Detected = true
	res.Level = LevelSensible
	if _, ok := found["detresse"]; ok {
		res.Level = LevelDetresse
	}
	if len(harm) > 0 {
		res.Level = LevelDanger
	}
	for _, r := range found {
		res.Details = append(res.Details, r)
		res.Cues = append(res.Cues, r.Cues...)
	}
	sort.Slice(res.Details, func(i, j int) bool {
		if res.Details[i].Score != res.Details[j].Score {
			return res.Details[i].Score > res.Details[j].Score
		}
		return res.Details[i].Code < res.Details[j].Code
	})
	for _, r := range res.Details {
		res.Reasons = append(res.Reasons, r.Code)
	}
	sort.Slice(res.Cues, func(i, j int) bool { return res.Cues[i].Start < res.Cues[j].Start })
	return res
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
