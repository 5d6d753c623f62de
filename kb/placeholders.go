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
func Fill(body string, values map[string]string, labels map[string]string) string {
	return placeholderRe.ReplaceAllStringFunc(body, func(m string) string {
		name := strings.TrimSpace(m[2 : len(m)-2])
		if v, ok := values[name]; ok && v != "" {
			return v
		}
		if l, ok := labels[name]; ok && l != "" {
			return "[" + l + "]"
		}
		return "[" + name + "]"
	})
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
