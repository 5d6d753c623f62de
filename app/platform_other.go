//go:build !js

package app

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

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

// saveFile asks where to save data named name, and says where it went.
func saveFile(w fyne.Window, name string, data []byte, done func(where string, err error)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			done("", err)
			return
		}
		_, err = wc.Write(data)
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		done(wc.URI().Path(), err)
	}, w)
	d.SetFileName(name)
	d.Show()
}

// openFile asks for a file and gives its content.
func openFile(w fyne.Window, done func(name string, data []byte, err error)) {
	dialog.ShowFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			done("", nil, err)
			return
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, 256<<20))
		done(rc.URI().Name(), data, err)
	}, w)
}
