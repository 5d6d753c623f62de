package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// wordTokenizerName is Plume's tokenizer in the analysis registry.
const wordTokenizerName = "plume_words"

// wordTokenizer cuts text into words as Bleve's Unicode tokenizer (the word
// boundaries of UAX #29) does for the text Plume reads — letters and digits
// run together; an apostrophe, a period or a colon between two letters, and
// a period, comma, semicolon or apostrophe between two digits, stay inside
// the word (« l'été », « 12,5 », « ants.gouv.fr »); the underscore and the
// other connectors join what surrounds them; combining marks and format
// characters (the soft hyphen) continue a word; a Chinese or Japanese
// ideograph is a word; Thai and its neighbours, which need a dictionary,
// are left out. It does so without the general segmenter's tables:
// indexing spent a fifth of its time there.
type wordTokenizer struct{}

func init() {
	if err := registry.RegisterTokenizer(wordTokenizerName,
		func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return wordTokenizer{}, nil
		}); err != nil {
		panic(err)
	}
}

// wordClass is what a rune does at a word boundary.
type wordClass uint8

const (
	classOther     wordClass = iota
	classLetter              // ALetter
	classDigit               // Numeric
	classSingle              // a word by itself (ideographs)
	classMidLetter           // between letters only
	classMidNum              // between digits only
	classMidBoth             // between letters or between digits
	classJoin                // ExtendNumLet: joins letters, digits and itself
	classExtend              // Extend, Format: continues the word it is in
)

func classify(r rune) wordClass {
	switch r {
	case '\'', '.', '\u2018', '\u2019', '\u2024', '\uFE52', '\uFF07', '\uFF0E':
		return classMidBoth
	case ':', '\u00B7', '\u0387', '\u055F', '\u05F4', '\u2027', '\uFE13', '\uFE55', '\uFF1A':
		return classMidLetter
	case ',', ';', '\u037E', '\u0589', '\u060C', '\u060D', '\u066C', '\u07F8', '\u2044',
		'\uFE10', '\uFE14', '\uFE50', '\uFE54', '\uFF0C', '\uFF1B':
		return classMidNum
	case '_', '\u203F', '\u2040', '\u2054', '\uFE33', '\uFE34', '\uFE4D', '\uFE4E', '\uFE4F', '\uFF3F':
		return classJoin
	case '\u200D':
		return classExtend
	}
	switch {
	case r < 0x80:
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			return classLetter
		case '0' <= r && r <= '9':
			return classDigit
		}
		return classOther
	case unicode.In(r, unicode.Han, unicode.Hiragana):
		return classSingle
	case unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar):
		return classOther // left out, as by the Unicode tokenizer
	case unicode.IsLetter(r), unicode.Is(unicode.Nl, r):
		return classLetter
	case unicode.IsDigit(r):
		return classDigit
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Cf):
		return classExtend
	}
	return classOther
}

// asciiClass holds classify for the ASCII runes, which are most of what is
// read once accents are folded.
var asciiClass = func() (t [utf8.RuneSelf]wordClass) {
	for r := range t {
		t[r] = classify(rune(r))
	}
	return t
}()

// at returns the class of the rune at i and its length.
func at(input []byte, i int) (wordClass, int) {
	if b := input[i]; b < utf8.RuneSelf {
		return asciiClass[b], 1
	}
	r, n := utf8.DecodeRune(input[i:])
	return classify(r), n
}

// skipExtend returns the class of the first rune at or after i that is not
// an Extend or Format character, where it starts and its length.
func skipExtend(input []byte, i int) (wordClass, int, int) {
	for i < len(input) {
		c, n := at(input, i)
		if c != classExtend {
			return c, i, n
		}
		i += n
	}
	return classOther, i, 0
}

// Tokenize returns the words of input with their byte offsets.
func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	// Tokens are allocated by blocks: one allocation for many words.
	var block []analysis.Token
	out := make(analysis.TokenStream, 0, len(input)/6+1)
	emit := func(start, end int, numeric bool) {
		if len(block) == cap(block) {
			block = make([]analysis.Token, 0, min(256, len(input)/6+1))
		}
		typ := analysis.AlphaNumeric
		if numeric {
			typ = analysis.Numeric
		}
		block = append(block, analysis.Token{Term: input[start:end], Start: start, End: end, Position: len(out) + 1, Type: typ})
		out = append(out, &block[len(block)-1])
	}
	i := 0
	for i < len(input) {
		c, n := at(input, i)
		switch c {
		case classSingle:
			emit(i, i+n, false)
			i += n
			continue
		case classLetter, classDigit, classJoin:
		default:
			i += n
			continue
		}
		start, last, numeric := i, c, c == classDigit
		i += n
	word:
		for i < len(input) {
			c, next, n := skipExtend(input, i)
			switch c {
			case classLetter, classDigit, classJoin:
				numeric = numeric && c != classLetter
				last = c
				i = next + n
			case classMidBoth, classMidLetter, classMidNum:
				// A middle character stays only between two letters or two digits.
				after, next2, n2 := skipExtend(input, next+n)
				letters := last == classLetter && after == classLetter && c != classMidNum
				digits := last == classDigit && after == classDigit && c != classMidLetter
				if !letters && !digits {
					break word
				}
				last = after
				i = next2 + n2
			default:
				break word
			}
		}
		// Trailing Extend or Format characters belong to the word.
		for i < len(input) {
			c, n := at(input, i)
			if c != classExtend {
				break
			}
			i += n
		}
		emit(start, i, numeric && last != classJoin)
	}
	return out
}
