// Package kb is Plume's engine: it loads and checks the knowledge base (a
// folder of Markdown items with YAML front matter, or the embedded default,
// or a .bundle), indexes it in memory with Bleve, and reads a message as an
// experienced agent would — topic and service, relance and sensitive case
// with the words that say so, the learned judge's verdict, the entities that
// fill a reply — then proposes the items that answer it.
//
// It imports no UI: the desktop app, the command line, the tests and the
// browser build call the same code. It reads messages through the message
// readers (plume/message/intake, detect, entities), which know nothing of
// the base. The learned judge (judge), the composition of the reply
// (compose), the editors' atomic saves (store) and the bundle format
// (bundle) are its sub-packages.
package kb
