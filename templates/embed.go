//go:build !plume_page

// Package templates holds Plume's default knowledge base: Markdown items,
// the site file, the synonyms and the learned judge's weights
// (jugement.poids, trained by `plume train` on testdata/train), embedded in
// the binary.
package templates

import "embed"

// FS is the default knowledge base, rooted at this folder.
//
//go:embed *.yaml *.poids */*.md
var FS embed.FS

// WithJudge says whether FS holds the learned judge's weights.
const WithJudge = true
