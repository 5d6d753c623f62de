package search

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"plume/kb"
	"plume/templates"
)

// prepareDefault is the prepared engine of the embedded base, as `plume kb
// export` puts it in a bundle.
func prepareDefault(t *testing.T) []byte {
	t.Helper()
	k, _, err := kb.Load(templates.FS, kb.LoadOptions{Now: kb.At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	data, err := Prepare(k)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// answers is what an engine says of the first n labelled messages (all
// when n is 0), as JSON.
func answers(t *testing.T, e *Engine, n int) []string {
	t.Helper()
	msgs := labelledMessages(t)
	if n > 0 {
		msgs = msgs[:n]
	}
	var out []string
	for _, m := range msgs {
		a, err := e.Analyze(m)
		if err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(data))
	}
	return out
}

// withoutEmptyLists is it with its empty lists as nil: Load may give either.
func withoutEmptyLists(it kb.Item) kb.Item {
	for _, l := range []*[]string{&it.Keywords, &it.NotFor, &it.WhenIn, &it.Reasons} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	if len(it.Variables) == 0 {
		it.Variables = nil
	}
	return it
}

// openBase opens the embedded base with a prepared engine (nil: none).
func openBase(t *testing.T, prepared []byte) (*Engine, kb.Problems) {
	t.Helper()
	e, probs, err := Open(kb.Base{Origin: kb.Published, Name: "kb.bundle", FS: templates.FS, Prepared: prepared}, kb.LoadOptions{Now: kb.At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, probs
}

// The page serves a bundle's prepared engine instead of reading the files:
// every suggestion, flag, score and highlighted word must be the ones the
// files give.
func TestPreparedEngineAnswersAsTheFiles(t *testing.T) {
	fromFiles, _ := openBase(t, nil)
	prepared, probs := openBase(t, prepareDefault(t))
	if len(probs) > 0 {
		t.Fatalf("the prepared engine was set aside: %v", probs)
	}
	if len(prepared.KB().Items) != len(fromFiles.KB().Items) || prepared.judge == nil {
		t.Fatalf("prepared base: %d items, judge %v; files: %d items", len(prepared.KB().Items), prepared.judge != nil, len(fromFiles.KB().Items))
	}
	// Every field of every item, as Load read it.
	for i, it := range fromFiles.KB().Items {
		if got, want := withoutEmptyLists(*prepared.KB().Items[i]), withoutEmptyLists(*it); !reflect.DeepEqual(got, want) {
			t.Fatalf("item %s:\nprepared %+v\nfiles    %+v", it.ID, got, want)
		}
	}
	want, got := answers(t, fromFiles, 0), answers(t, prepared, 0)
	if len(want) < 150 {
		t.Fatalf("only %d messages to compare", len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("message %d:\nprepared %s\nfiles    %s", i, got[i], want[i])
		}
	}
}

// A prepared engine this build cannot vouch for — made by a build whose
// analyzer differs, in another layout, or damaged — is set aside: the
// files are read, the answers are theirs, and a warning says why the start
// was slower and how to mend it.
func TestPreparedEngineOfAnotherBuildIsSetAside(t *testing.T) {
	good := prepareDefault(t)
	edit := func(change func(*prepared)) []byte {
		p, err := decodePrepared(good)
		if err != nil {
			t.Fatal(err)
		}
		change(&p)
		data, err := p.encode()
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	// Set aside, the files are read as without a prepared engine: a few
	// messages say the engine is whole (the test above compares them all).
	fromFiles, _ := openBase(t, nil)
	want := answers(t, fromFiles, 20)
	cases := map[string][]byte{
		"another analyzer": edit(func(p *prepared) { p.Analyzer = "autre" }),
		"another layout":   edit(func(p *prepared) { p.Format = "plume-moteur/0" }),
		"a damaged segment": edit(func(p *prepared) {
			p.Segments[0] = bytes.Clone(p.Segments[0])
			p.Segments[0][len(p.Segments[0])/2] ^= 0xff
		}),
		"a segment missing":     edit(func(p *prepared) { p.Segments = nil }),
		"cut short":             good[:len(good)-1],
		"not a prepared engine": []byte("bonjour"),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			e, probs := openBase(t, data)
			if len(probs) == 0 || !strings.Contains(probs[0].String(), "plume kb export") || probs[0].Level != kb.LevelWarning {
				t.Errorf("problems %v: want a warning naming plume kb export", probs)
			}
			got := answers(t, e, 20)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("message %d answered differently once set aside", i)
				}
			}
		})
	}
}
