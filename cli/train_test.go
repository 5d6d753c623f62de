package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importedBase writes the embedded base to a folder an editor could own.
func importedBase(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	base := filepath.Join(dir, "base")
	if code, out, errOut := run(t, "", "kb", "import", exportEmbedded(t, dir), "-o", base); code != ExitOK {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	return base
}

// examplesLines are labelled messages of one writer, varied enough to train on.
func examplesLines(writer string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		relance := i%2 == 0
		body := fmt.Sprintf("Bonjour, quels documents pour renouveler mon titre de séjour n°%d ?", i)
		svc := "accueil"
		if relance {
			body = fmt.Sprintf("Je vous ai déjà écrit le %d octobre, toujours aucune réponse pour mon titre de séjour.", i+1)
			svc = "immigration"
		}
		fmt.Fprintf(&b, `{"id":"%s-%d","writer":"%s","subject":"","body":%q,"category":"sejour","service":"%s","relance":%v,"sensitive":false,"reasons":[]}`+"\n",
			writer, i, writer, body, svc, relance)
	}
	return b.String()
}

func TestTrainStopsAtABrokenExampleAndWritesNothing(t *testing.T) {
	base := importedBase(t)
	ex := filepath.Join(base, "exemples")
	os.MkdirAll(ex, 0o755)
	bad := examplesLines("a", 3) + `{"id":"a-9","writer":"a","subject":"","body":"x","category":"visa","service":"accueil","relance":false,"sensitive":false}` + "\n"
	os.WriteFile(filepath.Join(ex, "a.jsonl"), []byte(bad), 0o644)
	out := filepath.Join(t.TempDir(), "poids")
	code, _, errOut := run(t, "", "train", "--kb", base, "-o", out)
	if code != ExitUsage || !strings.Contains(errOut, "a.jsonl:4:") || !strings.Contains(errOut, "catégorie « visa » inconnue") {
		t.Errorf("exit %d, stderr %q: want the file and line of the bad example", code, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("weights written despite a broken example")
	}
}

func TestTrainedWeightsAreUsedAndCheckSaysWhenExamplesChange(t *testing.T) {
	base := importedBase(t)
	ex := filepath.Join(base, "exemples")
	os.MkdirAll(ex, 0o755)
	os.WriteFile(filepath.Join(ex, "a.jsonl"), []byte(examplesLines("a", 12)), 0o644)
	os.WriteFile(filepath.Join(ex, "b.jsonl"), []byte(examplesLines("b", 12)), 0o644)
	code, out, errOut := run(t, "", "train", "--kb", base)
	if code != ExitOK || !strings.Contains(out, "24 exemples de 2 rédacteurs") || !strings.Contains(out, "Validation croisée par rédacteur") {
		t.Fatalf("train: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(base, "jugement.poids")); err != nil {
		t.Fatalf("weights not written in the base: %v", err)
	}
	_, out, _ = run(t, "", "check", "--kb", base)
	if strings.Contains(out, "jugement.poids") {
		t.Errorf("fresh weights reported by check:\n%s", out)
	}
	_, out, _ = run(t, "Je vous ai déjà écrit le 3 octobre, toujours aucune réponse.", "suggest", "--json", "--kb", base, "-")
	if !strings.Contains(out, `"judgement"`) {
		t.Errorf("the base's own weights were not used:\n%.300s", out)
	}
	os.WriteFile(filepath.Join(ex, "c.jsonl"), []byte(examplesLines("c", 2)), 0o644)
	_, out, _ = run(t, "", "check", "--kb", base)
	if !strings.Contains(out, "jugement.poids:1: warning") || !strings.Contains(out, "plume train") {
		t.Errorf("check does not say the weights are older than the examples:\n%s", out)
	}
}

func TestEvalCrossValidatesByWriter(t *testing.T) {
	dir := t.TempDir()
	for _, w := range []string{"a", "b", "c"} {
		os.WriteFile(filepath.Join(dir, w+".jsonl"), []byte(examplesLines(w, 8)), 0o644)
	}
	code, out, errOut := run(t, "", "eval", "--cv", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"24 messages, 3 rédacteurs", "relance, « à vérifier » compris", "par rédacteur laissé de côté", "    a "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
