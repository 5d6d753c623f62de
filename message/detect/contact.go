package detect

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Earlier contacts told as a story: the writer (or the person a mairie, an
// employer or an élu speaks for) called, wrote or came to the préfecture
// before. A relance is often told this way, without « relance » or « déjà
// écrit »; the same sentence in a first message (« I came to the counter
// and was told to email you ») is what makes it one. These patterns do not
// flag anything by themselves: they are one of the learned judge's signals,
// weighed against everything else the message says.

const (
	// contactSubject: who did it, in the first or third person, with the
	// auxiliary of the past tense.
	contactSubject = `(?:j'?ai|je suis|nous avons|nous sommes|on a|on est|on s'est|il a|elle a|il est|elle est|ils ont|elles ont|ils sont|elles sont|m\. \w+ a|mme \w+ a)`
	// contactVerbFR: a call, a letter or mail, a visit. Lodging the
	// application itself (déposé) is not a contact about it.
	contactVerbFR = `(?:appele|telephone|rappele|ecrit|reecrit|relance|contacte|sollicite|interroge|envoye (?:un|une|deux|trois|quatre|plusieurs|\d+|des|mon|ma|le|un autre|un nouveau) ?(?:mails?|e-?mails?|courriels?|messages?|courriers?|lettres?|recommandes?|lettre recommandee)|(?:passee?s?|allee?s?|venue?s?|presentee?s?|rendue?s?|deplacee?s?|retournee?s?))`
	// contactTarget: the préfecture, its counters and channels, or « vous ».
	contactTargetFR = `(?:prefecture|sous-prefecture|guichets?|vos services|votre service|ce service|standard|accueil|cert|anef|formulaire de contact|plateforme|vous)`
)

var contactRules = []rule{
	r(1, `\b`+contactSubject+` (?:deja |bien |aussi |egalement |encore |plusieurs fois |deux fois |trois fois )?`+contactVerbFR+`\b[^.!?\n]{0,80}?\b`+contactTargetFR+`\b`),
	// « mon mail du 10 octobre », « son courrier recommandé de septembre ».
	r(1, `\b(?:mon|ma|mes|notre|nos|son|sa|ses|leur|leurs) (?:precedents? |premiers? |dernier |derniers )?(?:mails?|e-?mails?|courriels?|courriers?|lettres?|messages?|appels?|visites?|passages?|deplacements?|recommandes?)(?: recommandee?s?)? (?:du|des|de|d'|en|le) ?(?:\d|debut|fin|mi-|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)`),
	// Counted contacts: « deux appels », « trois mails », « 4 fois ce mois-ci ».
	r(1, `\b(?:deux|trois|quatre|cinq|six|plusieurs|nombreux|nombreuses|\d) (?:appels|mails|e-?mails|courriels|courriers|lettres|messages|visites|passages|deplacements|relances)\b`),
	r(1, `\b(?:appele|telephone|ecrit|venue?|passee?|allee?)\b[^.!?\n]{0,60}?\b(?:deux|trois|quatre|cinq|plusieurs|\d) (?:fois|reprises)\b`),
	r(1, `\bencore moi\b|\bc'est encore (?:moi|nous)\b`),
	// What was said to the writer by us, or by the writer to us, told in
	// passing: « comme je vous l'ai dit au téléphone », « la dame du
	// guichet m'a dit », « la sous-préfecture m'a répondu d'attendre ».
	r(1, `\bcomme (?:je|nous|on) vous (?:l'|les |en )?(?:ai|avons|a) (?:deja )?(?:dit|explique|indique|ecrit|signale|precise|mentionne|parle)\b|\bcomme (?:je|nous) (?:l'|les )?(?:ai|avons) (?:deja )?(?:dit|explique|indique|signale|precise) (?:a|au|a la|a l') ?(?:dame|monsieur|agent|guichet|accueil|standard|telephone|votre|vos)\b`),
	r(1, `\b(?:guichet|accueil|standard|telephone|votre collegue|vos collegues|votre agent|vos agents|votre service|vos services|prefecture|sous-prefecture|cabinet)\b[^.!?\n]{0,40}?\b(?:on |il |elle |ils |elles )?(?:m'a|m'ont|nous a|nous ont|lui a|leur a) (?:deja )?(?:dit|repondu|indique|explique|conseille|demande|confirme|assure|promis)\b`),
	r(1, `\b(?:on|il|elle|ils|elles) (?:m'a|m'ont|nous a|nous ont|lui a) (?:dit|repondu|indique|explique|conseille|demande|confirme|assure)\b[^.!?\n]{0,30}?\b(?:au guichet|a l'accueil|au standard|au telephone|a la prefecture|a la sous-prefecture)\b`),
	// A letter or a paper left at our counter, a question sent through our
	// form: contacts about the request, not the request itself.
	r(1, `\b(?:depose|remis|laisse|apporte|porte)e?s? (?:une|un|ma|mon|sa|son|le|la|les|mes|ses) (?:lettre|courrier|certificat|justificatif|document|piece|copie)s?\b[^.!?\n]{0,40}?\b(?:a l'accueil|au guichet|a la prefecture|a la sous-prefecture)\b`),
	r(1, `\b(?:signale|ecrit|demande|pose la question|envoye|contacte)e?s?\b[^.!?\n]{0,30}?\b(?:par|via|sur|dans) (?:votre|le) formulaire\b`),
	r(1, `\b(?:ecrit|envoye|adresse)e?s? (?:au|a) (?:cabinet|bureau|service) (?:du|de la|des)\b`),
	// English.
	r(1, `\b(?:i|we|he|she|they|my \w+) (?:have |had |has )?(?:already |also )?(?:called|phoned|rang|emailed|e-mailed|wrote|written|visited|went|came|contacted|been)\b[^.!?\n]{0,80}?\b(?:prefecture|prefecture's|counter|desk|office|helpline|switchboard|you|your (?:office|service|staff|colleague))\b`),
	r(1, `\b(?:my|our|his|her|their) (?:previous|last|earlier|first|two|three|several) (?:emails?|e-mails?|messages?|letters?|calls?|visits?)\b`),
	r(1, `\b(?:told|asked|said|advised)\b[^.!?\n]{0,30}?\b(?:at|by|to) (?:your|the) (?:front desk|counter|reception|desk|switchboard|office|colleague|staff)\b`),
	r(1, `\bas i (?:mentioned|said|explained|told you|wrote)\b[^.!?\n]{0,40}?\b(?:called|phoned|on the phone|at the counter|at your|in my (?:last|previous|earlier) )`),
	r(1, `\b(?:two|three|four|several|\d) (?:calls|emails|e-mails|messages|letters|visits)\b`),
}

// Contacts finds where a text tells of earlier calls, letters or visits:
// to the préfecture (withUs), and to another body (elsewhere); base shifts
// the cues when text is a part of the body. The text is folded once for
// both, and read up to maxContactText.
func Contacts(text string, base int) (withUs, elsewhere []Cue) {
	f := foldToScan(head(text, maxContactText))
	ms := slices.DeleteFunc(scan(f, contactRules), func(m match) bool {
		return elsewhereRe.MatchString(f.text[m.start:clauseEnd(f.text, m.end)])
	})
	if len(ms) > 0 {
		withUs = cues(f, text, ms, base)
	}
	if ms := scan(f, elsewhereRules); len(ms) > 0 {
		elsewhere = cues(f, text, ms, base)
	}
	return withUs, elsewhere
}

// maxContactText bounds what Contacts reads: its cues are signals of the
// learned judge, which reads the first 1,500 words of a message (about
// 10 KB). Its fifteen expressions over a whole 256 KB paste took two thirds
// of reading it (AnalyzeHostile/longest).
const maxContactText = 16 << 10

// head is text cut to at most n bytes, at the end of a line when there is
// one (no contact crosses a line), else at the start of a character.
func head(text string, n int) string {
	if len(text) <= n {
		return text
	}
	if i := strings.LastIndexByte(text[:n], '\n'); i > 0 {
		return text[:i]
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// clauseEnd extends a contact to the end of its clause (at most 40 bytes):
// « écrit 3 fois au support ANEF » names the body after the count.
func clauseEnd(text string, end int) int {
	limit := min(len(text), end+40)
	for i := end; i < limit; i++ {
		switch text[i] {
		case '.', '!', '?', '\n', ',', ';':
			return i
		}
	}
	return limit
}

// Other bodies than the préfecture (the ANTS hotline, a mairie, a
// consulate): calls to them are the impatience of a first message to us,
// not a relance.
const (
	elsewhereFR = `(?:ants|mairies?|consulats?|ambassade|caf|pole emploi|france travail|34 ?00|support|assistance|hotline)`
	elsewhereEN = `(?:ants|town hall|mairie|consulate|embassy)`
)

// elsewhereRe: a contact whose words name another body is not one with us.
var elsewhereRe = regexp.MustCompile(`\b(?:` + elsewhereFR + `|` + elsewhereEN + `)\b`)

// elsewhereRules: the same kinds of contact as contactRules, with them.
var elsewhereRules = []rule{
	r(1, `\b`+contactSubject+` (?:deja |bien |aussi |egalement |encore |plusieurs fois |deux fois |trois fois )?`+contactVerbFR+`\b[^.!?\n]{0,60}?\b`+elsewhereFR+`\b`),
	r(1, `\b(?:i|we|he|she|they) (?:have |had |has )?(?:already |also )?(?:called|phoned|rang|emailed|e-mailed|wrote|written|visited|went|contacted)\b[^.!?\n]{0,60}?\b`+elsewhereEN+`\b`),
}
