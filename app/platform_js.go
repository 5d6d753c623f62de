//go:build js

package app

import "fyne.io/fyne/v2"

// filesOnDisk: the page has no disk; its knowledge base is the one
// published with it.
const filesOnDisk = false

// settingsKey opens the settings with Ctrl. Not the desktop's comma: Fyne's
// web driver (2.7.1) gives no name to that key, so Ctrl+, never arrives.
const settingsKey, settingsKeyLabel = fyne.KeyO, "Ctrl+O"

// emptyClipboardSays answers the Coller button when it reads nothing: a page
// over plain http cannot read the clipboard, and elsewhere the browser may
// refuse; Ctrl+V always works (the page's paste event).
const emptyClipboardSays = "Le navigateur ne donne pas le presse-papiers à ce bouton : collez avec Ctrl+V dans la zone du message."

// readOnlyBaseSays heads the Rédaction tab: the page cannot write files.
const readOnlyBaseSays = "Dans le navigateur, la base est en lecture seule. Les rédacteurs la modifient dans " +
	"l'application de bureau, puis publient le fichier kb.bundle à côté de cette page."
