package kb

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"
)

var idRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether s is a well-formed item id.
func ValidID(s string) bool { return idRe.MatchString(s) }

// ReviewMaxAge is how old a review may be before the item is flagged
// « à revoir ».
const ReviewMaxAge = 12 // months

// validator checks one item against the format of templates/README.md.
type validator struct {
	today time.Time
	site  map[string]string
}

func (v validator) check(it *Item, fm frontMatter) Problems {
	var probs Problems
	add := func(key string, level Level, format string, args ...any) {
		probs = append(probs, Problem{it.Path, fm.line(key), level, fmt.Sprintf(format, args...)})
	}
	missing := func(key string) bool {
		_, ok := fm.keyLine[key]
		return !ok
	}

	for _, key := range []string{"id", "title", "kind", "lang", "reviewed"} {
		if missing(key) {
			add(key, LevelError, "champ obligatoire « %s » manquant", key)
		}
	}
	if it.ID != "" {
		if !idRe.MatchString(it.ID) {
			add("id", LevelError, "identifiant « %s » : minuscules, chiffres et tirets seulement", it.ID)
		} else if base := strings.TrimSuffix(path.Base(it.Path), ".md"); base != it.ID {
			add("id", LevelWarning, "l'identifiant « %s » diffère du nom du fichier « %s.md »", it.ID, base)
		}
	}
	if !missing("title") && strings.TrimSpace(it.Title) == "" {
		add("title", LevelError, "titre vide")
	}

	if !missing("kind") && !Known(Kinds, string(it.Kind)) {
		add("kind", LevelError, "type « %s » inconnu (attendu : %s)", it.Kind, codeList(Kinds))
	}
	codeField := func(key, value string, codes []Code, what string) {
		if value != "" && !Known(codes, value) {
			add(key, LevelError, "%s « %s » inconnu(e) (attendu : %s)", what, value, codeList(codes))
		}
	}
	codeField("category", it.Category, Categories, "catégorie")
	codeField("service", it.Service, Services, "service")
	codeField("lang", it.Lang, Langs, "langue")
	codeField("role", it.Role, Roles, "rôle")
	for _, field := range []struct {
		key  string
		list []string
	}{{"not_for", it.NotFor}, {"when", it.WhenIn}} {
		key, list := field.key, field.list
		for i, s := range list {
			if s == situationSensitive { // a base written before the codes were all French
				list[i] = SituationSensible
				add(key, LevelWarning, "« %s » s'écrit désormais « %s » (lu comme tel)", situationSensitive, SituationSensible)
				continue
			}
			codeField(key, s, Situations, "situation")
		}
	}
	for _, r := range it.Reasons {
		codeField("reasons", r, Reasons, "motif")
	}

	need := map[Kind][]string{
		KindReponse:   {"category", "service", "source", "keywords"},
		KindProcedure: {"keywords"},
		KindBloc:      {"role"},
		KindInfo:      {"category", "expires", "keywords"},
	}
	for _, key := range need[it.Kind] {
		if missing(key) {
			add("kind", LevelError, "un élément de type « %s » doit avoir le champ « %s »", it.Kind, key)
		}
	}
	if it.Kind == KindBloc && it.Role == "transfert" && it.Service == "" {
		add("role", LevelError, "un avis de transfert doit indiquer son « service »")
	}
	if it.Transfer && it.Service == ServiceAccueil {
		add("transfer", LevelWarning, "« transfer: true » avec le service « accueil », qui répond directement")
	}
	if it.Source != "" {
		if u, err := url.Parse(it.Source); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			add("source", LevelError, "source « %s » : attendu une adresse web http(s)://…", it.Source)
		}
	}

	if !it.Reviewed.IsZero() {
		if it.ReviewDue(v.today) {
			add("reviewed", LevelWarning, "relu le %s, il y a plus de %d mois : à revoir", it.Reviewed.Format(dateLayout), ReviewMaxAge)
		}
		if it.Reviewed.After(v.today.AddDate(0, 0, 1)) {
			add("reviewed", LevelWarning, "date de relecture %s dans le futur", it.Reviewed.Format(dateLayout))
		}
	}
	if it.Expired(v.today) {
		add("expires", LevelWarning, "information expirée depuis le %s : à mettre à jour ou à retirer", it.Expires.Format(dateLayout))
	}

	probs = append(probs, v.checkVariables(it, fm)...)
	probs = append(probs, checkAddresses(it)...)
	probs = append(probs, checkWording(it)...)
	return probs
}

// imageRe finds a Markdown image, inline or by reference.
var imageRe = regexp.MustCompile(`!\[[^\]\n]*\]\s*[(\[]`)

// checkAddresses refuses what would make a reply reach the network or carry
// a person's data to a server: an image (the window fetches it), an address
// that is not https or mailto, a placeholder other than site.* inside an
// address.
func checkAddresses(it *Item) Problems {
	var probs Problems
	add := func(at int, format string, args ...any) {
		probs = append(probs, Problem{it.Path, it.BodyLine + strings.Count(it.Body[:at], "\n"), LevelError, fmt.Sprintf(format, args...)})
	}
	for _, m := range imageRe.FindAllStringIndex(it.Body, -1) {
		add(m[0], "image : une réponse type ne charge rien depuis le réseau (mettez un lien https:// à la place)")
	}
	for _, span := range URLSpans(it.Body) {
		addr := it.Body[span[0]:span[1]]
		for _, p := range Placeholders(addr) {
			if !strings.HasPrefix(p.Name, "site.") {
				add(span[0], "« {{%s}} » dans une adresse web : les données de l'usager ne doivent pas partir dans un lien", p.Name)
			}
		}
		if scheme := addressScheme(addr); scheme != "" && scheme != "https" && scheme != "mailto" {
			add(span[0], "adresse « %s » : seules les adresses https:// et mailto: sont acceptées", strings.TrimSpace(addr))
		}
	}
	return probs
}

// addressScheme is the scheme of a link found by URLSpans ("https",
// "http", "javascript"…), or "" when it names an item or an anchor.
func addressScheme(span string) string {
	s := strings.TrimSpace(span)
	switch {
	case strings.HasPrefix(s, "]("):
		s = s[2:]
	case strings.HasPrefix(s, "<"):
		s = s[1:]
	case strings.HasPrefix(s, "["): // a reference definition: [nom]: adresse
		s = s[strings.Index(s, "]:")+2:]
	}
	s = strings.TrimPrefix(strings.TrimSpace(s), "<")
	i := strings.IndexAny(s, ":/?#{ )>")
	if i <= 0 || s[i] != ':' {
		return ""
	}
	return strings.ToLower(s[:i])
}

// MaxPlaceholders bounds the {{champs}} of an item (and its declared
// variables): the richest item of the default base has a dozen; an item
// with 25,000 froze the window building its fields.
const MaxPlaceholders = 200

// checkVariables checks the declared variables and every {{placeholder}}
// of the body.
func (v validator) checkVariables(it *Item, fm frontMatter) Problems {
	var probs Problems
	declared := map[string]bool{}
	for _, vr := range it.Variables {
		switch {
		case !placeholderNameRe.MatchString(vr.Name):
			probs = append(probs, Problem{it.Path, fm.line("variables"), LevelError,
				fmt.Sprintf("variable « %s » : nom attendu en minuscules, mots séparés par des points (ex. dossier.numero)", vr.Name)})
		case declared[vr.Name]:
			probs = append(probs, Problem{it.Path, fm.line("variables"), LevelError,
				fmt.Sprintf("variable « %s » déclarée deux fois", vr.Name)})
		case strings.TrimSpace(vr.Label) == "":
			probs = append(probs, Problem{it.Path, fm.line("variables"), LevelError,
				fmt.Sprintf("variable « %s » sans libellé (label)", vr.Name)})
		}
		declared[vr.Name] = true
	}
	phs := Placeholders(it.Body)
	if len(phs) > MaxPlaceholders || len(it.Variables) > MaxPlaceholders {
		return append(probs, Problem{it.Path, it.BodyLine, LevelError,
			fmt.Sprintf("%d champs {{…}} et %d variables : au-delà de %d, l'élément n'est pas servi (le formulaire des champs à remplir serait inutilisable)",
				len(phs), len(it.Variables), MaxPlaceholders)})
	}
	used := map[string]bool{}
	for _, ph := range phs {
		line := it.BodyLine + strings.Count(it.Body[:ph.Start], "\n")
		used[ph.Name] = true
		switch {
		case !placeholderNameRe.MatchString(ph.Name):
			probs = append(probs, Problem{it.Path, line, LevelError,
				fmt.Sprintf("champ « {{%s}} » mal formé : minuscules, mots séparés par des points", ph.Name)})
		case declared[ph.Name] || Known(Builtins, ph.Name):
		case strings.HasPrefix(ph.Name, "site."):
			if _, ok := v.site[strings.TrimPrefix(ph.Name, "site.")]; !ok {
				probs = append(probs, Problem{it.Path, line, LevelError,
					fmt.Sprintf("champ « {{%s}} » absent de %s", ph.Name, SiteFile)})
			}
		default:
			probs = append(probs, Problem{it.Path, line, LevelError,
				fmt.Sprintf("champ « {{%s}} » inconnu : déclarez-le dans « variables » ou utilisez un champ prédéfini", ph.Name)})
		}
	}
	for _, vr := range it.Variables {
		if !used[vr.Name] {
			probs = append(probs, Problem{it.Path, fm.line("variables"), LevelWarning,
				fmt.Sprintf("variable « %s » déclarée mais absente du texte", vr.Name)})
		}
	}
	return probs
}

func codeList(codes []Code) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = c.Code
	}
	return strings.Join(s, ", ")
}

// Day truncates t to its calendar day, in its own location.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// CheckItem validates one file as an editor types it, with the checks and
// messages of Load: the site keys come from the knowledge base, and an id
// used by another file is reported. The item is nil when the file cannot
// be read at all.
func (k *KB) CheckItem(path string, data []byte, today time.Time) (*Item, Problems) {
	if today.IsZero() {
		today = time.Now()
	}
	it, fm, probs := parseItem(path, data)
	if it == nil {
		return nil, probs
	}
	probs = append(probs, validator{today: today, site: k.Site}.check(it, fm)...)
	if other := k.byID[it.ID]; other != nil && other.Path != path {
		probs = append(probs, Problem{path, fm.line("id"), LevelError,
			fmt.Sprintf("identifiant « %s » déjà utilisé par %s", it.ID, other.Path)})
	}
	probs.Sort()
	return it, probs
}

// References lists the items that link to id ("[texte](id)"): what a
// rename of id would break.
func (k *KB) References(id string) []*Item {
	var out []*Item
	for _, it := range k.Items {
		if it.ID == id {
			continue
		}
		for _, m := range itemLinkRe.FindAllStringSubmatch(it.Body, -1) {
			if m[1] == id {
				out = append(out, it)
				break
			}
		}
	}
	return out
}

// itemLinkRe finds Markdown links; a target that is not a web or mail
// address names another item by its id ("[voir la procédure](procedure-relance)").
var itemLinkRe = regexp.MustCompile(`\]\(([^()\s]+)\)`)

// brokenLinks reports links to items that do not exist (a renamed or
// deleted id).
func (k *KB) brokenLinks() Problems {
	var probs Problems
	for _, it := range k.Items {
		for _, m := range itemLinkRe.FindAllStringSubmatchIndex(it.Body, -1) {
			target := it.Body[m[2]:m[3]]
			if strings.Contains(target, ":") || strings.HasPrefix(target, "#") || strings.Contains(target, "/") || strings.Contains(target, ".") {
				continue // a web or mail address, an anchor, a file
			}
			if k.byID[target] == nil {
				line := it.BodyLine + strings.Count(it.Body[:m[0]], "\n")
				probs = append(probs, Problem{it.Path, line, LevelWarning,
					fmt.Sprintf("lien vers l'élément « %s », qui n'existe pas (renommé ou supprimé ?)", target)})
			}
		}
	}
	return probs
}
