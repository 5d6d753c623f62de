package compose

import (
	"regexp"
	"strings"
	"time"

	"plume/kb"
	"plume/message/detect"
)

// value is a placeholder's value with where it comes from. A computed or
// read date keeps its day, so that each part writes it in its own language
// (a French empathy bloc in an English reply says « mercredi 2 décembre »).
type value struct {
	text, source string
	day          time.Time
}

// valueSet is every value known for a composition, and the labels of the
// site keys still in brackets.
type valueSet struct {
	vals map[string]value
	// siteGaps holds, for a site key still in brackets in site.yaml, the
	// text between them: the reply shows it as the same visible gap.
	siteGaps map[string]string
	lang     string // the reply's language
}

// set records a value when it says something; later layers win.
func (vs *valueSet) set(name, text, source string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	vs.vals[name] = value{text: text, source: source}
}

// setDate records a day, written in the reply's language for the fields.
func (vs *valueSet) setDate(name string, day time.Time, source string) {
	vs.vals[name] = value{text: dateIn(vs.lang)(day), source: source, day: day}
}

// followUpDate is the date a reply promises news by: the usual reply date,
// or, when the message gives a nearer deadline (daysLeft ≥ 0), the next
// working day if it is within a week, else the last working day at least
// two days before it.
func followUpDate(today, usual time.Time, daysLeft int) time.Time {
	if daysLeft < 0 {
		return usual
	}
	// Within a week (a funeral abroad, a flight), the person must know
	// the next working day; later, two days ahead of the deadline: the
	// answer is needed before the person leaves, not on the eve.
	if daysLeft <= 7 {
		return kb.AddBusinessDays(today, 1)
	}
	before := today.AddDate(0, 0, daysLeft-2)
	for !kb.IsBusinessDay(before) && before.After(today) {
		before = before.AddDate(0, 0, -1) // the service answers on a working day
	}
	switch {
	case !before.Before(usual):
		return usual
	case before.Before(today):
		return today
	}
	return before
}

// deadline is the day of the nearest deadline the message gives: the
// analysis counts it in days from the message's date (today for a paste).
func (c *composer) deadline(today time.Time) (time.Time, bool) {
	if c.a.Sensitive.DaysLeft < 0 {
		return time.Time{}, false
	}
	ref := today
	if !c.a.Parsed.Date.IsZero() {
		ref = c.a.Parsed.Date
	}
	return kb.Day(ref).AddDate(0, 0, c.a.Sensitive.DaysLeft), true
}

// tripRe finds, in the words of a deadline, that it is a departure.
var tripRe = regexp.MustCompile(`\b(vol|avion|depart|partir|pars|part|billet|voyage|embarque\w*|flight|fly|flying|travel\w*|leave|leaving|departure)\b`)

// deadlineIsATrip reports whether the message's deadline is told as a
// departure (a flight, a trip), not a funeral or a contract's end.
// A funeral told with it leaves the date to the agent: the departure comes
// before, and the message may give both.
func (c *composer) deadlineIsATrip() bool {
	trip := false
	for _, d := range c.a.Sensitive.Details {
		if d.Code != kb.ReasonEcheance {
			continue
		}
		for _, cue := range d.Cues {
			f := detect.Fold(cue.Text)
			if funeralRe.MatchString(f) {
				return false
			}
			trip = trip || tripRe.MatchString(f)
		}
	}
	return trip
}

var funeralRe = regexp.MustCompile(`\b(obseques|enterrement|inhumation|funerailles|funeral|burial)\b`)

// siteServices maps a service code to the site key naming it and the
// article it takes, for {{service.nom}} ("le Service de l'immigration…").
var siteServices = map[string]struct{ key, article string }{
	"immigration":     {"service_immigration", "le"},
	"cert-titres":     {"service_titres", "le"},
	"cabinet":         {"service_cabinet", "le"},
	"sous-prefecture": {"sous_prefecture", "la"},
}

// alwaysRequired are the placeholders a reply cannot go without, whatever
// the items declare: docs/redaction.md wants no anonymous reply.
var alwaysRequired = []string{"agent.signature"}

// values gathers the values, in increasing priority: the items' defaults,
// the site file, the dates, the profile, the message, the agent's typing.
// Values derived from others (the greeting from civility and name, the
// service's name) are worked out last, from the winners.
func (c *composer) values() *valueSet {
	vs := &valueSet{vals: map[string]value{}, siteGaps: map[string]string{}, lang: c.lang}

	for _, it := range c.items {
		for _, v := range it.Variables {
			if _, done := vs.vals[v.Name]; !done {
				vs.set(v.Name, v.Default, SourceDefaut)
			}
		}
	}

	for key, v := range c.k.Site {
		if gap, ok := bracketed(v); ok {
			vs.siteGaps["site."+key] = gap
			continue
		}
		vs.set("site."+key, v, SourceSite)
	}

	today := c.opt.Today
	reply := kb.AddBusinessDays(today, kb.ReplyDelay)
	vs.setDate("date.aujourdhui", today, SourceDate)
	vs.setDate("date.reponse", reply, SourceDate)
	// The audit's commitment (an answer within 5 business days) is the
	// date a relance promises unless the agent knows better.
	vs.setDate("relance.date_retour", reply, SourceDate)
	// The deadline the message gives (a departure, a funeral, a contract's
	// end), counted from the message's date: the date the blocs and the
	// urgent-passport reply ask for, and what the one date a reply commits
	// to (bloc-suivi and the blocs that promise news) must come before.
	deadline, hasDeadline := c.deadline(today)
	daysLeft := -1
	if hasDeadline {
		daysLeft = max(0, int(deadline.Sub(kb.Day(today)).Hours()/24))
		vs.setDate("echeance.date", deadline, SourceMessage)
		// A funeral's date is not the day of departure, which must come
		// before it: only a deadline told as a trip fills voyage.date.
		if c.deadlineIsATrip() {
			vs.setDate("voyage.date", deadline, SourceMessage)
		}
	}
	vs.setDate("suivi.date_retour", followUpDate(today, reply, daysLeft), SourceDate)
	vs.setDate("transfert.date", today, SourceDate)
	// A pasted message has no date: it is taken to be today's.
	vs.setDate("message.date", today, SourceDate)

	p := c.opt.Profile
	vs.set("agent.prenom", p.Prenom, SourceProfil)
	vs.set("agent.nom", strings.TrimSpace(p.Prenom+" "+p.Nom), SourceProfil)
	vs.set("agent.fonction", p.Fonction, SourceProfil)
	vs.set("agent.service", p.Service, SourceProfil)
	vs.set("agent.signature", c.signature(), SourceProfil)

	a := c.a
	for name, v := range a.Values {
		vs.set(name, v, SourceMessage)
	}
	if !a.Parsed.Date.IsZero() {
		vs.setDate("message.date", a.Parsed.Date, SourceMessage)
	}
	vs.set("message.objet", a.Parsed.Subject, SourceMessage)
	if since, err := time.Parse("2006-01-02", a.Relance.Since); err == nil {
		vs.setDate("relance.date_precedent", since, SourceMessage)
	}
	// The desk's journal knows the earlier transfer: its dates and
	// reference, not a guess from the message.
	if p := a.Prior; p != nil {
		if !p.Received.IsZero() {
			vs.setDate("relance.date_precedent", p.Received, SourceJournal)
		}
		vs.setDate("transfert.date_precedente", p.Transmitted, SourceJournal)
		vs.set("transfert.reference", p.Ref, SourceJournal)
	}

	for name, v := range c.opt.Values {
		vs.set(name, v, SourceSaisie)
	}

	c.derive(vs)
	return vs
}

// derive works out the values made from others, unless the agent typed
// them.
func (c *composer) derive(vs *valueSet) {
	typed := func(name string) bool {
		v, ok := vs.vals[name]
		return ok && v.source == SourceSaisie
	}
	civ, nom := vs.vals["usager.civilite"], vs.vals["usager.nom"]
	title := civility(civ.text)
	source := nom.source
	if civ.source == SourceSaisie {
		source = SourceSaisie
	}
	toElected := c.body != nil && c.body.When("elu")
	if !typed("usager.appel") && !toElected { // an élu's title is the agent's to write (« Monsieur le Maire »)
		if title != "" && nom.text != "" {
			vs.set("usager.appel", title+" "+nom.text, source)
		} else {
			vs.set("usager.appel", "Madame, Monsieur", SourceDefaut)
		}
	}
	// The English greeting (bloc-ouverture-en) has its own placeholder:
	// "Dear Ms Durand," or its default "Dear Sir or Madam,".
	if !typed("en.appel") {
		if en := englishTitle[title]; en != "" && nom.text != "" {
			vs.set("en.appel", en+" "+nom.text, source)
		} else if _, ok := vs.vals["en.appel"]; !ok {
			vs.set("en.appel", "Sir or Madam", SourceDefaut)
		}
	}
	// The transfer notice names the service with its postal and e-mail
	// addresses and phone (CRPA R. 112-5), from site.yaml.
	if s, ok := siteServices[c.service]; ok {
		for _, part := range []string{"adresse", "courriel", "telephone"} {
			if v, ok := vs.vals["site."+s.key+"_"+part]; ok && !typed("service."+part) {
				vs.set("service."+part, v.text, SourceSite)
			}
		}
	}
	if _, ok := vs.vals["service.nom"]; !ok {
		if s, ok := siteServices[c.service]; ok {
			if name, ok := vs.vals["site."+s.key]; ok {
				// English blocs give the French name as a proper noun,
				// after their own words ("the department handling your
				// request (Service de …)"): no French article there.
				if vs.lang == "en" {
					vs.set("service.nom", name.text, SourceSite)
				} else {
					vs.set("service.nom", withArticle(s.article, name.text), SourceSite)
				}
			}
		}
	}
}

// signature is the agent's signature block: as written in the profile, or
// built from the name, function and service, with the prefecture's name
// when the site file gives it.
func (c *composer) signature() string {
	p := c.opt.Profile
	block := p.Block()
	if block == "" || strings.TrimSpace(p.Signature) != "" {
		return block // "": no identity, the gap stays visible, and Missing says so
	}
	if pref, ok := c.k.Site["prefecture"]; ok {
		if _, gap := bracketed(pref); !gap && pref != "" {
			block += "\n" + upperFirst(pref)
		}
	}
	return block
}

// markdown returns the values as they go into a Markdown part written in
// lang.
func (vs *valueSet) markdown(lang string) map[string]string {
	out := make(map[string]string, len(vs.vals))
	for name, v := range vs.vals {
		text := v.text
		if !v.day.IsZero() {
			text = dateIn(lang)(v.day)
		}
		out[name] = markdownValue(text)
	}
	return out
}

// labels returns the gap labels for an item: its variables' and the
// built-ins' (kb.Labels), and for a site key still in brackets, the
// bracketed text, so that the gap reads as in site.yaml.
func (vs *valueSet) labels(it *kb.Item) map[string]string {
	labels := kb.Labels(it)
	for name, gap := range vs.siteGaps {
		labels[name] = gap
	}
	return labels
}

// fields lists the placeholders of the items in order of first use.
func (vs *valueSet) fields(items []*kb.Item) []Field {
	required := map[string]bool{}
	for _, name := range alwaysRequired {
		required[name] = true
	}
	labels := map[string]string{}
	for _, b := range kb.Builtins {
		labels[b.Code] = b.Label
	}
	// The first item that declares a variable gives its label; a label
	// declared by an item beats the built-in one.
	declared := map[string]bool{}
	for _, it := range items {
		for _, v := range it.Variables {
			if v.Required {
				required[v.Name] = true
			}
			if !declared[v.Name] && v.Label != "" {
				labels[v.Name], declared[v.Name] = v.Label, true
			}
		}
	}

	var out []Field
	seen := map[string]bool{}
	for _, it := range items {
		for _, ph := range kb.Placeholders(it.Body) {
			if seen[ph.Name] {
				continue
			}
			seen[ph.Name] = true
			f := Field{Name: ph.Name, Label: labels[ph.Name], Required: required[ph.Name]}
			if v, ok := vs.vals[ph.Name]; ok {
				f.Value, f.Source = v.text, v.source
			} else if gap, ok := vs.siteGaps[ph.Name]; ok {
				f.Source = SourceSite
				if f.Label == "" {
					f.Label = upperFirst(gap)
				}
			}
			if f.Label == "" {
				f.Label = siteLabel(ph.Name)
			}
			out = append(out, f)
		}
	}
	return out
}

// siteLabel names a placeholder that has no label: a site key as
// "Site : service immigration", anything else by its name.
func siteLabel(name string) string {
	if key, ok := strings.CutPrefix(name, "site."); ok {
		return "Site : " + strings.ReplaceAll(key, "_", " ")
	}
	return name
}

// bracketed reports whether a site value is still the "[to fill]" of the
// default site file, and returns the text between the brackets.
func bracketed(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && v[0] == '[' && v[len(v)-1] == ']' {
		return v[1 : len(v)-1], true
	}
	return "", false
}

// civilities normalises a civility as typed or read to the one a letter
// writes.
var civilities = map[string]string{
	"madame": "Madame", "mme": "Madame", "mme.": "Madame", "mademoiselle": "Madame", "mlle": "Madame",
	"monsieur": "Monsieur", "m": "Monsieur", "m.": "Monsieur", "mr": "Monsieur", "mr.": "Monsieur",
	"ms": "Madame", "mrs": "Madame", "miss": "Madame",
}

var englishTitle = map[string]string{"Madame": "Ms", "Monsieur": "Mr"}

func civility(s string) string { return civilities[strings.ToLower(strings.TrimSpace(s))] }

// withArticle puts the article before a service's name, elided before a
// vowel (not before an h, often aspirated): "le Cabinet du préfet",
// "l'Office…".
func withArticle(article, name string) string {
	if name == "" {
		return ""
	}
	if strings.ContainsRune("AEIOUYÉÈÊÂÎÔaeiouyéèêâîô", []rune(name)[0]) {
		return "l'" + name
	}
	return article + " " + name
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}

// dateIn returns how a letter in lang writes a day.
func dateIn(lang string) func(time.Time) string {
	if lang == "en" {
		return englishDate
	}
	return kb.FrenchDate
}

// englishDate writes a day as a British letter does: "Thursday 31 December
// 2026" (French dates in an English reply would read oddly).
func englishDate(t time.Time) string { return t.Format("Monday 2 January 2006") }

// Lines of a value that would turn into Markdown structure: a list
// marker or heading ("- ", "1. ", "# "), a quote, a setext underline or a
// thematic break ("--" under a signature's name makes it a heading).
var (
	listOrHeading = regexp.MustCompile(`^( {0,3})([-+*]|#{1,6}|\d{1,9}[.)])([ \t]|$)`)
	quoteOrRule   = regexp.MustCompile(`^( {0,3})(>|=+[ \t]*$|-+[ \t]*$|(?:_[ \t]*){3,}$)`)
)

// markdownValue makes a value typed or read as plain text safe inside the
// Markdown body: each of its lines stays a line (a hard break, for the
// signature block), a blank line stays a paragraph break, and a line that
// would start a list, heading or quote is escaped. Inline characters are
// left alone: e-mail addresses and names with underscores make no
// emphasis, and escaping them would show backslashes in the UI preview.
func markdownValue(v string) string {
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n")), "\n")
	var b strings.Builder
	for i, l := range lines {
		l = escapeLine(strings.TrimRight(l, " \t"))
		b.WriteString(l)
		if i == len(lines)-1 {
			break
		}
		if l != "" && strings.TrimSpace(lines[i+1]) != "" {
			b.WriteString("  ") // hard line break
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// escapeLine puts a backslash before the punctuation that would make l a
// block of its own.
func escapeLine(l string) string {
	for _, re := range []*regexp.Regexp{listOrHeading, quoteOrRule} {
		if m := re.FindStringSubmatchIndex(l); m != nil {
			at := m[3] + strings.IndexAny(l[m[3]:], "-+*#>=._)")
			return l[:at] + `\` + l[at:]
		}
	}
	return l
}
