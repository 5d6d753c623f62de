// Package bundle packs a whole validated knowledge base into one file, for
// the browser build to fetch and for copying the base to another machine
// (`plume kb export`, `plume kb import`, `--kb kb.bundle`).
//
// A bundle is gzip-compressed JSON:
//
//	{"format": "plume-kb/1", "built": "<RFC 3339>", "hash": "sha256:<hex>",
//	 "items": <n>, "files": {"<path>": "<content>", …}}
//
// holding every Markdown item, site.yaml, synonymes.yaml and the learned
// judge's weights (jugement.poids). The hash covers
// the files only (each framed by its path and length, in path order; see
// kb/bundle/codec), so the same base always gives the same hash whatever
// the build date, and Read refuses a bundle whose files were edited or
// damaged after it was written.
//
// The file format itself lives in kb/bundle/codec, which imports nothing
// from Plume: package kb reads bundles there (kb.Source) while this package
// needs kb.Load to validate before writing. Both packages share the one
// codec and there is no import cycle, no registration at init, and nothing
// for the callers of kb.Source to remember.
package bundle

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing/fstest"
	"time"

	"plume/kb"
	"plume/kb/bundle/codec"
)

// Format is the version written in every bundle.
const Format = codec.Format

// Ext is the file extension kb.Source recognises as a bundle.
const Ext = ".bundle"

// Info describes a bundle: when it was built (UTC, to the second), the hash
// of its files ("sha256:<hex>") and its number of Markdown items.
type Info = codec.Info

// Errors Read refuses a bundle with; match them with errors.Is.
var (
	ErrNotBundle = codec.ErrNotBundle // not a bundle at all
	ErrVersion   = codec.ErrVersion   // a bundle of another format version
	ErrTruncated = codec.ErrTruncated // the file stops before its end
	ErrCorrupt   = codec.ErrCorrupt   // damaged compression or structure
	ErrHash      = codec.ErrHash      // the files do not match the hash
	ErrTooLarge  = codec.ErrTooLarge  // beyond codec.MaxSize decompressed
	ErrUnsigned  = codec.ErrUnsigned  // unsigned where a key is trusted (kb.VerifyBundle)
	ErrSignature = codec.ErrSignature // signed by another key, or forged
)

// InvalidError is returned by Write when the knowledge base has errors: no
// bundle is written.
type InvalidError struct {
	Problems kb.Problems // the errors only, sorted by file and line
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "la base de connaissances a %d erreur(s) : paquet non écrit", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// Write validates the knowledge base of fsys with kb.Load (reviews and
// expiries judged on the day built) and, when it has no error, writes it to
// w as a bundle built at built (now when zero). Warnings do not stop it.
// Files are read once: what is validated is exactly what is written, even
// if an editor saves a file meanwhile.
func Write(w io.Writer, fsys fs.FS, built time.Time) (Info, error) {
	return WriteSigned(w, fsys, built, nil)
}

// WriteSigned is Write, the bundle signed with key (none when nil): apps
// that trust the matching public key load only bundles it signed.
func WriteSigned(w io.Writer, fsys fs.FS, built time.Time, key ed25519.PrivateKey) (Info, error) {
	if built.IsZero() {
		built = time.Now()
	}
	snap, err := snapshot(fsys)
	if err != nil {
		return Info{}, err
	}
	k, probs, err := kb.Load(snap, kb.LoadOptions{Today: built})
	if err != nil {
		return Info{}, err
	}
	var errs kb.Problems
	for _, p := range probs {
		if p.Level == kb.LevelError {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return Info{}, &InvalidError{Problems: errs}
	}
	files := map[string][]byte{}
	for _, it := range k.Items {
		files[it.Path] = snap[it.Path].Data
	}
	for _, name := range kb.RootFiles {
		if f, ok := snap[name]; ok {
			files[name] = f.Data
		}
	}
	return codec.EncodeSigned(w, files, built, key)
}

// snapshot reads the files kb.Load may read: the Markdown files outside
// hidden folders and testdata (as kb.Load walks) and the files of the root
// that are not items (kb.RootFiles).
func snapshot(fsys fs.FS) (fstest.MapFS, error) {
	snap := fstest.MapFS{}
	add := func(p string) error {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("%s : illisible : %w", p, err)
		}
		snap[p] = &fstest.MapFile{Data: data, Mode: 0o444}
		return nil
	}
	paths, unreadable, err := kb.ItemPaths(fsys)
	for p, e := range unreadable {
		err = fmt.Errorf("%s : %w", p, e)
	}
	if err != nil {
		return nil, fmt.Errorf("lecture de la base de connaissances : %w", err)
	}
	for _, p := range paths {
		if err := add(p); err != nil {
			return nil, err
		}
	}
	for _, name := range kb.RootFiles {
		if err := add(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return snap, nil
}

// Read reads a bundle written by Write, checks its format version and its
// hash, and returns its files as a read-only file system to give kb.Load.
// The errors say in French what is wrong: not a bundle, another format
// version, truncated, corrupt or edited (ErrNotBundle, ErrVersion,
// ErrTruncated, ErrCorrupt, ErrHash).
func Read(r io.Reader) (fs.FS, Info, error) {
	fsys, info, err := codec.Decode(r)
	if err != nil {
		return nil, Info{}, err
	}
	return fsys, info, nil
}
