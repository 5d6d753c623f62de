// Package e2e loads the browser build in headless Chromium, as an intranet
// user would: the page from a local server, plume.ready, plume.analyze on a
// relance and on a sensitive message, and a screenshot of the app. It is
// skipped when Chromium is not installed (make test installs it).
package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"plume/kb/bundle"
	"plume/templates"
	"plume/wasm/serve"
)

// chromium finds Debian's Chromium.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("Chromium n'est pas installé : le test du navigateur est sauté")
	return ""
}

// buildDist builds the browser build into a temporary folder, as make wasm
// does but without compression (the test server sends the plain file).
func buildDist(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root, _ := filepath.Abs("../..")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "plume.wasm"), ".")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOWORK="+filepath.Join(root, "wasm", "go.work"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build (wasm) : %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "plume.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	name := "plume." + hex.EncodeToString(sum[:])[:8] + ".wasm"
	os.Rename(filepath.Join(dir, "plume.wasm"), filepath.Join(dir, name))
	manifest := fmt.Sprintf(`{"wasm": %q, "size": %d}`, name, len(data))
	os.WriteFile(filepath.Join(dir, "plume.json"), []byte(manifest), 0o644)
	copyFile := func(src string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(src)), b, 0o644)
	}
	for _, f := range []string{"../web/index.html", "../web/loader.js", "../web/loader.css", "../../assets/icon.png",
		filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js")} {
		copyFile(f)
	}
	return dir
}

type analysis struct {
	Category string `json:"category"`
	Relance  struct {
		Detected bool `json:"detected"`
	} `json:"relance"`
	Sensitive struct {
		Detected bool     `json:"detected"`
		Reasons  []string `json:"reasons"`
	} `json:"sensitive"`
	Suggestions []struct {
		ID string `json:"id"`
	} `json:"suggestions"`
}

func TestBrowserBuildAnalysesInThePage(t *testing.T) {
	bin := chromium(t)
	dist := buildDist(t)
	srv := httptest.NewServer(serve.Handler(dist))
	defer srv.Close()

	ctx, cancel := browser(t, bin)
	defer cancel()

	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatalf("page: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`plume.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("plume.ready: %v", err)
	}
	loaded := time.Since(start)
	t.Logf("navigation → plume.ready : %d ms", loaded.Milliseconds())

	analyze := func(subject, body string) (analysis, time.Duration) {
		js := fmt.Sprintf(`(() => { const t = performance.now(); const r = plume.analyze(%q, %q); return JSON.stringify({ms: performance.now() - t, r}); })()`, subject, body)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("plume.analyze: %v", err)
		}
		var out struct {
			Ms float64  `json:"ms"`
			R  analysis `json:"r"`
		}
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			t.Fatalf("%v: %s", err, raw)
		}
		return out.R, time.Duration(out.Ms * float64(time.Millisecond))
	}
	rel, d1 := analyze("TOUJOURS PAS DE REPONSE", "Bonjour, c'est le 3e mail que j'envoie. J'ai déposé ma demande de titre de séjour le 21 février et depuis plus rien. Au téléphone ça sonne dans le vide. Je voudrais juste savoir où en est mon dossier. Numéro étranger 7503318402. Chidi Nwosu")
	if !rel.Relance.Detected || rel.Category != "sejour" || len(rel.Suggestions) == 0 {
		t.Errorf("relance read in the page as %+v", rel)
	}
	sens, d2 := analyze("Passeport d'urgence - décès de mon père", "Madame, Monsieur, mon père est décédé hier soir à Dakar. Les obsèques auront lieu lundi et je dois absolument prendre l'avion samedi. Mon passeport est expiré depuis le mois de juin. Est-il possible d'obtenir un passeport d'urgence ? Quels documents dois-je apporter ? Je vous remercie par avance, je suis désemparée. Aminata Diallo")
	if !sens.Sensitive.Detected || !strings.Contains(strings.Join(sens.Sensitive.Reasons, " "), "deces") {
		t.Errorf("sensitive message read in the page as %+v", sens)
	}
	t.Logf("plume.analyze (80 mots) : %d ms et %d ms", d1.Milliseconds(), d2.Milliseconds())

	if err := chromedp.Do(ctx, chromedp.Sleep(time.Second)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if dest := os.Getenv("PLUME_E2E_SHOT"); dest != "" {
		os.WriteFile(dest, shot, 0o644)
	}
	if len(shot) < 10000 {
		t.Errorf("screenshot of %d bytes: the app did not draw", len(shot))
	}
}

// A prefecture publishes its knowledge base by copying kb.bundle next to
// index.html; a damaged one falls back to the embedded base.
func TestPublishedBundleReplacesTheEmbeddedBase(t *testing.T) {
	bin := chromium(t)
	dist := buildDist(t)
	var buf bytes.Buffer
	if _, err := bundle.Write(&buf, templates.FS, time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.Handler(dist))
	defer srv.Close()
	for _, c := range []struct {
		name, bundle, want string
	}{
		{"published", buf.String(), "base publiée du 20/11/2026"},
		{"damaged", buf.String()[:buf.Len()/2], "base intégrée"},
	} {
		t.Run(c.name, func(t *testing.T) {
			os.WriteFile(filepath.Join(dist, "kb.bundle"), []byte(c.bundle), 0o644)
			ctx, cancel := browser(t, bin)
			defer cancel()
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
				t.Fatal(err)
			}
			source, err := chromedp.Run(ctx, chromedp.Evaluate[string](`plume.ready.then(() => plume.source)`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(source, c.want) {
				t.Errorf("knowledge base in the page: %q, want %q", source, c.want)
			}
		})
	}
}

// browser starts headless Chromium as the probe does on this machine.
func browser(t *testing.T, bin string) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.WindowSize(1280, 760))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	return ctx, func() { cancelTime(); cancelCtx(); cancelAlloc() }
}
