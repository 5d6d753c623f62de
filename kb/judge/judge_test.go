package judge

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// toy builds labelled examples from short messages: relances say they
// already wrote in several ways, the others ask something new; the writer
// alternates so that cross-validation has groups.
func toy() []Example {
	relances := []string{
		"Je vous ai déjà écrit le 3 octobre et je n'ai rien reçu depuis.",
		"Troisième message sans réponse pour mon dossier de carte grise.",
		"Je suis passé au guichet le 12 et on m'a dit d'écrire, j'ai déjà écrit deux fois.",
		"Mon mail du mois dernier est resté sans réponse, je relance.",
		"J'ai appelé trois fois et envoyé un courrier, toujours rien.",
		"Comme indiqué dans mon précédent message, je n'ai aucune nouvelle.",
		"Je vous ai écrit il y a un mois, déjà relancé deux fois.",
		"Déjà écrit en septembre, sans réponse à ce jour.",
	}
	firsts := []string{
		"Quels documents faut-il pour renouveler une carte de séjour ?",
		"Bonjour, comment prendre rendez-vous pour une carte d'identité ?",
		"Je voudrais savoir le prix du timbre fiscal pour un passeport.",
		"Où faire la déclaration de cession de ma voiture ?",
		"Merci pour votre réponse rapide, tout est en ordre.",
		"Pouvez-vous m'indiquer les horaires du guichet ?",
		"Je souhaite échanger mon permis de conduire étranger.",
		"Comment créer mon compte sur le site de l'ANTS ?",
	}
	var ex []Example
	add := func(i int, text string, relance bool) {
		cat, svc := "sejour", "accueil"
		if relance {
			svc = "immigration"
		}
		ex = append(ex, Example{
			ID: fmt.Sprintf("t-%02d", len(ex)), Writer: fmt.Sprintf("w%d", i%3),
			Features: Extract(Doc{Body: text, New: Span{0, len(text)}}),
			Relance:  relance, Category: cat, Service: svc, Transfer: relance,
		})
	}
	for i, t := range relances {
		add(i, t, true)
	}
	for i, t := range firsts {
		add(i, t, false)
	}
	return ex
}

// toyOptions: the toy's sixteen messages are too few for the default
// MinDF, which drops a word seen in fewer than five training messages.
var toyOptions = Options{MinDF: 2}

func TestTrainedModelLearnsRelancesAndShowsTheWordsAsWritten(t *testing.T) {
	m, err := Train(toy(), toyOptions)
	if err != nil {
		t.Fatal(err)
	}
	msg := "Bonjour, je vous ai DÉJÀ ÉCRIT deux fois, sans réponse."
	fs := Extract(Doc{Body: msg, New: Span{0, len(msg)}})
	if p := m.Score(fs).Binary[HeadRelance]; p < 0.5 {
		t.Fatalf("relance probability %.2f for %q", p, msg)
	}
	other := "Bonjour, quels documents pour une carte d'identité ?"
	if p := m.Score(Extract(Doc{Body: other, New: Span{0, len(other)}})).Binary[HeadRelance]; p > 0.5 {
		t.Errorf("relance probability %.2f for a first question %q", p, other)
	}
	ev := m.Explain(fs, HeadRelance)
	if len(ev) == 0 {
		t.Fatal("a relance with no evidence")
	}
	var shown []string
	for _, e := range ev {
		shown = append(shown, msg[e.Span.Start:e.Span.End])
	}
	if !strings.Contains(strings.Join(shown, "|"), "ÉCRIT") {
		t.Errorf("evidence %q does not point at the words as written", shown)
	}
}

func TestWeightsFileRoundTripsAndTrainingIsDeterministic(t *testing.T) {
	ex := toy()
	m, err := Train(ex, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := m.Write(&a); err != nil {
		t.Fatal(err)
	}
	m2, _ := Train(ex, Options{})
	m2.Write(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings on the same examples wrote different weights")
	}
	back, err := Read(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ex {
		if got, want := back.Score(e.Features), m.Score(e.Features); got.Binary != want.Binary || got.Category != want.Category {
			t.Fatalf("%s: scores changed through the file: %v vs %v", e.ID, got.Binary, want.Binary)
		}
	}
}

func TestReadRefusesForeignOrOutdatedWeights(t *testing.T) {
	m, _ := Train(toy(), Options{})
	var buf bytes.Buffer
	m.Write(&buf)
	good := buf.String()
	outdated := strings.Replace(good, fmt.Sprintf(`"feature_version":%d`, FeatureVersion), `"feature_version":999`, 1)
	cut := good[:len(good)/2]
	for name, data := range map[string]string{
		"not weights": "bonjour\n",
		"outdated":    outdated,
		"truncated":   cut,
		"empty":       "",
	} {
		_, err := Read([]byte(data))
		if !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", name, err)
		}
	}
	if _, err := Read([]byte(outdated)); err == nil || !strings.Contains(err.Error(), "plume train") {
		t.Errorf("outdated weights: the message should say to retrain: %v", err)
	}
}

func TestThresholdsKeepTheRecallTheyAreChosenFor(t *testing.T) {
	p := []float64{0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05}
	y := []bool{true, true, false, true, false, true, false, false, true, false}
	// five positives: recall 0.8 needs four of them, the fourth is at 0.4
	if got := atRecall(p, y, 0.8); got != 0.4 {
		t.Errorf("atRecall 0.8 = %v, want 0.4", got)
	}
	if got := atRecall(p, y, 1); got != 0.1 {
		t.Errorf("atRecall 1 = %v, want 0.1", got)
	}
	// best F1: down to 0.6, 3 right of 4 flagged, F1 6/9 = 0.667; down to
	// 0.4, 4 right of 6 flagged, 8/11 = 0.727; down to 0.1, 5 of 9, 10/14.
	if got := bestF1(p, y); got != 0.4 {
		t.Errorf("bestF1 = %v, want 0.4", got)
	}
	// Where the best F1 buys recall with precision, the relance's
	// threshold keeps both: down to 0.1, 5 right of 9 flagged (precision
	// 0.56, recall 1, F1 0.71); down to 0.3, 4 of 7 (0.57 and 0.80).
	y = []bool{false, false, false, true, true, true, true, false, true, false}
	if got := bestF1(p, y); got != 0.1 {
		t.Errorf("bestF1 = %v, want 0.1", got)
	}
	if got := balanced(p, y); got != 0.3 {
		t.Errorf("balanced = %v, want 0.3", got)
	}
}

func TestCrossValidationNeedsSeveralWriters(t *testing.T) {
	ex := toy()
	for i := range ex {
		ex[i].Writer = "seul"
	}
	if _, err := Fit(ex, Options{}); !errors.Is(err, ErrFewWriters) {
		t.Errorf("err = %v, want ErrFewWriters", err)
	}
}

func TestFitReportsEveryWriterLeftOut(t *testing.T) {
	m, err := Fit(toy(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := m.CrossValidation
	if r.Writers != 3 || len(r.PerWriter) != 3 || r.Messages != 16 {
		t.Errorf("report covers %d writers (%d listed), %d messages", r.Writers, len(r.PerWriter), r.Messages)
	}
	if m.Thresholds.RelanceCheck > m.Thresholds.Relance || m.Thresholds.SensitiveCheck > m.Thresholds.Sensitive {
		t.Errorf("« à vérifier » thresholds above the flags: %+v", m.Thresholds)
	}
}

// A contact and whom it went to are one feature when they are in the same
// clause, whatever words come between, and not across a full stop: this is
// what lets the judge tell « j'ai écrit à l'ANTS » from « je vous ai écrit ».
func TestContactsArePairedWithWhomTheyWentTo(t *testing.T) {
	has := func(text, name string) bool {
		fs := Extract(Doc{Body: text, New: Span{0, len(text)}})
		for _, f := range fs.hashed {
			if f.bucket == bucketOf(name) {
				return true
			}
		}
		return false
	}
	cases := []struct {
		text, feature string
		want          bool
	}{
		{"J'ai écrit trois fois à l'ANTS, sans réponse.", "c|ecrit|ants", true},
		{"J'ai écrit trois fois à l'ANTS, sans réponse.", "c|ecrit|vous", false},
		{"Je vous ai déjà écrit le 3 octobre.", "c|ecrit|vous", true},
		{"Je vous ai déjà écrit le 3 octobre.", "c|p|vous", true},
		// present tense: this letter, not an earlier one
		{"Je vous écris car ma carte expire.", "c|p|vous", false},
		{"J'ai écrit à la mairie. Pouvez-vous m'aider ?", "c|ecrit|vous", false},
		{"I have already emailed your office twice.", "c|p|your", true},
	}
	for _, c := range cases {
		if got := has(c.text, c.feature); got != c.want {
			t.Errorf("%q : %s présent = %v, attendu %v", c.text, c.feature, got, c.want)
		}
	}
}

// The clause that tells of a contact carries its own words, so that one
// sentence of a long letter (« nous avions déjà signalé ce blocage à la
// préfecture ») weighs as a relance whatever the length of the letter; the
// letter's other clauses do not.
func TestAContactClauseCarriesItsWords(t *testing.T) {
	clause := "Nous avions déjà signalé ce blocage à la préfecture par courriel le 14 octobre."
	other := " Le véhicule provient d'un don d'une entreprise de nettoyage."
	names := func(text string) map[uint32]float32 {
		got := map[uint32]float32{}
		for _, f := range Extract(Doc{Body: text, New: Span{0, len(text)}}).hashed {
			got[f.bucket] = f.value
		}
		return got
	}
	short, long := names(clause), names(clause+strings.Repeat(other, 20))
	for _, name := range []string{"x|" + stem("signale"), "xb|deja|" + stem("signale"), "x|" + stem("prefecture")} {
		b := bucketOf(name)
		if short[b] == 0 || long[b] == 0 {
			t.Errorf("%s missing (short letter %v, long letter %v)", name, short[b] != 0, long[b] != 0)
		} else if long[b] != short[b] {
			t.Errorf("%s weighs %.3f in the long letter and %.3f alone: the rest of the letter should not drown it", name, long[b], short[b])
		}
	}
	if long[bucketOf("x|"+stem("vehicule"))] != 0 {
		t.Error("a clause with no word of contact has contact-clause features")
	}
}

// The words of a letter weigh together more as it grows (n^0.6), up to the
// longest letters of the examples and no further: in a letter of 900 words
// the history's many words outweighed the one clause of an earlier call.
func TestALongLetterWeighsNoMoreThanTheLongestExamples(t *testing.T) {
	sentence := "Nous avons déménagé dans une autre ville pour le travail de mon mari au printemps. "
	mass := func(text string) float64 {
		sum := 0.0
		for _, f := range Extract(Doc{Body: text, New: Span{0, len(text)}}).hashed {
			if f.heads == allHeads && f.tok[0] >= 0 {
				sum += float64(f.value)
			}
		}
		return sum
	}
	short, medium, long, longer := mass(strings.Repeat(sentence, 5)), mass(strings.Repeat(sentence, 20)), mass(strings.Repeat(sentence, 60)), mass(strings.Repeat(sentence, 120))
	if !(short < medium && medium < long) {
		t.Errorf("a longer letter should weigh more up to the longest examples: %.1f, %.1f, %.1f", short, medium, long)
	}
	if math.Abs(longer-long) > 0.02*long {
		t.Errorf("past the longest examples the words weigh together %.1f at 1,800 words and %.1f at 900: they should weigh the same", longer, long)
	}
}

// A forwarded message is the person's own request: the clause in which they
// tell of their earlier letter counts as one in the new text does, however
// long the forwarder's note above it.
func TestAForwardedMessageContactClauseCarriesItsWords(t *testing.T) {
	note := "Bonjour, je vous transmets le message de M. Diallo, que nous suivons à l'association. " +
		strings.Repeat("Il est arrivé en France en 2019 et travaille dans le bâtiment. ", 10)
	forwarded := "Je vous ai envoyé un courrier recommandé le 3 octobre et je n'ai rien reçu."
	body := note + "\n\n" + forwarded
	fs := Extract(Doc{Body: body, New: Span{0, len(note)}, Forwarded: []Span{{len(note) + 2, len(body)}}})
	var clauseWords []string
	for _, f := range fs.hashed {
		if f.bucket == bucketOf("x|"+stem("recommande")) {
			clauseWords = append(clauseWords, body[fs.tokens[f.tok[0]].span.Start:fs.tokens[f.tok[0]].span.End])
		}
		if f.bucket == bucketOf("x|"+stem("batiment")) {
			t.Error("the forwarder's note, which tells of no contact, has contact-clause features")
		}
	}
	if len(clauseWords) != 1 || clauseWords[0] != "recommandé" {
		t.Errorf("the forwarded clause's « recommandé » gave contact-clause features for %q, want it once", clauseWords)
	}
}

// The words of a clause that tells of a stake feed the sensitive head and
// its reasons, never the relance head, even when they come with every
// relance of the training set and weigh heavily.
func TestAStakeClauseSpeaksOnlyToTheSensitiveHeads(t *testing.T) {
	stakeClause := " J'ai peur, je pleure tous les soirs."
	ex := toy()
	for i := range ex {
		if ex[i].Relance {
			text := "Je vous ai déjà écrit." + stakeClause
			ex[i].Features = Extract(Doc{Body: text, New: Span{0, len(text)}})
		}
	}
	m, err := Train(ex, toyOptions)
	if err != nil {
		t.Fatal(err)
	}
	fs := Extract(Doc{Body: stakeClause, New: Span{0, len(stakeClause)}})
	stake := Features{tokens: fs.tokens}
	for _, f := range fs.hashed {
		if f.heads == sensitiveHeads {
			stake.hashed = append(stake.hashed, f)
		}
	}
	if len(stake.hashed) == 0 {
		t.Fatalf("%q made no stake-clause features", stakeClause)
	}
	none := m.Score(Features{})
	if got := m.Score(stake); got.Binary[HeadRelance] != none.Binary[HeadRelance] {
		t.Errorf("the stake clause moved the relance head from %.3f to %.3f", none.Binary[HeadRelance], got.Binary[HeadRelance])
	}
	// As if training had given them weight for every head.
	for _, f := range stake.hashed {
		if k := m.slot(f.bucket); k >= 0 {
			for o := 0; o < nOutputs; o++ {
				m.weights[k*nOutputs+o] = 100
			}
		}
	}
	got := m.Score(stake)
	if got.Binary[HeadRelance] != none.Binary[HeadRelance] || got.Binary[HeadTransfer] != none.Binary[HeadTransfer] {
		t.Errorf("stake-clause weights moved the relance head %.3f → %.3f and transfer %.3f → %.3f",
			none.Binary[HeadRelance], got.Binary[HeadRelance], none.Binary[HeadTransfer], got.Binary[HeadTransfer])
	}
	if got.Binary[HeadSensitive] <= none.Binary[HeadSensitive] {
		t.Errorf("stake-clause weights left the sensitive head at %.3f", got.Binary[HeadSensitive])
	}
	if ev := m.Explain(stake, HeadRelance); len(ev) != 0 {
		t.Errorf("stake-clause words shown as evidence of a relance: %v", ev)
	}
	if ev := m.Explain(stake, HeadSensitive); len(ev) == 0 {
		t.Error("stake-clause words not shown as evidence of a sensitive case")
	}
}

// A stake word longer than a stem would never match: tellsOfStake looks up
// the stem of each word.
func TestStakeStemsAreStems(t *testing.T) {
	for w := range stakeStems {
		if stem(w) != w {
			t.Errorf("%q is not a stem (%q): no word would match it", w, stem(w))
		}
	}
	// Words as the judge reads them: folded, without accents.
	for _, w := range []string{"hospitalisee", "funerailles", "panique", "plainte"} {
		if !tellsOfStake(w) {
			t.Errorf("%q not read as a stake", w)
		}
	}
}

// Leaving features out while training keeps, on average, a message's weight:
// the kept ones are scaled up by as much as was left out.
func TestDropoutKeepsAMessageWeight(t *testing.T) {
	rows := make([]row, 10000)
	for i := range rows {
		rows[i] = row{int32(i), 1, allHeads}
	}
	if got := dropFeatures(rows, -1, nil, nil); len(got) != len(rows) {
		t.Fatalf("no dropout kept %d of %d features", len(got), len(rows))
	}
	kept := dropFeatures(rows, 0.2, rand.New(rand.NewPCG(1, 1)), nil)
	sum := float32(0)
	for _, r := range kept {
		sum += r.v
	}
	if n := len(kept); n < 7800 || n > 8200 {
		t.Errorf("dropout 0.2 kept %d of 10000 features", n)
	}
	if sum < 9700 || sum > 10300 {
		t.Errorf("dropout 0.2 left a total weight of %.0f for 10000", sum)
	}
}

// Word pairs and the words shown as evidence stay within a clause: across a
// full stop or a line they are no phrase (« …en octobre. Il est parti… »).
func TestWordPairsAndEvidenceStayWithinAClause(t *testing.T) {
	text := "Je vous ai déjà écrit en octobre.\r\nDéjà écrit en septembre, sans réponse."
	fs := Extract(Doc{Body: text, New: Span{0, len(text)}})
	has := func(name string) bool {
		for _, f := range fs.hashed {
			if f.bucket == bucketOf(name) {
				return true
			}
		}
		return false
	}
	if !has("b|deja|ecrit") {
		t.Error("the pair « déjà écrit » within a clause is missing")
	}
	if has("b|octobr|deja") {
		t.Error("a pair joins « octobre » and « Déjà » across a full stop and a line")
	}
	m, err := Train(toy(), toyOptions)
	if err != nil {
		t.Fatal(err)
	}
	// Both sentences are relance words through and through: joined, they
	// would show as one run of evidence.
	text = "Troisième message sans réponse.\r\nDéjà écrit deux fois."
	ev := m.Explain(Extract(Doc{Body: text, New: Span{0, len(text)}}), HeadRelance)
	if len(ev) == 0 {
		t.Fatal("a relance with no evidence")
	}
	for _, e := range ev {
		if shown := text[e.Span.Start:e.Span.End]; strings.ContainsAny(shown, ".\r\n") {
			t.Errorf("evidence %q runs across the end of a sentence", shown)
		}
	}
}

// A bundle's prepared engine carries the weights uncompressed
// (MarshalBinary): read back, they judge exactly as the weights file does,
// and a cut or padded copy is refused as the file would be.
func TestPreparedWeightsJudgeAsTheFile(t *testing.T) {
	var file bytes.Buffer
	m, err := Train(toy(), toyOptions)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Write(&file); err != nil {
		t.Fatal(err)
	}
	fromFile, err := Read(file.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	data, err := fromFile.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	prepared, err := UnmarshalBinary(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(prepared, fromFile) {
		t.Error("the prepared weights differ from the file's")
	}
	for name, bad := range map[string][]byte{"cut": data[:len(data)-1], "padded": append(bytes.Clone(data), 0), "header only": data[:10]} {
		if _, err := UnmarshalBinary(bad); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A date read as the judge's evidence is a contact's only when the words
// with it tell of one: the first contact shown to the agent is never the
// day of a death or a theft.
func TestTellsOfContact(t *testing.T) {
	for text, want := range map[string]bool{
		"je vous ai écrit le": true,
		"JAI APPELE LE":       true,
		"votre réponse du":    true,
		"à deux reprises, le 8 octobre, sans réponse": true,
		"I was told on":                        true,
		"mon père nous a quittés le":           false,
		"mon passeport a été volé le":          false,
		"ne figurait pas dans la promotion du": false,
		"le vol du":                            false,
	} {
		if got := TellsOfContact(text); got != want {
			t.Errorf("TellsOfContact(%q) = %v, want %v", text, got, want)
		}
	}
}

// The examples are every *.jsonl of the folder, a file linked from a shared
// folder included (it was skipped without a word).
func TestExampleFilesReadsLinkedFiles(t *testing.T) {
	dir, shared := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "w01.jsonl"), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shared, "w02.jsonl"), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(shared, "w02.jsonl"), filepath.Join(dir, "w02.jsonl")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	files, err := ExampleFiles(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files["w01.jsonl"] == nil || files["w02.jsonl"] == nil {
		t.Errorf("read %d files, want w01.jsonl and the linked w02.jsonl", len(files))
	}
}

// A forwarded message goes to a service that holds files of its topic: an
// urgent passport (identite) went to the immigration service when the
// service head alone leant that way.
func TestAServiceHoldsFilesOfTheCategory(t *testing.T) {
	var s Scores
	s.Service[ServiceHead("immigration")-svcStart] = 0.40
	s.Service[ServiceHead("cert-titres")-svcStart] = 0.30
	s.Service[ServiceHead("cabinet")-svcStart] = 0.20
	if got, _ := s.BestService(true, "identite"); got != "cert-titres" {
		t.Errorf("an ID message forwarded to %s", got)
	}
	if got, _ := s.BestService(true, "sejour"); got != "immigration" {
		t.Errorf("a séjour message forwarded to %s", got)
	}
	s.Service[ServiceHead("cabinet")-svcStart] = 0.50
	if got, _ := s.BestService(true, "identite"); got != "cabinet" {
		t.Errorf("an élu's letter about an ID card forwarded to %s, want the cabinet, which takes any topic", got)
	}
	if got, _ := s.BestService(false, "identite"); got != "accueil" {
		t.Errorf("a message kept at the desk goes to %s", got)
	}
}
