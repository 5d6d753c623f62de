//go:build !js

package intake

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/inbucket/html2text"
	"github.com/jhillyerd/enmime/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/charmap"
)

// What a message's MIME structure can hide or break, repaired where it can
// be and always said to the agent (Parsed.Warnings): nothing the person
// wrote is dropped silently, and nothing they did not show is read.

// repairText returns the text to read from env, with the warnings: an
// HTML-only message read without what its styles hide, a text in an unknown
// charset read as Windows-1252 (what French mail clients without a declared
// charset write), a message whose parts cannot be found (a boundary
// announced but never used) read raw.
func repairText(env *enmime.Envelope, raw []byte, text string) (string, []string) {
	var warnings []string
	if env.HTML != "" && !hasPlainPart(env.Root) {
		if visible, hidden := visibleText(env.HTML); hidden {
			text = visible
			warnings = append(warnings, "du texte masqué par la mise en forme du message (display:none, hidden…) n'a pas été lu")
		}
	}
	for _, e := range env.Errors {
		if strings.Contains(e.Name, "Character Set") && !utf8.ValidString(text) {
			if decoded, err := charmap.Windows1252.NewDecoder().String(text); err == nil {
				text = decoded
				warnings = append(warnings, "jeu de caractères inconnu ou faux : texte lu comme du Windows-1252, vérifiez les accents")
			}
			break
		}
	}
	if strings.TrimSpace(text) == "" && strings.TrimSpace(env.HTML) == "" && len(env.Attachments) == 0 && len(env.Inlines) == 0 {
		if body := rawBody(raw); strings.TrimSpace(body) != "" {
			text = body
			warnings = append(warnings, "structure MIME incohérente (parties introuvables) : le message est affiché brut")
		}
	}
	return text, warnings
}

// hasPlainPart reports whether the message has a text/plain part of its own
// (not an attachment): then enmime reads it, not the HTML.
func hasPlainPart(root *enmime.Part) bool {
	return root != nil && root.DepthMatchFirst(func(p *enmime.Part) bool {
		return p.ContentType == "text/plain" && p.Disposition != "attachment"
	}) != nil
}

// hiddenStyle finds the inline styles that hide an element's text.
var hiddenStyle = regexp.MustCompile(`(?i)(display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(\.0+)?\s*(px|pt|em|rem|%)?\s*(;|$)|opacity\s*:\s*0(\.0+)?\s*(;|$)|max-height\s*:\s*0)`)

// visibleText converts HTML to text without the elements a mail client
// would not show; hidden says whether there were any.
func visibleText(src string) (text string, hidden bool) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return "", false
	}
	hidden = pruneHidden(doc)
	if !hidden {
		return "", false
	}
	text, err = html2text.FromHTMLNode(doc)
	if err != nil {
		return "", false
	}
	return text, true
}

// pruneHidden removes the hidden elements under n; it reports whether it
// removed any that held text.
func pruneHidden(n *html.Node) bool {
	removed := false
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isHidden(c) {
			removed = removed || strings.TrimSpace(textOf(c)) != ""
			n.RemoveChild(c)
		} else if pruneHidden(c) {
			removed = true
		}
		c = next
	}
	return removed
}

func isHidden(n *html.Node) bool {
	if n.DataAtom == atom.Template {
		return true
	}
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "style":
			if hiddenStyle.MatchString(a.Val) {
				return true
			}
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// rawBody is what follows the header block of a message, as written.
func rawBody(raw []byte) string {
	for _, sep := range [][]byte{[]byte("\r\n\r\n"), []byte("\n\n")} {
		if i := bytes.Index(raw, sep); i >= 0 {
			return string(raw[i+len(sep):])
		}
	}
	return ""
}
