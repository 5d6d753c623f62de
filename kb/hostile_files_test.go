//go:build !js

package kb

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A shared folder can hold anything a colleague or an intruder put there:
// links, pipes, devices, huge files. None may stall or crash the apps that
// read it, and the rest of the base is still served.
func TestHostileFilesInTheBaseAreRefusedAndTheRestServed(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", "prefecture: Préfecture de test\n")
	write("bon.md", goodItem)
	write("enorme.md", strings.Replace(goodItem, "id: bon", "id: enorme", 1)+strings.Repeat("Texte. ", MaxItemBytes/7+1))
	outside := filepath.Join(t.TempDir(), "dehors.md")
	os.WriteFile(outside, []byte(strings.Replace(goodItem, "id: bon", "id: dehors", 1)), 0o644)
	hostile := map[string]func(string) error{
		"zero.md":   func(p string) error { return os.Symlink("/dev/zero", p) },
		"dehors.md": func(p string) error { return os.Symlink(outside, p) },
		"tube.md":   func(p string) error { return syscall.Mkfifo(p, 0o644) },
	}
	for name, make := range hostile {
		if err := make(filepath.Join(dir, name)); err != nil {
			t.Skipf("%s: %v", name, err)
		}
	}
	k, probs, err := Load(os.DirFS(dir), LoadOptions{Now: At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"zero.md", "dehors.md", "tube.md", "enorme.md"} {
		if len(find(probs, name, "ignoré")) != 1 {
			t.Errorf("%s is not reported as refused: %v", name, probs)
		}
	}
	if len(k.Items) != 1 || k.Item("bon") == nil {
		t.Errorf("served: %d items", len(k.Items))
	}
}

// A crafted file name cannot forge a line of the report.
func TestAFileNameWithANewlineStaysOnOneLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("prefecture: Préfecture de test\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bon.md"), []byte(goodItem), 0o644)
	name := "x.md\nbon.md:1: error: faux"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("---\nid: [\n---\n"), 0o644); err != nil {
		t.Skip(err)
	}
	_, probs, err := Load(os.DirFS(dir), LoadOptions{Now: At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		if s := p.String(); strings.Contains(s, "\n") || strings.HasPrefix(s, "bon.md") {
			t.Errorf("%q", s)
		}
	}
}
