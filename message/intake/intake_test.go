package intake

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// wantQuote is what a human reads in a quoted block: its header as written,
// who wrote it, when, and the block's exact text.
type wantQuote struct {
	header, from, to, date, subject string
	forwarded                       bool
	text                            string // Body[Span]; "" skips the check
}

// A Thunderbird reply to the prefecture's answer, which itself quotes the
// writer's first message (nested ">>").
const thunderbirdReply = `Bonjour,

Je n'ai toujours pas reçu la carte grise annoncée il y a trois semaines.

Cordialement,
Patrick Salaün

Le 18/10/2022 à 14:26, courrier@pref-exemple.gouv.fr a écrit :
> Monsieur,
> Suite à votre relance, votre certificat d'immatriculation a été édité le 17/10/2022.
> Cordialement
>
> Le 17/10/2022 à 07:58, Patrick Salaün a écrit :
>> URGENT - 2e relance : toujours pas de carte grise, demande du 10 août !
`

// Gmail wraps a long attribution over two lines.
const gmailWrapped = "Bonjour,\nVoici le document demandé.\n\nBien à vous,\nInès Morvan\n\n" +
	"Le mar. 18 oct. 2022 à 14:26, Préfecture du Finistère - Accueil <\ncourrier@pref-exemple.gouv.fr> a écrit :\n\n" +
	"> Madame,\n> Merci de nous transmettre votre acte de naissance.\n"

// Outlook puts a "De / Envoyé / À / Objet" block, often with no-break
// spaces before the colons, above the earlier message, and stacks one block
// per message of the thread.
const outlookReply = "Bonjour,\r\n" +
	"Merci pour votre réponse, je viendrai lundi 24 avec les pièces.\r\n" +
	"Bien à vous\r\n" +
	"Ousmane Camara\r\n" +
	"06 12 34 56 78\r\n" +
	"\r\n" +
	"De\u00a0: Préfecture - Accueil <courrier@pref-exemple.gouv.fr>\r\n" +
	"Envoyé\u00a0: mardi 18 octobre 2022 14:26\r\n" +
	"À\u00a0: Ousmane Camara <ousmane.camara@example.com>\r\n" +
	"Objet\u00a0: RE: rendez-vous titre de séjour\r\n" +
	"\r\n" +
	"Monsieur,\r\n" +
	"Vous pouvez vous présenter au guichet lundi à 9 h.\r\n" +
	"Cordialement\r\n" +
	"\r\n" +
	"De : Ousmane Camara <ousmane.camara@example.com>\r\n" +
	"Envoyé : lundi 17 octobre 2022 08:02\r\n" +
	"À : courrier@pref-exemple.gouv.fr\r\n" +
	"Objet : rendez-vous titre de séjour\r\n" +
	"\r\n" +
	"Bonjour, quand puis-je venir déposer mon dossier ?\r\n"

// Outlook on the web, in English, with its line of underscores.
const outlookEnglish = `Hello,
Please find attached the missing payslips.
Kind regards,
Richard Hollis

________________________________
From: Préfecture - Accueil <courrier@pref-exemple.gouv.fr>
Sent: Tuesday, October 18, 2022 2:26 PM
To: Richard Hollis <r.hollis@example.co.uk>
Subject: Your application

Sir,
Your file is incomplete: three payslips are missing.
`

// A forwarded message (TR:) from Thunderbird, whose fields come with tabs.
const thunderbirdForward = "Bonjour, je vous transfère le message de mon employeur, je commence le 2 novembre.\n\n" +
	"-------- Message transféré --------\n" +
	"Sujet : \tPromesse d'embauche\n" +
	"Date : \tTue, 18 Oct 2022 14:26:00 +0200\n" +
	"De : \tArmor Câblage - RH <rh@armor-exemple.fr>\n" +
	"Pour : \tJean Dupont <jean.dupont@example.com>\n" +
	"\n" +
	"Bonjour Monsieur,\nNous confirmons votre embauche au 2 novembre, sous réserve de votre autorisation de travail.\n"

// Gmail's forward, French interface, with its mixed field names.
const gmailForward = "\n---------- Forwarded message ---------\n" +
	"De : Mairie de Quimper <accueil@mairie-exemple.fr>\n" +
	"Date: lun. 3 oct. 2022 à 18:22\n" +
	"Subject: Re: licence taxi\n" +
	"To: Anthony Riou <a.riou@example.com>\n" +
	"\n" +
	"Bonjour, voyez avec la préfecture.\n" +
	"\n" +
	"Le lun. 3 oct. 2022 à 10:05, Anthony Riou <a.riou@example.com> a écrit :\n" +
	"> Comment obtenir une licence de taxi ?\n"

func TestParseText(t *testing.T) {
	tests := []struct {
		name      string
		subject   string
		body      string
		subj      string
		prefixes  []string
		newText   string
		signature string
		quotes    []wantQuote
		lang      string
	}{
		{
			name:      "Thunderbird reply with nested quote",
			subject:   "RE: URGENT relance carte grise FZ-208-CB",
			body:      thunderbirdReply,
			subj:      "URGENT relance carte grise FZ-208-CB",
			prefixes:  []string{"RE"},
			newText:   "Bonjour,\n\nJe n'ai toujours pas reçu la carte grise annoncée il y a trois semaines.\n\nCordialement,",
			signature: "Patrick Salaün",
			quotes: []wantQuote{{
				header: "Le 18/10/2022 à 14:26, courrier@pref-exemple.gouv.fr a écrit :",
				from:   "courrier@pref-exemple.gouv.fr",
				date:   "18/10/2022 à 14:26",
				text:   thunderbirdReply[strings.Index(thunderbirdReply, "Le 18/10") : len(thunderbirdReply)-1],
			}},
		},
		{
			name:      "Gmail reply with a wrapped attribution",
			subject:   "Re: Votre demande de passeport",
			body:      gmailWrapped,
			subj:      "Votre demande de passeport",
			prefixes:  []string{"RE"},
			newText:   "Bonjour,\nVoici le document demandé.\n\nBien à vous,",
			signature: "Inès Morvan",
			quotes: []wantQuote{{
				header: "Le mar. 18 oct. 2022 à 14:26, Préfecture du Finistère - Accueil <\ncourrier@pref-exemple.gouv.fr> a écrit :",
				from:   "Préfecture du Finistère - Accueil <courrier@pref-exemple.gouv.fr>",
				date:   "mar. 18 oct. 2022 à 14:26",
			}},
		},
		{
			name:      "Outlook reply, two stacked header blocks",
			subject:   "RE: RE: rendez-vous titre de séjour",
			body:      outlookReply,
			subj:      "rendez-vous titre de séjour",
			prefixes:  []string{"RE", "RE"},
			newText:   "Bonjour,\nMerci pour votre réponse, je viendrai lundi 24 avec les pièces.\nBien à vous",
			signature: "Ousmane Camara\n06 12 34 56 78",
			quotes: []wantQuote{
				{
					header:  "De\u00a0: Préfecture - Accueil <courrier@pref-exemple.gouv.fr>\nEnvoyé\u00a0: mardi 18 octobre 2022 14:26\nÀ\u00a0: Ousmane Camara <ousmane.camara@example.com>\nObjet\u00a0: RE: rendez-vous titre de séjour",
					from:    "Préfecture - Accueil <courrier@pref-exemple.gouv.fr>",
					to:      "Ousmane Camara <ousmane.camara@example.com>",
					date:    "mardi 18 octobre 2022 14:26",
					subject: "RE: rendez-vous titre de séjour",
					text:    "De\u00a0: Préfecture - Accueil <courrier@pref-exemple.gouv.fr>\nEnvoyé\u00a0: mardi 18 octobre 2022 14:26\nÀ\u00a0: Ousmane Camara <ousmane.camara@example.com>\nObjet\u00a0: RE: rendez-vous titre de séjour\n\nMonsieur,\nVous pouvez vous présenter au guichet lundi à 9 h.\nCordialement",
				},
				{
					header:  "De : Ousmane Camara <ousmane.camara@example.com>\nEnvoyé : lundi 17 octobre 2022 08:02\nÀ : courrier@pref-exemple.gouv.fr\nObjet : rendez-vous titre de séjour",
					from:    "Ousmane Camara <ousmane.camara@example.com>",
					to:      "courrier@pref-exemple.gouv.fr",
					date:    "lundi 17 octobre 2022 08:02",
					subject: "rendez-vous titre de séjour",
				},
			},
		},
		{
			name:      "Outlook on the web, English, underscore separator",
			subject:   "RE: Your application",
			body:      outlookEnglish,
			subj:      "Your application",
			prefixes:  []string{"RE"},
			newText:   "Hello,\nPlease find attached the missing payslips.\nKind regards,",
			signature: "Richard Hollis",
			lang:      "en",
			quotes: []wantQuote{{
				header:  "________________________________\nFrom: Préfecture - Accueil <courrier@pref-exemple.gouv.fr>\nSent: Tuesday, October 18, 2022 2:26 PM\nTo: Richard Hollis <r.hollis@example.co.uk>\nSubject: Your application",
				from:    "Préfecture - Accueil <courrier@pref-exemple.gouv.fr>",
				to:      "Richard Hollis <r.hollis@example.co.uk>",
				date:    "Tuesday, October 18, 2022 2:26 PM",
				subject: "Your application",
			}},
		},
		{
			name:     "Thunderbird forward",
			subject:  "TR: Promesse d'embauche",
			body:     thunderbirdForward,
			subj:     "Promesse d'embauche",
			prefixes: []string{"TR"},
			newText:  "Bonjour, je vous transfère le message de mon employeur, je commence le 2 novembre.",
			quotes: []wantQuote{{
				header:    "-------- Message transféré --------\nSujet : \tPromesse d'embauche\nDate : \tTue, 18 Oct 2022 14:26:00 +0200\nDe : \tArmor Câblage - RH <rh@armor-exemple.fr>\nPour : \tJean Dupont <jean.dupont@example.com>",
				from:      "Armor Câblage - RH <rh@armor-exemple.fr>",
				to:        "Jean Dupont <jean.dupont@example.com>",
				date:      "Tue, 18 Oct 2022 14:26:00 +0200",
				subject:   "Promesse d'embauche",
				forwarded: true,
				text:      strings.TrimSpace(thunderbirdForward[strings.Index(thunderbirdForward, "--------"):]),
			}},
		},
		{
			name:     "Gmail forward of a reply: two blocks, no new text",
			subject:  "Fwd: Re: licence taxi",
			body:     gmailForward,
			subj:     "licence taxi",
			prefixes: []string{"FWD", "RE"},
			newText:  "",
			quotes: []wantQuote{
				{
					header:    "---------- Forwarded message ---------\nDe : Mairie de Quimper <accueil@mairie-exemple.fr>\nDate: lun. 3 oct. 2022 à 18:22\nSubject: Re: licence taxi\nTo: Anthony Riou <a.riou@example.com>",
					from:      "Mairie de Quimper <accueil@mairie-exemple.fr>",
					to:        "Anthony Riou <a.riou@example.com>",
					date:      "lun. 3 oct. 2022 à 18:22",
					subject:   "Re: licence taxi",
					forwarded: true,
					text:      "---------- Forwarded message ---------\nDe : Mairie de Quimper <accueil@mairie-exemple.fr>\nDate: lun. 3 oct. 2022 à 18:22\nSubject: Re: licence taxi\nTo: Anthony Riou <a.riou@example.com>\n\nBonjour, voyez avec la préfecture.",
				},
				{
					header: "Le lun. 3 oct. 2022 à 10:05, Anthony Riou <a.riou@example.com> a écrit :",
					from:   "Anthony Riou <a.riou@example.com>",
					date:   "lun. 3 oct. 2022 à 10:05",
					text:   "Le lun. 3 oct. 2022 à 10:05, Anthony Riou <a.riou@example.com> a écrit :\n> Comment obtenir une licence de taxi ?",
				},
			},
		},
		{
			name:    "Outlook's Message d'origine, forwarded as TR",
			subject: "TR: demande",
			body: "Je vous transmets la demande de Mme Fofana.\n\n-----Message d'origine-----\nDe : Aïssata Fofana [mailto:a.fofana@example.com]\n" +
				"Envoyé : jeudi 3 novembre 2022 09:12\nÀ : Mairie de Brest\nObjet : carte de séjour\n\nBonjour, où en est ma carte ?\n",
			subj:     "demande",
			prefixes: []string{"TR"},
			newText:  "Je vous transmets la demande de Mme Fofana.",
			quotes: []wantQuote{{
				header:    "-----Message d'origine-----\nDe : Aïssata Fofana [mailto:a.fofana@example.com]\nEnvoyé : jeudi 3 novembre 2022 09:12\nÀ : Mairie de Brest\nObjet : carte de séjour",
				from:      "Aïssata Fofana [mailto:a.fofana@example.com]",
				to:        "Mairie de Brest",
				date:      "jeudi 3 novembre 2022 09:12",
				subject:   "carte de séjour",
				forwarded: true,
			}},
		},
		{
			name:    "Original Message after text on the same line",
			body:    "Thanks, see below. -----Original Message-----\nFrom: Jane Doe\nSent: Monday, 7 November 2022 10:00\nTo: Prefecture\nSubject: visa\n\nHello\n",
			newText: "Thanks, see below.",
			lang:    "en",
			quotes: []wantQuote{{
				header:    "-----Original Message-----\nFrom: Jane Doe\nSent: Monday, 7 November 2022 10:00\nTo: Prefecture\nSubject: visa",
				from:      "Jane Doe",
				to:        "Prefecture",
				date:      "Monday, 7 November 2022 10:00",
				subject:   "visa",
				forwarded: true,
			}},
		},
		{
			name:      "Apple Mail forward",
			subject:   "Fwd: convocation",
			body:      "Bonjour,\nCi-dessous la convocation.\nMerci\nLéa\n\nDébut du message réexpédié :\n\nDe: Préfecture <courrier@pref-exemple.gouv.fr>\nObjet: Convocation\nDate: 18 octobre 2022 à 14:26:00 UTC+2\nÀ: Léa Quéméner <lea@example.com>\n\nMadame, vous êtes convoquée le 25 octobre.\n",
			subj:      "convocation",
			prefixes:  []string{"FWD"},
			newText:   "Bonjour,\nCi-dessous la convocation.\nMerci",
			signature: "Léa",
			quotes: []wantQuote{{
				header:    "Début du message réexpédié :\n\nDe: Préfecture <courrier@pref-exemple.gouv.fr>\nObjet: Convocation\nDate: 18 octobre 2022 à 14:26:00 UTC+2\nÀ: Léa Quéméner <lea@example.com>",
				from:      "Préfecture <courrier@pref-exemple.gouv.fr>",
				to:        "Léa Quéméner <lea@example.com>",
				date:      "18 octobre 2022 à 14:26:00 UTC+2",
				subject:   "Convocation",
				forwarded: true,
			}},
		},
		{
			name:      "English Gmail reply",
			subject:   "Re: UK driving licence exchange",
			body:      "Good morning,\n\nI am sorry to write again: I still have no answer about my application.\n\nMany thanks,\nRichard Hollis\n7 route de Morgat, 29160 Crozon\n\nOn Tue, Oct 18, 2022 at 2:26 PM Prefecture <courrier@pref-exemple.gouv.fr> wrote:\n\n> Dear Sir,\n> We have received your application.\n",
			subj:      "UK driving licence exchange",
			prefixes:  []string{"RE"},
			newText:   "Good morning,\n\nI am sorry to write again: I still have no answer about my application.\n\nMany thanks,",
			signature: "Richard Hollis\n7 route de Morgat, 29160 Crozon",
			lang:      "en",
			quotes: []wantQuote{{
				header: "On Tue, Oct 18, 2022 at 2:26 PM Prefecture <courrier@pref-exemple.gouv.fr> wrote:",
				from:   "Prefecture <courrier@pref-exemple.gouv.fr>",
				date:   "Tue, Oct 18, 2022 at 2:26 PM",
				text:   "On Tue, Oct 18, 2022 at 2:26 PM Prefecture <courrier@pref-exemple.gouv.fr> wrote:\n\n> Dear Sir,\n> We have received your application.",
			}},
		},
		{
			name:      "dash-dash-space signature",
			body:      "Bonjour,\nJe souhaite modifier le bureau de notre association.\nBien cordialement,\n\nMaëlle Cornec\nPrésidente\n-- \nPASSEPORTS DU MONDE\nAssociation d'échanges interculturels\n« Un passeport pour chaque jeune, une frontière de moins dans chaque tête ! »\nwww.passeports-du-monde-exemple.org\n",
			newText:   "Bonjour,\nJe souhaite modifier le bureau de notre association.\nBien cordialement,",
			signature: "Maëlle Cornec\nPrésidente\n-- \nPASSEPORTS DU MONDE\nAssociation d'échanges interculturels\n« Un passeport pour chaque jeune, une frontière de moins dans chaque tête ! »\nwww.passeports-du-monde-exemple.org",
		},
		{
			name:      "dash-dash-space signature without formula",
			body:      "Où en est ma demande de naturalisation ?\n-- \nJean Dupont\n",
			newText:   "Où en est ma demande de naturalisation ?",
			signature: "-- \nJean Dupont",
		},
		{
			name:      "formula, name and phone",
			body:      "Bonjour,\n\nMa carte de séjour expire le 30 novembre et je n'ai pas de rendez-vous.\n\nCordialement,\nJean Dupont\n06 12 34 56 78\n",
			newText:   "Bonjour,\n\nMa carte de séjour expire le 30 novembre et je n'ai pas de rendez-vous.\n\nCordialement,",
			signature: "Jean Dupont\n06 12 34 56 78",
		},
		{
			name:      "closing sentence, name and file number",
			body:      "Je voulais juste savoir si j'aurai un papier pour la CAF.\n\nMerci de votre compréhension\nMme Khadija Ennaji\nN° étranger 7508244901",
			newText:   "Je voulais juste savoir si j'aurai un papier pour la CAF.\n\nMerci de votre compréhension",
			signature: "Mme Khadija Ennaji\nN° étranger 7508244901",
		},
		{
			name:      "no formula: name and phone only",
			body:      "Qui peut m'aider ? Est-ce que la préfecture peut annuler ?\n\nDjamel\n06 39 98 52 66",
			newText:   "Qui peut m'aider ? Est-ce que la préfecture peut annuler ?",
			signature: "Djamel\n06 39 98 52 66",
		},
		{
			name:      "mobile client tag",
			body:      "bjr c qd la prochaine promo pr la medaille du travail? merci\n\nEnvoyé de mon iPhone",
			newText:   "bjr c qd la prochaine promo pr la medaille du travail? merci",
			signature: "Envoyé de mon iPhone",
		},
		{
			name:    "no signature",
			body:    "Bonjour,\nCombien coûte le timbre fiscal pour une carte de séjour d'un an ? Et on l'achète où ?\nMerci",
			newText: "Bonjour,\nCombien coûte le timbre fiscal pour une carte de séjour d'un an ? Et on l'achète où ?\nMerci",
		},
		{
			name:    "no signature: a sentence after the formula",
			body:    "Cordialement,\nJean Dupont\n\nPS : j'ai oublié de joindre le justificatif de domicile, je vous l'envoie demain.",
			newText: "Cordialement,\nJean Dupont\n\nPS : j'ai oublié de joindre le justificatif de domicile, je vous l'envoie demain.",
		},
		{
			// A block of four lines tolerates one sentence: a P.S. was
			// taken for it, and its « I called the préfecture » was lost.
			name:    "no signature: a P.S. under a full signature block",
			body:    "Thank you very much for your time.\n\nGrace Mwangi\nnuméro étranger 7724180536\n06 19 52 84 47\n\nP.S. I called the préfecture on 20 November and have had no news since.",
			newText: "Thank you very much for your time.\n\nGrace Mwangi\nnuméro étranger 7724180536\n06 19 52 84 47\n\nP.S. I called the préfecture on 20 November and have had no news since.",
			lang:    "en",
		},
		{
			// Answered below the quote: the words under the « > » lines
			// are the writer's, the quote ends with its last marked line.
			name:      "answered below the quote",
			subject:   "RE: titre de séjour",
			body:      "Le 3 nov. 2026 à 10:12, Préfecture <contact@pref.gouv.fr> a écrit :\n> Votre dossier est en cours d'instruction.\n> Cordialement\n\nBonjour, je vous relance car toujours rien. Mon récépissé expire vendredi.\nMerci\nAli Benali\n06 12 34 56 78",
			subj:      "titre de séjour",
			prefixes:  []string{"RE"},
			newText:   "Bonjour, je vous relance car toujours rien. Mon récépissé expire vendredi.\nMerci",
			signature: "Ali Benali\n06 12 34 56 78",
			quotes: []wantQuote{{
				header: "Le 3 nov. 2026 à 10:12, Préfecture <contact@pref.gouv.fr> a écrit :",
				from:   "Préfecture <contact@pref.gouv.fr>",
				date:   "3 nov. 2026 à 10:12",
				text:   "Le 3 nov. 2026 à 10:12, Préfecture <contact@pref.gouv.fr> a écrit :\n> Votre dossier est en cours d'instruction.\n> Cordialement",
			}},
		},
		{
			name:    "answered between greeting and quote: the words above stay the new text",
			body:    "Bonjour, je n'ai toujours rien reçu depuis votre réponse.\n\n> Votre dossier est en cours d'instruction.\n\nCordialement",
			newText: "Bonjour, je n'ai toujours rien reçu depuis votre réponse.",
			quotes:  []wantQuote{{text: "> Votre dossier est en cours d'instruction.\n\nCordialement"}},
		},
		{
			name:    "no signature: a bare file number is content",
			body:    "bonjour où en est mon dossier svp\n7504219863",
			newText: "bonjour où en est mon dossier svp\n7504219863",
		},
		{
			name:    "no signature: contact details announced in the text",
			body:    "Vous pouvez me joindre à ce numéro :\n06 12 34 56 78",
			newText: "Vous pouvez me joindre à ce numéro :\n06 12 34 56 78",
		},
		{
			name:    "no signature: a short capitalised last line",
			body:    "Bonjour,\nje n'arrive pas à prendre rendez-vous.\nURGENT",
			newText: "Bonjour,\nje n'arrive pas à prendre rendez-vous.\nURGENT",
		},
		{
			name:    "attribution in the middle of a line is text",
			body:    "Je cite votre service. Le 18/10/2022 à 14:26, courrier@pref-exemple.gouv.fr a écrit : venez lundi.",
			newText: "Je cite votre service. Le 18/10/2022 à 14:26, courrier@pref-exemple.gouv.fr a écrit : venez lundi.",
		},
		{
			name:    "a sentence that reports what was written is text",
			body:    "Le 3 octobre, votre service m'a écrit :\nvenez lundi avec les pièces.",
			newText: "Le 3 octobre, votre service m'a écrit :\nvenez lundi avec les pièces.",
		},
		{
			name:    "a sentence starting with De : is text",
			body:    "De : mon employeur, j'ai reçu une promesse d'embauche.\nObjet : mon titre de séjour.",
			newText: "De : mon employeur, j'ai reçu une promesse d'embauche.\nObjet : mon titre de séjour.",
		},
		{
			name:      "underscores above a signature are not a separator",
			body:      "Où en est ma demande ?\n\nCordialement,\n______________________\nJean Dupont | Armor Câblage\n02 98 40 55 10",
			newText:   "Où en est ma demande ?\n\nCordialement,",
			signature: "______________________\nJean Dupont | Armor Câblage\n02 98 40 55 10",
		},
		{
			name:    "Outlook HTML turned to text: bold labels",
			subject: "RE: carte",
			body:    "Toujours rien.\n\n*De :* Jean <j@example.fr>\n*Envoyé :* lundi 17 octobre 2022 10:00\n*À :* courrier@pref-exemple.gouv.fr\n*Objet :* carte\n\nBonjour\n",
			subj:    "carte", prefixes: []string{"RE"},
			newText: "Toujours rien.",
			quotes: []wantQuote{{
				header:  "*De :* Jean <j@example.fr>\n*Envoyé :* lundi 17 octobre 2022 10:00\n*À :* courrier@pref-exemple.gouv.fr\n*Objet :* carte",
				from:    "Jean <j@example.fr>",
				to:      "courrier@pref-exemple.gouv.fr",
				date:    "lundi 17 octobre 2022 10:00",
				subject: "carte",
				text:    "*De :* Jean <j@example.fr>\n*Envoyé :* lundi 17 octobre 2022 10:00\n*À :* courrier@pref-exemple.gouv.fr\n*Objet :* carte\n\nBonjour",
			}},
		},
		{
			name:    "header block on one line",
			body:    "Voir ci-dessous.\nDe : Jean Dupont Envoyé : lundi 17 octobre 2022 10:00 À : Préfecture Objet : carte grise\nBonjour\n",
			newText: "Voir ci-dessous.",
			quotes: []wantQuote{{
				header:  "De : Jean Dupont Envoyé : lundi 17 octobre 2022 10:00 À : Préfecture Objet : carte grise",
				from:    "Jean Dupont",
				to:      "Préfecture",
				date:    "lundi 17 octobre 2022 10:00",
				subject: "carte grise",
			}},
		},
		{
			name:    "> lines without attribution",
			body:    "Bonjour,\nje réponds à votre message :\n\n> Merci de nous envoyer votre acte de naissance.\n> Cordialement\n",
			newText: "Bonjour,\nje réponds à votre message :",
			quotes:  []wantQuote{{text: "> Merci de nous envoyer votre acte de naissance.\n> Cordialement"}},
		},
		{
			name:    "unparsed attribution above > lines",
			body:    "Voici le document.\n\nPréfecture a écrit :\n> Envoyez le document.\n",
			newText: "Voici le document.",
			quotes:  []wantQuote{{header: "Préfecture a écrit :", text: "Préfecture a écrit :\n> Envoyez le document."}},
		},
		{
			name:     "subject prefixes",
			subject:  "RE: TR: Fwd: AW: Réf : dossier 2022-123",
			body:     "Bonjour",
			subj:     "dossier 2022-123",
			prefixes: []string{"RE", "TR", "FWD", "AW", "REF"},
			newText:  "Bonjour",
		},
		{
			name:     "pasted with its Outlook header, nothing above",
			subject:  "RE: titre de séjour",
			body:     "De : Jean Dupont <jean.dupont@example.com>\nEnvoyé : mardi 18 octobre 2022 14:26\nÀ : courrier@pref-exemple.gouv.fr\nObjet : RE: titre de séjour\n\nBonjour,\noù en est mon dossier ?\n",
			subj:     "titre de séjour",
			prefixes: []string{"RE"},
			quotes: []wantQuote{{
				header:  "De : Jean Dupont <jean.dupont@example.com>\nEnvoyé : mardi 18 octobre 2022 14:26\nÀ : courrier@pref-exemple.gouv.fr\nObjet : RE: titre de séjour",
				from:    "Jean Dupont <jean.dupont@example.com>",
				to:      "courrier@pref-exemple.gouv.fr",
				date:    "mardi 18 octobre 2022 14:26",
				subject: "RE: titre de séjour",
			}},
		},
		{
			name:    "invalid UTF-8 and NUL bytes",
			body:    "Bon\x00jour,\r\nd\xe9j\xe0 3 mois\xff\xfe\r\n> cit\x00ation",
			newText: "Bonjour,\nd\uFFFDj\uFFFD 3 mois\uFFFD",
			quotes:  []wantQuote{{text: "> citation"}},
		},
		{name: "empty", body: ""},
		{name: "blank", body: " \n\t\n\u00a0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ParseText(tt.subject, tt.body)
			checkInvariants(t, p)
			if tt.subject != "" || tt.subj != "" {
				if p.Subject != tt.subj || !slices.Equal(p.Prefixes, tt.prefixes) {
					t.Errorf("subject = %q %q, want %q %q", p.Subject, p.Prefixes, tt.subj, tt.prefixes)
				}
			}
			if got := p.NewText(); got != tt.newText {
				t.Errorf("new text =\n%q\nwant\n%q", got, tt.newText)
			}
			if got := p.SignatureText(); got != tt.signature {
				t.Errorf("signature =\n%q\nwant\n%q", got, tt.signature)
			}
			if len(p.Quotes) != len(tt.quotes) {
				t.Fatalf("%d quotes, want %d: %+v", len(p.Quotes), len(tt.quotes), p.Quotes)
			}
			for i, w := range tt.quotes {
				q := p.Quotes[i]
				got := wantQuote{q.Header, q.From, q.To, q.Date, q.Subject, q.Forwarded, w.text}
				if w.text != "" {
					got.text = p.Text(q.Span)
				}
				if got != w {
					t.Errorf("quote %d =\n%+v\nwant\n%+v", i, got, w)
				}
			}
			lang := tt.lang
			if lang == "" {
				lang = "fr"
			}
			if p.Lang != lang {
				t.Errorf("lang = %q, want %q", p.Lang, lang)
			}
		})
	}
}

// A message forwarded or pasted without a comment: Main is the first
// block's content, and the header's date is read.
func TestMain(t *testing.T) {
	p := ParseText("TR: titre de séjour", "\n\nDe : Jean Dupont <jean.dupont@example.com>\nEnvoyé : mardi 18 octobre 2022 14:26\nÀ : courrier@pref-exemple.gouv.fr\nObjet : titre de séjour\n\nBonjour,\noù en est mon dossier ?\n")
	if got := p.Text(p.Main()); got != "Bonjour,\noù en est mon dossier ?" {
		t.Errorf("Main = %q", got)
	}
	if len(p.Quotes) != 1 || !p.Quotes[0].Forwarded {
		t.Fatalf("quotes = %+v", p.Quotes)
	}
	if want := time.Date(2022, 10, 18, 14, 26, 0, 0, time.Local); !p.Quotes[0].When.Equal(want) {
		t.Errorf("When = %v, want %v", p.Quotes[0].When, want)
	}
	if !p.IsForward() || p.IsReply() {
		t.Errorf("IsReply/IsForward = %v/%v for %q", p.IsReply(), p.IsForward(), p.Prefixes)
	}
	q := ParseText("", thunderbirdReply)
	if q.Main() != q.New {
		t.Errorf("Main = %v, want New %v", q.Main(), q.New)
	}
	if got := q.Text(q.Quotes[0].Content); !strings.HasPrefix(got, "> Monsieur,") || !strings.HasSuffix(got, "10 août !") {
		t.Errorf("content = %q", got)
	}
}

// Outlook writes the same header block for a reply and a forward: the
// subject's prefix tells them apart.
func TestOutlookForwardBySubject(t *testing.T) {
	body := "Pour information.\n\nDe : Mme Camara\nEnvoyé : lundi 7 novembre 2022 10:00\nÀ : Mairie\nObjet : titre\n\nBonjour\n"
	if p := ParseText("TR: titre", body); len(p.Quotes) != 1 || !p.Quotes[0].Forwarded {
		t.Errorf("TR: quotes = %+v, want one forwarded", p.Quotes)
	}
	if p := ParseText("RE: titre", body); len(p.Quotes) != 1 || p.Quotes[0].Forwarded {
		t.Errorf("RE: quotes = %+v, want one reply", p.Quotes)
	}
}

func TestSplitSubject(t *testing.T) {
	tests := []struct {
		in       string
		subject  string
		prefixes []string
	}{
		{"RE: TR: Fwd: AW: Réf : dossier", "dossier", []string{"RE", "TR", "FWD", "AW", "REF"}},
		{"Re : Re\u00a0: titre de séjour", "titre de séjour", []string{"RE", "RE"}},
		{"RE[2]: Fw: WG: sv: demande", "demande", []string{"RE", "FWD", "WG", "SV"}},
		{"Rép. : TR : RDV", "RDV", []string{"RE", "TR"}},
		{"Retour de mon passeport", "Retour de mon passeport", nil},
		{"Trop long : délai", "Trop long : délai", nil},
		{"re:", "", []string{"RE"}},
		{"  Objet\r\n  plié  ", "Objet plié", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		s, p := SplitSubject(tt.in)
		if s != tt.subject || !slices.Equal(p, tt.prefixes) {
			t.Errorf("SplitSubject(%q) = %q %q, want %q %q", tt.in, s, p, tt.subject, tt.prefixes)
		}
	}
}

func TestParseLooseDate(t *testing.T) {
	day := func(y, m, d, h, min int) time.Time { return time.Date(y, time.Month(m), d, h, min, 0, 0, time.Local) }
	tests := []struct {
		in   string
		want time.Time
	}{
		{"mardi 18 octobre 2022 14:26", day(2022, 10, 18, 14, 26)},
		{"lun. 3 oct. 2022 à 18:22", day(2022, 10, 3, 18, 22)},
		{"mar. 18 oct. 2022 à 14:26", day(2022, 10, 18, 14, 26)},
		{"Tuesday, October 18, 2022 2:26 PM", day(2022, 10, 18, 14, 26)},
		{"18/10/2022 à 14h26", day(2022, 10, 18, 14, 26)},
		{"2022-10-18 09:05", day(2022, 10, 18, 9, 5)},
		{"1er décembre 2022", day(2022, 12, 1, 0, 0)},
		{"31 février 2022", time.Time{}},
		{"hier", time.Time{}},
	}
	for _, tt := range tests {
		if got := parseLooseDate(tt.in); !got.Equal(tt.want) {
			t.Errorf("parseLooseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := parseLooseDate("Tue, 18 Oct 2022 14:26:00 +0200"); got.UTC() != time.Date(2022, 10, 18, 12, 26, 0, 0, time.UTC) {
		t.Errorf("RFC 5322 date = %v", got)
	}
}

func TestLang(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Hello, is my residence permit ready? Thanks", "en"},
		{"bjr cmt savoir combien il me reste de point sur mon permis svp? merci", "fr"},
		{"Bonjour, I have a question about the ANTS website.", "en"},
		{"Bonjour, mon permis UK expire, can I drive?", "fr"}, // unsure: French
		{"OK", "fr"},
		{"", "fr"},
	}
	for _, tt := range tests {
		if got := ParseText("", tt.text).Lang; got != tt.want {
			t.Errorf("lang(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestNormalise(t *testing.T) {
	p := ParseText("Sujet\x00 \xff", "a\r\nb\rc\x00d\xef\xbb\xbfe\xff\xfe\xfdf")
	if p.Body != "a\nb\ncde\uFFFDf" {
		t.Errorf("Body = %q", p.Body)
	}
	if p.Subject != "Sujet \uFFFD" {
		t.Errorf("Subject = %q", p.Subject)
	}
	clean := "Déjà propre.\n"
	if q := ParseText("", clean); q.Body != clean || q.Truncated {
		t.Errorf("clean body changed: %q", q.Body)
	}
}

// A 1 MB paste is cut to MaxBytes at a rune boundary, with a notice.
func TestTruncate(t *testing.T) {
	body := "x" + strings.Repeat("é", 1<<19) // 1 MiB + 1 byte; é is two bytes, so MaxBytes falls inside one
	start := time.Now()
	p := ParseText("", body)
	elapsed := time.Since(start)
	checkInvariants(t, p)
	if !p.Truncated || len(p.Body) != MaxBytes-1 {
		t.Errorf("Truncated = %v, len = %d, want true, %d", p.Truncated, len(p.Body), MaxBytes-1)
	}
	if q := ParseText("", strings.Repeat("a", MaxBytes)); q.Truncated || len(q.Body) != MaxBytes {
		t.Errorf("exactly MaxBytes: Truncated = %v, len = %d", q.Truncated, len(q.Body))
	}
	t.Logf("1 MiB paste: %v", elapsed)
}

// pathological are bodies made of one pattern repeated, the shapes that
// could make a splitter quadratic; gen repeats one up to size bytes.
var pathological = map[string]string{
	"> quote":                "> a\n",
	"attribution lookalikes": "Le x y a écrit :\nLe\nOn\n",
	"dated lookalikes":       "Le 18/10/2022 à 14:26, X a écrit :\n",
	"one long line":          "Le 18/10/2022 à 14:26 ",
	"dashes":                 "-",
	"separators":             "-----Original Message-----\n",
	"headers":                "De : X\nEnvoyé : Y\nÀ : Z\n",
	"NUL and invalid bytes":  "\x00\xff\xfe",
	"newlines":               "\n",
	"signature lookalikes":   "Cordialement,\nJean Dupont\n06 12 34 56 78\n",
	"underscores":            "__________\nDe : x\n",
}

func gen(pattern string, size int) string {
	return "Bonjour,\n\n" + strings.Repeat(pattern, size/len(pattern))
}

// BenchmarkPathological times each shape at 128 and 256 KiB: the time must
// double, not quadruple (linear work, bounded by MaxBytes).
func BenchmarkPathological(b *testing.B) {
	for name, pattern := range pathological {
		for _, size := range []int{MaxBytes / 2, MaxBytes} {
			body := gen(pattern, size)
			b.Run(fmt.Sprintf("%s/%dKiB", name, size>>10), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					ParseText("RE: x", body)
				}
			})
		}
	}
}

// Pathological bodies up to MaxBytes are split without breaking the
// invariants; BenchmarkPathological shows the work stays linear (speed is
// measured in benchmarks, not asserted in tests).
func TestBoundedWork(t *testing.T) {
	for _, pattern := range pathological {
		checkInvariants(t, ParseText("RE: x", gen(pattern, MaxBytes)))
	}
	// the 1 MB paste of NUL and invalid bytes is cut, not choked on
	p := ParseText("", strings.Repeat("\x00\xff\xfe", 400000))
	checkInvariants(t, p)
}

// A 50,000-line quote is one block and the text above it is the new text.
func TestHugeQuote(t *testing.T) {
	body := "Bonjour,\nvoir ci-dessous.\n\nLe 18/10/2022 à 14:26, X a écrit :\n" + strings.Repeat("> a\n", 50000)
	p := ParseText("", body)
	if p.Truncated || p.NewText() != "Bonjour,\nvoir ci-dessous." || len(p.Quotes) != 1 || p.Quotes[0].Span.End != len(p.Body)-1 {
		t.Errorf("new = %q, %d quotes", p.NewText(), len(p.Quotes))
	}
}

// checkInvariants asserts what every caller relies on: valid UTF-8, spans
// in order, within Body and on rune boundaries.
func checkInvariants(t testing.TB, p Parsed) {
	t.Helper()
	b := p.Body
	if !utf8.ValidString(b) || strings.ContainsAny(b, "\x00\r") || len(b) > MaxBytes {
		t.Fatalf("body not normalised (%d bytes): %q", len(b), b[:min(len(b), 200)])
	}
	if !utf8.ValidString(p.Subject) {
		t.Fatalf("subject not UTF-8: %q", p.Subject)
	}
	own := []int{p.New.Start, p.New.End, p.Signature.Start, p.Signature.End}
	offsets := []int{0}
	if len(p.Quotes) > 0 && p.New.Start >= p.Quotes[0].Span.End && p.New.End > p.New.Start {
		// answered below the first quote
		offsets = append(offsets, p.Quotes[0].Span.Start, p.Quotes[0].Span.End)
		offsets = append(offsets, own...)
		for _, q := range p.Quotes[1:] {
			offsets = append(offsets, q.Span.Start, q.Span.End)
		}
	} else {
		offsets = append(offsets, own...)
		for _, q := range p.Quotes {
			offsets = append(offsets, q.Span.Start, q.Span.End)
		}
	}
	offsets = append(offsets, len(b))
	for i, o := range offsets {
		if i > 0 && o < offsets[i-1] {
			t.Fatalf("offsets out of order at %d: %v (len %d)", i, offsets, len(b))
		}
		if o < len(b) && !utf8.RuneStart(b[o]) {
			t.Fatalf("offset %d not on a rune boundary: %v", o, offsets)
		}
	}
	if p.Lang != "fr" && p.Lang != "en" {
		t.Fatalf("lang = %q", p.Lang)
	}
	for _, q := range p.Quotes {
		if q.Span.Empty() {
			t.Fatalf("empty quote %+v", q)
		}
		c := q.Content
		if c.Start < q.Span.Start || c.Start > c.End || c.End != q.Span.End || c.Start < len(b) && !utf8.RuneStart(b[c.Start]) {
			t.Fatalf("content %v outside quote %v", c, q.Span)
		}
	}
	if m := p.Main(); m != p.New && (len(p.Quotes) == 0 || m != p.Quotes[0].Content) {
		t.Fatalf("Main = %v", m)
	}
}

// FuzzParseText: whatever is pasted, the spans hold.
func FuzzParseText(f *testing.F) {
	for _, s := range []string{thunderbirdReply, gmailWrapped, outlookReply, outlookEnglish, thunderbirdForward, gmailForward} {
		f.Add("RE: TR: sujet", s)
	}
	f.Add("", "")
	f.Add("Réf :", "\x00\xff\r\n> \r\r>>")
	f.Add("Fwd:", "-----Original Message-----From: a\nSent: b\nTo: c")
	f.Add("", "Le 1 à 1:1, a écrit :\n\u00a0\n> x")
	f.Add("", "Cordialement,\n-- \n\u00a0\n06 12 34 56 78")
	f.Add("RE[2]:", "De : a\nEnvoyé : b\nÀ : c\nObjet : d\n\nDe : a Envoyé : b À : c Objet : d")
	f.Add("", "________________________________\n\n\nFrom: é\n")
	f.Add("", "On 1 wrote:\nOn 1 wrote:\n")
	f.Fuzz(func(t *testing.T, subject, body string) {
		p := ParseText(subject, body)
		checkInvariants(t, p)
		// normalising is idempotent: the UI may hand Body back
		if !p.Truncated {
			q := ParseText(subject, p.Body)
			if q.Body != p.Body || q.New != p.New || q.Signature != p.Signature || len(q.Quotes) != len(p.Quotes) {
				t.Fatalf("parsing Body again differs: %+v / %+v", p.New, q.New)
			}
		}
	})
}

// A 2,000-word thread: new text, a signature, an Outlook block and a
// Thunderbird quote with nested ">>" lines.
func thread2000() string {
	para := "Je me permets de vous relancer au sujet de ma demande de renouvellement de titre de séjour déposée le 3 octobre, " +
		"pour laquelle je n'ai reçu aucune réponse malgré plusieurs appels au standard de la préfecture. "
	var b strings.Builder
	b.WriteString("Bonjour,\n\n")
	for range 4 {
		b.WriteString(para + "\n\n")
	}
	b.WriteString("Cordialement,\nJean Dupont\n06 12 34 56 78\nN° étranger 7501234567\n\n")
	b.WriteString("De : Préfecture - Accueil <courrier@pref-exemple.gouv.fr>\nEnvoyé : mardi 18 octobre 2022 14:26\nÀ : Jean Dupont\nObjet : RE: titre de séjour\n\n")
	for range 20 {
		b.WriteString(para + "\n")
	}
	b.WriteString("\nLe 17/10/2022 à 07:58, Jean Dupont <jean.dupont@example.com> a écrit :\n")
	for range 20 {
		b.WriteString("> " + para + "\n>> " + para + "\n")
	}
	return b.String()
}

func BenchmarkParseText(b *testing.B) {
	body := thread2000()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		ParseText("RE: RE: titre de séjour", body)
	}
	b.ReportMetric(float64(len(strings.Fields(body))), "words")
}

func TestThread2000(t *testing.T) {
	body := thread2000()
	if n := len(strings.Fields(body)); n < 1900 || n > 2600 {
		t.Fatalf("thread has %d words", n)
	}
	p := ParseText("RE: RE: titre de séjour", body)
	checkInvariants(t, p)
	if len(p.Quotes) != 2 || p.SignatureText() != "Jean Dupont\n06 12 34 56 78\nN° étranger 7501234567" {
		t.Errorf("%d quotes, signature %q", len(p.Quotes), p.SignatureText())
	}
}

func TestSubjectLineWhateverTheLineEndings(t *testing.T) {
	for _, nl := range []string{"\n", "\r\n", "\r"} {
		subject, body := SubjectLine("Objet : carte grise" + nl + nl + "Bonjour," + nl + "où en est mon dossier ?")
		if subject != "carte grise" || !strings.HasPrefix(body, "Bonjour,") {
			t.Errorf("%q: subject %q, body %q", nl, subject, body)
		}
	}
	if subject, body := SubjectLine("Bonjour, pas d'objet."); subject != "" || body != "Bonjour, pas d'objet." {
		t.Errorf("no subject line: %q %q", subject, body)
	}
}
