package app

import (
	"os"
	"path/filepath"
	"plume/search"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"plume/kb"
)

func TestSettingsArePersistedAndSignTheReply(t *testing.T) {
	m, a := newTestMain(t)
	f := newSettingsForm(m.settings, m.ApplySettings)
	test.Type(f.Prenom, "Maëlle")
	test.Type(f.Nom, "Le Goff")
	test.Type(f.Fonction, "chargée d'accueil")
	f.Form.OnSubmit()
	if got := LoadSettings(a.Preferences()).Profile.Nom; got != "Le Goff" {
		t.Errorf("name not saved in the preferences: %q", got)
	}
	paste(t, m, a, "Objet : carte grise\nBonjour, comment faire le changement de titulaire de la carte grise après l'achat d'une voiture ?")
	if !strings.Contains(m.Assistant.ReplyText(), "Maëlle Le Goff") {
		t.Errorf("the reply is not signed with the profile:\n%s", m.Assistant.ReplyText())
	}
}

// Entrée in a one-line field saves, as the button does; not while a field
// is invalid, and the signature keeps Entrée for its lines.
func TestEnterSavesTheSettingsUnlessAFieldIsInvalid(t *testing.T) {
	m, a := newTestMain(t)
	f := newSettingsForm(m.settings, m.ApplySettings)
	test.Type(f.Nom, "Le Goff")
	test.Type(f.KBDir, "/nonexistent/plume")
	f.Nom.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := LoadSettings(a.Preferences()).Profile.Nom; got != "" {
		t.Fatalf("saved with an invalid folder: %q", got)
	}
	f.KBDir.SetText("")
	f.Signature.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := LoadSettings(a.Preferences()).Profile.Nom; got != "" {
		t.Fatalf("Entrée in the signature saved the settings: %q", got)
	}
	f.Nom.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := LoadSettings(a.Preferences()).Profile.Nom; got != "Le Goff" {
		t.Errorf("Entrée did not save: %q", got)
	}
}

func TestSettingsRefuseAFolderThatDoesNotExist(t *testing.T) {
	m, _ := newTestMain(t)
	f := newSettingsForm(m.settings, m.ApplySettings)
	test.Type(f.KBDir, "/nonexistent/plume")
	if err := f.KBDir.Validate(); err == nil || !strings.Contains(err.Error(), "introuvable") {
		t.Errorf("validator: %v", err)
	}
}

// An editor saves a file in the shared folder: the agents' window reloads
// it without a restart.
func TestKnowledgeBaseFolderIsReloadedWhenAFileChanges(t *testing.T) {
	m, dir := newTestEditor(t)
	before := len(m.Browser.Shown())
	item := "---\nid: nouvelle-procedure\ntitle: Nouvelle procédure de test\nkind: procedure\nkeywords: [test]\nreviewed: 2026-11-25\nlang: fr\n---\nTexte.\n"
	if err := os.WriteFile(filepath.Join(dir, "procedures", "nouvelle-procedure.md"), []byte(item), 0o644); err != nil {
		t.Fatal(err)
	}
	waitReload(t, m, "Fichier modifié (nouvelle-procedure.md)")
	if after := len(m.Browser.Shown()); after != before+1 {
		t.Errorf("%d items after the save, want %d", after, before+1)
	}
}

// waitReload waits for a reload whose status says want.
func waitReload(t *testing.T, m *Main, want string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case status := <-m.reloaded:
			if strings.Contains(status, want) && strings.Contains(status, "éléments prêts") {
				return
			}
		case <-deadline:
			t.Fatalf("no reload saying %q", want)
		}
	}
}

// copyKB copies the embedded knowledge base into dir.
func copyKB(t *testing.T, dir string) {
	t.Helper()
	src := "../templates"
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if !strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".yaml") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestABrokenFileIsShownAndTheRestKeepsWorking(t *testing.T) {
	dir := t.TempDir()
	copyKB(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "procedures", "casse.md"), []byte("---\nid: casse\ntitle: [pas fermé\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, _ := newTestMain(t)
	m.reloaded = make(chan string, 4)
	m.ApplySettings(Settings{KBDir: dir})
	waitReload(t, m, "procedures/casse.md:3: error: YAML invalide")
	if n := len(m.Browser.Shown()); n < 100 {
		t.Errorf("only %d items in service next to the broken file", n)
	}
}

// A folder created after the start is watched too; .git is never watched
// (its objects change at every commit and would reload the base for
// nothing).
func TestAFolderCreatedLaterIsWatchedAndGitIsNot(t *testing.T) {
	m, dir := newTestEditor(t)
	os.MkdirAll(filepath.Join(dir, ".git", "objects", "ab"), 0o755)
	m.watch(kb.Base{Origin: kb.Folder, Path: dir}, "") // as at start, with .git there
	for _, p := range m.watcher.w.WatchList() {
		if strings.Contains(p, ".git") {
			t.Fatalf("%s is watched", p)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "nouveau-dossier"), 0o755); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the watcher sees the folder before the file
	item := "---\nid: dans-nouveau-dossier\ntitle: Procédure dans un dossier créé après le démarrage\nkind: procedure\nkeywords: [test]\nreviewed: 2026-11-25\nlang: fr\n---\nTexte.\n"
	if err := os.WriteFile(filepath.Join(dir, "nouveau-dossier", "dans-nouveau-dossier.md"), []byte(item), 0o644); err != nil {
		t.Fatal(err)
	}
	waitReload(t, m, "dans-nouveau-dossier.md")
}

// Two reloads overlap (a colleague saves, then the agent picks another
// folder) and the first one is the slower: the base in service is the one
// the settings name, not the one that finished last.
func TestTheLastReloadAskedWinsWhicheverFinishesFirst(t *testing.T) {
	m, _ := newTestMain(t)
	m.reloaded = make(chan string, 4)
	slow, chosen := t.TempDir(), t.TempDir()
	release := map[string]chan struct{}{slow: make(chan struct{}), chosen: make(chan struct{})}
	m.loadKB = func(dir, site string) Loaded {
		<-release[dir]
		l := LoadKB("", "", testClock) // an engine of its own: the dropped one is closed
		l.Source, l.Base = dir, kb.Base{Origin: kb.Folder, Path: dir, Name: dir}
		return l
	}
	m.settings.KBDir = slow
	m.reload("Fichier modifié")
	m.settings.KBDir = chosen
	m.reload("Réglages enregistrés")
	close(release[chosen])
	waitReload(t, m, "Réglages enregistrés")
	close(release[slow])
	time.Sleep(200 * time.Millisecond) // the slow load ends and must be dropped
	if m.Editor.dir != chosen {
		t.Errorf("the base in service is %q, the settings name %q", m.Editor.dir, m.settings.KBDir)
	}
	select {
	case s := <-m.reloaded:
		t.Errorf("the stale reload was put in service: %s", s)
	default:
	}
}

// A reload replaces the engine; the one it replaces is closed once no
// analysis uses it (a reload at each colleague's save kept every earlier
// index in memory: 93 MB after 20 reloads).
func TestAReplacedEngineIsClosed(t *testing.T) {
	m, _ := newTestMain(t)
	m.reloaded = make(chan string, 4)
	var engines []*search.Engine
	m.loadKB = func(dir, site string) Loaded {
		l := LoadKB("", "", testClock)
		engines = append(engines, l.Engine)
		return l
	}
	m.reload("Fichier modifié (a.md)")
	waitReload(t, m, "Fichier modifié (a.md)")
	m.reload("Fichier modifié (b.md)")
	waitReload(t, m, "Fichier modifié (b.md)")
	if _, err := engines[0].Analyze(search.Message{Body: "passeport perdu"}); err == nil {
		t.Error("the replaced engine is still open")
	}
	if _, err := engines[1].Analyze(search.Message{Body: "passeport perdu"}); err != nil {
		t.Errorf("the engine in service was closed: %v", err)
	}
	// The engine a test hands in (shared by the tests) is never closed.
	if _, err := loadedKB().Engine.Analyze(search.Message{Body: "passeport perdu"}); err != nil {
		t.Errorf("a shared engine was closed: %v", err)
	}
}
