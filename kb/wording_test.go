package kb

import (
	"strings"
	"testing"
)

// The checks that would have caught the December 2026 review's findings;
// each case is a wording the review quotes or its pattern.
func TestCheckCatchesWhatTheReviewFound(t *testing.T) {
	item := func(id, body string, vars ...string) string {
		it := strings.Replace(goodItem, "id: bon", "id: "+id, 1)
		for _, v := range vars {
			it = strings.Replace(it, "variables:\n", "variables:\n  - {name: "+v+", label: \"Date\", required: true}\n", 1)
		}
		return it + body + "\n"
	}
	firstContact := strings.Replace(item("premier", ""), "not_for: [relance]\n", "", 1)
	bad := map[string]struct{ body, want string }{
		"premier.md":    {firstContact, "not_for: [relance]"},
		"apostrophe.md": {item("apostrophe", "Nous l’avons transmis."), "apostrophe typographique"},
		"appel.md":      {item("appel", "Un agent de la préfecture va vous appeler au numéro que vous nous avez indiqué."), "promesse sans champ"},
		"formule.md":    {item("formule", "Le CERT vous répondra directement, dans les meilleurs délais."), "un délai sans date"},
		"date.md":       {item("date", "Le service vous répondra au plus tard dans cinq jours ouvrés."), "promesse sans champ"},
		"english.md":    {item("english", "We will call you as soon as possible."), "un délai sans date"},
		"nous.md":       {item("nous", "Nous avons transmis aujourd'hui votre message au service des titres."), "« je » pour ce que l'agent a fait"},
	}
	good := map[string]string{
		"relance.md": strings.Replace(item("relance", "Je reviendrai vers vous au plus tard le {{suivi.date_retour}}.", "suivi.date_retour"), "not_for: [relance]", "when: [relance]", 1),
		"rappel.md":  item("rappel", "Un agent vous appellera le {{rappel.date}}.", "rappel.date"),
		"delai.md":   item("delai", "Le service vous répondra en principe sous {{site.delai_transfert}}."),
		"futur.md":   item("futur", "Répondez à ce message : nous transmettrons votre demande au service."),
		"recours.md": item("recours", "Le tribunal doit être saisi dans un délai de deux mois. Vous pouvez appeler le 3114."),
	}
	files := map[string]string{}
	for name, c := range bad {
		files[name] = c.body
	}
	for name, body := range good {
		files[name] = body
	}
	_, probs := loadMap(t, files)
	for name, c := range bad {
		if len(find(probs, name, c.want)) != 1 {
			t.Errorf("%s: %q not reported once: %v", name, c.want, find(probs, name, ""))
		}
	}
	for name := range good {
		if got := find(probs, name, ""); len(got) != 0 {
			t.Errorf("%s: %v", name, got)
		}
	}
}

// A promise is refused with any way of giving its time, in either language
// and in any case, and a sentence without one is left alone.
func TestSaysWhenFindsEveryWayOfGivingATime(t *testing.T) {
	for _, s := range []string{"au plus tard demain", "dans un délai de 8 jours", "sous 8 jours", "sous  15 jours",
		"d'ici le 3", "d'ici à lundi", "en 5 jours ouvrés", "un jour ouvrés", "rapidement", "prochainement",
		"at the latest", "within 5 days", "by 3 december", "two working days", "shortly"} {
		if !saysWhen(strings.ToLower(s)) {
			t.Errorf("%q: no time found", s)
		}
	}
	for _, s := range []string{"sous réserve de votre dossier", "avant le rendez-vous", "by post", "within the law",
		"nous vous écrirons", "d'ici là", ""} {
		if saysWhen(s) {
			t.Errorf("%q: a time found", s)
		}
	}
	for _, body := range []string{"Le service vous RÉPONDRA AU PLUS TARD le 3.", "We will call you shortly."} {
		probs := checkWording(&Item{Kind: KindInfo, Body: body, Path: "x.md"})
		if len(probs) != 1 || !strings.Contains(probs[0].Message, "promesse sans champ") {
			t.Errorf("%q: %v", body, probs)
		}
	}
}
