package search

import (
	"slices"
	"strings"
	"testing"

	"plume/message/detect"
)

func analyze(t *testing.T, subject, body string) Analysis {
	t.Helper()
	a, err := defaultKB(t).Analyze(Message{subject, body})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func ids(ss []Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

func TestRelanceChangesTheSuggestions(t *testing.T) {
	first := analyze(t, "Suivi de mon dossier", "Bonjour, où en est ma demande de renouvellement de titre de séjour déposée sur l'ANEF ? Merci.")
	if first.Relance.Detected {
		t.Fatalf("first contact read as a relance: %+v", first.Relance)
	}
	for _, s := range first.Suggestions {
		if s.Item.When("relance") {
			t.Errorf("a reply made for relances (%s) is proposed for a first contact", s.ID)
		}
	}

	a := analyze(t, "TOUJOURS PAS DE REPONSE", "Bonjour, c'est le 3e mail que j'envoie. J'ai déposé ma demande de titre de séjour le 21 février et depuis plus rien. Au téléphone ça sonne dans le vide.\nChidi Nwosu\nN° étranger 7503318402")
	if !a.Relance.Detected || len(a.Relance.Cues) == 0 {
		t.Fatalf("relance not detected: %+v", a.Relance)
	}
	if a.Category != "sejour" || a.Service != "immigration" || !a.Transfer {
		t.Errorf("routing %s/%s/%v, want sejour/immigration/transfer", a.Category, a.Service, a.Transfer)
	}
	if len(a.Suggestions) == 0 || !a.Suggestions[0].Item.When("relance") {
		t.Errorf("the reply written for a relance is not first: %v", ids(a.Suggestions))
	}
	var relanceBloc bool
	for _, s := range a.Suggestions {
		if s.Item.IsNotFor("relance") {
			t.Errorf("%s says not_for relance but is proposed", s.ID)
		}
		relanceBloc = relanceBloc || s.Item.Role == "relance" || s.ID == "procedure-relance"
	}
	if !relanceBloc {
		t.Errorf("no relance bloc or procedure brought forward: %v", ids(a.Suggestions))
	}
	if a.Values["dossier.numero"] != "7503318402" {
		t.Errorf("foreigner number not pre-filled: %v", a.Values)
	}
}

func TestSensitiveCaseBringsEmpathyAndEscalation(t *testing.T) {
	a := analyze(t, "Passeport d'urgence - décès de mon père",
		"Madame, Monsieur,\n\nMon père est décédé hier soir à Dakar. Les obsèques auront lieu lundi et je dois absolument prendre l'avion samedi. Mon passeport est expiré. Est-il possible d'obtenir un passeport d'urgence ?\n\nAminata Diallo")
	if !a.Sensitive.Detected {
		t.Fatalf("not sensitive: %+v", a.Sensitive)
	}
	want := map[string]bool{"bloc-empathie-deces": false, "procedure-escalade-situation-sensible": false, "procedure-passeport-urgence": false}
	for i, s := range a.Suggestions {
		if _, ok := want[s.ID]; ok {
			want[s.ID] = true
			if i > 5 {
				t.Errorf("%s only at rank %d", s.ID, i+1)
			}
		}
		if s.Item.IsNotFor("sensitive") {
			t.Errorf("%s says not_for sensitive but is proposed", s.ID)
		}
	}
	for id, found := range want {
		if !found {
			t.Errorf("%s not proposed: %v", id, ids(a.Suggestions))
		}
	}
	if a.Category != "identite" || a.Suggestions[0].Category != "identite" {
		t.Errorf("category %s, top %s", a.Category, a.Suggestions[0].ID)
	}
}

func TestDespairPutsTheProcedureFirstAmongSituationItems(t *testing.T) {
	a := analyze(t, "aide", "Mon titre de séjour a expiré, j'ai perdu mon travail. Je n'en peux plus, j'ai envie d'en finir.")
	if a.Sensitive.Level != "danger" {
		t.Fatalf("level %q, want danger", a.Sensitive.Level)
	}
	for _, s := range a.Suggestions {
		if s.ID == "procedure-detresse-risque-suicidaire" {
			return
		}
	}
	t.Errorf("despair procedure not proposed: %v", ids(a.Suggestions))
}

func TestQuotedThreadGivesContextButNoCues(t *testing.T) {
	body := "Bien reçu la carte grise hier, merci.\nAutre question : je déménage, dois-je changer l'adresse ?\nPatrick\n\n" +
		"Le 18/10/2022 à 14:26, courrier@pref-exemple.gouv.fr a écrit :\n> Suite à votre relance, votre certificat d'immatriculation a été édité.\n>> URGENT - 2e relance : toujours pas de carte grise !"
	a := analyze(t, "RE: URGENT relance carte grise", body)
	if a.Relance.Detected || a.Sensitive.Detected {
		t.Errorf("cues of the quoted thread counted: relance %+v sensitive %+v", a.Relance, a.Sensitive)
	}
	if a.Category != "immatriculation" {
		t.Errorf("category %s, want immatriculation", a.Category)
	}
}

func TestEnglishMessageGetsEnglishTemplates(t *testing.T) {
	a := analyze(t, "Residence permit application", "Hello, I applied online to renew my residence permit three months ago and I have not heard anything since. Could you tell me where my application stands? Kind regards, John Smith")
	if a.Lang != "en" {
		t.Fatalf("lang %q", a.Lang)
	}
	if a.Category != "sejour" {
		t.Errorf("category %s", a.Category)
	}
	found := false
	for _, s := range a.Suggestions[:min(3, len(a.Suggestions))] {
		found = found || s.Item.Lang == "en"
	}
	if !found {
		t.Errorf("no English template in the top three: %v", ids(a.Suggestions))
	}
}

func TestElectedOfficialGoesToTheCabinet(t *testing.T) {
	a := analyze(t, "Situation de M. X", "Monsieur le Préfet,\n\nMadame la Députée a été saisie par M. X au sujet de son dossier de renouvellement de titre de séjour. Elle vous serait reconnaissante de bien vouloir faire examiner ce dossier.\n\nCollaboratrice parlementaire")
	if a.Service != "cabinet" || !a.Transfer || len(a.Routing) == 0 {
		t.Errorf("service %s transfer %v routing %v", a.Service, a.Transfer, a.Routing)
	}
}

// The routing reason names a reply the agent can see: for a first contact,
// never one written for a relance, however well its words match.
func TestRoutingReasonNamesAReplyShownForTheSituation(t *testing.T) {
	a := analyze(t, "", "Bonjour carte grise")
	if len(a.Routing) != 1 {
		t.Fatalf("routing %v", a.Routing)
	}
	for _, s := range a.Suggestions {
		if len(s.Item.WhenIn) > 0 {
			t.Errorf("%s (for %v) suggested for a first contact", s.ID, s.Item.WhenIn)
		}
	}
	if strings.Contains(detect.Fold(a.Routing[0]), "relance") {
		t.Errorf("first contact routed on a relance reply: %s", a.Routing[0])
	}
}

// A sensitive first message never gets a reply written for a relance,
// however well its words match.
func TestSensitiveFirstContactGetsNoRelanceReply(t *testing.T) {
	a := analyze(t, "Récépissé et attestation de prolongation", "Bonjour, ma mère est hospitalisée en urgence au Maroc. Mon récépissé de demande de titre de séjour expire la semaine prochaine : puis-je voyager avec l'attestation de prolongation d'instruction et revenir en France ? Mon employeur menace de me licencier.")
	if !a.Sensitive.Detected {
		t.Fatalf("not read as sensitive: %+v", a.Sensitive)
	}
	if a.Relance.Detected {
		t.Fatalf("read as a relance: %+v", a.Relance)
	}
	for _, s := range a.Suggestions {
		if s.Item.When("relance") && !s.Item.When("sensitive") {
			t.Errorf("%s, written for a relance, suggested for a first message", s.ID)
		}
	}
}

func TestRelanceElapsedTime(t *testing.T) {
	e := defaultKB(t)
	a, err := e.Analyze(Message{"", "Bonjour, je vous ai écrit le 3 novembre 2026 au sujet de mon récépissé, toujours rien."})
	if err != nil {
		t.Fatal(err)
	}
	if a.Relance.Since != "2026-11-03" || a.Relance.ElapsedDays == nil || *a.Relance.ElapsedDays != 22 {
		t.Errorf("since %q elapsed %v", a.Relance.Since, a.Relance.ElapsedDays)
	}
	// 4 Nov → 25 Nov: 15 business days (11 November is a holiday).
	if a.Relance.ElapsedBusinessDays == nil || *a.Relance.ElapsedBusinessDays != 15 {
		t.Errorf("business days %v", a.Relance.ElapsedBusinessDays)
	}
	// A date the story gives elsewhere (a death, a flight) is not the first
	// contact, even when the judge counts the date itself as a sign of a
	// relance: the contact's date is the one written with it.
	a, err = e.Analyze(Message{"", "Bonjour,\nmon père nous a quittés le 12 octobre 2026. Il est parti sans que je puisse le revoir. Je vous ai écrit le 3 novembre 2026 pour son rapatriement, toujours rien."})
	if err != nil {
		t.Fatal(err)
	}
	if a.Relance.Since != "2026-11-03" {
		t.Errorf("first contact %q, want the day of the letter (2026-11-03); cues %+v", a.Relance.Since, a.Relance.Cues)
	}
	// The date often opens the sentence (« Le 3 novembre, je vous ai
	// écrit »); a date told with something else, or the day of our own
	// answer, is not the day the person wrote.
	for body, want := range map[string]string{
		"Bonjour, le 3 novembre 2026, je vous ai écrit au sujet de mon récépissé, toujours rien.":                                    "2026-11-03",
		"Bonjour,\nLe 3 novembre 2026 j'ai envoyé un mail pour mon récépissé et le 20 novembre 2026 j'ai appelé, toujours rien.":     "2026-11-03",
		"Bonjour, mon père est décédé le 12 octobre 2026, je vous ai écrit pour son rapatriement et toujours rien depuis.":           "",
		"Bonjour,\nLe 4 novembre 2026, vous m'avez répondu que mon message était transmis. Depuis, je n'ai aucune nouvelle.":         "",
		"Bonjour, je vous ai écrit le 3 octobre 2026 et vous m'avez répondu le 4 novembre 2026 que c'était transmis, toujours rien.": "2026-10-03",
		"Bonjour, j'ai appelé la préfecture le 2 novembre 2026, on m'a dit qu'un nouveau récépissé allait arriver. Toujours rien.":   "2026-11-02",
	} {
		a, err := e.Analyze(Message{"", body})
		if err != nil {
			t.Fatal(err)
		}
		if a.Relance.Level == detect.LevelNone {
			t.Fatalf("not read as a relance: %q", body)
		}
		if a.Relance.Since != want {
			t.Errorf("first contact %q, want %q, in %q (cues %+v)", a.Relance.Since, want, body, a.Relance.Cues)
		}
	}
	// The agent reads the day as in a letter, in the window and the note.
	if got := FirstContact(a.Relance); got != "mardi 3 novembre 2026" {
		t.Errorf("first contact shown as %q", got)
	}
	// Our answer's day alone is no first contact, but the wait is counted
	// from it, and the agent is told which day it is.
	a, err = e.Analyze(Message{"", "Bonjour,\nLe 4 novembre 2026, vous m'avez répondu que mon message était transmis. Depuis, je n'ai aucune nouvelle."})
	if err != nil {
		t.Fatal(err)
	}
	if a.Relance.Since != "" || a.Relance.Answered != "2026-11-04" || a.Relance.ElapsedDays == nil || *a.Relance.ElapsedDays != 21 {
		t.Errorf("since %q answered %q elapsed %v", a.Relance.Since, a.Relance.Answered, a.Relance.ElapsedDays)
	}
	if got := Waited(a.Relance); got != "notre réponse du mercredi 4 novembre 2026" {
		t.Errorf("the wait is told from %q", got)
	}
}

func TestDaysLeftBeforeTheDeadline(t *testing.T) {
	e := defaultKB(t)
	// The tests' engine reads testToday, Wednesday 25 November 2026.
	for body, want := range map[string]int{
		"Mon père est décédé hier, les obsèques ont lieu samedi et je dois prendre l'avion samedi.":   3,
		"Ils m'ont dit que j'ai 48 heures pour faire un recours, je ne sais plus quoi faire.":         2,
		"Mon fils est hospitalisé, je dois partir demain au Maroc.":                                   1,
		"Ma mère est hospitalisée au CHU depuis le 3 novembre, pouvez-vous reporter le rendez-vous ?": -1,
	} {
		a, err := e.Analyze(Message{"", body})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Sensitive.Detected || a.Sensitive.DaysLeft != want {
			t.Errorf("%q: detected %v, days left %d, want %d", body, a.Sensitive.Detected, a.Sensitive.DaysLeft, want)
		}
	}
}

// An élu writing to the préfet for someone gets the élu's letter first,
// whatever the person's topic (the review composed a séjour reply to a
// députée).
func TestAnEluGetsTheEluLetterFirst(t *testing.T) {
	a, err := defaultKB(t).Analyze(Message{Subject: "situation de M. Traoré", Body: "Madame la Préfète,\n\nJe me permets d'appeler votre attention sur la situation de M. Moussa Traoré, dont la demande de renouvellement de titre de séjour est en cours depuis sept mois.\n\nJean Moreau\nMaire de Saint-Hilaire"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Suggestions) == 0 || a.Suggestions[0].ID != "autre-intervention-elu" || a.Service != "cabinet" {
		t.Errorf("service %s, suggestions %v", a.Service, a.Suggestions)
	}
	a, _ = defaultKB(t).Analyze(Message{Body: "Bonjour, où en est ma demande de renouvellement de titre de séjour ?"})
	for _, s := range a.Suggestions {
		if s.ID == "autre-intervention-elu" {
			t.Error("the élu letter is proposed to a person writing for themselves")
		}
	}
}

// A reply written for the detected motif comes before one that only
// shares words: a stolen passport and a flight in twelve days get the
// urgent-passport reply, not the ordinary mairie appointment.
func TestAReplyForTheMotifComesFirst(t *testing.T) {
	a, err := defaultKB(t).Analyze(Message{Subject: "passeport pour un voyage le 18 décembre", Body: "Bonjour,\nJe dois partir le 18 décembre pour une opération de ma mère à Montréal et mon passeport a été volé. Le premier rendez-vous en mairie est en février. Que puis-je faire ?\nSophie Leroy"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Sensitive.Detected || len(a.Suggestions) == 0 || a.Suggestions[0].ID != "identite-passeport-urgence" {
		t.Errorf("sensitive %v %v, first %v", a.Sensitive.Detected, a.Sensitive.Reasons, a.Suggestions)
	}
}

// Words of despair say how the person is, not what the request is about:
// the review's case 07 (« j'ai tout perdu ») got the reply on a lost
// residence card. They never bring a topical reply.
func TestDespairWordsDoNotPickTheTopic(t *testing.T) {
	e := defaultKB(t)
	for _, body := range []string{
		"Bonjour, cela fait dix mois que j'attends ma carte de résident. J'ai tout perdu, je n'en peux plus, j'ai envie d'en finir.",
		"J'ai tout perdu depuis que mon titre a expiré. Je ne sais plus quoi faire. Mon renouvellement est en cours depuis juin.",
	} {
		a, err := e.Analyze(Message{Body: body})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Suggestions) == 0 {
			t.Fatalf("no suggestion for %q", body)
		}
		if top := a.Suggestions[0]; top.ID == "sejour-perte-vol-titre" {
			t.Errorf("the lost-card reply comes first for %q (words %v)", body, top.Matched)
		}
		for _, s := range a.Suggestions {
			if s.Situation != "" {
				continue // brought by the situation, not the topic
			}
			for _, w := range s.Matched {
				if f := detect.Fold(w); strings.Contains(f, "perdu") || strings.Contains(f, "peux plus") || strings.Contains(f, "finir") {
					t.Errorf("%s brought by the words of despair %q", s.ID, w)
				}
			}
		}
	}
}

// What depends on the day (time since a letter, expiries, deadlines) is
// judged by the base's clock (LoadOptions.Now), never the wall clock: the
// window passes its own, the command line its --date, the tests a fixed day.
func TestTheEngineJudgesByTheBaseClock(t *testing.T) {
	msg := Message{"", "Bonjour, je vous ai écrit le 3 novembre 2026 au sujet de mon récépissé, toujours rien."}
	for _, c := range []struct {
		e    *Engine
		want int
	}{{defaultKB(t), 22}, {engineAt(t, testToday.AddDate(1, 0, 0)), 387}} {
		a, err := c.e.Analyze(msg)
		if err != nil {
			t.Fatal(err)
		}
		if a.Relance.ElapsedDays == nil || *a.Relance.ElapsedDays != c.want {
			t.Errorf("elapsed %v days, want %d", a.Relance.ElapsedDays, c.want)
		}
	}
}

// Answered below the quote: the writer's words under the « > » lines were
// read as part of the quote, and a relance there went unseen.
func TestARelanceWrittenBelowTheQuoteIsRead(t *testing.T) {
	e := defaultKB(t)
	body := "Le 3 nov. 2026 à 10:12, Préfecture <contact@pref.gouv.fr> a écrit :\n> Bonjour, votre demande est en cours d'instruction.\n> Cordialement\n\nBonjour, je vous ai déjà écrit le 20 octobre et j'ai appelé deux fois depuis, toujours aucune réponse pour mon titre de séjour.\nAli Benali"
	a, err := e.Analyze(Message{"RE: titre de séjour", body})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Relance.Detected {
		t.Fatalf("the relance below the quote is not read: %+v", a.Relance)
	}
	// The rules read the writer's words too: the day of the first contact.
	if a.Relance.Since != "2026-10-20" {
		t.Errorf("first contact %q, want 2026-10-20", a.Relance.Since)
	}
	// The quote of our answer may weigh too (the person answers it), but
	// the writer's own words must show.
	below := strings.Index(body, "Bonjour, je vous")
	if !slices.ContainsFunc(a.Relance.Cues, func(c detect.Cue) bool { return c.Start >= below }) {
		t.Errorf("no cue among the writer's words: %+v", a.Relance.Cues)
	}
}
