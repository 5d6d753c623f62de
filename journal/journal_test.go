package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// clock is a fake clock the tests move by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// monday 7 December 2026, 9:00, Paris.
var paris, _ = time.LoadLocation("Europe/Paris")
var monday = time.Date(2026, 12, 7, 9, 0, 0, 0, paris)

func open(t *testing.T, s Store, c *clock) *Journal {
	t.Helper()
	j, err := Open(Options{Store: s, Clock: c.now, Agent: "Agent Test"})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func sample() Entry {
	return Entry{Service: "immigration", Category: "sejour", Reasons: []string{"emploi"},
		Numbers: []string{"7512093348"}, Email: "fatou.sow@example.org", Name: "Fatou SOW",
		Subject: "Attestation de prolongation", Due: monday.AddDate(0, 0, 14)}
}

func TestATransferIsKeptWithoutTheMessageAndReadBack(t *testing.T) {
	dir := t.TempDir()
	c := &clock{monday}
	j := open(t, &Folder{Dir: dir, File: "a.jsonl"}, c)
	e, err := j.Transmit(sample())
	if err != nil {
		t.Fatal(err)
	}
	if !regexpRef.MatchString(e.Ref) || !strings.HasPrefix(e.Ref, "PLM-2612-") {
		t.Errorf("reference %q", e.Ref)
	}
	if e.State != WaitingService || !e.Transmitted.Equal(monday) || e.Agent != "Agent Test" {
		t.Errorf("entry %+v", e)
	}
	again := open(t, &Folder{Dir: dir, File: "b.jsonl"}, c)
	got, ok := again.Entry(e.Key)
	if !ok || got.Ref != e.Ref || got.Name != "Fatou SOW" || got.Numbers[0] != "7512093348" || !got.Due.Equal(e.Due) {
		t.Fatalf("read back %+v, want %+v", got, e)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "a.jsonl"))
	if strings.Contains(string(data), "body") || strings.Contains(string(data), "corps") {
		t.Errorf("the journal holds a message text: %s", data)
	}
	info, _ := os.Stat(filepath.Join(dir, "a.jsonl"))
	if info.Mode().Perm() != 0o600 {
		t.Errorf("journal file mode %v: personal data must be readable by its owner only", info.Mode().Perm())
	}
}

var regexpRef = refRe

func TestStatesCountsAndOrder(t *testing.T) {
	c := &clock{monday}
	j := open(t, &Memory{}, c)
	d := DefaultDelays
	late := sample()
	late.Due = d.Due(monday.AddDate(0, 0, -30), "immigration", false)
	late.Reasons = nil
	today := sample()
	today.Due = time.Date(2026, 12, 7, 23, 59, 59, 0, paris)
	later := sample()
	later.Due = d.Due(monday, "immigration", false)
	plain := later
	plain.Reasons = nil
	eLater, _ := j.Transmit(later)
	ePlain, _ := j.Transmit(plain)
	eToday, _ := j.Transmit(today)
	eLate, _ := j.Transmit(late)

	if got := j.Counts(); got != (Counts{DueToday: 1, Late: 1, Open: 4}) {
		t.Errorf("counts %+v", got)
	}
	order := []string{}
	for _, e := range j.Entries() {
		order = append(order, e.Key)
	}
	want := []string{eLate.Key, eToday.Key, eLater.Key, ePlain.Key}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		t.Errorf("order %v, want overdue, then sensitive by due date, then the others: %v", order, want)
	}

	// The next day, today's is late; once answered, it no longer counts.
	c.t = monday.AddDate(0, 0, 1)
	if got := j.Counts(); got.Late != 2 || got.DueToday != 0 {
		t.Errorf("next day counts %+v", got)
	}
	if err := j.SetState(eToday.Key, Answered); err != nil {
		t.Fatal(err)
	}
	if err := j.SetState(eLate.Key, WaitingPerson); err != nil {
		t.Fatal(err)
	}
	if got := j.Counts(); got != (Counts{Late: 0, Open: 3}) {
		t.Errorf("after answering: %+v", got)
	}
	if last := j.Entries()[3]; last.Key != eToday.Key {
		t.Errorf("an answered entry goes last, got %s", last.Key)
	}
	if err := j.SetState("inconnu", Closed); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown key: %v", err)
	}
}

func TestDueDatesInBusinessDaysOrHours(t *testing.T) {
	d, probs := ParseDelays(map[string]string{KeyDelay: "5", KeyDelayService + "cert-titres": "3", KeyUrgentHours: "24", "suivi_delai_jours_cabinet": "beaucoup"})
	if len(probs) != 1 || !strings.Contains(probs[0], "suivi_delai_jours_cabinet") {
		t.Errorf("problems %v", probs)
	}
	// Thursday 24 December 2026 + 5 business days: Christmas (Friday), the
	// weekend and New Year's Day skipped → Monday 4 January 2027.
	thu := time.Date(2026, 12, 24, 10, 0, 0, 0, paris)
	if got := d.Due(thu, "immigration", false).Format("2006-01-02 15:04"); got != "2027-01-04 23:59" {
		t.Errorf("5 business days after Thursday 24 December 2026: %s, want the end of Monday 4 January 2027", got)
	}
	if got := d.Due(thu, "cert-titres", false).Format("2006-01-02"); got != "2026-12-30" {
		t.Errorf("cert-titres, 3 business days: %s", got)
	}
	if got := d.Due(thu, "immigration", true); !got.Equal(thu.Add(24 * time.Hour)) {
		t.Errorf("urgent: %v", got)
	}
	e := Entry{State: WaitingService, Due: d.Due(thu, "immigration", false)}
	if got := e.Overrun(time.Date(2027, 1, 8, 9, 0, 0, 0, paris)); got != "4 jours ouvrés" {
		t.Errorf("overrun %q", got)
	}
	u := Entry{State: WaitingService, Urgent: true, Due: thu.Add(24 * time.Hour)}
	if got := u.Overrun(thu.Add(29 * time.Hour)); got != "5 heures" {
		t.Errorf("urgent overrun %q", got)
	}
}

func TestAMessageFindsItsTransfer(t *testing.T) {
	c := &clock{monday}
	j := open(t, &Memory{}, c)
	e, _ := j.Transmit(sample())
	other := sample()
	other.Numbers, other.Email, other.Name, other.Subject = []string{"AB-123-CD"}, "autre@example.org", "Jean Martin", "Carte grise"
	o, _ := j.Transmit(other)
	ref := strings.Split(e.Ref, "-")
	cases := []struct {
		name string
		k    Keys
		want string
		by   string
	}{
		{"reference as written", Keys{Text: "Objet : RE: votre demande " + e.Ref}, e.Key, ByRef},
		{"reference in lower case with spaces", Keys{Text: "ma référence plm " + ref[1] + " " + ref[2] + " merci"}, e.Key, ByRef},
		{"number", Keys{Numbers: []string{"75 12 09 33 48"}}, e.Key, ByNumber},
		{"plate", Keys{Numbers: []string{"ab123cd"}}, o.Key, ByNumber},
		{"sender", Keys{Email: "Fatou Sow <Fatou.Sow@Example.org>"}, e.Key, ByEmail},
		{"name and a like subject", Keys{Name: "Sow Fatou", Subject: "RE: attestation prolongation"}, e.Key, ByName},
	}
	for _, c := range cases {
		m, ok := j.Match(c.k)
		if !ok || m.Entry.Key != c.want || m.By != c.by {
			t.Errorf("%s: got %v %+v", c.name, ok, m)
		}
	}
	if m, ok := j.Match(Keys{Name: "Fatou Sow", Subject: "Naturalisation de mon mari"}); ok {
		t.Errorf("the same name on another matter matched: %+v", m)
	}
	if m, ok := j.Match(Keys{Text: "PLM-2612-9999 n'existe pas", Numbers: []string{"1234"}}); ok {
		t.Errorf("matched %+v", m)
	}
	m, _ := j.Match(Keys{Text: "au sujet de " + e.Ref})
	if got := "au sujet de " + e.Ref; got[m.Start:m.End] != e.Ref {
		t.Errorf("span %d:%d", m.Start, m.End)
	}
}

func TestAConflictCopyCountsOnce(t *testing.T) {
	dir := t.TempDir()
	c := &clock{monday}
	j := open(t, &Folder{Dir: dir, File: "a.jsonl"}, c)
	e, _ := j.Transmit(sample())
	_ = j.SetState(e.Key, WaitingPerson)
	data, _ := os.ReadFile(filepath.Join(dir, "a.jsonl"))
	for _, name := range []string{"a (conflicted copy 2026-12-07).jsonl", "a.sync-conflict-20261207-090000-ABCDEFG.jsonl"} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	again := open(t, &Folder{Dir: dir, File: "b.jsonl"}, c)
	if got := again.Entries(); len(got) != 1 || got[0].State != WaitingPerson {
		t.Errorf("entries %+v", got)
	}
}

func TestAFailedWriteKeepsTheEntryAndWritesItLater(t *testing.T) {
	c := &clock{monday}
	mem := &Memory{Fail: errors.New("no space left on device")}
	j := open(t, mem, c)
	e, err := j.Transmit(sample())
	if !errors.Is(err, ErrNotWritten) || !strings.Contains(err.Error(), "n'a pas pu être écrit") {
		t.Fatalf("error %v", err)
	}
	if _, ok := j.Entry(e.Key); !ok || e.Ref == "" {
		t.Fatal("the entry is lost")
	}
	if n, why := j.Unwritten(); n != 1 || why == nil {
		t.Errorf("unwritten %d %v", n, why)
	}
	_ = j.SetState(e.Key, Closed)
	mem.Fail = nil
	if err := j.Flush(); err != nil {
		t.Fatal(err)
	}
	again := open(t, mem, c)
	if got, ok := again.Entry(e.Key); !ok || got.State != Closed {
		t.Errorf("after the flush: %+v %v", got, ok)
	}

	// A file that cannot be written (here a folder in its place) says so
	// in French, and the entry stays.
	dir := t.TempDir()
	_ = os.Mkdir(filepath.Join(dir, "a.jsonl"), 0o700)
	jf := open(t, &Folder{Dir: dir, File: "a.jsonl"}, c)
	if _, err := jf.Transmit(sample()); !errors.Is(err, ErrNotWritten) || !strings.Contains(err.Error(), "a.jsonl") {
		t.Errorf("error %v", err)
	}
	if len(jf.Entries()) != 1 {
		t.Error("entry lost")
	}
}

func TestEntriesPastTheRetentionArePurged(t *testing.T) {
	dir := t.TempDir()
	c := &clock{monday.AddDate(-2, 0, 0)}
	store := &Folder{Dir: dir, File: "a.jsonl"}
	j := open(t, store, c)
	old, _ := j.Transmit(sample())
	c.t = monday.AddDate(0, -1, 0)
	recent, _ := j.Transmit(sample())
	c.t = monday
	again := open(t, store, c)
	if _, ok := again.Entry(old.Key); ok {
		t.Error("a two-year-old entry is still there")
	}
	if _, ok := again.Entry(recent.Key); !ok {
		t.Error("a month-old entry was purged")
	}
	data, _ := os.ReadFile(filepath.Join(dir, "a.jsonl"))
	if strings.Contains(string(data), old.Key) {
		t.Error("the purged entry is still in the agent's file")
	}
}

// The writer child: appends numbered events to its own file until killed
// (TestAKilledWriterLosesNothingWritten) or for n events
// (TestTwoWritersAtOnce).
func TestMain(m *testing.M) {
	if dir := os.Getenv("PLUME_JOURNAL_CHILD"); dir != "" {
		n, _ := strconv.Atoi(os.Getenv("PLUME_JOURNAL_N"))
		f := &Folder{Dir: dir, File: os.Getenv("PLUME_JOURNAL_FILE")}
		pad := strings.Repeat("x", 4000) // long events: a kill often lands inside one
		for i := 1; n == 0 || i <= n; i++ {
			e := sample()
			e.Subject = pad
			e.Ref = fmt.Sprintf("PLM-2612-%04d", i%10000)
			if err := f.Append(Event{ID: fmt.Sprintf("%s-%d", f.File, i), At: monday.Add(time.Duration(i) * time.Second), Kind: EvTransmitted, Ref: e.Ref, Entry: &e}); err != nil {
				os.Exit(3)
			}
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func child(t *testing.T, dir, file string, n int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PLUME_JOURNAL_CHILD="+dir, "PLUME_JOURNAL_FILE="+file, "PLUME_JOURNAL_N="+strconv.Itoa(n))
	return cmd
}

func TestAKilledWriterLosesNothingWritten(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("the browser starts no process; its journal is in its storage")
	}
	for round := 0; round < 3; round++ {
		dir := t.TempDir()
		cmd := child(t, dir, "a.jsonl", 0)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it while it writes: once it has started (a race-enabled
		// child starts slowly), a little later each round.
		path := filepath.Join(dir, "a.jsonl")
		for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(5 * time.Millisecond) {
			if st, err := os.Stat(path); err == nil && st.Size() > 20000 {
				break
			}
		}
		time.Sleep(time.Duration(20+30*round) * time.Millisecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		// Cut the file inside its last event, as a kill during the write
		// does when the event is larger than one write of the disk.
		data, _ := os.ReadFile(path)
		if len(data) < 10 {
			t.Fatalf("the child wrote nothing")
		}
		_ = os.WriteFile(path, data[:len(data)-1000], 0o600)

		j := open(t, &Folder{Dir: dir, File: "b.jsonl"}, &clock{monday})
		n := len(j.Entries())
		if n == 0 {
			t.Fatal("nothing read")
		}
		// Every event before the torn one is there, numbered 1..n.
		for _, e := range j.Entries() {
			i, _ := strconv.Atoi(strings.TrimPrefix(e.Key, "a.jsonl-"))
			if i < 1 || i > n {
				t.Errorf("event %s read while %d events were read", e.Key, n)
			}
		}
		probs := j.Problems()
		if len(probs) != 1 || !strings.Contains(probs[0].String(), "a.jsonl:") || !strings.Contains(probs[0].Message, "incomplète") {
			t.Errorf("problems %v", probs)
		}
		// Writing again starts on a fresh line: the torn one stays alone.
		jw := open(t, &Folder{Dir: dir, File: "a.jsonl"}, &clock{monday})
		if _, err := jw.Transmit(sample()); err != nil {
			t.Fatal(err)
		}
		j2 := open(t, &Folder{Dir: dir, File: "b.jsonl"}, &clock{monday})
		if len(j2.Entries()) != n+1 {
			t.Errorf("after a new write: %d entries, want %d", len(j2.Entries()), n+1)
		}
	}
}

func TestTwoWritersAtOnce(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("the browser starts no process")
	}
	dir := t.TempDir()
	a, b := child(t, dir, "a.jsonl", 300), child(t, dir, "b.jsonl", 300)
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	if err := b.Start(); err != nil {
		t.Fatal(err)
	}
	if err := a.Wait(); err != nil {
		t.Fatal(err)
	}
	if err := b.Wait(); err != nil {
		t.Fatal(err)
	}
	j := open(t, &Folder{Dir: dir, File: "c.jsonl"}, &clock{monday})
	if got := len(j.Entries()); got != 600 {
		t.Errorf("%d entries, want both writers' 300", got)
	}
	if p := j.Problems(); len(p) != 0 {
		t.Errorf("problems %v", p)
	}
}

// Whatever a journal file holds, reading it never fails or panics: a line
// is an event or is named.
func FuzzParseFile(f *testing.F) {
	f.Add([]byte(`{"id":"a-1","at":"2026-12-07T09:00:00+01:00","ev":"transmis","ref":"PLM-2612-0042","entree":{"ref":"PLM-2612-0042","service":"immigration"}}` + "\n" + `{"id":"a-2","ev":"etat","de":"a-1","etat":"clos"}`))
	f.Add([]byte("{\"id\":\n\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, line := range strings.Split(string(data), "\n") {
			var fast, slow Event
			d := decoder{b: []byte(line)}
			if d.event(&fast) && d.end() {
				if err := json.Unmarshal([]byte(line), &slow); err == nil {
					fb, _ := json.Marshal(fast)
					sb, _ := json.Marshal(slow)
					if string(fb) != string(sb) {
						t.Errorf("fast %s\nslow %s", fb, sb)
					}
				}
			}
		}
		evs, probs := parseFiles([]fileLines{{"f.jsonl", data}})
		byKey := map[string]*Entry{}
		for _, ev := range evs {
			apply(byKey, ev)
		}
		for _, p := range probs {
			if p.Line < 1 {
				t.Errorf("problem without a line: %v", p)
			}
		}
		_ = newIndex(byKey)
	})
}

// The fast reader of journal lines reads what encoding/json reads, or
// leaves the line to it.
func TestTheFastReaderAgreesWithEncodingJSON(t *testing.T) {
	e := sample()
	e.Ref, e.Received, e.Transmitted, e.Urgent, e.Relance = "PLM-2612-0042", monday, monday.Add(time.Hour), true, true
	e.Name = "Zoë « N'Diaye » \\ \"test\"\t" // escapes: the slow path
	lines := [][]byte{}
	for _, ev := range []Event{
		{ID: "a-1", At: monday, Kind: EvTransmitted, Ref: e.Ref, Agent: "Agent", Entry: &e},
		{ID: "a-2", At: monday.Add(time.Minute), Kind: EvState, Of: "a-1", Ref: e.Ref, State: Closed},
	} {
		b, _ := json.Marshal(ev)
		lines = append(lines, b)
	}
	plain := sample()
	b, _ := json.Marshal(Event{ID: "a-3", At: monday, Kind: EvTransmitted, Entry: &plain})
	lines = append(lines, b, []byte(` { "id" : "a-4" , "ev":"ecrit","de":"a-1","futur":1} `), []byte(`{"id":"a-5","ev":"etat","entree":null,"etat":"clos"}`))
	for _, line := range lines {
		var fast, slow Event
		if err := decodeEvent(line, &fast); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if err := json.Unmarshal(line, &slow); err != nil {
			t.Fatal(err)
		}
		fb, _ := json.Marshal(fast)
		sb, _ := json.Marshal(slow)
		if string(fb) != string(sb) {
			t.Errorf("fast %s\nslow %s", fb, sb)
		}
	}
}

// The browser keeps its journal to itself: exported, then imported into
// another journal (or the same one again), nothing is lost or doubled.
func TestAJournalExportedAndImportedLosesNothingAndDoublesNothing(t *testing.T) {
	c := &clock{monday}
	a := open(t, &Memory{}, c)
	e, _ := a.Transmit(sample())
	_ = a.SetState(e.Key, WaitingPerson)
	_ = a.Replied(Tally{Category: "sejour"})
	var buf bytes.Buffer
	if err := a.Export(&buf); err != nil {
		t.Fatal(err)
	}
	b := open(t, &Memory{}, c)
	_, _ = b.Transmit(sample())
	data := append(buf.Bytes(), []byte("{pas du json\n")...)
	n, probs, err := b.Import("export.jsonl", data)
	if err != nil || n != 3 || len(probs) != 1 || probs[0].Line != 4 {
		t.Fatalf("import: %d added, %v, %v", n, probs, err)
	}
	if got, ok := b.Entry(e.Key); !ok || got.State != WaitingPerson {
		t.Errorf("imported entry %+v", got)
	}
	if len(b.Entries()) != 2 || len(b.Tallies(time.Time{})) != 1 {
		t.Errorf("%d entries, %d tallies", len(b.Entries()), len(b.Tallies(time.Time{})))
	}
	if n, _, _ := b.Import("export.jsonl", buf.Bytes()); n != 0 {
		t.Errorf("importing again added %d events", n)
	}
}

// slowStore holds Load until told: a reload reading a shared folder while
// the agent records.
type slowStore struct {
	*Memory
	reading, release chan struct{}
}

func (s *slowStore) Load() ([]Event, []Problem, error) {
	evs, probs, err := s.Memory.Load()
	if s.reading != nil {
		close(s.reading)
		<-s.release
	}
	return evs, probs, err
}

// A transfer recorded while the journal is read again (the minute's tick)
// does not vanish from the list until the next reading.
func TestATransferRecordedDuringAReloadStaysInView(t *testing.T) {
	c := &clock{monday}
	store := &slowStore{Memory: &Memory{}}
	j := open(t, store, c)
	store.reading, store.release = make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() { done <- j.Reload() }()
	<-store.reading // the files are read; the agent records now
	e, err := j.Transmit(sample())
	if err != nil {
		t.Fatal(err)
	}
	close(store.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, ok := j.Entry(e.Key); !ok {
		t.Error("the transfer recorded during the reload is gone")
	}
	if m, ok := j.Match(Keys{Text: e.Ref}); !ok || m.Entry.Key != e.Key {
		t.Error("and its reference no longer finds it")
	}
}
