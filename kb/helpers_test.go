package kb

import (
	"sync"
	"testing"
	"time"

	"plume/templates"
)

// testToday is the day the tests judge reviews and expiries against.
var testToday = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

var (
	defaultOnce   sync.Once
	defaultEngine *Engine
	defaultErr    error
)

// defaultKB loads and indexes the embedded knowledge base once for all tests.
func defaultKB(t testing.TB) *Engine {
	t.Helper()
	defaultOnce.Do(func() {
		k, _, err := Load(templates.FS, LoadOptions{Today: testToday})
		if err != nil {
			defaultErr = err
			return
		}
		defaultEngine, defaultErr = NewEngine(k)
	})
	if defaultErr != nil {
		t.Fatalf("base par défaut : %v", defaultErr)
	}
	return defaultEngine
}
