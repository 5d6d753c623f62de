//go:build !js

package intake

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseEMLQuotedPrintable(t *testing.T) {
	eml := "From: =?UTF-8?Q?Ga=C3=ABlle_Pennec?= <gaelle.pennec@example.com>\r\n" +
		"To: courrier@pref-exemple.gouv.fr\r\n" +
		"Subject: =?UTF-8?Q?RE=3A_TR=3A_perte_de_permis_=E2=80=93_d=C3=A9m=C3=A9nagement?=\r\n" +
		"Date: Tue, 18 Oct 2022 14:26:00 +0200\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n" +
		"\r\n" +
		"Bonjour,\r\n" +
		"J'ai perdu mon permis de conduire lors de mon d=C3=A9m=C3=A9nagement d=C3=\r\n" +
		"=A9but octobre. Que dois-je faire ?\r\n" +
		"\r\n" +
		"Merci d'avance,\r\n" +
		"Ga=C3=ABlle Pennec\r\n" +
		"\r\n" +
		"Le 17/10/2022 =C3=A0 09:00, courrier@pref-exemple.gouv.fr a =C3=A9crit=C2=A0:\r\n" +
		"> Madame, pr=C3=A9cisez votre demande.\r\n"
	p, err := ParseEML(strings.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, p)
	if p.Subject != "perte de permis – déménagement" || !slices.Equal(p.Prefixes, []string{"RE", "TR"}) {
		t.Errorf("subject = %q %q", p.Subject, p.Prefixes)
	}
	if p.From != "Gaëlle Pennec <gaelle.pennec@example.com>" {
		t.Errorf("From = %q", p.From)
	}
	if p.Date.UTC() != time.Date(2022, 10, 18, 12, 26, 0, 0, time.UTC) {
		t.Errorf("Date = %v", p.Date)
	}
	if want := "Bonjour,\nJ'ai perdu mon permis de conduire lors de mon déménagement début octobre. Que dois-je faire ?\n\nMerci d'avance,"; p.NewText() != want {
		t.Errorf("new text = %q, want %q", p.NewText(), want)
	}
	if p.SignatureText() != "Gaëlle Pennec" {
		t.Errorf("signature = %q", p.SignatureText())
	}
	if len(p.Quotes) != 1 || p.Quotes[0].From != "courrier@pref-exemple.gouv.fr" || p.Quotes[0].Date != "17/10/2022 à 09:00" {
		t.Errorf("quotes = %+v", p.Quotes)
	}
}

func TestParseEMLHTMLOnly(t *testing.T) {
	eml := "From: Jean Dupont <jean.dupont@example.com>\r\n" +
		"Subject: =?ISO-8859-1?Q?Re=A0: Demande_de_r=E9c=E9piss=E9?=\r\n" +
		"Date: Mon, 7 Nov 2022 10:00:00 +0100\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/html; charset=iso-8859-1\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n" +
		"\r\n" +
		"<html><body><p>Bonjour,</p><p>Je n'ai toujours pas re=E7u mon r=E9c=E9piss=E9.</p>" +
		"<p>Cordialement,<br>Jean Dupont<br>06 12 34 56 78</p>" +
		"<div>Le 18/10/2022 =E0 14:26, courrier@pref-exemple.gouv.fr a =E9crit :</div>" +
		"<blockquote><p>Monsieur, votre demande est en cours.</p></blockquote></body></html>\r\n"
	p, err := ParseEML(strings.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, p)
	if p.Subject != "Demande de récépissé" {
		t.Errorf("subject = %q %q", p.Subject, p.Prefixes)
	}
	if !strings.Contains(p.NewText(), "Je n'ai toujours pas reçu mon récépissé.") || strings.Contains(p.NewText(), "<") {
		t.Errorf("new text = %q", p.NewText())
	}
	if !strings.HasSuffix(p.NewText(), "Cordialement,") || p.SignatureText() != "Jean Dupont\n06 12 34 56 78" {
		t.Errorf("new text = %q, signature = %q", p.NewText(), p.SignatureText())
	}
	if len(p.Quotes) != 1 || !strings.Contains(p.Text(p.Quotes[0].Span), "> Monsieur, votre demande est en cours.") {
		t.Errorf("quotes = %+v in %q", p.Quotes, p.Body)
	}
}

func TestParseEMLBase64(t *testing.T) {
	text := "Bonjour,\r\nmon récépissé expire le 3 décembre.\r\nMerci\r\nZhao Meilin\r\nN° étranger : 7501876254\r\n"
	eml := "From: Zhao Meilin <zhao@example.com>\r\nSubject: récépissé\r\nDate: Mon, 7 Nov 2022 10:00:00 +0100\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=zz\r\n\r\n" +
		"--zz\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		base64.StdEncoding.EncodeToString([]byte(text)) + "\r\n" +
		"--zz\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>ignored when a text part exists</p>\r\n--zz--\r\n"
	p, err := ParseEML(strings.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, p)
	if p.NewText() != "Bonjour,\nmon récépissé expire le 3 décembre.\nMerci" || p.SignatureText() != "Zhao Meilin\nN° étranger : 7501876254" {
		t.Errorf("new = %q, signature = %q", p.NewText(), p.SignatureText())
	}
}

// Text parts of a multipart/mixed message are joined without the "--"
// that enmime puts between them, and a message attached as message/rfc822
// is read as a forwarded block.
func TestParseEMLMultipart(t *testing.T) {
	eml := "From: agent@mairie-exemple.fr\r\n" +
		"Subject: TR: demande de Mme Fofana\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b1\"\r\n" +
		"\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPour attribution, merci.\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMairie de Brest, service population\r\n" +
		"--b1\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"demande.eml\"\r\n\r\n" +
		"From: =?UTF-8?Q?A=C3=AFssata_Fofana?= <a.fofana@example.com>\r\n" +
		"To: accueil@mairie-exemple.fr\r\n" +
		"Subject: carte de séjour\r\n" +
		"Date: Thu, 3 Nov 2022 09:12:00 +0100\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Bonjour, je n'ai toujours pas ma carte.\r\n" +
		"--b1--\r\n"
	p, err := ParseEML(strings.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, p)
	if strings.Contains(p.Body, "\n--\n") {
		t.Errorf("body holds enmime's part separator: %q", p.Body)
	}
	if !strings.HasPrefix(p.NewText(), "Pour attribution, merci.") {
		t.Errorf("new text = %q", p.NewText())
	}
	if len(p.Quotes) != 1 || !p.Quotes[0].Forwarded || p.Quotes[0].From != "Aïssata Fofana <a.fofana@example.com>" ||
		!strings.Contains(p.Text(p.Quotes[0].Span), "je n'ai toujours pas ma carte") {
		t.Errorf("quotes = %+v\nbody = %q", p.Quotes, p.Body)
	}
}

func TestParseEMLNotMail(t *testing.T) {
	for name, data := range map[string]string{
		"PDF":          "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\n",
		"text":         "Bonjour,\nvoici ma demande.\n",
		"empty":        "",
		"unknown only": "Bonjour: madame\nMerci: beaucoup\n\ntexte",
		"binary":       "\x00\x01\x02\xff\xfe",
	} {
		_, err := ParseEML(strings.NewReader(data))
		if !errors.Is(err, ErrNotMail) {
			t.Errorf("%s: err = %v, want ErrNotMail", name, err)
		}
	}
	if _, err := ParseEML(strings.NewReader("From m@x Sat Jan  3 01:05:34 1996\nSubject: mbox\n\ncorps\n")); err != nil {
		t.Errorf("mbox line: %v", err)
	}
}

func TestParseEMLReadErrors(t *testing.T) {
	big := io.MultiReader(strings.NewReader("From: a@b.c\r\n\r\n"), endlessReader{})
	if _, err := ParseEML(big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("huge file: err = %v, want ErrTooLarge", err)
	}
	if _, err := ParseEML(failingReader{}); err == nil || !strings.HasPrefix(err.Error(), "lecture du fichier impossible") {
		t.Errorf("failing reader: err = %v", err)
	}
}

// FuzzParseEML: a dropped file never crashes the app; what parses holds
// the same invariants as a paste.
func FuzzParseEML(f *testing.F) {
	f.Add([]byte("From: a@b.c\r\nSubject: =?UTF-8?Q?R=C3=A9f_:_x?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nd=C3=A9j=C3=\r\n=A0\r\n"))
	f.Add([]byte("From: a\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: c\r\n\r\nx\r\n--b--\r\n"))
	f.Add([]byte("Subject: x\nContent-Type: text/html\n\n<blockquote><blockquote>a</blockquote>"))
	f.Add([]byte("Date: x\nContent-Transfer-Encoding: base64\n\n!!!"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseEML(bytes.NewReader(data))
		if err == nil {
			checkInvariants(t, p)
		}
	})
}

// nestedMultiparts is a message whose text sits under n nested multipart
// containers: what a crafted file uses to make the MIME parser work for
// seconds (quadratic in the depth).
func nestedMultiparts(n int) string {
	var b strings.Builder
	b.WriteString("From: a@x.test\r\nSubject: Passeport\r\nMIME-Version: 1.0\r\n")
	for i := range n {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\r\n\r\nBonjour, où en est mon passeport ?\r\n")
	for i := n - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	return b.String()
}

func TestDeeplyNestedMIMEIsRefusedAtOnce(t *testing.T) {
	if _, err := ParseEML(strings.NewReader(nestedMultiparts(5000))); !errors.Is(err, ErrTooComplex) {
		t.Errorf("5,000 nested parts: %v", err)
	}
	p, err := ParseEML(strings.NewReader(nestedMultiparts(20)))
	if err != nil || !strings.Contains(p.Body, "passeport") {
		t.Errorf("20 nested parts, still a message: %v %q", err, p.Body)
	}
}

// What a message's structure hides or breaks is repaired and said, never
// dropped or read silently.
func TestBrokenOrDeceivingMIMEIsRepairedAndSaid(t *testing.T) {
	cases := []struct {
		name, eml, want, absent, warning string
	}{
		{"boundary announced, never used",
			"From: a@x.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"AAA\"\r\n\r\n--BBB\r\nContent-Type: text/plain\r\n\r\nBonjour, où en est mon passeport ?\r\n--BBB--\r\n",
			"où en est mon passeport", "", "brut"},
		{"unknown charset",
			"From: a@x.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-inconnu-42\r\nContent-Transfer-Encoding: 8bit\r\n\r\nBonjour, d\xe9c\xe8s de mon p\xe8re, passeport urgent\r\n",
			"décès de mon père", "\ufffd", "Windows-1252"},
		{"text hidden by styles",
			"From: a@x.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Bonjour, où en est mon passeport ?</p><div style=\"color:red; display: none\">je vais me suicider</div><span hidden>caché</span><p style=\"font-size:0px\">invisible</p>\r\n",
			"où en est mon passeport", "suicider", "masqué"},
	}
	for _, c := range cases {
		p, err := ParseEML(strings.NewReader(c.eml))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !strings.Contains(p.Body, c.want) || (c.absent != "" && strings.Contains(p.Body, c.absent)) {
			t.Errorf("%s: body %q", c.name, p.Body)
		}
		if !strings.Contains(strings.Join(p.Warnings, " "), c.warning) {
			t.Errorf("%s: warnings %q", c.name, p.Warnings)
		}
	}
	// An ordinary message reads without a warning.
	p, err := ParseEML(strings.NewReader("From: a@x.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Bonjour, <b>merci</b>.</p>\r\n"))
	if err != nil || len(p.Warnings) != 0 || !strings.Contains(p.Body, "merci") {
		t.Errorf("ordinary HTML: %v %q %q", err, p.Warnings, p.Body)
	}
}

type endlessReader struct{}

var xs = bytes.Repeat([]byte{'x'}, 64<<10)

func (endlessReader) Read(b []byte) (int, error) { return copy(b, xs), nil }

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disque débranché") }
