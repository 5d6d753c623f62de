// Package bundle packs a whole knowledge base into one file, for the browser
// build to fetch and for copying the base to another machine (`plume kb
// export`, `plume kb import`, `--kb kb.bundle`). It reads and writes the
// file format only (standard library, no import of Plume): kb.WriteBundle
// validates a base before writing it, kb.Locate reads one.
//
// A bundle is gzip-compressed: a line of JSON that describes it, then the
// contents of its files and the prepared engine, raw, one after the other:
//
//	{"format": "plume-kb/2", "built": "<RFC 3339>", "hash": "sha256:<hex>",
//	 "items": <number of .md files>,
//	 "files": [{"path": "<path>", "size": <bytes>}, …],
//	 "prepared_size": <bytes>, "prepared_hash": "sha256:<hex>"}
//	<the content of each file, in the order of "files">
//	<the prepared engine's bytes>
//
// holding every Markdown item, site.yaml, synonymes.yaml and the learned
// judge's weights (jugement.poids). The prepared engine is what the search
// engine derived from those files when the bundle was written
// (search.Prepare: the items read, the weights decoded, the index built),
// so that the browser's page starts without redoing that work; a bundle
// may have none (prepared_size 0). Contents are raw rather than JSON
// strings, which the page scanned byte by byte for a tenth of a second.
// The first format, "plume-kb/1", is still read: one JSON object whose
// "files" maps each path to its content, and no prepared engine.
//
// The hash is the SHA-256 of, for each
// file in byte order of its path: the path, a NUL byte, the content's length
// in decimal, a NUL byte, the content. Framing each file by its path and
// length makes a renamed file or bytes moved from one file to the next
// change the hash, which plain concatenated contents would not. The hash
// depends on the files only, not on the build date: the same base gives the
// same hash, and Read refuses a bundle whose files were edited or damaged
// after it was written. prepared_hash is the SHA-256 of the prepared
// engine's bytes.
package bundle

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"testing/fstest" // a read-only, well-tested in-memory fs.FS; no dependency on package testing
	"time"
	"unicode/utf8"
)

// Ext is the file extension kb.Locate recognises as a bundle.
const Ext = ".bundle"

// Format is the version written in every bundle; FormatJSON is the first
// one (all in JSON, no prepared engine), still read.
const (
	Format     = "plume-kb/2"
	FormatJSON = "plume-kb/1"
)

// formatPrefix starts the format of every Plume bundle, whatever its version.
const formatPrefix = "plume-kb/"

// MaxSize bounds a bundle's decompressed size, checked while decompressing.
// A base of 10,000 items is about 30 MB; the bound keeps a hostile or
// mistaken file (a 255 KB gzip bomb) from filling the memory of a browser
// tab or of every desktop app that loads it.
const MaxSize = 64 << 20

// MaxFileBytes bounds one file of a bundle: the learned weights are about
// 1 MB, an item a few KB (the loader refuses items over 256 KB).
const MaxFileBytes = 8 << 20

// Root files of a knowledge base that a bundle carries besides the items.
const (
	SiteFile     = "site.yaml"
	SynonymsFile = "synonymes.yaml"
	// JudgeFile holds the learned judge's weights (text: base64 inside).
	JudgeFile = "jugement.poids"
)

// Info describes a bundle.
type Info struct {
	Built time.Time // when it was written (UTC, to the second)
	Hash  string    // "sha256:<hex>" of the files (see the package comment)
	Items int       // number of Markdown items
	// Prepared is what the search engine derived from the files when the
	// bundle was written (search.Prepare), nil when it holds none.
	Prepared []byte
	// Signer is the public key that signed the bundle, "" when unsigned
	// (see sign.go; Verify checks it).
	Signer    string
	signed    []byte
	signature []byte
}

// Errors a bundle can be refused with; match them with errors.Is. The
// returned errors add the details.
var (
	ErrNotBundle = errors.New("ce fichier n'est pas un paquet de base de connaissances Plume (fichier produit par « plume kb export » attendu)")
	ErrVersion   = errors.New("format de paquet inconnu de cette version de Plume")
	ErrTruncated = errors.New("paquet tronqué : le fichier s'arrête avant la fin (copie ou téléchargement interrompu ?)")
	ErrCorrupt   = errors.New("paquet corrompu")
	ErrHash      = errors.New("paquet corrompu ou modifié après sa création : l'empreinte des fichiers ne correspond pas")
	ErrTooLarge  = errors.New("paquet trop volumineux")
)

// remake is the advice that ends most errors.
const remake = "refaites-le avec « plume kb export »"

type document struct {
	Format    string `json:"format"`
	Built     string `json:"built"`
	Hash      string `json:"hash"`
	Items     int    `json:"items"`
	Signer    string `json:"signer,omitempty"`
	Signature string `json:"signature,omitempty"`
	// Files lists the files whose contents follow the JSON line
	// (plume-kb/2), or maps each path to its content (plume-kb/1).
	Files        json.RawMessage `json:"files"`
	PreparedSize int             `json:"prepared_size"`
	PreparedHash string          `json:"prepared_hash,omitempty"`
}

// entry is a file of a plume-kb/2 bundle.
type entry struct {
	Path string `json:"path"`
	Size int    `json:"size"`
}

// preparedHash is the "sha256:<hex>" of a prepared engine.
func preparedHash(prepared []byte) string {
	sum := sha256.Sum256(prepared)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Hash returns the "sha256:<hex>" of files (see the package comment).
func Hash(files map[string][]byte) string {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		io.WriteString(h, p)
		h.Write([]byte{0})
		io.WriteString(h, strconv.Itoa(len(files[p])))
		h.Write([]byte{0})
		h.Write(files[p])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// IsItem reports whether a bundle path is a Markdown item.
func IsItem(p string) bool { return strings.HasSuffix(p, ".md") }

// CheckPath refuses a path a bundle must not hold: anything but a relative,
// clean, slash-separated path to a .md file, or site.yaml, synonymes.yaml
// or jugement.poids at the root. It keeps `plume kb import` from writing
// outside its folder, whatever the bundle says.
func CheckPath(p string) error {
	switch {
	case !fs.ValidPath(p) || p == ".":
		return fmt.Errorf("chemin « %s » refusé : chemin relatif attendu, sans « .. »", p)
	case strings.ContainsAny(p, "\\:\x00"):
		return fmt.Errorf("chemin « %s » refusé : caractère interdit", p)
	case p == SiteFile || p == SynonymsFile || p == JudgeFile || IsItem(p):
		return nil
	}
	return fmt.Errorf("chemin « %s » refusé : seuls les fichiers .md, %s, %s et %s font partie d'une base", p, SiteFile, SynonymsFile, JudgeFile)
}

// Encode writes files as a bundle built at built. Every path must pass
// CheckPath and every content must be UTF-8 (JSON strings cannot carry
// other bytes unchanged).
func Encode(w io.Writer, files map[string][]byte, built time.Time) (Info, error) {
	return EncodeSigned(w, files, nil, built, nil)
}

// EncodeSigned is Encode with the engine prepared from files (none when
// nil) and key's signature (none when key is nil).
func EncodeSigned(w io.Writer, files map[string][]byte, prepared []byte, built time.Time, key ed25519.PrivateKey) (Info, error) {
	built = built.UTC().Truncate(time.Second)
	doc := document{Format: Format, Built: built.Format(time.RFC3339), PreparedSize: len(prepared)}
	if prepared != nil {
		doc.PreparedHash = preparedHash(prepared)
	}
	paths := make([]string, 0, len(files))
	for p, data := range files {
		if err := CheckPath(p); err != nil {
			return Info{}, err
		}
		if !utf8.Valid(data) {
			return Info{}, fmt.Errorf("%s : le fichier n'est pas en UTF-8", p)
		}
		if IsItem(p) {
			doc.Items++
		}
		paths = append(paths, p)
	}
	if err := checkTree(files); err != nil {
		return Info{}, err
	}
	sort.Strings(paths)
	list := make([]entry, len(paths))
	for i, p := range paths {
		list[i] = entry{p, len(files[p])}
	}
	doc.Files, _ = json.Marshal(list)
	doc.Hash = Hash(files)
	if key != nil {
		sign(&doc, key)
	}

	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return Info{}, err
	}
	gz.ModTime = built
	parts := make([][]byte, 0, len(paths)+1)
	for _, p := range paths {
		parts = append(parts, files[p])
	}
	if err := WriteSections(gz, doc, append(parts, prepared)...); err != nil {
		return Info{}, fmt.Errorf("écriture du paquet : %w", err)
	}
	if err := gz.Close(); err != nil {
		return Info{}, fmt.Errorf("écriture du paquet : %w", err)
	}
	return Info{Built: built, Hash: doc.Hash, Items: doc.Items, Prepared: prepared, Signer: doc.Signer}, nil
}

// checkTree refuses a path that another one uses as a folder (a.md and
// a.md/b.md): such a tree cannot exist on disk.
func checkTree[V any](files map[string]V) error {
	for p := range files {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if _, ok := files[d]; ok {
				return fmt.Errorf("chemin « %s » refusé : « %s » est aussi un fichier", p, d)
			}
		}
	}
	return nil
}

// Read reads a bundle, checks its format, paths, item count and hash, and
// returns its files as a read-only file system (dates: the build date) to
// give kb.Load. The errors say in French what is wrong: not a bundle,
// another format version, truncated, corrupt or edited (ErrNotBundle,
// ErrVersion, ErrTruncated, ErrCorrupt, ErrHash, ErrTooLarge).
func Read(r io.Reader) (fstest.MapFS, Info, error) {
	br := bufio.NewReader(r)
	magic, err := br.Peek(2)
	switch {
	case len(magic) == 0 && (err == io.EOF || err == nil):
		return nil, Info{}, fmt.Errorf("%w : le fichier est vide", ErrNotBundle)
	case err != nil && err != io.EOF:
		return nil, Info{}, fmt.Errorf("lecture du paquet : %w", err)
	case len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b:
		if magic[0] == '{' {
			return nil, Info{}, fmt.Errorf("%w : JSON non compressé ; un paquet est compressé avec gzip", ErrNotBundle)
		}
		return nil, Info{}, fmt.Errorf("%w : ce n'est pas un fichier compressé gzip", ErrNotBundle)
	}
	gz, err := gzip.NewReader(br)
	if err != nil {
		return nil, Info{}, readError(err)
	}
	// One byte past the bound is read, for Decode to refuse.
	data, err := io.ReadAll(io.LimitReader(gz, MaxSize+1))
	if err != nil {
		return nil, Info{}, readError(err)
	}
	return Decode(data)
}

// Decode is Read of a bundle already decompressed (the browser's page has
// the browser decompress it, several times faster than Go in WebAssembly),
// at most MaxSize bytes.
func Decode(data []byte) (fstest.MapFS, Info, error) {
	if len(data) > MaxSize {
		return nil, Info{}, fmt.Errorf("%w : plus de %d Mo une fois décompressé", ErrTooLarge, MaxSize>>20)
	}
	// A future version whose fields changed shape is reported as a version,
	// not as garbage: the format is read on its own when the whole fails.
	var doc document
	rest, docErr := SplitHead(data, &doc)
	format := doc.Format
	if docErr != nil {
		var head struct {
			Format string `json:"format"`
		}
		if err := json.NewDecoder(bytes.NewReader(data)).Decode(&head); err != nil {
			return nil, Info{}, fmt.Errorf("%w : le contenu décompressé n'est pas du JSON lisible (%v)", ErrNotBundle, err)
		}
		format = head.Format
	}
	switch {
	case format == "":
		return nil, Info{}, fmt.Errorf("%w : champ « format » absent", ErrNotBundle)
	case format == Format || format == FormatJSON:
	case strings.HasPrefix(format, formatPrefix):
		return nil, Info{}, fmt.Errorf("%w : « %s » (cette version lit « %s » et « %s ») ; mettez Plume à jour, ou refaites le paquet avec la version de Plume utilisée ici", ErrVersion, format, FormatJSON, Format)
	default:
		return nil, Info{}, fmt.Errorf("%w : format « %s »", ErrNotBundle, format)
	}
	if docErr != nil {
		return nil, Info{}, fmt.Errorf("%w : %v ; %s", ErrCorrupt, docErr, remake)
	}
	built, err := time.Parse(time.RFC3339, doc.Built)
	if err != nil {
		return nil, Info{}, fmt.Errorf("%w : date de construction « %s » illisible ; %s", ErrCorrupt, doc.Built, remake)
	}
	if doc.Files == nil || string(doc.Files) == "null" {
		return nil, Info{}, fmt.Errorf("%w : champ « files » absent ; %s", ErrCorrupt, remake)
	}
	// What follows the JSON line: the contents, then the prepared engine.
	var files map[string][]byte
	var prepared []byte
	if doc.Format == FormatJSON {
		files, err = jsonFiles(doc, rest)
	} else {
		files, prepared, err = rawFiles(doc, rest)
	}
	if err != nil {
		return nil, Info{}, err
	}
	items := 0
	for p, content := range files {
		if err := CheckPath(p); err != nil {
			return nil, Info{}, fmt.Errorf("%w : %v", ErrCorrupt, err)
		}
		if IsItem(p) {
			items++
		}
		if len(content) > MaxFileBytes {
			return nil, Info{}, fmt.Errorf("%w : « %s » fait %d Mo, au-delà de %d Mo pour un fichier", ErrTooLarge, p, len(content)>>20, MaxFileBytes>>20)
		}
	}
	if err := checkTree(files); err != nil {
		return nil, Info{}, fmt.Errorf("%w : %v", ErrCorrupt, err)
	}
	if got := Hash(files); got != doc.Hash {
		return nil, Info{}, fmt.Errorf("%w (annoncée %s, calculée %s) ; %s", ErrHash, doc.Hash, got, remake)
	}
	if items != doc.Items {
		return nil, Info{}, fmt.Errorf("%w : %d élément(s) annoncé(s), %d présent(s) ; %s", ErrCorrupt, doc.Items, items, remake)
	}
	fsys := make(fstest.MapFS, len(files))
	for p, content := range files {
		fsys[p] = &fstest.MapFile{Data: content, Mode: 0o444, ModTime: built}
	}
	info := Info{Built: built, Hash: doc.Hash, Items: items, Prepared: prepared, Signer: doc.Signer}
	if doc.Signer != "" {
		sig, err := base64.StdEncoding.DecodeString(doc.Signature)
		if err != nil {
			return nil, Info{}, fmt.Errorf("%w : signature illisible", ErrSignature)
		}
		info.signed, info.signature = signedText(doc), sig
	}
	return fsys, info, nil
}

// jsonFiles are the files of a plume-kb/1 bundle, in its JSON.
func jsonFiles(doc document, rest []byte) (map[string][]byte, error) {
	var contents map[string]string
	if err := json.Unmarshal(doc.Files, &contents); err != nil {
		return nil, fmt.Errorf("%w : champ « files » illisible (%v) ; %s", ErrCorrupt, err, remake)
	}
	if len(bytes.TrimSpace(rest)) > 0 || doc.PreparedSize != 0 || doc.PreparedHash != "" {
		return nil, fmt.Errorf("%w : données après le JSON d'un paquet %s ; %s", ErrCorrupt, FormatJSON, remake)
	}
	files := make(map[string][]byte, len(contents))
	for p, content := range contents {
		files[p] = []byte(content)
	}
	return files, nil
}

// rawFiles are the files and the prepared engine of a plume-kb/2 bundle,
// cut from what follows its JSON line by the sizes it announces.
func rawFiles(doc document, rest []byte) (map[string][]byte, []byte, error) {
	var list []entry
	if err := json.Unmarshal(doc.Files, &list); err != nil {
		return nil, nil, fmt.Errorf("%w : champ « files » illisible (%v) ; %s", ErrCorrupt, err, remake)
	}
	sizes := make([]int, 0, len(list)+1)
	for _, e := range list {
		sizes = append(sizes, e.Size)
	}
	parts, err := CutSections(rest, append(sizes, doc.PreparedSize))
	if err != nil {
		return nil, nil, fmt.Errorf("%w : %v ; %s", ErrCorrupt, err, remake)
	}
	files := make(map[string][]byte, len(list))
	for i, e := range list {
		if files[e.Path] != nil {
			return nil, nil, fmt.Errorf("%w : « %s » figure deux fois ; %s", ErrCorrupt, e.Path, remake)
		}
		files[e.Path] = parts[i]
	}
	prepared := parts[len(list)]
	switch {
	case len(prepared) == 0 && doc.PreparedHash == "":
		return files, nil, nil
	case preparedHash(prepared) != doc.PreparedHash:
		return nil, nil, fmt.Errorf("%w : le moteur préparé ne correspond pas à son empreinte ; %s", ErrHash, remake)
	}
	return files, prepared, nil
}

// readError names what went wrong while decompressing.
func readError(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return ErrTruncated
	case errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("%w : en-tête gzip invalide", ErrNotBundle)
	case errors.Is(err, gzip.ErrChecksum):
		return fmt.Errorf("%w : la somme de contrôle gzip ne correspond pas ; %s", ErrCorrupt, remake)
	case errors.As(err, &corrupt):
		return fmt.Errorf("%w : données compressées illisibles ; %s", ErrCorrupt, remake)
	}
	return fmt.Errorf("lecture du paquet : %w", err)
}
