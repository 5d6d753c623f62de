package search

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
)

// The quick fold gives Bleve's ASCII folding byte for byte: on every
// character of the Basic Multilingual Plane and beyond, on invalid bytes
// and on the training messages.
func TestQuickFoldFoldsAsBleveDoes(t *testing.T) {
	bleve, quick := asciifolding.New(), &quickFold{bleve: asciifolding.New()}
	same := func(in []byte) {
		t.Helper()
		want, got := bleve.Filter(bytes.Clone(in)), quick.Filter(bytes.Clone(in))
		if !bytes.Equal(want, got) {
			t.Fatalf("%q folded to %q, Bleve gives %q", in, got, want)
		}
	}
	var all []byte
	for r := rune(0); r < 0x30000; r++ {
		if utf8.ValidRune(r) {
			all = utf8.AppendRune(all, r)
			if r%64 == 0 {
				all = append(all, ' ')
			}
		}
	}
	same(all)
	for _, s := range []string{"", "ascii seul", "Séjour À l'Été", "Œuvre Æsir straße ﬁn", "\xff\xfe bad \xc3", "\xef\xbf\xbd vs \xff", "é\xc3"} {
		same([]byte(s))
	}
	for _, lm := range trainingMessages(t, 50) {
		same([]byte(lm.Subject + "\n" + lm.Body))
	}
}
