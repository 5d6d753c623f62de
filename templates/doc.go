// Package templates holds Plume's default knowledge base: Markdown items,
// the site file, the synonyms and the learned judge's weights
// (jugement.poids, trained by `plume train` on testdata/train), embedded in
// the binary. The browser build (tag plume_page) embeds it without the
// weights, which the page reads from the kb.bundle published beside it.
package templates
