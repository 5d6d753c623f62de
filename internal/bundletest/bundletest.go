// Package bundletest opens a knowledge-base bundle (kb/bundle) for the tests
// that damage, edit or forge one: its JSON line as a map, the contents of
// its files as strings under "files", and back.
package bundletest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"sort"
	"testing"
)

// Unpack decompresses a bundle into its JSON line, with "files" turned into
// a map of each path to its content as the first format had it, and
// "prepared" holding the prepared engine's bytes: what a test edits.
func Unpack(t *testing.T, data []byte) map[string]any {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	rest := bytes.TrimPrefix(raw[dec.InputOffset():], []byte("\n"))
	files := map[string]any{}
	for _, e := range doc["files"].([]any) {
		e := e.(map[string]any)
		size := int(e["size"].(float64))
		files[e["path"].(string)], rest = string(rest[:size]), rest[size:]
	}
	doc["files"], doc["prepared"] = files, rest
	return doc
}

// Repack is the bundle of an unpacked one: its files in path order after
// the JSON line, then the prepared engine. A "files" that is not a map goes
// into the JSON as it is.
func Repack(t *testing.T, doc map[string]any) []byte {
	t.Helper()
	d := map[string]any{}
	for k, v := range doc {
		d[k] = v
	}
	prepared, _ := d["prepared"].([]byte)
	delete(d, "prepared")
	var contents []byte
	if files, ok := d["files"].(map[string]any); ok {
		paths := make([]string, 0, len(files))
		for p := range files {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		var list []map[string]any
		for _, p := range paths {
			list = append(list, map[string]any{"path": p, "size": len(files[p].(string))})
			contents = append(contents, files[p].(string)...)
		}
		d["files"] = list
	}
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(append(append(append(raw, '\n'), contents...), prepared...))
	w.Close()
	return buf.Bytes()
}
