package kb

import (
	"strings"
	"testing"
	"testing/fstest"

	"plume/templates"
)

func TestDefaultKnowledgeBaseIsValidTodayAndNextYear(t *testing.T) {
	for _, today := range []struct {
		name string
		when func() Date
	}{
		{"today", func() Date { return Date{testToday} }},
		{"next year", func() Date { return Date{testToday.AddDate(1, 0, 0)} }},
	} {
		t.Run(today.name, func(t *testing.T) {
			k, probs, err := Load(templates.FS, LoadOptions{Now: At(today.when().Time)})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range probs {
				if p.Level == LevelError {
					t.Errorf("%s", p)
				}
			}
			if len(k.Items) < 60 {
				t.Errorf("%d items, want at least 60", len(k.Items))
			}
		})
	}
}

func TestDefaultKnowledgeBaseCoversTheAudit(t *testing.T) {
	k := defaultBase(t)
	perCategory := map[string]int{}
	for _, it := range k.Items {
		if it.Kind == KindReponse || it.Kind == KindInfo {
			perCategory[it.Category]++
		}
	}
	for _, c := range Categories {
		if perCategory[c.Code] < 5 {
			t.Errorf("catégorie %s : %d réponses, au moins 5 attendues", c.Code, perCategory[c.Code])
		}
	}
	has := func(what string, ok func(*Item) bool) {
		t.Helper()
		for _, it := range k.Items {
			if ok(it) {
				return
			}
		}
		t.Errorf("aucun élément : %s", what)
	}
	for _, s := range Services {
		code := s.Code
		has("avis de transfert pour "+code, func(it *Item) bool { return it.Role == "transfert" && it.Service == code })
	}
	has("accusé de réception avec la date calculée", func(it *Item) bool {
		return it.Role == "accuse-reception" && it.Lang == "fr" && strings.Contains(it.Body, "{{date.reponse}}")
	})
	has("bloc de relance", func(it *Item) bool { return it.Role == "relance" && it.Lang == "fr" })
	for _, r := range Reasons {
		reason := r.Code
		has("ouverture empathique pour "+reason, func(it *Item) bool {
			if it.Role != "empathie" {
				return false
			}
			for _, x := range it.Reasons {
				if x == reason {
					return true
				}
			}
			return false
		})
	}
	has("procédure du passeport d'urgence avec le CERT", func(it *Item) bool {
		return it.Kind == KindProcedure && it.Category == "identite" && strings.Contains(it.Body, "CERT")
	})
	has("information datée sur l'ouverture des créneaux, avec expiration", func(it *Item) bool {
		return it.Kind == KindInfo && !it.Expires.IsZero() && strings.Contains(strings.ToLower(it.Title), "créneaux")
	})
	has("procédure d'escalade le jour même", func(it *Item) bool {
		return it.Kind == KindProcedure && strings.Contains(strings.ToLower(it.Title), "escalade")
	})
	has("ligne 3114 pour la détresse", func(it *Item) bool { return strings.Contains(it.Body, "3114") })
}

const goodItem = `---
id: bon
title: Un élément correct
kind: reponse
category: sejour
service: accueil
keywords: [séjour]
not_for: [relance]
source: https://www.service-public.fr/
reviewed: 2026-11-01
lang: fr
variables:
  - {name: dossier.numero, label: "Numéro", required: true}
---
Votre dossier {{dossier.numero}} est suivi par {{site.prefecture}}.
`

func loadMap(t *testing.T, files map[string]string) (*KB, Problems) {
	t.Helper()
	fsys := fstest.MapFS{"site.yaml": {Data: []byte("prefecture: Préfecture de test\ndelai_transfert: 15 jours\n")}}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	k, probs, err := Load(fsys, LoadOptions{Now: At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	return k, probs
}

// find returns the problems that mention want, formatted.
func find(probs Problems, path, want string) []string {
	var out []string
	for _, p := range probs {
		if p.Path == path && strings.Contains(p.Message, want) {
			out = append(out, p.String())
		}
	}
	return out
}

func TestValidationPointsAtTheLine(t *testing.T) {
	broken := map[string]struct {
		body  string
		want  string // part of the message
		line  int
		level Level
	}{
		"yaml.md":   {"---\nid: yaml\ntitle: [pas fermé\nkind: reponse\n---\ncorps\n", "YAML invalide", 3, LevelError},
		"manque.md": {strings.Replace(goodItem, "id: bon", "id: manque", 1) + "", "", 0, ""},
		"code.md": {strings.Replace(strings.Replace(goodItem, "id: bon", "id: code", 1), "category: sejour", "category: visas", 1),
			"catégorie « visas »", 5, LevelError},
		"champ.md": {strings.Replace(strings.Replace(goodItem, "id: bon", "id: champ", 1), "{{site.prefecture}}", "{{usager.adresse}}", 1),
			"{{usager.adresse}}", 15, LevelError},
		"site.md": {strings.Replace(strings.Replace(goodItem, "id: bon", "id: site", 1), "{{site.prefecture}}", "{{site.horaires}}", 1),
			"absent de site.yaml", 15, LevelError},
		"vieux.md": {strings.Replace(strings.Replace(goodItem, "id: bon", "id: vieux", 1), "2026-11-01", "2025-06-30", 1),
			"à revoir", 10, LevelWarning},
		"date.md": {strings.Replace(strings.Replace(goodItem, "id: bon", "id: date", 1), "2026-11-01", "01/11/2026", 1),
			"AAAA-MM-JJ", 10, LevelError},
		"sans-entete.md": {"# Pas d'en-tête\n", "en-tête YAML manquant", 1, LevelError},
	}
	files := map[string]string{"bon.md": goodItem}
	for name, c := range broken {
		files[name] = c.body
	}
	// A required field missing: no source for a reponse.
	files["manque.md"] = strings.Replace(files["manque.md"], "source: https://www.service-public.fr/\n", "", 1)
	k, probs := loadMap(t, files)

	for name, c := range broken {
		if c.want == "" {
			continue
		}
		var hit *Problem
		for i, p := range probs {
			if p.Path == name && strings.Contains(p.Message, c.want) {
				hit = &probs[i]
			}
		}
		if hit == nil {
			t.Errorf("%s: no problem mentioning %q in %v", name, c.want, probs)
			continue
		}
		if hit.Line != c.line || hit.Level != c.level {
			t.Errorf("%s: got %s, want line %d level %s", name, hit, c.line, c.level)
		}
	}
	if got := find(probs, "manque.md", "« source »"); len(got) != 1 {
		t.Errorf("missing source not reported once: %v", got)
	}
	// Broken files never stop the others: the good one and the ones with
	// warnings only are served; the ones with an error are kept for the
	// editors, never served.
	for _, id := range []string{"bon", "vieux"} {
		if k.Item(id) == nil {
			t.Errorf("item %s not loaded", id)
		}
	}
	withheld := map[string]bool{}
	for _, it := range k.Withheld {
		withheld[it.ID] = true
	}
	for _, id := range []string{"code", "champ", "manque"} {
		if k.Item(id) != nil || !withheld[id] {
			t.Errorf("item %s, with an error, is served", id)
		}
	}
	if k.Item("yaml") != nil {
		t.Error("an item with malformed YAML was loaded")
	}
}

func TestACopyOfAnItemNeverReplacesTheGenuineOne(t *testing.T) {
	// A copy in a folder that sorts earlier, under another file name.
	k, probs := loadMap(t, map[string]string{
		"00-brouillons/copie.md": strings.Replace(goodItem, "Un élément correct", "Le doublon", 1),
		"sejour/bon.md":          goodItem,
	})
	if got := find(probs, "00-brouillons/copie.md", "déjà utilisé par sejour/bon.md"); len(got) != 1 {
		t.Errorf("the copy is not the one reported: %v", probs)
	}
	if len(find(probs, "sejour/bon.md", "")) != 0 {
		t.Errorf("the genuine file is blamed: %v", probs)
	}
	if it := k.Item("bon"); it == nil || it.Title != "Un élément correct" {
		t.Errorf("the genuine item is not the one served: %v", it)
	}
	// Two files both named after the id: neither is served until one goes.
	k, probs = loadMap(t, map[string]string{
		"a/bon.md": goodItem,
		"b/bon.md": strings.Replace(goodItem, "Un élément correct", "Le doublon", 1),
	})
	if len(find(probs, "a/bon.md", "aussi utilisé par b/bon.md")) != 1 || len(find(probs, "b/bon.md", "aussi utilisé par a/bon.md")) != 1 {
		t.Errorf("duplicates not reported on both files: %v", probs)
	}
	if k.Item("bon") != nil || len(k.Withheld) != 2 {
		t.Errorf("an ambiguous id is served: %v", k.Item("bon"))
	}
	// Same file name, but only one in the folder of its category.
	k, probs = loadMap(t, map[string]string{
		"00-copies/bon.md": strings.Replace(goodItem, "Un élément correct", "Le doublon", 1),
		"sejour/bon.md":    goodItem,
	})
	if it := k.Item("bon"); it == nil || it.Path != "sejour/bon.md" || len(find(probs, "00-copies/bon.md", "déjà utilisé par sejour/bon.md")) != 1 {
		t.Errorf("the item in its category's folder is not the one served: %v %v", it, probs)
	}
}

func TestItemsWithAnErrorAreNotServed(t *testing.T) {
	broken := strings.Replace(goodItem, "id: bon", "id: casse", 1) + "{{Nom Invalide}}\n"
	k, probs := loadMap(t, map[string]string{"bon.md": goodItem, "casse.md": broken})
	if len(find(probs, "casse.md", "")) == 0 {
		t.Fatalf("the broken item is not reported: %v", probs)
	}
	if k.Item("casse") != nil || len(k.Withheld) != 1 || k.Withheld[0].ID != "casse" {
		t.Error("an item with an error is served")
	}
}

func TestExpiredInfoIsAWarning(t *testing.T) {
	info := strings.NewReplacer("id: bon", "id: info", "kind: reponse", "kind: info\nexpires: 2026-10-31").Replace(goodItem)
	_, probs := loadMap(t, map[string]string{"info.md": info})
	got := find(probs, "info.md", "expirée")
	if len(got) != 1 || !strings.Contains(got[0], ": warning: ") {
		t.Errorf("expired info: %v", probs)
	}
	if probs.Errors() != 0 {
		t.Errorf("an expired info must not be an error: %v", probs)
	}
}

func TestEmptyFolderIsNotAKnowledgeBase(t *testing.T) {
	_, _, err := Load(fstest.MapFS{"notes.txt": {Data: []byte("x")}}, LoadOptions{})
	if err != ErrNoKnowledgeBase {
		t.Errorf("got %v", err)
	}
}

func TestFillLeavesMissingValuesVisible(t *testing.T) {
	got := Fill("Dossier {{dossier.numero}}, suivi par {{ agent.nom }}.",
		map[string]string{"agent.nom": "Mme Le Goff"},
		map[string]string{"dossier.numero": "Numéro étranger"})
	if want := "Dossier [Numéro étranger], suivi par Mme Le Goff."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCheckItemAsTheEditorTypes(t *testing.T) {
	k := defaultBase(t)
	it, probs := k.CheckItem("sejour/nouveau.md", []byte(strings.Replace(goodItem, "id: bon", "id: nouveau", 1)), testToday)
	if it == nil || probs.Errors() != 0 {
		t.Fatalf("a correct item: %v", probs)
	}
	_, probs = k.CheckItem("sejour/copie.md", []byte(strings.Replace(goodItem, "id: bon", "id: sejour-suivi-demande-anef", 1)), testToday)
	if got := find(probs, "sejour/copie.md", "déjà utilisé par sejour/sejour-suivi-demande-anef.md"); len(got) != 1 {
		t.Errorf("duplicate id not reported: %v", probs)
	}
	_, probs = k.CheckItem("sejour/casse.md", []byte("---\nid: casse\ntitle: [\n---\n"), testToday)
	if probs.Errors() == 0 || probs[0].Line < 3 || probs[0].Line > 4 { // the open bracket, or the end of the front matter where YAML notices it
		t.Errorf("broken YAML: %v", probs)
	}
}

func BenchmarkCheckItem(b *testing.B) {
	k := defaultBase(b)
	data := []byte(strings.Replace(goodItem, "id: bon", "id: nouveau", 1))
	for i := 0; i < b.N; i++ {
		k.CheckItem("sejour/nouveau.md", data, testToday)
	}
}

func TestLinksToMissingItemsAreReported(t *testing.T) {
	a := strings.Replace(goodItem, "id: bon", "id: a", 1) + "Voir [la procédure](b) et [le site](https://www.service-public.fr/).\n"
	b := strings.Replace(goodItem, "id: bon", "id: b", 1)
	k, probs := loadMap(t, map[string]string{"a.md": a, "b.md": b})
	if got := find(probs, "a.md", "lien vers"); len(got) != 0 {
		t.Errorf("a valid link reported: %v", got)
	}
	if refs := k.References("b"); len(refs) != 1 || refs[0].ID != "a" {
		t.Errorf("references of b: %v", refs)
	}
	_, probs = loadMap(t, map[string]string{"a.md": a})
	if got := find(probs, "a.md", "lien vers l'élément « b »"); len(got) != 1 || !strings.Contains(got[0], "a.md:16: warning:") {
		t.Errorf("broken link: %v", probs)
	}
}

// A base written before the codes were all French says « sensitive »: it
// still works, read as « sensible », and the editors are told the new word.
func TestTheFormerSpellingOfSensibleIsReadWithAWarning(t *testing.T) {
	old := strings.Replace(goodItem, "kind: reponse", "kind: reponse\nwhen: [sensitive]", 1)
	k, probs := loadMap(t, map[string]string{"ancien.md": old})
	if got := find(probs, "ancien.md", "s'écrit désormais « sensible »"); len(got) != 1 || !strings.Contains(got[0], ": warning: ") {
		t.Errorf("no warning for the former spelling: %v", probs)
	}
	if probs.Errors() != 0 || len(k.Items) != 1 || !k.Items[0].When(SituationSensible) {
		t.Errorf("the item is not read as made for a sensible case: %v %v", probs, k.Items)
	}
}
