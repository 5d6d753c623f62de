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
	{ServiceAccueil, "Accueil (réponse directe)"},
	{"immigration", "Service de l'immigration et de l'intégration"},
	{"cert-titres", "CERT CNI-passeports"},
	{"sous-prefecture", "Sous-préfecture"},
	{"cabinet", "Cabinet du préfet"},
	{"autre-service", "Autre service"},
}

// The reasons the code itself names; the others are data.
const (
	ReasonDeces    = "deces"
	ReasonDetresse = "detresse"
	ReasonEcheance = "echeance"
	ReasonViolence = "violence"
)

// Reasons are why a message is a sensitive case.
var Reasons = []Code{
	{ReasonDeces, "Décès"},
	{"emploi", "Emploi menacé"},
	{"revenus", "Revenus menacés"},
	{"logement", "Logement menacé"},
	{"sante", "Santé"},
	{ReasonEcheance, "Échéance proche"},
	{ReasonDetresse, "Détresse"},
	{"mineur", "Enfant concerné"},
	{ReasonViolence, "Violence"},
}

// The services the code itself names; the others come from the base.
const (
	// ServiceAccueil is the desk: the reply goes from the mailbox, nothing
	// is forwarded.
	ServiceAccueil = "accueil"
)

// Situations an item is made for (`when`) or does not suit (`not_for`),
// and that the analysis finds. One word each, in French as every code of
// the base: « sensible », which bases written before December 2026 spelt
// « sensitive » (still read, with a warning).
const (
	SituationRelance   = "relance"
	SituationSensible  = "sensible"
	SituationDanger    = "danger"
	SituationElu       = "elu"
	SituationTransfert = "transfert"
	SituationVoyage    = "voyage"
	// situationSensitive is the former spelling of SituationSensible.
	situationSensitive = "sensitive"
)

// Situations are what `when` and `not_for` may name.
var Situations = []Code{
	{SituationRelance, "Relance"},
	{SituationSensible, "Situation sensible"},
	{SituationDanger, "Idées suicidaires ou d'automutilation (niveau danger)"},
	{SituationElu, "Un élu ou un cabinet parlementaire écrit au préfet pour quelqu'un"},
	{SituationVoyage, "L'échéance du message est un départ (un vol, un voyage) : le bloc d'empathie « échéance » marqué « when: [voyage] » en parle, l'autre vaut pour un document qui expire, un contrat, un examen"},
	{SituationTransfert, "La demande est transmise à un service (une réponse « not_for: [transfert] » dit elle-même que rien n'est transmis ; un bloc « when: [transfert] » suit une réponse qui transmet elle-même)"},
}

// The parts a bloc plays in a composed reply (`role`).
const (
	RoleOuverture       = "ouverture"
	RoleAccuseReception = "accuse-reception"
	RoleRelance         = "relance"
	RoleEmpathie        = "empathie"
	RoleTransfert       = "transfert"
	RoleCoordonnees     = "coordonnees"
	RoleSuivi           = "suivi"
	RoleCloture         = "cloture"
)

// Roles are the parts a bloc plays in a composed reply.
var Roles = []Code{
	{RoleOuverture, "Formule d'appel"},
	{RoleAccuseReception, "Accusé de réception"},
	{RoleRelance, "Réponse à une relance"},
	{RoleEmpathie, "Ouverture empathique"},
	{RoleTransfert, "Avis de transfert"},
	{RoleCoordonnees, "Coordonnées du service qui détient la demande (CRPA), quand la réponse dit elle-même qu'elle la transmet"},
	{RoleSuivi, "Engagement de suivi (signalement du jour, date de retour, contacts), une fois par réponse"},
	{RoleCloture, "Formule de politesse et signature"},
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
