//go:build !js

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAMistypedCommandIsNotOpenedAsAMessage(t *testing.T) {
	dir := t.TempDir()
	msg := filepath.Join(dir, "message.eml")
	if err := os.WriteFile(msg, []byte("Subject: test\n\nBonjour"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := openable(msg); err != nil {
		t.Errorf("an existing message file is refused: %v", err)
	}
	if err := openable(""); err != nil {
		t.Errorf("no message at all is refused: %v", err)
	}
	err := openable(filepath.Join(dir, "aide"))
	if err == nil || !strings.Contains(err.Error(), "plume help") {
		t.Errorf("a word that is neither a command nor a file: %v, want a pointer to « plume help »", err)
	}
	if err := openable(dir); err == nil || !strings.Contains(err.Error(), "--kb") {
		t.Errorf("a folder: %v, want a pointer to --kb", err)
	}
}
