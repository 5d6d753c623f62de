package app

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// gitChanges returns what changed in file since the day it was last
// reviewed, when its folder is a git checkout and git is installed; ok is
// false otherwise, and the feature stays hidden.
func gitChanges(file string, reviewed time.Time) (diff string, ok bool) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", false
	}
	dir := filepath.Dir(file)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	run := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "git", args...)
		cmd.Dir = dir
		var out bytes.Buffer
		cmd.Stdout = &out
		err := cmd.Run()
		return strings.TrimSpace(out.String()), err
	}
	if inside, err := run("rev-parse", "--is-inside-work-tree"); err != nil || inside != "true" {
		return "", false
	}
	// The last commit before the review day is the reviewed version.
	base, err := run("rev-list", "-1", "--before="+reviewed.Format("2006-01-02")+" 23:59:59", "HEAD", "--", filepath.Base(file))
	if err != nil {
		return "", false
	}
	if base == "" {
		return "Aucune version antérieure à la relecture dans l'historique git.", true
	}
	d, err := run("diff", base, "--", filepath.Base(file))
	if err != nil {
		return "", false
	}
	if d == "" {
		return "Aucun changement depuis la relecture du " + reviewed.Format("02/01/2006") + ".", true
	}
	return d, true
}
