package kb

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Level says how serious a Problem is.
type Level string

const (
	// LevelError makes `plume check` fail; the item is left out of the index
	// only when it cannot be read at all.
	LevelError Level = "error"
	// LevelWarning is worth fixing soon (stale review, expired info) but does
	// not fail the check.
	LevelWarning Level = "warning"
)

// Problem is one finding of the validation, pointing at a line of a file.
type Problem struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Level   Level  `json:"level"`
	Message string `json:"message"`
}

// String formats the problem as editors and CI tools read it:
// path:line: level: message.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", printablePath(p.Path), p.Line, p.Level, p.Message)
}

// printablePath keeps one problem on one line whatever a file is called: a
// name with a newline or another control character is written quoted, with
// its escapes (a crafted name must not forge a line of the report).
func printablePath(path string) string {
	if strings.IndexFunc(path, unicode.IsControl) < 0 {
		return path
	}
	return strconv.Quote(path)
}

// Problems is a validation report.
type Problems []Problem

// Errors counts the problems of level error.
func (ps Problems) Errors() int { return ps.count(LevelError) }

// Warnings counts the problems of level warning.
func (ps Problems) Warnings() int { return ps.count(LevelWarning) }

func (ps Problems) count(l Level) int {
	n := 0
	for _, p := range ps {
		if p.Level == l {
			n++
		}
	}
	return n
}

// Sort orders the report by file, then line.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Path != ps[j].Path {
			return ps[i].Path < ps[j].Path
		}
		return ps[i].Line < ps[j].Line
	})
}
