package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// choiceList is a list the keyboard drives: arrows move, Enter (or Space)
// chooses, as agents expect from a list of suggestions.
type choiceList struct {
	widget.List
}

// TypedKey chooses the focused row on Enter; the rest is the list's own.
func (l *choiceList) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		e = &fyne.KeyEvent{Name: fyne.KeySpace}
	}
	l.List.TypedKey(e)
}

// newTwoLineList is the list both tabs use: a bold title and a line of
// details per row, cut with an ellipsis when the column is narrow. rows
// gives the texts of row i; chosen is called with a valid row.
func newTwoLineList(length func() int, rows func(i int) (title, details string), chosen func(i int)) *choiceList {
	l := &choiceList{}
	l.Length = length
	l.CreateItem = func() fyne.CanvasObject {
		title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		details := widget.NewLabel("")
		details.Truncation = fyne.TextTruncateEllipsis
		return container.NewVBox(title, details)
	}
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if i >= length() {
			return
		}
		title, details := rows(i)
		box := o.(*fyne.Container)
		box.Objects[0].(*widget.Label).SetText(title)
		box.Objects[1].(*widget.Label).SetText(details)
	}
	l.ExtendBaseWidget(l)
	l.OnSelected = func(i widget.ListItemID) {
		if i < length() {
			chosen(i)
		}
	}
	return l
}

// wrappedLabel is a label that wraps on words, bold when asked: titles and
// explanations whose length must not widen the window.
func wrappedLabel(text string, bold bool) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// markdownView shows rendered Markdown, wrapped on words.
func markdownView() *widget.RichText {
	r := widget.NewRichTextFromMarkdown("")
	r.Wrapping = fyne.TextWrapWord
	return r
}

// showMarkdown renders md in r with its images replaced by their text: the
// window must never fetch an address written in a knowledge-base file (a
// Markdown image would be loaded as soon as it is shown, carrying whatever
// the address holds to its server).
func showMarkdown(r *widget.RichText, md string) {
	r.Segments = withoutImages(widget.NewRichTextFromMarkdown(md).Segments)
	r.Refresh()
}

func withoutImages(segs []widget.RichTextSegment) []widget.RichTextSegment {
	for i, s := range segs {
		switch s := s.(type) {
		case *widget.ImageSegment:
			segs[i] = &widget.TextSegment{Text: "[image non affichée]", Style: widget.RichTextStyleInline}
		case *widget.ParagraphSegment:
			s.Texts = withoutImages(s.Texts)
		case *widget.ListSegment:
			s.Items = withoutImages(s.Items)
		}
	}
	return segs
}
