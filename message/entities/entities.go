// Package entities finds, in a citizen's e-mail, the values that pre-fill
// the {{placeholders}} of a standard reply: the foreign-national (AGDREF)
// number, ANEF and ANTS request numbers, vehicle plates, dates, phone
// numbers, e-mail addresses and the writer's name.
//
// Precision comes before recall: a wrong number pre-filled into a reply is
// worse than an empty field the agent fills in. Every reading is therefore
// anchored on a shape that leaves little doubt (an ANTS number starts with a
// real year and month, a phone number with 0 and its pairs, a plate has no
// I, O or U) or on the label the writer put before it ("N° étranger :").
//
// What is recognised:
//   - AGDREF (foreign-national) numbers: 10 digits after their label ("N°
//     étranger : 7501876254", "numéro d'étranger est le 75 01 87 62 54",
//     "AGDREF …", "foreign national number …"), or a bare run of 10 digits
//     that does not start with 0, begins with a department code (01–95,
//     97) and has no other label on its line ("Facture", "tél", "CAF"…);
//   - ANTS request numbers: YYMM, 2 or 3 capitals, 4 to 8 digits
//     (2208IM5518336, 2210ZT0932, 2202EPE83190), and "EPE-22-0119-04473";
//   - ANEF request numbers: "ANEF-…"/"AEF…" followed by digits, or 8 to 16
//     digits after "ANEF" and "demande"/"dossier"/"n°" wording;
//   - plates: SIV "FZ-208-CB" (dashes any case; spaces or none in capitals
//     only; no I, O, U; no SS, no 000) and the old "123 ABC 29", "1234 AB
//     2A", "12 ABC 974" when a vehicle is mentioned just before;
//   - dates: "12 mai 2022", "1er novembre", "samedi 19 novembre", "lun. 3
//     oct. 2022", "02/11/2022", "02.11.22", "30/09", "2022-11-02",
//     "14 February 2022", "February 14, 2022", "6 June"; day first always;
//   - French phone numbers: "06 39 98 21 90", "0639982190",
//     "02.98.92.14.66", "06-39-98-21-90", "+33 6 39 98 21 90", "+33 (0)6…",
//     "0033 6…";
//   - e-mail addresses; links are read only to keep their digits out;
//   - the writer's name, see WriterName.
//
// All patterns are RE2 regular expressions (Go's regexp), tried only where
// a cheap byte test says a shape may start (a run of digits, an "@"), on a
// bounded window; the rest is single passes over the text. The work is
// linear: 256 KB of ordinary messages take a few milliseconds, the most
// hostile pastes (a page of dates or phone numbers) about 60 ms, natively.
// Nothing here imports Fyne or anything that does not build for GOOS=js.
package entities

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Kind is the kind of an entity; its value is the code used in JSON.
type Kind string

// The kinds of entity Extract finds.
const (
	AGDREF Kind = "agdref"    // foreign-national number: 10 digits
	ANEF   Kind = "anef"      // ANEF request number, only with its prefix or ANEF wording
	ANTS   Kind = "ants"      // ANTS request number: 2208IM5518336, EPE-22-0119-04473
	Plate  Kind = "plaque"    // vehicle plate: AA-123-AA, or the old 123 ABC 29
	Date   Kind = "date"      // a calendar date
	Phone  Kind = "telephone" // a French phone number
	Email  Kind = "courriel"  // an e-mail address
	Name   Kind = "nom"       // the writer's name
)

// Entity is one value found in a text.
type Entity struct {
	Kind Kind   `json:"kind"`
	Text string `json:"text"` // as written
	// Value is normalised: digits only for AGDREF numbers; phones as "06 39
	// 98 21 90"; ANTS and ANEF numbers upper-case without spaces (the
	// driving-licence form as "EPE-22-0119-04473"); plates "AA-123-AA" (old
	// plates "123 ABC 29"); dates "2006-01-02", empty when the year cannot
	// be resolved; names "Prénom NOM" as written; e-mails with the domain
	// lower-cased.
	Value string `json:"value"`
	Start int    `json:"start"` // byte offsets in the text given to Extract
	End   int    `json:"end"`
	// Quoted is true when the entity is in an earlier message the text
	// carries along ("> …" lines, "Le … a écrit :", a forwarded message).
	Quoted bool `json:"quoted,omitempty"`
}

// candidate is a reading of some bytes of the text, with its priority for
// settling overlaps.
type candidate struct {
	Entity
	prio int
}

// Extract finds entities in text. ref is the reference day (the day the
// message was received) for dates written without a year; see resolveDate
// for the rule. The result is sorted by Start and no two entities overlap:
// where two readings share bytes the more specific one wins (see the
// priorities in numbers.go).
func Extract(text string, ref time.Time) []Entity { return extract(text, ref, scanLayout(text)) }

// ExtractOwn is Extract on text that is already the writer's own words, as
// intake cut them (the new text and the signature): the quoted lines and
// forwarded parts are not looked for again.
func ExtractOwn(text string, ref time.Time) []Entity {
	return extract(text, ref, layout{forward: len(text)})
}

func extract(text string, ref time.Time, l layout) []Entity {
	var cands []candidate
	add := func(c candidate) { cands = append(cands, c) }
	findLinksAndEmails(text, add)
	scanNumbers(text, ref, add)
	if nm, ok := findWriter(text, l); ok {
		add(candidate{Entity{Kind: Name, Text: text[nm.start:nm.end], Value: nm.value(), Start: nm.start, End: nm.end}, prioName})
	}
	if len(cands) == 0 {
		return nil
	}

	// Highest priority first, then leftmost, then longest; a candidate is
	// kept when none of its bytes is taken. Candidates are a few dozen bytes
	// long, so marking and testing bytes keeps this linear.
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if a.prio != b.prio {
			return cmp.Compare(b.prio, a.prio)
		}
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return cmp.Compare(b.End-b.Start, a.End-a.Start)
	})
	taken := make([]bool, len(text))
	var out []Entity
	for _, c := range cands {
		if c.Start >= c.End || c.End > len(text) || anyTaken(taken, c.Start, c.End) {
			continue
		}
		for i := c.Start; i < c.End; i++ {
			taken[i] = true
		}
		if c.Kind == "" {
			continue // a blocker (URL): occupies its bytes, is not reported
		}
		c.Quoted = l.isQuoted(c.Start)
		out = append(out, c.Entity)
	}
	slices.SortFunc(out, func(a, b Entity) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

func anyTaken(taken []bool, s, e int) bool {
	for i := s; i < e; i++ {
		if taken[i] {
			return true
		}
	}
	return false
}

// WriterName finds the writer's name in the signature block or the closing
// lines of the message: the first name-like line after the last closing
// formula ("Cordialement,\nZhao Meilin"), else among the short lines that
// close the message ("MME EL OUARDI 0639987719", "Mme K."). Quoted earlier
// messages are skipped. signature is the text of the signature block if
// known; when it holds no name, text is searched.
//
// civilite is "Madame" or "Monsieur" when written (Mme, Mlle, Madame, M.,
// Monsieur, Mrs, Mr…), else empty. nom is the family name: the upper-case
// words when the line mixes cases ("DUPONT Jean"), else the last word with
// its particles ("Le Bris", "van Dam"); prenom is what comes before. A
// single word is only taken with a civility ("Mme Benali"): "Djamel" alone
// may be a first name or a family name.
func WriterName(text, signature string) (civilite, prenom, nom string, ok bool) {
	return writerName(text, signature, scanLayout)
}

// WriterNameOwn is WriterName on text that is already the writer's own
// words, as intake cut them: the quoted parts are not looked for again.
func WriterNameOwn(text, signature string) (civilite, prenom, nom string, ok bool) {
	return writerName(text, signature, func(text string) layout { return layout{forward: len(text)} })
}

func writerName(text, signature string, layoutOf func(string) layout) (civilite, prenom, nom string, ok bool) {
	if strings.TrimSpace(signature) != "" {
		if nm, ok := writerInSignature(signature); ok {
			return nm.civ, nm.prenom, nm.nom, true
		}
	}
	nm, ok := findWriter(text, layoutOf(text))
	if !ok {
		return "", "", "", false
	}
	return nm.civ, nm.prenom, nm.nom, true
}

// Placeholders filled by Fill.
const (
	PhNom             = "usager.nom"
	PhPrenom          = "usager.prenom"
	PhCivilite        = "usager.civilite"
	PhCourriel        = "usager.courriel"
	PhTelephone       = "usager.telephone"
	PhDossier         = "dossier.numero"
	PhDemande         = "demande.numero"
	PhImmatriculation = "vehicule.immatriculation"
)

// Fill returns placeholder values from entities and the writer's name.
// For each placeholder the first suitable entity wins, with these
// precautions:
//   - the writer's own text comes before quoted messages; a phone number or
//     an e-mail address in a quoted message is never used (it is usually
//     the prefecture's own, or a third party's);
//   - a phone or an address in the signature (after the writer's name) is
//     preferred to one in the body ("j'ai appelé le 02 98 …");
//   - an e-mail address of a gouv.fr domain is not the citizen's.
//
// When civilite, prenom and nom are all empty, the first Name entity is
// used. Empty values are left out of the map.
func Fill(ents []Entity, civilite, prenom, nom string) map[string]string {
	out := map[string]string{}
	set := func(k, v string) {
		if v = strings.TrimSpace(v); v != "" {
			if _, done := out[k]; !done {
				out[k] = v
			}
		}
	}
	nameAt := -1
	for _, e := range ents {
		if e.Kind == Name && !e.Quoted {
			nameAt = e.Start
			if civilite == "" && prenom == "" && nom == "" {
				if nm, ok := parseName(e.Text, true); ok {
					civilite, prenom, nom = nm.civ, nm.prenom, nm.nom
				}
			}
			break
		}
	}
	set(PhCivilite, civilite)
	set(PhPrenom, prenom)
	set(PhNom, nom)

	// first returns the first entity of kinds accepted by ok, trying the
	// writer's text after the name, then the writer's text, then (when
	// allowed) quoted text.
	first := func(quotedToo, signatureFirst bool, ok func(Entity) bool) string {
		if signatureFirst && nameAt >= 0 {
			for _, e := range ents {
				if !e.Quoted && e.Start > nameAt && ok(e) {
					return e.Value
				}
			}
		}
		for _, e := range ents {
			if !e.Quoted && ok(e) {
				return e.Value
			}
		}
		if quotedToo {
			for _, e := range ents {
				if e.Quoted && ok(e) {
					return e.Value
				}
			}
		}
		return ""
	}
	is := func(kinds ...Kind) func(Entity) bool {
		return func(e Entity) bool {
			for _, k := range kinds {
				if e.Kind == k && e.Value != "" {
					return true
				}
			}
			return false
		}
	}
	set(PhCourriel, first(false, true, func(e Entity) bool {
		return is(Email)(e) && !strings.HasSuffix(strings.ToLower(e.Value), "gouv.fr")
	}))
	set(PhTelephone, first(false, true, is(Phone)))
	set(PhDossier, first(true, false, is(AGDREF)))
	set(PhDemande, first(true, false, is(ANTS, ANEF)))
	set(PhImmatriculation, first(true, false, is(Plate)))
	return out
}
