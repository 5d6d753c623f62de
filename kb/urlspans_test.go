package kb

import (
	"io/fs"
	"reflect"
	"testing"

	"plume/templates"
)

// URLSpans reads line by line, and only the lines that can hold an
// address: it must find what the expression finds in the whole text.
func TestURLSpansFindWhatTheExpressionFinds(t *testing.T) {
	texts := []string{
		"Voir [le site](https://www.service-public.fr) ou <https://ants.gouv.fr>.\n[ref]: https://x.fr\n   [r2]: http://y.fr \"t\"\nhttp://a.fr/b?c=d) fin",
		"Écrire à <mailto:a@b.fr>, (HTTPS://EXEMPLE.FR/x), ftp://f.fr, xhttp://no.fr",
		"[lien](\nnon) <pas d'adresse> ] ( ]: https://\n\n\r\nhttps://fin.fr",
		"", "\n", "https://a.fr\nhttps://b.fr", "<a:b>", "](x)",
	}
	paths, _, err := ItemPaths(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		b, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	withAddresses := 0
	for _, text := range texts {
		want, got := urlRe.FindAllStringIndex(text, -1), URLSpans(text)
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		withAddresses++
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.80q…\n got %v\nwant %v", text, got, want)
		}
	}
	if withAddresses < 20 {
		t.Fatalf("seulement %d textes avec des adresses", withAddresses)
	}
}
