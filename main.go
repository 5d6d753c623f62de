//go:build !js

// Plume: a response assistant for the agents of a public-service contact
// mailbox. Without a subcommand it opens the desktop app; `plume help` lists
// the command-line tools.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"time"

	"plume/cli"
	_ "plume/internal/frenchlocale" // before Fyne reads the locale
)

// started is when the process started, for `plume --mesurer-demarrage`.
var started = time.Now()

func main() {
	args := os.Args[1:]
	if cli.IsCommand(args) {
		os.Exit(cli.Run(cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, args))
	}
	fl := flag.NewFlagSet("plume", flag.ContinueOnError)
	kbDir := fl.String("kb", "", "dossier de la base de connaissances (par défaut : la base intégrée)")
	measure := fl.Bool("mesurer-demarrage", false, "affiche le temps jusqu'à la fenêtre prête et la mémoire, puis quitte")
	if err := fl.Parse(args); err != nil {
		os.Exit(cli.ExitUsage)
	}
	if fl.NArg() > 1 {
		fmt.Fprintln(os.Stderr, "plume : un seul message à ouvrir à la fois")
		os.Exit(cli.ExitUsage)
	}
	if err := openable(fl.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "plume :", err)
		os.Exit(cli.ExitUsage)
	}
	if err := startGUI(*kbDir, fl.Arg(0), *measure, started); err != nil {
		fmt.Fprintln(os.Stderr, "plume :", err)
		os.Exit(cli.ExitFail)
	}
}

// openable says why the window's message argument cannot be opened, before
// the window opens: a mistyped command ("plume aide") is not a file, and the
// window would only say "Message illisible" in its status line.
func openable(name string) error {
	if name == "" {
		return nil
	}
	info, err := os.Stat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("« %s » n'est ni une commande ni un fichier ; « plume help » liste les commandes", name)
	case err != nil:
		return fmt.Errorf("« %s » ne peut pas être lu : %v", name, err)
	case info.IsDir():
		return fmt.Errorf("« %s » est un dossier ; pour ouvrir une base de connaissances : plume --kb %s", name, name)
	}
	return nil
}
