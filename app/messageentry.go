package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"plume/message/intake"
)

// maxWindowBytes is how much of a message the window holds: about 5,000
// words, a long thread. Fyne's multi-line entry costs more with each byte
// (100 ms to show 32 KB, 36 s for 64 KB in one paragraph), and the reading
// itself uses only the first 12 KB of new text and 4 KB of quotes. A longer
// paste is cut there, and the agent is told so: the rest is still in their
// mailbox.
const maxWindowBytes = 32 << 10

// maxWrappedLine is the longest line the entry wraps on words: wrapping is
// quadratic in a line's length (8 KB in one line took 0.7 s), so a text
// with a longer line is shown unwrapped, with a horizontal scroll bar.
const maxWrappedLine = 2 << 10

// messageEntry is the message field: a multi-line entry that never takes
// more than maxWindowBytes, whether the text is pasted, dropped or set.
type messageEntry struct {
	widget.Entry
	// onCut is told when a paste or a message was cut to fit.
	onCut func()
}

func newMessageEntry() *messageEntry {
	e := &messageEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut cuts a paste that would take the text past maxWindowBytes.
func (e *messageEntry) TypedShortcut(s fyne.Shortcut) {
	paste, ok := s.(*fyne.ShortcutPaste)
	if !ok || paste.Clipboard == nil {
		e.Entry.TypedShortcut(s)
		return
	}
	text := paste.Clipboard.Content()
	room := maxWindowBytes - len(e.Text) + len(e.SelectedText())
	if len(text) > room {
		text = intake.Clip(text, max(room, 0))
		if e.onCut != nil {
			e.onCut()
		}
	}
	e.adaptWrapping(e.Text + text)
	e.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: textClipboard(text)})
}

// SetText shows s, cut to maxWindowBytes; it reports whether it was cut.
func (e *messageEntry) setMessage(s string) (cut bool) {
	if len(s) > maxWindowBytes {
		s, cut = intake.Clip(s, maxWindowBytes), true
	}
	e.adaptWrapping(s)
	e.SetText(s)
	return cut
}

// adaptWrapping wraps on words unless a line of s is too long for it.
func (e *messageEntry) adaptWrapping(s string) {
	want := fyne.TextWrapWord
	for line := range strings.SplitSeq(s, "\n") {
		if len(line) > maxWrappedLine {
			want = fyne.TextWrapOff
			break
		}
	}
	if e.Wrapping != want {
		e.Wrapping = want
		e.Refresh()
	}
}
