// Package compose assembles the reply an agent sends: the chosen réponse
// type wrapped in the blocs the situation calls for (greeting, empathy,
// relance, transfer notice, closing), every {{placeholder}} filled from the
// message, the agent's profile, the site file and the calendar.
//
// The order of a reply follows docs/redaction.md: courtesy first; when the person
// is in a difficult situation, a sentence that shows it was read comes
// before anything else; a relance is acknowledged (with the earlier date and
// an apology) before the answer; the answer; who now holds the request; the
// closing and the agent's signature.
//
// The package is pure Go (no UI): the desktop app, the browser build and the
// CLI compose the same reply.
package compose

import (
	"plume/search"
	"regexp"
	"slices"
	"strings"
	"time"

	"plume/kb"
	"plume/message/detect"
)

// Profile is the agent's identity, from the settings.
type Profile struct {
	Prenom, Nom, Fonction, Service string
	// Signature is the signature block as the agent wrote it (may be
	// multi-line); built from the other fields when empty.
	Signature string
}

// Name is the agent's first name and surname.
func (p Profile) Name() string { return strings.TrimSpace(p.Prenom + " " + p.Nom) }

// Block is the agent's signature block: as they wrote it, else their name,
// function and service, one a line ("" when the profile is empty). It
// closes replies and the notes to the services.
func (p Profile) Block() string {
	if s := strings.TrimSpace(p.Signature); s != "" {
		return s
	}
	var lines []string
	for _, l := range []string{p.Name(), p.Fonction, p.Service} {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// Roles of the parts of a reply: the bloc roles of the knowledge base
// (kb.Roles), and RoleReponse for the chosen réponse type (or info).
const (
	RoleOuverture       = kb.RoleOuverture
	RoleEmpathie        = kb.RoleEmpathie
	RoleRelance         = kb.RoleRelance
	RoleReponse         = "reponse"
	RoleTransfert       = kb.RoleTransfert
	RoleSuivi           = kb.RoleSuivi
	RoleCoordonnees     = kb.RoleCoordonnees
	RoleCloture         = kb.RoleCloture
	RoleAccuseReception = kb.RoleAccuseReception
)

// Part is one piece of the composed reply, for the UI to show where each
// comes from.
type Part struct {
	ItemID   string // the bloc or reply it comes from
	Title    string // that item's title
	Role     string // one of the Role… constants
	Lang     string // the item's language: "fr" when a translation was missing
	Markdown string // filled
}

// Sources of a field's value.
const (
	SourceMessage = "message" // read in the message (analysis entities, subject, date)
	SourceProfil  = "profil"  // the agent's profile
	SourceSite    = "site"    // site.yaml; with an empty Value, still in brackets there
	SourceDate    = "date"    // computed from today (5 business days…)
	SourceDefaut  = "défaut"  // the item's default, or the neutral greeting
	SourceSaisie  = "saisie"  // typed by the agent (Options.Values)
	SourceJournal = "journal" // the desk's transfer journal (Analysis.Prior)
	SourceNone    = ""        // nothing known: to fill
)

// Field is a placeholder the agent may fill, with its current value.
type Field struct {
	Name, Label, Value string
	Required           bool
	// Source says where Value comes from (Source… constants); "" when
	// Value is empty and nothing would fill it.
	Source string
}

// Reply is the composed reply.
type Reply struct {
	Parts []Part
	// Fields lists every placeholder used by the parts, in order of first
	// use, deduplicated.
	Fields []Field
	// Markdown is all parts joined, filled.
	Markdown string
	// Text is the plain text for the clipboard (see PlainText).
	Text string
	// Missing lists the labels of required fields still empty.
	Missing []string
	// Lang is the language the reply was composed in ("fr" or "en").
	Lang string
	// Notes tell the agent what Plume could not do as asked: a bloc with no
	// translation, a chosen bloc that does not exist, a procedure that is
	// not sent.
	Notes []string
}

// Options are what the composition depends on besides the message.
type Options struct {
	// Today is the day the reply is written (default: now). The reply date
	// (date.reponse) is ReplyDelay business days later.
	Today   time.Time
	Profile Profile
	// Values are overrides typed by the agent: they win over everything.
	// An empty value counts as not typed.
	Values map[string]string
	// Lang forces the reply's language ("fr", "en"). Default: the language
	// of the chosen item when it is not French (the agent picked a
	// translation), else the writer's.
	Lang string
	// Blocs are the agent's choices of bloc by role, instead of Plume's
	// (bloc-cloture-courte for the closing, bloc-relance-transfert or
	// bloc-relance-escalade for a relance…). A role mapped to a bloc id is
	// included even when the situation was not detected (the agent knows
	// it is a relance); a role mapped to "" is left out. For RoleEmpathie
	// the chosen bloc replaces those of the detected reasons.
	Blocs map[string]string
}

// maxEmpathy bounds the empathy blocs: each one says "j'ai signalé votre
// situation… je reviendrai vers vous" and gives our contacts, so a second
// one repeats the first. It is worth it only for the safety numbers of
// safetyReasons.
const maxEmpathy = 2

// safetyReasons are the reasons whose empathy bloc carries emergency
// numbers (3114, 17, 3919, 119) that must reach the person even when
// another reason comes first.
var safetyReasons = []string{kb.ReasonDetresse, kb.ReasonViolence}

// Compose assembles the reply for item (a réponse type or an info) given the
// analysis of the message. item may be nil: the reply then has the blocs
// alone, for the agent to write the answer between them.
func Compose(k *kb.KB, a search.Analysis, item *kb.Item, opt Options) Reply {
	c := newComposer(k, a, item, opt)
	body := c.body

	c.add(RoleOuverture, c.single(RoleOuverture, true, nil))

	// A reply written for a situation (a relance reply, a bloc of that role
	// chosen as the reply) already handles it.
	handles := func(role, situation string) bool {
		return body != nil && (body.Role == role || body.When(situation))
	}
	// A letter to an élu (when: [elu]) answers the élu: the words meant
	// for the person in difficulty, the follow-up and the transfer notice
	// are the cabinet's to write.
	toElected := body != nil && body.When(kb.SituationElu)
	if !handles(RoleEmpathie, kb.SituationSensible) && !toElected {
		c.empathy()
	}
	// A relance reply says it all (apology, step taken, date; the earlier
	// transfer in its optional paragraph): no relance bloc beside it.
	// After a transfer the journal knows of, the relance bloc written for
	// it (when: [transfert]): forwarded on that date, to that service.
	if !handles(RoleRelance, kb.SituationRelance) {
		c.add(RoleRelance, c.single(RoleRelance, a.Relance.Detected,
			func(it *kb.Item) bool { return it.When("transfert") == (a.Prior != nil) }))
	}

	if body != nil {
		if body.Kind == kb.KindProcedure {
			// A procedure is the agent's how-to: it is never sent.
			c.note("« " + body.Title + " » est une procédure interne : elle n'est pas envoyée à l'usager.")
		} else {
			role := RoleReponse
			if body.Kind == kb.KindBloc && body.Role != "" {
				role = body.Role // a bloc picked as the reply keeps its role
			}
			c.add(role, body)
		}
	}

	// What is done today, by when the person hears back and how to reach
	// us is said once: the empathy blocs keep only what is their own (the
	// acknowledgement, the help for that motif), and a relance reply or
	// bloc already commits to a date.
	// Only a request a service holds can be signalled to it: an answer
	// given at the desk (information) has nothing to follow up.
	relanceCommits := handles(RoleRelance, kb.SituationRelance) || c.has(RoleRelance) || c.uses("suivi.date_retour")
	held := (a.Transfer || body != nil && body.Transfer) && c.service != "" && c.service != kb.ServiceAccueil && !c.keepsAtDesk() && !toElected
	// A reply that forwards the request itself has just named the
	// service: the follow-up written for it (when: [transfert]) does not
	// name it a second time.
	forwards := body != nil && body.Transfer
	acknowledged := c.has(RoleEmpathie) || slices.ContainsFunc(a.Sensitive.Reasons, c.ownMotif)
	c.add(RoleSuivi, c.single(RoleSuivi, a.Sensitive.Detected && acknowledged && held && !relanceCommits,
		func(it *kb.Item) bool { return !it.IsNotFor("transfert") && it.When("transfert") == forwards }))
	// A sensitive case answered at the desk (information, nothing
	// forwarded yet): what the person gives so that their situation is
	// reported today (not_for: [transfert]) — never a reply that only
	// informs someone in distress.
	atDesk := !held && c.service != "" && !c.keepsAtDesk() && !toElected
	c.add(RoleSuivi, c.single(RoleSuivi, !c.has(RoleSuivi) && a.Sensitive.Detected && acknowledged && atDesk && !relanceCommits,
		func(it *kb.Item) bool { return it.IsNotFor("transfert") }))

	// A forwarded request: the person is told who now holds it, with its
	// postal and e-mail addresses and phone, the date and a reference (CRPA
	// L. 114-2, R. 112-5). The reply that forwards says so itself
	// (transfer: true) and gets the service's details alone; otherwise
	// the transfer notice says it all. A part that already gives the
	// details (bloc-relance-transfert) makes both needless.
	service := c.service
	// After the follow-up commitment (a date, the priority asked), the
	// service's usual delay would contradict it: the details alone.
	forwarded := (a.Transfer || forwards) && service != "" && service != kb.ServiceAccueil && !c.uses("service.courriel") && !c.keepsAtDesk() && !toElected
	detailsOnly := forwards || c.has(RoleSuivi)
	c.add(RoleCoordonnees, c.single(RoleCoordonnees, forwarded && detailsOnly, nil))
	c.add(RoleTransfert, c.single(RoleTransfert, forwarded && !detailsOnly, func(it *kb.Item) bool { return it.Service == service }))

	// A reply that ends with its own formula (the protocol one, to an
	// élu) gets the signature alone.
	bodyCloses := body != nil && closingRe.MatchString(body.Body)
	c.add(RoleCloture, c.single(RoleCloture, true, func(it *kb.Item) bool { return closingRe.MatchString(it.Body) != bodyCloses }))
	return c.finish()
}

// closingRe finds a closing formula.
var closingRe = regexp.MustCompile(`(?i)(je vous prie d'agréer|veuillez agréer|recevez, madame|yours (sincerely|faithfully)|kind regards|bien cordialement|cordialement,)`)

// AccuseReception assembles the acknowledgement of receipt: greeting, the
// bloc with role accuse-reception, closing. It commits to a reply by
// {{date.reponse}}, ReplyDelay business days after Today (French public
// holidays excluded), and recalls {{message.date}}, the message's own date
// when known, else Today.
func AccuseReception(k *kb.KB, a search.Analysis, opt Options) Reply {
	c := newComposer(k, a, nil, opt)
	c.add(RoleOuverture, c.single(RoleOuverture, true, nil))
	c.add(RoleAccuseReception, c.single(RoleAccuseReception, true, nil))
	c.add(RoleCloture, c.single(RoleCloture, true, nil))
	return c.finish()
}

// composer holds one composition in progress.
type composer struct {
	k       *kb.KB
	a       search.Analysis
	opt     Options
	lang    string
	body    *kb.Item // the chosen item, in the reply's language when translated
	service string   // the service that holds the request
	items   []*kb.Item
	roles   []string
	notes   []string
}

func newComposer(k *kb.KB, a search.Analysis, item *kb.Item, opt Options) *composer {
	if k == nil {
		k = &kb.KB{}
	}
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	c := &composer{k: k, a: a, opt: opt, body: item}

	c.lang = opt.Lang
	if c.lang == "" && item != nil && item.Lang != "" && item.Lang != "fr" {
		// The agent picked a translated reply: the blocs follow it.
		c.lang = item.Lang
	}
	if c.lang == "" {
		c.lang = a.Lang
	}
	if c.lang == "" {
		c.lang = "fr"
	}
	if item != nil && item.Lang != c.lang {
		if t := c.translation(item); t != nil {
			c.body = t
		} else {
			c.note("« " + item.Title + " » n'existe pas en " + langName(c.lang) + " : la réponse est en " + langName(item.Lang) + ".")
		}
	}

	// The service that holds the request is the analysis' one; when the
	// agent picked a reply that forwards elsewhere than the reception
	// desk, that reply's service.
	c.service = a.Service
	if b := c.body; b != nil && b.Transfer && b.Service != "" && b.Service != kb.ServiceAccueil &&
		(c.service == "" || c.service == kb.ServiceAccueil || !a.Transfer) {
		c.service = b.Service
	}
	return c
}

// translation finds the same item in the reply's language. Translations
// share the French id with the language as suffix
// (permis-echange-etranger-en).
func (c *composer) translation(it *kb.Item) *kb.Item {
	base := it.ID
	if it.Lang != "" && it.Lang != "fr" {
		base = strings.TrimSuffix(base, "-"+it.Lang)
	}
	id := base
	if c.lang != "fr" {
		id = base + "-" + c.lang
	}
	if t := c.k.Item(id); t != nil && t.Kind == it.Kind && t.Lang == c.lang {
		return t
	}
	return nil
}

func (c *composer) note(s string) {
	if !slices.Contains(c.notes, s) {
		c.notes = append(c.notes, s)
	}
}

// add appends a part; nil items are skipped so that callers need not
// check.
func (c *composer) add(role string, it *kb.Item) {
	if it == nil {
		return
	}
	for _, have := range c.items {
		if have.ID == it.ID {
			return // a bloc chosen by the agent may also be the automatic one
		}
	}
	c.items = append(c.items, it)
	c.roles = append(c.roles, role)
}

// keepsAtDesk reports whether the chosen reply says nothing is forwarded
// (not_for: [transfert]: the carte grise replies, the préfecture having no
// service that could examine the file), whatever the routing read.
func (c *composer) keepsAtDesk() bool { return c.body != nil && c.body.IsNotFor("transfert") }

// uses reports whether a part added so far has the placeholder name.
func (c *composer) uses(name string) bool {
	for _, it := range c.items {
		for _, p := range kb.Placeholders(it.Body) {
			if p.Name == name {
				return true
			}
		}
	}
	return false
}

// has reports whether a part of role was added.
func (c *composer) has(role string) bool { return slices.Contains(c.roles, role) }

// chosen returns the agent's choice for role: (bloc, true) when the role is
// in Options.Blocs, with a nil bloc when it is to be left out. An unknown
// or mismatched id is ignored with a note.
func (c *composer) chosen(role string) (*kb.Item, bool) {
	id, ok := c.opt.Blocs[role]
	if !ok {
		return nil, false
	}
	if id == "" {
		return nil, true
	}
	it := c.k.Item(id)
	if it == nil || it.Kind != kb.KindBloc || it.Role != role {
		c.note("Le bloc choisi « " + id + " » n'est pas un bloc « " + role + " » de la base : Plume a choisi à la place.")
		return nil, false
	}
	return it, true
}

// single returns the bloc of role to include: the agent's choice, else,
// when wanted, the bloc that suits match in the reply's language (French
// when the knowledge base has no translation).
func (c *composer) single(role string, wanted bool, match func(*kb.Item) bool) *kb.Item {
	if it, ok := c.chosen(role); ok {
		return it
	}
	if !wanted {
		return nil
	}
	return c.find(role, match)
}

// empathy adds the empathy blocs of the detected reasons: the main reason's
// first, then a safety bloc (3114, violence numbers) if another reason
// needs one.
func (c *composer) empathy() {
	if it, ok := c.chosen(RoleEmpathie); ok {
		c.add(RoleEmpathie, it)
		return
	}
	if !c.a.Sensitive.Detected {
		return
	}
	// Despair without words of self-harm gets the bloc of désarroi; the
	// danger level (self-harm) gets the one written for it (when: [danger]),
	// with 3114 — never the other way round.
	danger := c.a.Sensitive.Level == detect.LevelDanger
	var picked []*kb.Item
	for i, r := range c.a.Sensitive.Reasons {
		// The main reason always has its bloc; another one only when the
		// judge gives it even odds (« Santé (possible) » beside a flight
		// is no illness to console), and after a first bloc only a safety one.
		if len(picked) == maxEmpathy || (i > 0 && !c.a.ClearReason(r)) || (len(picked) > 0 && !slices.Contains(safetyReasons, r)) {
			continue
		}
		if c.ownMotif(r) {
			continue // the reply written for this motif says it itself (the violence numbers)
		}
		// A departure gets the bloc that speaks of tickets; a récépissé that
		// expires, a contract or an exam, the one that does not.
		trip := r == kb.ReasonEcheance && c.deadlineIsATrip()
		it := c.find(RoleEmpathie, func(it *kb.Item) bool {
			return slices.Contains(it.Reasons, r) && it.When(kb.SituationDanger) == (danger && r == kb.ReasonDetresse) &&
				it.When(kb.SituationVoyage) == trip
		})
		if it != nil && !slices.Contains(picked, it) {
			picked = append(picked, it)
		}
	}
	for _, it := range picked {
		c.add(RoleEmpathie, it)
	}
}

// ownMotif reports whether the chosen reply is written for motif r: the
// first of its reasons, the one its own words acknowledge (the violence
// reply gives its numbers). Its other reasons are motifs it also serves:
// the urgent passport answers a death too, without condolences.
func (c *composer) ownMotif(r string) bool {
	b := c.body
	return b != nil && b.Kind == kb.KindReponse && len(b.Reasons) > 0 && b.Reasons[0] == r
}

// find returns the bloc of role that suits match, in the reply's language
// when the knowledge base has one, else in French. Within a language the
// canonical bloc (bloc-cloture rather than bloc-cloture-courte) wins, then
// the first by id.
func (c *composer) find(role string, match func(*kb.Item) bool) *kb.Item {
	langs := []string{c.lang}
	if c.lang != "fr" {
		langs = append(langs, "fr")
	}
	for _, lang := range langs {
		canonical := "bloc-" + role
		if lang != "fr" {
			canonical += "-" + lang
		}
		var best *kb.Item
		for _, it := range c.k.Items {
			if it.Kind != kb.KindBloc || it.Role != role || it.Lang != lang || (match != nil && !match(it)) {
				continue
			}
			if it.ID == canonical {
				best = it
				break
			}
			if best == nil {
				best = it
			}
		}
		if best != nil {
			if lang != c.lang {
				c.note("Pas de bloc « " + role + " » en " + langName(c.lang) + " : « " + best.Title +
					" » est en " + langName(lang) + ", à traduire.")
			}
			return best
		}
	}
	return nil
}

// finish fills the parts and builds the reply.
func (c *composer) finish() Reply {
	vals := c.values()
	r := Reply{Lang: c.lang}
	var mds []string
	// Beside a dated follow-up, the service's usual delay (« en principe
	// sous 15 jours ») would be a second, later promise: it is left out.
	dated := c.has(RoleSuivi)
	for i, it := range c.items {
		src := withoutEmptyOptional(it, vals)
		if dated && c.roles[i] != RoleSuivi {
			src = usualDelayRe.ReplaceAllString(src, "")
		}
		md := strings.TrimSpace(kb.Fill(src, vals.markdown(it.Lang), vals.labels(it)))
		r.Parts = append(r.Parts, Part{ItemID: it.ID, Title: it.Title, Role: c.roles[i], Lang: it.Lang, Markdown: md})
		if md != "" {
			mds = append(mds, md)
		}
	}
	r.Fields = vals.fields(c.items)
	for _, f := range r.Fields {
		if f.Required && f.Value == "" {
			r.Missing = append(r.Missing, f.Label)
		}
	}
	r.Markdown = strings.Join(mds, "\n\n")
	r.Text = PlainText(r.Markdown)
	r.Notes = c.notes
	return r
}

// usualDelayRe finds the clause that gives the service's usual delay after
// a transfer, in the forms the knowledge base writes it.
var usualDelayRe = regexp.MustCompile(`,? (?:en principe (?:sous|dans un délai de)|dans un délai habituel de|usually within|normally within) \{\{site\.delai_transfert(?:_en)?\}\}(?: à compter de cette date| of that date)?`)

// withoutEmptyOptional is it's body without the paragraphs that hold a
// field declared omit_empty and left empty.
func withoutEmptyOptional(it *kb.Item, vals *valueSet) string {
	var empty []string
	for _, v := range it.Variables {
		if val, ok := vals.vals[v.Name]; v.OmitEmpty && (!ok || val.text == "" && val.day.IsZero()) {
			empty = append(empty, v.Name)
		}
	}
	if len(empty) == 0 {
		return it.Body
	}
	paras := strings.Split(it.Body, "\n\n")
	kept := paras[:0]
	for _, p := range paras {
		drop := false
		for _, ph := range kb.Placeholders(p) {
			drop = drop || slices.Contains(empty, ph.Name)
		}
		if !drop {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}

func langName(lang string) string {
	switch lang {
	case "fr":
		return "français"
	case "en":
		return "anglais"
	}
	return lang
}
