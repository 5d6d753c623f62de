//go:build !js

package app

import "fyne.io/fyne/v2"

// filesOnDisk: the desktop reads a knowledge-base folder or bundle chosen in
// the settings.
const filesOnDisk = true

// settingsKey opens the settings with Ctrl, as in most desktop applications.
const settingsKey, settingsKeyLabel = fyne.KeyComma, "Ctrl+,"

// emptyClipboardSays answers the Coller button when the clipboard is empty.
const emptyClipboardSays = "Le presse-papiers est vide."

// readOnlyBaseSays heads the Rédaction tab when the base is not a folder.
const readOnlyBaseSays = "La base intégrée est en lecture seule. Pour rédiger, choisissez le dossier de la base " +
	"dans les Réglages (Ctrl+,) : un dossier de fichiers Markdown, partagé ou non."
