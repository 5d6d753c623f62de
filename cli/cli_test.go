package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// run runs a command with stdin and returns its exit code, stdout, stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Today: today}, args)
	return code, out.String(), errOut.String()
}

func TestSuggestReadsSubjectLineAndPrintsFrench(t *testing.T) {
	code, out, errOut := run(t, "Objet : carte grise\n\nBonjour, je n'ai jamais reçu ma carte grise après l'achat de ma voiture.", "suggest")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Catégorie : Immatriculation (immatriculation)", "Suggestions :", "mots reconnus :"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestParseMessage(t *testing.T) {
	for in, want := range map[string][2]string{
		"Subject: Renouvellement\nCorps":    {"Renouvellement", "Corps"},
		"OBJET : urgent\r\n\r\nTexte":       {"urgent", "Texte"},
		"\nObjet: TS\nlà":                   {"TS", "là"},
		"Pas d'objet ici\nObjet : plus bas": {"", "Pas d'objet ici\nObjet : plus bas"},
	} {
		m, err := ParseMessage([]byte(in))
		if err != nil || m.Subject != want[0] || m.Body != want[1] {
			t.Errorf("%q → %+v %v, want %q", in, m, err, want)
		}
	}
}

func TestSuggestJSONLKeepsOrderAndReportsBadLines(t *testing.T) {
	in := `{"id": "a", "subject": "passeport", "body": "Mon passeport est perdu", "category": "ignored"}
pas du json
{"id": "b", "subject": "", "body": "Je voudrais la médaille du travail"}

{"subject": "sans id", "body": "x"}
{"id": "c", "subject": "", "body": "  "}
`
	code, out, errOut := run(t, in, "suggest", "--jsonl")
	if code != ExitFail {
		t.Errorf("exit %d, want %d when lines are rejected", code, ExitFail)
	}
	for _, want := range []string{"ligne 2 : JSON invalide", "ligne 5 : champ « id » manquant", "ligne 6 : message vide"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d output lines, want one per non-blank input line (5):\n%s", len(lines), out)
	}
	var first struct {
		ID          string `json:"id"`
		Category    string `json:"category"`
		Service     string `json:"service"`
		Transfer    *bool  `json:"transfer"`
		Suggestions []struct {
			ID       string   `json:"id"`
			Title    string   `json:"title"`
			Kind     string   `json:"kind"`
			Category string   `json:"category"`
			Score    *float64 `json:"score"`
			Matched  []string `json:"matched"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.ID != "a" || first.Category != "identite" || first.Service == "" || first.Transfer == nil ||
		len(first.Suggestions) == 0 || first.Suggestions[0].Score == nil || first.Suggestions[0].Title == "" {
		t.Errorf("first line does not follow the contract: %s", lines[0])
	}
	var bad struct {
		Line  int    `json:"line"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &bad); err != nil || bad.Line != 2 {
		t.Errorf("bad line not kept in place: %s", lines[1])
	}
	if !strings.Contains(lines[2], `"id":"b"`) || !strings.Contains(lines[2], `"category":"autre"`) {
		t.Errorf("third output line: %s", lines[2])
	}
}

func TestBadInputGetsAClearErrorNotAPanic(t *testing.T) {
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"empty stdin", "", []string{"suggest"}, ExitUsage, "message vide"},
		{"blank stdin", " \n\t\n", []string{"suggest"}, ExitUsage, "message vide"},
		{"binary stdin", "\x00\x01\x02PK\x03\x04", []string{"suggest"}, ExitUsage, "pas du texte"},
		{"latin-1 stdin", "carte d'identit\xe9", []string{"suggest"}, ExitUsage, "pas du texte"},
		{"empty jsonl", "", []string{"suggest", "--jsonl"}, ExitUsage, "aucun message"},
		{"missing kb", "x", []string{"suggest", "--kb", "/nonexistent/kb"}, ExitUsage, "introuvable"},
		{"kb is a file", "x", []string{"check", "--kb", "cli_test.go"}, ExitUsage, "n'est pas un dossier"},
		{"empty kb dir", "x", []string{"check", "--kb", "."}, ExitUsage, "aucun fichier .md"},
		{"missing message file", "", []string{"suggest", "/nonexistent/message.txt"}, ExitUsage, "impossible d'ouvrir"},
		{"unknown command", "", []string{"frobnicate"}, ExitUsage, "commande inconnue"},
		{"bad format", "", []string{"check", "--format", "xml"}, ExitUsage, "--format"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := run(t, c.stdin, c.args...)
			if code != c.code || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, c.code, c.want)
			}
		})
	}
}

func TestUnreadableKBDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any directory")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0)
	defer os.Chmod(dir, 0o755)
	code, _, errOut := run(t, "x", "check", "--kb", dir)
	if code != ExitUsage || !strings.Contains(errOut, "illisible") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

func TestCheckExitCodes(t *testing.T) {
	code, out, _ := run(t, "", "check")
	if code != ExitOK || !strings.Contains(out, "0 erreur(s)") {
		t.Errorf("default knowledge base: exit %d\n%s", code, out)
	}

	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", "prefecture: Test\n")
	write("ok.md", "---\nid: ok\ntitle: Bon\nkind: procedure\nkeywords: [a]\nreviewed: 2026-11-01\nlang: fr\n---\nTexte.\n")
	write("faux.md", "---\nid: faux\ntitle: Faux\nkind: reponse\ncategory: visas\nreviewed: 2026-11-01\nlang: fr\n---\n{{inconnu}}\n")
	code, out, _ = run(t, "", "check", "--kb", dir)
	if code != ExitFail {
		t.Errorf("exit %d, want %d on errors", code, ExitFail)
	}
	for _, want := range []string{"faux.md:5: error: catégorie « visas »", "faux.md:9: error: champ « {{inconnu}} » inconnu", "2 élément(s)"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "", "check", "--kb", dir, "--format", "json")
	var rep checkReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != ExitFail || rep.Errors == 0 || rep.Items != 2 {
		t.Errorf("json report: exit %d, %+v, %v", code, rep, err)
	}

	os.Remove(filepath.Join(dir, "faux.md"))
	write("vieux.md", "---\nid: vieux\ntitle: Vieux\nkind: procedure\nkeywords: [a]\nreviewed: 2024-01-01\nlang: fr\n---\nTexte.\n")
	code, out, _ = run(t, "", "check", "--kb", dir)
	if code != ExitOK || !strings.Contains(out, "vieux.md:6: warning:") {
		t.Errorf("warnings only must exit 0: exit %d\n%s", code, out)
	}
}

func TestEvalPrintsFiguresAndMisclassified(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "eval.jsonl")
	os.WriteFile(file, []byte(`{"id":"m1","subject":"carte grise","body":"Je n'ai pas reçu ma carte grise","category":"immatriculation","service":"accueil","transfer":false,"sensitive":false}
{"id":"m2","subject":"","body":"Je n'ai pas reçu ma carte grise","category":"permis","service":"accueil","transfer":false,"sensitive":false}
`), 0o644)
	code, out, errOut := run(t, "", "eval", file)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"2 messages évalués", "  catégorie                            0.500  (1/2)", "catégorie : m2", "Matrice de confusion"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestBenchPrintsTheFigures(t *testing.T) {
	code, out, errOut := run(t, "", "bench", "--size", "200", "--runs", "20")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"200 éléments", "Indexation", "p50", "p99", "Tas au maximum"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
}

func TestSuggestReadsAnEMLFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "message.eml")
	eml := "From: Amadou Diallo <amadou@example.org>\r\nTo: prefecture@example.gouv.fr\r\nSubject: =?UTF-8?Q?Relance_titre_de_s=C3=A9jour?=\r\nDate: Tue, 24 Nov 2026 09:12:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBonjour, je vous ai =C3=A9crit le 3 novembre, toujours rien pour mon titre de s=C3=A9jour.\r\nAmadou Diallo\r\nN=C2=B0 =C3=A9tranger 7503012345\r\n"
	os.WriteFile(file, []byte(eml), 0o644)
	code, out, errOut := run(t, "", "suggest", "--json", file)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Category string
		Relance  struct{ Detected bool }
		Values   map[string]string
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Category != "sejour" || !res.Relance.Detected || res.Values["dossier.numero"] != "7503012345" {
		t.Errorf("eml read as %+v", res)
	}
	os.WriteFile(file, []byte("pas un mail\n"), 0o644)
	if code, _, errOut := run(t, "", "suggest", file); code != ExitUsage || !strings.Contains(errOut, "n'est pas un e-mail") {
		t.Errorf("not a mail: exit %d %q", code, errOut)
	}
}

// Text that only starts like a mail header is still the person's text.
func TestPastedTextStartingWithFromIsReadWhole(t *testing.T) {
	code, out, errOut := run(t, "From: Jean Dupont\nBonjour, je vous ai déjà écrit deux fois pour ma carte grise, toujours rien.", "suggest", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var a struct {
		Category string
		Relance  struct{ Detected bool }
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil || a.Category != "immatriculation" || !a.Relance.Detected {
		t.Errorf("the body was lost: %v %s", err, out)
	}
}

// Editors and tests read what a person would receive: the reply composed
// on the first suggestion, as text and in JSON.
func TestSuggestGivesTheComposedReply(t *testing.T) {
	msg := "Objet : carte grise\n\nBonjour, je n'ai jamais reçu ma carte grise après l'achat de ma voiture."
	code, out, errOut := run(t, msg, "suggest")
	if code != ExitOK || !strings.Contains(out, "Réponse composée sur la première suggestion") || !strings.Contains(out, "Madame, Monsieur,") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	code, out, _ = run(t, msg, "suggest", "--json")
	var one struct{ Reply string }
	if code != ExitOK || json.Unmarshal([]byte(out), &one) != nil || !strings.HasPrefix(one.Reply, "Madame, Monsieur,") ||
		!strings.Contains(one.Reply, "\n\n") || !strings.Contains(one.Reply, "[Bloc signature de l'agent]") {
		t.Errorf("--json reply: %q", one.Reply)
	}
	code, out, _ = run(t, `{"id": "x", "subject": "passeport", "body": "Mon passeport est perdu, que faire ?"}`+"\n", "suggest", "--jsonl")
	var line struct{ ID, Reply string }
	if code != ExitOK || json.Unmarshal([]byte(out), &line) != nil || line.ID != "x" || !strings.Contains(line.Reply, "passeport") {
		t.Errorf("--jsonl reply: %s", out)
	}
}
