package compose

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"paragraphs", "Madame Durand,\n\nVotre demande est prise en compte.\n\n\n\nBien cordialement,",
			"Madame Durand,\n\nVotre demande est prise en compte.\n\nBien cordialement,"},
		{"bold and emphasis removed", "Le **titre de séjour** est _à retirer_ en *mairie*, __sans__ rendez-vous.",
			"Le titre de séjour est à retirer en mairie, sans rendez-vous."},
		{"intraword underscore kept", "Écrivez à jean_dupont@exemple.fr.", "Écrivez à jean_dupont@exemple.fr."},
		{"bullet list", "Préparez :\n\n- votre passeport ;\n- votre titre actuel ;\n- une photo.\n\nMerci.",
			"Préparez :\n\n- votre passeport ;\n- votre titre actuel ;\n- une photo.\n\nMerci."},
		{"other bullets written as dashes", "* un\n* deux\n\n+ trois", "- un\n- deux\n\n- trois"},
		{"numbered list keeps its numbers", "Étapes :\n\n1. Connectez-vous.\n2. Déposez la demande.\n3. Payez.",
			"Étapes :\n\n1. Connectez-vous.\n2. Déposez la demande.\n3. Payez."},
		{"numbered list from 3", "3) trois\n4) quatre", "3) trois\n4) quatre"},
		{"nested lists", "1. Sur l'ANEF :\n   - créez un compte ;\n   - déposez :\n     - le passeport ;\n     - la photo.\n2. Attendez.",
			"1. Sur l'ANEF :\n   - créez un compte ;\n   - déposez :\n     - le passeport ;\n     - la photo.\n2. Attendez."},
		{"loose list", "- premier point\n\n- second point\n\n  avec un détail",
			"- premier point\n\n- second point\n\n  avec un détail"},
		{"links", "Voir [la page ANTS](https://ants.gouv.fr) ou <https://www.service-public.fr>.",
			"Voir la page ANTS (https://ants.gouv.fr) ou https://www.service-public.fr."},
		{"link whose text is its address", "Site : [https://3114.fr](https://3114.fr)", "Site : https://3114.fr"},
		{"mail link", "Écrivez-nous à [cette adresse](mailto:pref@exemple.gouv.fr) ou <pref@exemple.gouv.fr>.",
			"Écrivez-nous à cette adresse (pref@exemple.gouv.fr) ou pref@exemple.gouv.fr."},
		{"headings", "# Titre de séjour\n\nTexte.\n\n## Pièces\nListe.\n\nSous-titre\n----------\n\nFin.",
			"Titre de séjour\n\nTexte.\n\nPièces\n\nListe.\n\nSous-titre\n\nFin."},
		{"line breaks kept", "Jeanne Martin  \nAgente d'accueil\\\nPréfecture\nBureau",
			"Jeanne Martin\nAgente d'accueil\nPréfecture\nBureau"},
		{"no HTML", "Texte <b>gras</b> ici.\n\n<div>bloc</div>\n\nFin.", "Texte gras ici.\n\nFin."},
		{"escapes and entities", `Prix : 25 \* 2 &amp; taxe &#8364; \_non\_`, "Prix : 25 * 2 & taxe € _non_"},
		{"code span", "Tapez `Mot de passe oublié ?`.", "Tapez Mot de passe oublié ?."},
		{"quote", "> Je vous ai écrit le 3 octobre.\n>\n> Sans réponse.", "> Je vous ai écrit le 3 octobre.\n>\n> Sans réponse."},
		{"thematic break dropped", "Avant.\n\n---\n\nAprès.", "Avant.\n\nAprès."},
		{"gap left by a missing value", "Votre numéro : [Numéro étranger].", "Votre numéro : [Numéro étranger]."},
		{"image: its text", "![logo de la préfecture](logo.png)", "logo de la préfecture"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.md); got != tt.want {
				t.Errorf("PlainText(%q)\n got %q\nwant %q", tt.md, got, tt.want)
			}
		})
	}
}
