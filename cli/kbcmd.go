package cli

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"plume/kb"
	"plume/kb/bundle"
	"plume/kb/store"
	"plume/search"
	"plume/templates"
)

// runKB runs `plume kb export|import`: the whole knowledge base in one file
// (a bundle), for the browser build and for copying it to another machine.
func runKB(env Env, args []string) int {
	if len(args) == 0 {
		return fail(env, ExitUsage, "plume kb : indiquez export ou import\n\n%s", usage)
	}
	switch args[0] {
	case "export":
		return runKBExport(env, args[1:])
	case "import":
		return runKBImport(env, args[1:])
	case "cle":
		return runKBKey(env, args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, usage)
		return ExitOK
	}
	return fail(env, ExitUsage, "plume kb : sous-commande inconnue « %s » (export, import ou cle)", args[0])
}

// runKBKey makes a signing key pair: the private key in a file only its
// owner reads, the public key printed for site.yaml (cle_paquet).
func runKBKey(env Env, args []string) int {
	fl := newFlags(env, "kb cle")
	out := fl.String("o", "", "fichier de la clé privée à créer")
	if err := fl.Parse(args); err != nil {
		return ExitUsage
	}
	if *out == "" || fl.NArg() > 0 {
		return fail(env, ExitUsage, "utilisation : plume kb cle -o FICHIER (la clé privée, à garder hors de tout dossier partagé)")
	}
	private, public, err := bundle.NewKey()
	if err != nil {
		return fail(env, ExitFail, "création de la clé : %v", err)
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fail(env, ExitUsage, "%s : %v (une clé existante n'est jamais remplacée)", *out, err)
	}
	if _, err := f.Write(private); err != nil {
		f.Close()
		return fail(env, ExitFail, "écriture de %s : %v", *out, err)
	}
	if err := f.Close(); err != nil {
		return fail(env, ExitFail, "écriture de %s : %v", *out, err)
	}
	fmt.Fprintf(env.Stdout, "clé privée écrite dans %s (lisible par vous seul : ne la copiez dans aucun dossier partagé)\n", *out)
	fmt.Fprintf(env.Stdout, "clé publique, à mettre dans le site.yaml de la base intégrée des postes et de la page :\n  %s: %s\n", kb.SiteKeyName, public)
	return ExitOK
}

// parseInterspersed parses flags wherever they are among the arguments
// (`plume kb import kb.bundle -o DIR`), which flag.Parse alone does not:
// it stops at the first argument that is not a flag.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		rest := fl.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag.Parse consumed a "--": everything after it is positional.
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func runKBExport(env Env, args []string) int {
	fl := newFlags(env, "kb export")
	dir := fl.String("kb", "", "dossier de la base de connaissances (ou paquet .bundle)")
	out := fl.String("o", "", "fichier à écrire (- : la sortie standard)")
	signWith := fl.String("sign", "", "clé privée (plume kb cle) avec laquelle signer le paquet")
	pos, err := parseInterspersed(fl, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) > 0 {
		return fail(env, ExitUsage, "argument en trop « %s » : plume kb export [--kb DOSSIER] -o kb.bundle", pos[0])
	}
	if *out == "" {
		return fail(env, ExitUsage, "indiquez le fichier à écrire : plume kb export [--kb DOSSIER] -o kb.bundle")
	}
	var key ed25519.PrivateKey
	if *signWith != "" {
		data, err := os.ReadFile(*signWith)
		if err == nil {
			key, err = bundle.ParsePrivateKey(data)
		}
		if err != nil {
			return fail(env, ExitUsage, "--sign %s : %v", *signWith, err)
		}
	}
	base, err := KnowledgeBase(*dir)
	fsys, name := base.FS, base.Name
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	// The bundle is built in memory (a few megabytes even for 10,000
	// items), so that a base with errors leaves no file behind and the
	// file on disk is replaced in one step.
	var buf bytes.Buffer
	info, err := kb.WriteBundle(&buf, fsys, env.Today, key, search.Prepare)
	var invalid *kb.InvalidBundleError
	if errors.As(err, &invalid) {
		for _, p := range invalid.Problems {
			fmt.Fprintln(env.Stderr, p)
		}
		return fail(env, ExitFail, "%s : %d erreur(s), paquet non écrit (plume check pour le détail)", name, len(invalid.Problems))
	}
	if err != nil {
		return fail(env, ExitUsage, "%s : %v", name, err)
	}

	report := env.Stdout
	if *out == "-" {
		if _, err := env.Stdout.Write(buf.Bytes()); err != nil {
			return fail(env, ExitFail, "écriture : %v", err)
		}
		report = env.Stderr // the bundle takes the standard output
	} else {
		if !strings.EqualFold(filepath.Ext(*out), bundle.Ext) {
			fmt.Fprintf(env.Stderr, "plume : attention, --kb ne reconnaît un paquet qu'à son extension %s\n", bundle.Ext)
		}
		if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
			return fail(env, ExitFail, "écriture de %s : %v", *out, err)
		}
	}
	fmt.Fprintf(report, "%s : paquet de %s\n", *out, name)
	fmt.Fprintf(report, "  éléments   %d\n", info.Items)
	fmt.Fprintf(report, "  empreinte  %s\n", info.Hash)
	fmt.Fprintf(report, "  taille     %d octets\n", buf.Len())
	fmt.Fprintf(report, "  construit  %s\n", info.Built.Format(time.RFC3339))
	if info.Signer != "" {
		fmt.Fprintf(report, "  signé par  %s\n", info.Signer)
	}
	return ExitOK
}

func runKBImport(env Env, args []string) int {
	fl := newFlags(env, "kb import")
	out := fl.String("o", "", "dossier où écrire les fichiers")
	force := fl.Bool("force", false, "écrire dans un dossier non vide")
	pos, err := parseInterspersed(fl, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) != 1 || *out == "" {
		return fail(env, ExitUsage, "utilisation : plume kb import kb.bundle -o DOSSIER [--force]")
	}
	src := pos[0]
	f, err := os.Open(src)
	if err != nil {
		return fail(env, ExitUsage, "impossible d'ouvrir %s : %v", src, err)
	}
	fsys, info, err := kb.ReadBundle(f, templates.FS)
	f.Close()
	if err != nil {
		return fail(env, ExitUsage, "%s : %v", src, err)
	}

	st, err := os.Stat(*out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fail(env, ExitUsage, "dossier %s illisible : %v", *out, err)
	case !st.IsDir():
		return fail(env, ExitUsage, "%s existe et n'est pas un dossier", *out)
	default:
		entries, err := os.ReadDir(*out)
		if err != nil {
			return fail(env, ExitUsage, "dossier %s illisible : %v", *out, err)
		}
		if len(entries) > 0 && !*force {
			return fail(env, ExitUsage, "le dossier %s n'est pas vide : ajoutez --force pour y écrire quand même (les fichiers du paquet remplacent ceux de même nom, les autres restent)", *out)
		}
	}

	var paths []string
	if err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	}); err != nil {
		return fail(env, ExitFail, "%s : %v", src, err)
	}
	inBundle := map[string]bool{}
	for _, p := range paths {
		inBundle[p] = true
	}
	stale := strayItems(*out, inBundle)

	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fail(env, ExitFail, "%s : %v", p, err)
		}
		target := filepath.Join(*out, filepath.FromSlash(p))
		if link := throughLink(*out, target); link != "" {
			return fail(env, ExitFail, "%s : %s est un lien symbolique, l'import n'écrit pas au travers (supprimez-le ou choisissez un autre dossier)", p, link)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return fail(env, ExitFail, "%v", err)
		}
		if err := writeFileAtomic(target, data); err != nil {
			return fail(env, ExitFail, "écriture de %s : %v", target, err)
		}
	}
	fmt.Fprintf(env.Stdout, "%s : %d élément(s) et %d fichier(s) écrits depuis %s\n", *out, info.Items, len(paths), src)
	fmt.Fprintf(env.Stdout, "  empreinte  %s\n", info.Hash)
	fmt.Fprintf(env.Stdout, "  construit  %s\n", info.Built.Format(time.RFC3339))
	if len(stale) > 0 {
		fmt.Fprintf(env.Stderr, "plume : attention, %d fichier(s) .md du dossier ne sont pas dans le paquet et restent en place : %s\n",
			len(stale), strings.Join(stale, ", "))
	}
	return ExitOK
}

// strayItems lists the Markdown files of dir (as kb.Load would read them)
// that the bundle does not hold: after an import with --force they would
// still be loaded with the bundle's items.
func strayItems(dir string, inBundle map[string]bool) []string {
	paths, _, _ := kb.ItemPaths(os.DirFS(dir)) // an unreadable folder has nothing to warn about
	var stray []string
	for _, p := range paths {
		if !inBundle[p] {
			stray = append(stray, p)
		}
	}
	return stray
}

// writeFileAtomic replaces path with data in one step, as the editors'
// saves do (store.Overwrite: a temporary file synced then renamed, under
// the file's lock, never through a symbolic link).
func writeFileAtomic(path string, data []byte) error {
	_, err := store.Overwrite(store.New(path), data)
	return err
}

// throughLink returns the first folder between root (excluded) and target
// that is a symbolic link, or "": `kb import --force` must not write
// outside -o through a link a colleague left in it.
func throughLink(root, target string) string {
	rel, err := filepath.Rel(root, filepath.Dir(target))
	if err != nil || rel == "." {
		return ""
	}
	dir := root
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		dir = filepath.Join(dir, part)
		if st, err := os.Lstat(dir); err == nil && st.Mode()&os.ModeSymlink != 0 {
			return dir
		}
	}
	return ""
}
