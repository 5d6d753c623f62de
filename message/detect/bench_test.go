package detect

import (
	"strings"
	"testing"
)

// A message of about 2,000 words, and a 12 KB paste (what the engine lets
// the detectors read at most).
func BenchmarkAnalyze(b *testing.B) {
	for _, c := range []struct {
		name string
		body string
	}{
		{"2000words", strings.Repeat("Bonjour, je vous ai écrit le 3 octobre au sujet de mon titre de séjour et mon employeur attend. ", 110)},
		{"12KB", strings.Repeat("Mon titre de séjour expire, je vous ai écrit, toujours rien. ", 12<<10/62)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for i := 0; i < b.N; i++ {
				Analyze(Input{Subject: "relance", Body: c.body, NewEnd: len(c.body), Today: today})
			}
		})
	}
}
