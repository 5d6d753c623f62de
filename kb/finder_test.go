package kb

import (
	"testing"
)

func TestFinderForgivesAccentsAndReturnsRunePositions(t *testing.T) {
	items := []*Item{
		{ID: "a", Title: "Titre de séjour : suivi", Category: "sejour"},
		{ID: "b", Title: "Carte grise perdue", Category: "immatriculation"},
		{ID: "c", Title: "Éloignement : recours", Category: "eloignement"},
	}
	f := NewFinder(items)

	got := f.Find("sejour", nil)
	if len(got) != 1 || got[0].Item.ID != "a" {
		t.Fatalf("« sejour » found %v", got)
	}
	// "Titre de séjour" : s=9 é=10 j=11 o=12 u=13 r=14 in runes (é is one rune,
	// two bytes: byte offsets would be off by one after it).
	want := []int{9, 10, 11, 12, 13, 14}
	if len(got[0].Runes) != len(want) {
		t.Fatalf("runes %v, want %v", got[0].Runes, want)
	}
	title := []rune(items[0].Title)
	for i, r := range got[0].Runes {
		if r != want[i] {
			t.Errorf("runes %v, want %v", got[0].Runes, want)
			break
		}
		_ = title[r]
	}

	if got := f.Find("ELOIGN", nil); len(got) != 1 || got[0].Item.ID != "c" || got[0].Runes[0] != 0 {
		t.Errorf("« ELOIGN » found %+v", got)
	}
	onlyCars := func(it *Item) bool { return it.Category == "immatriculation" }
	if got := f.Find("", onlyCars); len(got) != 1 || got[0].Item.ID != "b" {
		t.Errorf("empty pattern with a filter: %+v", got)
	}
	if got := f.Find("zzz", nil); len(got) != 0 {
		t.Errorf("« zzz » found %+v", got)
	}
}

func TestFinderOnTheDefaultKnowledgeBase(t *testing.T) {
	got := NewFinder(defaultBase(t).Items).Find("passeport urgence", nil)
	if len(got) == 0 {
		t.Fatal("nothing found for « passeport urgence »")
	}
	for _, m := range got[:1] {
		title := []rune(m.Item.Title)
		for _, r := range m.Runes {
			if r < 0 || r >= len(title) {
				t.Fatalf("rune %d outside %q", r, m.Item.Title)
			}
		}
	}
}
