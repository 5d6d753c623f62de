package cli

import (
	"fmt"
	"os"
	"time"

	"plume/journal"
	"plume/kb"
)

// openJournal reads the desk's transfer journal of dir (the default folder
// when empty), to look messages up and report; the CLI never writes to it.
func openJournal(env Env, dir string) (*journal.Journal, error) {
	if dir == "" {
		dir = journal.DefaultDir()
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("dossier du journal introuvable : %s", dir)
	}
	today := env.Today
	return journal.Open(journal.Options{Store: &readOnly{journal.Folder{Dir: dir}}, Clock: func() time.Time { return today }})
}

// readOnly is a journal folder the command line reads and never changes:
// not even the retention purge, which each agent's window does for its own
// file.
type readOnly struct{ journal.Folder }

func (r *readOnly) Own() ([]journal.Event, error) { return nil, nil }
func (r *readOnly) Append(journal.Event) error    { return errReadOnly }
func (r *readOnly) Rewrite([]journal.Event) error { return errReadOnly }

var errReadOnly = fmt.Errorf("la ligne de commande ne modifie pas le journal")

// runSuivi lists the transfers, those to chase first.
func runSuivi(env Env, args []string) int {
	fl := newFlags(env, "suivi")
	dir := fl.String("journal", "", "dossier du journal des transferts")
	all := fl.Bool("tous", false, "aussi les transferts répondus ou clos")
	asCSV := fl.Bool("csv", false, "sortie CSV (séparateur « ; »)")
	if _, err := parseInterspersed(fl, args); err != nil {
		return ExitUsage
	}
	j, err := openJournal(env, *dir)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	for _, p := range j.Problems() {
		fmt.Fprintf(env.Stderr, "%s\n", p)
	}
	var shown []journal.Entry
	for _, e := range j.Entries() {
		if *all || e.State.Open() {
			shown = append(shown, e)
		}
	}
	if *asCSV {
		if err := journal.WriteCSV(env.Stdout, shown, env.Today); err != nil {
			return fail(env, ExitFail, "%v", err)
		}
		return ExitOK
	}
	c := j.Counts()
	fmt.Fprintf(env.Stdout, "Journal %s : %d transfert(s) ouvert(s) — à relancer aujourd'hui : %d, en retard : %d\n", j.Where(), c.Open, c.DueToday, c.Late)
	for _, e := range shown {
		late := ""
		if o := e.Overrun(env.Today); o != "" {
			late = " — EN RETARD de " + o
		}
		fmt.Fprintf(env.Stdout, "%s  %-22s %-28s échéance %s%s\n", e.Ref, e.State.Label(), kb.Label(kb.Services, e.Service), e.Due.Format("2006-01-02"), late)
	}
	return ExitOK
}

// runRapport prints the desk's figures since a day.
func runRapport(env Env, args []string) int {
	fl := newFlags(env, "rapport")
	dir := fl.String("journal", "", "dossier du journal des transferts")
	kbDir := fl.String("kb", "", "dossier de la base de connaissances (pour les réponses types jamais utilisées)")
	since := fl.String("depuis", "", "premier jour compté, AAAA-MM-JJ (par défaut : il y a 30 jours)")
	asCSV := fl.Bool("csv", false, "sortie CSV (séparateur « ; »)")
	if _, err := parseInterspersed(fl, args); err != nil {
		return ExitUsage
	}
	from := kb.Day(env.Today).AddDate(0, 0, -30)
	if *since != "" {
		d, err := time.ParseInLocation("2006-01-02", *since, time.Local)
		if err != nil {
			return fail(env, ExitUsage, "--depuis : « %s » n'est pas une date AAAA-MM-JJ", *since)
		}
		from = d
	}
	j, err := openJournal(env, *dir)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	k, _, _, err := openKB(env, *kbDir)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	r := journal.BuildReport(j.Entries(), j.Tallies(from), journal.ItemsOf(k), from, env.Today)
	if *asCSV {
		err = r.WriteCSV(env.Stdout)
	} else {
		err = r.WriteText(env.Stdout)
	}
	if err != nil {
		return fail(env, ExitFail, "%v", err)
	}
	return ExitOK
}
