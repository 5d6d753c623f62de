package kb

// The codes shared by the CLI, the tests and the evaluation sets (DESIGN.md).
// Each code has the French label the UI and the reports show.

// Kind says what an item is for.
type Kind string

const (
	KindReponse   Kind = "reponse"   // a standard reply sent to the person
	KindProcedure Kind = "procedure" // internal how-to for the agent
	KindBloc      Kind = "bloc"      // a reusable paragraph assembled around a reply
	KindInfo      Kind = "info"      // dated information, with an expiry
)

// Kinds lists the kinds with their French labels, in display order.
var Kinds = []Code{
	{"reponse", "Réponse type"},
	{"procedure", "Procédure interne"},
	{"bloc", "Bloc"},
	{"info", "Information datée"},
}

// Code is a code with its French label.
type Code struct {
	Code  string
	Label string
}

// Categories are the audit's own breakdown of the mailbox.
var Categories = []Code{
	{"sejour", "Titres de séjour"},
	{"eloignement", "Éloignement"},
	{"identite", "Identité et voyage"},
	{"immatriculation", "Immatriculation"},
	{"teleprocedure", "Téléprocédures"},
	{"permis", "Permis de conduire"},
	{"autre", "Autres sujets"},
}

// Services are where a message is answered or forwarded.
var Services = []Code{
	{"accueil", "Accueil (réponse directe)"},
	{"immigration", "Service de l'immigration et de l'intégration"},
	{"cert-titres", "CERT CNI-passeports"},
	{"sous-prefecture", "Sous-préfecture"},
	{"cabinet", "Cabinet du préfet"},
	{"autre-service", "Autre service"},
}

// Reasons are why a message is a sensitive case.
var Reasons = []Code{
	{"deces", "Décès"},
	{"emploi", "Emploi menacé"},
	{"revenus", "Revenus menacés"},
	{"logement", "Logement menacé"},
	{"sante", "Santé"},
	{"echeance", "Échéance proche"},
	{"detresse", "Détresse"},
	{"mineur", "Enfant concerné"},
	{"violence", "Violence"},
}

// Situations are what `not_for` may name.
var Situations = []Code{
	{"relance", "Relance"},
	{"sensitive", "Situation sensible"},
	{"danger", "Idées suicidaires ou d'automutilation (niveau danger)"},
	{"elu", "Un élu ou un cabinet parlementaire écrit au préfet pour quelqu'un"},
	{"transfert", "La demande est transmise à un service (une réponse « not_for: [transfert] » dit elle-même que rien n'est transmis ; un bloc « when: [transfert] » suit une réponse qui transmet elle-même)"},
}

// Roles are the parts a bloc plays in a composed reply.
var Roles = []Code{
	{"ouverture", "Formule d'appel"},
	{"accuse-reception", "Accusé de réception"},
	{"relance", "Réponse à une relance"},
	{"empathie", "Ouverture empathique"},
	{"transfert", "Avis de transfert"},
	{"coordonnees", "Coordonnées du service qui détient la demande (CRPA), quand la réponse dit elle-même qu'elle la transmet"},
	{"suivi", "Engagement de suivi (signalement du jour, date de retour, contacts), une fois par réponse"},
	{"cloture", "Formule de politesse et signature"},
}

// Langs are the languages items are written in.
var Langs = []Code{
	{"fr", "Français"},
	{"en", "Anglais"},
}

// Label returns the French label of code in codes, or the code itself.
func Label(codes []Code, code string) string {
	for _, c := range codes {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}

// Known reports whether code is one of codes.
func Known(codes []Code, code string) bool {
	for _, c := range codes {
		if c.Code == code {
			return true
		}
	}
	return false
}

// CodeOf returns the code of a label ("" when none has it).
func CodeOf(codes []Code, label string) string {
	for _, c := range codes {
		if c.Label == label {
			return c.Code
		}
	}
	return ""
}
