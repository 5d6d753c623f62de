package search

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"plume/templates"
)

// words renders a token stream as term@start-end, for comparing.
func words(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%s@%d-%d ", t.Term, t.Start, t.End)
	}
	return b.String()
}

// The fast tokenizer reads the knowledge base and the labelled messages
// word for word as Bleve's Unicode tokenizer does, after the same ASCII
// folding: swapping it changes no term and no offset the engine sees.
func TestWordTokenizerCutsLikeTheUnicodeTokenizer(t *testing.T) {
	texts := []string{
		"L'été, l’hiver : aujourd'hui 12,5 % de 1.234 ; 14:30 à 15h30.",
		"Site : immatriculation.ants.gouv.fr, courriel prenom.nom@interieur.gouv.fr",
		"Plaque AA-123-AA, ancien format 123 ABC 45 ; n° 7503318402 ; 1er, 2e, 3ème",
		"Bonjour ?\u00a0Merci ! dossier\u202f? snake_case _x x_ __ _ a''b a..b 1..2 1,,2 a:1 1:a",
		"inter\u00adnational, e\u0301te\u0301, ‘quoted’, «\u00a0guillemets\u00a0», 3.14.15, v2.7.1",
		"Ελληνικά Кириллица العربية עִברִית 中文字 ひらがな カタカナ ไทย",
		"😀 emoji 👍🏽 end",
	}
	err := fs.WalkDir(templates.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.FS, path)
		texts = append(texts, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range labelledMessages(t) {
		texts = append(texts, m.Subject, m.Body)
	}
	fold := asciifolding.New()
	for _, text := range texts {
		in := fold.Filter([]byte(text))
		want, got := words(unicode.NewUnicodeTokenizer().Tokenize(in)), words(wordTokenizer{}.Tokenize(in))
		if got != want {
			t.Errorf("%.60q…\n got %.300s\nwant %.300s", text, got, want)
		}
	}
}

// BenchmarkTokenize compares the two tokenizers on the knowledge base.
func BenchmarkTokenize(b *testing.B) {
	var all []byte
	fs.WalkDir(templates.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := fs.ReadFile(templates.FS, path)
			all = append(all, data...)
		}
		return err
	})
	all = asciifolding.New().Filter(all)
	for _, tk := range []struct {
		name string
		t    analysis.Tokenizer
	}{{"unicode", unicode.NewUnicodeTokenizer()}, {"words", wordTokenizer{}}} {
		b.Run(tk.name, func(b *testing.B) {
			b.SetBytes(int64(len(all)))
			for b.Loop() {
				tk.t.Tokenize(all)
			}
		})
	}
}
