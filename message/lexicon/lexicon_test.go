package lexicon

import "testing"

func TestFoldReadsEveryWayOfTyping(t *testing.T) {
	for in, want := range map[string]string{
		"Étranger":             "etranger",
		"ÉTRANGER":             "etranger",
		"d’identité":           "d'identite",
		"cœur":                 "coeur",
		"«\u00a0urgent\u00a0»": "\" urgent \"",
		"Ça — là":              "ca - la",
		"plain ascii 123":      "plain ascii 123",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClosingFormulasOpenASignatureButNotAName(t *testing.T) {
	for _, line := range []string{"Cordialement,", "BIEN À VOUS", "Merci d'avance", "Je vous prie d’agréer, Madame",
		"Très cordialement", "Best regards,", "Thanks!", "Salutations distinguées"} {
		if !IsClosingFormula(line) {
			t.Errorf("%q is not read as a closing formula", line)
		}
	}
	for _, line := range []string{"Mercier Jean", "Cordialité", "Bonjour,", "Je vous écris", "Bestow", ""} {
		if IsClosingFormula(line) {
			t.Errorf("%q is read as a closing formula", line)
		}
	}
}

func BenchmarkIsClosingFormula(b *testing.B) {
	lines := []string{"Bonjour madame,", "Je vous écris au sujet de mon titre de séjour.", "Cordialement,", "Ahmed Diallo", "06 12 34 56 78", "Mercier Jean"}
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			IsClosingFormula(l)
		}
	}
}
