package intake

import (
	"unicode"
	"unicode/utf8"
)

// langWindow bounds the text read to guess the language: a few hundred
// words decide it, and the guess must stay cheap on a huge paste.
const langWindow = 16 << 10

// guessLang says "en" when English stop words clearly outnumber French ones
// in the new text, "fr" otherwise: the mailbox is French, an English word
// or two ("ANTS website", "OK") must not switch the replies to English, and
// a French citizen quoting an English document is still writing French.
//
// A new text too short to tell ("Thanks, see below.", "Merci") is judged
// with the whole body, whose quoted header lines ("From:", "Sent:") and
// earlier messages are then the best evidence.
func guessLang(newText, body string) string {
	fr, en := countStopWords(newText)
	if fr+en < 3 {
		fr, en = countStopWords(body)
	}
	if en >= 2 && en > fr {
		return "en"
	}
	return "fr"
}

// countStopWords counts the French and English stop words in the first
// langWindow bytes of t.
func countStopWords(t string) (fr, en int) {
	if len(t) > langWindow {
		t = t[:langWindow]
		for len(t) > 0 && !utf8.RuneStart(t[len(t)-1]) {
			t = t[:len(t)-1] // drop a rune cut in half
		}
	}
	count := func(w []byte) {
		switch {
		case frStop[string(w)]:
			fr++
		case enStop[string(w)]:
			en++
		}
	}
	var word []byte
	for _, r := range t {
		if unicode.IsLetter(r) {
			word = utf8.AppendRune(word, unicode.ToLower(r))
			continue
		}
		if len(word) > 0 {
			count(word)
			word = word[:0]
		}
	}
	if len(word) > 0 {
		count(word)
	}
	return fr, en
}

// Stop words that only one of the two languages has: "on", "a", "me",
// "pour"/"for"-like false friends are left out so that a word counts for
// one side only. "j", "d", "l", "qu" are French elisions ("j'ai").
var frStop = setOf("le", "la", "les", "de", "des", "du", "et", "est", "je", "j", "vous", "nous", "il", "elle",
	"pas", "pour", "que", "qui", "dans", "sur", "avec", "mon", "ma", "mes", "votre", "vos", "ce", "cette",
	"ai", "suis", "au", "aux", "un", "une", "d", "l", "qu", "n", "c", "bonjour", "merci", "madame",
	"monsieur", "cordialement", "depuis", "mais", "ou", "où", "comment", "être", "avoir", "fait", "très",
	"aussi")

var enStop = setOf("the", "and", "is", "are", "i", "you", "we", "my", "your", "to", "of", "for", "in", "it",
	"that", "this", "have", "has", "was", "be", "with", "not", "please", "thank", "thanks", "hello", "hi",
	"dear", "would", "could", "can", "will", "am", "from", "at", "an", "since", "but", "what", "how",
	"when", "regards", "sincerely", "there", "been", "do", "does", "did", "any", "if", "our", "they")
