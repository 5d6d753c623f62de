package compose

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown parses with CommonMark only: the knowledge base uses nothing
// else, and an extension (linkify, tables) would change how a pasted value
// reads. A goldmark parser is safe for concurrent use.
var markdown = goldmark.New()

// PlainText renders Markdown as the plain text of an e-mail, for the
// clipboard: paragraphs and headings separated by a blank line, line breaks
// kept (the signature block), list items as "- " or "1. " with nested lists
// indented under their item, emphasis markers removed, links written
// "texte (url)", quotes as "> ", and no HTML.
func PlainText(md string) string {
	src := []byte(md)
	doc := markdown.Parser().Parse(text.NewReader(src))
	return strings.TrimSpace(strings.Join(blocks(doc, src), "\n\n"))
}

// blocks renders the block children of parent, one string each.
func blocks(parent ast.Node, src []byte) []string {
	var out []string
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if s := block(n, src); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func block(n ast.Node, src []byte) string {
	switch b := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		return trimLines(inline(n, src))
	case *ast.List:
		return list(b, src)
	case *ast.Blockquote:
		return prefixLines(strings.Join(blocks(b, src), "\n\n"), "> ")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var s strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			s.Write(seg.Value(src))
		}
		return strings.TrimRight(s.String(), "\n")
	case *ast.HTMLBlock, *ast.ThematicBreak:
		// No HTML in a plain-text mail; a rule has no words to keep.
		return ""
	}
	if n.Type() == ast.TypeBlock && n.HasChildren() {
		return strings.Join(blocks(n, src), "\n\n")
	}
	return ""
}

// list renders a list with "- " or its numbers, its items' further blocks
// (nested lists, paragraphs) indented under the item's text.
func list(l *ast.List, src []byte) string {
	sep := "\n"
	if !l.IsTight {
		sep = "\n\n"
	}
	var items []string
	num := l.Start
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		marker := "- "
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + string(l.Marker) + " "
			num++
		}
		body := strings.Join(blocks(it, src), sep)
		items = append(items, marker+indent(body, strings.Repeat(" ", len(marker))))
	}
	return strings.Join(items, sep)
}

// inline renders the inline content of n.
func inline(n ast.Node, src []byte) string {
	var b strings.Builder
	writeInline(&b, n, src)
	return b.String()
}

func writeInline(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			v := t.Value(src)
			if !t.IsRaw() {
				v = unescape(v)
			}
			b.Write(v)
			if t.SoftLineBreak() || t.HardLineBreak() {
				// A line written on its own line stays so: the knowledge
				// base writes one paragraph per line, so the only breaks
				// are meant ones (signature, address).
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tx, ok := cc.(*ast.Text); ok {
					b.Write(tx.Value(src))
				}
			}
		case *ast.Link:
			b.WriteString(link(inline(t, src), string(t.Destination)))
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *ast.Image:
			b.WriteString(inline(t, src)) // its alternative text
		case *ast.RawHTML:
			// dropped: no HTML in a plain-text mail
		default:
			writeInline(b, c, src) // emphasis and the like: their text only
		}
	}
}

// link writes a link as "texte (url)", or the text alone when it already
// is the address.
func link(label, dest string) string {
	plain := strings.TrimPrefix(dest, "mailto:")
	switch {
	case dest == "":
		return label
	case label == "", label == dest, label == plain:
		return plain
	}
	return label + " (" + plain + ")"
}

// unescape resolves backslash escapes and character references, as an HTML
// renderer would.
func unescape(v []byte) []byte {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// indent prefixes every line but the first with pad; blank lines stay
// blank.
func indent(s, pad string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// prefixLines prefixes every line with p (a quote), blank ones with p
// trimmed.
func prefixLines(s, p string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = strings.TrimRight(p, " ")
		} else {
			lines[i] = p + l
		}
	}
	return strings.Join(lines, "\n")
}

// trimLines removes the spaces left at line ends.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
