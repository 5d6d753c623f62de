package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"plume/journal"
)

// journalTick is how often the journal is read again (the other agents'
// files) and the reminders recounted: a due date passes at midnight, a
// colleague records all day.
const journalTick = time.Minute

// setDelays reads the follow-up delays of site.yaml.
func (m *Main) setDelays(site map[string]string) {
	d, probs := journal.ParseDelays(site)
	m.delays = d
	m.Assistant.delays = d
	if len(probs) > 0 {
		m.Status.SetText(probs[0])
	}
}

// journalStore is where this window keeps the journal: the folder of the
// settings (or the user's configuration folder) on the desktop, the
// browser's storage in the page.
func (m *Main) journalStore() journal.Store {
	if !filesOnDisk {
		return &prefStore{p: m.app.Preferences()}
	}
	dir := m.settings.JournalDir
	if dir == "" {
		dir = defaultJournalDir()
	}
	return &journal.Folder{Dir: dir, File: journalFile(m.app.Preferences(), m.settings.Profile.Name())}
}

// openDefaultJournal opens the journal of the settings off the UI
// goroutine.
func (m *Main) openDefaultJournal() {
	store, retention, agent := m.journalStore(), m.delays.Retention, m.settings.Profile.Name()
	m.journalAsked++
	asked := m.journalAsked
	go func() {
		j, err := journal.Open(journal.Options{Store: store, Clock: func() time.Time { return m.now() },
			Agent: agent, RetentionMonths: retention})
		fyne.Do(func() {
			if asked == m.journalAsked {
				m.SetJournal(j, err)
			}
		})
	}()
}

// SetJournal puts a journal in service (UI goroutine): the Répondre tab
// looks each message up in it, the Suivi tab lists it, the reminders count
// it, and a timer keeps them current.
func (m *Main) SetJournal(j *journal.Journal, err error) {
	if err != nil {
		m.Reminders.SetText("Journal des transferts inutilisable")
		m.Suivi.Where.SetText("Journal des transferts inutilisable : " + err.Error() + ". Vérifiez le dossier du journal dans les Réglages.")
		return
	}
	m.Journal = j
	m.Assistant.journal = j
	m.Assistant.Transmit.Enable()
	m.Suivi.SetJournal(j)
	m.Dashboard.SetJournal(j)
	m.RefreshReminders()
	if !m.ticking {
		m.ticking = true
		go func() {
			for range time.Tick(journalTick) {
				m.journalTick()
			}
		}()
	}
}

// journalTick reads the journal again and writes what waits to be written
// (off the UI goroutine), then recounts.
func (m *Main) journalTick() {
	var j *journal.Journal
	fyne.DoAndWait(func() { j = m.Journal })
	if j == nil {
		return
	}
	_ = j.Flush()
	_ = j.Reload()
	fyne.Do(func() {
		m.Suivi.Refresh()
		m.RefreshReminders()
	})
}

// RefreshReminders counts the transfers to chase today and those overdue,
// in the status bar, whatever tab is shown (UI goroutine).
func (m *Main) RefreshReminders() {
	j := m.Journal
	if j == nil {
		return
	}
	c := j.Counts()
	text := fmt.Sprintf("À relancer aujourd'hui : %d · En retard : %d", c.DueToday, c.Late)
	if n, _ := j.Unwritten(); n > 0 {
		text += fmt.Sprintf(" · %d non écrit(s)", n)
	}
	m.Reminders.SetText(text)
	if c.Late > 0 {
		m.Reminders.Importance = widget.DangerImportance
	} else {
		m.Reminders.Importance = widget.MediumImportance
	}
	m.Reminders.Refresh()
}
