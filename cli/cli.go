// Package cli is Plume's command line: the same binary as the desktop app,
// without a window. It uses only the engine (kb), so it also builds without
// the GUI (go build -tags nogui).
package cli

import (
	"flag"
	"fmt"
	"io"
	"plume/search"
	"time"

	"plume/kb"
	"plume/templates"
)

// Env is what a command reads and writes, so tests can run it in memory.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Today is the day reviews and expiries are judged against.
	Today time.Time
}

// Exit codes.
const (
	ExitOK    = 0
	ExitFail  = 1 // the command ran and found errors (check, bad lines)
	ExitUsage = 2 // bad arguments or unusable input
)

const usage = `Plume : assistant de réponse pour la boîte de contact d'une préfecture.

Utilisation :
  plume [--kb DOSSIER]                   ouvre l'application
  plume suggest [--kb DOSSIER] [--json] [--bloc RÔLE=ID] [--journal DOSSIER] [FICHIER|FICHIER.eml|-]
                                         analyse un message (texte collé ou e-mail .eml),
                                         propose des réponses et compose la première
                                         (--bloc : le bloc choisi pour un rôle, comme l'agent)
                                         (--journal : cherche le message dans le journal
                                         des transferts, comme la fenêtre)
  plume suggest --jsonl [--kb DOSSIER] < entrée.jsonl > sortie.jsonl
                                         un message JSON par ligne (id, subject, body)
  plume check [--kb DOSSIER] [--format text|json]
                                         vérifie la base de connaissances
  plume eval [--kb DOSSIER] FICHIER.jsonl
                                         mesure la justesse sur des messages étiquetés
  plume eval --cv DOSSIER [--kb DOSSIER]
                                         validation croisée par rédacteur du jugement appris
  plume train [--kb DOSSIER] [--exemples DOSSIER] [-o FICHIER]
                                         entraîne le jugement appris sur les exemples
                                         étiquetés (relance, sensible, catégorie, service)
  plume bench [--kb DOSSIER] [--size N] [--runs N]
                                         mesure l'indexation et les suggestions
  plume kb export [--kb DOSSIER] [--sign CLÉ] -o kb.bundle
                                         écrit toute la base vérifiée dans un seul fichier
                                         (empreinte et date de construction ; signé avec
                                         la clé privée CLÉ si indiquée)
  plume kb import kb.bundle -o DOSSIER [--force]
                                         écrit les fichiers d'un paquet dans un dossier
                                         vide ou nouveau (--force : non vide)
  plume kb cle -o FICHIER                crée une clé de signature des paquets : la clé
                                         privée dans FICHIER, la clé publique affichée
                                         (à mettre dans site.yaml, cle_paquet)

  plume suivi [--journal DOSSIER] [--tous] [--csv]
                                         les transferts du journal, en retard d'abord
  plume rapport [--journal DOSSIER] [--depuis AAAA-MM-JJ] [--csv]
                                         le tableau de bord de la boîte : catégories,
                                         relances, situations sensibles, transferts par
                                         service, réponses types utilisées ou non

Sans --journal, le journal des transferts est celui de l'application sur ce
poste. Sans --kb, Plume utilise la base de connaissances intégrée. --kb accepte aussi
un paquet écrit par « plume kb export » (fichier .bundle).
`

// Commands maps a subcommand to its function.
var commands = map[string]func(env Env, args []string) int{
	"suggest": runSuggest,
	"check":   runCheck,
	"bench":   runBench,
	"eval":    runEval,
	"train":   runTrain,
	"kb":      runKB,
	"suivi":   runSuivi,
	"rapport": runRapport,
}

// IsCommand reports whether args start with a subcommand (rather than the
// GUI's own flags).
func IsCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	_, ok := commands[args[0]]
	return ok || args[0] == "help" || args[0] == "-h" || args[0] == "--help"
}

// Run runs the subcommand of args[0].
func Run(env Env, args []string) int {
	if env.Today.IsZero() {
		env.Today = time.Now()
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, usage)
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "plume : commande inconnue « %s »\n\n%s", args[0], usage)
		return ExitUsage
	}
	return cmd(env, args[1:])
}

// newFlags returns a flag set that prints French errors on env.Stderr.
func newFlags(env Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { fmt.Fprint(env.Stderr, usage) }
	return fs
}

// KnowledgeBase finds the knowledge base: dir when given (a folder, or a
// bundle file *.bundle written by `plume kb export`), else the embedded
// default.
func KnowledgeBase(dir string) (kb.Base, error) { return kb.Locate(dir, templates.FS) }

// openEngine loads and indexes the knowledge base. Validation problems are
// not printed here: `plume check` is the place for them, and a broken file
// is left out of the index anyway. With rulesOnly the base's learned judge
// is left out (kb.LoadOptions.RulesOnly).
func openEngine(env Env, dir string, rulesOnly bool) (*search.Engine, kb.Problems, error) {
	b, err := KnowledgeBase(dir)
	if err != nil {
		return nil, nil, err
	}
	opts := env.loadOptions()
	opts.RulesOnly = rulesOnly
	return search.Open(b, opts)
}

// openKB loads the base of dir (embedded when empty), and says which it is
// (Base.Name for messages); an error names the base it could not read.
func openKB(env Env, dir string) (*kb.KB, kb.Base, kb.Problems, error) {
	b, err := KnowledgeBase(dir)
	if err != nil {
		return nil, b, nil, err
	}
	k, probs, err := kb.Load(b.FS, env.loadOptions())
	if err != nil {
		return nil, b, probs, fmt.Errorf("%s : %w", b.Name, err)
	}
	return k, b, probs, nil
}

// loadOptions loads a base whose engines judge by the command's day
// (Env.Today), the same day its validation uses.
func (env Env) loadOptions() kb.LoadOptions {
	return kb.LoadOptions{Now: kb.At(env.Today)}
}

func fail(env Env, code int, format string, args ...any) int {
	fmt.Fprintf(env.Stderr, "plume : "+format+"\n", args...)
	return code
}
