package kb

import (
	"testing"
	"testing/fstest"
)

// A knowledge editor can save anything: loading must report, never panic.
func FuzzLoadItem(f *testing.F) {
	f.Add([]byte(goodItem))
	f.Add([]byte("---\nid: x\ntitle: [a\n---\n"))
	f.Add([]byte("---\n---\n{{"))
	f.Add([]byte("---\nvariables: [{name: 3}]\nreviewed: 2026-13-45\n---\n{{ a.b }}{{}}"))
	f.Add([]byte("\xef\xbb\xbf---\r\nid: bom\r\n---\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"a/item.md": {Data: data}, "site.yaml": {Data: []byte("x: y\n")}}
		k, probs, err := Load(fsys, LoadOptions{Now: At(testToday)})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range probs {
			if p.Path == "" || p.Message == "" {
				t.Fatalf("problem without a place or a message: %+v", p)
			}
		}
		for _, it := range k.Items {
			_ = PlainText(it.Body)
		}
	})
}
