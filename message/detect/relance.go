package detect

import "strings"

// Relance is the judgement that the writer is writing again about a request
// that has not been answered or settled.
type Relance struct {
	Detected bool `json:"detected"`
	// Level is "relance" when detected, LevelCheck ("a-verifier") when
	// possible but below the flag, "" otherwise.
	Level Level   `json:"level"`
	Score float64 `json:"score"`
	// Probability is the learned judge's, when a model is loaded.
	Probability *float64 `json:"probability,omitempty"`
	Cues        []Cue    `json:"cues"`
	// SubjectCues are cues found in the subject line (offsets in the subject).
	SubjectCues []Cue `json:"subject_cues,omitempty"`
	// Since is the date of the first contact when the message gives it
	// (AAAA-MM-JJ), with the time elapsed until today.
	Since string `json:"since,omitempty"`
	// Answered is the day of an earlier answer from us that the message
	// gives (« vous m'avez répondu le 4 novembre »), when it gives no day
	// of the person's own contact: the elapsed time is then counted from
	// it. The person wrote before that day, so it is not Since.
	Answered            string `json:"answered,omitempty"`
	ElapsedDays         *int   `json:"elapsed_days,omitempty"`
	ElapsedBusinessDays *int   `json:"elapsed_business_days,omitempty"`
}

// LevelRelance is a detected relance's level.
const LevelRelance Level = "relance"

// relanceThreshold: one explicit statement, or two hints together.
const relanceThreshold = 1.0

const (
	ordinalFR = `(?:\d+ ?(?:e|eme|ieme|er|ere)|deuxieme|troisieme|quatrieme|cinquieme|sixieme|second|seconde|enieme|nieme|ennieme)`
	countFR   = `(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|nombreuses|maintes|multiples)`
	writeFR   = `(?:ecrit|envoye|adresse|contacte|transmis|sollicite|relance|saisi|interroge|appele|telephone|rendu visite)`
	mailFR    = `(?:mail|e-mail|email|courriel|message|courrier|lettre|demande)`
)

// relanceRules are written on folded text. They say that the writer already
// contacted the prefecture (mail, phone, form, counter) and is still waiting.
var relanceRules = []rule{
	// Said outright.
	r(1, `\bje vous (?:ai|avais) (?:deja |bien )?`+writeFR),
	r(1, `\b(?:nous|on) vous (?:a|avons|avions) (?:deja )?`+writeFR),
	r(1, `\bje vous (?:re)?ecris (?:pour|une) (?:la )?`+ordinalFR+` fois`),
	r(1, `\b(?:c'est|voici|ceci est) (?:mon|ma|le|la|notre) `+ordinalFR+` (?:mail|e-mail|email|courriel|message|envoi|relance|demande|fois que)`),
	r(1, `\b`+ordinalFR+` (?:mail|e-mail|email|courriel|message|envoi|relance|demande|fois)s?\b`),
	r(1, `\bje (?:me permets de |dois )?(?:vous )?relance`),
	r(0.8, `\brelances?\b`),
	r(1, `\bje (?:vous )?(?:renvoie|reexpedie|retransmets|transfere a nouveau|transfere de nouveau)\b`),
	r(1, `\brestee?s? (?:a ce jour |jusqu'ici |toujours |jusqu'a present )?sans (?:aucune )?(?:reponse|suite|retour|nouvelles?)`),
	r(1, `\bcomme (?:indique|precise|mentionne|explique|je vous l'ai (?:dit|ecrit|explique)|je vous le disais|annonce) (?:dans|par) (?:mon|notre|ma) (?:precedent |dernier |premier )?(?:courriel|mail|e-mail|message|courrier|lettre)`),
	r(0.8, `\b(?:mon|notre|ma) (?:precedent|precedente|dernier|derniere|premier) (?:courriel|mail|e-mail|message|courrier|lettre|demande)\b`),
	r(1, `\b(?:ca|cela) fait (?:la )?`+ordinalFR+` fois\b|\b(?:ca|cela) fait (?:\d+|deux|trois|quatre|cinq|plusieurs) fois que (?:je|j'|nous|on)`),
	r(0.9, `\b(?:devait|devaient|deviez|devais|aurait du|auriez du) (?:me|nous) (?:rappeler|recontacter|repondre|ecrire|tenir informee?|envoyer)`),
	r(0.6, `\bj'?ai eu (?:une? de vos (?:collegues|agents)|votre (?:collegue|service|standard|agent)|quelqu'un|un agent|une agente?|un conseiller|une conseillere)\b[^.\n]*\b(?:au telephone|le \d)|\bj'?ai eu au telephone\b`),
	r(0.6, `\b(?:balade\w*|renvoye\w*) de (?:service en service|bureau en bureau|guichet en guichet)\b`),
	r(0.6, `\b(?:on|le guichet|l'agent|ils?|elle) (?:me|nous|lui) (?:dit|repond|repete) (?:chaque fois|toujours|a chaque fois|tout le temps)\b`),
	r(1, `\b(?:toujours|encore) (?:rien|pas (?:de|d'|eu de )\s?(?:reponse|nouvelles?|retour|suite)|aucune? (?:reponse|nouvelles?|retour))`),
	r(1, `\bj'attends (?:toujours|encore|depuis|une reponse depuis|votre reponse depuis)`),
	r(1, `\b(?:depuis|a ce jour|jusqu'a present|jusqu'ici|a present)\s*[,:;.-]?\s*(?:plus |toujours |absolument )?(?:rien|aucune? (?:reponse|nouvelles?|retour)|pas de (?:reponse|nouvelles?|retour))\b`),
	r(0.7, `\bplus (?:aucune|de) nouvelles?\b`),
	r(0.6, `\b(?:aucune?|pas de|pas eu de) (?:reponse|nouvelles?|retour)\b`),
	r(0.5, `\bsans (?:aucune )?(?:reponse|nouvelles?|retour)\b`),
	// The usual formula of a writer coming back to us.
	r(1, `\bje (?:me permets de )?revien[st] (?:une (?:nouvelle|enieme|troisieme|deuxieme) fois |encore |a nouveau |de nouveau )?vers vous\b`),
	r(0.8, `\bvous (?:m'|nous )(?:aviez|avez) (?:repondu|ecrit|indique|dit|assure|promis)\b`),
	r(0.8, `\b(?:votre|vos) (?:collegue|service|agent|conseill\w+)s? (?:m'|nous )(?:a|avait|ont|avaient) (?:dit|assure|promis|indique|repondu|confirme)\b`),
	r(0.6, `\bl'agent (?:m'|nous )(?:a|avait) (?:dit|assure|promis|indique|repondu|demande)\b`),
	r(0.8, `\bmalgre (?:mes|nos) (?:nombreux |multiples |differents |plusieurs )?(?:appels|mails|courriels|messages|relances|demandes|deplacements|visites)\b`),
	r(0.6, `\bj'?ai recu (?:une|la meme) reponse (?:type|automatique|standard)\b|\bn'ont recu qu'un accuse de reception\b`),
	r(0.5, `\b(?:rien n'est arrive|rien n'a bouge|rien ne bouge|ca n'avance pas|n'avance (?:toujours )?pas)\b`),
	r(0.4, `\bcela fait (?:maintenant |deja |bientot )?(?:\d+|deux|trois|quatre|cinq|six|plusieurs) (?:jours|semaines|mois)\b`),
	r(0.6, `\btoujours pas (?:de|d'|recu|eu|obtenu)\b`),
	r(0.9, `\baucune nouvelles? depuis\b|\bpas de nouvelles? depuis\b|\bn'ai (?:eu|recu) aucune (?:nouvelle|reponse)s? depuis\b`),
	// Earlier contact by mail, form, phone or at the counter.
	r(0.9, `\b(?:j'?ai|j'avais|nous avons|nous avions|avons|avions) deja (?:envoye[rz]?|adresse|ecrit|transmis|fait parvenir) (?:un|une|deux|trois|plusieurs|\d+)? ?`+mailFR+`s?\b`),
	r(0.7, `\b(?:j'?ai|nous avons) ecrit (?:le \d|en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)|a (?:la prefecture|vos services|cette adresse))`),
	r(0.8, `\b(?:envoye[rz]?|adresse) (?:\d+|deux|trois|quatre|plusieurs) (?:mails?|e-mails?|courriels?|messages?)\b`),
	r(0.8, `\b(?:deja fait le deplacement|je me suis (?:deja )?(?:presente|deplace)e? (?:au guichet|a la prefecture|a la sous-prefecture|a l'accueil))`),
	r(0.5, `\bon (?:m'|nous |lui )a (?:dit|repondu|repete) au guichet\b|\bau guichet,? on (?:m'|nous |lui )a dit\b`),
	r(0.7, `\bj'?ai (?:deja |bien )?(?:envoye|adresse|ecrit|transmis|fait parvenir) (?:un|une|deux|trois|plusieurs|mon|ma|mes|le|la)? ?`+mailFR+`s?\b[^.\n]*\b(?:le \d|en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)|a la prefecture|a la sous-prefecture|a cette adresse|a vos services|a votre service)`),
	r(0.6, `\b(?:ecrit|envoye|adresse)\w* a cette adresse\b`),
	r(0.7, `\b(?:envoye|adresse|ecrit) (?:un|une|deux|trois|plusieurs) (?:mail|e-mail|email|courriel|message|courrier|lettre)s? (?:a la prefecture|a la sous-prefecture|a vos services|a votre service)`),
	r(0.5, `\bj'ai (?:deja )?(?:envoye|depose|adresse|transmis) (?:le|mon|ma|un) (?:formulaire|dossier)\b[^.\n]*\ble \d`),
	r(0.6, `\bj'ai (?:deja )?rempli (?:votre|le|un) formulaire`),
	r(0.6, `\bpersonne ne (?:me |nous )?(?:repond|decroche|rappelle|rappele)`),
	r(0.6, `\b(?:ca|sa|le telephone) sonne dans le vide`),
	r(0.6, `\b(?:appele|telephone|appelle)\w*[^.\n]*\b`+countFR+` (?:fois|reprises)\b`),
	r(0.6, `\bj'?(?:ai|avais) (?:deja )?(?:appele|telephone a|contacte) (?:la prefecture|la sous-prefecture|votre standard|le standard|vos services|votre service|l'accueil)`),
	r(0.8, `\b(?:venue?s?|allee?s?|passee?s?|rendue?s?|deplacee?s?) (?:deja )?(?:`+countFR+` fois )?(?:au guichet|a la prefecture|a la sous-prefecture|a l'accueil de la prefecture|a vos guichets)`),
	r(0.5, `\bon (?:devait|m'avait dit de|m'a dit de|me dit de|nous dit de|m'a demande de) (?:me rappeler|patienter|attendre|me recontacter|revenir)`),
	r(0.5, `\bon (?:me|nous|lui|leur) (?:dit|repond|a dit|a repondu) (?:toujours |a chaque fois |les deux fois )?(?:d'attendre|de patienter|que c'est en cours)`),
	// A promise made at an earlier contact, not kept.
	r(0.5, `\bon (?:m'|nous |lui |leur )(?:avait |a )(?:dit|repondu|assure|promis|indique|annonce)(?: les deux fois| a chaque fois)? que\b`),
	r(0.3, `\b(?:pour rappel|je vous rappelle que)\b`),
	// English.
	r(0.8, `\b(?:i|we) (?:have |had )?(?:already )?(?:sent|wrote|written|emailed|e-mailed|contacted|called|phoned)\b[^.\n]*\b(?:you|prefecture|email|e-mail|message|letter|on \d|in (?:january|february|march|april|may|june|july|august|september|october|november|december))`),
	r(1, `\b(?:never|not yet|still not|still haven't|have not|haven't|did not|didn't) (?:received|had|got|gotten|get) (?:a |an |any )?(?:reply|answer|response|news)`),
	r(1, `\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th) (?:message|email|e-mail|time|letter|reminder)\b`),
	r(0.6, `\b(?:write|writing|writes) (?:to you )?again\b|\bfollow(?:ing)?[- ]up\b|\breminder\b`),
	r(0.5, `\bstill (?:no|nothing|waiting|shows|pending)\b|\bno (?:reply|answer|response)\b`),
	// First contact, said outright.
	r(-2, `\b(?:c'est|ceci est) (?:la|mon|ma) (?:premiere fois|premier (?:message|mail|courriel|contact)|premiere demande)\b`),
	r(-2, `\bthis is (?:my|the) first (?:message|email|time)\b`),
}

// forwardedToUs reports whether a quote is the writer's own earlier message
// forwarded back to the prefecture (a TR: of an unanswered mail), as opposed
// to a question first sent elsewhere (a mairie) or a reply of ours.
func forwardedToUs(q Quote) bool {
	if !q.Forwarded {
		return false
	}
	return Ours(q.To) && !Ours(q.From)
}

// Ours reports whether an address or a sender's name is the préfecture's
// (or a sous-préfecture's, or another State service's).
func Ours(s string) bool {
	f := fold(s).text
	return strings.Contains(f, "pref") || strings.Contains(f, "gouv.fr")
}
