package search

import (
	"plume/kb"
	"regexp"

	"plume/message/detect"
)

// businessServices returns, for each category, the service its forwarded
// replies go to most often: where a relance about a file of that category
// must go when the best reply would answer it at the reception desk.
func businessServices(k *kb.KB) map[string]string {
	counts := map[string]map[string]int{}
	for _, it := range k.Items {
		if it.Kind != kb.KindReponse || !it.Transfer || it.Service == "" || it.Service == kb.ServiceAccueil {
			continue
		}
		if counts[it.Category] == nil {
			counts[it.Category] = map[string]int{}
		}
		counts[it.Category][it.Service]++
	}
	out := map[string]string{}
	for cat, byService := range counts {
		best, n := "", 0
		for _, s := range kb.Services {
			if c := byService[s.Code]; c > n {
				best, n = s.Code, c
			}
		}
		out[cat] = best
	}
	return out
}

var (
	// An elected official or a parliamentary office writing to the préfet:
	// the cabinet answers, whatever the topic.
	electedRe = regexp.MustCompile(`\b(?:depute|deputee|senateur|senatrice|maire|adjointe? au maire|conseill(?:er|ere) (?:departemental|regional|municipal)e?|collaborat(?:eur|rice) parlementaire|permanence parlementaire|parlementaire)\b`)
	prefetRe  = regexp.MustCompile(`\b(?:monsieur|madame) (?:le|la) (?:prefet|prefete)\b`)
	// A file lodged or followed at the sous-préfecture stays with it.
	sousPrefRe = regexp.MustCompile(`\b(?:depose|deposee|dossier|demande|guichet|appele|rendez-vous|convoque|convoquee|recepisse)\b[^.\n]{0,80}\bsous-prefecture\b|\bsous-prefecture\b[^.\n]{0,40}\b(?:m'a|nous a|lui a|m'ont|a) (?:repondu|dit|convoque)`)
)

// routeHints are what the writer's own words say of where a message goes,
// read once per message for the routing and the learned judge.
type routeHints struct {
	electedToPrefet bool // an élu or a parliamentary office writes to the préfet
	elected         bool // an élu is named
	sousPref        bool // the file is followed at the sous-préfecture
}

// readRouteHints reads the writer's own text, new text and signature as
// the detectors read it (bounded): the signature says who writes ("Le
// Maire", "Collaboratrice parlementaire").
func readRouteHints(own string) routeHints {
	text := detect.Fold(own)
	elected := electedRe.MatchString(text)
	return routeHints{
		electedToPrefet: elected && prefetRe.MatchString(text),
		elected:         elected,
		sousPref:        sousPrefRe.MatchString(text),
	}
}

// route refines the service and transfer the best reply gave, with the
// reasons shown to the agent.
func (e *Engine) route(a *Analysis) {
	if a.Judgement != nil {
		e.explainLearnedRoute(a)
		return
	}
	switch {
	case a.hints.electedToPrefet:
		a.Service, a.Transfer = "cabinet", true
		a.Routing = append(a.Routing, "message d'un élu ou d'un cabinet parlementaire adressé au préfet : le cabinet répond")
		return
	}
	if a.Relance.Detected && a.Service == kb.ServiceAccueil {
		if s := e.business[a.Category]; s != "" {
			a.Service, a.Transfer = s, true
			a.Routing = append(a.Routing, "relance sur un dossier : le service métier doit reprendre la demande aujourd'hui")
		}
	}
	if a.Transfer && (a.Service == "immigration") && a.hints.sousPref {
		a.Service = "sous-prefecture"
		a.Routing = append(a.Routing, "le dossier est suivi par la sous-préfecture")
	}
	if len(a.Routing) > 0 {
		return
	}
	a.Routing = append(a.Routing, replyRoute(a)...)
}

// explainLearnedRoute gives the reasons of a service the learned judge
// chose: the rule that agrees with it when one does, else the words that
// weighed, else the reply it came from.
func (e *Engine) explainLearnedRoute(a *Analysis) {
	switch {
	case a.Service == "cabinet" && a.hints.electedToPrefet:
		a.Routing = append(a.Routing, "message d'un élu ou d'un cabinet parlementaire adressé au préfet : le cabinet répond")
	case a.Service == "sous-prefecture" && a.hints.sousPref:
		a.Routing = append(a.Routing, "le dossier est suivi par la sous-préfecture")
	case a.Relance.Detected && a.Transfer:
		a.Routing = append(a.Routing, "relance sur un dossier : le service métier doit reprendre la demande aujourd'hui")
	case a.learnedRoute != "":
		a.Routing = append(a.Routing, a.learnedRoute)
	default:
		a.Routing = append(a.Routing, replyRoute(a)...)
	}
}

// replyRoute names the reply the service came from.
func replyRoute(a *Analysis) []string {
	// The reason names the reply the service came from (see suggest): not
	// one written for a relance, which a first contact never sees.
	for _, s := range a.Suggestions {
		if s.Category != a.Category || s.Kind != kb.KindReponse || len(s.Item.WhenIn) > 0 {
			continue
		}
		if a.Transfer {
			return []string{"la réponse type « " + s.Title + " » transmet à : " + kb.Label(kb.Services, a.Service)}
		}
		return []string{"la réponse type « " + s.Title + " » répond directement"}
	}
	return nil
}
