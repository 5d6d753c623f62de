package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"plume/wasm/serve"
)

// The page closes itself: its own Content-Security-Policy allows nothing
// but its origin, even where the intranet server sends no header.
func TestThePageCarriesItsOwnContentSecurityPolicy(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "plume.wasm"), []byte("\x00asm"), 0o644)
	exec := filepath.Join(t.TempDir(), "wasm_exec.js")
	os.WriteFile(exec, []byte("// go"), 0o644)
	if _, err := Layout(dir, exec); err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	meta := `<meta http-equiv="Content-Security-Policy" content="` + serve.PageCSP + `">`
	if !strings.Contains(string(index), meta) || strings.Contains(string(index), "PLUME_") {
		t.Errorf("index.html:\n%s", index)
	}
	for _, closed := range []string{"default-src 'self'", "img-src 'self' data: blob:", "font-src 'self'", "connect-src 'self'"} {
		if !strings.Contains(serve.PageCSP, closed) {
			t.Errorf("the policy lacks %q", closed)
		}
	}
}
