package entities

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// All names and numbers in these tests are fictional.

var ref = time.Date(2022, 11, 15, 10, 0, 0, 0, time.UTC)

// got lists the entities of kinds other than Name as "kind:value" (or
// "kind:text=value" when the text matters), in order.
func summary(ents []Entity, withText bool) []string {
	var out []string
	for _, e := range ents {
		if e.Kind == Name {
			continue
		}
		if withText {
			out = append(out, fmt.Sprintf("%s:%s=%s", e.Kind, e.Text, e.Value))
		} else {
			out = append(out, fmt.Sprintf("%s:%s", e.Kind, e.Value))
		}
	}
	return out
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // kind:value, in order; Name entities left out
	}{
		// Numbers: AGDREF, phones, and the traps between them.
		{"phone next to foreign-national number",
			"Vous pouvez me joindre au 06 39 98 64 40.\nN° étranger 7503012345",
			[]string{"telephone:06 39 98 64 40", "agdref:7503012345"}},
		{"number label with colon", "Cordialement,\nZhao Meilin\nN° étranger : 7501876254",
			[]string{"agdref:7501876254"}},
		{"date then labelled number in brackets", "déposée sur la plateforme ANEF le 12 mai 2022 (numéro étranger : 7502164893).",
			[]string{"date:2022-05-12", "agdref:7502164893"}},
		{"spaced foreign-national number", "Mon numéro d'étranger est le 75 01 87 62 54, merci.",
			[]string{"agdref:7501876254"}},
		{"labelled number starting with 0 is no phone", "AGDREF : 0601234567", []string{"agdref:0601234567"}},
		{"labelled number written like a phone is ambiguous", "N° étranger : 06 01 23 45 67", nil},
		{"labelled number on the next line", "Numéro étranger :\n2901873365", []string{"agdref:2901873365"}},
		{"bare 10 digits alone on a line", "bonjour où en est mon dossier svp\n7504219863", []string{"agdref:7504219863"}},
		{"bare 10 digits after another label", "Facture 7504219863 du mois", nil},
		{"context words are whole words", "dossier déposé à la préfecture : 7504219863", []string{"agdref:7504219863"}},
		{"10 digits with an impossible department", "code 9912345678", nil},
		{"glued phone after a file label is ambiguous", "dossier n° 0612345678", nil},
		{"glued phone with a phone label", "tél. 0612345678", []string{"telephone:06 12 34 56 78"}},
		{"phone line after a name", "MME EL OUARDI 0639987719", []string{"telephone:06 39 98 77 19"}},
		{"label then phone is not a number", "je suis étranger, mon téléphone 06 12 34 56 78", []string{"telephone:06 12 34 56 78"}},
		{"phones in every spelling",
			"0639982190 / +33 6 39 98 21 91 / 02.98.92.14.66 / +33 (0)6 39 98 21 92 / 06-39-98-21-93 / 0033 6 39 98 21 94",
			[]string{"telephone:06 39 98 21 90", "telephone:06 39 98 21 91", "telephone:02 98 92 14 66",
				"telephone:06 39 98 21 92", "telephone:06 39 98 21 93", "telephone:06 39 98 21 94"}},
		{"mixed separators are a date and an hour", "le 02.11.2022 10h", []string{"date:2022-11-02"}},
		{"too short for a phone", "au 06 39 98 21", nil},
		{"phone inside an e-mail address", "écrivez à 0639982190@exemple.fr.", []string{"courriel:0639982190@exemple.fr"}},

		// ANTS and ANEF request numbers.
		{"ANTS request numbers",
			"Numéro de demande : 2208IM5518336. Passeport n° 2210ZT0932 et 2209PX4410 (application number 2202EPE83190).",
			[]string{"ants:2208IM5518336", "ants:2210ZT0932", "ants:2209PX4410", "ants:2202EPE83190"}},
		{"licence exchange number", "Dossier d échange envoyé en janvier, numéro EPE-22-0119-04473. Merci.",
			[]string{"ants:EPE-22-0119-04473"}},
		{"ANTS shape with an impossible month", "code 2213IM5518336", nil},
		{"police report number is neither a date nor an ANTS number",
			"plainte déposée (gendarmerie de Châteaulin, PV n° 02174/2022/004513).", nil},
		{"other references", "N° de compte SIA : 2022-CH-0457719, récépissé n° 29-2019-C-08841, habilitation n° 22-29-0187, RNA W294003817", nil},
		{"ANEF number with its wording", "Mon numéro de demande ANEF : 123456789012", []string{"anef:123456789012"}},
		{"ANEF prefixed number", "référence ANEF-2022-0012345 sur le site", []string{"anef:ANEF-2022-0012345"}},
		{"ANEF without a number", "déposé sur l'ANEF en décembre 2021", nil},

		// Plates.
		{"plate in a subject line", "RE: URGENT relance carte grise FZ-208-CB", []string{"plaque:FZ-208-CB"}},
		{"plate in brackets", "pour mon véhicule (BF-847-JZ), alors que", []string{"plaque:BF-847-JZ"}},
		{"plate with spaces, glued, lower case with dashes", "FZ 208 CB, FZ208CB, fz-208-cb",
			[]string{"plaque:FZ-208-CB", "plaque:FZ-208-CB", "plaque:FZ-208-CB"}},
		{"lower case without dashes is no plate", "fz 208 cb", nil},
		{"French words around a number", "voir page le 123 de la notice, LE 123 DE LA NOTICE", nil},
		{"plate letters never used", "AB-123-IO, SS-123-AB, AB-000-CD", nil},
		{"old plate with a vehicle word", "ma voiture immatriculée 123 ABC 29 et la moto 1234 AB 2A",
			[]string{"plaque:123 ABC 29", "plaque:1234 AB 2A"}},
		{"old overseas plate", "véhicule 12 ABC 974", []string{"plaque:12 ABC 974"}},
		{"old plate shape without a vehicle", "IL A 12 ANS 29 FOIS", nil},

		// Dates.
		{"French dates", "le 1er novembre, le 3 octobre, lundi 7 novembre, le 12 mai 2022 et 10 AOUT",
			[]string{"date:2022-11-01", "date:2022-10-03", "date:2022-11-07", "date:2022-05-12", "date:2022-08-10"}},
		{"numeric dates", "02/11/2022, 02.11.22, 2022-11-02, 30/09",
			[]string{"date:2022-11-02", "date:2022-11-02", "date:2022-11-02", "date:2022-09-30"}},
		{"English dates", "on 14 February 2022, then 6 June and on February 14, 2022, and May 3rd",
			[]string{"date:2022-02-14", "date:2022-06-06", "date:2022-02-14", "date:2023-05-03"}},
		{"mail header date", "Date : lun. 3 oct. 2022 à 18:22", []string{"date:2022-10-03"}},
		{"year without a year: the nearest", "mon attestation expire le 3 janvier", []string{"date:2023-01-03"}},
		{"not real days", "le 31/02/2022, le 30 février 2023, le 32/01", nil},
		{"not dates", "1/2 journée, 3.10 m, 24h/24, 14:26, 12-15 ans, 3 sept enfants, you may 3", nil},
		{"abbreviation needs its dot or year", "le 3 oct à 10h, le 3 oct. à 10h", []string{"date:2022-10-03"}},
		{"a reference is no date", "réf. 12/05", nil},
		{"IP address", "192.168.1.10", nil},

		// E-mail addresses and links.
		{"e-mail address", "Mon adresse : Jean.Dupont@Exemple.FR.", []string{"courriel:Jean.Dupont@exemple.fr"}},
		{"numbers in a link", "voir https://exemple.fr/2022/11/02/0639982190 et www.exemple.fr/7504219863", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summary(Extract(tt.text, ref), false)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Extract(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestExtractTexts(t *testing.T) {
	text := "le 1er novembre. Le samedi 19 novembre, lun. 3 oct. 2022."
	got := summary(Extract(text, ref), true)
	want := []string{"date:1er novembre=2022-11-01", "date:samedi 19 novembre=2022-11-19", "date:lun. 3 oct. 2022=2022-10-03"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	for _, e := range Extract(text, ref) {
		if text[e.Start:e.End] != e.Text {
			t.Errorf("offsets %d:%d give %q, not %q", e.Start, e.End, text[e.Start:e.End], e.Text)
		}
	}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDateYear(t *testing.T) {
	tests := []struct {
		text, ref, want string
	}{
		{"30/09", "2022-11-15", "2022-09-30"},
		{"le 3 janvier", "2022-11-15", "2023-01-03"},
		{"le 20 décembre", "2023-01-10", "2022-12-20"},
		{"6 June", "2022-11-15", "2022-06-06"},
		{"le 15 mai", "2022-11-15", "2023-05-15"}, // 184 days back, 181 ahead: ahead wins
		// A weekday is believed up to a year away.
		{"samedi 19 novembre", "2022-11-15", "2022-11-19"},
		{"samedi 19 novembre", "2023-06-01", "2022-11-19"}, // 2023-11-19 is a Sunday
		{"lundi 7 novembre", "2022-11-15", "2022-11-07"},
		// No year within one of ref has a Saturday 19 November (2025:
		// Wednesday, 2026: Thursday, 2027: Friday; 2022 is too far): the
		// closest 19 November.
		{"samedi 19 novembre", "2026-11-25", "2026-11-19"},
		// 29 February: only when a leap year is within reach.
		{"le 29/02", "2024-01-10", "2024-02-29"},
		{"le 29/02", "2022-11-15", ""},
		// The written year wins over the weekday.
		{"samedi 19 novembre 2023", "2022-11-15", "2023-11-19"},
	}
	for _, tt := range tests {
		ents := Extract(tt.text, day(tt.ref))
		if len(ents) != 1 || ents[0].Kind != Date {
			t.Errorf("Extract(%q) = %+v, want one date", tt.text, ents)
			continue
		}
		if ents[0].Value != tt.want {
			t.Errorf("Extract(%q, ref %s) = %q, want %q", tt.text, tt.ref, ents[0].Value, tt.want)
		}
	}
	// Without a reference day, a date without a year stays unresolved.
	if ents := Extract("le 3 octobre", time.Time{}); len(ents) != 1 || ents[0].Value != "" {
		t.Errorf("zero ref: %+v", ents)
	}
}

func TestQuoted(t *testing.T) {
	text := `Bonjour,
Bien reçu, merci. Ma plaque est FZ-208-CB.
Cordialement
Patrick Salaün

Le 18/10/2022 à 14:26, courrier@pref-exemple.gouv.fr a écrit :
> Monsieur,
> Votre demande n° 2208IM5518336 est en cours. Standard : 02 98 10 20 30.
> Cordialement`
	var quoted, own []string
	for _, e := range Extract(text, ref) {
		if e.Quoted {
			quoted = append(quoted, string(e.Kind))
		} else {
			own = append(own, string(e.Kind))
		}
	}
	if strings.Join(own, ",") != "plaque,nom" || strings.Join(quoted, ",") != "date,courriel,ants,telephone" {
		t.Errorf("own %v, quoted %v", own, quoted)
	}

	fwd := "Je vous renvoie mon message.\nOusmane Camara\n\n-------- Message transféré --------\nDe : Ousmane Camara\nÀ : courrier@pref-exemple.gouv.fr\n\nmon passeport (n° 2210ZT0932)"
	for _, e := range Extract(fwd, ref) {
		if e.Kind != Name && !e.Quoted {
			t.Errorf("%v in a forwarded message not marked quoted", e)
		}
	}
}

func TestFill(t *testing.T) {
	text := `Bonjour,
J'ai appelé le standard au 02 98 10 20 30 sans succès. Ma demande 2208IM5518336 pour la voiture FZ-208-CB.
N° étranger : 7501876254

Cordialement,
Mme Khadija Ennaji
06 39 98 21 90
k.ennaji@exemple.fr

Le 18/10/2022 à 14:26, courrier@pref-exemple.gouv.fr a écrit :
> Tél : 02 98 76 54 32`
	ents := Extract(text, ref)
	got := Fill(ents, "", "", "")
	want := map[string]string{
		PhCivilite: "Madame", PhPrenom: "Khadija", PhNom: "Ennaji",
		PhTelephone: "06 39 98 21 90", PhCourriel: "k.ennaji@exemple.fr",
		PhDossier: "7501876254", PhDemande: "2208IM5518336", PhImmatriculation: "FZ-208-CB",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Fill =\n %v\nwant\n %v", got, want)
	}

	// Explicit names win; a quoted request number is a fallback; a phone
	// or an address in a quoted message never is.
	ents = Extract("Merci.\n\n> Votre demande n° 2209PX4410.\n> courrier@pref-exemple.gouv.fr 02 98 76 54 32", ref)
	got = Fill(ents, "Monsieur", "Bertrand", "KERJEAN")
	want = map[string]string{PhCivilite: "Monsieur", PhPrenom: "Bertrand", PhNom: "KERJEAN", PhDemande: "2209PX4410"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Fill =\n %v\nwant\n %v", got, want)
	}

	// Without a signature, the first phone of the writer's text.
	got = Fill(Extract("rappelez-moi au 07 81 64 29 03 svp", ref), "", "", "")
	if got[PhTelephone] != "07 81 64 29 03" || len(got) != 1 {
		t.Errorf("Fill = %v", got)
	}
}

func TestExtractInvariants(t *testing.T) {
	for _, text := range []string{"", "\x00\xff\xfe", "06 39 98 21 90\xff7501876254", strings.Repeat("> \n", 10)} {
		checkInvariants(t, text, Extract(text, ref))
	}
}

// checkInvariants is shared with the fuzz test.
func checkInvariants(t *testing.T, text string, ents []Entity) {
	t.Helper()
	// Character boundaries as Go reads the text: an invalid byte is a
	// character of its own.
	boundary := make([]bool, len(text)+1)
	for i := range text {
		boundary[i] = true
	}
	boundary[len(text)] = true
	end := 0
	for i, e := range ents {
		if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
			t.Fatalf("entity %d %+v out of bounds (len %d)", i, e, len(text))
		}
		if !boundary[e.Start] || !boundary[e.End] {
			t.Fatalf("entity %d %+v cuts a character", i, e)
		}
		if e.Start < end {
			t.Fatalf("entity %d %+v overlaps or is out of order (previous end %d)", i, e, end)
		}
		end = e.End
		if text[e.Start:e.End] != e.Text {
			t.Fatalf("entity %d: text %q, offsets give %q", i, e.Text, text[e.Start:e.End])
		}
		if e.Kind == "" || (e.Value == "" && e.Kind != Date) {
			t.Fatalf("entity %d %+v without a kind or a value", i, e)
		}
	}
}
