package intake

import (
	"strings"
	"testing"
)

func BenchmarkZZBig(b *testing.B) {
	body := "x" + strings.Repeat("é", 1<<19)
	for b.Loop() {
		ParseText("", body)
	}
}
