//go:build js

package app

import (
	"encoding/json"
	"plume/search"
	"syscall/js"

	"fyne.io/fyne/v2"
)

// pageAPI is globalThis.plume, made by loader.js (or here, without it).
func pageAPI() js.Value {
	plume := js.Global().Get("plume")
	if plume.IsUndefined() || plume.IsNull() {
		plume = js.Global().Get("Object").New()
		js.Global().Set("plume", plume)
	}
	return plume
}

// pageMark sets a performance mark (plume:NAME) that the page's own
// tests read to tell where the start-up time goes.
func pageMark(name string) {
	if perf := js.Global().Get("performance"); perf.Type() == js.TypeObject {
		perf.Call("mark", "plume:"+name)
	}
}

// loadBeforeWindow: in the page the base is read before the window is laid
// out, so that plume.ready (what an intranet or a webmail integrating Plume
// waits for) does not wait for Fyne, which takes about as long to lay out
// the window as the base to load. The loading screen stays until the
// window is shown (plume.shown).
const loadBeforeWindow = true

// exposed is the engine plume.analyze answers from (UI goroutine, or
// Run before the window exists).
var exposed *search.Engine

// exposeAPI publishes globalThis.plume.analyze(subject, body), which returns
// the same object as `plume suggest --json`, plume.source (the knowledge
// base in use) and plume.notice, and resolves plume.ready, for a
// webmail or the intranet to integrate Plume. The analysis runs in the
// page: the message is sent nowhere. It reports whether e is new (a reload
// of the base publishes the engine that replaces it; the first base, loaded
// before the window, is published once).
func exposeAPI(e *search.Engine, source, notice string) bool {
	if e == exposed {
		return false
	}
	exposed = e
	plume := pageAPI()
	plume.Set("source", source) // which knowledge base answers: published or embedded
	plume.Set("notice", notice) // why not the published one, when it is not ("" otherwise)
	plume.Set("analyze", js.FuncOf(func(_ js.Value, args []js.Value) any {
		subject, body := "", ""
		if len(args) > 0 && args[0].Type() == js.TypeString {
			subject = args[0].String()
		}
		if len(args) > 1 && args[1].Type() == js.TypeString {
			body = args[1].String()
		}
		data, err := analyzeJSON(e, subject, body)
		if err != nil {
			return js.Global().Get("Error").New("plume : " + err.Error())
		}
		return js.Global().Get("JSON").Call("parse", string(data))
	}))
	if resolve := plume.Get("_resolveReady"); resolve.Type() == js.TypeFunction {
		resolve.Invoke()
	}
	return true
}

// analyzeJSON is plume.analyze's reading, as JSON.
func analyzeJSON(e *search.Engine, subject, body string) ([]byte, error) {
	a, err := e.Analyze(search.Message{Subject: subject, Body: body})
	if err != nil {
		return nil, err
	}
	return json.Marshal(a)
}

// warmUp runs one analysis: an engine's lazy tables then serve the agent's
// next message (a reload of the base).
func warmUp(e *search.Engine) {
	m := warmUpMessages[0]
	_, _ = analyzeJSON(e, m.Subject, m.Body)
}

// warmUpCode reads a few messages of different kinds, several times each,
// the page having the thread between two readings (its loading screen
// moves). The browser compiles a function to fast code only once it has
// run enough: with one reading here, the agent's first sensitive messages
// took 8 to 12 ms each, and 3.5 ms from the fifteenth on. Sixteen readings
// take 0.3 to 0.4 s before the window is laid out, after plume.ready; the
// first messages are then read in 3 to 5 ms. (Run after the window shows,
// the same readings and the browser's compiling slowed the first messages
// instead.) Once per page: the compiled code serves any base.
func warmUpCode(e *search.Engine) {
	for range warmUpRounds {
		for _, m := range warmUpMessages {
			yieldToPage()
			_, _ = analyzeJSON(e, m.Subject, m.Body)
		}
	}
	pageMark("warmed")
}

const warmUpRounds = 4

// warmUpMessages take the paths an agent's messages take: a relance, a
// sensitive case with several reasons, a reply above a quoted answer of
// ours, a message in English.
var warmUpMessages = []search.Message{
	{Subject: "3eme relance dossier titre de sejour", Body: "bjr jai deja envoye 2 mail et appelé le 12 novembre, tjr rien. mon recepisse expire le 20 decembre et mon patron attend. numero etranger 7512345678. merci"},
	{Subject: "Passeport urgent", Body: "Madame, Monsieur,\n\nMa mère est décédée dimanche à Tunis ; l'enterrement a lieu jeudi et mon vol part mercredi. Mon passeport a expiré en juin et ma fille de 8 ans n'a pas de carte d'identité. Je ne dors plus. Que dois-je faire ?\n\nSamia Ben Ali\n06 11 22 33 44"},
	{Subject: "RE: Votre demande de carte grise", Body: "Bonjour,\n\nVotre réponse ne règle pas mon problème : le site ANTS affiche toujours la même erreur pour la vente de ma voiture GH-482-TK.\n\nCordialement,\nPaul Martin\n\nLe 3 nov. 2026 à 10:12, Préfecture a écrit :\n> Bonjour, nous vous invitons à refaire la démarche sur le site de l'ANTS.\n> Cordialement"},
	{Subject: "Residence permit renewal", Body: "Hello,\n\nI applied to renew my residence permit on the ANEF website in September and my attestation expires next week. My employer says I cannot keep working without it. Could you tell me where my file stands?\n\nBest regards,\nJohn Smith"},
}

// yieldToPage lets the page run what waits on it (plume.ready's callbacks,
// a frame of the loading screen). Go keeps the browser's only thread until
// every goroutine waits; a sleep is not enough (a background goroutine of
// the index may run meanwhile), a message to the page is: its handler runs
// only once the page has had the thread. (A timer would too, but a tab
// opened in the background runs timers once a second at most.)
func yieldToPage() {
	done := make(chan struct{})
	channel := js.Global().Get("MessageChannel").New()
	var resume js.Func
	resume = js.FuncOf(func(js.Value, []js.Value) any {
		resume.Release()
		channel.Get("port1").Call("close")
		close(done)
		return nil
	})
	channel.Get("port1").Set("onmessage", resume)
	channel.Get("port2").Call("postMessage", nil)
	<-done
}

// windowShown resolves plume.shown: the window is laid out with its base,
// and the loading screen can give way to it.
func windowShown() {
	pageMark("shown")
	if resolve := pageAPI().Get("_resolveShown"); resolve.Type() == js.TypeFunction {
		resolve.Invoke()
	}
}

// installPageEvents receives what the page's events.js takes from Fyne's
// web driver: what the agent pastes with Ctrl+V, the files dropped on the
// page, the accented and AltGr characters typed, the keys it does not name
// (Home, End…). For the paste, the
// loader hands the text of the browser's paste event to plume._paste, which
// pastes it into the focused field as Fyne would, or into the message when
// nothing has the focus. (Fyne's own paste asks navigator.clipboard, which a
// page served over plain http does not have.)
func installPageEvents(m *Main) {
	plume := pageAPI()
	// A file dropped on the page (events.js keeps the browser from
	// opening it in place of the app) is read as on the desktop.
	plume.Set("_drop", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 || args[0].Type() != js.TypeString {
			return nil
		}
		name, data := args[0].String(), make([]byte, args[1].Get("length").Int())
		js.CopyBytesToGo(data, args[1])
		fyne.Do(func() { m.openDropped(name, data) })
		return nil
	}))
	onText(plume, "_paste", m.paste)
	// Accented letters and AltGr characters, which the driver drops.
	onText(plume, "_type", func(text string) {
		if field := m.win.Canvas().Focused(); field != nil {
			for _, r := range text {
				field.TypedRune(r)
			}
		}
	})
	// Home, End, Page Up and Page Down, which the driver does not name.
	keys := map[string]fyne.KeyName{"Home": fyne.KeyHome, "End": fyne.KeyEnd, "PageUp": fyne.KeyPageUp, "PageDown": fyne.KeyPageDown}
	onText(plume, "_key", func(key string) {
		if field := m.win.Canvas().Focused(); field != nil && keys[key] != "" {
			field.TypedKey(&fyne.KeyEvent{Name: keys[key]})
		}
	})
}

// onText publishes plume[name](text), which runs do(text) on the UI
// goroutine; anything but a string is ignored.
func onText(plume js.Value, name string, do func(string)) {
	plume.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 && args[0].Type() == js.TypeString {
			text := args[0].String()
			fyne.Do(func() { do(text) })
		}
		return nil
	}))
}

// openDropped shows a message file dropped on the page, read off the UI
// goroutine: the page must keep answering while a large file is read.
func (m *Main) openDropped(name string, data []byte) {
	m.Status.SetText("Lecture de " + name + "…")
	m.reading.Go(func() { m.readDropped(name, data) })
}
