package kb

import (
	"fmt"
	"testing"
)

// Speed targets (issue 2): suggest p99 ≤ 5 ms at 1,000 items and ≤ 16 ms at
// 10,000; index build ≤ 0.5 s at 1,000 and ≤ 4 s at 10,000. Measured here as
// benchmarks (make bench), never asserted in tests.

func BenchmarkSuggest(b *testing.B) {
	base := defaultKB(b).KB()
	for _, n := range []int{0, 1000, 10000} {
		k, name := base, "default"
		if n > 0 {
			k, name = Synthesize(base, n, 1), fmt.Sprint(n)
		}
		e, err := NewEngine(k)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := e.Suggest(SampleMessages[i%len(SampleMessages)]); err != nil {
					b.Fatal(err)
				}
			}
		})
		e.Close()
	}
}

func BenchmarkBuildIndex(b *testing.B) {
	base := defaultKB(b).KB()
	for _, n := range []int{1000, 10000} {
		k := Synthesize(base, n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				e, err := NewEngine(k)
				if err != nil {
					b.Fatal(err)
				}
				e.Close()
			}
		})
	}
}
