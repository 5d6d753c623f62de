// Package journal is the desk's transfer journal: what was forwarded to
// which service, when, and what has happened since. The audit found that
// more than half of the messages are forwarded to a business service and
// then lost from sight; the law asks that the person be told who holds the
// request (CRPA L. 114-2, R. 112-5). The journal is the « tableau de suivi »
// the desk kept by hand: a reference per transfer, its due date in business
// days, its state, and the matching of every new message against it, so
// that a relance is recognised by its reference or its numbers whatever its
// wording.
//
// It never keeps a message's text: only what is needed to find the request
// again (numbers, e-mail address, name, subject) and to follow it up.
//
// Storage is a folder shared by the desk without a server: each agent
// appends to a file of its own, one JSON event per line, written whole and
// synced; every agent's files are merged on reading. Nothing here imports
// Fyne: the app, the CLI and the browser build share it.
package journal
