// Package serve serves the browser build (wasm/dist): it sends the precompressed files (.br, .gz) the browser
// accepts, the WebAssembly MIME type, long caching for hashed names, and a
// Content-Security-Policy that allows nothing but the page's own origin —
// the same settings the README gives for nginx and Apache.
package serve

import (
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// PageCSP allows scripts, styles, images, fonts, fetches and WebAssembly
// from the page's origin only: no remote image or font can carry a
// message's words out. index.html carries it itself (web.Layout writes it
// there), so that a server set up without it still serves a closed page.
const PageCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

// CSP is the header: PageCSP, and no framing by another site (which a
// <meta> policy cannot say).
const CSP = PageCSP + "; frame-ancestors 'none'"

// Handler serves dir with precompressed variants.
func Handler(dir string) http.Handler {
	_ = mime.AddExtensionType(".wasm", "application/wasm")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Clean("/" + r.URL.Path)
		if name == "/" {
			name = "/index.html"
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		w.Header().Set("Content-Security-Policy", CSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if strings.Contains(filepath.Base(name), ".") && hashed(name) {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		if ct := mime.TypeByExtension(filepath.Ext(name)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		accept := r.Header.Get("Accept-Encoding")
		for _, enc := range []struct{ ext, name string }{{".br", "br"}, {".gz", "gzip"}} {
			if strings.Contains(accept, enc.name) {
				if _, err := os.Stat(path + enc.ext); err == nil {
					w.Header().Set("Content-Encoding", enc.name)
					w.Header().Add("Vary", "Accept-Encoding")
					http.ServeFile(w, r, path+enc.ext)
					return
				}
			}
		}
		http.ServeFile(w, r, path)
	})
}

// hashed reports whether a file name carries a content hash
// (plume.3f2a9c1d.wasm): it never changes, so it is cached for good.
func hashed(name string) bool {
	parts := strings.Split(filepath.Base(name), ".")
	return len(parts) >= 3 && len(parts[len(parts)-2]) == 8
}
