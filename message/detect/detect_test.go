package detect

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var today = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func read(subject, body string) Result {
	return Analyze(Input{Subject: subject, Body: body, NewEnd: len(body), Today: today})
}

func TestRelanceSaidOutrightOrNot(t *testing.T) {
	yes := []string{
		"Bonjour, c'est mon 3e mail et personne ne répond au téléphone.",
		"Je vous ai écrit le 20 septembre et le 12 octobre, toujours rien.",
		"J'attends depuis le 3 octobre une réponse à ma demande de duplicata.",
		"Je suis déjà venu au guichet le 25 octobre, on m'a dit que ce serait prêt. Depuis, rien.",
		"Je vous écris pour la quatrième fois au sujet de ma carte grise.",
		"J'ai appelé six fois votre standard, ça sonne dans le vide.",
		"I sent an email on 6 June and another on 19 September but never received a reply.",
		"Je me permets de vous relancer concernant mon dossier.",
	}
	for _, body := range yes {
		res := read("", body).Relance
		if !res.Detected {
			t.Errorf("not a relance (score %.2f): %q", res.Score, body)
			continue
		}
		for _, c := range res.Cues {
			if body[c.Start:c.End] != c.Text && !strings.Contains(body[c.Start:c.End], c.Text) {
				t.Errorf("cue %+v does not point at its words in %q", c, body)
			}
		}
	}
	no := []string{
		"Bonjour, je voudrais savoir où en est ma demande de titre de séjour déposée sur l'ANEF en mai.",
		"Merci beaucoup pour votre réponse rapide, je vais faire la démarche ce soir.",
		"C'est la première fois que je vous écris : mon dossier de médaille est-il complet ?",
		"J'ai appelé trois mairies, aucune n'a de créneau plus tôt.",
		"C'est mon deuxième essai au concours, je ne pourrai pas le repasser.",
		"Comme convenu avec votre collègue au téléphone ce matin, je vous envoie ma demande par écrit.",
	}
	for _, body := range no {
		if res := read("", body).Relance; res.Detected {
			t.Errorf("relance (score %.2f, cues %v) in a first contact: %q", res.Score, res.Cues, body)
		}
	}
}

func TestCuesInQuotedTextDoNotCount(t *testing.T) {
	body := "Bien reçu la carte grise, merci.\n\nLe 18/10/2022 à 14:26, courrier@pref.gouv.fr a écrit :\n> Suite à votre relance\n>> URGENT - 2e relance : toujours pas de carte grise !"
	newEnd := strings.Index(body, "Le 18/10")
	res := Analyze(Input{Subject: "RE: URGENT relance carte grise", Body: body, NewEnd: newEnd, Today: today})
	if len(res.Relance.Cues) != 0 {
		t.Errorf("cues found outside the new text: %v", res.Relance.Cues)
	}
	if res.Sensitive.Detected {
		t.Errorf("URGENT in a subject made it sensitive: %+v", res.Sensitive)
	}
}

func TestForwardedOwnMessageToThePrefectureIsARelance(t *testing.T) {
	in := Input{Subject: "demande de passeport", Body: "Je renvoie ma question.\n\n---", NewEnd: 23, Today: today,
		Prefixes: []string{"TR"}, Quotes: []Quote{{Forwarded: true, From: "Ousmane Camara", To: "courrier@pref-exemple.gouv.fr"}}}
	if !Analyze(in).Relance.Detected {
		t.Error("own message forwarded back to the prefecture is not a relance")
	}
	in.Quotes[0].To = "Mairie de Quimper – accueil"
	in.Body, in.NewEnd = "La mairie m'a dit de voir avec vous.", 36
	if Analyze(in).Relance.Detected {
		t.Error("a question first sent to a mairie is taken for a relance")
	}
}

func TestSensitiveReasons(t *testing.T) {
	cases := []struct {
		body    string
		reasons []string
		level   Level
	}{
		{"Mon père est décédé hier à Dakar. Les obsèques ont lieu lundi et je dois prendre l'avion samedi.", []string{"deces", "echeance"}, LevelSensible},
		{"Ma mère est hospitalisée au CHU depuis le 3 novembre (insuffisance cardiaque).", []string{"sante"}, LevelSensible},
		{"Mon employeur m'a dit que sans titre je ne peux plus venir travailler lundi.", []string{"emploi"}, LevelSensible},
		{"Le loyer d'octobre est pas payé et mon propriétaire lance la procédure d'expulsion.", []string{"logement"}, LevelSensible},
		{"Je ne dors plus, je ne sais plus quoi faire.", []string{"detresse"}, LevelDetresse},
		{"Je n'en peux plus, j'ai envie d'en finir.", []string{"detresse"}, LevelDanger},
		{"Je suis hébergée dans un foyer pour femmes victimes de violences, mon ex-conjoint a gardé mes papiers.", []string{"violence"}, LevelSensible},
		{"My father passed away yesterday and I lost my job last month.", []string{"deces", "emploi"}, LevelSensible},
		{"Without the permit I can't work, and my employer will let me go on Friday.", []string{"emploi"}, LevelSensible},
		{"My husband is violent and he hits me. He keeps my passport and my residence card.", []string{"violence"}, LevelSensible},
		{"I left with the children: my partner beats me when he drinks.", []string{"violence"}, LevelSensible},
	}
	for _, c := range cases {
		res := read("", c.body).Sensitive
		if !res.Detected || res.Level != c.level {
			t.Errorf("%q: detected %v level %q, want %q", c.body, res.Detected, res.Level, c.level)
			continue
		}
		for _, want := range c.reasons {
			found := false
			for _, got := range res.Reasons {
				found = found || got == want
			}
			if !found {
				t.Errorf("%q: reasons %v lack %s", c.body, res.Reasons, want)
			}
		}
		if len(res.Cues) == 0 {
			t.Errorf("%q: no cue shown", c.body)
		}
	}
}

func TestNotSensitive(t *testing.T) {
	for _, body := range []string{
		"URGENT !!! Quel est le prix du timbre fiscal pour une carte de séjour ?",
		"Merci de me répondre rapidement, combien coûte le duplicata ?",
		"Ce n'est pas urgent, mais pouvez-vous me dire si mon dossier est complet ?",
		"Notre habilitation funéraire pour l'organisation des obsèques et le transport de corps arrive à échéance.",
		"Je serai hospitalisée pour une opération du genou le jour du vote, comment faire une procuration ?",
		"Je dois aller au mariage de mon frère le 26 novembre, si le passeport n'est pas prêt tant pis.",
		"Ma fille de 15 ans a un voyage scolaire du 5 au 9 décembre, le DCEM sera-t-il prêt ?",
	} {
		if res := read("", body).Sensitive; res.Detected {
			t.Errorf("sensitive (%v, cues %v): %q", res.Reasons, res.Cues, body)
		}
	}
}

func TestFoldKeepsOffsetsOnTheOriginal(t *testing.T) {
	s := "L’ÉTÉ à Brest — « déjà »"
	f := fold(s)
	if f.text != "l'ete a brest - \" deja \"" {
		t.Fatalf("folded %q", f.text)
	}
	i := strings.Index(f.text, "deja")
	start, end := f.span(i, i+4, s)
	if s[start:end] != "déjà" {
		t.Errorf("span gives %q", s[start:end])
	}
}

func FuzzAnalyze(f *testing.F) {
	f.Add("RE: relance", "Je vous ai écrit le 3 octobre, toujours rien. Mon père est décédé.", 10)
	f.Add("", "\xff\x00é’", 2)
	f.Fuzz(func(t *testing.T, subject, body string, newEnd int) {
		res := Analyze(Input{Subject: subject, Body: body, NewEnd: newEnd, Today: today})
		for _, c := range append(res.Relance.Cues, res.Sensitive.Cues...) {
			if c.Start < 0 || c.End > len(body) || c.Start > c.End {
				t.Fatalf("cue out of bounds: %+v (len %d)", c, len(body))
			}
		}
	})
}

func TestHurriedWritingIsRead(t *testing.T) {
	body := "bjr jvous ai deja envoyé 2 mail pr mon attestation toujour rien. mon patron ma dit il peut plu me garder"
	res := read("", body)
	if !res.Relance.Detected {
		t.Errorf("relance not read in SMS style: %+v", res.Relance)
	}
	if !res.Sensitive.Detected {
		t.Errorf("job at risk not read in SMS style: %+v", res.Sensitive)
	}
	for _, c := range append(res.Relance.Cues, res.Sensitive.Cues...) {
		if body[c.Start:c.End] != c.Text {
			t.Errorf("cue %q does not match the text at its offsets (%q)", c.Text, body[c.Start:c.End])
		}
	}
}

func TestEarlierContactsToldAsAStory(t *testing.T) {
	yes := map[string]string{
		"Il est allé deux fois au guichet de la préfecture (le 15 septembre et le 20 octobre).": "allé deux fois au guichet",
		"J'ai appelé la préfecture 4 fois ce mois-ci, on me dit de rappeler.":                   "appelé la préfecture",
		"Nous faisons suite à notre courrier du 6 octobre resté lettre morte.":                  "courrier du 6",
		"I came to the préfecture counter on Friday and was told to email you.":                 "came to the préfecture",
		"Mme Diallo a envoyé deux mails à la sous-préfecture, en vain.":                         "deux mails",
		"ENCORE MOI. TOUJOURS LE MEME PROBLEME AVEC LE SITE":                                    "ENCORE MOI",
		// Told once, in passing: what was said at our counter or on the phone.
		"BONJOUR MON RECEPISSE FINI LE 30/11 COMME JE VOUS AI DIT AU TELEPHONE LUNDI":   "COMME JE VOUS AI DIT",
		"Votre collègue au guichet m'a dit le 25 septembre que le dossier est complet.": "guichet m'a dit",
		"En septembre la sous-préfecture m'a répondu d'attendre.":                       "sous-préfecture m'a répondu",
		"J'ai déposé une lettre à l'accueil de la préfecture le 9 novembre.":            "lettre à l'accueil",
		"CG toujours pas reçue, déjà signalé par votre formulaire le 30/09.":            "signalé par votre formulaire",
		"I was told at your front desk on 13 Nov to wait two more weeks.":               "told at your front desk",
	}
	for body, want := range yes {
		cs, _ := Contacts(body, 10)
		if len(cs) == 0 {
			t.Errorf("no earlier contact found in %q", body)
			continue
		}
		found := false
		for _, c := range cs {
			if got := body[c.Start-10 : c.End-10]; strings.Contains(got, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("cues %v of %q do not show %q", cs, body, want)
		}
	}
	no := []string{
		"J'ai déposé ma demande de titre de séjour à la préfecture le 3 juin.",
		"J'ai appelé trois mairies, aucune n'a de créneau plus tôt.",
		"Mon employeur m'a écrit qu'il ne pourrait pas me garder sans titre.",
		"I applied online in May and I would like to know the next step.",
		"Comme je l'ai expliqué plus haut, la carte a expiré.",
	}
	for _, body := range no {
		if cs, _ := Contacts(body, 0); len(cs) > 0 {
			t.Errorf("earlier contact %v found in %q", cs, body)
		}
	}
	// Calls to another body are told apart: impatience, not a relance.
	for _, body := range []string{
		"J'ai appelé l'ANTS quatre fois, on me dit d'attendre.",
		"We called the consulate twice and they told us to write to you.",
		"J'ai écrit 3 fois au support ANEF par le formulaire, sans réponse.",
	} {
		if cs, _ := Contacts(body, 0); len(cs) > 0 {
			t.Errorf("a contact with another body read as one with us: %v in %q", cs, body)
		}
		if _, cs := Contacts(body, 0); len(cs) == 0 {
			t.Errorf("the contact with another body is not found in %q", body)
		}
	}
}

// Contacts reads what the judge reads, about the first 1,500 words: a
// contact told early in a long paste is found, with its place in the whole
// text; the cut never splits a character, even in a paste without a line.
func TestContactsReadTheHeadOfALongPaste(t *testing.T) {
	early := "Votre collègue au guichet m'a dit le 25 septembre que le dossier est complet.\n"
	filler := strings.Repeat("Le dossier est en cours depuis des mois.\n", 1000)
	if cs, _ := Contacts(early+filler, 5); len(cs) == 0 || cs[0].Start < 5 || cs[0].End > 5+len(early) {
		t.Errorf("the early contact of a long paste is not found where written: %v", cs)
	}
	oneLine := strings.Repeat("é", maxContactText) // no line to cut at, two bytes a letter
	if got := head(oneLine, maxContactText-1); !utf8.ValidString(got) || len(got) > maxContactText-1 {
		t.Errorf("cut of %d bytes, valid UTF-8: %v", len(got), utf8.ValidString(got))
	}
	if got := head(early+filler, maxContactText); len(got) > maxContactText || !strings.HasSuffix(got, "mois.") {
		t.Errorf("cut not at the end of a line: …%q", got[max(0, len(got)-20):])
	}
}
