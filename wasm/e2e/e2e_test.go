//go:build !js

// Package e2e loads the browser build in headless Chromium, as an intranet
// user would: the page from a local server, plume.ready, plume.analyze on a
// relance and on a sensitive message, and a screenshot of the app. It is
// skipped when Chromium is not installed (make test installs it).
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"plume/search"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	keys "github.com/chromedp/chromedp/kb"

	"plume/internal/racedetector"
	"plume/kb"
	"plume/templates"
	"plume/wasm/serve"
	"plume/wasm/web"
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

// built is the browser build, compiled once for all the tests of the package.
var built struct {
	once sync.Once
	wasm []byte
	err  error
}

// wasmBuild compiles plume.wasm as make wasm does (same tags, wasm/go.work).
func wasmBuild(t *testing.T) []byte {
	t.Helper()
	built.once.Do(func() {
		root, _ := filepath.Abs("../..")
		tags, err := os.ReadFile(filepath.Join(root, "wasm", "buildtags"))
		if err != nil {
			built.err = err
			return
		}
		out := filepath.Join(os.TempDir(), fmt.Sprintf("plume-e2e-%d.wasm", os.Getpid()))
		defer os.Remove(out)
		cmd := exec.Command("go", "build", "-tags", strings.TrimSpace(string(tags)), "-trimpath", "-ldflags=-s -w", "-o", out, ".")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOWORK="+filepath.Join(root, "wasm", "go.work"))
		if msg, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build (wasm) : %v\n%s", err, msg)
			return
		}
		built.wasm, built.err = os.ReadFile(out)
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.wasm
}

// buildDist lays out a served folder as make wasm does, kb.bundle
// included, without the compressed copies (the test server sends the plain
// file). Each test has
// its own folder, so a kb.bundle dropped by one is not seen by another.
func buildDist(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "plume.wasm"), wasmBuild(t), 0o644); err != nil {
		t.Fatal(err)
	}
	// The wasm_exec.js of the toolchain that built plume.wasm: `go env
	// GOROOT`, as the Makefile does (runtime.GOROOT is deprecated).
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	if _, err := web.Layout(dir, filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js")); err != nil {
		t.Fatal(err)
	}
	// The knowledge base beside the page, as make wasm publishes it (plume
	// kb export): the page reads the judge's weights from it alone.
	f, err := os.Create(filepath.Join(dir, "kb.bundle"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := kb.WriteBundle(f, templates.FS, time.Now(), nil, search.Prepare); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The intranet's agents download plume.wasm compressed: it must stay within
// 15 MB in gzip (Fyne's emoji font alone would put it over).
func TestBrowserDownloadFitsInFifteenMegabytesGzip(t *testing.T) {
	data := wasmBuild(t)
	// gzip(1), not compress/gzip: this package's tests run under -race,
	// which slows Go's compressor tenfold; make wasm uses gzip -9 too.
	cmd := exec.Command("gzip", "-9", "-c")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("gzip : %v", err)
	}
	const budget = 15_000_000
	t.Logf("plume.wasm : %.1f Mo, %.2f Mo en gzip -9", float64(len(data))/1e6, float64(len(out))/1e6)
	if len(out) > budget {
		t.Errorf("plume.wasm is %d bytes in gzip, over the %d budget", len(out), budget)
	}
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
	ctx, page := openPage(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatalf("page: %v", err)
	}
	marks := waitReady(t, ctx)
	// Measured as deployed: the base and the judge's weights from kb.bundle.
	if src, err := chromedp.Run(ctx, chromedp.Evaluate[string](`plume.source + " | " + plume.notice`)); err != nil || !strings.HasPrefix(src, "base publiée") {
		t.Errorf("the page answers from %q (%v), not from the kb.bundle beside it", src, err)
	}
	for _, name := range []string{"plume:progress", "plume:downloaded", "plume:ready", "plume:shown"} {
		if _, ok := marks[name]; !ok {
			t.Errorf("the loader did not reach %s: %v", name, marks)
		}
	}
	t.Logf("depuis la navigation : écran de chargement affiché à %.0f ms, barre de progression en mouvement à %.0f ms, téléchargé à %.0f ms, plume.ready à %.0f ms, fenêtre prête à %.0f ms",
		marks["first-contentful-paint"], marks["plume:progress"], marks["plume:downloaded"], marks["plume:ready"], marks["plume:shown"])
	// The Go program's own marks say where the start-up goes.
	var steps []string
	for _, name := range []string{"go-main", "bundle-read", "indexed", "warmed", "window-built", "shown"} {
		if ms, ok := marks["plume:"+name]; ok {
			steps = append(steps, fmt.Sprintf("%s %.0f", name, ms))
		}
	}
	t.Logf("étapes du démarrage (ms depuis la navigation) : %s", strings.Join(steps, ", "))

	// analyze runs plume.analyze five times in the page: the result of the
	// first, and the median and slowest times (a garbage collection can
	// land on any one call).
	analyze := func(subject, body string) (analysis, string) {
		js := fmt.Sprintf(`(() => { const ms = []; let r;
			for (let i = 0; i < 5; i++) { const t = performance.now(); const a = plume.analyze(%q, %q); ms.push(performance.now() - t); r = r || a; }
			return JSON.stringify({ms, r}); })()`, subject, body)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("plume.analyze: %v", err)
		}
		var out struct {
			Ms []float64 `json:"ms"`
			R  analysis  `json:"r"`
		}
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			t.Fatalf("%v: %s", err, raw)
		}
		slices.Sort(out.Ms)
		return out.R, fmt.Sprintf("médiane %.0f ms, au plus %.0f ms", out.Ms[len(out.Ms)/2], out.Ms[len(out.Ms)-1])
	}
	relance := search.Message{Subject: "TOUJOURS PAS DE REPONSE", Body: "Bonjour, c'est le 3e mail que j'envoie. J'ai déposé ma demande de titre de séjour le 21 février et depuis plus rien. Au téléphone ça sonne dans le vide. Je voudrais juste savoir où en est mon dossier. Numéro étranger 7503318402. Chidi Nwosu"}
	sensitive := search.Message{Subject: "Passeport d'urgence - décès de mon père", Body: "Madame, Monsieur, mon père est décédé hier soir à Dakar. Les obsèques auront lieu lundi et je dois absolument prendre l'avion samedi. Mon passeport est expiré depuis le mois de juin. Est-il possible d'obtenir un passeport d'urgence ? Quels documents dois-je apporter ? Je vous remercie par avance, je suis désemparée. Aminata Diallo"}
	rel, d1 := analyze(relance.Subject, relance.Body)
	if !rel.Relance.Detected || rel.Category != "sejour" || len(rel.Suggestions) == 0 {
		t.Errorf("relance read in the page as %+v", rel)
	}
	sens, d2 := analyze(sensitive.Subject, sensitive.Body)
	if !sens.Sensitive.Detected || !strings.Contains(strings.Join(sens.Sensitive.Reasons, " "), "deces") {
		t.Errorf("sensitive message read in the page as %+v", sens)
	}
	t.Logf("plume.analyze (80 mots) : relance %s ; message sensible %s ; natif : %s", d1, d2, nativeAnalysis(t, relance, sensitive))

	// The agent types a relance into the window, for the screenshot (a
	// person looks at it: the canvas cannot be read from here).
	if err := chromedp.Do(ctx,
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 300, 300),
		chromedp.MouseClickXY(300, 300),
		chromedp.KeyEvent("Bonjour, c'est mon 3e mail, toujours pas de reponse pour mon titre de sejour depose en fevrier."),
		chromedp.Sleep(2*time.Second),
	); err != nil {
		t.Fatal(err)
	}
	if stopped, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`plume.stopped || ""`)); stopped != "" {
		t.Fatalf("the app stopped while the agent typed: %s", stopped)
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

// On a slow intranet link the loading screen counts the bytes received
// against the build's size while the download runs.
func TestLoadingScreenCountsTheBytesReceived(t *testing.T) {
	bin := chromium(t)
	files := serve.Handler(buildDist(t))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w = slowLink{w}
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	ctx, cancel := browser(t, bin)
	defer cancel()
	// Navigate waits for the load event, which waits for the download: the
	// page is opened from a script instead.
	js := fmt.Sprintf(`location.assign(%q), true`, srv.URL+"/")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil {
		t.Fatal(err)
	}
	// Looked at from here every 50 ms: a script waiting in the page could
	// be caught in the blank page the navigation replaces.
	look := `JSON.stringify({detail: (document.getElementById("detail") || {}).textContent || "",
		value: (document.getElementById("barre") || {value: -1}).value})`
	var raw string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](look))
		if err == nil && !strings.Contains(got, `"detail":""`) {
			raw = got
			break
		}
	}
	if raw == "" {
		t.Fatal("the loading screen never counted any byte")
	}
	var screen struct {
		Detail string  `json:"detail"`
		Value  float64 `json:"value"`
	}
	if err := json.Unmarshal([]byte(raw), &screen); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	if !strings.Contains(screen.Detail, " Mo sur ") || screen.Value <= 0 || screen.Value >= 100 {
		t.Errorf("loading screen during the download: %+v", screen)
	}
}

// slowLink sends the build as a slow network would, a little at a time.
type slowLink struct{ http.ResponseWriter }

func (s slowLink) Write(b []byte) (int, error) {
	time.Sleep(4 * time.Millisecond)
	n, err := s.ResponseWriter.Write(b)
	s.ResponseWriter.(http.Flusher).Flush()
	return n, err
}

// An agent's session in the page — typing, the knowledge base, the
// Rédaction tab, the help — must never stop the Go program: Fyne's web
// driver stopped it on a focus change and on the clipboard before.
func TestAgentSessionKeepsTheAppRunning(t *testing.T) {
	ctx, page := openPage(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx)
	click := func(x, y float64) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y),
			chromedp.MouseClickXY(x, y), chromedp.Sleep(500*time.Millisecond))
	}
	ctrl := func(k string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(chromedp.KeyEvent(k, chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.Sleep(800*time.Millisecond))
	}
	steps := []struct {
		what string
		do   chromedp.Action[chromedp.Void]
	}{
		{"typing a message", chromedp.Steps(click(300, 300), chromedp.KeyEvent("Bonjour, ma carte grise"), chromedp.Sleep(time.Second))},
		{"searching the knowledge base", chromedp.Steps(ctrl("k"), chromedp.KeyEvent("passeport"), chromedp.Sleep(time.Second))},
		{"opening the Rédaction tab and an item", chromedp.Steps(click(313, 48), click(150, 300))},
		{"the shortcuts help", chromedp.Steps(ctrl("h"), chromedp.KeyEvent(keys.Escape), chromedp.Sleep(300*time.Millisecond))},
		{"back to the message", ctrl("r")},
	}
	for _, step := range steps {
		if err := chromedp.Do(ctx, step.do); err != nil {
			t.Fatalf("%s: %v", step.what, err)
		}
		if stopped, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`String(plume.stopped || "")`)); stopped != "" {
			t.Fatalf("the app stopped after %s: %s", step.what, stopped)
		}
	}
}

// A French keyboard types accents directly and @ with AltGr, which
// reaches the page as Ctrl+Alt on Windows, and the agent moves with Home
// and End: Fyne's web driver dropped all of them; they now act on the
// message. (Ctrl+A, Ctrl+C read the message back through the clipboard.)
func TestFrenchKeyboardTypesInThePage(t *testing.T) {
	ctx, page := openPage(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx)
	spy := `(() => { navigator.clipboard.writeText = (text) => { window.copied = text; return Promise.resolve(); }; return true; })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](spy)); err != nil {
		t.Fatal(err)
	}
	altGr := chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierAlt)
	ctrl := chromedp.KeyModifiers(chromedp.ModifierCtrl)
	pause := chromedp.Sleep(300 * time.Millisecond)
	// é has its own key on a French keyboard (chromedp's KeyEvent knows
	// only the US one and would send it as an unidentified key).
	eAcute := chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			p := input.DispatchKeyEventParams{Type: typ, Key: "é", Code: "Digit2", WindowsVirtualKeyCode: 50}
			if typ == input.DispatchKeyEventTypeKeyDown {
				p.Text = "é"
			}
			if _, err := cdp.Call(ctx, target, input.DispatchKeyEvent, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err := chromedp.Do(ctx,
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 300, 300), chromedp.MouseClickXY(300, 300), pause,
		chromedp.KeyEvent("r"), pause, eAcute, pause, chromedp.KeyEvent("f. jean"), pause,
		chromedp.KeyEvent("@", altGr), pause, chromedp.KeyEvent("exemple.fr"), pause,
		chromedp.KeyEvent(keys.Home), pause, chromedp.KeyEvent("("), pause, chromedp.KeyEvent(keys.End), pause, chromedp.KeyEvent(")"), pause,
		chromedp.KeyEvent("a", ctrl), pause, chromedp.KeyEvent("c", ctrl), pause,
	); err != nil {
		t.Fatal(err)
	}
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`String(window.copied || "")`))
	if err != nil {
		t.Fatal(err)
	}
	if copied != "(réf. jean@exemple.fr)" {
		t.Errorf("message typed: %q", copied)
	}
}

// An intranet often serves the page over plain http, where the browser
// has no navigator.clipboard: the agent still pastes a message with Ctrl+V
// (the page's paste event) or drops a message file on the page, gets it
// read, and copies the reply with Ctrl+E.
func TestPasteDropAndCopyOverPlainHTTP(t *testing.T) {
	bin := chromium(t)
	// A page from a non-loopback address is not a "secure context", as on
	// an intranet without TLS; loopback would be.
	host := "127.0.0.1"
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if ip, ok := a.(*net.IPNet); ok && ip.IP.To4() != nil && !ip.IP.IsLoopback() {
				host = ip.IP.String()
				break
			}
		}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: serve.Handler(buildDist(t))}
	go srv.Serve(ln)
	defer srv.Close()
	ctx, cancel := browser(t, bin)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+ln.Addr().String()+"/")); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx)
	secure, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.isSecureContext`))
	t.Logf("page from %s, secure context: %v", host, secure)

	// The test stands for the clipboard and the mouse: the paste and drop
	// events carry the message, and what the page writes to the
	// clipboard is kept.
	spy := `(() => { const write = navigator.clipboard.writeText.bind(navigator.clipboard);
		navigator.clipboard.writeText = (text) => { window.copied = text; return write(text).catch(() => {}); };
		return true; })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](spy)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		how, message, event, want string
		ctrlV                     bool
	}{
		{"pasted with Ctrl+V",
			"Objet : TOUJOURS PAS DE REPONSE\nBonjour, c'est le 3e mail que j'envoie. J'ai déposé ma demande de titre de séjour le 21 février et depuis plus rien. Numéro étranger 7503318402. Chidi Nwosu",
			`const data = new DataTransfer(); data.setData("text/plain", %q);
			document.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));`,
			"Vous nous avez écrit", true},
		{"dropped as a file",
			"Objet : Carte grise\nBonjour, je viens d'acheter une voiture d'occasion à un particulier. Comment faire le changement de titulaire de la carte grise ? Paul Martin",
			`const data = new DataTransfer(); data.items.add(new File([%q], "message.txt", {type: "text/plain"}));
			const drop = new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true});
			document.dispatchEvent(drop); if (!drop.defaultPrevented) throw new Error("the browser would open the file");`,
			"véhicule d'occasion", false},
	} {
		// Ctrl+V as the agent presses it (the headless browser has no
		// clipboard to paste: the event is dispatched after it).
		if c.ctrlV {
			if err := chromedp.Do(ctx, chromedp.KeyEvent("v", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf("(() => { "+c.event+" return true; })()", c.message))); err != nil {
			t.Fatalf("%s: %v", c.how, err)
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(1500*time.Millisecond),
			chromedp.KeyEvent("e", chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.Sleep(500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify([String(plume.stopped || ""), String(window.copied || "")])`))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		if err := json.Unmarshal([]byte(raw), &got); err != nil || len(got) != 2 {
			t.Fatalf("%v: %s", err, raw)
		}
		if got[0] != "" {
			t.Fatalf("the app stopped: %s", got[0])
		}
		// The reply of the message's topic, copied whole.
		if !strings.Contains(got[1], "Madame, Monsieur,") || !strings.Contains(got[1], c.want) {
			t.Errorf("message %s, copied reply:\n%s", c.how, got[1])
		}
	}
}

// A prefecture publishes its knowledge base by copying kb.bundle next to
// index.html; a damaged or missing one leaves the embedded base in service,
// without the learned judge, and the page says why (plume.notice, also in
// the window's status line).
func TestPublishedBundleReplacesTheEmbeddedBase(t *testing.T) {
	bin := chromium(t)
	dist := buildDist(t)
	var buf bytes.Buffer
	if _, err := kb.WriteBundle(&buf, templates.FS, time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC), nil, search.Prepare); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.Handler(dist))
	defer srv.Close()
	for _, c := range []struct {
		name, bundle, source, notice string
	}{
		{"published", buf.String(), "base publiée du 20/11/2026", ""},
		{"damaged", buf.String()[:buf.Len()/2], "base intégrée", "base publiée refusée"},
		{"missing", "", "base intégrée", "aucune base publiée"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dist, "kb.bundle")
			os.Remove(path)
			if c.bundle != "" {
				os.WriteFile(path, []byte(c.bundle), 0o644)
			}
			ctx, cancel := browser(t, bin)
			defer cancel()
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
				t.Fatal(err)
			}
			waitReady(t, ctx)
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify([plume.source, plume.notice])`))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			if err := json.Unmarshal([]byte(raw), &got); err != nil || len(got) != 2 {
				t.Fatalf("%v: %s", err, raw)
			}
			if !strings.HasPrefix(got[0], c.source) {
				t.Errorf("knowledge base in the page: %q, want %q", got[0], c.source)
			}
			if (c.notice == "") != (got[1] == "") || !strings.HasPrefix(got[1], c.notice) {
				t.Errorf("notice %q, want %q", got[1], c.notice)
			}
			// The page embeds no judge's weights (they come in kb.bundle):
			// answering from its own base, it says the rules judge alone.
			if c.notice != "" && !strings.Contains(got[1], "les règles seules jugent") {
				t.Errorf("notice %q does not say the learned judge is off", got[1])
			}
		})
	}
}

// The agent's profile is kept in the browser (Fyne's preferences live in
// localStorage there): saved from the settings dialog with the keyboard,
// it is read again when the page is opened the next day.
func TestSettingsPersistInTheBrowser(t *testing.T) {
	ctx, page := openPage(t)

	// Keys are typed group by group: Fyne's web driver hands each key to
	// its own goroutine, so keys sent at once may arrive out of order.
	saveSettings := func(want string, keys ...string) map[string]any {
		t.Helper()
		waitReady(t, ctx)
		// The agent clicks into the message area and types (the page
		// gains the focus: Fyne's web driver died of that, see loader.js),
		// then Ctrl+O opens the settings on the first field; Entrée saves.
		if err := chromedp.Do(ctx,
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 300, 300),
			chromedp.MouseClickXY(300, 300),
			chromedp.KeyEvent("Bonjour"),
			chromedp.Sleep(200*time.Millisecond),
			chromedp.KeyEvent("o", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		); err != nil {
			t.Fatal(err)
		}
		for _, k := range append(keys, "\r") {
			if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond), chromedp.KeyEvent(k)); err != nil {
				t.Fatal(err)
			}
		}
		// Fyne writes its preferences a moment after the change.
		js := fmt.Sprintf(`new Promise((resolve, reject) => { const t0 = Date.now(); const poll = () => {
			if (plume.stopped) return reject(new Error(plume.stopped));
			const v = localStorage.getItem("fyne-preferences.json");
			if ((v && v.includes(%q)) || Date.now() - t0 > 10000) resolve(v || ""); else setTimeout(poll, 100); }; poll(); })`, want)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		prefs := map[string]any{}
		if raw != "" {
			if err := json.Unmarshal([]byte(raw), &prefs); err != nil {
				t.Fatalf("fyne-preferences.json: %v: %s", err, raw)
			}
		}
		return prefs
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	first := saveSettings("Yannick", "Yannick")
	if first["agent.prenom"] != "Yannick" {
		t.Fatalf("first name typed in the settings not kept in localStorage: %v", first)
	}
	// The next day the page is opened again; the agent goes to the name
	// field with Tab and types it. Were the saved profile not read at
	// start, saving would blank the first name.
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	second := saveSettings("Le Goff", "\t", "Le Goff")
	if second["agent.prenom"] != "Yannick" || second["agent.nom"] != "Le Goff" {
		t.Errorf("profile after opening the page again: %v", second)
	}
}

// nativeAnalysis times the same analyses outside the browser, for the
// figures to be read side by side: the median of five runs of each.
func nativeAnalysis(t *testing.T, msgs ...search.Message) string {
	k, _, err := kb.Load(templates.FS, kb.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := search.NewEngine(k)
	if err != nil {
		t.Fatal(err)
	}
	var ms []float64
	for _, m := range msgs {
		for range 5 {
			start := time.Now()
			if _, err := e.Analyze(m); err != nil {
				t.Fatal(err)
			}
			ms = append(ms, float64(time.Since(start).Microseconds())/1000)
		}
	}
	slices.Sort(ms)
	note := ""
	if racedetector.Enabled {
		note = " (compilé avec -race : plusieurs fois plus lent que l'application)"
	}
	return fmt.Sprintf("médiane %.1f ms%s", ms[len(ms)/2], note)
}

// openPage serves a copy of the build of its own and starts headless
// Chromium; it returns the browser and the page's address.
func openPage(t *testing.T) (context.Context, string) {
	t.Helper()
	bin := chromium(t)
	srv := httptest.NewServer(serve.Handler(buildDist(t)))
	t.Cleanup(srv.Close)
	ctx, cancel := browser(t, bin)
	t.Cleanup(cancel)
	return ctx, srv.URL + "/"
}

// waitReady waits for plume.ready and for the window (plume.shown: the base
// is read first, the window laid out after), and returns the loader's
// performance marks, in milliseconds since the navigation started.
func waitReady(t *testing.T, ctx context.Context) map[string]float64 {
	t.Helper()
	// The loader's own ready handler sets the last mark: let it run first.
	// A Go program that stops (plume.stopped) fails at once instead of
	// leaving plume.ready pending.
	js := `Promise.race([Promise.all([plume.ready, plume.shown]), new Promise((_, reject) => {
			const poll = () => plume.stopped ? reject(new Error(plume.stopped)) : setTimeout(poll, 100); poll(); })])
		.then(() => new Promise((r) => setTimeout(r, 0))).then(() =>
		JSON.stringify(Object.fromEntries([...performance.getEntriesByType("mark"), ...performance.getEntriesByType("paint")]
			.map((m) => [m.name, m.startTime]))))`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("plume.ready: %v", err)
	}
	marks := map[string]float64{}
	if err := json.Unmarshal([]byte(raw), &marks); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return marks
}

// browser starts headless Chromium as the probe does on this machine.
func browser(t *testing.T, bin string) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		// WebGL in software without a GPU process: with use-angle=swiftshader
		// instead, the first frame of any page waits ~800 ms for the GPU
		// process, which would hide the loading screen's first 200 ms.
		chromedp.Flag("disable-gpu", true), chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.WindowSize(1280, 760))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	return ctx, func() { cancelTime(); cancelCtx(); cancelAlloc() }
}
