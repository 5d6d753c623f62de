//go:build js

package app

import (
	"bytes"
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

// publishedKB fetches kb.bundle next to index.html: a prefecture publishes
// an updated knowledge base by copying one file, without rebuilding. It
// returns nil and a notice when there is none or it is unusable, and the
// embedded base is used.
func publishedKB() (fs.FS, string, string) {
	page, err := url.Parse(js.Global().Get("location").Get("href").String())
	if err != nil {
		return nil, "", ""
	}
	u := page.ResolveReference(&url.URL{Path: "kb.bundle"})
	client := &http.Client{Timeout: 20 * time.Second}
	resp, err := client.Get(u.String())
	if err != nil {
		return nil, "", "base publiée injoignable (" + err.Error() + ")" + embeddedJudge()
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		// Said, not alarmed: a prefecture that has published nothing yet
		// sees which base answers and how to publish one.
		return nil, "", "aucune base publiée (kb.bundle) à côté de la page" + embeddedJudge()
	}
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Sprintf("base publiée illisible (HTTP %d)", resp.StatusCode) + embeddedJudge()
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, "", "base publiée incomplète" + embeddedJudge()
	}
	fsys, info, err := kb.ReadBundle(bytes.NewReader(data), templates.FS)
	if err != nil {
		return nil, "", "base publiée refusée (" + err.Error() + ")" + embeddedJudge()
	}
	return fsys, fmt.Sprintf("base publiée du %s", info.Built.Format("02/01/2006 15:04")), ""
}
