package kb

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"plume/kb/judge"
)

// Files of the knowledge base root that are not items.
const (
	SiteFile     = "site.yaml"
	SynonymsFile = "synonymes.yaml"
)

// RootFiles are the files of the root that Load reads besides the items:
// a bundle carries them too.
var RootFiles = []string{SiteFile, SynonymsFile, judge.FileName}

// KB is a loaded knowledge base: its items, the site's local facts and the
// synonyms used at query time. It is read-only once loaded.
type KB struct {
	Items []*Item // sorted by id: the items served (suggested, composed, exported)
	// Withheld are the items with an error (`plume check` says which): kept
	// for the editors to find and fix, never served to the agents.
	Withheld []*Item
	Site     map[string]string
	Synonyms [][]string
	// Judge is the learned judgement (jugement.poids), nil when the base
	// ships none or its weights were refused: the rules alone judge then.
	Judge *judge.Model
	byID  map[string]*Item
	// clock is the time the engines of this base judge by (LoadOptions).
	clock func() time.Time
}

// Files returns every item file read, served or withheld, for the editors:
// an item with an error must stay in their list to be fixed.
func (k *KB) Files() []*Item {
	return append(append(make([]*Item, 0, len(k.Items)+len(k.Withheld)), k.Items...), k.Withheld...)
}

// Clock is the time the engines of this base judge by (LoadOptions.Now;
// time.Now for a base built without Load).
func (k *KB) Clock() func() time.Time {
	if k.clock == nil {
		return time.Now
	}
	return k.clock
}

// Item returns the item with this id, or nil.
func (k *KB) Item(id string) *Item { return k.byID[id] }

// At is a clock stopped at day: a command's day, a test's.
func At(day time.Time) func() time.Time { return func() time.Time { return day } }

// LoadOptions tunes Load; the zero value is fine.
type LoadOptions struct {
	// Now is the base's clock: the day reviews and expiries are judged
	// against at load, and what the engines built on the base read for
	// what depends on the day of a message (expiries, delays since a
	// letter, deadlines). Default time.Now; the window passes its own, the
	// command line and the tests a fixed day (At).
	Now func() time.Time
	// Site, when set, replaces the knowledge base's site.yaml: a
	// prefecture keeps its local facts in its own file and uses the
	// embedded replies (SitePath names it in messages).
	Site     []byte
	SitePath string
	// RulesOnly leaves the base's learned judge out: training must not
	// read its examples through itself, and `plume eval --regles-seules`
	// compares against the rules.
	RulesOnly bool
}

// ErrNoKnowledgeBase is returned when the root holds no item at all.
var ErrNoKnowledgeBase = errors.New("aucun fichier .md trouvé : ce dossier n'est pas une base de connaissances")

// Load reads every Markdown item of fsys, the site file and the synonyms, and
// validates them. A broken file is reported and skipped; the others load.
// The error is only for a root that cannot be read or holds no item.
func Load(fsys fs.FS, opts LoadOptions) (*KB, Problems, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	k := &KB{byID: map[string]*Item{}, Site: map[string]string{}, clock: opts.Now}
	var probs Problems

	site, sp := loadSite(fsys, opts.Site, opts.SitePath)
	k.Site, probs = site, append(probs, sp...)
	syn, sp := loadSynonyms(fsys)
	k.Synonyms, probs = syn, append(probs, sp...)
	if !opts.RulesOnly {
		k.Judge, sp = loadJudge(fsys)
		probs = append(probs, sp...)
	}

	paths, unreadable, err := ItemPaths(fsys)
	if err != nil {
		return nil, nil, fmt.Errorf("lecture de la base de connaissances : %w", err)
	}
	for p, err := range unreadable {
		probs = append(probs, Problem{p, 0, LevelError, "illisible : " + err.Error()})
	}
	if len(paths) == 0 {
		return nil, nil, ErrNoKnowledgeBase
	}
	v := validator{today: opts.Now(), site: k.Site}
	var loaded []*Item
	broken := map[*Item]bool{}
	for _, p := range paths {
		data, err := readBaseFile(fsys, p, MaxItemBytes)
		if err != nil {
			probs = append(probs, Problem{p, 0, LevelError, "illisible : " + err.Error()})
			continue
		}
		it, fm, ip := parseItem(p, data)
		probs = append(probs, ip...)
		if it == nil {
			continue
		}
		cp := v.check(it, fm)
		probs = append(probs, cp...)
		broken[it] = ip.Errors()+cp.Errors() > 0
		if it.ID != "" {
			loaded = append(loaded, it)
		}
	}
	dup, dp := settleDuplicates(loaded)
	probs = append(probs, dp...)
	for _, it := range loaded {
		if broken[it] || dup[it] {
			k.Withheld = append(k.Withheld, it)
			continue
		}
		k.byID[it.ID] = it
		k.Items = append(k.Items, it)
	}
	sort.Slice(k.Items, func(i, j int) bool { return k.Items[i].ID < k.Items[j].ID })
	probs = append(probs, k.brokenLinks()...)
	probs.Sort()
	return k, probs, nil
}

// settleDuplicates decides which of the items sharing an id is served: the
// genuine one (see genuine). A copy of an item elsewhere in the shared
// folder must not replace it, whatever the order of the folders; when none
// stands out, none is served, and every file says which others share its
// id.
func settleDuplicates(items []*Item) (withheld map[*Item]bool, probs Problems) {
	byID := map[string][]*Item{}
	for _, it := range items {
		byID[it.ID] = append(byID[it.ID], it)
	}
	withheld = map[*Item]bool{}
	for id, same := range byID {
		if len(same) < 2 {
			continue
		}
		named := genuine(id, same)
		for _, it := range same {
			var others []string
			for _, o := range same {
				if o != it {
					others = append(others, o.Path)
				}
			}
			switch {
			case len(named) == 1 && it == named[0]:
				continue
			case len(named) == 1:
				probs = append(probs, Problem{it.Path, 2, LevelError,
					fmt.Sprintf("identifiant « %s » déjà utilisé par %s : ce fichier-ci n'est pas servi", id, named[0].Path)})
			default:
				probs = append(probs, Problem{it.Path, 2, LevelError,
					fmt.Sprintf("identifiant « %s » aussi utilisé par %s : aucun n'est servi tant que le doublon reste", id, strings.Join(others, ", "))})
			}
			withheld[it] = true
		}
	}
	return withheld, probs
}

// genuine narrows the items sharing id to the one where the base's layout
// puts it: its file named after the id, then in the folder of its category
// (sejour/…). More than one left: none is genuine.
func genuine(id string, same []*Item) []*Item {
	var named, placed []*Item
	for _, it := range same {
		if path.Base(it.Path) == id+".md" {
			named = append(named, it)
			if it.Category != "" && path.Base(path.Dir(it.Path)) == it.Category {
				placed = append(placed, it)
			}
		}
	}
	if len(named) > 1 && len(placed) == 1 {
		return placed
	}
	return named
}

// MaxItemBytes bounds an item file: the longest item of the default base
// is under 10 KB; a 55 MB file in the shared folder cost 20 s and 2.3 GB to
// every app watching it.
const MaxItemBytes = 256 << 10

// readBaseFile reads name from fsys when it is a regular file of at most
// max bytes. A symbolic link, a pipe or a device is refused without being
// opened: a link may point outside the base (or at /dev/zero), a pipe would
// block the reader for ever.
func readBaseFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	st, err := fs.Lstat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("pas un fichier ordinaire (lien symbolique, tube ou périphérique) : ignoré")
	}
	if st.Size() > max {
		return nil, fmt.Errorf("%d Ko, au-delà de la limite de %d Ko : ignoré", st.Size()>>10, max>>10)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(data)) > max {
		err = fmt.Errorf("au-delà de la limite de %d Ko : ignoré", max>>10)
	}
	return data, err
}

// ItemPaths lists the items of fsys, sorted: the Markdown files, not a
// README and not hidden (an editor's temporary file), outside hidden
// folders (.git) and testdata (the editors' regression suites). Load, the
// bundle and the import read the same files through it. Folders that
// cannot be read are returned apart; err is for fsys itself.
func ItemPaths(fsys fs.FS) (paths []string, unreadable map[string]error, err error) {
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && p == ".":
			return err
		case err != nil:
			if unreadable == nil {
				unreadable = map[string]error{}
			}
			unreadable[p] = err
		case d.IsDir():
			if p != "." && IgnoredFolder(d.Name()) {
				return fs.SkipDir
			}
		case isItemFile(d.Name()) && !d.Type().IsRegular():
			if unreadable == nil {
				unreadable = map[string]error{}
			}
			unreadable[p] = errors.New("pas un fichier ordinaire (lien symbolique, tube ou périphérique) : ignoré")
		case isItemFile(d.Name()):
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	return paths, unreadable, err
}

// IgnoredFolder tells the folders a base is read without: hidden ones
// (.git, editors' caches) and testdata (the editors' regression suites).
// The app's watcher skips the same ones.
func IgnoredFolder(name string) bool {
	return strings.HasPrefix(name, ".") || name == "testdata"
}

func isItemFile(name string) bool {
	return strings.HasSuffix(name, ".md") && !strings.EqualFold(name, "README.md") && !strings.HasPrefix(name, ".")
}

// frontMatter holds the raw YAML of an item and the line numbers of its keys.
type frontMatter struct {
	keyLine map[string]int // line of each top-level key in the file
	node    *yaml.Node
}

func (fm frontMatter) line(key string) int {
	if l, ok := fm.keyLine[key]; ok {
		return l
	}
	return 1
}

// parseItem splits the front matter from the body and decodes it. It returns
// nil when the file cannot be understood at all.
func parseItem(p string, data []byte) (*Item, frontMatter, Problems) {
	bad := func(line int, msg string) (*Item, frontMatter, Problems) {
		return nil, frontMatter{}, Problems{{p, line, LevelError, msg}}
	}
	if !utf8.Valid(data) {
		return bad(1, "le fichier n'est pas en UTF-8")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return bad(1, "en-tête YAML manquant : le fichier doit commencer par une ligne « --- »")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimRight(lines[i], " \t\n"); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return bad(1, "en-tête YAML non fermé : ajoutez une ligne « --- » après le dernier champ")
	}
	yamlText := strings.Join(lines[1:end], "")
	// The YAML starts on line 2 of the file: its line n is the file's n+1.
	const shift = 1

	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(yamlText), &doc); err != nil {
		line, msg := yamlErrorLine(err)
		return bad(line+shift, "YAML invalide : "+msg)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return bad(2, "l'en-tête YAML doit être une liste de champs « nom: valeur »")
	}
	root := doc.Content[0]
	fm := frontMatter{keyLine: map[string]int{}, node: root}
	var probs Problems
	for i := 0; i+1 < len(root.Content); i += 2 {
		key := root.Content[i]
		fm.keyLine[key.Value] = key.Line + shift
		if !knownField[key.Value] {
			probs = append(probs, Problem{p, key.Line + shift, LevelWarning,
				fmt.Sprintf("champ inconnu « %s » (ignoré)", key.Value)})
		}
	}
	it := &Item{Path: p, BodyLine: end + 2}
	// Decode field by field so that one bad value does not hide the others.
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		if !knownField[key.Value] {
			continue
		}
		one := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{key, val}}
		if err := one.Decode(it); err != nil {
			probs = append(probs, Problem{p, val.Line + shift, LevelError,
				fmt.Sprintf("champ « %s » : %s", key.Value, cleanYAMLError(err))})
		}
	}
	it.Body = strings.Join(lines[end+1:], "")
	return it, fm, probs
}

// knownField lists the front-matter keys Item reads.
var knownField = map[string]bool{
	"id": true, "title": true, "kind": true, "category": true, "service": true,
	"transfer": true, "keywords": true, "not_for": true, "role": true,
	"reasons": true, "variables": true, "reviewed": true, "reviewed_by": true,
	"expires": true, "source": true, "lang": true, "when": true,
}

var yamlLineRe = regexp.MustCompile(`line (\d+): `)

// yamlErrorLine extracts the line number yaml.v3 puts in its messages.
func yamlErrorLine(err error) (int, string) {
	msg := cleanYAMLError(err)
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		// yaml.v3 reports parser errors ("did not find expected …") with the
		// 0-based line of their context, scanner errors 1-based
		// (decode.go, parser.fail).
		if strings.HasPrefix(msg, "did not find expected") {
			n++
		}
		return n, msg
	}
	return 1, msg
}

func cleanYAMLError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	msg = yamlLineRe.ReplaceAllString(msg, "")
	return strings.TrimSpace(msg)
}

// loadSite reads site.yaml: a flat map of local facts.
func loadSite(fsys fs.FS, override []byte, overridePath string) (map[string]string, Problems) {
	site := map[string]string{}
	name := SiteFile
	data, err := readBaseFile(fsys, SiteFile, 1<<20)
	if override != nil {
		data, err, name = override, nil, overridePath
	}
	if errors.Is(err, fs.ErrNotExist) {
		return site, Problems{{name, 0, LevelWarning,
			"fichier absent : les champs {{site.…}} ne pourront pas être remplis"}}
	}
	if err != nil {
		return site, Problems{{name, 0, LevelError, "illisible : " + err.Error()}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		return site, Problems{{name, line, LevelError, "YAML invalide : " + msg}}
	}
	if len(doc.Content) == 0 {
		return site, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return site, Problems{{name, root.Line, LevelError, "attendu une liste de champs « clé: valeur »"}}
	}
	var probs Problems
	var unset []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		if val.Kind != yaml.ScalarNode {
			probs = append(probs, Problem{name, val.Line, LevelError,
				fmt.Sprintf("« %s » : attendu un texte simple", key.Value)})
			continue
		}
		if !placeholderNameRe.MatchString(key.Value) {
			probs = append(probs, Problem{name, key.Line, LevelError,
				fmt.Sprintf("clé « %s » : lettres minuscules, chiffres et _ seulement", key.Value)})
			continue
		}
		site[key.Value] = val.Value
		if strings.HasPrefix(strings.TrimSpace(val.Value), "[") {
			unset = append(unset, key.Value)
		}
	}
	if len(unset) > 0 {
		probs = append(probs, Problem{name, 1, LevelWarning,
			fmt.Sprintf("%d valeur(s) encore à renseigner (entre crochets) : %s", len(unset), strings.Join(unset, ", "))})
	}
	return site, probs
}

// loadSynonyms reads synonymes.yaml: a list of groups of equivalent terms.
func loadSynonyms(fsys fs.FS) ([][]string, Problems) {
	data, err := readBaseFile(fsys, SynonymsFile, 4<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, Problems{{SynonymsFile, 0, LevelError, "illisible : " + err.Error()}}
	}
	var groups [][]string
	if err := yaml.Unmarshal(data, &groups); err != nil {
		line, msg := yamlErrorLine(err)
		return nil, Problems{{SynonymsFile, line, LevelError,
			"attendu une liste de groupes, un par ligne : - [terme, sigle, synonyme] (" + msg + ")"}}
	}
	var out [][]string
	for _, g := range groups {
		var clean []string
		for _, t := range g {
			if t = strings.TrimSpace(t); t != "" {
				clean = append(clean, t)
			}
		}
		if len(clean) > 1 {
			out = append(out, clean)
		}
	}
	return out, nil
}

// ExamplesDir is the folder of a knowledge base where editors keep labelled
// messages (*.jsonl) to train the judge on.
const ExamplesDir = "exemples"

// loadJudge reads the learned judgement shipped with the base. Weights that
// cannot be read, or were trained for other features, are refused with a
// warning: the rules keep judging alone. Weights older than the base's
// examples are used, with a warning to retrain.
func loadJudge(fsys fs.FS) (*judge.Model, Problems) {
	data, err := readBaseFile(fsys, judge.FileName, 16<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, Problems{{judge.FileName, 0, LevelWarning, "illisible : " + err.Error() + " ; les règles seules jugent"}}
	}
	m, err := judge.Read(data)
	if err != nil {
		return nil, Problems{{judge.FileName, 1, LevelWarning, err.Error() + " ; les règles seules jugent"}}
	}
	files, err := judge.ExampleFiles(fsys, ExamplesDir)
	if err == nil && len(files) > 0 && judge.Digest(files) != m.ExamplesDigest {
		return m, Problems{{judge.FileName, 1, LevelWarning, fmt.Sprintf(
			"poids entraînés le %s sur %d exemples : les exemples de « %s » ont changé depuis ; relancez « plume train »",
			m.Trained.Format("02/01/2006"), m.Examples, ExamplesDir)}}
	}
	return m, nil
}
