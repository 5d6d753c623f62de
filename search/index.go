package search

import (
	"fmt"
	"math"
	"plume/kb"
	"runtime"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Fields of an indexed item and how much a match in each weighs: the title
// and the editors' keywords say what an item is about better than its body.
const (
	fieldTitle    = "title"
	fieldKeywords = "keywords"
	fieldBody     = "body"
	fieldCategory = "category"
	fieldService  = "service"
	fieldKind     = "kind"
	fieldLang     = "lang"
)

var textFields = []struct {
	name  string
	boost float64
}{
	{fieldTitle, 3},
	{fieldKeywords, 2.5},
	{fieldBody, 1},
}

// indexedItem is what Bleve sees of an Item.
type indexedItem struct {
	Title    string `json:"title"`
	Keywords string `json:"keywords"`
	Body     string `json:"body"`
	Category string `json:"category"`
	Service  string `json:"service"`
	Kind     string `json:"kind"`
	Lang     string `json:"lang"`
}

// newMapping is the explicit index mapping: French text fields, keyword
// fields for codes, no _all field and nothing dynamic. No term vectors: the
// matched words are worked out for the items shown (matched.go), and
// writing every word's position was a third of indexing.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := addFrenchAnalyzer(im); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = AnalyzerFrench
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	doc := bleve.NewDocumentStaticMapping()
	for _, f := range textFields {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = AnalyzerFrench
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = false
		doc.AddFieldMappingsAt(f.name, fm)
	}
	for _, name := range []string{fieldCategory, fieldService, fieldKind, fieldLang} {
		fm := bleve.NewKeywordFieldMapping()
		fm.Analyzer = keyword.Name
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = false
		doc.AddFieldMappingsAt(name, fm)
	}
	// Without a disabled "_all" sub-mapping Bleve adds an _all composite
	// field to every document, empty since no field is included in it, and
	// zapx still processes it like a field (6% of indexing in a profile).
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = doc
	return im, nil
}

// index is the in-memory scorch index of a KB plus the document frequency of
// every term, used to pick a message's salient terms without a query.
type index struct {
	bleve bleve.Index
	// analyzer is the index's French analyzer, for the terms of an item
	// shown (matched words).
	analyzer analysis.Analyzer
	docs     int
	df       map[string]int // items containing the term in any text field
	// topical holds the terms of titles and keywords: the vocabulary editors
	// chose to say what items are about, as opposed to the wording of bodies.
	topical map[string]bool
	bodyDF  map[string]int // items whose body has the term
	// focus is, for each title or keyword term, how much it points at one
	// category (0: spread evenly, 1: one category only). "séjour" is common
	// in the knowledge base, so its idf is low, but it says the topic.
	focus map[string]float64
}

// buildIndex indexes every item of k in an in-memory scorch index, which
// DESIGN.md measured 3x faster to query than upsidedown and which needs no
// bbolt at run time (so it works in the browser build).
func buildIndex(k *kb.KB) (*index, error) {
	im, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("mapping : %w", err)
	}
	return indexWith(k, im, nil)
}

// indexWith indexes k with the mapping im. With segments, the index's
// segments are kept as they are built (Prepare) or taken ready-made
// (openPrepared) instead of analysing the items.
func indexWith(k *kb.KB, im *mapping.IndexMappingImpl, segments *segmentSource) (*index, error) {
	bi, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, segments.scorchConfig())
	if err != nil {
		return nil, fmt.Errorf("création de l'index : %w", err)
	}
	// Each batch becomes one segment of the in-memory index, which never
	// merges them, and a search opens every term's postings in every
	// segment: at 10,000 items, 20 segments of 500 made a search allocate
	// 1.1 MB and run past 10 ms at p99; 5 segments of 2,000 allocate 0.4 MB.
	// A bigger batch holds more analysis at once: with 2,000 the peak heap
	// of a 10,000-item base is 129–139 MB, under its 200 MB target.
	const batchSize, gcEveryBatches = 2000, 1
	batch, batches := bi.NewBatch(), 0
	for _, it := range k.Items {
		var err error
		if segments.ready() {
			// The segment is made: the batch only names its items.
			err = batch.IndexAdvanced(document.NewDocument(it.ID))
		} else {
			err = batch.Index(it.ID, indexedItem{
				Title:    it.Title,
				Keywords: strings.Join(it.Keywords, " ; "),
				Body:     kb.PlainText(it.Body),
				Category: it.Category,
				Service:  it.Service,
				Kind:     string(it.Kind),
				Lang:     it.Lang,
			})
		}
		if err != nil {
			bi.Close()
			return nil, fmt.Errorf("indexation de %s : %w", it.ID, err)
		}
		if batch.Size() >= batchSize {
			if err := bi.Batch(batch); err != nil {
				bi.Close()
				return nil, fmt.Errorf("indexation : %w", err)
			}
			batch.Reset()
			batches++
			// Each batch leaves its analysis behind as garbage; on a large
			// knowledge base, collecting it after each batch keeps the peak heap
			// near the live size (≤ 200 MB at 10,000 items) for little time.
			if batches%gcEveryBatches == 0 {
				runtime.GC()
			}
		}
	}
	if err := bi.Batch(batch); err != nil {
		bi.Close()
		return nil, fmt.Errorf("indexation : %w", err)
	}
	ix := &index{bleve: bi, analyzer: im.AnalyzerNamed(AnalyzerFrench), docs: len(k.Items), df: map[string]int{}, topical: map[string]bool{}, bodyDF: map[string]int{}}
	if ix.focus = segments.preparedFocus(); ix.focus == nil {
		ix.focus = categoryFocus(k)
	}
	for _, f := range textFields {
		dict, err := bi.FieldDict(f.name)
		if err != nil {
			bi.Close()
			return nil, fmt.Errorf("dictionnaire de %s : %w", f.name, err)
		}
		for e, err := dict.Next(); e != nil && err == nil; e, err = dict.Next() {
			if n := int(e.Count); n > ix.df[e.Term] {
				ix.df[e.Term] = n
			}
			if f.name != fieldBody {
				ix.topical[e.Term] = true
			} else {
				ix.bodyDF[e.Term] = int(e.Count)
			}
		}
		dict.Close()
	}
	return ix, nil
}

// topicText is an item's title and keywords: what its editors say it is
// about.
func topicText(it *kb.Item) string { return it.Title + " ; " + strings.Join(it.Keywords, " ; ") }

// idf is how rare a term is among the items; 0 for a term no item has.
func (ix *index) idf(term string) float64 {
	df := ix.df[term]
	if df == 0 {
		return 0
	}
	return math.Log(1 + float64(ix.docs)/float64(df))
}

// commonInBodies reports whether a term is in so many bodies that matching
// it there says little and walks the longest posting lists: such terms are
// only looked for in titles and keywords.
func (ix *index) commonInBodies(term string) bool {
	return float64(ix.bodyDF[term]) > commonBodyShare*float64(ix.docs)
}

// commonBodyShare is the share of bodies above which a term is common.
const commonBodyShare = 0.2

// categoryFocus measures, for each term of titles and keywords, how
// concentrated the items using it are on one category. Terms seen in fewer
// than minFocusItems items say nothing reliable and get no focus.
func categoryFocus(k *kb.KB) map[string]float64 {
	const minFocusItems = 3
	ta := sharedTerms()
	idx := map[string]int{}
	for i, c := range kb.Categories {
		idx[c.Code] = i
	}
	counts := map[string][]int{}
	for _, it := range k.Items {
		ci, ok := idx[it.Category]
		if !ok {
			continue
		}
		seen := map[string]bool{}
		for _, t := range ta.Terms(topicText(it)) {
			if seen[t.Term] {
				continue
			}
			seen[t.Term] = true
			if counts[t.Term] == nil {
				counts[t.Term] = make([]int, len(kb.Categories))
			}
			counts[t.Term][ci]++
		}
	}
	focus := make(map[string]float64, len(counts))
	uniform := 1 / float64(len(kb.Categories))
	for term, cs := range counts {
		total, top := 0, 0
		for _, c := range cs {
			total += c
			if c > top {
				top = c
			}
		}
		if total < minFocusItems {
			continue
		}
		share := float64(top) / float64(total)
		focus[term] = (share - uniform) / (1 - uniform)
	}
	return focus
}
