package search

import (
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/registry"
)

// foldCharFilterName is Bleve's ASCII folding, kept as it folds but without
// its cost: Bleve's filter turns every text into runes and allocates sixteen
// bytes of output per byte of input, a sixth of indexing a large base. This
// one copies ASCII bytes as they are and folds each other character once,
// through Bleve's own filter, remembering the result.
const foldCharFilterName = "plume_ascii_folding"

type quickFold struct {
	bleve analysis.CharFilter
	runes sync.Map // rune → its folded bytes ([]byte)
}

func (f *quickFold) Filter(input []byte) []byte {
	i := 0
	for i < len(input) && input[i] < utf8.RuneSelf {
		i++
	}
	if i == len(input) {
		return input
	}
	out := make([]byte, i, len(input)+len(input)/8)
	copy(out, input[:i])
	for i < len(input) {
		if c := input[i]; c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(input[i:])
		out = append(out, f.fold(r, input[i:i+size])...)
		i += size
	}
	return out
}

// fold is what Bleve's filter makes of one character, given as its bytes.
// Bleve reads an invalid byte as U+FFFD, one per byte, as DecodeRune does.
func (f *quickFold) fold(r rune, b []byte) []byte {
	if v, ok := f.runes.Load(r); ok {
		return v.([]byte)
	}
	v := f.bleve.Filter(b)
	f.runes.Store(r, v)
	return v
}

func init() {
	err := registry.RegisterCharFilter(foldCharFilterName, func(map[string]interface{}, *registry.Cache) (analysis.CharFilter, error) {
		return &quickFold{bleve: asciifolding.New()}, nil
	})
	if err != nil {
		panic(err)
	}
}
