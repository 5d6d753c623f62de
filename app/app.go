// Package app is Plume's desktop interface (Fyne). It holds no business
// logic: everything it shows comes from the engine (plume/kb). Work off the
// UI goroutine reaches widgets only through fyne.Do, in this package.
package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"plume/search"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"plume/assets"
	"plume/journal"
	"plume/kb"
	"plume/message/intake"
	"plume/templates"
)

// AppID is the application identifier (also in FyneApp.toml).
const AppID = "fr.plume.assistant"

// Options are the command line's choices for the window.
type Options struct {
	KBDir   string // the knowledge base folder (empty: saved setting, or embedded)
	Message string // a message file (.eml or text) to open
	// MeasureStart prints the time from Started to a usable window (index
	// built, message read) and the resident memory, then quits.
	MeasureStart bool
	Started      time.Time
}

// Run opens the main window and blocks until it is closed.
func Run(opt Options) error {
	pageMark("go-main")
	var first *Loaded
	if loadBeforeWindow {
		// The page has no folders: its base is the published one or the
		// embedded one, whatever the settings say, and it is read before
		// Fyne starts, on the clock the window would give it (time.Now).
		l := LoadKB("", "", time.Now)
		if l.Err == nil {
			exposeAPI(l.Engine, l.Source, l.Notice)
			warmUpCode(l.Engine) // plume.ready is seen first: it yields to the page
		}
		first = &l
	}
	kbDir, message := opt.KBDir, opt.Message
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	w := a.NewWindow("Plume — assistant de réponse")
	m := NewMain(a, w)
	m.openJournal = m.openDefaultJournal
	pageMark("window-built")
	w.Resize(fyne.NewSize(1240, 680)) // fits a 1280×720 screen with its panels
	src := m.settings
	if kbDir != "" { // the command line wins over the saved folder
		src.KBDir = kbDir
	}
	go func() {
		loaded := first
		if loaded == nil {
			l := m.loadKB(src.KBDir, src.SiteFile)
			loaded = &l
		}
		loaded.owned = true
		fyne.Do(func() {
			if m.loads > 0 { // new settings were applied meanwhile: their load wins
				if loaded.Engine != nil {
					loaded.Engine.Close()
				}
				return
			}
			m.SetLoaded(*loaded)
			windowShown()
			m.watch(loaded.Base, src.SiteFile)
			if opt.MeasureStart && message == "" {
				reportStart(a, opt.Started)
			}
		})
		if message != "" {
			msg, err := readMessageFile(message)
			fyne.Do(func() { m.showOpened(filepath.Base(message), msg, err) })
			if opt.MeasureStart {
				m.Assistant.AnalyzeSync()
				fyne.Do(func() { reportStart(a, opt.Started) })
			}
		}
	}()
	w.ShowAndRun()
	return nil
}

// Main is the window's content: the reply assistant and the knowledge-base
// browser in tabs, a status line at the bottom.
type Main struct {
	app      fyne.App
	settings Settings
	watcher  *kbWatcher
	// reloaded, when set (tests), gets the status after each reload.
	reloaded  chan string
	Assistant *Assistant
	Browser   *Browser
	Editor    *Editor
	Suivi     *Suivi
	Dashboard *Dashboard
	Tabs      *container.AppTabs
	// shows is what each tab laid out on first sight shows (lazyTab).
	shows  map[*container.TabItem]fyne.CanvasObject
	Status *widget.Label
	// Reminders are the journal's counts, always in view: « À relancer
	// aujourd'hui » and « En retard ».
	Reminders *widget.Label
	// Journal is the desk's transfer journal, once opened.
	Journal *journal.Journal
	delays  journal.Delays
	// now is the window's clock (tests move it).
	now func() time.Time
	// ticking says the journal's timer runs.
	ticking bool
	// journalAsked numbers the openings of the journal asked (UI
	// goroutine): one that ends after a later one was asked (a new folder
	// in the settings) is dropped.
	journalAsked int
	Progress     *widget.ProgressBarInfinite
	win          fyne.Window
	// reading counts the dropped files being read off the UI goroutine
	// (tests wait on it).
	reading sync.WaitGroup
	// loads numbers the loads of the base (UI goroutine): a load that
	// finishes after a later one was asked is dropped, so that the base in
	// service is always the one the settings name.
	loads int
	// loadKB reads a base (LoadKB; tests slow it down).
	loadKB func(dir, siteFile string) Loaded
	// openJournal opens the transfer journal in the background once the
	// base (and its delays) is there; nil in tests, which open their own.
	openJournal func()
}

// NewMain builds the window's content in w. The knowledge base arrives later
// through SetLoaded, so the window shows at once with a progress bar.
func NewMain(a fyne.App, w fyne.Window) *Main {
	m := &Main{app: a, win: w, Browser: NewBrowser(), settings: LoadSettings(a.Preferences()),
		now: time.Now, delays: journal.DefaultDelays}
	// The base's engines read the window's clock (tests move it).
	m.loadKB = func(dir, siteFile string) Loaded { return LoadKB(dir, siteFile, func() time.Time { return m.now() }) }
	m.Assistant = NewAssistant(a, w)
	m.Assistant.now = func() time.Time { return m.now() }
	m.Suivi = NewSuivi(a, w, func() time.Time { return m.now() }, func() string { return m.settings.Profile.Block() })
	m.Suivi.changed = m.RefreshReminders
	m.Dashboard = NewDashboard(w, func() time.Time { return m.now() })
	m.Assistant.onJournal = func(key string) {
		if key != "" {
			m.Suivi.Top(key)
		}
		m.RefreshReminders()
	}
	m.Reminders = widget.NewLabel("")
	m.Editor = NewEditor(w)
	m.Assistant.profile = m.settings.Profile
	m.Status = widget.NewLabel("Chargement de la base de connaissances…")
	m.Status.Truncation = fyne.TextTruncateEllipsis // a narrow window clips it, never under the buttons
	m.Progress = widget.NewProgressBarInfinite()
	m.Tabs = container.NewAppTabs(
		container.NewTabItem("Répondre", m.Assistant.Content),
		m.lazyTab("Base de connaissances", m.Browser.Content),
		m.lazyTab("Rédaction", m.Editor.Content),
		m.lazyTab("Suivi", m.Suivi.Content),
		m.lazyTab("Tableau de bord", m.Dashboard.Content),
	)
	m.Tabs.OnSelected = func(ti *container.TabItem) {
		if holder, ok := ti.Content.(*fyne.Container); ok && len(holder.Objects) == 0 {
			holder.Add(m.shows[ti])
		}
		// The figures are computed when they are looked at: a year of a
		// large desk takes a tenth of a second, too much at every copied
		// reply.
		if m.shows[ti] == m.Dashboard.Content {
			m.Dashboard.Refresh()
		}
	}
	settings := widget.NewButtonWithIcon("Réglages", theme.SettingsIcon(), m.ShowSettings)
	help := widget.NewButtonWithIcon("Raccourcis", theme.HelpIcon(), m.ShowHelp)
	bottom := container.NewBorder(nil, nil, m.Reminders, container.NewHBox(help, settings), m.Status)
	w.SetContent(container.NewBorder(nil, container.NewVBox(m.Progress, bottom), nil, nil, m.Tabs))
	w.SetMainMenu(m.mainMenu())
	installPageEvents(m)
	w.SetOnDropped(m.dropped)
	w.Canvas().Focus(m.Assistant.Body)
	return m
}

// lazyTab is a tab whose content is laid out the first time it is shown:
// laying out the five tabs at once was the slowest step of the page's
// start-up (0.8 s of WebAssembly).
func (m *Main) lazyTab(title string, content fyne.CanvasObject) *container.TabItem {
	ti := container.NewTabItem(title, container.NewStack())
	if m.shows == nil {
		m.shows = map[*container.TabItem]fyne.CanvasObject{}
	}
	m.shows[ti] = content
	return ti
}

// dropped reads an e-mail (.eml) or a text file dropped on the window.
func (m *Main) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	if uris[0].Scheme() != "file" {
		m.Status.SetText("Déposez un fichier .eml ou texte enregistré sur le poste.")
		return
	}
	name, path := uris[0].Name(), uris[0].Path()
	m.Status.SetText("Lecture de " + name + "…")
	m.reading.Go(func() {
		data, err := readDroppedFile(path)
		if err != nil {
			fyne.Do(func() { m.Status.SetText("Message illisible : " + err.Error()) })
			return
		}
		m.readDropped(name, data)
	})
}

// readDroppedFile reads a dropped file, refusing what is not a regular file (a
// pipe would block, a device never end) or is larger than an e-mail can be.
func readDroppedFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s n'est pas un fichier ordinaire", filepath.Base(path))
	}
	if st.Size() > intake.MaxEMLBytes {
		return nil, intake.ErrTooLarge
	}
	return os.ReadFile(path)
}

// readDropped parses a dropped file's content (any goroutine) and shows it.
func (m *Main) readDropped(name string, data []byte) {
	msg, err := readMessage(name, data)
	fyne.Do(func() { m.showOpened(name, msg, err) })
}

// showOpened shows a message read from a file, and what the agent must
// know of how it was read (UI goroutine).
func (m *Main) showOpened(name string, msg openedMessage, err error) {
	if err != nil {
		m.Status.SetText("Message illisible : " + err.Error())
		return
	}
	m.Tabs.SelectIndex(0)
	m.Assistant.SetMessage(msg.Subject, msg.Body)
	status := "Message ouvert : " + name
	if len(msg.Warnings) > 0 {
		status += " — attention : " + strings.Join(msg.Warnings, " ; ")
	}
	m.Status.SetText(status)
}

// paste puts text where the agent pasted it: into the focused field, as
// Fyne's Ctrl+V does, or, with nothing focused, as the message to read.
func (m *Main) paste(text string) {
	if field, ok := m.win.Canvas().Focused().(fyne.Shortcutable); ok {
		field.TypedShortcut(&fyne.ShortcutPaste{Clipboard: textClipboard(text)})
		return
	}
	m.Tabs.SelectIndex(0)
	m.Assistant.SetMessage(intake.SubjectLine(text))
}

// textClipboard is a clipboard holding one text: what a paste event gave.
type textClipboard string

func (t textClipboard) Content() string { return string(t) }
func (textClipboard) SetContent(string) {}

// SetLoaded hands the loaded knowledge base to the tabs (UI goroutine).
func (m *Main) SetLoaded(l Loaded) {
	m.Progress.Stop()
	m.Progress.Hide()
	if l.Err != nil {
		m.Status.SetText("Base de connaissances inutilisable : " + l.Err.Error())
		return
	}
	if exposeAPI(l.Engine, l.Source, l.Notice) {
		warmUp(l.Engine)
	}
	m.Browser.SetKB(l.KB)
	m.Editor.SetKB(l.KB, l.Base)
	m.Assistant.SetEngine(l.Engine, l.owned)
	m.setDelays(l.KB.Site)
	m.Dashboard.SetItems(journal.ItemsOf(l.KB))
	if m.journalAsked == 0 && m.openJournal != nil { // once: a reload keeps the journal open
		m.openJournal()
	}
	status := fmt.Sprintf("%s : %d éléments prêts en %d ms", l.Source, len(l.KB.Items), l.Took.Milliseconds())
	if n := l.Problems.Errors(); n > 0 {
		// Say which file is broken and why; the other items are in service.
		first := ""
		for _, p := range l.Problems {
			if p.Level == kb.LevelError {
				first = p.String()
				break
			}
		}
		status += fmt.Sprintf(" — %d erreur(s), les autres éléments restent utilisables : %s", n, first)
	}
	if l.Notice != "" {
		status += " — " + l.Notice
	}
	m.Status.SetText(status + " · Ctrl+H : raccourcis")
}

// ApplySettings saves new settings and applies them: the profile at once,
// a new knowledge-base folder or site file by reloading in the background.
func (m *Main) ApplySettings(s Settings) {
	old := m.settings
	m.settings = s
	s.Save(m.app.Preferences())
	m.Assistant.profile = s.Profile
	m.Assistant.recompose()
	if s.JournalDir != old.JournalDir && m.openJournal != nil {
		m.Journal, m.Assistant.journal = nil, nil
		m.openJournal()
	}
	if s.KBDir != old.KBDir || s.SiteFile != old.SiteFile {
		m.reload("Réglages enregistrés")
	} else {
		m.Status.SetText("Réglages enregistrés.")
	}
}

// reload reads the knowledge base again in the background and says so.
// When reloads overlap (a colleague's save, then a new folder chosen), only
// the last one asked is put in service, whichever finishes first.
func (m *Main) reload(why string) {
	src := m.settings
	m.loads++
	n := m.loads
	m.Status.SetText(why + " : rechargement de la base de connaissances…")
	go func() {
		l := m.loadKB(src.KBDir, src.SiteFile)
		l.owned = true
		fyne.Do(func() {
			if n != m.loads {
				if l.Engine != nil {
					l.Engine.Close() // never served: a later load was asked
				}
				return
			}
			if l.Err != nil {
				m.Status.SetText(why + " : base non rechargée, la précédente reste en service — " + l.Err.Error())
				return
			}
			m.SetLoaded(l)
			m.Status.SetText(why + " : " + m.Status.Text)
			m.watch(l.Base, src.SiteFile)
			if m.reloaded != nil {
				m.reloaded <- m.Status.Text
			}
		})
	}()
}

// Loaded is a knowledge base read and indexed in the background.
type Loaded struct {
	Source   string
	Base     kb.Base // where it was read from
	Notice   string  // said in the status line (a published base refused…)
	KB       *kb.KB
	Engine   *search.Engine
	Problems kb.Problems
	Err      error
	Took     time.Duration
	// owned: loaded by this window (not handed in by a test that shares
	// it), so closed once replaced.
	owned bool
}

// LoadKB reads, validates and indexes the knowledge base of dir (embedded
// when empty), with the local facts of siteFile when given; its engine
// judges dates by now. It runs off the UI goroutine.
func LoadKB(dir, siteFile string, now func() time.Time) Loaded {
	start := time.Now()
	base, err := kb.Locate(dir, templates.FS)
	if err != nil {
		return Loaded{Source: base.Name, Err: err}
	}
	notice := ""
	if base.Origin == kb.Embedded {
		if published, ok, why := publishedKB(); ok {
			base = published
		} else {
			notice = why
		}
		pageMark("bundle-read")
	}
	opts := kb.LoadOptions{Now: now}
	if siteFile != "" {
		data, err := os.ReadFile(siteFile)
		if err != nil {
			return Loaded{Source: base.Name, Base: base, Err: fmt.Errorf("fichier des faits locaux illisible : %w", err)}
		}
		opts.Site, opts.SitePath = data, siteFile
	}
	e, probs, err := search.Open(base, opts)
	pageMark("indexed")
	if err != nil {
		return Loaded{Source: base.Name, Base: base, Err: fmt.Errorf("%s : %w", base.Name, err)}
	}
	// A problem of the base as a whole (a bundle's prepared engine set
	// aside, and why) is said in the status line: the files' problems are
	// the editors', this one the administrator's.
	for _, p := range probs {
		if p.Path == base.Name && p.Level == kb.LevelWarning {
			notice = strings.TrimPrefix(notice+" ; "+p.Message, " ; ")
		}
	}
	return Loaded{Source: base.Name, Base: base, KB: e.KB(), Engine: e, Problems: probs, Took: time.Since(start), Notice: notice}
}

// openedMessage is a message read from a file, with what the agent must
// know of how it was read (hidden text left out, charset guessed…).
type openedMessage struct {
	Subject, Body string
	Warnings      []string
}

// readMessageFile reads a saved e-mail (.eml) or a text file.
func readMessageFile(path string) (openedMessage, error) {
	data, err := readDroppedFile(path)
	if err != nil {
		return openedMessage{}, err
	}
	return readMessage(path, data)
}

// readMessage reads a message file's content: an e-mail (.eml), or text
// whose first line may be « Objet : … ».
func readMessage(name string, data []byte) (openedMessage, error) {
	if strings.HasSuffix(strings.ToLower(name), ".eml") {
		p, err := intake.ParseEML(bytes.NewReader(data))
		if err != nil {
			return openedMessage{}, err
		}
		return openedMessage{p.Subject, p.Body, p.Warnings}, nil
	}
	subject, body := intake.SubjectLine(string(data))
	return openedMessage{Subject: subject, Body: body}, nil
}

// reportStart prints how long the window took to be usable and the
// resident memory, then quits (plume --mesurer-demarrage).
func reportStart(a fyne.App, started time.Time) {
	rss := "inconnue"
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "VmRSS:") {
				rss = strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:"))
			}
		}
	}
	fmt.Printf("Fenêtre prête en %d ms (base indexée) ; mémoire résidente %s\n", time.Since(started).Milliseconds(), rss)
	a.Quit()
}
