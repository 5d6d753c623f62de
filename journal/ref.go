package journal

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"time"
)

// A reference is « PLM-2612-0042 »: the year and month of the transfer,
// then four digits. The digits are drawn at random among those not yet
// used that month: two agents recording at the same time, each on its own
// file, would draw the same next number in sequence.
const refPrefix = "PLM"

// refRe finds a reference as people copy it back: any case, the dashes
// sometimes spaces or left out.
var refRe = regexp.MustCompile(`(?i)\bPLM[- ]?(\d{4})[- ]?(\d{4})\b`)

func newRef(now time.Time, taken func(string) bool) string {
	month := now.Format("0601")
	for i := 0; ; i++ {
		n := rand.IntN(10000)
		if i > 20000 {
			n = i % 10000 // a month with every number used: reuse
		}
		r := fmt.Sprintf("%s-%s-%04d", refPrefix, month, n)
		if !taken(r) || i > 30000 {
			return r
		}
	}
}

// RefSpan is a reference found in a text, normalised, with its offsets.
type RefSpan struct {
	Ref        string
	Start, End int
}

// FindRefs finds the references in text.
func FindRefs(text string) []RefSpan {
	var out []RefSpan
	for _, m := range refRe.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, RefSpan{refPrefix + "-" + text[m[2]:m[3]] + "-" + text[m[4]:m[5]], m[0], m[1]})
	}
	return out
}
