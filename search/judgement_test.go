package search

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"plume/kb"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"plume/internal/racedetector"
	"plume/kb/judge"
	"plume/message/detect"
	"plume/templates"
)

// labelledMessage is a message of the training corpus with its labels.
type labelledMessage struct {
	Message
	writer, category, service string
	relance, sensitive        bool
	reasons                   []string
}

// sampleEvery is how sparsely a test reads the training corpus: every
// dense-th message natively, ten times fewer with -short, under the race
// detector or in Node, where each reading costs about ten times as much and
// the dense sample says nothing more (make test reads it natively too, in
// test-native's second run).
func sampleEvery(dense int) int {
	if testing.Short() || racedetector.Enabled || runtime.GOOS == "js" {
		return dense * 10
	}
	return dense
}

// trainingMessages reads every n-th message of the training corpus
// (testdata/train): messages the shipped judge was trained on, so this is
// no measure of accuracy, only of behaviour.
func trainingMessages(t testing.TB, every int) []labelledMessage {
	t.Helper()
	files, err := filepath.Glob("../testdata/train/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no training corpus: %v", err)
	}
	var out []labelledMessage
	n := 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			n++
			if n%every != 0 {
				continue
			}
			var m struct {
				Message
				Writer, Category, Service string
				Relance, Sensitive        bool
				Reasons                   []string
			}
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out = append(out, labelledMessage{m.Message, m.Writer, m.Category, m.Service, m.Relance, m.Sensitive, m.Reasons})
		}
		fh.Close()
	}
	return out
}

func TestTheDefaultBaseShipsAJudgeTrainedOnTheCurrentExamples(t *testing.T) {
	k, probs, err := kb.Load(templates.FS, kb.LoadOptions{Now: kb.At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	if k.Judge == nil {
		t.Fatalf("no judge in the embedded base: %v", probs)
	}
	files, err := judge.ExampleFiles(os.DirFS("../testdata"), "train")
	if err != nil {
		t.Fatal(err)
	}
	if got := judge.Digest(files); got != k.Judge.ExamplesDigest {
		t.Errorf("templates/jugement.poids was trained on other examples than testdata/train: run `make train`")
	}
	if k.Judge.Writers < 12 || k.Judge.Examples < 2000 {
		t.Errorf("judge trained on %d examples of %d writers, issue 10 asks at least 2,000 of 12", k.Judge.Examples, k.Judge.Writers)
	}
}

// Every flag and every « à vérifier » shows the words that weighed, on the
// text as written.
func TestEveryFlagIsExplained(t *testing.T) {
	e := defaultKB(t)
	flagged := 0
	for _, lm := range trainingMessages(t, sampleEvery(4)) {
		m := lm.Message
		a, err := e.Analyze(m)
		if err != nil {
			t.Fatal(err)
		}
		body := a.Parsed.Body
		check := func(what string, cues []detect.Cue, text string) {
			if len(cues) == 0 {
				t.Errorf("%s with no visible reason: %.80q", what, m.Body)
			}
			for i, c := range cues {
				if c.Start < 0 || c.End > len(text) || text[c.Start:c.End] != c.Text {
					t.Errorf("%s: cue %q does not point at the text (%d:%d)", what, c.Text, c.Start, c.End)
				}
				if i > 0 && c.Start < cues[i-1].End {
					t.Errorf("%s: cues %q and %q overlap: the banner would show the words twice", what, cues[i-1].Text, c.Text)
				}
			}
		}
		if a.Relance.Level != "" {
			flagged++
			if len(a.Relance.Cues)+len(a.Relance.SubjectCues) == 0 {
				t.Errorf("relance %s with no visible reason: %.80q", a.Relance.Level, m.Body)
			}
			if len(a.Relance.Cues) > 0 {
				check("relance", a.Relance.Cues, body)
			}
			if len(a.Relance.SubjectCues) > 0 {
				check("relance (objet)", a.Relance.SubjectCues, a.Parsed.Subject)
			}
		}
		if a.Sensitive.Level != "" {
			flagged++
			check("sensible "+string(a.Sensitive.Level), a.Sensitive.Cues, body)
			if len(a.Sensitive.Reasons) == 0 {
				t.Errorf("sensitive with no reason: %.80q", m.Body)
			}
			for _, r := range a.Sensitive.Details {
				check("motif "+r.Code, r.Cues, body)
			}
		}
	}
	if flagged == 0 {
		t.Fatal("nothing flagged in the training corpus: the judge is not running")
	}
}

func TestAnAgentConfirmsWhatIsToCheck(t *testing.T) {
	e := defaultKB(t)
	a, err := e.Analyze(Message{"Titre de séjour", "Bonjour, où en est ma demande de renouvellement de titre de séjour déposée en juin ?"})
	if err != nil {
		t.Fatal(err)
	}
	// Whatever the judge said, the agent's confirmation of a possible
	// relance makes the relance reply lead.
	a.Relance.Detected, a.Relance.Level = false, detect.LevelCheck
	c := e.Confirm(a, ConfirmRelance)
	if !c.Relance.Detected || c.Relance.Level != detect.LevelRelance {
		t.Fatalf("confirmed relance reads %+v", c.Relance)
	}
	if len(c.Suggestions) == 0 || !c.Suggestions[0].Item.When("relance") {
		t.Errorf("after confirming, the first suggestion is %v, want the relance reply", c.Suggestions)
	}
	// Confirming what is not to check changes nothing.
	if again := e.Confirm(a, ConfirmSensitive); again.Sensitive.Detected != a.Sensitive.Detected {
		t.Error("confirming a sensitive case that was not « à vérifier » changed the analysis")
	}
}

// kbWith is the embedded base with its root file name replaced (or added).
func kbWith(t *testing.T, name string, data []byte) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.FS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m[name] = &fstest.MapFile{Data: data}
	return m
}

func TestRefusedWeightsLeaveTheRulesJudging(t *testing.T) {
	k, probs, err := kb.Load(kbWith(t, judge.FileName, []byte("plume-jugement/1\n{\"feature_version\": 999}\nAAAA\n")), kb.LoadOptions{Now: kb.At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	if k.Judge != nil {
		t.Fatal("weights of another feature version were used")
	}
	var said string
	for _, p := range probs {
		if p.Path == judge.FileName {
			said = p.String()
		}
	}
	if !strings.Contains(said, "plume train") || !strings.Contains(said, "règles seules") {
		t.Errorf("the problem should say the rules judge alone and to retrain: %q", said)
	}
	e := indexed(t, k)
	a, _ := e.Analyze(Message{"", "Je vous relance pour la troisième fois, toujours aucune réponse à mes courriels."})
	if !a.Relance.Detected || a.Judgement != nil {
		t.Errorf("rules alone: relance %v, judgement %v", a.Relance.Detected, a.Judgement)
	}
}

func TestChangedExamplesAskToRetrain(t *testing.T) {
	weights, err := fs.ReadFile(templates.FS, judge.FileName)
	if err != nil {
		t.Fatal(err)
	}
	fsys := kbWith(t, judge.FileName, weights).(fstest.MapFS)
	fsys[kb.ExamplesDir+"/nouveaux.jsonl"] = &fstest.MapFile{Data: []byte(`{"id":"n1","subject":"","body":"x"}` + "\n")}
	_, probs, err := kb.Load(fsys, kb.LoadOptions{Now: kb.At(testToday)})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range probs {
		if p.Path == judge.FileName && strings.Contains(p.Message, "ont changé") && strings.Contains(p.Message, "plume train") {
			found = true
		}
	}
	if !found {
		t.Errorf("weights older than the base's examples not reported: %v", probs)
	}
}

// The same message reads the same with every index built from the same
// base: suggestions tied on score come in a fixed order, so the category
// vote, the judge's features and `plume train`'s weights do not move from
// one run to the next (Bleve's order of ties depends on how the index was
// built).
func TestTheSameMessageReadsTheSameWithEveryIndex(t *testing.T) {
	e := defaultKB(t)
	other := indexed(t, e.KB())
	for _, lm := range trainingMessages(t, sampleEvery(3)) {
		a, err := e.Analyze(lm.Message)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := other.Analyze(lm.Message)
		if !slices.Equal(ids(a.Suggestions), ids(b.Suggestions)) || !reflect.DeepEqual(a.Judgement, b.Judgement) {
			t.Fatalf("%.60q read differently by two indexes of the same base:\n%v\n%v", lm.Body, ids(a.Suggestions), ids(b.Suggestions))
		}
	}
}

// A relance told only in the message a third party forwards (here an
// employer passing on its employee's mail) is read there, and the banner
// shows the person's own words about the earlier calls.
func TestARelanceToldInAForwardedMessageIsFlaggedWithItsWords(t *testing.T) {
	e := defaultKB(t)
	body := "Bonjour,\n\nNous vous transférons le message de notre salarié, M. Kouassi, cariste chez nous depuis 2021. " +
		"Nous ne pourrons pas le garder au-delà du 18 décembre sans document de séjour valide.\n\n" +
		"Cordialement,\nService RH – Transports Lemaire\n\n" +
		"---------- Forwarded message ---------\nDe : Serge Kouassi <s.kouassi@example.org>\nDate: lun. 30 nov. 2026 à 18:02\nSubject: papiers\nTo: rh@lemaire.example\n\n" +
		"Madame, j'ai téléphoné à la préfecture trois fois depuis octobre, le 6, le 20 et le 27, on me répond que le dossier est à la signature. " +
		"Mon récépissé finit le 15 décembre et sans papiers je vais perdre mon travail. Pouvez-vous leur écrire ?\nSerge Kouassi"
	a, err := e.Analyze(Message{Subject: "TR: papiers - M. Kouassi", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if a.Relance.Level != detect.LevelRelance {
		t.Fatalf("relance level %q (probability %v): the earlier calls told in the forwarded mail were not read", a.Relance.Level, a.Relance.Probability)
	}
	forwarded := strings.Index(body, "Madame, j'ai")
	shown := false
	for _, c := range a.Relance.Cues {
		if c.Start >= forwarded {
			shown = true
		}
	}
	if !shown {
		t.Errorf("the banner shows %v, none of the forwarded mail's words about the calls", a.Relance.Cues)
	}

	// The rules read the writer's new text only; the forwarded mail is
	// read for the judge apart, so that the calls count as told there.
	got := map[string][]string{}
	forwardedSignals(a.Parsed, e.today(), func(name string, v float64, cues ...detect.Cue) {
		for _, c := range cues {
			got[name] = append(got[name], body[c.Start:c.End])
		}
	})
	for _, want := range []string{"transmis:relance", "contact:transmis", "transmis:emploi"} {
		if len(got[want]) == 0 {
			t.Errorf("no %s signal from the forwarded mail (signals %v)", want, got)
		}
	}
	if !slices.ContainsFunc(got["contact:transmis"], func(s string) bool { return strings.Contains(s, "téléphoné à la préfecture") }) {
		t.Errorf("the earlier calls are not among the forwarded contacts: %v", got["contact:transmis"])
	}
}

func TestAThankYouIsToldFromARequest(t *testing.T) {
	for s, want := range map[string]bool{
		"Merci beaucoup, j'ai bien reçu le SMS ce matin. Bonne journée.":  true,
		"Thank you, the card arrived today.":                              true,
		"Merci de me dire où en est mon dossier.":                         false,
		"Merci, mais quand aurai-je une réponse ?":                        false,
		"Bonjour, je vous relance pour mon dossier. Merci par avance.":    false,
		"Je souhaite renouveler mon titre de séjour, pouvez-vous m'aider": false,
	} {
		if got := thanksOnly(s); got != want {
			t.Errorf("thanksOnly(%q) = %v, want %v", s, got, want)
		}
	}
}
