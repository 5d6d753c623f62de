package compose

import (
	"fmt"
	"testing"
	"time"

	"plume/kb"
	"plume/templates"
)

func TestScratch(t *testing.T) {
	k, _, err := kb.Load(templates.FS, kb.LoadOptions{Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil { t.Fatal(err) }
	e, err := kb.NewEngine(k)
	if err != nil { t.Fatal(err) }
	for _, m := range []kb.Message{
		{Subject: "Renouvellement de ma carte de séjour", Body: "Bonjour,\nMa carte de séjour expire en mars. Quelles pièces dois-je fournir pour le renouvellement ?\nCordialement,\nMme Awa Diallo"},
		{Subject: "Suivi de ma demande", Body: "Bonjour,\nJ'ai déposé ma demande de renouvellement de titre de séjour sur l'ANEF en septembre. Pouvez-vous me dire où en est mon dossier ?\nM. Karim Haddad\nN° étranger 7503318402"},
		{Subject: "Carte d'identité", Body: "Bonjour, je vous ai déjà écrit le 2 novembre 2026 sans réponse. J'ai déposé ma demande de carte d'identité en mairie le 2 septembre et je n'ai toujours pas reçu de SMS pour la retirer. Où en est ma demande ? Merci\nMme Claire Durand"},
		{Subject: "Driving licence exchange", Body: "Hello, I have a Canadian driving licence and I live in France since March. How can I exchange it for a French licence? Thank you, Mrs Emily Brown"},
	} {
		a, err := e.Analyze(m)
		if err != nil { t.Fatal(err) }
		fmt.Printf("=== %s: cat=%s svc=%s tr=%v lang=%s relance=%v since=%q sens=%v %v vals=%v\n", m.Subject, a.Category, a.Service, a.Transfer, a.Lang, a.Relance.Detected, a.Relance.Since, a.Sensitive.Detected, a.Sensitive.Reasons, a.Values)
		for _, s := range a.Suggestions { fmt.Printf("   %s %s tr=%v %s\n", s.ID, s.Kind, s.Item.Transfer, s.Situation) }
		var item *kb.Item
		for _, s := range a.Suggestions { if s.Kind == kb.KindReponse || s.Kind == kb.KindInfo { item = s.Item; break } }
		r := Compose(k, a, item, Options{Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Profile: Profile{Prenom: "Jeanne", Nom: "Martin", Fonction: "Agente d'accueil", Service: "Bureau de l'accueil et des usagers"}})
		for _, p := range r.Parts { fmt.Printf("  part %s %s %s\n", p.Role, p.ItemID, p.Lang) }
		for _, f := range r.Fields { fmt.Printf("  field %s %q %q req=%v src=%q\n", f.Name, f.Label, f.Value, f.Required, f.Source) }
		fmt.Println("  missing", r.Missing, "notes", r.Notes)
		fmt.Println(r.Text)
	}
}
