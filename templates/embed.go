// Package templates holds Plume's default knowledge base: Markdown items,
// the site file and the synonyms, embedded in the binary.
package templates

import "embed"

// FS is the default knowledge base, rooted at this folder.
//
//go:embed *.yaml */*.md
var FS embed.FS
