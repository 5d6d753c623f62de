package app

import (
	"fmt"
	"image/color"
	"plume/search"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"plume/compose"
	"plume/journal"
	"plume/kb"
	"plume/message/detect"
	"plume/message/intake"
)

// analysisDelay is how long typing must pause before the message is read
// again: reading takes a few milliseconds, but not on every keystroke.
const analysisDelay = 250 * time.Millisecond

// Assistant is the "Répondre" tab: the message on the left with the
// warnings above it, the suggestions and the reply on the right.
type Assistant struct {
	app    fyne.App
	win    fyne.Window
	engine *search.Engine
	// inUse counts the analyses running on each engine; retired are the
	// replaced engines waiting for theirs to end before being closed
	// (guarded by mu).
	inUse   map[*search.Engine]int
	retired []*search.Engine
	owned   map[*search.Engine]bool // engines this window loaded, to close once replaced
	Content fyne.CanvasObject

	Subject *widget.Entry
	Body    *messageEntry
	Paste   *widget.Button

	Banner      *fyne.Container // hidden when the message is ordinary
	bannerBg    *canvas.Rectangle
	BannerTitle *canvas.Text
	BannerText  *widget.Label
	Escalate    *widget.Button
	Escalation  *widget.Entry // the last escalation note opened

	// Check is the lighter « à vérifier » banner: a possible relance or
	// sensitive case that the agent confirms (a button, or Ctrl+J) before
	// the reply changes, or dismisses.
	Check            *fyne.Container
	CheckText        *widget.Label
	ConfirmRelance   *widget.Button
	ConfirmSensitive *widget.Button
	Dismiss          *widget.Button

	Routing     *widget.Label
	List        *choiceList
	Reply       *widget.RichText
	ReplyTitle  *widget.Label
	CopyButton  *widget.Button
	CopyStatus  *widget.Label
	Accuse      *widget.Button
	fieldsBox   *fyne.Container
	values      map[string]string // what the agent typed, by field name
	reply       compose.Reply
	accuse      bool // the reply shown is the accusé de réception
	profile     compose.Profile
	analysis    search.Analysis
	suggestions []search.Suggestion
	chosen      *kb.Item
	replyText   string
	// confirmed holds what the agent confirmed of an « à vérifier »
	// (kb.ConfirmRelance, kb.ConfirmSensitive) and checkDismissed their
	// « Ni l'un ni l'autre », for the message being edited: reading it
	// again as they type does not undo their word. A new message clears
	// both.
	confirmed      map[string]bool
	checkDismissed bool

	// mu guards what analyses running off the UI goroutine touch: the
	// engine in service and the counts of analyses using each engine.
	mu sync.Mutex
	// run is how the tab waits and works off the UI goroutine (real timers
	// and goroutines; a queue the tests drive).
	run runner
	// stopTimer cancels the pending reading; seq numbers the readings
	// asked, so that a slower, older one is not shown over a newer one
	// (both UI goroutine).
	stopTimer func() bool
	seq       int
	// cut says the message was cut to fit the window (maxWindowBytes).
	cut bool
	// journal is the desk's transfer journal (nil until opened): each
	// message is looked up in it, and « Transmettre » records in it.
	journal *journal.Journal
	delays  journal.Delays
	// now is the clock of the dates the reply and the journal write.
	now func() time.Time
	// onJournal is told the key of the entry a message is about, or was
	// just recorded under (Main puts it on top of the Suivi tab).
	onJournal func(key string)
	// wroteFor is the entry this message was already counted for: the
	// person wrote again once, however many times the reply is copied.
	wroteFor string
	// onTop is the entry this message put on top of the Suivi tab.
	onTop string
	// Transmit records the transfer; ForwardNote is the note to the
	// service written at the last transfer.
	Transmit    *widget.Button
	ForwardNote *widget.Entry
	// settingMessage: SetMessage is filling both fields (UI goroutine).
	settingMessage bool
}

// runner is how the tab waits for a pause in typing and reads a message
// off the UI goroutine. The window uses real timers and goroutines
// (appRunner); the tests a queue they drive, through the same code.
type runner struct {
	// after runs f on the UI goroutine after d; stop cancels it.
	after func(d time.Duration, f func()) (stop func() bool)
	// work runs f off the UI goroutine.
	work func(f func())
	// ui runs f on the UI goroutine.
	ui func(f func())
}

var appRunner = runner{
	after: func(d time.Duration, f func()) func() bool {
		return time.AfterFunc(d, func() { fyne.Do(f) }).Stop
	},
	work: func(f func()) { go f() },
	ui:   fyne.Do,
}

// Banner colours: orange for a relance, red for a sensitive case.
var (
	relanceColor   = color.NRGBA{R: 0xd9, G: 0x6c, B: 0x00, A: 0xff}
	sensitiveColor = color.NRGBA{R: 0xc9, G: 0x19, B: 0x1e, A: 0xff}
	dangerColor    = color.NRGBA{R: 0x6a, G: 0x00, B: 0x0f, A: 0xff}
	// The « à vérifier » banner is pale, with dark text: it asks for a
	// look, it does not alarm.
	checkColor     = color.NRGBA{R: 0xff, G: 0xf1, B: 0xc7, A: 0xff}
	checkTextColor = color.NRGBA{R: 0x4a, G: 0x2c, B: 0x00, A: 0xff}
)

// NewAssistant builds the tab. The engine arrives later through SetEngine.
func NewAssistant(a fyne.App, w fyne.Window) *Assistant {
	as := &Assistant{app: a, win: w, now: time.Now, delays: journal.DefaultDelays, onJournal: func(string) {}, run: appRunner}
	as.Subject = widget.NewEntry()
	as.Subject.SetPlaceHolder("Objet du message")
	as.Body = newMessageEntry()
	as.Body.SetPlaceHolder("Collez ici le message de l'usager (Ctrl+V), avec le fil s'il y en a un.")
	as.Body.onCut = func() { as.cut = true }
	as.Subject.OnChanged = func(string) { as.schedule() }
	as.Body.OnChanged = func(text string) {
		if text == "" {
			as.cut = false
			as.values = map[string]string{} // the field emptied: the next text is another message
		}
		as.schedule()
	}
	as.Paste = widget.NewButtonWithIcon("Coller", theme.ContentPasteIcon(), as.PasteClipboard)

	as.bannerBg = canvas.NewRectangle(relanceColor)
	as.bannerBg.CornerRadius = 6
	// The title is short (a canvas text does not wrap and would widen the
	// window); what to do is in the wrapping text below it.
	as.BannerTitle = canvas.NewText("", color.White)
	as.BannerTitle.TextStyle = fyne.TextStyle{Bold: true}
	as.BannerText = wrappedLabel("", false)
	as.Escalate = widget.NewButtonWithIcon("Préparer le message d'escalade", theme.MailForwardIcon(), as.ShowEscalation)
	// The banner's colours are its own: white text on orange or red in the
	// light theme as in the dark one.
	as.Banner = container.NewStack(as.bannerBg, container.NewThemeOverride(container.NewPadded(container.NewBorder(
		container.NewPadded(as.BannerTitle), container.NewHBox(as.Escalate), nil, nil, as.BannerText)), bannerTheme{theme.DefaultTheme()}))
	as.Banner.Hide()

	checkBg := canvas.NewRectangle(checkColor)
	checkBg.CornerRadius = 6
	checkBg.StrokeColor = relanceColor
	checkBg.StrokeWidth = 1
	checkTitle := canvas.NewText("À VÉRIFIER", checkTextColor)
	checkTitle.TextStyle = fyne.TextStyle{Bold: true}
	as.CheckText = wrappedLabel("", false)
	as.ConfirmRelance = widget.NewButton("C'est une relance", func() { as.Confirm(search.ConfirmRelance) })
	as.ConfirmSensitive = widget.NewButton("C'est une situation sensible", func() { as.Confirm(search.ConfirmSensitive) })
	as.Dismiss = widget.NewButton("Ni l'un ni l'autre", func() {
		as.checkDismissed = true
		as.Check.Hide()
	})
	as.Check = container.NewStack(checkBg, container.NewThemeOverride(container.NewPadded(container.NewBorder(
		checkTitle, container.NewHBox(as.ConfirmRelance, as.ConfirmSensitive, as.Dismiss), nil, nil, as.CheckText)),
		checkTheme{theme.DefaultTheme()}))
	as.Check.Hide()

	as.Routing = wrappedLabel("", false)
	as.List = newTwoLineList(
		func() int { return len(as.suggestions) },
		func(i int) (string, string) { return as.suggestions[i].Title, suggestionLine(as.suggestions[i]) },
		func(i int) { as.Choose(as.suggestions[i].Item) },
	)
	as.ReplyTitle = wrappedLabel("Choisissez une suggestion", true)
	as.Reply = markdownView()
	as.CopyStatus = widget.NewLabel("")
	// A long status must not widen the window: it is cut, and the full
	// list of missing fields is in the "Champs à remplir" tab.
	as.CopyStatus.Truncation = fyne.TextTruncateEllipsis
	as.CopyButton = widget.NewButtonWithIcon("Copier la réponse", theme.ContentCopyIcon(), as.CopyReply)
	as.CopyButton.Importance = widget.HighImportance
	as.CopyButton.Disable()
	as.Accuse = widget.NewButtonWithIcon("Accusé de réception", theme.MailReplyIcon(), as.ShowAccuse)
	as.Transmit = widget.NewButtonWithIcon("Transmettre…", theme.MailForwardIcon(), as.ShowTransmit)
	as.Transmit.Disable()
	as.ForwardNote = widget.NewMultiLineEntry()
	as.ForwardNote.Wrapping = fyne.TextWrapWord
	as.values = map[string]string{}
	as.fieldsBox = container.NewVBox()

	message := container.NewBorder(
		container.NewVBox(as.Banner, as.Check, container.NewBorder(nil, nil, nil, as.Paste, as.Subject)),
		nil, nil, nil, as.Body)
	suggestions := container.NewBorder(as.Routing, nil, nil, nil, as.List)
	replyTabs := container.NewAppTabs(
		container.NewTabItem("Réponse", container.NewVScroll(as.Reply)),
		container.NewTabItem("Champs à remplir", container.NewVScroll(as.fieldsBox)),
	)
	reply := container.NewBorder(as.ReplyTitle, container.NewBorder(nil, nil, container.NewHBox(as.Accuse, as.Transmit), as.CopyButton, as.CopyStatus), nil, nil,
		replyTabs)
	right := container.NewVSplit(suggestions, reply)
	right.Offset = 0.42
	split := container.NewHSplit(message, right)
	split.Offset = 0.45
	as.Content = split
	return as
}

// SetEngine makes the tab ready to read messages (UI goroutine). An engine
// the window loaded itself (owned) is closed, once replaced, as soon as no
// analysis uses it any more: a reload at each colleague's save must not keep
// every earlier index in memory.
func (as *Assistant) SetEngine(e *search.Engine, owned bool) {
	as.mu.Lock()
	old := as.engine
	as.engine = e
	if as.owned == nil {
		as.owned = map[*search.Engine]bool{}
	}
	if owned {
		as.owned[e] = true
	}
	if old != nil && old != e && as.owned[old] {
		delete(as.owned, old)
		if as.inUse[old] == 0 {
			old.Close()
		} else {
			as.retired = append(as.retired, old)
		}
	}
	as.mu.Unlock()
	as.AnalyzeNow()
}

// use takes the current engine for one analysis; release gives it back,
// closing it if it was retired meanwhile.
func (as *Assistant) use() *search.Engine {
	as.mu.Lock()
	defer as.mu.Unlock()
	if as.engine != nil {
		if as.inUse == nil {
			as.inUse = map[*search.Engine]int{}
		}
		as.inUse[as.engine]++
	}
	return as.engine
}

func (as *Assistant) release(e *search.Engine) {
	as.mu.Lock()
	defer as.mu.Unlock()
	if e == nil {
		return
	}
	as.inUse[e]--
	if as.inUse[e] > 0 {
		return
	}
	delete(as.inUse, e)
	for i, r := range as.retired {
		if r == e {
			e.Close()
			as.retired = append(as.retired[:i], as.retired[i+1:]...)
			return
		}
	}
}

// PasteClipboard replaces the message with the clipboard's text and reads
// it at once. A first line « Objet : … » goes to the subject.
func (as *Assistant) PasteClipboard() {
	text := as.app.Clipboard().Content()
	if strings.TrimSpace(text) == "" {
		as.CopyStatus.SetText(emptyClipboardSays)
		return
	}
	as.SetMessage(intake.SubjectLine(text))
}

// SetMessage shows a message and reads it at once.
func (as *Assistant) SetMessage(subject, body string) {
	// A new message: what was typed or confirmed for the last one does not
	// apply. Edits of the same message (a typo corrected, a line added)
	// keep them.
	as.confirmed, as.checkDismissed = nil, false
	as.values = map[string]string{}
	as.wroteFor, as.onTop = "", ""
	// The two fields change together: one reading, not one per field and
	// then a third (the fields' OnChanged would each schedule one).
	as.settingMessage = true
	as.Subject.SetText(subject)
	as.cut = as.Body.setMessage(body)
	as.settingMessage = false
	as.AnalyzeNow()
}

// AnalyzeSync reads the current message and shows it before returning; it
// is called off the UI goroutine (start-up measurement).
func (as *Assistant) AnalyzeSync() {
	done := make(chan struct{})
	fyne.Do(func() {
		e := as.use()
		defer as.release(e)
		msg := search.Message{Subject: as.Subject.Text, Body: as.Body.Text}
		if e != nil {
			if a, err := e.Analyze(msg); err == nil {
				as.show(a)
			}
		}
		close(done)
	})
	<-done
}

// schedule reads the message again once typing pauses.
func (as *Assistant) schedule() {
	if as.settingMessage {
		return
	}
	as.cancelPending()
	as.stopTimer = as.run.after(analysisDelay, as.AnalyzeNow)
}

// cancelPending cancels the reading waiting for a pause in typing.
func (as *Assistant) cancelPending() {
	if as.stopTimer != nil {
		as.stopTimer()
		as.stopTimer = nil
	}
}

// AnalyzeNow reads the message off the UI goroutine and shows the result
// when it is still the latest (UI goroutine).
func (as *Assistant) AnalyzeNow() {
	as.cancelPending() // this reading replaces the one pending
	e := as.use()
	as.seq++
	seq := as.seq
	if e == nil {
		return
	}
	msg := search.Message{Subject: as.Subject.Text, Body: as.Body.Text}
	j := as.journal
	as.run.work(func() {
		a, err := e.Analyze(msg)
		if err == nil {
			a, _ = journal.Find(j, e, a)
		}
		as.release(e)
		as.run.ui(func() {
			if seq != as.seq { // a newer reading was asked meanwhile
				return
			}
			if err != nil {
				as.Routing.SetText("Analyse impossible : " + err.Error())
				return
			}
			as.show(a)
		})
	})
}

// show displays an analysis.
func (as *Assistant) show(a search.Analysis) {
	for what := range as.confirmed {
		a = as.engine.Confirm(a, what)
	}
	as.analysis = a
	empty := strings.TrimSpace(a.Parsed.Body+a.Parsed.Subject) == ""
	if empty || as.journal == nil {
		as.Transmit.Disable()
	} else {
		as.Transmit.Enable()
	}
	as.noteWritten(a)
	as.showBanner(a)
	if empty {
		as.suggestions = nil
		as.Routing.SetText("")
	} else {
		as.suggestions = a.Suggestions
		as.Routing.SetText(routingLine(a))
	}
	as.List.UnselectAll()
	as.List.Refresh()
	if len(as.suggestions) > 0 {
		// Keep the agent's choice while they edit the message, if it is
		// still proposed.
		pick := 0
		for i, sg := range as.suggestions {
			if as.chosen != nil && sg.ID == as.chosen.ID {
				pick = i
			}
		}
		as.List.Select(pick)
	} else {
		as.chosen = nil
		as.ReplyTitle.SetText("Choisissez une suggestion")
		showMarkdown(as.Reply, "")
		as.CopyButton.Disable()
	}
}

func (as *Assistant) showBanner(a search.Analysis) {
	var titles, lines []string
	as.bannerBg.FillColor = relanceColor
	warnings := search.Warnings(a)
	for _, w := range warnings {
		if w.Checking() {
			continue // the lighter « à vérifier » banner (showCheck)
		}
		switch w.Kind {
		case search.WarnDanger:
			as.bannerBg.FillColor = dangerColor
		case search.WarnDetresse, search.WarnSensible:
			as.bannerBg.FillColor = sensitiveColor
		}
		titles = append(titles, w.Title)
		lines = append(lines, w.Line())
	}
	as.showCheck(warnings)
	switch {
	case as.cut:
		titles = append(titles, "MESSAGE TRONQUÉ")
		lines = append(lines, fmt.Sprintf("Message de plus de %d Ko : seul le début est dans la fenêtre et a été lu. La suite reste dans votre messagerie.", maxWindowBytes>>10))
	case a.Truncated:
		titles = append(titles, "MESSAGE TRONQUÉ")
		lines = append(lines, "Message très long : seul le début a été lu.")
	}
	if len(titles) == 0 {
		as.Banner.Hide()
		return
	}
	as.BannerTitle.Text = strings.Join(titles, " · ")
	as.BannerTitle.Refresh()
	as.BannerText.SetText(strings.Join(lines, "\n"))
	as.bannerBg.Refresh()
	as.Banner.Show()
}

// Choose shows the reply built on item.
func (as *Assistant) Choose(it *kb.Item) {
	as.chosen, as.accuse = it, false
	as.recompose()
}

// ShowAccuse shows the acknowledgement of receipt, which commits to an
// answer within 5 business days.
func (as *Assistant) ShowAccuse() {
	if as.engine == nil {
		return
	}
	as.accuse = true
	as.recompose()
}

// recompose assembles the reply again: after a choice, or when the agent
// types in a field.
func (as *Assistant) recompose() {
	if as.engine == nil || (as.chosen == nil && !as.accuse) {
		return
	}
	opt := compose.Options{Today: as.now(), Values: as.values, Profile: as.profile}
	if as.accuse {
		as.reply = compose.AccuseReception(as.engine.KB(), as.analysis, opt)
		as.ReplyTitle.SetText("Accusé de réception (réponse sous 5 jours ouvrés)")
	} else {
		as.reply = compose.Compose(as.engine.KB(), as.analysis, as.chosen, opt)
		as.ReplyTitle.SetText(as.chosen.Title)
	}
	showMarkdown(as.Reply, as.reply.Markdown)
	as.replyText = as.reply.Text
	as.showFields()
	as.CopyButton.Enable()
	status := ""
	if n := len(as.reply.Missing); n > 0 {
		status = fmt.Sprintf("%d champ(s) obligatoire(s) à remplir : %s", n, strings.Join(as.reply.Missing, ", "))
	}
	if len(as.reply.Notes) > 0 {
		status = strings.TrimSpace(status + " " + strings.Join(as.reply.Notes, " "))
	}
	as.CopyStatus.SetText(status)
}

// showFields lists the reply's fields with their values, required ones
// marked with an asterisk; typing in one fills the reply.
func (as *Assistant) showFields() {
	as.fieldsBox.RemoveAll()
	for _, f := range as.reply.Fields {
		f := f
		e := widget.NewEntry()
		e.SetText(f.Value)
		label := f.Label
		if f.Required {
			label += " *"
		}
		if f.Source != "" {
			e.SetPlaceHolder("source : " + f.Source)
		}
		e.OnSubmitted = func(v string) {
			as.values[f.Name] = v
			as.recompose()
		}
		e.OnChanged = func(v string) { as.values[f.Name] = v }
		as.fieldsBox.Add(wrappedLabel(label, f.Required)) // some labels are long explanations
		as.fieldsBox.Add(e)
	}
	apply := widget.NewButtonWithIcon("Appliquer à la réponse", theme.ConfirmIcon(), as.recompose)
	as.fieldsBox.Add(apply)
	as.fieldsBox.Refresh()
}

// CopyReply puts the reply, as plain text, on the clipboard.
func (as *Assistant) CopyReply() {
	if as.chosen == nil && !as.accuse {
		return
	}
	as.app.Clipboard().SetContent(as.replyText)
	as.CopyStatus.SetText("Réponse copiée : collez-la dans votre messagerie.")
	as.answeredAgain()
	as.tally()
}

// ShowEscalation opens the internal message to the competent service, for
// the agent to read, adjust and copy.
func (as *Assistant) ShowEscalation() {
	note := widget.NewMultiLineEntry()
	note.Wrapping = fyne.TextWrapWord
	note.SetText(search.EscalationNote(as.analysis))
	note.SetMinRowsVisible(16)
	as.Escalation = note
	copyNote := widget.NewButtonWithIcon("Copier le message d'escalade", theme.ContentCopyIcon(), func() {
		as.app.Clipboard().SetContent(note.Text)
		as.CopyStatus.SetText("Message d'escalade copié : envoyez-le au service aujourd'hui.")
	})
	content := container.NewBorder(nil, copyNote, nil, nil, note)
	d := dialog.NewCustom("Escalade le jour même — message interne", "Fermer", content, as.win)
	d.Resize(fyne.NewSize(760, 560))
	d.Show()
}

// ReplyText is the text « Copier la réponse » puts on the clipboard.
func (as *Assistant) ReplyText() string { return as.replyText }

func suggestionLine(s search.Suggestion) string {
	parts := []string{kb.Label(kb.Kinds, string(s.Kind))}
	if s.Category != "" {
		parts = append(parts, kb.Label(kb.Categories, s.Category))
	}
	if s.Situation != "" {
		parts = append(parts, "pour la situation : "+s.Situation)
	} else if len(s.Matched) > 0 {
		parts = append(parts, "mots : "+strings.Join(s.Matched, ", "))
	}
	return strings.Join(parts, " · ")
}

func routingLine(a search.Analysis) string {
	service := kb.Label(kb.Services, a.Service)
	line := kb.Label(kb.Categories, a.Category) + " · "
	if a.Transfer {
		line += "à transmettre : " + service
	} else {
		line += "réponse directe par l'accueil"
	}
	if len(a.Routing) > 0 {
		line += " (" + a.Routing[0] + ")"
	}
	return line
}

// bannerTheme draws the banner's content as on a dark background, whatever
// the system's theme, since the banner's background is always strong.
type bannerTheme struct{ fyne.Theme }

func (t bannerTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameForeground {
		return color.White
	}
	return t.Theme.Color(n, theme.VariantDark)
}

// showCheck shows the « à vérifier » banner when the judge thinks a relance
// or a sensitive case possible, with the words that made it think so
// (the reading's warnings, shared with the main banner).
func (as *Assistant) showCheck(warnings []search.Warning) {
	var lines []string
	relance, sensitive := false, false
	for _, w := range warnings {
		if !w.Checking() {
			continue
		}
		relance = relance || w.Kind == search.WarnCheckRelance
		sensitive = sensitive || w.Kind == search.WarnCheckSensible
		lines = append(lines, w.Line())
	}
	if len(lines) == 0 || as.checkDismissed {
		as.Check.Hide()
		return
	}
	showIf(as.ConfirmRelance, relance)
	showIf(as.ConfirmSensitive, sensitive)
	lines = append(lines, "Relisez le message : la réponse ne change que si vous confirmez (Ctrl+J confirme tout).")
	as.CheckText.SetText(strings.Join(lines, "\n"))
	as.Check.Show()
}

// showIf shows o when on, hides it otherwise.
func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// Confirm takes the agent's word that the possible relance or sensitive
// case is one (kb.ConfirmRelance, kb.ConfirmSensitive, or "" for both): the
// banner, the suggestions and the reply then read as for a detected one.
func (as *Assistant) Confirm(what string) {
	if as.engine == nil {
		return
	}
	a := as.analysis
	for _, w := range []string{search.ConfirmRelance, search.ConfirmSensitive} {
		if (what == "" || what == w) && levelToCheck(a, w) {
			if as.confirmed == nil {
				as.confirmed = map[string]bool{}
			}
			as.confirmed[w] = true
		}
	}
	as.show(a)
}

// checkTheme draws the « à vérifier » banner's content dark on its pale
// background, whatever the system's theme.
type checkTheme struct{ fyne.Theme }

func (t checkTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}

// levelToCheck reports whether the situation is « à vérifier » in a.
func levelToCheck(a search.Analysis, what string) bool {
	if what == search.ConfirmRelance {
		return a.Relance.Level == detect.LevelCheck
	}
	return a.Sensitive.Level == detect.LevelCheck
}
