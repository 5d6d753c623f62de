package kb

import (
	"fmt"
	"math/rand"
	"strings"
	"time"
)

// Synthesize builds a knowledge base of n items for benchmarks, by
// recombining the titles, keywords and sentences of base: same vocabulary and
// lengths as real items, so index and query costs are realistic.
func Synthesize(base *KB, n int, seed int64) *KB {
	rng := rand.New(rand.NewSource(seed))
	var titles, keywords, sentences []string
	for _, it := range base.Items {
		titles = append(titles, it.Title)
		keywords = append(keywords, it.Keywords...)
		for _, s := range strings.Split(PlainText(it.Body), ". ") {
			if s = strings.TrimSpace(s); len(s) > 20 {
				sentences = append(sentences, s+".")
			}
		}
	}
	if len(titles) == 0 || len(keywords) == 0 || len(sentences) == 0 {
		return &KB{Site: base.Site, Synonyms: base.Synonyms, byID: map[string]*Item{}, clock: base.clock}
	}
	kinds := []Kind{KindReponse, KindReponse, KindReponse, KindReponse, KindProcedure, KindInfo}
	out := &KB{Site: base.Site, Synonyms: base.Synonyms, byID: make(map[string]*Item, n), clock: base.clock}
	reviewed := Date{time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	for i := 0; i < n; i++ {
		pick := func(s []string) string { return s[rng.Intn(len(s))] }
		it := &Item{
			ID:       fmt.Sprintf("synth-%06d", i),
			Title:    pick(titles) + " — " + pick(keywords),
			Kind:     kinds[rng.Intn(len(kinds))],
			Category: Categories[rng.Intn(len(Categories))].Code,
			Service:  Services[rng.Intn(len(Services))].Code,
			Lang:     "fr",
			Reviewed: reviewed,
			Path:     fmt.Sprintf("synth/%06d.md", i),
		}
		it.Transfer = it.Service != ServiceAccueil
		for k := 0; k < 6+rng.Intn(6); k++ {
			it.Keywords = append(it.Keywords, pick(keywords))
		}
		var body []string
		for k := 0; k < 6+rng.Intn(8); k++ {
			body = append(body, pick(sentences))
		}
		it.Body = strings.Join(body, " ")
		out.Items = append(out.Items, it)
		out.byID[it.ID] = it
	}
	return out
}

// SampleMessages are realistic messages of about 80 words, one per kind of
// request the audit lists, for benchmarks (written for Plume; fictional).
var SampleMessages = []Message{
	{"Renouvellement titre de séjour", "Bonjour, j'ai déposé ma demande de renouvellement de titre de séjour sur le site ANEF au mois de juillet et je n'ai toujours pas de nouvelles. Mon attestation de prolongation d'instruction expire à la fin du mois et mon employeur me demande un document valable pour continuer à travailler. Pouvez-vous me dire où en est mon dossier et si je vais recevoir une nouvelle attestation ? Mon numéro étranger est 7503012345. Merci d'avance pour votre réponse. Cordialement, Amadou Diallo"},
	{"rendez-vous impossible", "Madame, Monsieur, depuis trois semaines j'essaie de prendre un rendez-vous sur le site de la préfecture pour déposer une première demande de carte de séjour vie privée et familiale, mais il n'y a jamais de créneau disponible. Je me connecte tous les matins. Pouvez-vous me dire quand de nouveaux créneaux seront ouverts ou s'il existe une autre façon de déposer mon dossier ? Je suis mariée à un Français depuis deux ans. Merci beaucoup, bien cordialement, Mme Petrova"},
	{"passeport", "Bonjour, je dois partir au Canada le 15 janvier pour un contrat de travail et mon passeport est expiré. J'ai fait la pré-demande sur le site de l'ANTS mais le premier rendez-vous disponible en mairie est en février. Est-il possible d'obtenir un passeport plus rapidement, ou un passeport d'urgence ? Je ne voudrais pas perdre ce contrat. Quelles pièces dois-je fournir et combien de temps faut-il compter ? Je vous remercie de votre aide. Julien Moreau"},
	{"carte grise pas reçue", "Bonjour, j'ai acheté une voiture d'occasion en septembre et j'ai fait la demande de changement de titulaire sur le site de l'ANTS. Le dossier indique que la carte grise a été expédiée mais je ne l'ai jamais reçue. Le certificat provisoire d'immatriculation expire bientôt et je ne pourrai plus rouler. Ma plaque est GH-452-KL. Que dois-je faire pour obtenir mon certificat d'immatriculation ? Merci de votre retour rapide. Salutations, Kévin Le Gall"},
	{"OQTF recours", "Bonjour, mon frère a reçu hier une obligation de quitter le territoire français après le refus de sa demande de titre de séjour. Il ne parle pas bien français et il ne comprend pas le délai pour faire un recours au tribunal administratif. Est-ce qu'il peut avoir un avocat gratuit ? Combien de jours a-t-il pour contester cette décision et où faut-il envoyer le recours ? Il est en France depuis six ans et travaille dans le bâtiment. Merci, Youssef"},
	{"permis perdu", "Bonjour, j'ai perdu mon permis de conduire pendant un déménagement le mois dernier. Je l'ai cherché partout sans le retrouver. Je suis chauffeur livreur et mon employeur me demande de présenter mon permis. Comment faire la déclaration de perte et demander un nouveau permis ? Est-ce que je peux continuer à conduire en attendant ? Faut-il passer par la préfecture ou tout se fait en ligne sur l'ANTS ? Merci pour votre aide, cordialement, Sébastien Quéré"},
	{"médaille du travail", "Madame, Monsieur, je travaille depuis trente ans dans la même entreprise et mon employeur m'a dit que je pouvais demander la médaille d'honneur du travail. Je voudrais savoir comment constituer le dossier, quelles pièces joindre et à quelle date il faut le déposer pour la promotion du 14 juillet. Est-ce que je peux faire la demande en ligne ? Par avance merci pour ces renseignements. Veuillez agréer mes salutations distinguées. Marie-Thérèse Guivarc'h"},
	{"aide ANTS", "Bonjour, ma mère a 80 ans et n'a pas internet. Elle doit refaire sa carte d'identité et je ne sais pas comment créer son compte sur le site de l'ANTS, il demande une adresse mail et FranceConnect. Existe-t-il un endroit où quelqu'un peut l'aider à faire la démarche ? J'ai entendu parler d'un point numérique à la préfecture, faut-il prendre rendez-vous ? Merci de votre réponse, bonne journée, Pierre Le Bihan"},
}
