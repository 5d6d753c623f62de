package app

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"plume/kb"
)

// allCategories is the category filter's entry for "no filter".
const allCategories = "Toutes les catégories"

// Browser is the knowledge-base tab: the finder and category filter over
// the list of items on the left, the selected item on the right. Its
// widgets are fields so that tests drive it with Fyne's test driver.
type Browser struct {
	kb       *kb.KB
	finder   *kb.Finder
	shown    []kb.TitleMatch
	Search   *widget.Entry
	Category *widget.Select
	List     *choiceList
	Title    *widget.Label
	Meta     *widget.Label
	Body     *widget.RichText
	Content  fyne.CanvasObject
}

// NewBrowser builds the tab; the knowledge base arrives later through SetKB.
func NewBrowser() *Browser {
	ui := &Browser{}
	ui.Search = widget.NewEntry()
	ui.Search.SetPlaceHolder("Rechercher un titre (Ctrl+K)…")
	ui.Search.OnChanged = func(string) { ui.refresh() }

	ui.Category = widget.NewSelect(codeLabels(allCategories, kb.Categories), func(string) { ui.refresh() })
	ui.Category.SetSelected(allCategories)

	ui.List = newTwoLineList(
		func() int { return len(ui.shown) },
		func(i int) (string, string) { return ui.shown[i].Item.Title, itemLine(ui.shown[i].Item) },
		func(i int) { ui.show(ui.shown[i].Item) },
	)

	ui.Title = wrappedLabel("", true)
	ui.Meta = wrappedLabel("", false)
	ui.Body = markdownView()
	left := container.NewBorder(container.NewVBox(ui.Search, ui.Category), nil, nil, nil, ui.List)
	right := container.NewBorder(container.NewVBox(ui.Title, ui.Meta, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(ui.Body))
	split := container.NewHSplit(left, right)
	split.Offset = 0.38
	ui.Content = split
	return ui
}

// SetKB shows a loaded knowledge base (on the UI goroutine).
func (ui *Browser) SetKB(k *kb.KB) {
	ui.kb = k
	ui.finder = kb.NewFinder(browseOrder(k.Items))
	ui.refresh()
}

// refresh applies the finder and the category filter to the list.
func (ui *Browser) refresh() {
	if ui.finder == nil {
		return
	}
	cat := codeOf(kb.Categories, ui.Category.Selected)
	keep := func(it *kb.Item) bool { return cat == "" || it.Category == cat }
	ui.shown = ui.finder.Find(ui.Search.Text, keep)
	ui.List.UnselectAll()
	ui.List.Refresh()
	if len(ui.shown) > 0 {
		ui.show(ui.shown[0].Item)
	}
}

// Shown returns the titles currently listed, in order.
func (ui *Browser) Shown() []string {
	out := make([]string, len(ui.shown))
	for i, m := range ui.shown {
		out[i] = m.Item.Title
	}
	return out
}

func (ui *Browser) show(it *kb.Item) {
	ui.Title.SetText(it.Title)
	ui.Meta.SetText(itemLine(it) + " · relu le " + it.Reviewed.Format("02/01/2006") + " · " + it.ID)
	showMarkdown(ui.Body, ui.kb.Preview(it))
}

// itemLine is the one-line description under a title.
func itemLine(it *kb.Item) string {
	parts := []string{kb.Label(kb.Kinds, string(it.Kind))}
	if it.Category != "" {
		parts = append(parts, kb.Label(kb.Categories, it.Category))
	}
	if it.Service != "" {
		s := kb.Label(kb.Services, it.Service)
		if it.Transfer {
			s += " (transfert)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " · ")
}

// browseOrder sorts items as the list shows them before any search: by
// category in the audit's order, replies before procedures, then by title.
func browseOrder(items []*kb.Item) []*kb.Item {
	rank := func(codes []kb.Code, c string) int {
		for i, x := range codes {
			if x.Code == c {
				return i
			}
		}
		return len(codes)
	}
	out := append([]*kb.Item(nil), items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ca, cb := rank(kb.Categories, a.Category), rank(kb.Categories, b.Category); ca != cb {
			return ca < cb
		}
		if ka, kb2 := rank(kb.Kinds, string(a.Kind)), rank(kb.Kinds, string(b.Kind)); ka != kb2 {
			return ka < kb2
		}
		return a.Title < b.Title
	})
	return out
}
