package cli

import (
	"fmt"

	"plume/journal"
	"plume/kb"
)

// checkReport is the JSON form of `plume check --format json`.
type checkReport struct {
	Items    int         `json:"items"`
	Withheld int         `json:"withheld"` // items with an error, not served
	Errors   int         `json:"errors"`
	Warnings int         `json:"warnings"`
	Problems kb.Problems `json:"problems"`
}

func runCheck(env Env, args []string) int {
	fl := newFlags(env, "check")
	dir := fl.String("kb", "", "dossier de la base de connaissances")
	format := fl.String("format", "text", "text ou json")
	if err := fl.Parse(args); err != nil {
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		return fail(env, ExitUsage, "--format : text ou json (reçu « %s »)", *format)
	}
	k, base, probs, err := openKB(env, *dir)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	if probs == nil {
		probs = kb.Problems{}
	}
	// The follow-up delays of the transfer journal are read from site.yaml
	// by the window: a value it cannot read is said here too.
	_, delayProbs := journal.ParseDelays(k.Site)
	for _, msg := range delayProbs {
		probs = append(probs, kb.Problem{Path: kb.SiteFile, Line: 1, Level: kb.LevelWarning, Message: msg})
	}
	if *format == "json" {
		if code := writeJSON(env, checkReport{len(k.Items) + len(k.Withheld), len(k.Withheld), probs.Errors(), probs.Warnings(), probs}); code != ExitOK {
			return code
		}
	} else {
		for _, p := range probs {
			fmt.Fprintln(env.Stdout, p)
		}
		withheld := ""
		if len(k.Withheld) > 0 {
			withheld = fmt.Sprintf(" dont %d non servi(s) aux agents tant que leurs erreurs restent", len(k.Withheld))
		}
		fmt.Fprintf(env.Stdout, "%s : %d élément(s)%s, %d erreur(s), %d avertissement(s)\n",
			base.Name, len(k.Items)+len(k.Withheld), withheld, probs.Errors(), probs.Warnings())
	}
	if probs.Errors() > 0 {
		return ExitFail
	}
	return ExitOK
}
