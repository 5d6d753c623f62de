package entities

import (
	"strings"
	"testing"
)

// Whatever is pasted, Extract returns entities inside the text, on
// character boundaries, sorted and apart, whose Text is what the offsets
// say; WriterName and Fill never fail.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Cordialement,\nZhao Meilin\nN° étranger : 7501876254",
		"MME EL OUARDI 0639987719",
		"RE: URGENT relance carte grise FZ-208-CB\n> Le 17/10/2022 à 07:58, Patrick Salaün a écrit :",
		"PV n° 02174/2022/004513, le 12 mai 2022 (numéro étranger : 7502164893)",
		"samedi 19 novembre, 30/09, lun. 3 oct. 2022, February 14, 2022, 1er mai",
		"+33 (0)6 39 98 21 90 / 02.98.92.14.66 / jean@exemple.fr / https://exemple.fr/06",
		"2208IM5518336 EPE-22-0119-04473 ANEF-2022-0012345 123 ABC 29 voiture",
		"Merci, Lotte Peeters",
		"\x00\xff\xfe\u00a0\u202f1\u00a012 nov\u00a02022",
		"---------- Message transféré ----------\nDe : X\nObjet : y\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ents := Extract(text, ref)
		checkInvariants(t, text, ents)
		civ, prenom, nom, _ := WriterName(text, text)
		_ = Fill(ents, civ, prenom, nom)
		_ = Fill(ents, "", "", "")
	})
}

// A 256 KB paste, ordinary or hostile, is read without breaking the
// invariants; BenchmarkExtract measures the time (speed is measured in
// benchmarks, not asserted in tests).
func TestLargeInputs(t *testing.T) {
	const size = 256 << 10
	msg := "Bonjour,\nMa carte de séjour a expiré le 30/09, j'ai déposé le 12 mai 2022 (numéro étranger : 7502164893).\n" +
		"Ma voiture FZ-208-CB, demande 2208IM5518336. Tél 06 39 98 21 90, jean.dupont@exemple.fr.\nCordialement\nJean Dupont\n> Le 17/10/2022, X a écrit :\n"
	for name, unit := range map[string]string{
		"message": msg,
		"digits":  "1 ",
		"slashes": "1/",
		"dates":   "12 novembre ",
		"phones":  "06 39 98 21 90 ",
		"at":      "a@",
		"lines":   "\n",
		"quotes":  "> a\n",
		"plates":  "AB 123 CD voiture 12 AB 29 ",
		"labels":  "N° étranger : 7501876254 ",
		"word":    "a",
	} {
		text := strings.Repeat(unit, size/len(unit)+1)[:size]
		ents := Extract(text, ref)
		WriterName(text, text)
		t.Run(name, func(t *testing.T) { checkInvariants(t, text, ents) })
	}
}

func BenchmarkExtract(b *testing.B) {
	text := strings.Repeat("Bonjour,\nMa carte de séjour a expiré le 30/09, j'ai déposé ma demande le 12 mai 2022 "+
		"(numéro étranger : 7502164893) et depuis plus rien. Je vous ai écrit le 3 octobre et le 17 octobre.\n"+
		"Je voudrais savoir où en est mon dossier, je dois partir au Maroc voir mon père hospitalisé.\n", 20) +
		"Merci d'avance\nNadia Bekkali\n06 39 98 21 90"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text, ref)
	}
}
