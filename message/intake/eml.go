//go:build !js

package intake

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jhillyerd/enmime/v2"
)

// MaxEMLBytes bounds an .eml file. Mail servers refuse messages much above
// 25 MB; the text that matters is then cut to MaxBytes.
const MaxEMLBytes = 32 << 20

// ErrNotMail is returned by ParseEML for a file that does not start with
// mail headers, such as a PDF or a Word document dropped by mistake.
var ErrNotMail = errors.New("ce fichier n'est pas un e-mail : il ne commence pas par des en-têtes de message (From, Date, Subject…) ; enregistrez le message au format .eml depuis votre messagerie")

// ErrTooLarge is returned by ParseEML for a file above MaxEMLBytes.
var ErrTooLarge = fmt.Errorf("ce fichier dépasse %d Mo : ce n'est sans doute pas un simple e-mail", MaxEMLBytes>>20)

// MaxMultiparts bounds the multipart containers of an .eml: a real message
// has a handful (text and HTML, attachments, a forwarded message), and the
// MIME parser's cost grows with the square of their nesting (5,000 nested
// in 343 KB took 9.5 s).
const MaxMultiparts = 100

// ErrTooComplex is returned by ParseEML for a message with more than
// MaxMultiparts multipart containers.
var ErrTooComplex = fmt.Errorf("e-mail trop complexe (plus de %d parties MIME) : ouvrez-le dans votre messagerie et copiez-en le texte", MaxMultiparts)

// countMultiparts counts the multipart content types declared in data,
// case-insensitively, in one pass.
func countMultiparts(data []byte) int {
	n := 0
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("ultipart/"))
		if j < 0 {
			return n
		}
		if at := i + j; at > 0 && (data[at-1] == 'm' || data[at-1] == 'M') {
			n++
		}
		i += j + len("ultipart/")
	}
}

// ParseEML analyses an .eml file (RFC 5322, MIME). enmime decodes the
// charsets, quoted-printable and base64, and turns an HTML-only message into
// readable text, its <blockquote> into "> " lines that the quote detection
// then recognises. From and Date come from the message's headers.
func ParseEML(r io.Reader) (p Parsed, err error) {
	// A dropped file is untrusted input: should a malformed MIME structure
	// ever make the parser panic, the agent gets an error, not a crash.
	defer func() {
		if v := recover(); v != nil {
			p, err = Parsed{}, fmt.Errorf("e-mail illisible : %v", v)
		}
	}()
	data, err := io.ReadAll(io.LimitReader(r, MaxEMLBytes+1))
	if err != nil {
		return Parsed{}, fmt.Errorf("lecture du fichier impossible : %w", err)
	}
	if len(data) > MaxEMLBytes {
		return Parsed{}, ErrTooLarge
	}
	if !looksLikeMail(data) {
		return Parsed{}, ErrNotMail
	}
	if countMultiparts(data) > MaxMultiparts {
		return Parsed{}, ErrTooComplex
	}
	env, err := enmime.ReadEnvelope(bytes.NewReader(data))
	if err != nil {
		return Parsed{}, fmt.Errorf("e-mail illisible : %v", err)
	}
	var warnings []string
	p = parse(env.GetHeader("Subject"), envelopeText(env, data, 0, &warnings))
	p.Warnings = warnings
	p.From = env.GetHeader("From")
	if d, err := env.Date(); err == nil {
		p.Date = d
	} else {
		p.Date = parseLooseDate(env.GetHeader("Date"))
	}
	return p, nil
}

// envelopeText returns the readable text of a message (raw as read),
// adding to warnings what its repairs were.
func envelopeText(env *enmime.Envelope, raw []byte, depth int, warnings *[]string) string {
	text, w := repairText(env, raw, env.Text)
	*warnings = append(*warnings, w...)
	if env.Root != nil {
		// enmime joins the text parts of a multipart/mixed message with
		// "\n--\n", which reads as a signature delimiter: join them with a
		// blank line instead.
		parts := env.Root.DepthMatchAll(func(p *enmime.Part) bool {
			return p.ContentType == "text/plain" && p.Disposition != "attachment"
		})
		if len(parts) > 1 && strings.HasPrefix(env.Root.ContentType, "multipart/mixed") {
			texts := make([]string, 0, len(parts))
			for _, p := range parts {
				texts = append(texts, strings.TrimRight(string(p.Content), "\r\n"))
			}
			text = strings.Join(texts, "\n\n")
		}
		// A message forwarded as an attachment (Outlook's "Transférer en
		// tant que pièce jointe") is what the agent must read: append it as
		// a forwarded block that the quote detection recognises.
		if depth < 3 {
			attached := env.Root.DepthMatchAll(func(p *enmime.Part) bool {
				return p.ContentType == "message/rfc822"
			})
			for _, a := range attached {
				sub, err := enmime.ReadEnvelope(bytes.NewReader(a.Content))
				if err != nil {
					continue
				}
				var b strings.Builder
				b.WriteString(strings.TrimRight(text, "\r\n"))
				b.WriteString("\n\n-------- Message transféré --------\n")
				for _, h := range [][2]string{{"De", "From"}, {"Date", "Date"}, {"À", "To"}, {"Objet", "Subject"}} {
					if v := sub.GetHeader(h[1]); v != "" {
						b.WriteString(h[0] + " : " + v + "\n")
					}
				}
				b.WriteString("\n")
				b.WriteString(envelopeText(sub, a.Content, depth+1, warnings))
				text = b.String()
				if len(text) > MaxBytes {
					break // the rest would be cut anyway
				}
			}
		}
	}
	return text
}

// looksLikeMail reports whether data starts with a header block that holds
// at least one of the fields every message has. enmime accepts anything
// (a text file becomes a body without headers), so this is what tells the
// agent that the wrong file was dropped.
func looksLikeMail(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte("From ")) { // mbox separator line
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			data = data[i+1:]
		}
	}
	if len(data) > 256<<10 {
		data = data[:256<<10]
	}
	known := 0
	for n := 0; len(data) > 0 && n < 2000; n++ {
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(l) == 0 {
			break // end of the header block
		}
		if l[0] == ' ' || l[0] == '\t' {
			if n == 0 {
				return false
			}
			continue // folded header
		}
		colon := bytes.IndexByte(l, ':')
		if colon <= 0 || !isFieldName(l[:colon]) {
			if known > 0 && n > 0 {
				break // a damaged line after real headers: let enmime judge
			}
			return false
		}
		if mailFields[strings.ToLower(string(l[:colon]))] {
			known++
		}
	}
	return known > 0
}

func isFieldName(b []byte) bool {
	for _, c := range b {
		if c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

var mailFields = setOf("from", "to", "subject", "date", "message-id", "mime-version", "content-type",
	"received", "return-path", "delivered-to", "reply-to", "sender", "cc", "x-mailer", "user-agent")
