package search

import (
	"math"
	"plume/kb"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bleveSearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"plume/message/intake"
)

// Message is what the agent pasted.
type Message struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Suggestion is one item proposed for a message.
type Suggestion struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Kind     kb.Kind  `json:"kind"`
	Category string   `json:"category"`
	Score    float64  `json:"score"`
	Matched  []string `json:"matched"` // the message's words that matched, as written
	// Situation is set when the item was brought forward because the
	// message is a relance ("relance") or a sensitive case ("sensible")
	// rather than found by its words; its score is then 0.
	Situation string   `json:"situation,omitempty"`
	Item      *kb.Item `json:"-"`
}

// Result is the engine's reading of a message.
type Result struct {
	Category    string       `json:"category"`
	Service     string       `json:"service"`
	Transfer    bool         `json:"transfer"`
	Suggestions []Suggestion `json:"suggestions"`
	// Terms are the salient terms the query was built from, best first.
	Terms []string `json:"-"`
}

// Tuning of the query. Twelve to sixteen terms keep a 10,000-item query
// within a frame (DESIGN.md measured 175 ms for all 80 words, 16 ms for 12).
const (
	maxQueryTerms     = 16
	maxSuggestions    = 10
	searchDepth       = 40
	subjectWeight     = 2   // a subject word counts as two body words
	synonymWeight     = 1.0 // a synonym says the same thing: « carte de résident » is a titre de séjour
	maxAnalysedBytes  = 32 << 10
	categoryVoteDepth = 8
	// topicalWeight favours, when picking terms, the words that titles and
	// keywords use: in a small knowledge base the rarest words of a message
	// are often its wording ("plurianuel", "envisager"), not its subject.
	topicalWeight = 3
	// focusWeight: a term used by one category only weighs (1+focusWeight)
	// times a term spread over all of them.
	focusWeight = 2
)

// notTopicWords are words of a message that never say what it is about: the
// formulae of a letter, and the calendar (dates are facts to fill in, not a
// subject). They are analysed like the message, so their stems match.
const notTopicWords = `toujours rien réponse répondre mail mails courriel message messages depuis encore déjà savoir merci
urgent urgente urgemment urgents rapidement rapide vite svp stp question questions
bonjour bonsoir madame monsieur mesdames messieurs mademoiselle mme mr mlle
cordialement salutations distinguées sincères respectueuses respectueusement agréer veuillez
expression considération merci remercie remerciant remerciements avance bonne journée soirée
svp stp please regards dear sir thank thanks
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
lundi mardi mercredi jeudi vendredi samedi dimanche`

func isNumber(term string) bool {
	for _, r := range term {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// weighted is a candidate query term.
type weighted struct {
	term    string
	tf      float64
	boost   float64 // multiplier from the message (repetition, synonym)
	salient float64 // tf-idf, to rank candidates
	surface string  // the words of the message it comes from
}

// textPart is a piece of the message with the weight of its words: the
// subject counts double, a quoted earlier exchange only gives context.
type textPart struct {
	text   string
	weight float64
}

// salientTerms picks the message's most distinctive terms: frequent in the
// message, rare in the knowledge base. Terms no item contains are dropped:
// they cannot match anything.
func (e *Engine) salientTerms(parts []textPart, lang string) []weighted {
	byTerm := map[string]*weighted{}
	var order []string
	type analysed struct {
		terms []Term
		text  string
		w     float64
	}
	var all []analysed
	for _, p := range parts {
		text := intake.Clip(p.text, maxAnalysedBytes)
		if p.weight <= 0 || strings.TrimSpace(text) == "" {
			continue
		}
		terms := e.terms.Terms(text)
		all = append(all, analysed{terms, text, p.weight})
		for _, t := range terms {
			w := byTerm[t.Term]
			if w == nil {
				w = &weighted{term: t.Term, surface: text[t.Start:t.End]}
				byTerm[t.Term] = w
				order = append(order, t.Term)
			}
			w.tf += p.weight
		}
	}

	var out []weighted
	for _, term := range order {
		w := byTerm[term]
		idf := e.ix.idf(term)
		if idf == 0 || e.notTopic[term] || isNumber(term) {
			continue
		}
		w.boost = 1 + math.Log1p(w.tf)
		w.salient = w.boost * e.termWeight(term, idf)
		out = append(out, *w)
	}
	seen := map[string]bool{}
	for _, w := range out {
		seen[w.term] = true
	}
	for _, src := range all {
		for _, x := range e.expand(src.terms, src.text, lang) {
			if seen[x.term] {
				continue
			}
			idf := e.ix.idf(x.term)
			if idf == 0 {
				continue
			}
			seen[x.term] = true
			b := synonymWeight * math.Min(src.w, 1)
			out = append(out, weighted{term: x.term, tf: 1, boost: b, salient: b * e.termWeight(x.term, idf), surface: x.from})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].salient > out[j].salient })
	if len(out) > maxQueryTerms {
		out = out[:maxQueryTerms]
	}
	return out
}

// termWeight is how much a term of the message says its topic: rare in the
// knowledge base (idf), used by titles and keywords (topical), and pointing
// at one category (focus).
func (e *Engine) termWeight(term string, idf float64) float64 {
	w := idf * (1 + focusWeight*e.ix.focus[term])
	if e.ix.topical[term] {
		w *= topicalWeight
	}
	return w
}

// Suggest reads a message and proposes the items that answer it: the
// topic and routing part of Analyze.
func (e *Engine) Suggest(m Message) (Result, error) {
	a, err := e.Analyze(m)
	return a.Result, err
}

// suggest ranks the items for the weighted parts of a message.
// The votes are each category's share of the best hits' scores.
func (e *Engine) suggest(parts []textPart, lang string) (Result, map[string]float64, error) {
	terms := e.salientTerms(parts, lang)
	res := Result{Category: "autre", Service: kb.ServiceAccueil, Suggestions: []Suggestion{}}
	for _, t := range terms {
		res.Terms = append(res.Terms, t.term)
	}
	if len(terms) == 0 {
		return res, nil, nil
	}
	hits, err := e.bestHits(e.termsQuery(terms))
	if err != nil {
		return res, nil, err
	}

	today := kb.Day(e.today())
	for _, hit := range hits {
		it := e.kb.Item(hit.ID)
		if it == nil || it.Kind == kb.KindBloc {
			continue // blocs are assembled around a reply, not proposed alone
		}
		if it.Expired(today) {
			continue
		}
		res.Suggestions = append(res.Suggestions, Suggestion{
			ID: it.ID, Title: it.Title, Kind: it.Kind, Category: it.Category,
			Score: round3(hit.Score), Item: it,
		})
	}
	// Scores are rounded for display: items tied once rounded are put in a
	// fixed order too, since the category vote adds them up in this order.
	sort.SliceStable(res.Suggestions, func(i, j int) bool {
		si, sj := res.Suggestions[i], res.Suggestions[j]
		if si.Score != sj.Score {
			return si.Score > sj.Score
		}
		return si.ID < sj.ID
	})
	votes := e.decideCategory(&res, lang)
	if len(res.Suggestions) > maxSuggestions {
		res.Suggestions = res.Suggestions[:maxSuggestions]
	}
	for i := range res.Suggestions {
		res.Suggestions[i].Matched = e.matchedWords(res.Suggestions[i].Item, terms)
	}
	return res, votes, nil
}

// decideCategory votes for a category with the scores of the best hits
// (a plain sum: several good replies of one topic outweigh one lucky title
// of another, which a rank decay would favour), then puts the suggestions of that category first so that the top
// suggestion agrees with the routing, and takes the service and transfer
// from the best reply of that category.
func (e *Engine) decideCategory(res *Result, lang string) map[string]float64 {
	votes := map[string]float64{}
	n := 0
	for _, s := range res.Suggestions {
		if s.Category == "" {
			continue
		}
		votes[s.Category] += s.Score
		n++
		if n == categoryVoteDepth {
			break
		}
	}
	best, bestScore := "", 0.0
	for _, c := range kb.Categories {
		if v := votes[c.Code]; v > bestScore {
			best, bestScore = c.Code, v
		}
	}
	if best == "" {
		return votes
	}
	e.applyCategory(res, best, lang)
	return votes
}

// applyCategory makes best the message's category: its suggestions first,
// and the service and transfer of its best reply.
func (e *Engine) applyCategory(res *Result, best, lang string) {
	res.Category = best
	// The chosen category first; within it, items in the writer's language.
	rank := func(s Suggestion) int {
		r := 0
		if s.Category != best {
			r += 2
		}
		if s.Item.Lang != lang {
			r++
		}
		return r
	}
	sort.SliceStable(res.Suggestions, func(i, j int) bool {
		return rank(res.Suggestions[i]) < rank(res.Suggestions[j])
	})
	// Replies written for a situation (a relance) route every file of the
	// topic the same way; the best topical reply knows the right service.
	for _, s := range res.Suggestions {
		if s.Category == best && s.Kind == kb.KindReponse && len(s.Item.WhenIn) == 0 {
			res.Service, res.Transfer = s.Item.Service, s.Item.Transfer
			break
		}
	}
}

// bestHits returns the searchDepth best hits of q, best first, ties by id:
// the same hits, with the same scores, every time.
//
// Bleve adds a hit's clause scores in an order that depends on which of its
// analysis workers finished first when the index was built, so the same
// item may score 0.29900000000000004 once and 0.299 the next time; at
// 10,000 items such near-ties at the cut changed the suggestions shown from
// one opening of the base to the next. Scores are therefore compared once
// rounded to scoreQuantum, and hits are collected until the first one
// strictly below the cut, so that a tie across it is settled by id.
// Breaking ties by id inside Bleve would look up the id of every matching
// item: a tenth of a search at 10,000 items. A quarter more than the cut is
// collected at first: with one more, a tie across the cut ran the search
// again for 1 message in 100 with the built-in base and 7 in 100 at 10,000
// items; with a quarter more, for none and 1 in 200.
func (e *Engine) bestHits(q query.Query) (bleveSearch.DocumentMatchCollection, error) {
	for size := searchDepth + searchDepth/4; ; size *= 2 {
		sr, err := e.ix.bleve.Search(bleve.NewSearchRequestOptions(q, size, 0, false))
		if err != nil {
			return nil, err
		}
		hits := sr.Hits
		for _, h := range hits {
			h.Score = quantize(h.Score)
		}
		complete := len(hits) < size || hits[len(hits)-1].Score < hits[searchDepth-1].Score
		if !complete {
			continue
		}
		sort.SliceStable(hits, func(i, j int) bool {
			if hits[i].Score != hits[j].Score {
				return hits[i].Score > hits[j].Score
			}
			return hits[i].ID < hits[j].ID
		})
		return hits[:min(len(hits), searchDepth)], nil
	}
}

// scoreQuantum is the precision at which scores are compared: far finer
// than any difference of wording, far coarser than the rounding errors of
// adding a hit's clause scores in another order.
const scoreQuantum = 1e-9

func quantize(s float64) float64 { return math.Round(s/scoreQuantum) * scoreQuantum }

// termsQuery looks for each term in the titles, keywords and bodies, with
// the field's and the term's weight; a term common in bodies is looked for
// in titles and keywords only.
func (e *Engine) termsQuery(terms []weighted) query.Query {
	var qs []query.Query
	for _, t := range terms {
		for _, f := range textFields {
			if f.name == fieldBody && e.ix.commonInBodies(t.term) {
				continue
			}
			q := query.NewTermQuery(t.term)
			q.SetField(f.name)
			q.SetBoost(f.boost * t.boost)
			qs = append(qs, q)
		}
	}
	return query.NewDisjunctionQuery(qs)
}

// A message's query is one disjunction of at most len(textFields) ×
// maxQueryTerms term clauses. Bleve merges more than 10 clauses with a heap;
// walking them as a slice is cheaper at these sizes: the search of an
// 80-word message took 1.4 ms in WebAssembly with the heap, 0.85 ms without
// (0.18 and 0.15 ms natively), for the same hits.
func init() { searcher.DisjunctionHeapTakeover = len(textFields) * maxQueryTerms }

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }
