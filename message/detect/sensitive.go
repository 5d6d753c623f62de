package detect

// Sensitive is the judgement that the message tells of urgency or distress
// with personal stakes, where a standard reply is the wrong answer.
type Sensitive struct {
	Detected bool `json:"detected"`
	// Level: "" (none), "sensible", "detresse" (despair expressed) or
	// "danger" (self-harm: the internal procedure comes first, and 3114).
	Level Level `json:"level"`
	// Reasons are the codes, strongest first; Details gives each one's cues.
	Reasons []string `json:"reasons"`
	Details []Reason `json:"details"`
	Cues    []Cue    `json:"cues"`
	// Evidence is every reason the rules saw anything of, over its
	// threshold or not: what the learned judge weighs beside its own words.
	Evidence []Reason `json:"-"`
	// DaysLeft is the number of days before the nearest deadline when the
	// message dates it (a flight, an exam), -1 when unknown.
	DaysLeft int `json:"days_left"`
	// Probability is the learned judge's, when a model is loaded.
	Probability *float64 `json:"probability,omitempty"`
}

// Reason is one sensitive reason with the words that show it.
type Reason struct {
	Code  string  `json:"code"`
	Score float64 `json:"score"`
	Cues  []Cue   `json:"cues"`
}

// Level says how strongly a relance or a sensitive case is read: its JSON
// value is one of the constants below.
type Level string

// Levels of a sensitive case, from the mildest.
const (
	LevelNone Level = ""
	// LevelCheck is a possible case, below the flag: the agent is asked to
	// look, and the reply does not change until they confirm.
	LevelCheck    Level = "a-verifier"
	LevelSensible Level = "sensible"
	LevelDetresse Level = "detresse"
	LevelDanger   Level = "danger"
)

const (
	family  = `(?:mon|ma|mes|notre|nos|son|sa|ses|leur|leurs|my|our|his|her|their) (?:(?:cher|chere|petit|petite|jeune|vieux|vieille|vieil|ex-?)\s)?(?:pere|papa|mere|maman|mari|epoux|femme|epouse|conjoint|conjointe|compagnon|compagne|fils|fille|enfants?|bebe|frere|soeur|grand-pere|grand-mere|grands-parents|grand pere|grand mere|oncle|tante|beau-pere|belle-mere|beau-frere|belle-soeur|cousin|cousine|neveu|niece|parents?|proche|father|mother|husband|wife|son|daughter|brother|sister|dad|mum|mom)\b`
	weekday = `(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)`
	soon    = `(?:demain|apres-demain|ce (?:soir|week-?end|matin|samedi|dimanche|lundi|mardi|mercredi|jeudi|vendredi)|cette semaine|la semaine prochaine|` + weekday + `(?: prochain| soir| matin)?|dans (?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quelques) (?:jours?|heures?|semaines?)|(?:sous|en|d'ici) (?:\d+|24|48|72) ?h(?:eures)?|\d+ ?h(?:eures)? pour|tomorrow|this week(?:end)?|next week|in (?:\d+|a few|two|three) days)`
)

// reasonRules are the cues of each reason, on folded text. Most need a
// personal stake: "obsèques" in a funeral company's habilitation is not a
// bereavement, "ma fille" alone is not a child at risk.
var reasonRules = map[string][]rule{
	"deces": {
		r(1.2, family+`[^.\n]*\b(?:est |sont |etait )?(?:decede|decedee|decedes|mort|morte|morts|passed away|died)\b`),
		r(1.2, `\b(?:deces|obseques|enterrement|funerailles|death|funeral) (?:de |d'|of )?`+family),
		r(1, `\b(?:vient|viennent) de (?:deceder|mourir|nous quitter)\b`),
		// Funeral words alone also fill a funeral company's mail.
		r(0.5, `\b(?:obseques|enterrement|funerailles|inhumer|inhumation|rapatriement du corps|transport du (?:corps|cercueil)|funeral)\b`),
		r(0.4, `\b(?:deuil|endeuille\w*|certificat de deces|acte de deces)\b`),
		// A death long ago is context, not a stake.
		r(-1.5, `\b(?:deces|decede\w*|mort\w*)\b[^.\n]*\ben (?:19|20)\d\d\b`),
		r(-1.5, `\b(?:deces|decede\w*|mort\w*)\b[^.\n]*\b(?:il y a|depuis) (?:\d+|deux|trois|quatre|cinq|six|plusieurs|quelques) ans\b`),
	},
	"sante": {
		r(1, `\b(?:est|suis|sont|a ete|ont ete|etait|actuellement|toujours) hospitalise\w*\b|\bhospitalise\w* (?:depuis|au|a|en urgence)\b|\ben reanimation\b|\bsoins intensifs\b|\bsoins palliatifs\b|\bhospital(?:ised|ized)\b`),
		r(1, `\b(?:avc|cancer|chimiotherapie|chimio|infarctus|crise cardiaque|insuffisance (?:cardiaque|renale|respiratoire)|dialyse|tumeur|leucemie|stroke)\b`),
		r(1, `\b(?:fin de vie|lui reste peu de temps|(?:est |tres |gravement )malade|maladie grave|mourant\w*|en train de mourir|pronostic vital)\b`),
		// A planned stay or surgery is context, not a stake, unless something
		// else weighs with it.
		r(0.6, `\bhospitalise\w*\b`),
		r(0.3, `\b(?:opere|operee|operation|chirurgie|intervention chirurgicale|hernie|greffe|urgences|chu|hopital)\b`),
		r(0.4, `\b(?:je ne marche (?:presque )?plus|handicap\w*|invalidite|enceinte|accouche\w*)\b`),
		r(1, `\bopere\w* du (?:coeur|cerveau)\b|\bgrave(?:ment)? (?:malade|probleme|maladie|accident|blesse\w*)|\bprobleme (?:grave )?au coeur\b|\bdialys\w+|\b(?:pregnant|maternity|hospital|dialysis|seriously ill)\b`),
		r(0.6, `\b(?:a l'hopital|alitee?|de venir vite|venir (?:au plus )?vite)\b`),
		// An illness told as over is context.
		r(-1.5, `\b(?:je me suis|il s'est|elle s'est) (?:bien |completement )?(?:remise?|retablie?)\b|\b(?:avc|cancer|malad\w+|hospitalis\w+|operation)\b[^.\n]*\ben (?:19|20)\d\d\b`),
		r(1, `\bsans (?:son|ses|mon|mes|leur|leurs) (?:traitement|insuline|medicaments?)\b|\bpas (?:son|ses|mon|mes) (?:traitement|insuline|medicaments?)\b`),
		r(0.6, `\b(?:diabet\w+|insulin\w*|epilep\w+|traitement vital|sous traitement)\b`),
	},
	"emploi": {
		r(1, `\b(?:perd(?:re|s|e|rai|rais|u|ra)) (?:mon|ma|son|sa|ce|cet|cette|le|la|notre) (?:travail|emploi|poste|contrat|job|cdi|cdd|place|embauche|entreprise|revenu)\b`),
		r(1, `\b(?:(?:ne )?(?:pourra|peut|pourrait|va) (?:pas|plus) (?:me|le|la|nous) garder|licenci\w+|rupture de (?:mon |son )?contrat)\b`),
		r(1, `\b(?:los(?:e|t|ing) (?:my|his|her|our|their) (?:job|work|position|contract|income)|(?:be|been|get|got|getting|being) (?:fired|dismissed|laid off|let go)|can(?:not|'t) (?:work|start (?:my|the|a) (?:new )?job)|(?:my|the) employer (?:will|would|can|may|is going to) (?:not )?(?:fire|dismiss|let me go|keep me))\b`),
		r(1, `\b(?:(?:peut|pourra|va|veut) (?:plus|pas) (?:me|le|la) (?:faire travailler|employer|prendre)|(?:met|mettre|mettra|mette) fin a (?:ma|mon|sa|son) (?:periode d'?\s?essai|contrat|mission)|confiee? a (?:un|une) autre|(?:prennent|prendront|prendra) (?:le candidat suivant|un autre candidat))\b`),
		r(1, `\bperd\w* (?:le|mon|ce|son) (?:travail|emploi|poste)\b`),
		r(1, `\b(?:suspendre|mettre fin (?:a|au)|rompre|resilier) (?:son|mon|le|leur|au|a son|a mon)? ?contrat\b|\b(?:prendra|recrutera|embauchera|prendrons) quelqu'un d'autre\b`),
		r(1, `\b(?:je ne peux|je peux|je pourrai|je ne pourrai) (?:plus|pas) (?:travailler|rouler|exercer|reprendre (?:le|mon) travail|me connecter a l'appli)\b`),
		r(1, `\b(?:sans|faute de) (?:papiers?|titre|carte|permis|document)[^.\n]*\b(?:travailler|venir (?:au|travailler)|embauch\w+|reprendre|exercer)`),
		r(0.8, `\b(?:mon|ma) (?:employeur|patron|patronne|chef|entreprise|directeur|directrice|agence d'interim|my employer)\b[^.\n]*\b(?:garder|licenci\w*|plus venir|ne peux plus|suspend\w*|arreter|rompre|perdre|renvoyer|exige|demande)`),
		r(0.6, `\b(?:contrat de travail|promesse d'embauche|periode d'essai|commencer (?:un|mon) (?:travail|emploi|contrat)|reprendre le travail|job offer|alternance|contrat d'apprentissage)\b`),
	},
	"revenus": {
		r(1, `\b(?:caf|pole emploi|france travail|rsa|apl|allocations?|aides?|prestations?|salaire|paie|retraite|pension)\b[^.\n]*\b(?:coupe\w*|suspendu\w*|supprime\w*|bloque\w*|arrete\w*|stoppe\w*)`),
		r(1, `\b(?:plus (?:aucun|de) revenus?|pas d'autres? revenus?|sans (?:aucun )?revenus?|plus rien pour (?:payer|vivre|manger)|je n'ai plus rien|no income)\b`),
		r(1, `\bsaisi\w*[^.\n]*\bcompte\b|\bcompte (?:bancaire )?(?:a ete )?bloque`),
		r(0.7, `\b(?:droits? a la retraite|(?:perdre|perde) (?:ses|mes) droits|mutuelle|restos du coeur|frais d'obseques|perdre mon salaire|sans salaire)\b`),
	},
	"logement": {
		r(1, `\b(?:expuls\w+|a la rue|sans (?:domicile|logement|abri)|perdre (?:mon|notre|son) (?:logement|appartement|maison)|evicted|homeless)\b`),
		r(0.8, `\b(?:loyer|bail|proprietaire)\b[^.\n]*\b(?:pas paye|impaye|procedure|expuls\w*|donne\w* a quelqu'un|se termine|resili\w*)`),
		r(0.7, `\b(?:heberge\w* (?:dans un|en|au|par une?) (?:foyer|centre|hotel|115|association)|logement social|caution de (?:mon|notre) (?:nouvel )?appartement)\b`),
		r(1, `\b(?:commandement de quitter|huissier|avis d'expulsion|eviction)\b`),
		r(1, `\b(?:quitter (?:le|mon|notre) (?:logement|appartement|domicile)|(?:je ne sais|nous ne savons|ne sait) (?:pas|plus) ou (?:aller|dormir|loger)|dort?\w* dans (?:sa|ma|leur|notre) voiture|fin de (?:leur|notre|mon|son) hebergement|le 115|hebergement d'urgence)\b`),
	},
	"echeance": {
		rn(0.7, `\b(?:vol|avion|depart|obseques|enterrement|examens?|concours|partiels|audience|rentree|flight|embarque\w*|mariage)\b[^.\n]*\b`+soon),
		rn(0.7, `\b`+soon+`\b[^.\n]*\b(?:vol|avion|depart|partir|obseques|enterrement|examens?|concours|partiels|audience|flight)\b`),
		rn(0.7, `\b(?:prend|prendre|prends|partir|pars|part) (?:l'avion|le vol|un vol)?\s?`+soon),
		r(0.8, `\b(?:le temps presse|avant (?:demain|ce soir|`+weekday+`)|delai de (?:48|72|24) ?h(?:eures)?|(?:48|72|24) ?h(?:eures)? pour (?:faire )?(?:un )?recours|sans delai|au plus vite|le plus vite possible|(?:perdre|perdrai) (?:mon|l') annee|repasser avant un an|ne pourrai pas (?:le |la )?repasser)\b`),
		r(0.6, `\b(?:je dois (?:absolument|imperativement)|il faut absolument|imperativement avant|absolument avant)\b`),
		// A dated deadline: how near it is depends on the day; the stakes
		// said with it decide.
		r(0.5, `\b(?:sera|seront|serait|seraient) (?:reporte|annule|perdu|refuse|retire)e?s?\b`),
		r(0.5, `\bsinon (?:je|on|il|elle) (?:ne )?(?:peut|peux|pourra|pourrai|pourrais) (?:pas|plus)\b|\bsans (?:dcem|passeport|titre|papiers?|carte|document|autorisation)\w* (?:il|elle|je|on) (?:ne )?(?:pourra|peut|pourrai|peux) (?:pas|plus)\b`),
		r(0.4, `\b(?:vol|avion|depart|obseques|enterrement|examens?|concours|partiels|audience|contrat|rentree|flight|exam|embarque|mariage|marie|alternance|stage|classe part|releve|mission)\b[^.\n]*\b(?:le|du|au|on)? ?(?:\d{1,2}(?:er)?(?: |/)(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|\d{1,2})|`+weekday+`)`),
		r(-1, `\b(?:(?:ce )?n'est pas urgent|pas (?:d'|de caractere d')urgence|rien d'urgent|pas (?:le )?feu|pas presse|no urgency|not urgent|tant pis)\b`),
	},
	"detresse": {
		r(1, `\b(?:je ne sais plus (?:quoi|comment|vers qui)|je n'en peux plus|je suis a bout|a bout de forces?|desespere\w*|je ne dors plus|je craque|je n'arrive plus a (?:reflechir|dormir|tenir|faire face)|combien de temps je vais tenir|au secours|je suis desemparee?|completement perdue?|totalement perdue?|aidez-moi|je suis perdue?|detresse|i can't cope|desperate)\b`),
		r(0.6, `\b(?:je suis (?:un peu )?perdue?|je ne comprends (?:plus )?rien|seule? (?:a|pour) tout gerer|toute ma vie est ici|je pleure|angoiss\w+|panique)\b`),
		r(0.4, `\b(?:(?:tres|vraiment|extremement) inquiete?|on a peur|nous avons peur|j'ai peur)\b`),
		r(0.8, `\b(?:je (?:ne )?suis pas bien|j'?arrive (?:pas|plus) a (?:manger|dormir|tenir|respirer)|je (?:ne )?sais (?:pas|plus) quoi (?:faire|dire)|je (?:ne )?sais plus ou j'en suis|j'ai tout perdu|(?:on a|nous avons) tout perdu|i(?:'ve| have) lost everything)\b`),
		// Exasperation about one's clients or staff is a professional's,
		// not a person in distress.
		r(-0.6, `\b(?:mes|nos|notre) (?:clients?|planning|interimaires|salaries|dossiers clients)\b`),
		r(-1, `\b(?:tout cela est (?:maintenant )?derriere (?:moi|nous)|je vais bien)\b`),
	},
	"mineur": {
		r(0.6, family+`[^.\n]*\b(?:de |age de |agee de )?(?:[1-9]|1[0-7]) ans\b`),
		r(0.6, `\b(?:mineur\w*|enfants? (?:en bas age|de \d+ ans)|maman seule|mere seule|pere seul|mes (?:trois|deux|quatre|\d) enfants|(?:fille|fils) de (?:[1-9]|1[0-7]) ans|scolarise\w*|cantine|bebe|nourrisson)\b`),
	},
	"violence": {
		r(1, `\b(?:violences? (?:conjugales?|familiales?|domestiques?)|victimes? de violences?|femmes victimes|agress\w+|frappe\w*|(?:suis|ete|etait|a ete) battue?s?|menace\w* de mort|harcel\w+|viol(?:ee|e)?\b|sequestr\w+|assaulted|abuse)`),
		// English: domestic violence told plainly (« my husband hits me »,
		// « he beats us », « my partner is violent »).
		r(1, `\b(?:domestic (?:violence|abuse)|(?:he|she|husband|partner|boyfriend|girlfriend|wife|ex|father|stepfather) (?:hits|hit|beats|beat|hurts|attacks|attacked|strangled|chokes) (?:me|us|my)\b|(?:husband|partner|boyfriend|wife|ex|father)\w* (?:is|was|has become|became) (?:very |extremely )?(?:violent|abusive)\b|\bviolent (?:husband|partner|boyfriend|ex)\b|\b(?:been|was|got) beaten\b)`),
		r(1, `\b(?:mari|conjoint|compagnon|ex|pere|voisin)\w* (?:est|etait|devient|est devenu) (?:tres )?violent\b|\bmenac\w+ (?:avec|de) (?:un|une|son) (?:fusil|arme|couteau)|\bavec (?:un|une|son) (?:fusil|arme|couteau)\b[^.\n]*\b(?:menac\w+|criant|regler)`),
		r(0.6, `\bmenac\w+\b`),
		r(1, `\bil m'a (?:pousse|frappe|tape|bouscule|etrangle|giflee?|menace)e?\b|\b(?:ca|cela) (?:finira|va finir) mal\b|\bil sait ou (?:j'habite|je travaille|je vis)\b`),
		r(1, `\b(?:emmener|enlever|emmene|partir avec) (?:ma|mon|notre|sa|son|nos|mes) (?:fille|fils|enfants?)\b[^.\n]*\b(?:a l'etranger|dans son pays|vivre chez|sans mon accord)|\brecuperer sa (?:fille|fils)\b`),
		r(0.7, `\b(?:(?:ex-?)?(?:conjoint|mari|compagnon)[^.\n]*(?:a garde|garde|confisque|pris|retient|refuse de (?:me )?rendre) (?:ma|mes|mon) (?:carte|papiers|passeport|titre)|papiers confisques|foyer pour femmes|ordonnance de protection|main courante|plainte contre (?:mon|mon ex))\b`),
	},
}

// selfHarmRules are the highest level: the internal procedure comes first.
var selfHarmRules = []rule{
	rn(1, `\b(?:me suicider|suicid\w*|mettre fin a (?:mes jours|ma vie)|en finir|envie de mourir|plus envie de vivre|je veux mourir|me tuer|me foutre en l'air|disparaitre pour de bon|kill myself|end my life|take my (?:own )?life)\b`),
}

// standalone reasons make a case sensitive on their own; the others
// (a deadline, a child) aggravate a case but alone are ordinary requests.
var standalone = map[string]bool{
	"deces": true, "sante": true, "emploi": true, "revenus": true,
	"logement": true, "detresse": true, "violence": true,
}

// reasonThreshold is the score a reason needs to make a case sensitive;
// secondaryThreshold the score it needs to be reported in a case already
// sensitive.
const (
	reasonThreshold    = 1.0
	secondaryThreshold = 0.6
)
