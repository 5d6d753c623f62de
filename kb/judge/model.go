package judge

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"time"
)

// Thresholds turn probabilities into decisions. They are chosen by `plume
// train` on writer-grouped cross-validation of the training examples (each
// writer's messages scored by a model that never saw that writer), never on
// the test sets.
type Thresholds struct {
	// Relance and Sensitive flag the message; RelanceCheck and
	// SensitiveCheck (lower) ask the agent to look (« à vérifier »).
	Relance        float64            `json:"relance"`
	RelanceCheck   float64            `json:"relance_check"`
	Sensitive      float64            `json:"sensitive"`
	SensitiveCheck float64            `json:"sensitive_check"`
	Reasons        map[string]float64 `json:"reasons"`
}

// Meta describes a trained model: what it was trained on and how well it
// did on writers it had not seen.
type Meta struct {
	Format         string     `json:"format"`
	FeatureVersion int        `json:"feature_version"`
	Trained        time.Time  `json:"trained"`
	Examples       int        `json:"examples"`
	Writers        int        `json:"writers"`
	ExamplesDigest string     `json:"examples_digest"`
	Signals        []string   `json:"signals"`
	Thresholds     Thresholds `json:"thresholds"`
	// CrossValidation is the report of the writer-grouped
	// cross-validation the thresholds were chosen on.
	CrossValidation *Report `json:"cross_validation,omitempty"`
}

// Model is a trained judge.
type Model struct {
	Meta
	bias    [nOutputs]float32
	signalW [][nOutputs]float32 // per signal, in Meta.Signals order
	signalI map[string]int
	// The hashed weights of the buckets a model keeps: used is a bitmap of
	// the 2^hashBits buckets, rank the number of kept buckets before each
	// word of the bitmap, weights the kept buckets' int8 weights, scaled
	// per output.
	used    []uint64
	rank    []uint32
	weights []int8
	scale   [nOutputs]float32
}

// Scores are a model's outputs for one message.
type Scores struct {
	// Binary holds the probability of each of BinaryHeads.
	Binary [nBinary]float64
	// Category and Service are distributions over CategoryCodes and
	// ServiceCodes.
	Category [nCat]float64
	Service  [nSvc]float64
}

// Prob returns the probability of a binary head by name (0 if unknown).
func (s Scores) Prob(head string) float64 {
	if i := BinaryHead(head); i >= 0 {
		return s.Binary[i]
	}
	return 0
}

// BestCategory returns the most probable category and its probability.
func (s Scores) BestCategory() (string, float64) { return argmax(CategoryCodes, s.Category[:]) }

// BestService returns the most probable service among those that take a
// forwarded message (all but accueil) and may hold a file of category, when
// transfer is true, else accueil.
func (s Scores) BestService(transfer bool, category string) (string, float64) {
	if !transfer {
		return "accueil", s.Service[0]
	}
	best := -1
	for i := 1; i < nSvc; i++ {
		if holdsFilesOf(ServiceCodes[i], category) && (best < 0 || s.Service[i] > s.Service[best]) {
			best = i
		}
	}
	return ServiceCodes[best], s.Service[best]
}

// businessCategories are the categories whose files each business service
// holds, as the labels define them (cabinet and the sous-préfecture take
// any). Over the 21,400 examples no ID message went to the immigration
// service and no séjour message to the CERT; an urgent passport was sent to
// the immigration service when the service head, alone, leant that way.
var businessCategories = map[string][]string{
	"immigration":   {"sejour", "eloignement", "teleprocedure"},
	"cert-titres":   {"identite"},
	"autre-service": {"immatriculation", "permis", "autre", "teleprocedure"},
}

func holdsFilesOf(service, category string) bool {
	cats, business := businessCategories[service]
	return !business || category == "" || slices.Contains(cats, category)
}

func argmax(codes []string, p []float64) (string, float64) {
	best := 0
	for i := range p {
		if p[i] > p[best] {
			best = i
		}
	}
	return codes[best], p[best]
}

// slot returns the index of bucket b's weights, or -1 when the model did not
// keep it.
func (m *Model) slot(b uint32) int {
	w := b >> 6
	bit := uint64(1) << (b & 63)
	if int(w) >= len(m.used) || m.used[w]&bit == 0 {
		return -1
	}
	return int(m.rank[w]) + bits.OnesCount64(m.used[w]&(bit-1))
}

// Score runs the model on a document's features.
func (m *Model) Score(fs Features) Scores {
	var z [nOutputs]float64
	for o := range z {
		z[o] = float64(m.bias[o])
	}
	for _, f := range fs.hashed {
		k := m.slot(f.bucket)
		if k < 0 {
			continue
		}
		lo, hi := f.heads.outputs()
		row := m.weights[k*nOutputs : (k+1)*nOutputs]
		for o := lo; o < hi; o++ {
			z[o] += float64(f.value) * float64(row[o]) * float64(m.scale[o])
		}
	}
	for _, s := range fs.signals {
		i, ok := m.signalI[s.Name]
		if !ok {
			continue
		}
		for o, w := range m.signalW[i] {
			z[o] += s.Value * float64(w)
		}
	}
	var out Scores
	for o := 0; o < nBinary; o++ {
		out.Binary[o] = sigmoid(z[o])
	}
	softmax(z[catStart:catStart+nCat], out.Category[:])
	softmax(z[svcStart:svcStart+nSvc], out.Service[:])
	return out
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func softmax(z []float64, out []float64) {
	mx := z[0]
	for _, v := range z {
		mx = max(mx, v)
	}
	sum := 0.0
	for i, v := range z {
		out[i] = math.Exp(v - mx)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
}

// Evidence is a piece of the message that pushed a decision, with how much.
type Evidence struct {
	Span    Span
	Subject bool // the span is in the subject line
	Weight  float64
	// Signal names the rule or signal when the evidence is not a word of
	// the judge's own (rule cues keep their own name).
	Signal string
}

// maxEvidence is how many pieces of evidence a decision shows.
const maxEvidence = 5

// Explain returns the words and rule matches that pushed output head of the
// scores toward yes (for a class of the category or service heads, toward
// that class), strongest first, adjacent words joined. Pieces that weigh
// less than a tenth of the strongest are left out: they are noise to the
// reader.
func (m *Model) Explain(fs Features, head int) []Evidence {
	if head < 0 || head >= nOutputs {
		return nil
	}
	perTok := map[int32]float64{}
	for _, f := range fs.hashed {
		k := m.slot(f.bucket)
		if lo, hi := f.heads.outputs(); k < 0 || head < lo || head >= hi {
			continue
		}
		c := float64(f.value) * float64(m.weights[k*nOutputs+head]) * float64(m.scale[head])
		switch {
		case f.tok[0] >= 0 && f.tok[1] >= 0:
			perTok[f.tok[0]] += c / 2
			perTok[f.tok[1]] += c / 2
		case f.tok[0] >= 0:
			perTok[f.tok[0]] += c
		}
	}
	var ev []Evidence
	// Join runs of adjacent positive words of one clause: a run across a
	// full stop or a line (« 12 octobre. Il est parti ») reads as one phrase
	// in the banner, which it is not. No clause spans two parts (appendPart),
	// so a run never joins the subject to the body either.
	ids := make([]int, 0, len(perTok))
	for t, c := range perTok {
		if c > 0 {
			ids = append(ids, int(t))
		}
	}
	sort.Ints(ids)
	for i := 0; i < len(ids); {
		j := i
		sum := perTok[int32(ids[i])]
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 && fs.tokens[ids[j+1]].clause == fs.tokens[ids[i]].clause {
			j++
			sum += perTok[int32(ids[j])]
		}
		a, b := fs.tokens[ids[i]], fs.tokens[ids[j]]
		ev = append(ev, Evidence{Span: Span{a.span.Start, b.span.End}, Subject: a.subject, Weight: sum})
		i = j + 1
	}
	for _, s := range fs.signals {
		i, ok := m.signalI[s.Name]
		if !ok || len(s.Spans) == 0 {
			continue
		}
		c := s.Value * float64(m.signalW[i][head])
		if c <= 0 {
			continue
		}
		for _, sp := range s.Spans {
			ev = append(ev, Evidence{Span: sp, Weight: c / float64(len(s.Spans)), Signal: s.Name})
		}
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].Weight > ev[j].Weight })
	if len(ev) == 0 {
		return nil
	}
	cut := ev[0].Weight / 10
	n := 0
	for n < len(ev) && n < maxEvidence && ev[n].Weight >= cut {
		n++
	}
	return ev[:n]
}

// CategoryHead and ServiceHead return the output index of a class, -1 when
// the code is unknown.
func CategoryHead(code string) int { return indexOf(CategoryCodes, code, catStart) }

// ServiceHead is CategoryHead for services.
func ServiceHead(code string) int { return indexOf(ServiceCodes, code, svcStart) }

// BinaryHead returns the output index of a binary head by name.
func BinaryHead(name string) int { return indexOf(BinaryHeads, name, 0) }

func indexOf(codes []string, code string, base int) int {
	for i, c := range codes {
		if c == code {
			return base + i
		}
	}
	return -1
}
