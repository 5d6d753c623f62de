package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"plume/kb"
)

// labelled is one line of an evaluation file (../shared/eval/dev.jsonl).
type labelled struct {
	ID        string `json:"id"`
	Subject   string `json:"subject"`
	Body      string `json:"body"`
	Category  string `json:"category"`
	Service   string `json:"service"`
	Transfer  *bool  `json:"transfer"`
	Sensitive bool   `json:"sensitive"`
}

// score counts right answers for one label.
type score struct {
	name   string
	right  int
	total  int
	missed []string
}

func (s *score) add(id string, ok bool) {
	s.total++
	if ok {
		s.right++
	} else {
		s.missed = append(s.missed, id)
	}
}

func (s *score) accuracy() float64 {
	if s.total == 0 {
		return 0
	}
	return float64(s.right) / float64(s.total)
}

func runEval(env Env, args []string) int {
	fl := newFlags(env, "eval")
	dir := fl.String("kb", "", "dossier de la base de connaissances")
	if err := fl.Parse(args); err != nil {
		return ExitUsage
	}
	if fl.NArg() != 1 {
		return fail(env, ExitUsage, "indiquez un fichier de messages étiquetés : plume eval messages.jsonl")
	}
	f, err := os.Open(fl.Arg(0))
	if err != nil {
		return fail(env, ExitUsage, "impossible d'ouvrir %s : %v", fl.Arg(0), err)
	}
	defer f.Close()
	e, _, err := openEngine(env, *dir)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	defer e.Close()

	category := &score{name: "catégorie"}
	top := &score{name: "catégorie de la 1re suggestion"}
	service := &score{name: "service"}
	serviceCalm := &score{name: "service (messages non sensibles)"}
	transfer := &score{name: "transfert"}
	confusion := map[string]map[string]int{}
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
			fmt.Fprintf(env.Stderr, "plume : ligne %d ignorée : JSON invalide ou sans id\n", n)
			continue
		}
		res, err := e.Suggest(kb.Message{Subject: m.Subject, Body: m.Body})
		if err != nil {
			return fail(env, ExitFail, "%s : %v", m.ID, err)
		}
		if m.Category != "" {
			category.add(m.ID, res.Category == m.Category)
			topCat := ""
			if len(res.Suggestions) > 0 {
				topCat = res.Suggestions[0].Category
			}
			top.add(m.ID, topCat == m.Category)
			if confusion[m.Category] == nil {
				confusion[m.Category] = map[string]int{}
			}
			confusion[m.Category][res.Category]++
		}
		if m.Service != "" {
			service.add(m.ID, res.Service == m.Service)
			if !m.Sensitive {
				serviceCalm.add(m.ID, res.Service == m.Service)
			}
		}
		if m.Transfer != nil {
			transfer.add(m.ID, res.Transfer == *m.Transfer)
		}
	}
	if category.total == 0 && service.total == 0 {
		return fail(env, ExitUsage, "aucun message étiqueté dans %s", fl.Arg(0))
	}
	w := env.Stdout
	fmt.Fprintf(w, "%d messages évalués (%s)\n\n", category.total, fl.Arg(0))
	for _, s := range []*score{category, top, service, serviceCalm, transfer} {
		if s.total > 0 {
			fmt.Fprintf(w, "%-36s %5.3f  (%d/%d)\n", s.name, s.accuracy(), s.right, s.total)
		}
	}
	printConfusion(w, confusion)
	fmt.Fprintln(w, "\nMessages mal classés :")
	for _, s := range []*score{category, top, serviceCalm, transfer} {
		if len(s.missed) > 0 {
			sort.Strings(s.missed)
			fmt.Fprintf(w, "  %s : %s\n", s.name, strings.Join(s.missed, " "))
		}
	}
	if bad > 0 {
		fmt.Fprintf(env.Stderr, "plume : %d ligne(s) ignorée(s)\n", bad)
	}
	return ExitOK
}

func printConfusion(w io.Writer, m map[string]map[string]int) {
	fmt.Fprintln(w, "\nMatrice de confusion des catégories (lignes : attendu, colonnes : obtenu)")
	short := func(c string) string {
		if len(c) > 6 {
			return c[:6]
		}
		return c
	}
	fmt.Fprintf(w, "%-16s", "")
	for _, c := range kb.Categories {
		fmt.Fprintf(w, " %6s", short(c.Code))
	}
	fmt.Fprintln(w)
	for _, want := range kb.Categories {
		fmt.Fprintf(w, "%-16s", want.Code)
		for _, got := range kb.Categories {
			fmt.Fprintf(w, " %6d", m[want.Code][got.Code])
		}
		fmt.Fprintln(w)
	}
}
