package bundle_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"plume/internal/bundletest"
	"plume/kb"
	"plume/kb/bundle"
	"plume/templates"
)

var built = time.Date(2026, 11, 25, 10, 30, 15, 123, time.FixedZone("CET", 3600))

// export writes the embedded knowledge base as a bundle.
func export(t *testing.T) ([]byte, bundle.Info) {
	t.Helper()
	var buf bytes.Buffer
	info, err := kb.WriteBundle(&buf, templates.FS, built, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), info
}

func TestRoundTripOfTheEmbeddedBase(t *testing.T) {
	data, info := export(t)
	want, _, err := kb.Load(templates.FS, kb.LoadOptions{Now: kb.At(built)})
	if err != nil {
		t.Fatal(err)
	}
	if info.Items != len(want.Items) || !strings.HasPrefix(info.Hash, "sha256:") || len(info.Hash) != len("sha256:")+64 {
		t.Errorf("info %+v, want %d items and a sha256 hash", info, len(want.Items))
	}
	if !info.Built.Equal(built.Truncate(time.Second)) || info.Built.Location() != time.UTC {
		t.Errorf("built %v, want %v in UTC to the second", info.Built, built)
	}

	fsys, got, err := bundle.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Built.Equal(info.Built) || got.Hash != info.Hash || got.Items != info.Items || got.Signer != info.Signer {
		t.Errorf("Read gives %+v, Write gave %+v", got, info)
	}
	// Every item, site.yaml, synonymes.yaml and the judge's weights, byte
	// for byte; nothing else.
	expected := append([]string(nil), kb.RootFiles...)
	for _, it := range want.Items {
		expected = append(expected, it.Path)
	}
	if err := fstest.TestFS(fsys, expected...); err != nil {
		t.Fatal(err)
	}
	n := 0
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		n++
		a, _ := fs.ReadFile(fsys, p)
		b, _ := fs.ReadFile(templates.FS, p)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the embedded file", p)
		}
		if strings.HasSuffix(p, "README.md") {
			t.Errorf("%s is not an item", p)
		}
		return nil
	})
	if n != len(expected) {
		t.Errorf("%d files in the bundle, want %d", n, len(expected))
	}
	k, probs, err := kb.Load(fsys, kb.LoadOptions{Now: kb.At(built)})
	if err != nil || probs.Errors() > 0 || len(k.Items) != len(want.Items) {
		t.Errorf("loading the bundle: %v, %d errors, %d items", err, probs.Errors(), len(k.Items))
	}
}

func TestHashDependsOnTheFilesOnly(t *testing.T) {
	a, infoA := export(t)
	var buf bytes.Buffer
	infoB, err := kb.WriteBundle(&buf, templates.FS, built.Add(48*time.Hour), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if infoA.Hash != infoB.Hash {
		t.Errorf("same files, different hashes: %s %s", infoA.Hash, infoB.Hash)
	}
	again, _ := export(t)
	if !bytes.Equal(a, again) {
		t.Error("two exports of the same base at the same date differ")
	}
	// A renamed file, or bytes moved from one file to the next, change it.
	h := bundle.Hash(map[string][]byte{"a.md": []byte("xy"), "b.md": []byte("z")})
	for _, other := range []map[string][]byte{
		{"a.md": []byte("x"), "b.md": []byte("yz")},
		{"a.md": []byte("xy"), "c.md": []byte("z")},
	} {
		if bundle.Hash(other) == h {
			t.Errorf("%v hashes like a.md=xy b.md=z", other)
		}
	}
}

func TestWriteRefusesABaseWithErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte("prefecture: Test\n")},
		"ok.md":     {Data: []byte("---\nid: ok\ntitle: Bon\nkind: procedure\nkeywords: [a]\nreviewed: 2026-11-01\nlang: fr\n---\nTexte.\n")},
		"faux.md":   {Data: []byte("---\nid: faux\ntitle: Faux\nkind: reponse\ncategory: visas\nreviewed: 2026-11-01\nlang: fr\nnot_for: [relance]\n---\n{{inconnu}}\n")},
	}
	var buf bytes.Buffer
	_, err := kb.WriteBundle(&buf, fsys, built, nil, nil)
	var invalid *kb.InvalidBundleError
	if !errors.As(err, &invalid) || len(invalid.Problems) != 5 {
		t.Fatalf("err %v, want an InvalidError with 5 problems", err)
	}
	for _, want := range []string{"5 erreur(s) : paquet non écrit", "\nfaux.md:5: error: catégorie « visas »", "\nfaux.md:10: error: champ « {{inconnu}} » inconnu"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written for a base with errors", buf.Len())
	}

	// Warnings (a review older than 12 months, no synonyms) do not stop it.
	delete(fsys, "faux.md")
	fsys["vieux.md"] = &fstest.MapFile{Data: []byte("---\nid: vieux\ntitle: Vieux\nkind: procedure\nkeywords: [a]\nreviewed: 2024-01-01\nlang: fr\n---\nTexte.\n")}
	fsys["notes/README.md"] = &fstest.MapFile{Data: []byte("# pas un élément\n")}
	fsys[".git/x.md"] = &fstest.MapFile{Data: []byte("pas lu\n")}
	info, err := kb.WriteBundle(&buf, fsys, built, nil, nil)
	if err != nil || info.Items != 2 {
		t.Fatalf("warnings only: %+v %v", info, err)
	}
	got, _, err := bundle.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(got, "ok.md", "vieux.md", "site.yaml"); err != nil {
		t.Error(err)
	}
	if _, err := fs.Stat(got, "notes/README.md"); err == nil {
		t.Error("a README is not an item")
	}

	// No item at all: kb.Load's own error.
	if _, err := kb.WriteBundle(&buf, fstest.MapFS{"site.yaml": {Data: []byte("a: b\n")}}, built, nil, nil); !errors.Is(err, kb.ErrNoKnowledgeBase) {
		t.Errorf("empty base: %v", err)
	}
}

// gz compresses data.
func gz(data []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

func TestReadRefusesBrokenBundles(t *testing.T) {
	good, _ := export(t)
	doc := bundletest.Unpack(t, good)
	if doc["format"] != "plume-kb/2" || doc["items"] == nil || doc["built"] != "2026-11-25T09:30:15Z" {
		t.Fatalf("header: format %v built %v items %v", doc["format"], doc["built"], doc["items"])
	}
	edited := func(change func(doc map[string]any)) []byte {
		d := bundletest.Unpack(t, good)
		change(d)
		return bundletest.Repack(t, d)
	}
	files := func(d map[string]any) map[string]any { return d["files"].(map[string]any) }
	badCRC := bytes.Clone(good)
	badCRC[len(badCRC)-5] ^= 0xff // last byte of the CRC-32 of the trailer

	cases := []struct {
		name string
		data []byte
		is   error
		want string
	}{
		{"empty file", nil, bundle.ErrNotBundle, "vide"},
		{"text", []byte("---\nid: x\n---\n"), bundle.ErrNotBundle, "n'est pas un paquet de base de connaissances Plume"},
		{"plain JSON", []byte(`{"format": "plume-kb/1"}`), bundle.ErrNotBundle, "JSON non compressé"},
		{"gzip of text", gz([]byte("bonjour")), bundle.ErrNotBundle, "pas du JSON"},
		{"gzip of other JSON", gz([]byte(`{"name": "x"}`)), bundle.ErrNotBundle, "« format » absent"},
		{"other format", gz([]byte(`{"format": "zip/1"}`)), bundle.ErrNotBundle, "format « zip/1 »"},
		{"newer version", gz([]byte(`{"format": "plume-kb/3", "files": []}`)), bundle.ErrVersion, "« plume-kb/3 » (cette version lit « plume-kb/1 » et « plume-kb/2 »)"},
		{"truncated in the middle", good[:len(good)/2], bundle.ErrTruncated, "tronqué"},
		{"trailer cut", good[:len(good)-3], bundle.ErrTruncated, "tronqué"},
		{"header cut", good[:5], bundle.ErrTruncated, "tronqué"},
		{"bad CRC", badCRC, bundle.ErrCorrupt, "somme de contrôle"},
		{"edited file", edited(func(d map[string]any) {
			files(d)["site.yaml"] = files(d)["site.yaml"].(string) + "ajout: oui\n"
		}), bundle.ErrHash, "modifié après sa création"},
		{"removed file", edited(func(d map[string]any) {
			for p := range files(d) {
				if strings.HasSuffix(p, ".md") {
					delete(files(d), p)
					break
				}
			}
		}), bundle.ErrHash, "annoncée sha256:"},
		{"edited hash", edited(func(d map[string]any) { d["hash"] = "sha256:00" }), bundle.ErrHash, "refaites-le avec « plume kb export »"},
		{"wrong item count", edited(func(d map[string]any) { d["items"] = 3 }), bundle.ErrCorrupt, "3 élément(s) annoncé(s)"},
		{"bad date", edited(func(d map[string]any) { d["built"] = "hier" }), bundle.ErrCorrupt, "« hier »"},
		{"files not a map", edited(func(d map[string]any) { d["files"] = []string{"a"} }), bundle.ErrCorrupt, "corrompu"},
		{"no files", edited(func(d map[string]any) { delete(d, "files") }), bundle.ErrCorrupt, "« files » absent"},
		// A few hundred KB that decompress to more than the bound: refused
		// while decompressing, never held whole in memory.
		{"gzip bomb", gz(bytes.Repeat([]byte{' '}, bundle.MaxSize+1<<20)), bundle.ErrTooLarge, "une fois décompressé"},
		{"huge item", edited(func(d map[string]any) {
			files(d)["enorme.md"] = strings.Repeat("x", bundle.MaxFileBytes+1)
		}), bundle.ErrTooLarge, "« enorme.md »"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys, _, err := bundle.Read(bytes.NewReader(c.data))
			if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v; want %v and %q", err, c.is, c.want)
			}
			if fsys != nil {
				t.Error("a file system with the error")
			}
		})
	}
}

// A bundle can say anything: its paths must not lead out of the folder
// `plume kb import` writes to, even with a hash that matches.
func TestReadRefusesDangerousPaths(t *testing.T) {
	for _, p := range []string{"../evil.md", "/etc/evil.md", "a/../../evil.md", `..\evil.md`, "C:/evil.md", "run.sh", "a/site.yaml", "./a.md"} {
		files := map[string][]byte{"ok.md": []byte("x"), p: []byte("y")}
		raw, _ := json.Marshal(map[string]any{
			"format": "plume-kb/1", "built": "2026-11-25T10:00:00Z", "hash": bundle.Hash(files), "items": 2,
			"files": map[string]string{"ok.md": "x", p: "y"},
		})
		_, _, err := bundle.Read(bytes.NewReader(gz(raw)))
		if !errors.Is(err, bundle.ErrCorrupt) || !strings.Contains(err.Error(), "refusé") {
			t.Errorf("%q: %v", p, err)
		}
	}
	files := map[string][]byte{"a.md": []byte("x"), "a.md/b.md": []byte("y")}
	raw, _ := json.Marshal(map[string]any{
		"format": "plume-kb/1", "built": "2026-11-25T10:00:00Z", "hash": bundle.Hash(files), "items": 2,
		"files": map[string]string{"a.md": "x", "a.md/b.md": "y"},
	})
	if _, _, err := bundle.Read(bytes.NewReader(gz(raw))); !errors.Is(err, bundle.ErrCorrupt) {
		t.Errorf("file and folder of the same name: %v", err)
	}
}

func TestEncodeRefusesWhatJSONCannotCarry(t *testing.T) {
	var buf bytes.Buffer
	if _, err := bundle.Encode(&buf, map[string][]byte{"a.md": []byte("caf\xe9")}, built); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("latin-1: %v", err)
	}
	if _, err := bundle.Encode(&buf, map[string][]byte{"../a.md": []byte("x")}, built); err == nil {
		t.Error("a path out of the folder was encoded")
	}
}

func TestLocateReadsABundleFile(t *testing.T) {
	data, info := export(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "kb.bundle")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	base, err := kb.Locate(path, nil)
	if err != nil || base.Name != path || base.Origin != kb.BundleFile || base.Editable() {
		t.Fatalf("Locate: %+v %v", base, err)
	}
	k, _, err := kb.Load(base.FS, kb.LoadOptions{Now: kb.At(built)})
	if err != nil || len(k.Items) != info.Items {
		t.Fatalf("load: %v", err)
	}

	// Damaged: the path and the reason.
	os.WriteFile(path, data[:len(data)-100], 0o644)
	if _, err := kb.Locate(path, nil); !errors.Is(err, bundle.ErrTruncated) || !strings.HasPrefix(err.Error(), path+" : paquet tronqué") {
		t.Errorf("truncated: %v", err)
	}
	if _, err := kb.Locate(filepath.Join(dir, "absent.bundle"), nil); err == nil || !strings.Contains(err.Error(), "paquet de la base de connaissances introuvable") {
		t.Errorf("missing: %v", err)
	}
	// Another file is neither a folder nor a bundle.
	other := filepath.Join(dir, "kb.zip")
	os.WriteFile(other, data, 0o644)
	if _, err := kb.Locate(other, nil); err == nil || !strings.Contains(err.Error(), "n'est pas un dossier (ni un paquet .bundle)") {
		t.Errorf("other file: %v", err)
	}
	// A folder named *.bundle (as on macOS) stays a folder.
	folder := filepath.Join(dir, "base.bundle")
	os.Mkdir(folder, 0o755)
	if base, err := kb.Locate(folder, nil); err != nil || base.Origin != kb.Folder || !base.Editable() {
		t.Errorf("folder: %+v %v", base, err)
	} else if _, err := fs.Stat(base.FS, "."); err != nil {
		t.Errorf("folder: %v", err)
	}
}

// The engine prepared for the page travels after the files, under its own
// hash and under the signature: changed by a byte, or replaced with a hash
// of its own, it is refused.
func TestPreparedEngineTravelsUnderTheHashAndTheSignature(t *testing.T) {
	private, public, err := bundle.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	key, err := bundle.ParsePrivateKey(private)
	if err != nil {
		t.Fatal(err)
	}
	prepare := func(*kb.KB) ([]byte, error) { return []byte("moteur préparé"), nil }
	var buf bytes.Buffer
	if _, err := kb.WriteBundle(&buf, templates.FS, built, key, prepare); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	_, info, err := bundle.Read(bytes.NewReader(good))
	if err != nil || string(info.Prepared) != "moteur préparé" || info.Verify([]string{public}) != nil {
		t.Fatalf("read back: %q, %v, signature %v", info.Prepared, err, info.Verify([]string{public}))
	}
	edited := func(change func(doc map[string]any)) []byte {
		d := bundletest.Unpack(t, good)
		change(d)
		return bundletest.Repack(t, d)
	}
	for name, c := range map[string]struct {
		data []byte
		is   error
	}{
		"a byte changed": {edited(func(d map[string]any) { d["prepared"] = []byte("moteur préparè") }), bundle.ErrHash},
		"a byte added":   {edited(func(d map[string]any) { d["prepared"] = []byte("moteur préparé!") }), bundle.ErrCorrupt},
		"removed":        {edited(func(d map[string]any) { d["prepared"] = []byte{} }), bundle.ErrCorrupt},
	} {
		if _, _, err := bundle.Read(bytes.NewReader(c.data)); !errors.Is(err, c.is) {
			t.Errorf("%s: %v, want %v", name, err, c.is)
		}
	}
	other := []byte("autre moteur")
	sum := sha256.Sum256(other)
	replaced := edited(func(d map[string]any) {
		d["prepared"], d["prepared_size"], d["prepared_hash"] = other, len(other), "sha256:"+hex.EncodeToString(sum[:])
	})
	_, info, err = bundle.Read(bytes.NewReader(replaced))
	if err != nil {
		t.Fatalf("a consistent replacement should pass the hash and fail the signature: %v", err)
	}
	if err := info.Verify([]string{public}); !errors.Is(err, bundle.ErrSignature) {
		t.Errorf("another prepared engine under the desk's signature: %v", err)
	}
}

// Bundles of the first format (all in JSON, no prepared engine) still load.
func TestFirstFormatBundlesStillLoad(t *testing.T) {
	files := map[string][]byte{"a.md": []byte("---\nid: a\n---\nTexte.\n"), "site.yaml": []byte("prefecture: Ici\n")}
	raw, _ := json.Marshal(map[string]any{
		"format": "plume-kb/1", "built": "2026-11-25T10:00:00Z", "hash": bundle.Hash(files), "items": 1,
		"files": map[string]string{"a.md": string(files["a.md"]), "site.yaml": string(files["site.yaml"])},
	})
	fsys, info, err := bundle.Read(bytes.NewReader(gz(raw)))
	if err != nil || info.Prepared != nil || info.Items != 1 {
		t.Fatalf("%+v, %v", info, err)
	}
	if got, err := fs.ReadFile(fsys, "site.yaml"); err != nil || string(got) != "prefecture: Ici\n" {
		t.Errorf("site.yaml: %q, %v", got, err)
	}
}
