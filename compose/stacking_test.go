package compose

import (
	"plume/search"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"plume/kb"
	"plume/message/detect"
)

// The December 2026 review composed replies as agents send them and found
// « J'ai signalé aujourd'hui » three times in one e-mail, and two different
// dates promised for the same news. Every reply of the base, in every
// situation Plume detects, must read once and promise one date.
func TestComposedRepliesSayEachThingOnceAndPromiseOneDate(t *testing.T) {
	k, _ := defaultKB(t)
	type situation struct {
		name     string
		relance  bool
		reasons  []string
		level    detect.Level
		transfer bool
	}
	situations := []situation{
		{name: "premier contact"},
		{name: "transmis", transfer: true},
		{name: "relance", relance: true},
		{name: "relance transmise", relance: true, transfer: true},
		{name: "danger", reasons: []string{"detresse"}, level: detect.LevelDanger},
		{name: "emploi et détresse, relance", relance: true, reasons: []string{"emploi", "detresse"}, level: detect.LevelDetresse},
		{name: "décès et échéance", reasons: []string{"deces", "echeance"}, level: detect.LevelSensible},
	}
	for _, r := range []string{"emploi", "revenus", "logement", "sante", "echeance", "mineur", "violence"} {
		situations = append(situations, situation{name: r, reasons: []string{r}, level: detect.LevelSensible, transfer: true})
	}
	site := k.Site
	sentenceRe := regexp.MustCompile(`[^.!?\n]+[.!?]`)
	dateRe := regexp.MustCompile(`(?i)(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday),? \d{1,2} [a-zéû]+ \d{4}|(monday|tuesday|wednesday|thursday|friday|saturday|sunday),? [a-z]+ \d{1,2},? \d{4}`)
	promiseRe := regexp.MustCompile(`(?i)(reviendr|nouvelles|répondr|get back|hear from|reply)`)
	for _, it := range k.Items {
		if it.Kind != kb.KindReponse {
			continue
		}
		for _, s := range situations {
			if s.relance && it.IsNotFor("relance") || !s.relance && it.When("relance") {
				continue // never proposed in that situation
			}
			a := search.Analysis{Lang: it.Lang}
			a.Category, a.Service, a.Transfer = it.Category, it.Service, s.transfer || it.Transfer
			if a.Service == "" || a.Service == "accueil" && s.transfer {
				a.Service = "immigration"
			}
			a.Relance.Detected = s.relance
			if s.relance {
				a.Relance.Level = detect.LevelRelance
			}
			a.Sensitive.Detected, a.Sensitive.Reasons, a.Sensitive.Level, a.Sensitive.DaysLeft = len(s.reasons) > 0, s.reasons, s.level, -1
			reply := Compose(k, a, it, Options{Today: wednesday, Profile: agent})
			seen := map[string]bool{}
			for _, sentence := range sentenceRe.FindAllString(reply.Text, -1) {
				norm := strings.ToLower(strings.Join(strings.Fields(sentence), " "))
				if len(strings.Fields(norm)) < 8 {
					continue
				}
				if seen[norm] {
					t.Errorf("%s, %s: said twice: %q", it.ID, s.name, norm)
				}
				seen[norm] = true
			}
			dates := map[string]bool{}
			for _, sentence := range sentenceRe.FindAllString(reply.Text, -1) {
				if promiseRe.MatchString(sentence) {
					for _, d := range dateRe.FindAllString(sentence, -1) {
						dates[strings.ToLower(d)] = true
					}
				}
			}
			if len(dates) > 1 {
				t.Errorf("%s, %s: %d different dates promised: %v", it.ID, s.name, len(dates), dates)
			}
			// Beside a dated follow-up, no « en principe sous 15 jours »
			// (the review's 05: a delay ending after the person's own
			// deadline); after a reply that forwards the request and names
			// the service, the follow-up does not name it again.
			for _, p := range reply.Parts {
				if p.Role != RoleSuivi {
					continue
				}
				if strings.Contains(reply.Text, strings.Trim(site["delai_transfert"], "[]")) || strings.Contains(reply.Text, strings.Trim(site["delai_transfert_en"], "[]")) {
					t.Errorf("%s, %s: a follow-up date and the service's usual delay:\n%s", it.ID, s.name, reply.Text)
				}
				if named := strings.Contains(p.Markdown, site["service_immigration"]) || strings.Contains(p.Markdown, site["service_titres"]); named && it.Transfer {
					t.Errorf("%s, %s: the follow-up names the service the reply has just named: %q", it.ID, s.name, p.Markdown)
				}
			}
		}
	}
}

// Despair without words of self-harm is answered without speaking of
// suicide; self-harm gets 3114 (the review sent « Si vous pensez au
// suicide » to someone afraid of losing a job and a home).
func TestDespairAndDangerGetTheirOwnBloc(t *testing.T) {
	k, _ := defaultKB(t)
	for _, c := range []struct {
		level       detect.Level
		bloc        string
		says, never []string
	}{
		{detect.LevelDetresse, "bloc-empathie-detresse", nil, []string{"3114", "suicid"}},
		{detect.LevelDanger, "bloc-empathie-idees-suicidaires", []string{"3114", "15"}, nil},
	} {
		a := search.Analysis{Lang: "fr"}
		a.Category, a.Service = "sejour", "accueil"
		a.Sensitive.Detected, a.Sensitive.Reasons, a.Sensitive.Level, a.Sensitive.DaysLeft = true, []string{"detresse"}, c.level, -1
		r := Compose(k, a, k.Item("sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent})
		if got := parts(r); !slices.Contains(got, "empathie:"+c.bloc) {
			t.Errorf("%s: parts %v", c.level, got)
		}
		for _, s := range c.says {
			if !strings.Contains(r.Text, s) {
				t.Errorf("%s: %q missing", c.level, s)
			}
		}
		for _, s := range c.never {
			if strings.Contains(strings.ToLower(r.Text), s) {
				t.Errorf("%s: %q said", c.level, s)
			}
		}
	}
}

// A sentence true only sometimes (the first message had been forwarded, a
// call has been arranged) is sent only when the agent gives its field.
func TestOptionalParagraphsNeedTheirField(t *testing.T) {
	k, a := analyze(t, relanceSubject, relanceBody)
	without := Compose(k, a, k.Item("relance-sejour"), Options{Today: wednesday, Profile: agent})
	with := Compose(k, a, k.Item("relance-sejour"), Options{Today: wednesday, Profile: agent,
		Values: map[string]string{"transfert.date_precedente": "mardi 6 octobre 2026"}})
	const line = "Votre premier message avait été transmis le"
	if strings.Contains(without.Text, line) || !strings.Contains(with.Text, line+" mardi 6 octobre 2026") {
		t.Errorf("without the date:\n%s\n\nwith it:\n%s", without.Text, with.Text)
	}
	if slices.Contains(without.Missing, "Date à laquelle le premier message avait été transmis au service (laissé vide s'il ne l'avait pas été : la phrase n'est pas envoyée)") {
		t.Error("an optional field is asked as missing")
	}
	if f, ok := field(without, "transfert.date_precedente"); !ok || f.Required {
		t.Errorf("the agent is not offered the field: %+v", f)
	}
}

// The date promised comes before the person must leave: the next working
// day for a deadline within a week (a funeral on Saturday, written on
// Sunday), two days ahead of a later one, the usual delay otherwise.
func TestTheFollowUpDateComesBeforeTheDeadline(t *testing.T) {
	sunday := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	usual := kb.AddBusinessDays(sunday, kb.ReplyDelay) // Friday 11 December
	for _, c := range []struct {
		daysLeft int
		want     string
	}{
		{6, "2026-12-07"}, // funeral on Saturday 12: Monday
		{30, usual.Format("2006-01-02")},
		{-1, usual.Format("2006-01-02")},
	} {
		if got := followUpDate(sunday, usual, c.daysLeft).Format("2006-01-02"); got != c.want {
			t.Errorf("%d days left: %s, want %s", c.daysLeft, got, c.want)
		}
	}
	// Nine days left (Tuesday 15): two days ahead is Sunday 13, so the last
	// working day before it, Friday 11, which is the usual date too.
	if got := followUpDate(sunday, usual, 9); !got.Equal(usual) {
		t.Errorf("9 days left: %s", got)
	}
}

// A second motif the judge keeps at a low threshold (violence at 0.12 in a
// message of despair) adds no bloc: only a clear one does.
func TestOnlyAClearSecondMotifAddsItsBloc(t *testing.T) {
	k, _ := defaultKB(t)
	a := search.Analysis{Lang: "fr"}
	a.Category, a.Service = "sejour", "accueil"
	a.Sensitive.Detected, a.Sensitive.Reasons, a.Sensitive.Level, a.Sensitive.DaysLeft = true, []string{"detresse", "violence"}, detect.LevelDanger, -1
	a.Judgement = &search.Judgement{Reasons: map[string]float64{"detresse": 0.92, "violence": 0.12}}
	r := Compose(k, a, k.Item("sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); slices.Contains(got, "empathie:bloc-empathie-violence") || !slices.Contains(got, "empathie:bloc-empathie-idees-suicidaires") {
		t.Errorf("parts %v", got)
	}
	a.Judgement.Reasons["violence"] = 0.8
	r = Compose(k, a, k.Item("sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); !slices.Contains(got, "empathie:bloc-empathie-violence") {
		t.Errorf("a clear second motif lost its bloc: %v", got)
	}
}

// When the reply is written for the main motif (the urgent passport, for a
// deadline), a second motif kept only for recall (« Santé (possible) »: a
// mother's operation abroad) still adds no bloc; a clear one does.
func TestAPossibleMotifAddsNoBlocBesideAReplyWrittenForTheMainOne(t *testing.T) {
	k, _ := defaultKB(t)
	a := search.Analysis{Lang: "fr"}
	a.Category, a.Service, a.Transfer = "identite", "cert-titres", true
	a.Sensitive.Detected, a.Sensitive.Reasons, a.Sensitive.Level, a.Sensitive.DaysLeft = true, []string{"echeance", "sante"}, detect.LevelSensible, 11
	a.Judgement = &search.Judgement{Reasons: map[string]float64{"echeance": 0.99, "sante": 0.45}}
	r := Compose(k, a, k.Item("identite-passeport-urgence"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); slices.Contains(got, "empathie:bloc-empathie-sante") {
		t.Errorf("a possible motif added its bloc: %v", got)
	}
	a.Judgement.Reasons["sante"] = 0.8
	r = Compose(k, a, k.Item("identite-passeport-urgence"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); !slices.Contains(got, "empathie:bloc-empathie-sante") {
		t.Errorf("a clear motif lost its bloc beside the urgent passport: %v", got)
	}
}

// The third reading of the composed replies: the urgent passport, written
// for a deadline and serving a death too, had lost the condolences; the
// violence reply, which gives its own numbers, had lost the follow-up date;
// a funeral's date was written as the day of departure.
func TestAReplyServingAMotifKeepsItsCondolencesAndFollowUp(t *testing.T) {
	k, _ := defaultKB(t)
	death := search.Analysis{Lang: "fr"}
	death.Category, death.Service, death.Transfer = "identite", "cert-titres", true
	death.Sensitive.Detected, death.Sensitive.Reasons, death.Sensitive.Level, death.Sensitive.DaysLeft = true, []string{"deces", "echeance"}, detect.LevelSensible, 6
	death.Sensitive.Details = []detect.Reason{{Code: "echeance", Cues: []detect.Cue{{Text: "L'enterrement a lieu samedi"}}}}
	r := Compose(k, death, k.Item("identite-passeport-urgence"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); !slices.Contains(got, "empathie:bloc-empathie-deces") {
		t.Errorf("no condolences beside the urgent passport: %v", got)
	}
	for _, f := range r.Fields {
		if f.Name == "voyage.date" && f.Value != "" {
			t.Errorf("the funeral's date is given as the departure: %q", f.Value)
		}
	}
	flight := death
	flight.Sensitive.Reasons = []string{"echeance"}
	flight.Sensitive.Details = []detect.Reason{{Code: "echeance", Cues: []detect.Cue{{Text: "mon vol est le 12 décembre"}}}}
	r = Compose(k, flight, k.Item("identite-passeport-urgence"), Options{Today: wednesday, Profile: agent})
	filled := false
	for _, f := range r.Fields {
		filled = filled || f.Name == "voyage.date" && f.Value != ""
	}
	if !filled {
		t.Error("a flight's date does not fill the departure")
	}

	violence := search.Analysis{Lang: "fr"}
	violence.Category, violence.Service, violence.Transfer = "sejour", "immigration", true
	violence.Sensitive.Detected, violence.Sensitive.Reasons, violence.Sensitive.Level, violence.Sensitive.DaysLeft = true, []string{"violence"}, detect.LevelSensible, -1
	r = Compose(k, violence, k.Item("sejour-violences-conjugales-titre"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); !slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, "suivi:") }) {
		t.Errorf("no follow-up date for a person in danger whose reply gives its own numbers: %v", got)
	}
}

// Someone in distress who gets an information reply (nothing forwarded)
// is told what to give so that their situation is reported today (the
// third reading's case 06); a carte grise reply, which the préfecture
// cannot act on, is not made to promise it.
func TestADistressAnsweredAtTheDeskSaysWhatWillBeDone(t *testing.T) {
	k, _ := defaultKB(t)
	a := search.Analysis{Lang: "fr"}
	a.Category, a.Service = "sejour", "accueil"
	a.Sensitive.Detected, a.Sensitive.Reasons, a.Sensitive.Level, a.Sensitive.DaysLeft = true, []string{"detresse", "emploi"}, detect.LevelDetresse, -1
	r := Compose(k, a, k.Item("sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); !slices.Contains(got, "suivi:bloc-suivi-a-signaler") {
		t.Errorf("parts %v", got)
	}
	if strings.Contains(r.Text, "en plus de ce que nous faisons pour votre dossier") {
		t.Error("the despair bloc claims something is being done")
	}
	a.Category = "immatriculation"
	r = Compose(k, a, k.Item("immatriculation-carte-grise-non-recue"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, "suivi:") }) {
		t.Errorf("a carte grise reply promises to report to a service: %v", got)
	}
	a.Sensitive = detect.Sensitive{DaysLeft: -1}
	r = Compose(k, a, k.Item("sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, "suivi:") }) {
		t.Errorf("an ordinary question gets a follow-up: %v", got)
	}
}

// The third reading of the composed replies: a récépissé expiring on the
// 20th got the bloc written for a flight (« si vous n'avez pas encore acheté
// de billet »). A departure gets that bloc; any other deadline the one that
// speaks of its date only.
func TestADeadlineThatIsNoDepartureSpeaksOfNoTicket(t *testing.T) {
	k, _ := defaultKB(t)
	for _, tt := range []struct {
		cue, want string
		ticket    bool
	}{
		{"mon récépissé expire le 20 décembre", "bloc-empathie-echeance", false},
		{"mon contrat commence le 14 décembre", "bloc-empathie-echeance", false},
		{"mon vol pour Casablanca est le 12 décembre", "bloc-empathie-voyage", true},
	} {
		a := search.Analysis{Lang: "fr"}
		a.Category, a.Service, a.Transfer = "sejour", "immigration", true
		a.Sensitive.Detected, a.Sensitive.Reasons, a.Sensitive.Level, a.Sensitive.DaysLeft = true, []string{"echeance"}, detect.LevelSensible, 9
		a.Sensitive.Details = []detect.Reason{{Code: "echeance", Cues: []detect.Cue{{Text: tt.cue}}}}
		r := Compose(k, a, k.Item("sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent})
		if got := parts(r); !slices.Contains(got, "empathie:"+tt.want) {
			t.Errorf("« %s »: empathy %v, want %s", tt.cue, got, tt.want)
		}
		if strings.Contains(r.Text, "billet") != tt.ticket {
			t.Errorf("« %s »: the reply speaks of a ticket: %v, want %v\n%s", tt.cue, !tt.ticket, tt.ticket, r.Text)
		}
		if !strings.Contains(r.Text, "décembre 2026") {
			t.Errorf("« %s »: the deadline's date is not in the reply:\n%s", tt.cue, r.Text)
		}
	}
}
