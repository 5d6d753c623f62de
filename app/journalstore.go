package app

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"

	"plume/journal"
)

const (
	prefJournalDir = "journal.dossier"
	prefJournalID  = "journal.poste"  // this installation's id, in its file's name
	prefJournalEvs = "journal.events" // the browser's journal
)

// defaultJournalDir is the journal's folder when the settings name none.
func defaultJournalDir() string { return journal.DefaultDir() }

// journalFile is this agent's own file: their name and machine, and an id
// drawn once for this installation, so that no two machines ever write the
// same file (the same agent on two machines has two).
func journalFile(p fyne.Preferences, agent string) string {
	id := p.String(prefJournalID)
	if id == "" {
		var b [4]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
		p.SetString(prefJournalID, id)
	}
	host, _ := os.Hostname()
	name := slug(agent)
	if name == "" {
		name = "agent"
	}
	return name + "-" + slug(host) + "-" + id + ".jsonl"
}

// slug keeps the letters and digits of s, lower-case, joined by dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// prefStore keeps the journal in the app's preferences: the browser's
// local storage, for the page, which has no disk. It is this browser's
// alone; the Suivi tab says so and exports it.
type prefStore struct {
	mu sync.Mutex
	p  fyne.Preferences
}

var _ journal.Store = (*prefStore)(nil)

func (s *prefStore) Where() string { return "ce navigateur" }

func (s *prefStore) Load() ([]journal.Event, []journal.Problem, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	evs, probs := journal.ReadEvents("stockage du navigateur", []byte(s.p.String(prefJournalEvs)))
	return evs, probs, nil
}

func (s *prefStore) Own() ([]journal.Event, error) {
	evs, _, err := s.Load()
	return evs, err
}

func (s *prefStore) Append(ev journal.Event) error {
	line, err := journal.EventLine(ev)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.SetString(prefJournalEvs, s.p.String(prefJournalEvs)+string(line))
	return nil
}

func (s *prefStore) Rewrite(evs []journal.Event) error {
	var b bytes.Buffer
	if err := journal.WriteEvents(&b, evs); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.SetString(prefJournalEvs, b.String())
	return nil
}
