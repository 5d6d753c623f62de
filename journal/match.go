package journal

import (
	"slices"
	"strings"
	"sync"

	"plume/message/detect"
	"plume/message/lexicon"
)

// index finds entries by what a new message carries: its reference, its
// numbers, its sender's address, its writer's name. Each table maps a key to
// the last entry that has it, the others chained behind it: a year of a desk
// is 50,000 entries, and a slice per key would cost as much as the rest of
// the opening.
type index struct {
	entries []*Entry
	tables  [nTables]table
}

// The tables of an index.
const (
	tRef = iota
	tNumber
	tEmail
	tName
	nTables
)

type table struct {
	head map[string]int32 // key → last entry with it
	next []int32          // entry → the previous entry with the same key, -1 at the end
}

// keysOf are an entry's keys in each table.
func keysOf(e *Entry, t int, out []string) []string {
	switch t {
	case tRef:
		return append(out, e.Ref)
	case tNumber:
		for _, n := range e.Numbers {
			if k := numberKey(n); k != "" {
				out = append(out, k)
			}
		}
	case tEmail:
		if k := emailKey(e.Email); k != "" {
			out = append(out, k)
		}
	case tName:
		if k := nameKey(e.Name); k != "" {
			out = append(out, k)
		}
	}
	return out
}

func newIndex(byKey map[string]*Entry) *index {
	ix := &index{entries: make([]*Entry, 0, len(byKey))}
	for _, e := range byKey {
		ix.entries = append(ix.entries, e)
	}
	// The four tables are built at once, each by its own goroutine.
	var wg sync.WaitGroup
	for t := range ix.tables {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tb := &ix.tables[t]
			tb.head = make(map[string]int32, len(ix.entries))
			tb.next = make([]int32, 0, len(ix.entries)+16)
			var keys []string
			for i, e := range ix.entries {
				tb.next = append(tb.next, -1)
				keys = keysOf(e, t, keys[:0])
				tb.link(keys, int32(i))
			}
		}()
	}
	wg.Wait()
	return ix
}

// link puts entry i at the head of each key's chain. An entry with the same
// key twice (two equal numbers) is linked once.
func (tb *table) link(keys []string, i int32) {
	for k, key := range keys {
		if slices.Contains(keys[:k], key) {
			continue
		}
		if prev, ok := tb.head[key]; ok {
			tb.next[i] = prev
		}
		tb.head[key] = i
	}
}

func (ix *index) add(e *Entry) {
	if e == nil {
		return
	}
	i := int32(len(ix.entries))
	ix.entries = append(ix.entries, e)
	for t := range ix.tables {
		tb := &ix.tables[t]
		tb.next = append(tb.next, -1)
		tb.link(keysOf(e, t, nil), i)
	}
}

// find lists the entries of table t with key.
func (ix *index) find(t int, key string) []*Entry {
	tb := &ix.tables[t]
	i, ok := tb.head[key]
	if !ok || key == "" {
		return nil
	}
	var out []*Entry
	for ; i >= 0; i = tb.next[i] {
		out = append(out, ix.entries[i])
	}
	return out
}

// numberKey: the letters and digits of a number, upper-case (« 2208 IM
// 5518336 » and « 2208IM5518336 » are one).
func numberKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	if b.Len() < 6 {
		return "" // too short to name one request
	}
	return b.String()
}

func emailKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.LastIndexByte(s, '<'); i >= 0 {
		s = strings.TrimSuffix(s[i+1:], ">")
	}
	if !strings.Contains(s, "@") {
		return ""
	}
	return s
}

// nameKey: the words of a name, folded as every reader of Plume folds them
// (lexicon.Fold: any accent, ligatures, typographic apostrophes) and sorted (« Fatou SOW » and « Sow
// Fatou » are one).
func nameKey(s string) string {
	ws := strings.Fields(lexicon.Fold(s))
	var keep []string
	for _, w := range ws {
		w = strings.Trim(w, ".,;:-'")
		if _, civility := lexicon.Civilities[w]; w == "" || civility {
			continue
		}
		keep = append(keep, w)
	}
	if len(keep) < 2 {
		return "" // a first name alone finds too many
	}
	slices.Sort(keep)
	return strings.Join(keep, " ")
}

// Keys are what a message offers to find a transfer.
type Keys struct {
	// Text is where a reference is looked for first, with its offsets:
	// the whole body, the quoted part included (a reply to our notice
	// quotes it); then the subject.
	Text    string
	Numbers []string
	Email   string
	Name    string
	Subject string
}

// How a message was matched, strongest first.
const (
	ByRef    = "référence"
	ByNumber = "numéro"
	ByEmail  = "adresse électronique"
	ByName   = "nom et objet"
)

// Match is a transfer a message is about.
type Match struct {
	Entry Entry
	By    string // ByRef, ByNumber…
	Value string // the reference, number, address or name that matched
	// Start and End are where Value is in Keys.Text, -1 when it was found
	// elsewhere: the banner shows those words.
	Start, End int
}

// Match finds the transfer a message is about: by its reference first,
// then its numbers, its sender's address, then its writer's name with a
// subject like the entry's. Among several, the open one recorded last.
func (j *Journal) Match(k Keys) (Match, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, r := range FindRefs(k.Text) {
		if e := pick(j.idx.find(tRef, r.Ref), nil); e != nil {
			return Match{Entry: e.clone(), By: ByRef, Value: r.Ref, Start: r.Start, End: r.End}, true
		}
	}
	for _, r := range FindRefs(k.Subject) {
		if e := pick(j.idx.find(tRef, r.Ref), nil); e != nil {
			return Match{Entry: e.clone(), By: ByRef, Value: r.Ref, Start: -1, End: -1}, true
		}
	}
	for _, n := range k.Numbers {
		if e := pick(j.idx.find(tNumber, numberKey(n)), nil); e != nil {
			return Match{Entry: e.clone(), By: ByNumber, Value: n, Start: -1, End: -1}, true
		}
	}
	if e := pick(j.idx.find(tEmail, emailKey(k.Email)), nil); e != nil {
		return Match{Entry: e.clone(), By: ByEmail, Value: emailKey(k.Email), Start: -1, End: -1}, true
	}
	if key := nameKey(k.Name); key != "" {
		similar := func(e *Entry) bool { return similarSubjects(e.Subject, k.Subject) }
		if e := pick(j.idx.find(tName, key), similar); e != nil {
			return Match{Entry: e.clone(), By: ByName, Value: k.Name, Start: -1, End: -1}, true
		}
	}
	return Match{}, false
}

// pick chooses among candidates: open ones before closed, the one recorded
// last.
func pick(es []*Entry, ok func(*Entry) bool) *Entry {
	var best *Entry
	for _, e := range es {
		if ok != nil && !ok(e) {
			continue
		}
		if best == nil || e.State.Open() && !best.State.Open() ||
			e.State.Open() == best.State.Open() && e.Transmitted.After(best.Transmitted) {
			best = e
		}
	}
	return best
}

// similarSubjects: the subjects share at least half of their words (after
// RE:, TR: and little words).
func similarSubjects(a, b string) bool {
	wa, wb := subjectWords(a), subjectWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return 2*common >= min(len(wa), len(wb))
}

func subjectWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(detect.Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		switch {
		case len(w) < 3, w == "re", w == "tr", w == "fwd", w == "les", w == "des", w == "pour", w == "mon", w == "une", w == "demande":
			continue
		}
		out[w] = true
	}
	return out
}
