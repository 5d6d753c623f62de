//go:build js

package app

import (
	"syscall/js"

	"fyne.io/fyne/v2"
)

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

// saveFile hands data to the browser as a download named name: the page
// has no disk and Fyne's file dialog none to show.
func saveFile(_ fyne.Window, name string, data []byte, done func(where string, err error)) {
	array := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(array, data)
	blob := js.Global().Get("Blob").New([]any{array})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := js.Global().Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Call("click")
	js.Global().Get("URL").Call("revokeObjectURL", url)
	done("le dossier des téléchargements du navigateur ("+name+")", nil)
}

// openFile asks the browser for a file and gives its content.
func openFile(_ fyne.Window, done func(name string, data []byte, err error)) {
	input := js.Global().Get("document").Call("createElement", "input")
	input.Set("type", "file")
	var onChange js.Func
	onChange = js.FuncOf(func(js.Value, []js.Value) any {
		defer onChange.Release()
		files := input.Get("files")
		if files.Length() == 0 {
			return nil
		}
		file := files.Index(0)
		name := file.Get("name").String()
		var then js.Func
		then = js.FuncOf(func(_ js.Value, args []js.Value) any {
			defer then.Release()
			array := js.Global().Get("Uint8Array").New(args[0])
			data := make([]byte, array.Length())
			js.CopyBytesToGo(data, array)
			fyne.Do(func() { done(name, data, nil) })
			return nil
		})
		file.Call("arrayBuffer").Call("then", then)
		return nil
	})
	input.Set("onchange", onChange)
	input.Call("click")
}
