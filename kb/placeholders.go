package kb

import (
	"regexp"
	"strings"
)

// placeholderRe finds {{name}} in a body; the name is checked separately so
// that a malformed one is reported rather than ignored.
var placeholderRe = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// placeholderNameRe is the shape of a placeholder or variable name:
// lowercase words joined by dots (usager.nom, dossier.numero).
var placeholderNameRe = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$`)

// Builtins are the placeholders Plume fills itself, whatever the item.
// site.* comes from site.yaml and is checked against its keys.
var Builtins = []Code{
	{"usager.appel", "Formule d'appel (« Madame, Monsieur » ou « Madame Durand »)"},
	{"usager.civilite", "Civilité de l'usager"},
	{"usager.nom", "Nom de l'usager"},
	{"usager.prenom", "Prénom de l'usager"},
	{"usager.courriel", "Adresse électronique de l'usager"},
	{"usager.telephone", "Téléphone de l'usager"},
	{"agent.nom", "Nom de l'agent"},
	{"agent.prenom", "Prénom de l'agent"},
	{"agent.fonction", "Fonction de l'agent"},
	{"agent.service", "Service de l'agent"},
	{"agent.signature", "Bloc signature de l'agent"},
	{"date.aujourdhui", "Date du jour"},
	{"date.reponse", "Date de réponse au plus tard (5 jours ouvrés)"},
	{"message.date", "Date du message reçu"},
	{"message.objet", "Objet du message reçu"},
}

// Placeholder is one {{name}} found in a body, with its byte offsets.
type Placeholder struct {
	Name       string
	Start, End int
}

// Placeholders lists the {{…}} of body in order.
func Placeholders(body string) []Placeholder {
	var out []Placeholder
	for _, m := range placeholderRe.FindAllStringSubmatchIndex(body, -1) {
		out = append(out, Placeholder{Name: body[m[2]:m[3]], Start: m[0], End: m[1]})
	}
	return out
}

// Fill replaces each {{name}} of body with values[name]. A placeholder with
// no value stays visible as [libellé] so that the agent sees what is missing
// instead of sending an empty gap; labels gives those labels.
//
// Inside a web address only the desk's own site.* values are filled: a
// person's name or file number put in a link or an image address would be
// sent to whatever server it names (`plume check` refuses such items).
func Fill(body string, values map[string]string, labels map[string]string) string {
	urls := URLSpans(body)
	var b strings.Builder
	last := 0
	for _, m := range placeholderRe.FindAllStringIndex(body, -1) {
		b.WriteString(body[last:m[0]])
		last = m[1]
		name := strings.TrimSpace(body[m[0]+2 : m[1]-2])
		v, ok := values[name]
		switch {
		case inSpans(urls, m[0]):
			if strings.HasPrefix(name, "site.") {
				b.WriteString(v)
			}
		case ok && v != "":
			b.WriteString(v)
		case labels[name] != "":
			b.WriteString("[" + labels[name] + "]")
		default:
			b.WriteString("[" + name + "]")
		}
	}
	b.WriteString(body[last:])
	return b.String()
}

// urlRe finds what Markdown or a mail client turns into a web address: a
// link or image destination, an autolink, a reference definition, a bare
// address.
var urlRe = regexp.MustCompile(`\]\([^)\n]*\)|<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>|(?m)^ {0,3}\[[^\]\n]+\]:[^\n]*|(?i)\b(?:https?|ftp)://[^\s<>)\]]*`)

// URLSpans gives the byte ranges of body that are web addresses. No address
// crosses a line, and a line without "](", "<", "]:" or "://" holds none:
// only the other lines are given to the expression, which otherwise tried
// every position of every body (a fifth of loading a base).
func URLSpans(body string) [][]int {
	var spans [][]int
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		if strings.Contains(line, "](") || strings.Contains(line, "<") || strings.Contains(line, "]:") || strings.Contains(line, "://") {
			for _, m := range urlRe.FindAllStringIndex(line, -1) {
				spans = append(spans, []int{start + m[0], start + m[1]})
			}
		}
		start = end + 1
	}
	return spans
}

func inSpans(spans [][]int, at int) bool {
	for _, s := range spans {
		if at >= s[0] && at < s[1] {
			return true
		}
	}
	return false
}

// Preview fills an item's body for reading it in the knowledge base: local
// facts from the site file, everything else shown as [libellé].
func (k *KB) Preview(it *Item) string {
	values := make(map[string]string, len(k.Site))
	for key, v := range k.Site {
		values["site."+key] = v
	}
	return Fill(it.Body, values, Labels(it))
}

// Labels returns the label of every placeholder an item may use: its own
// variables and the built-ins.
func Labels(it *Item) map[string]string {
	labels := make(map[string]string, len(Builtins)+len(it.Variables))
	for _, b := range Builtins {
		labels[b.Code] = b.Label
	}
	for _, v := range it.Variables {
		labels[v.Name] = v.Label
	}
	return labels
}
