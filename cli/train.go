package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"plume/search"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"plume/kb"
	"plume/kb/judge"
	"plume/kb/store"
)

// defaultExamples is where the repository keeps the training corpus of the
// embedded knowledge base, and defaultWeights where its weights go.
const (
	defaultExamples = "testdata/train"
	defaultWeights  = "templates/" + judge.FileName
)

// trainPaths says where plume train reads examples and writes weights: for
// a knowledge-base folder, its exemples/ folder and its jugement.poids; for
// the embedded base, the repository's testdata/train and
// templates/jugement.poids.
func trainPaths(kbDir, examples, out string) (string, string, error) {
	folder := kbDir != "" && !strings.HasSuffix(kbDir, ".bundle")
	if kbDir != "" && !folder && out == "" {
		return "", "", fmt.Errorf("un paquet .bundle est en lecture seule : indiquez où écrire les poids avec -o")
	}
	if examples == "" {
		examples = defaultExamples
		if folder {
			examples = filepath.Join(kbDir, kb.ExamplesDir)
		}
	}
	if out == "" {
		out = defaultWeights
		if folder {
			out = filepath.Join(kbDir, judge.FileName)
		}
	}
	return examples, out, nil
}

// readExamples reads every *.jsonl of dir: one labelled message a line. The
// writer is the line's "writer", else the file's name. The first bad line
// stops everything, with its path and line.
func readExamples(dir string) ([]labelled, map[string][]byte, error) {
	files, err := judge.ExampleFiles(os.DirFS(dir), ".")
	if err != nil {
		return nil, nil, fmt.Errorf("lecture des exemples dans %s : %v", dir, err)
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("aucun fichier d'exemples (*.jsonl) dans %s", dir)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []labelled
	seen := map[string]string{}
	for _, name := range names {
		path := filepath.Join(dir, name)
		sc := bufio.NewScanner(bytes.NewReader(files[name]))
		sc.Buffer(make([]byte, 0, 64<<10), maxInput)
		for n := 1; sc.Scan(); n++ {
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			m, err := parseExample(line)
			if err != nil {
				return nil, nil, fmt.Errorf("%s:%d: %v", path, n, err)
			}
			if where, dup := seen[m.ID]; dup {
				return nil, nil, fmt.Errorf("%s:%d: identifiant « %s » déjà utilisé (%s)", path, n, m.ID, where)
			}
			seen[m.ID] = fmt.Sprintf("%s:%d", path, n)
			if m.Writer == "" {
				m.Writer = strings.TrimSuffix(name, ".jsonl")
			}
			out = append(out, m)
		}
		if err := sc.Err(); err != nil {
			return nil, nil, fmt.Errorf("%s : %v", path, err)
		}
	}
	return out, files, nil
}

// parseExample reads one labelled line and checks every label a training
// example needs.
func parseExample(line []byte) (labelled, error) {
	var m labelled
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&m); err != nil {
		return m, fmt.Errorf("JSON invalide (%v)", err)
	}
	switch {
	case m.ID == "":
		return m, fmt.Errorf("champ « id » manquant")
	case strings.TrimSpace(m.Body) == "":
		return m, fmt.Errorf("« %s » : corps du message vide", m.ID)
	case !isCode(kb.Categories, m.Category):
		return m, fmt.Errorf("« %s » : catégorie « %s » inconnue (%s)", m.ID, m.Category, codeList(kb.Categories))
	case !isCode(kb.Services, m.Service):
		return m, fmt.Errorf("« %s » : service « %s » inconnu (%s)", m.ID, m.Service, codeList(kb.Services))
	case m.Relance == nil || m.Sensitive == nil:
		return m, fmt.Errorf("« %s » : les champs « relance » et « sensitive » (true ou false) sont obligatoires", m.ID)
	case *m.Sensitive && len(m.Reasons) == 0:
		return m, fmt.Errorf("« %s » : message sensible sans motif (« reasons »)", m.ID)
	}
	for _, r := range m.Reasons {
		if !isCode(kb.Reasons, r) {
			return m, fmt.Errorf("« %s » : motif « %s » inconnu (%s)", m.ID, r, codeList(kb.Reasons))
		}
	}
	if m.Transfer == nil {
		t := m.Service != kb.ServiceAccueil
		m.Transfer = &t
	}
	return m, nil
}

func isCode(codes []kb.Code, c string) bool {
	return slices.ContainsFunc(codes, func(x kb.Code) bool { return x.Code == c })
}

func codeList(codes []kb.Code) string {
	var s []string
	for _, c := range codes {
		s = append(s, c.Code)
	}
	return strings.Join(s, ", ")
}

// judgeExamples computes the features of labelled messages with the
// engine's rules and search (never its judge), on every core, saying how
// far it is.
func judgeExamples(env Env, e *search.Engine, ms []labelled) ([]judge.Example, error) {
	ex := make([]judge.Example, len(ms))
	errs := make([]error, len(ms))
	var done atomic.Int64
	var wg sync.WaitGroup
	var say sync.Mutex // env.Stderr may not take concurrent writes
	next := atomic.Int64{}
	for w := 0; w < max(1, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(ms) {
					return
				}
				m := ms[i]
				fs, err := e.JudgeFeatures(search.Message{Subject: m.Subject, Body: m.Body})
				if err != nil {
					errs[i] = fmt.Errorf("%s : %v", m.ID, err)
					continue
				}
				ex[i] = judge.Example{ID: m.ID, Writer: m.Writer, Features: fs,
					Relance: *m.Relance, Sensitive: *m.Sensitive, Reasons: m.Reasons,
					Category: m.Category, Service: m.Service, Transfer: *m.Transfer}
				if n := done.Add(1); n%250 == 0 || int(n) == len(ms) {
					say.Lock()
					fmt.Fprintf(env.Stderr, "\rlecture des exemples : %d/%d", n, len(ms))
					say.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	fmt.Fprintln(env.Stderr)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return ex, nil
}

func runTrain(env Env, args []string) int {
	fl := newFlags(env, "train")
	dir := fl.String("kb", "", "dossier de la base de connaissances")
	exDir := fl.String("exemples", "", "dossier des exemples étiquetés (*.jsonl)")
	out := fl.String("o", "", "fichier des poids à écrire")
	if _, err := parseInterspersed(fl, args); err != nil {
		return ExitUsage
	}
	examples, dest, err := trainPaths(*dir, *exDir, *out)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	start := time.Now()
	ex, files, code := loadExamples(env, *dir, examples)
	if code != ExitOK {
		return code
	}
	read := time.Since(start)
	fmt.Fprintf(env.Stderr, "validation croisée par rédacteur et entraînement…\n")
	m, err := judge.Fit(ex, judge.Options{})
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	m.Trained = env.Today.UTC().Truncate(time.Second)
	m.ExamplesDigest = judge.Digest(files)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return fail(env, ExitFail, "%v", err)
	}
	if _, err := store.Overwrite(store.New(dest), buf.Bytes()); err != nil {
		return fail(env, ExitFail, "écriture de %s : %v", dest, err)
	}
	w := env.Stdout
	fmt.Fprintf(w, "%d exemples de %d rédacteurs (%s) : poids écrits dans %s (%d octets) en %.1f s (lecture %.1f s, apprentissage %.1f s)\n",
		m.Examples, m.Writers, examples, dest, buf.Len(), time.Since(start).Seconds(), read.Seconds(), (time.Since(start) - read).Seconds())
	t := m.Thresholds
	fmt.Fprintf(w, "seuils choisis par validation croisée : relance %.3f (à vérifier %.3f), sensible %.3f (à vérifier %.3f)\n",
		t.Relance, t.RelanceCheck, t.Sensitive, t.SensitiveCheck)
	printReport(w, m.CrossValidation, false)
	return ExitOK
}

// loadExamples reads the labelled examples of a folder and computes their
// features with the knowledge base's rules and search. A bad line stops it
// with its path and line, nothing written.
func loadExamples(env Env, kbDir, examples string) ([]judge.Example, map[string][]byte, int) {
	ms, files, err := readExamples(examples)
	if err != nil {
		return nil, nil, fail(env, ExitUsage, "%v\narrêt : corrigez cette ligne, rien n'a été écrit", err)
	}
	e, _, err := openEngine(env, kbDir, true)
	if err != nil {
		return nil, nil, fail(env, ExitUsage, "%v", err)
	}
	defer e.Close()
	ex, err := judgeExamples(env, e, ms)
	if err != nil {
		return nil, nil, fail(env, ExitFail, "%v", err)
	}
	return ex, files, ExitOK
}

// printReport prints a judge report: each decision's precision and recall,
// the reasons, the topic and routing, each left-out writer; with misses,
// the ids of the messages missed or flagged wrongly.
func printReport(w io.Writer, r *judge.Report, misses bool) {
	if r == nil {
		return
	}
	fmt.Fprintf(w, "\nValidation croisée par rédacteur (%d messages, %d rédacteurs ; chacun jugé par un modèle et des seuils qui ne l'ont pas vu)\n",
		r.Messages, r.Writers)
	fmt.Fprintln(w, "                                        précision rappel  (VP/FP/FN)")
	bin := func(name string, b judge.Binary) {
		fmt.Fprintf(w, "  %-36s %6.3f  %6.3f  (%d/%d/%d)\n", name, b.Precision(), b.Recall(), b.TP, b.FP, b.FN)
	}
	bin("relance", r.Relance)
	bin("relance, « à vérifier » compris", r.RelanceCheck)
	bin("situation sensible", r.Sensitive)
	bin("sensible, « à vérifier » compris", r.SensitiveCheck)
	fmt.Fprintln(w, "  motifs (parmi les messages sensibles) :")
	for _, c := range judge.ReasonCodes {
		bin("  "+c, r.Reasons[c])
	}
	acc := func(name string, a judge.Accuracy) {
		fmt.Fprintf(w, "  %-36s %6.3f  (%d/%d)\n", name, a.Value(), a.Right, a.Total)
	}
	acc("catégorie", r.Category)
	acc("service", r.Service)
	acc("service (messages non sensibles)", r.ServiceCalm)
	acc("transfert", r.Transfer)
	ws := make([]string, 0, len(r.PerWriter))
	for wr := range r.PerWriter {
		ws = append(ws, wr)
	}
	sort.Strings(ws)
	fmt.Fprintln(w, "  par rédacteur laissé de côté :   messages  rappel relance  rappel sensible  catégorie")
	for _, wr := range ws {
		f := r.PerWriter[wr]
		fmt.Fprintf(w, "    %-28s %8d  %14.3f  %15.3f  %9.3f\n", wr, f.Messages, f.Relance, f.Sensitive, f.Category)
	}
	if !misses {
		return
	}
	printConfusion(w, "catégories", kb.Categories, r.CategoryConfusion)
	printConfusion(w, "services", kb.Services, r.ServiceConfusion)
	fmt.Fprintln(w, "\nMessages manqués ou signalés à tort (validation croisée) :")
	list := func(name string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(w, "  %s (%d) : %s\n", name, len(ids), strings.Join(ids, " "))
		}
	}
	list("relance manquée", r.Relance.Missed)
	list("relance à tort", r.Relance.Wrong)
	list("sensible manqué", r.Sensitive.Missed)
	list("sensible manqué même « à vérifier »", r.SensitiveCheck.Missed)
	list("sensible à tort", r.Sensitive.Wrong)
	list("catégorie", r.Category.Missed)
	list("service (non sensibles)", r.ServiceCalm.Missed)
}
