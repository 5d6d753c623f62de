package app

import (
	"fmt"
	"io"
	"plume/search"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"plume/journal"
	"plume/kb"
)

// Dashboard is the « Tableau de bord » tab: the desk's figures over a
// period, each as bars with its table beside them, and what it counts.
type Dashboard struct {
	Content fyne.CanvasObject
	win     fyne.Window
	now     func() time.Time
	journal *journal.Journal
	items   []journal.ItemRef

	Period  *widget.Select
	Summary *widget.Label
	Export  *widget.Button
	body    *fyne.Container
	report  journal.Report
}

// periods are the dashboard's choices of period.
var periods = []struct {
	label string
	from  func(now time.Time) time.Time
}{
	{"30 derniers jours", func(now time.Time) time.Time { return kb.Day(now).AddDate(0, 0, -30) }},
	{"3 derniers mois", func(now time.Time) time.Time { return kb.Day(now).AddDate(0, -3, 0) }},
	{"12 derniers mois", func(now time.Time) time.Time { return kb.Day(now).AddDate(-1, 0, 0) }},
	{"Depuis le 1er janvier", func(now time.Time) time.Time { return time.Date(now.Year(), 1, 1, 0, 0, 0, 0, now.Location()) }},
}

// NewDashboard builds the tab; the journal and the base arrive later.
func NewDashboard(w fyne.Window, now func() time.Time) *Dashboard {
	d := &Dashboard{win: w, now: now}
	var labels []string
	for _, p := range periods {
		labels = append(labels, p.label)
	}
	d.Period = widget.NewSelect(labels, func(string) { d.Refresh() })
	d.Period.SetSelected(labels[0])
	d.Summary = wrappedLabel("Le tableau de bord compte les transferts du journal et, pour chaque réponse copiée, "+
		"sa date, sa catégorie, son service, s'il s'agissait d'une relance ou d'une situation sensible et la réponse type utilisée : "+
		"jamais le texte, ni le nom, ni les numéros.", false)
	d.Export = widget.NewButtonWithIcon("Exporter (CSV)", theme.DocumentSaveIcon(), d.ShowExport)
	d.body = container.NewVBox()
	refresh := widget.NewButtonWithIcon("Actualiser", theme.ViewRefreshIcon(), d.Refresh)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(refresh, d.Export), d.Period), d.Summary)
	// Scrolled both ways: the figures' width must not widen the window
	// (every tab's minimum is the window's).
	d.Content = container.NewBorder(top, nil, nil, nil, container.NewScroll(d.body))
	return d
}

// SetJournal and SetItems give the dashboard what it counts; the figures
// are computed when the tab is shown (Main), not at each opening or reload.
func (d *Dashboard) SetJournal(j *journal.Journal) { d.journal = j }

// SetItems gives the base's réponses types (for those never used).
func (d *Dashboard) SetItems(items []journal.ItemRef) { d.items = items }

// Refresh computes the figures again and draws them.
func (d *Dashboard) Refresh() {
	if d.journal == nil {
		return
	}
	now := d.now()
	from := periods[0].from(now)
	for _, p := range periods {
		if p.label == d.Period.Selected {
			from = p.from(now)
		}
	}
	d.report = journal.BuildReport(d.journal.Entries(), d.journal.Tallies(from), d.items, from, now)
	d.body.RemoveAll()
	d.body.Add(widget.NewLabelWithStyle(fmt.Sprintf("Du %s au %s : %d réponses copiées, %d transferts.",
		kb.FrenchDate(from), kb.FrenchDate(now), d.report.Replies, d.report.Transfers), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, s := range d.report.Sections {
		d.body.Add(d.section(s))
	}
	d.body.Refresh()
}

// barWidth is the width of a bar at 100 %.
const barWidth = 260

// section draws one figure: its title, what it counts, bars on the left
// and the table on the right.
func (d *Dashboard) section(s journal.Section) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(s.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	counts := wrappedLabel(s.Counts, false)
	if len(s.Rows) == 0 {
		return container.NewVBox(widget.NewSeparator(), title, counts, widget.NewLabel("Rien sur la période."))
	}
	if s.Rows[0].Share < 0 { // a list: the réponses types never used
		list := container.NewVBox()
		for _, r := range s.Rows {
			l := widget.NewLabel("· " + r.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			list.Add(l)
		}
		return container.NewVBox(widget.NewSeparator(), title, counts, list)
	}
	// The chart (a bar per row) and, beside it, the table of the same rows:
	// the names are cut to one short line so that both fit side by side.
	bars := container.New(layout.NewFormLayout())
	table := container.New(layout.NewFormLayout())
	for _, r := range s.Rows {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(max(1, float32(r.Share)*barWidth), 16))
		bars.Add(widget.NewLabel(search.Shorten(r.Label, 42)))
		bars.Add(container.NewHBox(container.NewCenter(bar)))
		value := fmt.Sprintf("%d — %.1f %%", r.Count, 100*r.Share)
		if r.Extra != "" {
			value += " — " + r.Extra
		}
		table.Add(widget.NewLabel(search.Shorten(r.Label, 42)))
		table.Add(wrappedLabel(value, false))
	}
	return container.NewVBox(widget.NewSeparator(), title, counts, container.NewGridWithColumns(2, bars, table))
}

// ExportCSV writes the figures shown.
func (d *Dashboard) ExportCSV(w io.Writer) error { return d.report.WriteCSV(w) }

// ShowExport saves the CSV of the figures shown.
func (d *Dashboard) ShowExport() {
	if d.journal != nil {
		exportFile(d.win, "tableau-de-bord-"+d.now().Format("2006-01-02")+".csv", d.ExportCSV, nil)
	}
}
