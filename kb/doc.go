// Package kb is Plume's knowledge base: the model of its items (réponses
// types, procedures, blocs, dated infos) and their codes, and the loading
// and checking of a base — a folder of Markdown items with YAML front
// matter, the embedded default, or a .bundle — with every problem said at
// its file and line. It also writes a validated base as a bundle
// (WriteBundle), finds titles for the editors (Finder) and gives the dates
// in business days the replies and the journal write.
//
// It imports no UI and no search engine: the engine that reads a message
// and proposes items is plume/search, and the reply is composed from its
// analysis by plume/compose. The learned judge's model and training
// (judge), the editors' atomic saves (store) and the bundle format (bundle)
// are sub-packages.
package kb
