package search

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"plume/kb"
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
		// The tests' engine reads testToday, never the wall clock: the
		// suite gives the same verdicts on any day it runs.
		k, _, err := kb.Load(templates.FS, kb.LoadOptions{Now: kb.At(testToday)})
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

// engineAt indexes the embedded base again with its clock at day, for a
// test about what changes with the date (the shared engine stays at
// testToday).
func engineAt(t testing.TB, day time.Time) *Engine {
	t.Helper()
	k, _, err := kb.Load(templates.FS, kb.LoadOptions{Now: kb.At(day)})
	if err != nil {
		t.Fatal(err)
	}
	return indexed(t, k)
}

// indexed is a new engine of k, closed when the test ends.
func indexed(t testing.TB, k *kb.KB) *Engine {
	t.Helper()
	e, err := NewEngine(k)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// labelledMessages reads the labelled test sets: the holdout and blind sets
// in the repository, and the project's dev set, which sits outside it and is
// read when there, as on the developers' machines.
func labelledMessages(t testing.TB) []Message {
	t.Helper()
	var out []Message
	for _, name := range []string{"../testdata/holdout.jsonl", "../testdata/blind.jsonl", "../../shared/eval/dev.jsonl"} {
		f, err := os.Open(name)
		if os.IsNotExist(err) && strings.Contains(name, "shared") {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var m Message
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			out = append(out, m)
		}
		f.Close()
	}
	return out
}
