package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"plume/search"
	"slices"
	"sort"
	"strings"

	"plume/kb"
	"plume/kb/judge"
	"plume/message/detect"
)

// labelled is one line of a labelled file (docs/etiquettes.md).
type labelled struct {
	ID        string   `json:"id"`
	Subject   string   `json:"subject"`
	Body      string   `json:"body"`
	Category  string   `json:"category"`
	Service   string   `json:"service"`
	Transfer  *bool    `json:"transfer"`
	Relance   *bool    `json:"relance"`
	Sensitive *bool    `json:"sensitive"`
	Reasons   []string `json:"reasons"`
	Lang      string   `json:"lang"`
	// Writer is who wrote a training example: cross-validation leaves
	// each writer out in turn.
	Writer string `json:"writer"`
	// Expected is the id of the item an agent should see first, or a
	// list of acceptable ids: the regression suite editors keep next to
	// their Markdown.
	Expected expectedIDs `json:"expected"`
}

// expectedIDs accepts "expected": "id" or "expected": ["id1", "id2"].
type expectedIDs []string

func (e *expectedIDs) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		if one != "" {
			*e = expectedIDs{one}
		}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("« expected » : un identifiant ou une liste d'identifiants")
	}
	*e = nil
	for _, id := range many {
		if id != "" {
			*e = append(*e, id)
		}
	}
	return nil
}

// expectedMiss is a message whose expected item is not first.
type expectedMiss struct {
	id       string
	expected []string
	rank     int      // 1-based position of the first expected item; 0: not suggested
	got      []string // the first suggestions
}

// binary counts a yes/no detector against labels, under its name in the
// report; score counts right answers for one label. The counting itself is
// the judge's, so that `plume eval` and the cross-validation agree.
type binary struct {
	name string
	judge.Binary
}

type score struct {
	name string
	judge.Accuracy
}

func runEval(env Env, args []string) int {
	fl := newFlags(env, "eval")
	dir := fl.String("kb", "", "dossier de la base de connaissances")
	cv := fl.String("cv", "", "dossier d'exemples étiquetés : validation croisée par rédacteur")
	var opt judge.Options
	fl.IntVar(&opt.Epochs, "epoques", 0, "passes sur les exemples (validation croisée)")
	fl.Float64Var(&opt.Rate, "pas", 0, "pas d'apprentissage AdaGrad (validation croisée)")
	fl.Float64Var(&opt.L2, "l2", 0, "régularisation (validation croisée)")
	fl.IntVar(&opt.MinDF, "min-df", 0, "nombre minimal d'exemples pour garder un n-gramme (validation croisée)")
	fl.Float64Var(&opt.Dropout, "abandon", 0, "part des caractéristiques laissées de côté à chaque passe, négative pour aucune (validation croisée)")
	fl.Uint64Var(&opt.Seed, "graine", 0, "graine de l'ordre des exemples : la même donne le même modèle (validation croisée)")
	rulesOnly := fl.Bool("regles-seules", false, "sans le jugement appris : les règles et le vote de la base seuls, pour comparer")
	pos, err := parseInterspersed(fl, args)
	if err != nil {
		return ExitUsage
	}
	if *cv != "" && len(pos) == 0 {
		return runCrossValidation(env, *dir, *cv, opt)
	}
	if len(pos) != 1 {
		return fail(env, ExitUsage, "indiquez un fichier de messages étiquetés : plume eval messages.jsonl")
	}
	file := pos[0]
	f, err := os.Open(file)
	if err != nil {
		return fail(env, ExitUsage, "impossible d'ouvrir %s : %v", file, err)
	}
	defer f.Close()
	e, _, err := openEngine(env, *dir, *rulesOnly)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	defer e.Close()

	category := &score{name: "catégorie"}
	top := &score{name: "catégorie de la 1re suggestion"}
	service := &score{name: "service"}
	serviceCalm := &score{name: "service (messages non sensibles)"}
	transfer := &score{name: "transfert"}
	lang := &score{name: "langue"}
	first := &score{name: "réponse attendue en 1re position"}
	top3 := &score{name: "  dans les 3 premières"}
	var misses []expectedMiss
	unknown := map[string][]string{} // expected id absent from the base → message ids
	evaluated := 0
	relance := &binary{name: "relance"}
	relanceCheck := &binary{name: "relance, « à vérifier » compris"}
	sensitive := &binary{name: "situation sensible"}
	sensitiveCheck := &binary{name: "sensible, « à vérifier » compris"}
	reasons := map[string]*binary{}
	for _, c := range kb.Reasons {
		reasons[c.Code] = &binary{name: c.Code}
	}
	confusion := map[string]map[string]int{}
	serviceConfusion := map[string]map[string]int{}
	bad := 0
	r := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		line, err := readLine(r)
		if err == io.EOF && line == nil {
			break
		}
		if strings.TrimSpace(string(line)) == "" {
			continue
		}
		var m labelled
		if err := json.Unmarshal(line, &m); err != nil || m.ID == "" {
			bad++
			why := "JSON invalide ou sans id"
			if err != nil && strings.Contains(err.Error(), "« expected »") {
				why = "« expected » : un identifiant ou une liste d'identifiants"
			}
			fmt.Fprintf(env.Stderr, "plume : ligne %d ignorée : %s\n", n, why)
			continue
		}
		res, err := e.Analyze(search.Message{Subject: m.Subject, Body: m.Body})
		if err != nil {
			return fail(env, ExitFail, "%s : %v", m.ID, err)
		}
		evaluated++
		if len(m.Expected) > 0 {
			for _, id := range m.Expected {
				if e.KB().Item(id) == nil {
					unknown[id] = append(unknown[id], m.ID)
				}
			}
			rank := 0
			var got []string
			for i, s := range res.Suggestions {
				if rank == 0 && slices.Contains(m.Expected, s.ID) {
					rank = i + 1
				}
				if i < 3 {
					got = append(got, s.ID)
				}
			}
			first.Add(m.ID, rank == 1)
			top3.Add(m.ID, rank >= 1 && rank <= 3)
			if rank != 1 {
				misses = append(misses, expectedMiss{m.ID, m.Expected, rank, got})
			}
		}
		if m.Category != "" {
			category.Add(m.ID, res.Category == m.Category)
			topCat := ""
			if len(res.Suggestions) > 0 {
				topCat = res.Suggestions[0].Category
			}
			top.Add(m.ID, topCat == m.Category)
			if confusion[m.Category] == nil {
				confusion[m.Category] = map[string]int{}
			}
			confusion[m.Category][res.Category]++
		}
		if m.Relance != nil {
			relance.Add(m.ID, res.Relance.Detected, *m.Relance)
			relanceCheck.Add(m.ID, res.Relance.Detected || res.Relance.Level == detect.LevelCheck, *m.Relance)
		}
		if m.Sensitive != nil {
			sensitive.Add(m.ID, res.Sensitive.Detected, *m.Sensitive)
			sensitiveCheck.Add(m.ID, res.Sensitive.Detected || res.Sensitive.Level == detect.LevelCheck, *m.Sensitive)
			for code, b := range reasons {
				b.Add(m.ID, slices.Contains(res.Sensitive.Reasons, code), slices.Contains(m.Reasons, code))
			}
		}
		if m.Lang != "" {
			lang.Add(m.ID, res.Lang == m.Lang)
		}
		if m.Service != "" {
			if serviceConfusion[m.Service] == nil {
				serviceConfusion[m.Service] = map[string]int{}
			}
			serviceConfusion[m.Service][res.Service]++
			service.Add(m.ID, res.Service == m.Service)
			if m.Sensitive == nil || !*m.Sensitive {
				serviceCalm.Add(m.ID, res.Service == m.Service)
			}
		}
		if m.Transfer != nil {
			transfer.Add(m.ID, res.Transfer == *m.Transfer)
		}
	}
	if category.Total == 0 && service.Total == 0 && first.Total == 0 {
		return fail(env, ExitUsage, "aucun message étiqueté dans %s", file)
	}
	w := env.Stdout
	fmt.Fprintf(w, "%d messages évalués (%s)\n\n", evaluated, file)
	fmt.Fprintln(w, "Justesse")
	for _, s := range []*score{category, top, first, top3, service, serviceCalm, transfer, lang} {
		if s.Total > 0 {
			fmt.Fprintf(w, "  %-36s %5.3f  (%d/%d)\n", s.name, s.Value(), s.Right, s.Total)
		}
	}
	fmt.Fprintln(w, "\nDétection                               précision rappel  F1     (VP/FP/FN)")
	for _, b := range []*binary{relance, relanceCheck, sensitive, sensitiveCheck} {
		if b.TP+b.FP+b.FN+b.TN > 0 {
			fmt.Fprintf(w, "  %-36s %6.3f  %6.3f  %5.3f  (%d/%d/%d)\n", b.name, b.Precision(), b.Recall(), b.F1(), b.TP, b.FP, b.FN)
		}
	}
	fmt.Fprintln(w, "  motifs :")
	for _, c := range kb.Reasons {
		b := reasons[c.Code]
		if b.TP+b.FP+b.FN > 0 {
			fmt.Fprintf(w, "    %-34s %6.3f  %6.3f  %5.3f  (%d/%d/%d)\n", c.Code, b.Precision(), b.Recall(), b.F1(), b.TP, b.FP, b.FN)
		}
	}
	printConfusion(w, "catégories", kb.Categories, confusion)
	printConfusion(w, "services", kb.Services, serviceConfusion)
	fmt.Fprintln(w, "\nMessages mal classés :")
	top3.name = "réponse attendue hors des 3 premières"
	first.name = "réponse attendue hors de la 1re position"
	for _, s := range []*score{category, top, first, top3, serviceCalm, transfer, lang} {
		if len(s.Missed) > 0 {
			sort.Strings(s.Missed)
			fmt.Fprintf(w, "  %s : %s\n", s.name, strings.Join(s.Missed, " "))
		}
	}
	for _, b := range []*binary{relance, sensitive} {
		if len(b.Missed) > 0 {
			fmt.Fprintf(w, "  %s manquée : %s\n", b.name, strings.Join(b.Missed, " "))
		}
		if len(b.Wrong) > 0 {
			fmt.Fprintf(w, "  %s à tort : %s\n", b.name, strings.Join(b.Wrong, " "))
		}
	}
	printExpectedMisses(w, misses)
	if len(unknown) > 0 {
		ids := make([]string, 0, len(unknown))
		for id := range unknown {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			fmt.Fprintf(env.Stderr, "plume : réponse attendue « %s » absente de la base (identifiant renommé ou supprimé ?) : %s\n",
				id, strings.Join(unknown[id], " "))
		}
	}
	if bad > 0 {
		fmt.Fprintf(env.Stderr, "plume : %d ligne(s) ignorée(s)\n", bad)
	}
	return ExitOK
}

// printExpectedMisses says, for each message whose expected item is not
// first, where it came and what came before it: what an editor needs to see
// what a change to the knowledge base broke.
func printExpectedMisses(w io.Writer, misses []expectedMiss) {
	if len(misses) == 0 {
		return
	}
	sort.Slice(misses, func(i, j int) bool { return misses[i].id < misses[j].id })
	fmt.Fprintln(w, "\nRéponses attendues hors de la 1re position :")
	for _, m := range misses {
		where := "non proposée"
		if m.rank > 0 {
			where = fmt.Sprintf("%de", m.rank)
		}
		got := strings.Join(m.got, ", ")
		if got == "" {
			got = "aucune suggestion"
		}
		fmt.Fprintf(w, "  %s : attendu %s (%s) ; en tête : %s\n", m.id, strings.Join(m.expected, " ou "), where, got)
	}
}

func printConfusion(w io.Writer, what string, codes []kb.Code, m map[string]map[string]int) {
	fmt.Fprintf(w, "\nMatrice de confusion des %s (lignes : attendu, colonnes : obtenu)\n", what)
	short := func(c string) string {
		if len(c) > 6 {
			return c[:6]
		}
		return c
	}
	fmt.Fprintf(w, "%-16s", "")
	for _, c := range codes {
		fmt.Fprintf(w, " %6s", short(c.Code))
	}
	fmt.Fprintln(w)
	for _, want := range codes {
		fmt.Fprintf(w, "%-16s", want.Code)
		for _, got := range codes {
			fmt.Fprintf(w, " %6d", m[want.Code][got.Code])
		}
		fmt.Fprintln(w)
	}
}

// runCrossValidation trains on all writers but one and scores the one left
// out, for each writer: the figures to expect on writers nobody here has
// read, with the misses.
func runCrossValidation(env Env, dir, examples string, opt judge.Options) int {
	ex, _, code := loadExamples(env, dir, examples)
	if code != ExitOK {
		return code
	}
	r, err := judge.CrossValidationReport(ex, opt)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	printReport(env.Stdout, r, true)
	return ExitOK
}
