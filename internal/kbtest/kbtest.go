// Package kbtest gives the tests of the packages above the engine (compose,
// journal) the embedded knowledge base indexed once per day and judge, its
// engine judging dates on that fixed day, so that a suite gives the same
// verdicts on any day it runs.
package kbtest

import (
	"sync"
	"testing"
	"time"

	"plume/kb"
	"plume/search"
	"plume/templates"
)

// Wednesday is the day most tests write on: Wednesday 25 November 2026.
var Wednesday = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

type key struct {
	day   time.Time
	rules bool
}

var (
	mu      sync.Mutex
	engines = map[key]*search.Engine{}
)

// Engine is the embedded base indexed once for day: its engine reads day
// as today. With rulesOnly the learned judge is left out, for tests about
// what is done with a reading, which must not change at each retraining.
func Engine(t testing.TB, day time.Time, rulesOnly bool) *search.Engine {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	k := key{day, rulesOnly}
	if e := engines[k]; e != nil {
		return e
	}
	e, _, err := search.Open(kb.Base{Origin: kb.Embedded, Name: kb.DefaultName, FS: templates.FS},
		kb.LoadOptions{Now: kb.At(day), RulesOnly: rulesOnly})
	if err != nil {
		t.Fatalf("base par défaut : %v", err)
	}
	engines[k] = e
	return e
}
