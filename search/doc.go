// Package search is Plume's engine: it indexes a knowledge base (plume/kb)
// in memory with Bleve and reads a message as an experienced agent would —
// topic and service, relance and sensitive case with the words that say so,
// the learned judge's verdict, the entities that fill a reply, an earlier
// transfer found in the journal — then proposes the items that answer it
// and says what the agent must see first (Warnings) and what to send the
// service (EscalationNote).
//
// Open loads and indexes a base found by kb.Locate; the engine judges dates
// by the base's clock (kb.LoadOptions.Now). It imports no UI: the desktop
// app, the command line, the tests and the browser build call the same code.
package search
