package kb

import (
	"regexp"
	"strings"
	"time"
)

// Expired reports whether an info's expiry date has passed on day: an info
// that expires today is still served today.
func (it *Item) Expired(day time.Time) bool {
	return it.Kind == KindInfo && !it.Expires.IsZero() && it.Expires.Before(Day(day))
}

// ReviewDue reports whether the item needs reviewing on day: never
// reviewed, or last reviewed more than ReviewMaxAge months before.
func (it *Item) ReviewDue(day time.Time) bool {
	return it.Reviewed.IsZero() || it.Reviewed.AddDate(0, ReviewMaxAge, 0).Before(day)
}

// NewItemText is the text of a new item of kind, as the editors start it:
// the front matter its kind needs, reviewed on day (an info expiring two
// months later), and a first line of advice.
func NewItemText(id string, kind Kind, day time.Time) string {
	head := "---\nid: " + id + "\ntitle: \nkind: " + string(kind) + "\n"
	switch kind {
	case KindReponse:
		head += "category: autre\nservice: " + ServiceAccueil + "\ntransfer: false\nkeywords: []\nnot_for: [" + SituationRelance + "]\nsource: https://www.service-public.fr/\n"
	case KindProcedure:
		head += "keywords: []\n"
	case KindBloc:
		head += "role: " + RoleOuverture + "\n"
	case KindInfo:
		head += "category: sejour\nexpires: " + day.AddDate(0, 2, 0).Format(dateLayout) + "\nkeywords: []\n"
	}
	return head + "reviewed: " + day.Format(dateLayout) + "\nlang: fr\n---\nRépondez d'abord à la question posée, en phrases courtes.\n"
}

// FolderFor is the folder of the base where a new item of kind goes.
func FolderFor(kind Kind) string {
	switch kind {
	case KindBloc:
		return "blocs"
	case KindProcedure:
		return "procedures"
	}
	return "autre"
}

var idLineRe = regexp.MustCompile(`(?m)^id:[^\n]*$`)

// SetID writes id in an item's text: its id line replaced, or one added at
// the top of the front matter (a copy, a rename).
func SetID(text, id string) string {
	if idLineRe.MatchString(text) {
		return idLineRe.ReplaceAllLiteralString(text, "id: "+id)
	}
	return strings.Replace(text, "---\n", "---\nid: "+id+"\n", 1)
}
