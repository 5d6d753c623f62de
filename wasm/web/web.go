// Package web is the page around the browser build (index.html, its loader
// and style) and lays out the folder a web server publishes (wasm/dist),
// for make wasm and for the browser test alike.
package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"plume/assets"
	"plume/kb/bundle"
	"plume/wasm/serve"
)

//go:embed index.html events.js loader.js loader.css
var page embed.FS

// Layout turns dir/plume.wasm into a published folder: the build renamed
// after its content (plume.<hash>.wasm, cached for good by browsers),
// index.html naming it so that its download starts with the page,
// events.js, loader.js, loader.css, the icon, and wasm_exec.js, which must
// come from the Go toolchain that compiled the build. It returns the
// build's name.
func Layout(dir, wasmExec string) (string, error) {
	plain := filepath.Join(dir, "plume.wasm")
	data, err := os.ReadFile(plain)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	name := "plume." + hex.EncodeToString(sum[:])[:8] + ".wasm"
	if err := os.Rename(plain, filepath.Join(dir, name)); err != nil {
		return "", err
	}
	index, err := page.ReadFile("index.html")
	if err != nil {
		return "", err
	}
	// The loader counts decompressed bytes against this size, and stops
	// decompressing kb.bundle past the bound Go sets.
	html := strings.NewReplacer("PLUME_WASM", name, "PLUME_SIZE", fmt.Sprint(len(data)),
		"PLUME_BUNDLE_MAX", fmt.Sprint(bundle.MaxSize), "PLUME_CSP", serve.PageCSP).Replace(string(index))
	files := map[string][]byte{"index.html": []byte(html), "icon.png": assets.Icon.Content()}
	for _, f := range []string{"events.js", "loader.js", "loader.css"} {
		if files[f], err = page.ReadFile(f); err != nil {
			return "", err
		}
	}
	if files["wasm_exec.js"], err = os.ReadFile(wasmExec); err != nil {
		return "", fmt.Errorf("wasm_exec.js de la chaîne Go : %w", err)
	}
	for f, b := range files {
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			return "", err
		}
	}
	return name, nil
}
