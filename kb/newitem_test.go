package kb

import (
	"strings"
	"testing"
	"time"
)

// A new item, once titled, is valid for every kind: the editors start from
// a text the checks accept.
func TestANewItemOfEveryKindIsValidOnceTitled(t *testing.T) {
	k := defaultBase(t)
	for _, kind := range []Kind{KindReponse, KindProcedure, KindBloc, KindInfo} {
		text := strings.Replace(NewItemText("essai-"+string(kind), kind, testToday), "title: \n", "title: Un essai\n", 1)
		it, probs := k.CheckItem(FolderFor(kind)+"/essai.md", []byte(text), testToday)
		if probs.Errors() > 0 || it == nil || it.ID != "essai-"+string(kind) {
			t.Errorf("%s: %v", kind, probs)
		}
	}
}

func TestSetIDReplacesOrAddsTheIDLine(t *testing.T) {
	if got := SetID("---\nid: ancien\ntitle: X\n---\n", "nouveau"); !strings.Contains(got, "id: nouveau\n") || strings.Contains(got, "ancien") {
		t.Errorf("replaced: %q", got)
	}
	if got := SetID("---\ntitle: X\n---\n", "nouveau"); !strings.HasPrefix(got, "---\nid: nouveau\n") {
		t.Errorf("added: %q", got)
	}
}

// An info expiring today is still served today; a review is due a year on.
func TestExpiryAndReviewAreJudgedByTheDay(t *testing.T) {
	day := time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)
	info := &Item{Kind: KindInfo, Expires: Date{Time: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}, Reviewed: Date{Time: day.AddDate(-1, 0, -1)}}
	if info.Expired(day) || !info.Expired(day.AddDate(0, 0, 1)) {
		t.Error("an info expiring today is not served until tomorrow")
	}
	if !info.ReviewDue(day) || (&Item{Reviewed: Date{Time: day.AddDate(0, -11, 0)}}).ReviewDue(day) || !(&Item{}).ReviewDue(day) {
		t.Error("review due: more than a year ago or never")
	}
}
