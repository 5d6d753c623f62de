package app

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/pmezard/go-difflib/difflib"
)

// gitChanges returns what changed in file since the day it was last
// reviewed, when its folder is a git checkout and git is installed; ok is
// false otherwise, and the feature stays hidden. current is the text as the
// editor holds it.
//
// The knowledge-base folder is shared by a whole desk, so its .git/config is
// written by whoever can write the folder. Git runs programs named there when
// it diffs or refreshes the index (diff.external, textconv and filter
// drivers, core.fsmonitor). So git is asked only for plumbing that runs none
// of them — is this a work tree, which commit, which blob — and the diff is
// computed here. It may take seconds on a large history: callers run it off
// the UI goroutine.
func gitChanges(file string, reviewed time.Time, current []byte) (diff string, ok bool) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", false
	}
	dir := filepath.Dir(file)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	run := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "git", append(gitSafety, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_EXTERNAL_DIFF=", "GIT_PAGER=cat")
		var out bytes.Buffer
		cmd.Stdout = &out
		err := cmd.Run()
		return out.String(), err
	}
	if inside, err := run("rev-parse", "--is-inside-work-tree"); err != nil || strings.TrimSpace(inside) != "true" {
		return "", false
	}
	prefix, err := run("rev-parse", "--show-prefix")
	if err != nil {
		return "", false
	}
	name := filepath.Base(file)
	// The last commit before the review day is the reviewed version.
	base, err := run("rev-list", "-1", "--before="+reviewed.Format("2006-01-02")+" 23:59:59", "HEAD", "--", name)
	if err != nil {
		return "", false
	}
	base = strings.TrimSpace(base)
	if base == "" {
		return "Aucune version antérieure à la relecture dans l'historique git.", true
	}
	// cat-file without --filters or --textconv hands back the stored bytes.
	old, err := run("cat-file", "blob", base+":"+strings.TrimSpace(prefix)+name)
	if err != nil {
		return "", false
	}
	d, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: difflib.SplitLines(old), B: difflib.SplitLines(string(current)),
		FromFile: name + " (relu, " + base[:min(len(base), 10)] + ")", ToFile: name + " (actuel)", Context: 3,
	})
	if err != nil {
		return "", false
	}
	if d == "" {
		return "Aucun changement depuis la relecture du " + reviewed.Format("02/01/2006") + ".", true
	}
	return d, true
}

// gitSafety switches off, for one command, what a repository's own
// configuration could make git run or write.
var gitSafety = []string{
	"-c", "core.fsmonitor=false",
	"-c", "core.hooksPath=" + os.DevNull,
	"-c", "diff.external=",
	"-c", "core.untrackedCache=false",
	"--no-pager",
}
