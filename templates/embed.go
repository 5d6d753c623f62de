//go:build !plume_page

package templates

import "embed"

// FS is the default knowledge base, rooted at this folder.
//
//go:embed *.yaml *.poids */*.md
var FS embed.FS

// WithJudge says whether FS holds the learned judge's weights.
const WithJudge = true
