package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"plume/internal/bundletest"
	"plume/kb"
	"plume/kb/bundle"
	"plume/templates"
)

// embeddedItems is the number of items of the embedded knowledge base.
func embeddedItems(t *testing.T) int {
	t.Helper()
	k, _, err := kb.Load(templates.FS, kb.LoadOptions{Now: kb.At(today)})
	if err != nil {
		t.Fatal(err)
	}
	return len(k.Items)
}

// exportEmbedded writes the embedded base to dir/kb.bundle.
func exportEmbedded(t *testing.T, dir string) string {
	t.Helper()
	file := filepath.Join(dir, "kb.bundle")
	code, out, errOut := run(t, "", "kb", "export", "-o", file)
	if code != ExitOK {
		t.Fatalf("export: exit %d\n%s%s", code, out, errOut)
	}
	return file
}

func TestKBExportThenUseAndImport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "kb.bundle")
	code, out, errOut := run(t, "", "kb", "export", "-o", file)
	if code != ExitOK {
		t.Fatalf("export: exit %d\n%s", code, errOut)
	}
	n := embeddedItems(t)
	st, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		file + " : paquet de base intégrée",
		fmt.Sprintf("  éléments   %d\n", n),
		"  empreinte  sha256:",
		fmt.Sprintf("  taille     %d octets\n", st.Size()),
		"  construit  2026-11-25T10:00:00Z",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export report lacks %q:\n%s", want, out)
		}
	}
	if errOut != "" {
		t.Errorf("stderr: %s", errOut)
	}
	exported := out

	// --kb kb.bundle wherever --kb is.
	code, out, _ = run(t, "", "check", "--kb", file)
	if code != ExitOK || !strings.Contains(out, fmt.Sprintf("%s : %d élément(s), 0 erreur(s)", file, n)) {
		t.Errorf("check --kb bundle: exit %d\n%s", code, out)
	}
	code, out, errOut = run(t, "Objet : carte grise\n\nJe n'ai jamais reçu ma carte grise.", "suggest", "--kb", file)
	if code != ExitOK || !strings.Contains(out, "(immatriculation)") {
		t.Errorf("suggest --kb bundle: exit %d\n%s%s", code, out, errOut)
	}
	// Exporting a bundle again gives the same files (same hash).
	code, again, _ := run(t, "", "kb", "export", "--kb", file, "-o", filepath.Join(dir, "encore.bundle"))
	if code != ExitOK || hashLine(again) == "" || hashLine(again) != hashLine(exported) {
		t.Errorf("re-export of a bundle: exit %d, %q vs %q", code, hashLine(again), hashLine(exported))
	}

	// Import into a new folder: the base reads back whole.
	target := filepath.Join(dir, "base", "copie")
	code, out, errOut = run(t, "", "kb", "import", file, "-o", target)
	if code != ExitOK || !strings.Contains(out, fmt.Sprintf("%d élément(s) et %d fichier(s) écrits", n, n+len(kb.RootFiles))) {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = run(t, "", "check", "--kb", target)
	if code != ExitOK || !strings.Contains(out, fmt.Sprintf("%d élément(s), 0 erreur(s)", n)) {
		t.Errorf("check of the imported folder: exit %d\n%s", code, out)
	}
	fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, walkErr error) error {
		if walkErr != nil {
			return walkErr
		}
		if d.IsDir() || strings.HasSuffix(p, "README.md") || strings.HasSuffix(p, ".go") {
			return nil
		}
		want, _ := fs.ReadFile(templates.FS, p)
		got, err := os.ReadFile(filepath.Join(target, filepath.FromSlash(p)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s not imported byte for byte: %v", p, err)
		}
		return nil
	})

	// A non-empty folder is refused without --force, and left as it was.
	notes := filepath.Join(target, "autre", "note-locale.md")
	os.WriteFile(notes, []byte("à garder\n"), 0o644)
	site := filepath.Join(target, "site.yaml")
	os.WriteFile(site, []byte("modifié: oui\n"), 0o644)
	code, _, errOut = run(t, "", "kb", "import", file, "-o", target)
	if code != ExitUsage || !strings.Contains(errOut, "n'est pas vide : ajoutez --force") {
		t.Errorf("non-empty folder: exit %d %q", code, errOut)
	}
	if b, _ := os.ReadFile(site); string(b) != "modifié: oui\n" {
		t.Error("a refused import changed a file")
	}
	code, _, errOut = run(t, "", "kb", "import", "--force", file, "-o", target)
	if code != ExitOK || !strings.Contains(errOut, "1 fichier(s) .md du dossier ne sont pas dans le paquet et restent en place : autre/note-locale.md") {
		t.Errorf("--force: exit %d %q", code, errOut)
	}
	if b, _ := os.ReadFile(site); string(b) == "modifié: oui\n" {
		t.Error("--force did not write the bundle's site.yaml")
	}
	if b, _ := os.ReadFile(notes); string(b) != "à garder\n" {
		t.Error("--force removed a file the bundle does not hold")
	}
	if left, _ := filepath.Glob(filepath.Join(target, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func hashLine(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  empreinte  ") {
			return l
		}
	}
	return ""
}

func TestKBExportToStandardOutput(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Run(Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Today: today}, []string{"kb", "export", "-o", "-"})
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	_, info, err := bundle.Read(&out)
	if err != nil || info.Items != embeddedItems(t) {
		t.Errorf("stdout is not the bundle: %+v %v", info, err)
	}
	if !strings.Contains(errOut.String(), "empreinte  "+info.Hash) {
		t.Errorf("report not on stderr: %q", errOut.String())
	}
}

func TestKBExportRefusesABaseWithErrors(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base")
	os.Mkdir(base, 0o755)
	os.WriteFile(filepath.Join(base, "site.yaml"), []byte("prefecture: Test\n"), 0o644)
	os.WriteFile(filepath.Join(base, "ok.md"), []byte("---\nid: ok\ntitle: Bon\nkind: procedure\nkeywords: [a]\nreviewed: 2026-11-01\nlang: fr\n---\nTexte.\n"), 0o644)
	os.WriteFile(filepath.Join(base, "faux.md"), []byte("---\nid: faux\ntitle: Faux\nkind: procedure\nkeywords: [a]\nreviewed: 2026-11-01\nlang: fr\n---\n{{inconnu}}\n"), 0o644)
	file := filepath.Join(dir, "kb.bundle")
	code, out, errOut := run(t, "", "kb", "export", "--kb", base, "-o", file)
	if code != ExitFail {
		t.Errorf("exit %d, want %d", code, ExitFail)
	}
	for _, want := range []string{"faux.md:9: error: champ « {{inconnu}} » inconnu", "1 erreur(s), paquet non écrit"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if out != "" {
		t.Errorf("stdout: %q", out)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left next to the base: %v", entries)
	}

	// Fixed: it is written; a warning does not stop it.
	os.WriteFile(filepath.Join(base, "faux.md"), []byte("---\nid: faux\ntitle: Faux\nkind: procedure\nkeywords: [a]\nreviewed: 2020-11-01\nlang: fr\n---\nTexte.\n"), 0o644)
	if code, out, errOut := run(t, "", "kb", "export", "--kb", base, "-o", file); code != ExitOK || !strings.Contains(out, "éléments   2") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

func TestKBCommandsRefuseBadInput(t *testing.T) {
	dir := t.TempDir()
	good := exportEmbedded(t, dir)
	data, _ := os.ReadFile(good)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	truncated := write("tronque.bundle", data[:len(data)/3])
	text := write("texte.bundle", []byte("Bonjour\n"))
	// Edited: one file changed inside a well-formed bundle.
	doc := bundletest.Unpack(t, data)
	doc["files"].(map[string]any)["site.yaml"] = "prefecture: Ailleurs\n"
	edited := write("modifie.bundle", bundletest.Repack(t, doc))
	doc["format"] = "plume-kb/9"
	future := write("futur.bundle", bundletest.Repack(t, doc))
	target := filepath.Join(dir, "cible")

	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"kb alone", []string{"kb"}, ExitUsage, "indiquez export ou import"},
		{"kb unknown", []string{"kb", "publier"}, ExitUsage, "sous-commande inconnue « publier »"},
		{"export without -o", []string{"kb", "export"}, ExitUsage, "indiquez le fichier à écrire"},
		{"export extra argument", []string{"kb", "export", "-o", filepath.Join(dir, "x.bundle"), "en-trop"}, ExitUsage, "argument en trop"},
		{"export missing kb", []string{"kb", "export", "--kb", "/nonexistent/kb", "-o", filepath.Join(dir, "x.bundle")}, ExitUsage, "introuvable"},
		{"export to a missing folder", []string{"kb", "export", "-o", filepath.Join(dir, "absent", "x.bundle")}, ExitFail, "écriture de"},
		{"import without -o", []string{"kb", "import", good}, ExitUsage, "plume kb import kb.bundle -o DOSSIER"},
		{"import without bundle", []string{"kb", "import", "-o", target}, ExitUsage, "plume kb import kb.bundle -o DOSSIER"},
		{"import missing bundle", []string{"kb", "import", filepath.Join(dir, "absent.bundle"), "-o", target}, ExitUsage, "impossible d'ouvrir"},
		{"import truncated", []string{"kb", "import", truncated, "-o", target}, ExitUsage, "paquet tronqué"},
		{"import text", []string{"kb", "import", text, "-o", target}, ExitUsage, "n'est pas un paquet de base de connaissances Plume"},
		{"import edited", []string{"kb", "import", edited, "-o", target}, ExitUsage, "l'empreinte des fichiers ne correspond pas"},
		{"import future", []string{"kb", "import", future, "-o", target}, ExitUsage, "« plume-kb/9 »"},
		{"import onto a file", []string{"kb", "import", good, "-o", good}, ExitUsage, "n'est pas un dossier"},
		{"--kb truncated", []string{"check", "--kb", truncated}, ExitUsage, truncated + " : paquet tronqué"},
		{"--kb edited", []string{"suggest", "--kb", edited}, ExitUsage, "modifié après sa création"},
		{"--kb text", []string{"eval", "--kb", text, good}, ExitUsage, "n'est pas un paquet"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := run(t, "x", c.args...)
			if code != c.code || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, c.code, c.want)
			}
		})
	}
	if _, err := os.Stat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused import created its folder: %v", err)
	}
}

func TestEvalReportsExpectedItems(t *testing.T) {
	// The ids come from the engine itself, so that the test follows the
	// ranking rather than freezing it.
	const body = "Je n'ai jamais reçu ma carte grise après l'achat de ma voiture."
	code, out, _ := run(t, "Objet : carte grise\n\n"+body, "suggest", "--json")
	var res struct{ Suggestions []struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != ExitOK || len(res.Suggestions) < 4 {
		t.Fatalf("suggest: exit %d, %v, %d suggestions", code, err, len(res.Suggestions))
	}
	s := res.Suggestions
	line := func(id string, expected any) string {
		b, _ := json.Marshal(map[string]any{"id": id, "subject": "carte grise", "body": body, "category": "immatriculation", "expected": expected})
		return string(b) + "\n"
	}
	file := filepath.Join(t.TempDir(), "regression.jsonl")
	os.WriteFile(file, []byte(
		line("m1", s[0].ID)+ // first
			line("m2", []string{"inexistant", s[1].ID})+ // second, in the first three
			line("m3", s[3].ID)+ // fourth
			line("m4", "renomme")+ // not in the base
			`{"id":"m5","body":"x","expected":3}`+"\n"+ // bad type: line ignored
			line("m6", nil), // no expectation
	), 0o644)
	code, out, errOut := run(t, "", "eval", file, "--kb", "") // flags after the file work too
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"5 messages évalués",
		"  catégorie                            1.000  (5/5)",
		"  réponse attendue en 1re position     0.250  (1/4)\n",
		"    dans les 3 premières               0.500  (2/4)\n",
		"  réponse attendue hors de la 1re position : m2 m3 m4\n",
		"  réponse attendue hors des 3 premières : m3 m4\n",
		"Réponses attendues hors de la 1re position :\n",
		"  m2 : attendu inexistant ou " + s[1].ID + " (2e) ; en tête : " + s[0].ID + ", " + s[1].ID + ", " + s[2].ID + "\n",
		"  m3 : attendu " + s[3].ID + " (4e) ;",
		"  m4 : attendu renomme (non proposée) ;",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{
		"ligne 5 ignorée : « expected » : un identifiant ou une liste d'identifiants",
		"réponse attendue « inexistant » absente de la base (identifiant renommé ou supprimé ?) : m2",
		"réponse attendue « renomme » absente de la base (identifiant renommé ou supprimé ?) : m4",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}

	// A suite with expectations only (no category) is a suite.
	os.WriteFile(file, []byte(`{"id":"r1","subject":"carte grise","body":"`+body+`","expected":"`+s[0].ID+`"}`+"\n"), 0o644)
	code, out, errOut = run(t, "", "eval", file)
	if code != ExitOK || !strings.Contains(out, "1 messages évalués") || !strings.Contains(out, "réponse attendue en 1re position     1.000  (1/1)") ||
		strings.Contains(out, "Réponses attendues hors") {
		t.Errorf("expected-only suite: exit %d\n%s%s", code, out, errOut)
	}
}

// A link left in the import folder must not carry the import elsewhere.
func TestKBImportNeverWritesThroughALink(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "kb.bundle")
	if code, _, errOut := run(t, "", "kb", "export", "-o", file); code != ExitOK {
		t.Fatal(errOut)
	}
	out := filepath.Join(dir, "base")
	elsewhere := t.TempDir()
	os.MkdirAll(out, 0o755)
	if err := os.Symlink(elsewhere, filepath.Join(out, "sejour")); err != nil {
		t.Skip(err)
	}
	code, _, errOut := run(t, "", "kb", "import", file, "-o", out, "--force")
	if code == ExitOK || !strings.Contains(errOut, "lien symbolique") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Errorf("%d file(s) written through the link", len(entries))
	}
}

// A desk signs what it publishes; an app that trusts its key loads only
// what that key signed, and says why it refuses the rest.
func TestSignedBundles(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "bureau.cle")
	code, out, errOut := run(t, "", "kb", "cle", "-o", keyFile)
	if code != ExitOK {
		t.Fatalf("kb cle: %s", errOut)
	}
	public := ""
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), kb.SiteKeyName+": "); ok {
			public = v
		}
	}
	if st, err := os.Stat(keyFile); err != nil || st.Mode().Perm() != 0o600 || !strings.HasPrefix(public, "ed25519:") {
		t.Fatalf("key file %v, public key %q", err, public)
	}
	if code, _, _ := run(t, "", "kb", "cle", "-o", keyFile); code == ExitOK {
		t.Error("an existing key was replaced")
	}
	signed, unsigned := filepath.Join(dir, "signe.bundle"), filepath.Join(dir, "nu.bundle")
	if code, out, errOut := run(t, "", "kb", "export", "--sign", keyFile, "-o", signed); code != ExitOK || !strings.Contains(out, "signé par  "+public) {
		t.Fatalf("export --sign: %s%s", out, errOut)
	}
	if code, _, errOut := run(t, "", "kb", "export", "-o", unsigned); code != ExitOK {
		t.Fatal(errOut)
	}
	otherKey := filepath.Join(dir, "autre.cle")
	run(t, "", "kb", "cle", "-o", otherKey)
	other := filepath.Join(dir, "autre.bundle")
	run(t, "", "kb", "export", "--sign", otherKey, "-o", other)

	// No trusted key: every bundle loads.
	for _, b := range []string{signed, unsigned, other} {
		if code, _, errOut := run(t, "", "check", "--kb", b); code != ExitOK {
			t.Errorf("%s without a trusted key: %s", b, errOut)
		}
	}
	// The build trusts the desk's key.
	defer func(k string) { kb.BuildBundleKey = k }(kb.BuildBundleKey)
	kb.BuildBundleKey = public
	if code, _, errOut := run(t, "", "check", "--kb", signed); code != ExitOK {
		t.Errorf("the desk's signed bundle is refused: %s", errOut)
	}
	for b, want := range map[string]string{unsigned: "non signé", other: "clé inconnue"} {
		if code, _, errOut := run(t, "", "check", "--kb", b); code == ExitOK || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, %s", b, code, errOut)
		}
		if code, _, errOut := run(t, "", "kb", "import", b, "-o", filepath.Join(dir, "import-"+filepath.Base(b))); code == ExitOK || !strings.Contains(errOut, want) {
			t.Errorf("import %s: exit %d, %s", b, code, errOut)
		}
	}
	// A signature copied onto other files does not hold.
	forged := filepath.Join(dir, "falsifie.bundle")
	data, _ := os.ReadFile(signed)
	doc := bundletest.Unpack(t, data)
	files := map[string][]byte{"site.yaml": []byte("prefecture: Préfecture pirate\n"), "a.md": []byte("---\nid: a\ntitle: A\nkind: procedure\nkeywords: [a]\nreviewed: 2026-11-01\nlang: fr\n---\nTexte.\n")}
	doc["hash"], doc["items"] = bundle.Hash(files), 1
	doc["files"] = map[string]any{"site.yaml": string(files["site.yaml"]), "a.md": string(files["a.md"])}
	os.WriteFile(forged, bundletest.Repack(t, doc), 0o644)
	if code, _, errOut := run(t, "", "check", "--kb", forged); code == ExitOK || !strings.Contains(errOut, "signature du paquet invalide") {
		t.Errorf("a forged bundle: exit %d, %s", code, errOut)
	}
}
