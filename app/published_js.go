//go:build js

package app

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"syscall/js"

	"plume/kb"
	"plume/templates"
)

// publishedKB reads kb.bundle next to index.html: a prefecture publishes
// an updated knowledge base by copying one file, without rebuilding. It
// returns nil and a notice when there is none or it is unusable, and the
// embedded base is used; the page's build embeds no judge's weights (see
// templates), and the notice then says the rules judge alone.
func publishedKB() (fs.FS, string, string) {
	fsys, name, why := readPublished()
	if fsys == nil && !templates.WithJudge {
		why += " ; base intégrée sans le jugement appris : les règles seules jugent"
	}
	return fsys, name, why
}

func readPublished() (fs.FS, string, string) {
	status, data, err := awaitBundle()
	switch {
	case err != nil:
		return nil, "", "base publiée injoignable (" + err.Error() + ")"
	case status == http.StatusNotFound:
		// Said, not alarmed: a prefecture that has published nothing yet
		// sees which base answers and how to publish one.
		return nil, "", "aucune base publiée (kb.bundle) à côté de la page"
	case status != http.StatusOK:
		return nil, "", fmt.Sprintf("base publiée illisible (HTTP %d)", status)
	}
	fsys, info, err := kb.ReadBundle(bytes.NewReader(data), templates.FS)
	if err != nil {
		return nil, "", "base publiée refusée (" + err.Error() + ")"
	}
	return fsys, fmt.Sprintf("base publiée du %s", info.Built.Format("02/01/2006 15:04")), ""
}

// maxBundleBytes bounds what the page reads of kb.bundle.
const maxBundleBytes = 64 << 20

// awaitBundle returns kb.bundle's HTTP status and, when 200, its bytes. The
// page's loader starts that download with plume.wasm's and hands it over
// as the promise plume._bundle of {status, bytes} or {error}.
func awaitBundle() (int, []byte, error) {
	promise := pageAPI().Get("_bundle")
	if promise.Type() != js.TypeObject {
		return 0, nil, errors.New("la page n'a pas demandé kb.bundle (loader.js absent)")
	}
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
