package kb

import (
	"sync"
	"testing"
	"time"

	"plume/templates"
)

// testToday is the day the tests judge reviews and expiries against.
var testToday = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// defaultBase loads the embedded knowledge base once for all tests, its
// clock at testToday.
var defaultBase = func() func(t testing.TB) *KB {
	var (
		once sync.Once
		k    *KB
		err  error
	)
	return func(t testing.TB) *KB {
		t.Helper()
		once.Do(func() {
			k, _, err = Load(templates.FS, LoadOptions{Now: At(testToday)})
		})
		if err != nil {
			t.Fatalf("base par défaut : %v", err)
		}
		return k
	}
}()
