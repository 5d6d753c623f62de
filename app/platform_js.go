//go:build js

package app

import "fyne.io/fyne/v2"

// filesOnDisk: the page has no disk; its knowledge base is the one
// published with it.
const filesOnDisk = false

// settingsKey opens the settings with Ctrl. Not the desktop's comma: Fyne's
// web driver (2.7.1) gives no name to that key, so Ctrl+, never arrives.
const settingsKey, settingsKeyLabel = fyne.KeyO, "Ctrl+O"
