//go:build plume_page

package templates

import "embed"

// FS is the default knowledge base of the browser build (tag plume_page),
// without the learned judge's weights: the page reads them from the
// kb.bundle published beside it, which `make wasm` always writes, and
// embedding them too made every agent download them twice (0.7 MB of
// plume.wasm gzip). Only a page published without its kb.bundle answers
// from this base, with the rules alone, and says so.
//
//go:embed *.yaml */*.md
var FS embed.FS

// WithJudge says whether FS holds the learned judge's weights.
const WithJudge = false
