package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Problem is something met while reading the journal that the agent
// should know of: a line that could not be read, with where it is.
type Problem struct {
	Path    string
	Line    int
	Message string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Message) }

// Store keeps the desk's events. Load reads every agent's; Append and
// Rewrite touch this agent's own only.
type Store interface {
	// Load reads every event of the desk, each once, in time order, with
	// the lines it had to leave aside.
	Load() ([]Event, []Problem, error)
	// Append writes one event whole at the end of this agent's own file,
	// and returns once it is on disk.
	Append(ev Event) error
	// Own reads this agent's own events.
	Own() ([]Event, error)
	// Rewrite replaces this agent's own file with evs (the retention
	// period's purge), atomically.
	Rewrite(evs []Event) error
	// Where says where the journal is kept, for the agent.
	Where() string
}

// Folder keeps the journal in a folder shared by the desk: each agent
// writes to Own alone, every *.jsonl file of the folder is read (a sync
// tool's conflict copy too: its events are counted once).
type Folder struct {
	Dir  string
	File string // this agent's file name, e.g. « dupont-pc12-3f9a.jsonl »
}

var _ Store = (*Folder)(nil)

// maxFileBytes bounds one journal file: a year of a large desk is about 15
// MB.
const maxFileBytes = 256 << 20

// Where is the folder.
func (f *Folder) Where() string { return f.Dir }

func (f *Folder) ownPath() string { return filepath.Join(f.Dir, f.File) }

// Load reads every journal file of the folder. A folder that does not
// exist yet is an empty journal.
func (f *Folder) Load() ([]Event, []Problem, error) {
	des, err := os.ReadDir(f.Dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("lecture du dossier du journal %s : %w", f.Dir, err)
	}
	var files []fileLines
	var probs []Problem
	for _, de := range des {
		name := de.Name()
		if !strings.HasSuffix(name, ".jsonl") || strings.HasPrefix(name, ".") || !de.Type().IsRegular() {
			continue
		}
		path := filepath.Join(f.Dir, name)
		data, err := readCapped(path)
		if err != nil {
			probs = append(probs, Problem{path, 0, err.Error()})
			continue
		}
		files = append(files, fileLines{path: path, data: data})
	}
	evs, more := parseFiles(files)
	return evs, append(probs, more...), nil
}

func readCapped(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	// Read in one piece, the size known: growing a buffer for a 15 MB
	// file cost a tenth of the opening.
	size := int64(0)
	if st, err := fh.Stat(); err == nil {
		size = min(st.Size(), maxFileBytes) + 1
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := buf.ReadFrom(io.LimitReader(fh, maxFileBytes+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("fichier de plus de %d Mo : non lu", maxFileBytes>>20)
	}
	return data, nil
}

// ReadEvents reads the events of one journal file's content (name says
// where, in the problems), each once, in time order: what every store and
// an import read.
func ReadEvents(name string, data []byte) ([]Event, []Problem) {
	return parseFiles([]fileLines{{name, data}})
}

// EventLine is one event as a journal line, newline included.
func EventLine(ev Event) ([]byte, error) {
	data, err := json.Marshal(ev)
	return append(data, '\n'), err
}

// WriteEvents writes events as journal lines: a rewritten file, an export.
func WriteEvents(w io.Writer, evs []Event) error {
	for _, ev := range evs {
		line, err := EventLine(ev)
		if err != nil {
			return err
		}
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// fileLines is one journal file's content.
type fileLines struct {
	path string
	data []byte
}

// parseFiles reads the events of the files, on every core: each line is one
// event. A last line cut short (a write interrupted) is left aside and
// named; so is any other line that is not an event. Events are returned
// once each (by ID), in time order.
func parseFiles(files []fileLines) ([]Event, []Problem) {
	type line struct {
		file, no int
		text     []byte
		last     bool // the file's last line, without its newline
	}
	var lines []line
	for fi, f := range files {
		data := f.data
		for no := 1; len(data) > 0; no++ {
			i := bytes.IndexByte(data, '\n')
			var text []byte
			last := false
			if i < 0 {
				text, data, last = data, nil, true
			} else {
				text, data = data[:i], data[i+1:]
			}
			if len(bytes.TrimSpace(text)) > 0 {
				lines = append(lines, line{fi, no, text, last})
			}
		}
	}
	evs := make([]Event, len(lines))
	bad := make([]bool, len(lines))
	workers := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(lines); i += workers {
				if err := decodeEvent(lines[i].text, &evs[i]); err != nil || evs[i].ID == "" || evs[i].Kind == "" {
					bad[i] = true
				}
			}
		}()
	}
	wg.Wait()

	var probs []Problem
	seen := make(map[string]bool, len(evs))
	out := evs[:0]
	for i, ev := range evs {
		if bad[i] {
			msg := "ligne illisible, ignorée"
			if lines[i].last {
				msg = "dernière ligne incomplète (une écriture a été interrompue), ignorée"
			}
			probs = append(probs, Problem{files[lines[i].file].path, lines[i].no, msg})
			continue
		}
		if seen[ev.ID] {
			continue
		}
		seen[ev.ID] = true
		out = append(out, ev)
	}
	slices.SortStableFunc(out, func(a, b Event) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, probs
}

// Own reads the agent's own file.
func (f *Folder) Own() ([]Event, error) {
	data, err := readCapped(f.ownPath())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	evs, _ := ReadEvents(f.ownPath(), data)
	return evs, nil
}

// Append writes ev at the end of the agent's own file and syncs it. When
// an earlier write was cut short, the event starts on a new line: the torn
// one stays alone, and is left aside on reading.
func (f *Folder) Append(ev Event) error {
	data, err := EventLine(ev)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.Dir, 0o700); err != nil {
		return writeError(f.Dir, err)
	}
	path := f.ownPath()
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return writeError(path, err)
	}
	if torn, err := endsTorn(path); err == nil && torn {
		data = append([]byte{'\n'}, data...)
	}
	if _, err := fh.Write(data); err != nil {
		fh.Close()
		return writeError(path, err)
	}
	if err := fh.Sync(); err != nil {
		fh.Close()
		return writeError(path, err)
	}
	return writeError(path, fh.Close())
}

// endsTorn reports whether the file at path is not empty and does not end
// with a newline.
func endsTorn(path string) (bool, error) {
	fh, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil || st.Size() == 0 {
		return false, err
	}
	var b [1]byte
	if _, err := fh.ReadAt(b[:], st.Size()-1); err != nil {
		return false, err
	}
	return b[0] != '\n', nil
}

// Rewrite replaces the agent's own file with evs: written beside it,
// synced, then renamed over it.
func (f *Folder) Rewrite(evs []Event) error {
	var buf bytes.Buffer
	if err := WriteEvents(&buf, evs); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(f.Dir, "."+f.File+".*")
	if err != nil {
		return writeError(f.Dir, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return writeError(tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return writeError(tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return writeError(tmp.Name(), err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return writeError(tmp.Name(), err)
	}
	return writeError(f.ownPath(), os.Rename(tmp.Name(), f.ownPath()))
}

// ErrNotWritten wraps a write that failed: the entry is kept in memory and
// written as soon as the folder takes it.
var ErrNotWritten = errors.New("le journal n'a pas pu être écrit")

// writeError says in French why a write failed.
func writeError(path string, err error) error {
	if err == nil {
		return nil
	}
	why := err.Error()
	switch {
	case errors.Is(err, os.ErrPermission):
		why = "dossier en lecture seule ou droits insuffisants"
	case isNoSpace(err):
		why = "disque plein"
	}
	return fmt.Errorf("%w (%s : %s)", ErrNotWritten, path, why)
}

// Memory keeps the events in memory: for tests, and as the browser's
// journal before its storage is read.
type Memory struct {
	mu     sync.Mutex
	events []Event
	// Fail, when set, is returned by Append and Rewrite (a full disk).
	Fail error
}

var _ Store = (*Memory)(nil)

// Load returns the events appended so far.
func (m *Memory) Load() ([]Event, []Problem, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	evs := append([]Event(nil), m.events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].At.Before(evs[j].At) })
	return evs, nil, nil
}

// Append keeps ev.
func (m *Memory) Append(ev Event) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return fmt.Errorf("%w (%v)", ErrNotWritten, m.Fail)
	}
	m.events = append(m.events, ev)
	return nil
}

// Own returns the events.
func (m *Memory) Own() ([]Event, error) {
	evs, _, err := m.Load()
	return evs, err
}

// Rewrite replaces the events.
func (m *Memory) Rewrite(evs []Event) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return fmt.Errorf("%w (%v)", ErrNotWritten, m.Fail)
	}
	m.events = append([]Event(nil), evs...)
	return nil
}

// Where says the journal is in memory.
func (m *Memory) Where() string { return "mémoire" }

// DefaultDir is the journal's folder when none is chosen: the user's
// configuration folder, for an agent alone. A desk shares one folder, as it
// does the knowledge base.
func DefaultDir() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "plume", "journal")
}
