package app

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestRenderedRepliesFetchNothing(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	test.NewTempApp(t)
	r := markdownView()
	w := test.NewWindow(r)
	defer w.Close()
	showMarkdown(r, "Bonjour,\n\n![]("+srv.URL+"/p.png?nom=DURAND)\n\n- un point ![x]("+srv.URL+"/l.png)\n")
	w.Canvas().Refresh(r)
	time.Sleep(300 * time.Millisecond) // time for a fetch, were one started
	if n := hits.Load(); n != 0 {
		t.Fatalf("rendering the reply sent %d request(s) to the address in an image", n)
	}
	for _, s := range r.Segments {
		if p, ok := s.(*widget.ParagraphSegment); ok {
			for _, in := range p.Texts {
				if _, img := in.(*widget.ImageSegment); img {
					t.Error("an image segment is left in the reply")
				}
			}
		}
	}
}
