package search

import (
	"fmt"
	"plume/kb"
	"strings"

	"plume/message/detect"
	"plume/message/intake"
)

// EscalationNote is the internal message an agent sends the competent
// service the same day for a relance or a sensitive case: what is asked,
// why it cannot wait, the file numbers and how long the person has waited.
// It is for colleagues, never for the person.
func EscalationNote(a Analysis) string {
	var b strings.Builder
	service := kb.Label(kb.Services, a.Service)
	if a.Service == kb.ServiceAccueil {
		service = "service compétent"
	}
	subject := "Signalement"
	switch {
	case a.Sensitive.Detected && a.Relance.Detected:
		subject = "Relance et situation sensible"
	case a.Sensitive.Detected:
		subject = "Situation sensible"
	case a.Relance.Detected:
		subject = "Relance"
	}
	fmt.Fprintf(&b, "Objet : [%s] %s — à traiter aujourd'hui\n\n", subject, firstNonEmpty(a.Parsed.Subject, kb.Label(kb.Categories, a.Category)))
	fmt.Fprintf(&b, "À l'attention de : %s\n\n", service)
	if name := strings.TrimSpace(a.Values["usager.prenom"] + " " + a.Values["usager.nom"]); name != "" {
		fmt.Fprintf(&b, "Usager : %s\n", name)
	}
	for _, k := range []struct{ key, label string }{
		{"dossier.numero", "Numéro étranger"},
		{"demande.numero", "Numéro de demande"},
		{"vehicule.immatriculation", "Immatriculation"},
		{"usager.telephone", "Téléphone"},
		{"usager.courriel", "Courriel"},
	} {
		if v := a.Values[k.key]; v != "" {
			fmt.Fprintf(&b, "%s : %s\n", k.label, v)
		}
	}
	b.WriteString("\n")
	if a.Sensitive.Detected {
		fmt.Fprintf(&b, "Situation : %s.\n", ReasonLabels(a.Sensitive.Reasons))
		if a.Sensitive.Level == detect.LevelDanger {
			b.WriteString("ATTENTION : la personne exprime des idées suicidaires. Procédure interne engagée ; le 3114 lui a été indiqué.\n")
		}
		fmt.Fprintf(&b, "Ce qu'elle écrit : %s\n", QuoteCues(a.Sensitive.Cues))
	}
	if a.Relance.Detected {
		line := "Relance : la personne a déjà pris contact"
		if a.Relance.ElapsedDays != nil {
			line += fmt.Sprintf(" (%s, il y a %d jours, dont %d ouvrés)", Waited(a.Relance), *a.Relance.ElapsedDays, *a.Relance.ElapsedBusinessDays)
		}
		fmt.Fprintf(&b, "%s : %s\n", line, QuoteCues(a.Relance.Cues))
	}
	fmt.Fprintf(&b, "\nRésumé du message :\n%s\n", summary(a.Parsed.NewText(), 600))
	b.WriteString("\nMerci de m'indiquer aujourd'hui la suite donnée et la date à laquelle l'usager aura une réponse, pour que je puisse le lui dire.\n")
	return b.String()
}

// summary keeps the start of the writer's text, cut on a word.
func summary(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= max {
		return text
	}
	cut := intake.Clip(text, max)
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return cut + " […]"
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}
