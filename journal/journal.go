package journal

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Options open a journal.
type Options struct {
	Store Store
	// Clock gives the time; time.Now when nil. Tests and the app's
	// reminders use the same clock.
	Clock func() time.Time
	// Agent is who records (the agent's name from the settings).
	Agent string
	// RetentionMonths: entries older than this are purged (default 12,
	// site.yaml's suivi_conservation_mois).
	RetentionMonths int
}

// Journal is the desk's transfer journal, read from its store and kept
// current as the agent records. It is safe for concurrent use.
type Journal struct {
	mu      sync.Mutex
	opt     Options
	byKey   map[string]*Entry
	idx     *index
	tallies []TallyAt // the replies copied, oldest first
	pending []Event   // recorded, not yet on disk
	// duringLoad collects what is recorded while Reload reads the files
	// (nil when no reload runs).
	duringLoad []Event
	lastErr    error
	problems   []Problem
	idBase     string
	seq        int
}

// Open reads the journal. The entries past the retention period are
// purged from this agent's own file. A store that cannot be read is an
// error; lines left aside are in Problems.
func Open(opt Options) (*Journal, error) {
	if opt.Clock == nil {
		opt.Clock = time.Now
	}
	if opt.RetentionMonths <= 0 {
		opt.RetentionMonths = 12
	}
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	j := &Journal{opt: opt, idBase: strconv.FormatInt(opt.Clock().UnixNano(), 36) + hex.EncodeToString(rnd[:])}
	if err := j.Reload(); err != nil {
		return nil, err
	}
	// A purge that cannot be written now is done at a later opening.
	_ = j.purge()
	return j, nil
}

// Where says where the journal is kept.
func (j *Journal) Where() string { return j.opt.Store.Where() }

// Reload reads the store again (other agents' files change as they
// record), keeping what this agent recorded and could not write yet.
func (j *Journal) Reload() error {
	// What this agent records while the files are read may be written
	// after its file was read: it is kept aside and added back.
	j.mu.Lock()
	j.duringLoad = []Event{}
	j.mu.Unlock()
	evs, probs, err := j.opt.Store.Load()
	j.mu.Lock()
	defer j.mu.Unlock()
	recent := j.duringLoad
	j.duringLoad = nil
	if err != nil {
		return err
	}
	if extra := append(slices.Clone(j.pending), recent...); len(extra) > 0 {
		have := make(map[string]bool, len(evs))
		for _, ev := range evs {
			have[ev.ID] = true
		}
		for _, ev := range extra {
			if !have[ev.ID] {
				have[ev.ID] = true
				evs = append(evs, ev)
			}
		}
	}
	j.problems = probs
	cutoff := j.opt.Clock().AddDate(0, -j.opt.RetentionMonths, 0)
	byKey := make(map[string]*Entry, len(evs)/2)
	var tallies []TallyAt
	for _, ev := range evs {
		if ev.Kind == EvReplied {
			if ev.Tally != nil && !ev.At.Before(cutoff) {
				tallies = append(tallies, TallyAt{ev.At, *ev.Tally})
			}
			continue
		}
		apply(byKey, ev)
	}
	for k, e := range byKey {
		if e.Transmitted.Before(cutoff) && e.Updated.Before(cutoff) {
			delete(byKey, k)
		}
	}
	j.byKey = byKey
	j.tallies = tallies
	j.idx = newIndex(byKey)
	return nil
}

// TallyAt is a reply copied, with when.
type TallyAt struct {
	At time.Time
	Tally
}

// Replied counts a reply copied, for the desk's figures.
func (j *Journal) Replied(t Tally) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.record(Event{Kind: EvReplied, Tally: &t})
}

// Tallies returns the replies copied since a day (all when zero).
func (j *Journal) Tallies(since time.Time) []TallyAt {
	j.mu.Lock()
	defer j.mu.Unlock()
	i := sort.Search(len(j.tallies), func(i int) bool { return !j.tallies[i].At.Before(since) })
	return slices.Clone(j.tallies[i:])
}

// purge rewrites this agent's own file without the events of entries past
// the retention period (the other agents purge their own files).
func (j *Journal) purge() error {
	own, err := j.opt.Store.Own()
	if err != nil {
		return err
	}
	j.mu.Lock()
	keep := make([]Event, 0, len(own))
	cutoff := j.opt.Clock().AddDate(0, -j.opt.RetentionMonths, 0)
	for _, ev := range own {
		key := ev.Of
		switch ev.Kind {
		case EvTransmitted:
			key = ev.ID
		case EvReplied:
			if !ev.At.Before(cutoff) {
				keep = append(keep, ev)
			}
			continue
		}
		if j.byKey[key] != nil {
			keep = append(keep, ev)
		}
	}
	j.mu.Unlock()
	if len(keep) == len(own) {
		return nil
	}
	return j.opt.Store.Rewrite(keep)
}

// record applies ev and writes it with those still waiting; the entry
// stays in memory whatever happens to the write.
func (j *Journal) record(ev Event) error {
	j.seq++
	ev.ID = j.idBase + "-" + strconv.Itoa(j.seq)
	ev.At = j.opt.Clock()
	ev.Agent = j.opt.Agent
	if j.duringLoad != nil {
		j.duringLoad = append(j.duringLoad, ev)
	}
	switch ev.Kind {
	case EvReplied:
		j.tallies = append(j.tallies, TallyAt{ev.At, *ev.Tally})
	case EvTransmitted:
		apply(j.byKey, ev)
		j.idx.add(j.byKey[ev.ID])
	default:
		apply(j.byKey, ev)
	}
	j.pending = append(j.pending, ev)
	return j.flushLocked()
}

// Flush writes the events recorded but not yet on disk; the app calls it
// on a timer, so that a folder back online (or a disk with room again)
// gets them.
func (j *Journal) Flush() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.flushLocked()
}

func (j *Journal) flushLocked() error {
	for len(j.pending) > 0 {
		if err := j.opt.Store.Append(j.pending[0]); err != nil {
			j.lastErr = err
			return err
		}
		j.pending = j.pending[1:]
	}
	j.lastErr = nil
	return nil
}

// Unwritten is how many events wait to be written, and why the last write
// failed.
func (j *Journal) Unwritten() (int, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.pending), j.lastErr
}

// Problems are the lines left aside at the last reading.
func (j *Journal) Problems() []Problem {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.problems)
}

// ErrUnknown is returned for a key no entry has.
var ErrUnknown = errors.New("transfert inconnu du journal")

// Transmit records a transfer. The reference is chosen when e.Ref is
// empty; Transmitted is now. The entry is returned whatever the write:
// when the store refuses it (ErrNotWritten), it is kept in memory and
// written at the next Flush.
func (j *Journal) Transmit(e Entry) (Entry, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.opt.Clock()
	if e.Ref == "" {
		e.Ref = newRef(now, func(r string) bool { return len(j.idx.find(tRef, r)) > 0 })
	}
	e.Transmitted = now
	if e.Received.IsZero() {
		e.Received = now
	}
	if e.Agent == "" {
		e.Agent = j.opt.Agent
	}
	err := j.record(Event{Kind: EvTransmitted, Ref: e.Ref, Entry: &e})
	key := j.idBase + "-" + strconv.Itoa(j.seq)
	return j.byKey[key].clone(), err
}

// SetState moves an entry to state s.
func (j *Journal) SetState(key string, s State) error {
	return j.event(key, Event{Kind: EvState, State: s})
}

// Wrote records that the person wrote again about the entry.
func (j *Journal) Wrote(key string) error { return j.event(key, Event{Kind: EvWritten}) }

// Chased records that the service was chased.
func (j *Journal) Chased(key string) error { return j.event(key, Event{Kind: EvChased}) }

func (j *Journal) event(key string, ev Event) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	e := j.byKey[key]
	if e == nil {
		return ErrUnknown
	}
	ev.Of, ev.Ref = key, e.Ref
	return j.record(ev)
}

// Entry returns the entry of key.
func (j *Journal) Entry(key string) (Entry, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	e := j.byKey[key]
	if e == nil {
		return Entry{}, false
	}
	return e.clone(), true
}

func (e *Entry) clone() Entry {
	c := *e
	c.Reasons = slices.Clone(e.Reasons)
	c.Numbers = slices.Clone(e.Numbers)
	c.Written = slices.Clone(e.Written)
	c.Chased = slices.Clone(e.Chased)
	return c
}

// Entries returns every entry in the order the Suivi tab shows them: open
// ones first, overdue first (the longest overdue on top), then the
// sensitive ones, then by due date; closed ones last, the most recent
// first.
func (j *Journal) Entries() []Entry {
	j.mu.Lock()
	now := j.opt.Clock()
	out := make([]Entry, 0, len(j.byKey))
	for _, e := range j.byKey {
		out = append(out, e.clone())
	}
	j.mu.Unlock()
	sort.Slice(out, func(a, b int) bool { return before(&out[a], &out[b], now) })
	return out
}

func before(x, y *Entry, now time.Time) bool {
	if xo, yo := x.State.Open(), y.State.Open(); xo != yo {
		return xo
	}
	if !x.State.Open() {
		if !x.Updated.Equal(y.Updated) {
			return x.Updated.After(y.Updated)
		}
		return x.Key < y.Key
	}
	if xl, yl := x.Overdue(now), y.Overdue(now); xl != yl {
		return xl
	}
	if xs, ys := len(x.Reasons) > 0, len(y.Reasons) > 0; xs != ys {
		return xs
	}
	if !x.Due.Equal(y.Due) {
		return x.Due.Before(y.Due)
	}
	return x.Key < y.Key
}

// Counts are the reminders always shown in the window.
type Counts struct {
	DueToday int // waiting on the service, due today
	Late     int // waiting on the service, past due
	Open     int // waiting on the service or the person
}

// Counts counts the entries to chase, at the journal's clock.
func (j *Journal) Counts() Counts {
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.opt.Clock()
	var c Counts
	for _, e := range j.byKey {
		if !e.State.Open() {
			continue
		}
		c.Open++
		switch {
		case e.Overdue(now):
			c.Late++
		case e.DueToday(now):
			c.DueToday++
		}
	}
	return c
}

func sameDay(a, b time.Time) bool {
	a, b = a.In(time.Local), b.In(time.Local)
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// Export writes every event of the journal, one JSON line each: the file
// another post (or the same browser later) imports.
func (j *Journal) Export(w io.Writer) error {
	evs, _, err := j.opt.Store.Load()
	if err != nil {
		return err
	}
	j.mu.Lock()
	evs = append(evs, j.pending...)
	j.mu.Unlock()
	return WriteEvents(w, evs)
}

// Import adds the events of an exported journal that this one does not
// have (by their ID: importing twice adds nothing), and reads the journal
// again. Unreadable lines are left aside and named.
func (j *Journal) Import(name string, data []byte) (int, []Problem, error) {
	evs, probs := ReadEvents(name, data)
	have, _, err := j.opt.Store.Load()
	if err != nil {
		return 0, probs, err
	}
	known := make(map[string]bool, len(have))
	for _, ev := range have {
		known[ev.ID] = true
	}
	added := 0
	for _, ev := range evs {
		if known[ev.ID] {
			continue
		}
		if err := j.opt.Store.Append(ev); err != nil {
			return added, probs, err
		}
		known[ev.ID] = true
		added++
	}
	return added, probs, j.Reload()
}
