//go:build js

package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"syscall/js"
	"time"

	"plume/kb"
	"plume/templates"
)

// embeddedJudge ends a notice when the embedded base answers without the
// learned judge (the page's build embeds no weights: see templates).
func embeddedJudge() string {
	if templates.WithJudge {
		return ""
	}
	return " ; base intégrée sans le jugement appris : les règles seules jugent"
}

// publishedKB reads kb.bundle next to index.html: a prefecture publishes
// an updated knowledge base by copying one file, without rebuilding. It
// returns nil and a notice when there is none or it is unusable, and the
// embedded base is used.
func publishedKB() (fs.FS, string, string) {
	status, data, err := fetchBundle()
	switch {
	case err != nil:
		return nil, "", "base publiée injoignable (" + err.Error() + ")" + embeddedJudge()
	case status == http.StatusNotFound:
		// Said, not alarmed: a prefecture that has published nothing yet
		// sees which base answers and how to publish one.
		return nil, "", "aucune base publiée (kb.bundle) à côté de la page" + embeddedJudge()
	case status != http.StatusOK:
		return nil, "", fmt.Sprintf("base publiée illisible (HTTP %d)", status) + embeddedJudge()
	}
	fsys, info, err := kb.ReadBundle(bytes.NewReader(data), templates.FS)
	if err != nil {
		return nil, "", "base publiée refusée (" + err.Error() + ")" + embeddedJudge()
	}
	return fsys, fmt.Sprintf("base publiée du %s", info.Built.Format("02/01/2006 15:04")), ""
}

// maxBundleBytes bounds what the page reads of kb.bundle.
const maxBundleBytes = 64 << 20

// fetchBundle returns kb.bundle's HTTP status and, when 200, its bytes.
// The page's loader starts that download with plume.wasm's
// (plume._bundle), so that it is there when Go asks for it instead of
// starting once the window is built; without the loader, Go fetches it.
func fetchBundle() (int, []byte, error) {
	if p := pageAPI().Get("_bundle"); p.Type() == js.TypeObject {
		return awaitBundle(p)
	}
	page, err := url.Parse(js.Global().Get("location").Get("href").String())
	if err != nil {
		return 0, nil, err
	}
	u := page.ResolveReference(&url.URL{Path: "kb.bundle"})
	client := &http.Client{Timeout: 20 * time.Second}
	resp, err := client.Get(u.String())
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, nil, nil
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBundleBytes))
	if err != nil {
		return 0, nil, errors.New("lecture interrompue")
	}
	return resp.StatusCode, data, nil
}

// awaitBundle waits for the loader's promise of {status, bytes, error}.
func awaitBundle(promise js.Value) (int, []byte, error) {
	type result struct {
		status int
		data   []byte
		err    error
	}
	done := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		r := args[0]
		switch {
		case r.Get("error").Type() == js.TypeString:
			done <- result{err: errors.New(r.Get("error").String())}
		case r.Get("bytes").Type() == js.TypeObject:
			n := r.Get("bytes").Get("length").Int()
			if n > maxBundleBytes {
				done <- result{err: errors.New("fichier trop grand")}
				break
			}
			data := make([]byte, n)
			js.CopyBytesToGo(data, r.Get("bytes"))
			done <- result{status: r.Get("status").Int(), data: data}
		default:
			done <- result{status: r.Get("status").Int()}
		}
		return nil
	})
	defer then.Release()
	promise.Call("then", then)
	r := <-done
	return r.status, r.data, r.err
}
