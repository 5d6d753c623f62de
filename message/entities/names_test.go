package entities

import (
	"strings"
	"testing"
)

func TestWriterName(t *testing.T) {
	tests := []struct {
		name, text, sig  string
		civ, prenom, nom string
		ok               bool
		wantText         string // the Name entity's text, when it matters
	}{
		{name: "formula, name, number",
			text:   "Pouvez-vous m'aider ?\n\nCordialement,\nZhao Meilin\nN° étranger : 7501876254",
			prenom: "Zhao", nom: "Meilin", ok: true},
		{name: "note in brackets",
			text:   "Merci d'avance\nIssa Fofana (son frère)\n06 39 98 90 12",
			prenom: "Issa", nom: "Fofana", ok: true, wantText: "Issa Fofana"},
		{name: "capitals with a civility and a phone",
			text: "MADAME MONSIEUR\nMON FILS EST AU CENTRE DE RETENTION. S IL VOUS PLAIT REGARDEZ SON DOSSIER.\nMME EL OUARDI 0639987719",
			civ:  "Madame", nom: "EL OUARDI", ok: true, wantText: "MME EL OUARDI"},
		{name: "civility and an initial",
			text: "Merci de ne pas m'appeler sur mon ancien numéro, seulement par mail.\nMme K.",
			civ:  "Madame", nom: "K.", ok: true, wantText: "Mme K."},
		{name: "initial first name",
			text:   "Merci pour votre retour.\nCordialement\nA. Nguyen",
			prenom: "A.", nom: "Nguyen", ok: true},
		{name: "function line after the name",
			text:   "Existe-t-il une procédure ?\n\nCordialement,\nNolwenn Bourhis\nConseillère France Services – Carhaix-Plouguer",
			prenom: "Nolwenn", nom: "Bourhis", ok: true},
		{name: "only a function line",
			text: "Existe-t-il une procédure ?\n\nCordialement,\nConseillère France Services – Carhaix-Plouguer"},
		{name: "an office, not a person",
			text: "Je vous prie d'agréer, Monsieur le Préfet, l'expression de ma haute considération.\n\nLe Maire de Kervrenig"},
		{name: "organisation block after the name",
			text:   "Pouvons-nous adresser le procès-verbal ?\n\nBien cordialement,\n\nMaëlle Cornec\nPrésidente\n--\nPASSEPORTS DU MONDE\nAssociation d'échanges interculturels – Quimperlé\nwww.passeports-du-monde-exemple.org",
			prenom: "Maëlle", nom: "Cornec", ok: true},
		{name: "company after the name",
			text:   "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations respectueuses.\n\nErwan Le Bihan\nGérant\nSARL Pompes Funèbres Le Bihan\n7 place Charles de Gaulle, 29300 Quimperlé\n02 98 96 14 52",
			prenom: "Erwan", nom: "Le Bihan", ok: true},
		{name: "organisation in capitals without a formula",
			text: "Voici notre programme pour l'année.\nPASSEPORTS DU MONDE"},
		{name: "name on the formula line",
			text:   "Est-ce que je peux conduire en France ?\nMerci, Lotte Peeters",
			prenom: "Lotte", nom: "Peeters", ok: true},
		{name: "one-line message signed at the end",
			text:   "Bonjour, c est mon 3e mail. Je voudrais seulement savoir si mon dossier est complet. Merci. Sami Jebali",
			prenom: "Sami", nom: "Jebali", ok: true},
		{name: "no formula, name above the phone",
			text:   "Nous restons à votre disposition.\n\nPour l'USIC,\nCatherine Le Dû\n06 08 45 73 21",
			prenom: "Catherine", nom: "Le Dû", ok: true},
		{name: "hyphenated family name", text: "Merci.\nSophie Quéré-Nédélec\n06 84 20 57 12",
			prenom: "Sophie", nom: "Quéré-Nédélec", ok: true},
		{name: "particle", text: "Merci de votre aide,\nÉlodie Le Bris", prenom: "Élodie", nom: "Le Bris", ok: true},
		{name: "lower-case particle", text: "Best regards,\nPieter van Dam", prenom: "Pieter", nom: "van Dam", ok: true},
		{name: "family name in capitals first", text: "Cordialement\nDUPONT Jean-Marc", prenom: "Jean-Marc", nom: "DUPONT", ok: true},
		{name: "family name in capitals last", text: "Cordialement\nJean-Pierre LE GOFF", prenom: "Jean-Pierre", nom: "LE GOFF", ok: true},
		{name: "all capitals after a formula", text: "Cordialement\nJEAN DUPONT", prenom: "JEAN", nom: "DUPONT", ok: true},
		{name: "compound first name", text: "Merci\nMohamed Ali Trabelsi\nnuméro étranger 2904419037",
			prenom: "Mohamed Ali", nom: "Trabelsi", ok: true},
		{name: "apostrophe in the name", text: "Cordialement\nLaura Guivarc'h\n06 95 14 62 37",
			prenom: "Laura", nom: "Guivarc'h", ok: true},
		{name: "civility in full", text: "Cordialement,\nMonsieur Paul Durand", civ: "Monsieur", prenom: "Paul", nom: "Durand", ok: true},
		{name: "M. with a family name", text: "Salutations.\nM. Le Goff", civ: "Monsieur", nom: "Le Goff", ok: true},
		{name: "a first name alone is left", text: "Qui peut m'aider ?\n\nDjamel\n06 39 98 52 66"},
		{name: "capitalised wishes", text: "Je vous remercie de votre aide.\nBonne Journée"},
		{name: "a town under the name", text: "Pouvez-vous me rappeler ?\nJean Dupont\nSaint Brieuc",
			prenom: "Jean", nom: "Dupont", ok: true},
		{name: "a person named after a formula, in a sentence",
			text: "Merci de votre aide\nMme Fatma Yıldız, ma mère, est hospitalisée depuis le 3 novembre."},
		{name: "function after a comma", text: "Cordialement,\nJean Dupont, secrétaire général",
			prenom: "Jean", nom: "Dupont", ok: true},
		{name: "formula alone", text: "Merci de votre réponse.\nBien cordialement"},
		{name: "device signature", text: "c qd la prochaine promo ?? merci\n\nEnvoyé de mon iPhone"},
		{name: "greeting only", text: "Madame, Monsieur,\nJe voudrais un rendez-vous."},
		{name: "sentence after a formula-like line",
			text: "Merci de me dire quand.\nJean Dupont m'a conseillé de vous écrire pour cela."},
		{name: "quoted reply below",
			text:   "Bonjour,\nBien reçu, merci.\nCordialement\nPatrick Salaün\n\nLe 18/10/2022 à 14:26, courrier@pref-exemple.gouv.fr a écrit :\n> Monsieur,\n> Cordialement\n> L'accueil de la préfecture\n>\n> Le 17/10/2022 à 07:58, Patrick Salaün a écrit :\n>> URGENT",
			prenom: "Patrick", nom: "Salaün", ok: true},
		{name: "bottom-posted reply",
			text:   "> Pouvez-vous envoyer la pièce ?\n> Cordialement\n\nVoici la pièce.\nCordialement\nJean Martin",
			prenom: "Jean", nom: "Martin", ok: true},
		{name: "forwarded message with its header",
			text:   "je vous transfère ma question.\n\nAnthony Riou\n\n---------- Message transféré ----------\nDe : Anthony Riou\nDate : lun. 3 oct. 2022 à 18:22\nObjet : licence taxi\n\nBonjour,\nMerci",
			prenom: "Anthony", nom: "Riou", ok: true},
		{name: "known signature block",
			text: "Bonjour, voici ma question.", sig: "Jean Dupont\nGérant\nSARL Dupont",
			prenom: "Jean", nom: "Dupont", ok: true},
		{name: "known signature with a formula", text: "Bonjour", sig: "--\nBien à vous,\nMme Anne Le Gall",
			civ: "Madame", prenom: "Anne", nom: "Le Gall", ok: true},
		{name: "empty signature falls back to the text", text: "Merci\nInès Morvan", sig: "\n \n",
			prenom: "Inès", nom: "Morvan", ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			civ, prenom, nom, ok := WriterName(tt.text, tt.sig)
			if civ != tt.civ || prenom != tt.prenom || nom != tt.nom || ok != tt.ok {
				t.Errorf("WriterName = %q %q %q %v, want %q %q %q %v", civ, prenom, nom, ok, tt.civ, tt.prenom, tt.nom, tt.ok)
			}
			if tt.sig != "" {
				return
			}
			var names []Entity
			for _, e := range Extract(tt.text, ref) {
				if e.Kind == Name {
					names = append(names, e)
				}
			}
			if !tt.ok {
				if len(names) != 0 {
					t.Errorf("Extract found a name: %+v", names)
				}
				return
			}
			if len(names) != 1 {
				t.Fatalf("Extract found %d names", len(names))
			}
			if v := strings.TrimSpace(tt.prenom + " " + tt.nom); names[0].Value != v {
				t.Errorf("Name value %q, want %q", names[0].Value, v)
			}
			if tt.wantText != "" && names[0].Text != tt.wantText {
				t.Errorf("Name text %q, want %q", names[0].Text, tt.wantText)
			}
		})
	}
}
