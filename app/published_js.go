//go:build js

package app

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"syscall/js"

	"io/fs"

	"plume/kb"
	"plume/kb/bundle"
	"plume/templates"
)

// publishedKB reads kb.bundle next to index.html: a prefecture publishes
// an updated knowledge base by copying one file, without rebuilding. It
// returns false and a notice when there is none or it is unusable, and the
// embedded base is used; the page's build embeds no judge's weights (see
// templates), and the notice then says the rules judge alone.
func publishedKB() (kb.Base, bool, string) {
	base, ok, why := readPublished()
	if !ok && !templates.WithJudge {
		why += " ; base intégrée sans le jugement appris : les règles seules jugent"
	}
	return base, ok, why
}

func readPublished() (kb.Base, bool, string) {
	got, err := awaitBundle()
	switch {
	case err != nil:
		return kb.Base{}, false, "base publiée injoignable (" + err.Error() + ")"
	case got.status == http.StatusNotFound:
		// Said, not alarmed: a prefecture that has published nothing yet
		// sees which base answers and how to publish one.
		return kb.Base{}, false, "aucune base publiée (kb.bundle) à côté de la page"
	case got.status != http.StatusOK:
		return kb.Base{}, false, fmt.Sprintf("base publiée illisible (HTTP %d)", got.status)
	}
	var fsys fs.FS
	var info bundle.Info
	switch {
	case got.refused != nil:
		err = got.refused
	case got.plain:
		fsys, info, err = kb.DecodeBundle(got.data, templates.FS)
	default:
		fsys, info, err = kb.ReadBundle(bytes.NewReader(got.data), templates.FS)
	}
	if err != nil {
		return kb.Base{}, false, "base publiée refusée (" + err.Error() + ")"
	}
	name := fmt.Sprintf("base publiée du %s", info.Built.Format("02/01/2006 15:04"))
	return kb.Base{Origin: kb.Published, Name: name, FS: fsys, Prepared: info.Prepared}, true, ""
}

// fetched is kb.bundle as the loader hands it over.
type fetched struct {
	status int
	data   []byte
	// plain: the browser decompressed it (the loader's gunzip); otherwise
	// data is the gzip file.
	plain bool
	// refused says why the browser's decompression gave up.
	refused error
}

// awaitBundle returns kb.bundle's HTTP status and, when 200, its bytes. The
// page's loader starts that download with plume.wasm's, decompresses it
// when the browser can, and hands it over as the promise plume._bundle of
// {status, json}, {status, bytes}, {status, tooLarge}, {status, corrupt} or
// {error}.
func awaitBundle() (fetched, error) {
	promise := pageAPI().Get("_bundle")
	if promise.Type() != js.TypeObject {
		return fetched{}, errors.New("la page n'a pas demandé kb.bundle (loader.js absent)")
	}
	type result struct {
		got fetched
		err error
	}
	done := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		r := args[0]
		got := fetched{}
		if status := r.Get("status"); status.Type() == js.TypeNumber {
			got.status = status.Int()
		}
		bytes := r.Get("bytes")
		if json := r.Get("json"); json.Type() == js.TypeObject {
			bytes, got.plain = json, true
		}
		switch {
		case r.Get("error").Type() == js.TypeString:
			done <- result{err: errors.New(r.Get("error").String())}
			return nil
		case r.Get("tooLarge").Truthy():
			got.refused = fmt.Errorf("%w : plus de %d Mo une fois décompressé", bundle.ErrTooLarge, bundle.MaxSize>>20)
		case r.Get("corrupt").Type() == js.TypeString:
			got.refused = fmt.Errorf("%w : données compressées illisibles (%s)", bundle.ErrCorrupt, r.Get("corrupt").String())
		case bytes.Type() == js.TypeObject:
			n := bytes.Get("length").Int()
			// A compressed file is smaller than what it holds: past the
			// bound on what it holds, it is not read.
			if n > bundle.MaxSize {
				got.refused = fmt.Errorf("%w : fichier de plus de %d Mo", bundle.ErrTooLarge, bundle.MaxSize>>20)
				break
			}
			got.data = make([]byte, n)
			js.CopyBytesToGo(got.data, bytes)
		}
		done <- result{got: got}
		return nil
	})
	defer then.Release()
	promise.Call("then", then)
	r := <-done
	return r.got, r.err
}
