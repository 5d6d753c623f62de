package compose

import (
	"maps"
	"plume/internal/kbtest"
	"plume/search"
	"slices"
	"strings"
	"testing"
	"time"

	"plume/kb"
)

// wednesday is the day the replies are written in most tests: 5 business
// days later is Wednesday 2 December 2026.
var wednesday = kbtest.Wednesday

var agent = Profile{Prenom: "Jeanne", Nom: "Martin", Fonction: "Agente d'accueil",
	Service: "Bureau de l'accueil et des usagers"}

// defaultKB is the embedded base indexed once, its engine writing on
// Wednesday: the tests compose from real analyses of realistic messages.
// The learned judge is left out: these tests are about composing a reply
// from a given reading, the rules' reading is fixed, the judge's changes
// with each retraining (its behaviour is tested in search).
func defaultKB(t *testing.T) (*kb.KB, *search.Engine) {
	t.Helper()
	e := kbtest.Engine(t, wednesday, true)
	return e.KB(), e
}

func analyze(t *testing.T, subject, body string) (*kb.KB, search.Analysis) {
	t.Helper()
	k, e := defaultKB(t)
	a, err := e.Analyze(search.Message{Subject: subject, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	return k, a
}

func item(t *testing.T, k *kb.KB, id string) *kb.Item {
	t.Helper()
	it := k.Item(id)
	if it == nil {
		t.Fatalf("no item %s in the knowledge base", id)
	}
	return it
}

// parts lists a reply's parts as "role:id".
func parts(r Reply) []string {
	out := make([]string, len(r.Parts))
	for i, p := range r.Parts {
		out[i] = p.Role + ":" + p.ItemID
	}
	return out
}

func field(r Reply, name string) (Field, bool) {
	for _, f := range r.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// wellFormed checks what every reply must be: no placeholder left, the
// Markdown made of the parts, plain text without markup.
func wellFormed(t *testing.T, r Reply) {
	t.Helper()
	if strings.Contains(r.Markdown, "{{") || strings.Contains(r.Text, "{{") {
		t.Errorf("a placeholder was left unfilled:\n%s", r.Markdown)
	}
	for _, p := range r.Parts {
		if !strings.Contains(r.Markdown, p.Markdown) {
			t.Errorf("part %s missing from the Markdown", p.ItemID)
		}
	}
	if strings.Contains(r.Text, "**") || strings.Contains(r.Text, "  \n") {
		t.Errorf("markup left in the plain text:\n%q", r.Text)
	}
}

// Messages used by several tests: what the engine must read in them is
// checked where they are used, so that a change in the analysis shows as
// such and not as a composition bug.
const (
	piecesSubject = "Renouvellement de ma carte de séjour"
	piecesBody    = "Bonjour,\nMa carte de séjour expire en mars. Quelles pièces dois-je fournir pour le renouvellement ?\nCordialement,\nMme Awa Diallo"

	relanceSubject = "TOUJOURS PAS DE REPONSE"
	relanceBody    = "Bonjour, je vous ai écrit le 3 octobre 2026 et toujours pas de réponse. J'ai déposé ma demande de titre de séjour sur l'ANEF en août et depuis plus rien.\nM. Chidi Nwosu\nN° étranger 7503318402"

	suiviSubject = "Suivi de ma demande"
	suiviBody    = "Bonjour,\nJ'ai déposé ma demande de renouvellement de titre de séjour sur l'ANEF en septembre. Pouvez-vous me dire où en est mon dossier ?\nM. Karim Haddad\nN° étranger 7503318402"
)

func TestComposePlainRequest(t *testing.T) {
	k, a := analyze(t, piecesSubject, piecesBody)
	if a.Relance.Detected || a.Sensitive.Detected || a.Transfer {
		t.Fatalf("analysis changed: relance %v, sensitive %v, transfer %v", a.Relance.Detected, a.Sensitive.Detected, a.Transfer)
	}
	r := Compose(k, a, item(t, k, "sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent})
	wellFormed(t, r)

	want := []string{"ouverture:bloc-ouverture", "reponse:sejour-pieces-renouvellement", "cloture:bloc-cloture"}
	if got := parts(r); !slices.Equal(got, want) {
		t.Errorf("parts %v, want %v", got, want)
	}
	if !strings.HasPrefix(r.Text, "Madame Diallo,\n\n") {
		t.Errorf("greeting: %q", r.Text[:min(40, len(r.Text))])
	}
	wantEnd := "salutations distinguées.\n\nJeanne Martin\nAgente d'accueil\nBureau de l'accueil et des usagers"
	if !strings.HasSuffix(r.Text, wantEnd) {
		t.Errorf("closing and signature: %q", r.Text[max(0, len(r.Text)-140):])
	}
	// The signature's lines are hard breaks in Markdown, so that a
	// renderer keeps them apart.
	if !strings.Contains(r.Markdown, "Jeanne Martin  \nAgente d'accueil  \n") {
		t.Errorf("signature lines not kept in Markdown:\n%s", r.Markdown)
	}
	// The reply's list stays a list in the plain text.
	if !strings.Contains(r.Text, "\n- ") {
		t.Errorf("list items lost in the plain text:\n%s", r.Text)
	}
	if r.Lang != "fr" || len(r.Missing) != 0 || len(r.Notes) != 0 {
		t.Errorf("lang %q, missing %v, notes %v", r.Lang, r.Missing, r.Notes)
	}
}

func TestComposeRelance(t *testing.T) {
	k, a := analyze(t, relanceSubject, relanceBody)
	if !a.Relance.Detected || a.Relance.Since != "2026-10-03" || a.Service != "immigration" || !a.Transfer {
		t.Fatalf("analysis changed: relance %v since %q, %s transfer %v", a.Relance.Detected, a.Relance.Since, a.Service, a.Transfer)
	}
	tests := []struct {
		name  string
		item  string
		blocs map[string]string
		want  []string
	}{
		{"reply written for relances: no relance bloc, the service's details", "relance-sejour", nil,
			[]string{"ouverture:bloc-ouverture", "reponse:relance-sejour", "coordonnees:bloc-coordonnees", "cloture:bloc-cloture"}},
		{"standard reply that forwards: relance bloc, the service's details instead of a notice", "sejour-suivi-demande-anef", nil,
			[]string{"ouverture:bloc-ouverture", "relance:bloc-relance", "reponse:sejour-suivi-demande-anef", "coordonnees:bloc-coordonnees", "cloture:bloc-cloture"}},
		{"standard reply answered at the desk: relance bloc and transfer notice", "sejour-pieces-renouvellement", nil,
			[]string{"ouverture:bloc-ouverture", "relance:bloc-relance", "reponse:sejour-pieces-renouvellement",
				"transfert:bloc-transfert-immigration", "cloture:bloc-cloture"}},
		{"agent chose the relance bloc for a forwarded request", "sejour-suivi-demande-anef", map[string]string{"relance": "bloc-relance-transfert"},
			[]string{"ouverture:bloc-ouverture", "relance:bloc-relance-transfert", "reponse:sejour-suivi-demande-anef", "cloture:bloc-cloture"}},
		{"agent left the relance bloc out", "sejour-suivi-demande-anef", map[string]string{"relance": ""},
			[]string{"ouverture:bloc-ouverture", "reponse:sejour-suivi-demande-anef", "coordonnees:bloc-coordonnees", "cloture:bloc-cloture"}},
		{"a relance reply takes no relance bloc, even one the agent chose: it says it all", "relance-sejour", map[string]string{"relance": "bloc-relance-transfert"},
			[]string{"ouverture:bloc-ouverture", "reponse:relance-sejour", "coordonnees:bloc-coordonnees", "cloture:bloc-cloture"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compose(k, a, item(t, k, tt.item), Options{Today: wednesday, Profile: agent, Blocs: tt.blocs})
			wellFormed(t, r)
			if got := parts(r); !slices.Equal(got, tt.want) {
				t.Errorf("parts %v\nwant %v", got, tt.want)
			}
			recalls := slices.ContainsFunc(tt.want, func(p string) bool { return strings.Contains(p, "relance") })
			if !strings.Contains(r.Text, "samedi 3 octobre 2026") && recalls {
				t.Errorf("the earlier message's date is not recalled:\n%s", r.Text)
			}
			if strings.Count(r.Text, "Je vous prie de nous excuser") > 1 {
				t.Errorf("the apology is repeated:\n%s", r.Text)
			}
		})
	}
}

func TestComposeSensitive(t *testing.T) {
	k, a := analyze(t, "Voyage urgent",
		"Bonjour, mon père est décédé hier au Maroc et je dois partir pour les obsèques. Ma carte de séjour est en cours de renouvellement, je n'ai que l'attestation de prolongation. Puis-je voyager ?\nKarim Benali")
	if !a.Sensitive.Detected || len(a.Sensitive.Reasons) == 0 || a.Sensitive.Reasons[0] != "deces" {
		t.Fatalf("analysis changed: %+v", a.Sensitive)
	}
	r := Compose(k, a, item(t, k, "sejour-voyage-pendant-instruction"), Options{Today: wednesday, Profile: agent})
	wellFormed(t, r)
	got := parts(r)
	if len(got) < 3 || got[1] != "empathie:bloc-empathie-deces" {
		t.Fatalf("the empathy bloc for the death does not come right after the greeting: %v", got)
	}
	if !strings.HasPrefix(r.Text, "Madame, Monsieur,\n\nJe vous présente mes sincères condoléances.") {
		t.Errorf("reply does not open with the condolences:\n%s", r.Text[:min(200, len(r.Text))])
	}

	// Which empathy blocs go with which reasons, main reason first: a
	// second bloc only for the safety numbers it carries.
	tests := []struct {
		reasons []string
		want    []string
	}{
		{[]string{"deces"}, []string{"bloc-empathie-deces"}},
		{[]string{"emploi", "revenus", "sante"}, []string{"bloc-empathie-emploi"}},
		{[]string{"revenus"}, []string{"bloc-empathie-emploi"}},
		{[]string{"logement", "violence"}, []string{"bloc-empathie-logement", "bloc-empathie-violence"}},
		{[]string{"detresse", "emploi"}, []string{"bloc-empathie-detresse"}},
		{[]string{"echeance", "mineur", "detresse", "violence"}, []string{"bloc-empathie-echeance", "bloc-empathie-detresse"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.reasons, "+"), func(t *testing.T) {
			a := search.Analysis{Lang: "fr"}
			a.Sensitive.Detected, a.Sensitive.Reasons = true, tt.reasons
			r := Compose(k, a, item(t, k, "sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent})
			var got []string
			for _, p := range r.Parts {
				if p.Role == RoleEmpathie {
					got = append(got, p.ItemID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("empathy blocs %v, want %v", got, tt.want)
			}
			if r.Parts[1].Role != RoleEmpathie {
				t.Errorf("empathy is not first after the greeting: %v", parts(r))
			}
		})
	}

	// An agent who knows better picks another bloc, or none.
	r = Compose(k, a, item(t, k, "sejour-voyage-pendant-instruction"),
		Options{Today: wednesday, Profile: agent, Blocs: map[string]string{"empathie": "bloc-empathie-echeance"}})
	if got := parts(r); got[1] != "empathie:bloc-empathie-echeance" || slices.Contains(got, "empathie:bloc-empathie-deces") {
		t.Errorf("agent's empathy choice not followed: %v", got)
	}
}

func TestComposeTransfer(t *testing.T) {
	k, a := analyze(t, suiviSubject, suiviBody)
	if a.Relance.Detected || a.Sensitive.Detected || a.Service != "immigration" || !a.Transfer {
		t.Fatalf("analysis changed: %s transfer %v relance %v", a.Service, a.Transfer, a.Relance.Detected)
	}
	kRel, relance := analyze(t, "Carte d'identité",
		"Bonjour, je vous ai déjà écrit le 2 novembre 2026 sans réponse. J'ai déposé ma demande de carte d'identité en mairie le 2 septembre et je n'ai toujours pas reçu de SMS pour la retirer. Où en est ma demande ? Merci\nMme Claire Durand")
	if relance.Service != "cert-titres" || !relance.Transfer {
		t.Fatalf("analysis changed: %s transfer %v", relance.Service, relance.Transfer)
	}
	tests := []struct {
		name     string
		k        *kb.KB
		a        search.Analysis
		item     string
		notice   string // "" when none is wanted
		mentions string
	}{
		{"reply that forwards says it itself", k, a, "sejour-suivi-demande-anef", "", ""},
		{"desk reply on a forwarded request", k, a, "sejour-pieces-renouvellement", "bloc-transfert-immigration", "Service de l'immigration et de l'intégration"},
		{"relance on an identity card: the CERT holds it", kRel, relance, "identite-retrait-titre-mairie", "bloc-transfert-cert-titres", "Centre d'expertise et de ressources des titres"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compose(tt.k, tt.a, item(t, tt.k, tt.item), Options{Today: wednesday, Profile: agent})
			wellFormed(t, r)
			var notices []string
			for _, p := range r.Parts {
				if p.Role == RoleTransfert {
					notices = append(notices, p.ItemID)
				}
			}
			switch {
			case tt.notice == "" && len(notices) > 0:
				t.Errorf("notice %v added to a reply that forwards itself", notices)
			case tt.notice != "" && !slices.Equal(notices, []string{tt.notice}):
				t.Errorf("notices %v, want %s", notices, tt.notice)
			}
			if got := parts(r); tt.notice != "" && got[len(got)-2] != RoleTransfert+":"+tt.notice {
				t.Errorf("the notice does not come right before the closing: %v", got)
			}
			if tt.mentions != "" && !strings.Contains(r.Text, tt.mentions) {
				t.Errorf("the service holding the request is not named (%s):\n%s", tt.mentions, r.Text)
			}
		})
	}

	// No notice when the request stays at the desk.
	kDesk, desk := analyze(t, piecesSubject, piecesBody)
	for _, p := range Compose(kDesk, desk, item(t, kDesk, "sejour-pieces-renouvellement"), Options{Today: wednesday}).Parts {
		if p.Role == RoleTransfert {
			t.Errorf("transfer notice %s for a request answered at the desk", p.ItemID)
		}
	}
}

func TestComposeEnglish(t *testing.T) {
	k, a := analyze(t, "Residence permit",
		"Hello, I applied for the renewal of my residence permit on ANEF three months ago and I have no news. Could you tell me the status of my application?\nBest regards,\nMr John Smith")
	if a.Lang != "en" {
		t.Fatalf("analysis changed: lang %q", a.Lang)
	}
	kRel, rel := analyze(t, "still no answer",
		"Hello, I wrote to you on 2 October 2026 and I am still waiting for an answer about my residence permit renewal on ANEF. My employer says I will lose my job next week if I cannot show a valid permit.\nMs Jane Doe")
	if rel.Lang != "en" || !rel.Relance.Detected || rel.Relance.Since != "2026-10-02" || !rel.Sensitive.Detected {
		t.Fatalf("analysis changed: lang %q relance %v since %q sensitive %v", rel.Lang, rel.Relance.Detected, rel.Relance.Since, rel.Sensitive.Detected)
	}
	kLic, lic := analyze(t, "Driving licence exchange",
		"Hello, I have a Canadian driving licence and I live in France since March. How can I exchange it for a French licence? Thank you, Mrs Emily Brown")

	tests := []struct {
		name     string
		k        *kb.KB
		a        search.Analysis
		item     string
		lang     string
		want     []string
		contains []string
		notes    int
	}{
		{"English reply, English blocs", k, a, "sejour-suivi-demande-en", "",
			[]string{"ouverture:bloc-ouverture-en", "reponse:sejour-suivi-demande-en", "coordonnees:bloc-coordonnees-en", "cloture:bloc-cloture-en"},
			[]string{"Dear Mr Smith,", "Kind regards,"}, 0},
		{"French reply picked: its translation is used", kLic, lic, "permis-echange-etranger", "",
			[]string{"ouverture:bloc-ouverture-en", "reponse:permis-echange-etranger-en", "cloture:bloc-cloture-en"},
			[]string{"Dear Ms Brown,"}, 0},
		{"agent forces French", kLic, lic, "permis-echange-etranger-en", "fr",
			[]string{"ouverture:bloc-ouverture", "reponse:permis-echange-etranger", "cloture:bloc-cloture"},
			[]string{"Madame Brown,"}, 0},
		{"relance and job at risk: every bloc in English", kRel, rel, "sejour-suivi-demande-en", "",
			[]string{"ouverture:bloc-ouverture-en", "empathie:bloc-empathie-emploi-en", "relance:bloc-relance-en",
				"reponse:sejour-suivi-demande-en", "coordonnees:bloc-coordonnees-en", "cloture:bloc-cloture-en"},
			[]string{"Dear Ms Doe,", "You wrote to us on Friday 2 October 2026", "Wednesday 2 December 2026",
				"the department handling your request, Service de l'immigration et de l'intégration"}, 0},
		{"no translation of the reply: it stays French, with a note", k, a, "sejour-suivi-demande-anef", "",
			[]string{"ouverture:bloc-ouverture-en", "reponse:sejour-suivi-demande-anef", "coordonnees:bloc-coordonnees-en", "cloture:bloc-cloture-en"},
			[]string{"Dear Mr Smith,"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compose(tt.k, tt.a, item(t, tt.k, tt.item), Options{Today: wednesday, Profile: agent, Lang: tt.lang})
			wellFormed(t, r)
			if got := parts(r); !slices.Equal(got, tt.want) {
				t.Errorf("parts %v\nwant %v", got, tt.want)
			}
			for _, s := range tt.contains {
				if !strings.Contains(r.Text, s) {
					t.Errorf("missing %q in:\n%s", s, r.Text)
				}
			}
			if len(r.Notes) != tt.notes {
				t.Errorf("notes %q, want %d", r.Notes, tt.notes)
			}
		})
	}
}

func TestAccuseReception(t *testing.T) {
	k, a := analyze(t, "Demande de duplicata de carte grise",
		"Bonjour,\nJ'ai perdu ma carte grise. Comment obtenir un duplicata ?\nMerci d'avance,\nM. Paul Lefebvre")
	_, en := analyze(t, "Residence permit", "Hello, when will my residence permit be ready? I applied in September.\nRegards,\nMs Anna Kowalski")
	if en.Lang != "en" {
		t.Fatalf("analysis changed: lang %q", en.Lang)
	}
	// Wednesday 23 December 2026: Thursday 24 counts, Christmas does not,
	// then Monday 28 to Thursday 31: five business days.
	dec23 := time.Date(2026, 12, 23, 9, 0, 0, 0, time.UTC)
	if got := kb.FrenchDate(kb.AddBusinessDays(dec23, kb.ReplyDelay)); got != "jeudi 31 décembre 2026" {
		t.Fatalf("5 business days after 23 December 2026: %s", got)
	}
	withDate := a
	withDate.Parsed.Date = time.Date(2026, 12, 21, 18, 30, 0, 0, time.UTC)

	tests := []struct {
		name                 string
		a                    search.Analysis
		want                 []string
		reply, msgDate       string
		msgSource, greetings string
	}{
		{"pasted message: dated today", a,
			[]string{"ouverture:bloc-ouverture", "accuse-reception:bloc-accuse-reception", "cloture:bloc-cloture"},
			"jeudi 31 décembre 2026", "mercredi 23 décembre 2026", SourceDate, "Monsieur Lefebvre,"},
		{"message with its own date (.eml)", withDate,
			[]string{"ouverture:bloc-ouverture", "accuse-reception:bloc-accuse-reception", "cloture:bloc-cloture"},
			"jeudi 31 décembre 2026", "lundi 21 décembre 2026", SourceMessage, "Monsieur Lefebvre,"},
		{"English", en,
			[]string{"ouverture:bloc-ouverture-en", "accuse-reception:bloc-accuse-reception-en", "cloture:bloc-cloture-en"},
			"Thursday 31 December 2026", "Wednesday 23 December 2026", SourceDate, "Dear Ms Kowalski,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := AccuseReception(k, tt.a, Options{Today: dec23, Profile: agent})
			wellFormed(t, r)
			if got := parts(r); !slices.Equal(got, tt.want) {
				t.Errorf("parts %v, want %v", got, tt.want)
			}
			if !strings.HasPrefix(r.Text, tt.greetings) {
				t.Errorf("greeting: %q", r.Text[:min(40, len(r.Text))])
			}
			if f, _ := field(r, "date.reponse"); f.Value != tt.reply || f.Source != SourceDate {
				t.Errorf("date.reponse = %+v, want %q", f, tt.reply)
			}
			if f, _ := field(r, "message.date"); f.Value != tt.msgDate || f.Source != tt.msgSource {
				t.Errorf("message.date = %+v, want %q from %s", f, tt.msgDate, tt.msgSource)
			}
			if !strings.Contains(r.Text, tt.reply) || !strings.Contains(r.Text, tt.msgDate) {
				t.Errorf("dates not in the text:\n%s", r.Text)
			}
		})
	}
}

func TestFields(t *testing.T) {
	k, a := analyze(t, relanceSubject, relanceBody)
	// A desk reply on a relance: relance bloc, the reply, the notice
	// naming the immigration service, and the closing.
	r := Compose(k, a, item(t, k, "sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent,
		Values: map[string]string{"relance.etat": "Votre dossier est complet ; il attend la décision du service.", "usager.nom": ""}})
	wellFormed(t, r)

	want := []struct {
		name, value, source string
		required            bool
	}{
		{"usager.appel", "Monsieur Nwosu", SourceMessage, false},
		{"relance.date_precedent", "samedi 3 octobre 2026", SourceMessage, true},
		{"relance.etat", "Votre dossier est complet ; il attend la décision du service.", SourceSaisie, true},
		{"suivi.date_retour", "mercredi 2 décembre 2026", SourceDate, true},
		{"site.page_etrangers", "", SourceSite, false}, // still in brackets in site.yaml
		{"service.nom", "le Service de l'immigration et de l'intégration", SourceSite, true},
		{"transfert.reference", "", SourceNone, true},
		{"site.delai_transfert", "", SourceSite, false},
		{"agent.signature", "Jeanne Martin\nAgente d'accueil\nBureau de l'accueil et des usagers", SourceProfil, true},
	}
	var names []string
	for _, f := range r.Fields {
		names = append(names, f.Name)
		if f.Label == "" {
			t.Errorf("field %s has no label", f.Name)
		}
		if f.Value == "" && f.Source != SourceNone && f.Source != SourceSite {
			t.Errorf("empty field %s says it comes from %q", f.Name, f.Source)
		}
	}
	for _, w := range want {
		f, ok := field(r, w.name)
		if !ok {
			t.Errorf("no field %s in %v", w.name, names)
			continue
		}
		if f.Value != w.value || f.Source != w.source || f.Required != w.required {
			t.Errorf("%s = %+v, want value %q source %q required %v", w.name, f, w.value, w.source, w.required)
		}
	}
	// In order of first use, each once.
	idx := func(n string) int { return slices.Index(names, n) }
	if !(idx("usager.appel") < idx("relance.date_precedent") && idx("relance.date_precedent") < idx("site.page_etrangers") &&
		idx("site.page_etrangers") < idx("service.nom") && idx("service.nom") < idx("agent.signature")) {
		t.Errorf("fields not in order of use: %v", names)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Errorf("field %s listed twice", n)
		}
		seen[n] = true
	}
	// A site key still in brackets stays the visible gap it is in site.yaml.
	if !strings.Contains(r.Text, "[page du site consacrée aux démarches des étrangers]") {
		t.Errorf("site gap not kept:\n%s", r.Text)
	}
	// What only the agent or site.yaml can give: the reference, and the
	// service's details while site.yaml still has them in brackets.
	if !slices.Equal(r.Missing, []string{"Référence à rappeler dans toute correspondance", "Adresse postale du service (remplie depuis site.yaml)",
		"Adresse électronique du service (remplie depuis site.yaml)", "Téléphone du service (rempli depuis site.yaml)"}) {
		t.Errorf("missing %q", r.Missing)
	}
	if !strings.Contains(r.Text, "J'ai repris votre demande aujourd'hui. Votre dossier est complet") {
		t.Errorf("typed value not in the text:\n%s", r.Text)
	}
}

func TestFieldsPriorityAndMissing(t *testing.T) {
	k, a := analyze(t, "Voyage urgent",
		"Bonjour, mon père est décédé hier au Maroc et je dois partir pour les obsèques. Ma carte de séjour est en cours de renouvellement, je n'ai que l'attestation de prolongation. Puis-je voyager ?\nKarim Benali")
	tests := []struct {
		name    string
		opt     Options
		values  map[string]string // field → value wanted
		sources map[string]string
		missing []string
	}{
		{"no profile: the signature is missing, the service's details too while site.yaml lacks them",
			Options{Today: wednesday},
			map[string]string{"usager.appel": "Madame, Monsieur", "service.nom": "le Service de l'immigration et de l'intégration", "agent.signature": ""},
			map[string]string{"usager.appel": SourceDefaut, "service.nom": SourceSite, "agent.signature": SourceNone},
			[]string{"Numéro étranger ou numéro de la demande ANEF", "Référence à rappeler dans toute correspondance", "Adresse postale du service (remplie depuis site.yaml)",
				"Adresse électronique du service (remplie depuis site.yaml)", "Téléphone du service (rempli depuis site.yaml)", "Bloc signature de l'agent"}},
		{"agent typed civility, service, date and reference; typing wins over the message",
			Options{Today: wednesday, Profile: agent, Values: map[string]string{
				"usager.civilite": "M.", "usager.nom": "Benali-Haddad", "service.nom": "le bureau des titres de séjour", "dossier.numero": "7501234567",
				"suivi.date_retour": "vendredi 27 novembre 2026", "transfert.reference": "PLM-2611-0042",
				"service.adresse": "1 rue de la Paix", "service.courriel": "titres@pref.test", "service.telephone": "02 00 00 00 00"}},
			map[string]string{"usager.appel": "Monsieur Benali-Haddad", "service.nom": "le bureau des titres de séjour",
				"suivi.date_retour": "vendredi 27 novembre 2026"},
			map[string]string{"usager.appel": SourceSaisie, "service.nom": SourceSaisie, "suivi.date_retour": SourceSaisie, "agent.signature": SourceProfil},
			nil},
		{"signature written by the agent, one line looking like Markdown",
			Options{Today: wednesday, Profile: Profile{Prenom: "Jeanne", Signature: "J. Martin\n--\nPréfecture\n1. rue de la Paix"},
				Values: map[string]string{"dossier.numero": "7501234567", "transfert.reference": "PLM-2611-0042", "service.adresse": "1 rue de la Paix",
					"service.courriel": "titres@pref.test", "service.telephone": "02 00 00 00 00"}},
			map[string]string{"agent.signature": "J. Martin\n--\nPréfecture\n1. rue de la Paix"},
			map[string]string{"agent.signature": SourceProfil},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A reply that forwards the request: the death bloc, the one
			// follow-up commitment, the service's details.
			r := Compose(k, a, item(t, k, "sejour-suivi-demande-anef"), tt.opt)
			wellFormed(t, r)
			for name, v := range tt.values {
				if f, ok := field(r, name); !ok || f.Value != v {
					t.Errorf("%s = %+v, want %q", name, f, v)
				}
			}
			for name, s := range tt.sources {
				if f, _ := field(r, name); f.Source != s {
					t.Errorf("%s from %q, want %q", name, f.Source, s)
				}
			}
			if !slices.Equal(r.Missing, tt.missing) {
				t.Errorf("missing %q\nwant %q", r.Missing, tt.missing)
			}
			for _, f := range r.Fields {
				if f.Value != "" && !strings.Contains(r.Text, f.Value) {
					t.Errorf("value of %s (%q) not in the text", f.Name, f.Value)
				}
			}
		})
	}
}

func TestComposeEdgeCases(t *testing.T) {
	k, a := analyze(t, piecesSubject, piecesBody)

	// No reply chosen yet: the frame alone, for the agent to write in.
	r := Compose(k, a, nil, Options{Today: wednesday, Profile: agent})
	if got := parts(r); !slices.Equal(got, []string{"ouverture:bloc-ouverture", "cloture:bloc-cloture"}) {
		t.Errorf("nil item: %v", got)
	}

	// A procedure is never sent.
	r = Compose(k, a, item(t, k, "procedure-relance"), Options{Today: wednesday, Profile: agent})
	if got := parts(r); len(got) != 2 || len(r.Notes) != 1 {
		t.Errorf("procedure composed: %v, notes %v", got, r.Notes)
	}

	// The agent's bloc choices: a shorter closing, no greeting, an unknown
	// id ignored with a note.
	r = Compose(k, a, item(t, k, "sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent,
		Blocs: map[string]string{"cloture": "bloc-cloture-courte", "ouverture": "", "transfert": "bloc-qui-n-existe-pas"}})
	if got := parts(r); !slices.Equal(got, []string{"reponse:sejour-pieces-renouvellement", "cloture:bloc-cloture-courte"}) {
		t.Errorf("bloc choices not followed: %v", got)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "bloc-qui-n-existe-pas") {
		t.Errorf("notes %q", r.Notes)
	}
	if !strings.Contains(r.Text, "Bien cordialement,\n\nJeanne Martin") {
		t.Errorf("short closing missing:\n%s", r.Text)
	}

	// A relance the detector missed: the agent adds the bloc.
	r = Compose(k, a, item(t, k, "sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent,
		Blocs: map[string]string{"relance": "bloc-relance"}})
	if got := parts(r); !slices.Contains(got, "relance:bloc-relance") {
		t.Errorf("relance bloc chosen by the agent not added: %v", got)
	}
	if f, _ := field(r, "relance.date_precedent"); f.Value != "" || !f.Required || !slices.Contains(r.Missing, f.Label) {
		t.Errorf("undated relance: %+v, missing %v", f, r.Missing)
	}

	// The prefecture's name closes a built signature once the site file
	// gives it.
	site := maps.Clone(k.Site)
	site["prefecture"] = "préfecture du Finistère"
	k2 := *k
	k2.Site = site
	r = Compose(&k2, a, item(t, k, "sejour-pieces-renouvellement"), Options{Today: wednesday, Profile: agent})
	if !strings.HasSuffix(r.Text, "Bureau de l'accueil et des usagers\nPréfecture du Finistère") {
		t.Errorf("prefecture not in the signature:\n%s", r.Text[len(r.Text)-120:])
	}

	// A nil knowledge base composes nothing rather than panicking.
	if r := Compose(nil, a, nil, Options{}); len(r.Parts) != 0 || r.Markdown != "" {
		t.Errorf("nil KB: %+v", r)
	}
}

func TestMarkdownValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Awa Diallo", "Awa Diallo"},
		{"+33 6 12 34 56 78", "+33 6 12 34 56 78"},
		{"jean_dupont@exemple.fr", "jean_dupont@exemple.fr"},
		{"- tiret", `\- tiret`},
		{"Jeanne\nAgente", "Jeanne  \nAgente"},
		{"Jeanne\n--\nPréfecture", "Jeanne  \n\\--  \nPréfecture"},
		{"Premier.\n\nSecond.", "Premier.\n\nSecond."},
		{"12. rue Haute\n# 3", "12\\. rue Haute  \n\\# 3"},
		{"> cité\n===", "\\> cité  \n\\==="},
	}
	for _, tt := range tests {
		if got := markdownValue(tt.in); got != tt.want {
			t.Errorf("markdownValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got, want := PlainText(markdownValue(tt.in)), tt.in; got != want {
			t.Errorf("round trip of %q gives %q", tt.in, got)
		}
	}
}
