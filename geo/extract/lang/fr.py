"""French word lists (see :class:`geo.extract.lang.LangWords` for what each list is)."""

# --- numbers (counts, durations) -------------------------------------------------------------

NUMBER_UNITS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80,
    "octante": 80, "nonante": 90,
}  # fmt: skip
NUMBER_HUNDREDS = ("cent", "cents")
NUMBER_THOUSANDS = ("mille", "milliers")
NUMBER_MILLIONS = ("million", "millions")
DIGIT_SCALES = ("mille", "million", "millions")
AND_WORDS = ("et",)
SINGULAR_WORDS = ("un", "une")

# --- troop counts ----------------------------------------------------------------------------

QUALIFIERS = {
    "plus de": "at_least", "un peu plus de": "at_least", "au moins": "at_least",
    "pas moins de": "at_least", "au minimum": "at_least", "quelque": "about",
    "quelques": "about", "environ": "about", "près de": "about", "presque": "about",
    "autour de": "about", "approximativement": "about", "à peu près": "about",
    "un maximum de": "at_most", "au maximum": "at_most", "maximum": "at_most",
    "jusqu'à": "at_most", "moins de": "at_most", "pas plus de": "at_most",
}  # fmt: skip
FORCE_NOUNS = (
    r"soldats?", r"militaires?", r"troupes", r"gendarmes?", r"policiers?", r"parachutistes?",
    r"réservistes?", r"marines", r"commandos?", r"gardes?\s+nationaux", r"gardes?-frontières",
    r"garde-côtes", r"casques\s+bleus", r"légionnaires", r"fusiliers\s+marins",
    r"(?:hommes|femmes|membres|éléments|agents|effectifs|personnels?)\s+{force_of}",
    r"agents\s+(?:de\s+police|de\s+sécurité|fédéraux|de\s+la\s+police)",
    r"(?:hommes|effectifs)\s+(?:armés|en\s+uniforme)", r"effectifs\s+militaires",
    r"personnel\s+militaire", r"membres\s+du\s+personnel\s+militaire", r"hommes",
)  # fmt: skip
FORCE_NOUN_MODIFIERS = ()
FORCE_OF = ("de la", "des", "du", "de l'", "de")
FORCE_NAMES = (
    "garde nationale", "forces armées", "armée", "police", "marine", "gendarmerie",
    "forces de sécurité", "forces spéciales", "forces de l'ordre", "infanterie de marine",
    "armée de l'air", "corps des marines", "la patrouille frontalière", "patrouille frontalière",
    "forces", "troupes",
)  # fmt: skip
WEAK_FORCE_NOUNS = ("hommes", "agents")
FORCE_CONTEXT = (
    r"d[ée]ploy", r"d[ée]ploi", r"militaire", r"armée", r"soldat", r"police", r"policier",
    r"garde", r"troupe", r"gendarm",
)  # fmt: skip
ELIDED_OF = ("d'entre eux",)
ELIDED_AUXILIARIES = (
    "ont",
    "avaient",
    "auront",
    "sont",
    "seront",
    "étaient",
    "ont déjà",
    "sont déjà",
)
ELIDED_PARTICLES = ("été", "déjà")
ELIDED_PARTICIPLES = ("déployé", "envoyé", "mobilisé", "dépêché", "stationné")
NOT_COUNT_BEFORE = (
    r"loi", r"lois", r"article", r"articles", r"art", r"n°", r"no", r"numéro", r"décret",
    r"paragraphe", r"km", r"kilomètres?", r"ans?", r"année",
)  # fmt: skip
COLLECTIVES = {"centaine": 100, "millier": 1000}
VAGUE_COUNTS = {
    r"plusieurs\s+centaines\s+d(?:e\s+|')": (200, "at_least"),
    r"des\s+centaines\s+d(?:e\s+|')": (200, "at_least"),
    r"plusieurs\s+milliers\s+d(?:e\s+|')": (2000, "at_least"),
    r"des\s+milliers\s+d(?:e\s+|')": (2000, "at_least"),
    r"des\s+dizaines\s+d(?:e\s+|')": (20, "at_least"),
    r"une\s+vingtaine\s+d(?:e\s+|')": (20, "about"),
    r"une\s+douzaine\s+d(?:e\s+|')": (12, "about"),
}

# --- dates -----------------------------------------------------------------------------------

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS = {
    "janv": 1, "févr": 2, "fév": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
    "déc": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
}  # fmt: skip
DURATION_UNITS = {
    "jour": 1, "jours": 1, "journée": 1, "journées": 1, "semaine": 7, "semaines": 7,
    "mois": 30, "an": 365, "ans": 365, "année": 365, "années": 365,
}  # fmt: skip
FUTURE_WORDS = ("prochain", "que vient")
PAST_WORDS = ("dernier",)

# --- sentences and articles ------------------------------------------------------------------

ABBREVIATIONS = tuple(
    "M Mme Mmes Mlle Mlles MM Me Mgr Dr Pr Prof St Ste Gén Col Cdt Cmdt Lt Sgt Capt Adm etc"
    " av apr env cf p pp n no vol art chap ch fig op éd approx Av Bd bd".split()
)
COMMON_WORDS = tuple(
    "le la les des du et est une dans pour que qui sur au aux avec pas ont été".split()
)
BOILERPLATE = (
    r"\babonnez[- ]vous\b",
    r"\bvous\s+(?:vous\s+)?êtes\s+bien\s+(?:abonné|inscrit)",
    r"\bchamp\s+vide\b",
    r"\blaisser\s+ce\s+champ\b",
    r"\bsans\s+spam\b",
    r"\binscrivez[- ]vous\b",
    r"\bcha[iî]ne\s+youtube\b",
    r"\bsuivez[- ]nous\b",
    r"\bsoutenez\s+notre\s+travail\b",
    r"\bdes\s+dons\s+réguliers\b",
    r"\bfaire\s+un\s+don\b",
    r"\bfaites\s+un\s+don\b",
    r"\baimez[- ]vous\s+ce\s+que\s+vous\s+lisez\b",
    r"\bcookies?\s+politique\b",
    r"\bpolitique\s+(?:de|relative\s+aux)\s+cookies\b",
    r"^\s*commentaires?\b",
    r"^\s*(?:lire|voir)\s+aussi\b",
    r"^\s*partager\b",
    r"\btous\s+droits\s+réservés\b",
    r"^\s*publicité\s*$",
)

# --- actors and deployment types --------------------------------------------------------------

FORCES = [
    (r"armée\s+de\s+l'air", "air force"),
    (r"forces?\s+aériennes?", "air force"),
    (r"armée\s+de\s+terre", "army"),
    (r"infanterie\s+de\s+marine|marines", "marines"),
    (r"marine\s+(?:nationale|de\s+guerre)|forces\s+navales", "navy"),
    (r"forces\s+armées|force\s+armée", "armed forces"),
    (r"forces\s+spéciales", "special forces"),
    (r"forces\s+de\s+(?:sécurité|l'ordre)", "security forces"),
    (r"gardes?\s+nationa(?:le|ux)", "national guard"),
    (r"gardes?[- ]frontières|patrouille\s+frontalière|police\s+des\s+frontières",
     "border police"),
    (r"garde[- ]côtes?", "coast guard"),
    (r"gendarmerie|gendarmes?", "gendarmerie"),
    (r"police(?:\s+nationale)?|policiers?", "police"),
    (r"armées?", "army"),
    (r"militaires|militaire(?=\s+(?:américain|étranger|armé))|soldats?|troupes"
     r"|casques\s+bleus|parachutistes", "military"),
]  # fmt: skip
NATIONALITY_STEMS = (
    r"américain", r"étasunien", r"états-unien", r"nord-américain", r"péruvien", r"mexicain",
    r"chilien", r"colombien", r"vénézuélien", r"equatorien", r"équatorien", r"brésilien",
    r"argentin", r"bolivien", r"hondurien", r"guatémaltèque", r"salvadorien", r"nicaraguayen",
    r"cubain", r"haïtien", r"dominicain", r"canadien", r"français", r"espagnol",
    r"britannique", r"chinois", r"russe", r"panaméen", r"costaricien", r"uruguayen",
    r"paraguayen", r"étranger", r"israélien", r"allemand", r"italien", r"guyanien",
    r"surinamais", r"jamaïcain", r"bélizien", r"kényan", r"bahaméen", r"béninois", r"tchadien",
    r"bangladais", r"népalais", r"sri-lankais",
)  # fmt: skip
NATIONALITY_ENDING = r"(?:ne|e)?s?"
ACTOR_MODIFIERS = (
    r"armée?s?", r"nationale?s?", r"spéciales?", r"d'élite", r"supplémentaires",
    r"additionnels", r"déployée?s", r"fédéra(?:le|ux|les)", r"en\s+service\s+actif",
    r"régulières?",
)  # fmt: skip
NOT_COUNTRY = (
    r"Défense", r"Intérieur", r"Nord", r"Sud", r"Congrès", r"Conseil", r"Garde", r"État",
)  # fmt: skip
NEGATION_WORDS = (
    r"ne", r"n'", r"pas", r"jamais", r"aucun", r"aucune", r"non",
)  # fmt: skip
HYPOTHETICAL_WORDS = (
    r"pourrai\w*", r"envisag\w+", r"menac\w+", r"demanderai\w*", r"pourront", r"prévoi\w*",
    r"projet",
)  # fmt: skip
TRIGGERS = [
    ("troop_deployment", r"(?:re)?d[ée]ploi(?:e|ement|ements|ent|era|eront|erait)?"
     r"|(?:re)?d[ée]ploy\w*", 1.0, True),
    ("troop_deployment", r"envo(?:i|ie|yer|yé|yée|yés|yées|iera|ieront)\b", 0.8, True),
    ("troop_deployment", r"intervention\s+de\s+l'armée|intervention\s+militaire", 1.0, False),
    ("troop_deployment", r"mobilis\w+|dépêch\w+|militaris\w+", 0.7, True),
    ("troop_deployment", r"troupes\s+supplémentaires|renforts?\s+militaires", 0.9, False),
    # posts, bases and camps set up are a deployment
    ("troop_deployment", r"(?:install|établi|établ|ouvr|mont)\w*\s+(?:[\wÀ-ÿ'-]+\s+){0,3}?"
     r"(?:postes?|bases?|camps?|campements?|avant-postes?)\b", 0.8, False),
    # verbs of presence and movement count only beside an armed force or a troop number
    ("troop_deployment", r"patrouill\w+|renforts?\b|ratiss\w+|stationn\w+|opérations?"
     r"|renforc\w+\s+(?:de\s+|d')?(?:les\s+|la\s+|le\s+|leur\s+|sa\s+|ses\s+)?(?:effectifs|troupes"
     r"|présence|patrouilles|frontières?|dispositifs?|contrôles?)", 0.8, True),
    # Troops as the subject of an arrival: "300 soldats sont arrivés à Palca".
    ("troop_deployment", r"(?:soldats|militaires|troupes|gardes\s+nationaux|policiers|gendarmes"
     r"|contingent)\s+(?:[\w']+\s+){0,3}(?:sont\s+|est\s+|ont\s+été\s+)?arriv\w+", 0.8, False),
    ("troop_deployment", r"appui\s+(?:accru\s+)?(?:des|de\s+l')\s*(?:forces\s+armées|armée)",
     0.7, False),
    ("foreign_troops", r"troupes\s+étrangères|militaires\s+étrangers|forces\s+étrangères"
     r"|base\s+militaire\s+(?:américaine|étrangère)", 1.0, False),
    ("foreign_troops", r"présence\s+(?:militaire\s+)?sur\s+le\s+(?:territoire|sol)\s+"
     r"{nationality}", 0.8, False),
    ("state_of_emergency", r"état\s+d'(?:urgence|exception)|état\s+de\s+siège"
     r"|loi\s+martiale|urgence\s+nationale|couvre-feu", 1.0, False),
    ("border_control", r"contrôles?\s+(?:douaniers|frontaliers|aux\s+frontières"
     r"|à\s+la\s+frontière|migratoires)", 1.0, False),
    ("border_control", r"ferm(?:eture|é|ée|er|e|ent)\b[^.;]{0,30}?"
     r"(?:frontière|autoroute|route|poste\s+frontalier|pont|passage)", 1.0, False),
    # a force sent to stop crossings and smuggling controls a border, whatever the verb
    ("border_control", r"(?:endiguer|freiner|contrôler|empêcher|bloquer|stopper|lutter\s+contre"
     r"|enrayer|limiter)\s+(?:le\s+|la\s+|les\s+|l')?(?:flux|passage|entrée|trafic|contrebande"
     r"|migrants|migration|franchissement|immigration)", 0.9, True),
    ("border_control", r"interdi\w*\s+l'accès|bloqu\w+\s+(?:à\s+la\s+frontière|le\s+passage)"
     r"|refoul\w+", 0.9, False),
    ("border_control", r"surveillance\s+(?:et\s+(?:la\s+)?protection\s+)?des\s+frontières"
     r"|protection\s+des\s+frontières|sécuris\w+\s+(?:la|les)\s+frontières?", 0.6, False),
    ("military_exercise", r"exercices?\s+(?:militaires?|conjoints?|navals?|combinés?)"
     r"|manœuvres?|manoeuvres?|entraînement|entrainement|entraîn\w+", 1.0, False),
    ("military_exercise", r"formation", 0.7, True),
    ("security_agreement", r"convenu\s+de\s+coopérer|coopér\w+|coopération"
     r"|accords?\s+(?:de\s+)?(?:sécurité|coopération|défense)|protocole\s+d'accord"
     r"|mémorandum", 1.0, False),
    ("security_agreement", r"accords?|convention|en\s+coordination\s+avec", 0.5, False),
    ("security_agreement", r"réunion|rencontr\w+|sommet", 0.5, False),
    ("migration", r"caravanes?(?:\s+de\s+migrants)?|migrants?|demandes?\s+d'asile"
     r"|demandeurs?\s+d'asile|réfugiés?|exilés|crise\s+migratoire|afflux", 1.0, False),
    ("migration", r"migratoires?|immigration|immigrés?", 0.5, False),
]  # fmt: skip
ENTRY_NOUNS = (
    r"entrée", r"présence", r"arrivée", r"stationnement",
)  # fmt: skip
ENTRY_OF = (
    r"de", r"des", r"d'",
)  # fmt: skip
ENTRY_TO = (
    r"à",
)  # fmt: skip
ENTRY_VERBS = (
    r"entrer", r"présente?s?", r"présents", r"stationnée?s?",
)  # fmt: skip
SOIL_WORDS = (
    r"sur\s+le\s+sol", r"sur\s+le\s+territoire",
)  # fmt: skip

# --- place mentions --------------------------------------------------------------------------

BORDER_WORDS = (
    r"fronti[eè]res?", r"frontali[eè]re?s?",
)  # fmt: skip
DIRECTIONS = (
    r"sud-ouest", r"sud-est", r"nord-ouest", r"nord-est", r"sud", r"nord", r"est", r"ouest",
)  # fmt: skip
DETERMINERS = (
    r"la", r"les", r"notre", r"nos",
)  # fmt: skip
WITH_WORDS = (
    r"avec",
)  # fmt: skip
ARTICLES = (
    r"le", r"la", r"les", r"l",
)  # fmt: skip
TERRITORY_WORDS = (
    r"sol", r"territoire", r"espace a[ée]rien",
)  # fmt: skip
LEADING_JUNK = (
    "département de", "département du", "départements de", "province de", "provinces de",
    "région de", "régions de", "ville de", "commune de", "communes de",
    "district de", "état de", "la", "le", "les", "l'", "du", "des", "de", "d'", "en", "au",
    "aux",
    # before a vowel: "l'État d'Amazonas", "la région d'Arica"
    "département d'", "province d'", "région d'", "ville d'", "commune d'", "district d'",
    "état d'", "états de", "état du",
)  # fmt: skip
PLACE_OF_WORDS = ("de", "d'")
CROSSING_NOUNS = ("poste-frontière de", "poste frontière de", "passage de")  # fmt: skip
FACILITY_NOUNS = (
    "aéroport", "port", "stade", "musée", "théâtre", "palais", "hôpital", "prison",
    "caserne", "base", "fort", "commissariat", "gare", "pont", "place", "avenue", "rue",
    "boulevard", "parc", "église", "cathédrale", "basilique", "marché", "grottes", "grotte",
)  # fmt: skip
TOWN_NOUNS = ("ville", "villes", "localité", "localités", "village", "villages")  # fmt: skip
SPEECH_VERBS = (
    "a déclaré", "a dit", "a affirmé", "a ajouté", "a expliqué", "a souligné", "a indiqué",
    "a précisé", "a assuré", "a estimé", "déclare", "affirme", "ajoute", "explique",
    "souligne", "estime", "selon",
)  # fmt: skip
NAME_ARTICLES = ()
DAY_WORDS = ("hier", "aujourd'hui", "demain", "avant-hier", "après-demain")
TITLE_WORDS = (
    "président", "présidente", "ministre", "secrétaire", "gouverneur", "général", "colonel",
    "commandant", "capitaine", "lieutenant", "sergent", "amiral", "maire", "sénateur",
    "député", "juge", "procureur", "monsieur", "madame", "m.", "mme",
)  # fmt: skip

# --- events ----------------------------------------------------------------------------------

CIRCUMSTANCE = (
    r"face [àa]", r"dans le cadre d[eu']", r"en pr[ée]vision d[eu]",
    r"pour (?:lutter contre|contrer)",
    r"pour r[ée]pondre [àa]", r"en r[ée]ponse [àa]",
)  # fmt: skip
ANAPHORA_DETERMINERS = (
    r"ces", r"cette", r"ce", r"ladite", r"ledit", r"la", r"le", r"les",
)  # fmt: skip
CONTINUATION_WORDS = (
    r"de\s+même", r"également", r"en\s+outre", r"par\s+ailleurs", r"aussi", r"de\s+plus",
)  # fmt: skip
ANAPHORA_NOUNS = (
    r"mesures?", r"d[ée]cisions?", r"d[ée]ploiements?", r"dispositifs?", r"op[ée]rations?",
    r"zones", r"troupes", r"forces", r"militaires", r"renforts", r"r[ée]gions",
    r"patrouilles", r"contr[ôo]les",
)  # fmt: skip
LATTER_PLACES = (
    r"(?:ces|les)\s+(?:deux\s+|trois\s+)?derni[èe]re?s\s+(?:zones|provinces|r[ée]gions"
    r"|localit[ée]s|communes|villes|d[ée]partements|districts|municipalit[ée]s|[ée]tats)",
)  # fmt: skip
OTHER_EVENT_WORDS = (
    r"[ée]lections?", r"scrutin", r"vote", r"second\s+tour", r"r[ée]f[ée]rendum",
)  # fmt: skip
OWNER_WORDS = (
    r"de", r"du", r"des", r"d'", r"par", r"venus\s+d[eu']",
)  # fmt: skip
PLACE_PART_WORDS = (
    "sud", "nord", "est", "ouest", "centre", "intérieur", "territoire", "sol", "frontière",
)  # fmt: skip
DEPARTURE_WORDS = (
    r"parti", r"quitt", r"sorti", r"d[ée]part(?![ae]?ment)",
)  # fmt: skip
LOCATOR_NOUNS = (
    r"r[ée]gion", r"d[ée]partement", r"province", r"[ée]tat",
)  # fmt: skip
ADJOINING_WORDS = (
    r"limitroph", r"voisin",
)  # fmt: skip
REFERENCE_WORDS = (
    r"\d[\d.,]*\s*(?:km|kilom[èe]tres?|milles|m[èe]tres)\s+"
    r"(?:(?:au\s+|à\s+l')(?:nord|sud|est|ouest)(?:-(?:est|ouest))?\s+)?(?:de|du|d')(?:\s+la)?",
    r"(?:au\s+|à\s+l')(?:nord|sud|est|ouest)(?:-(?:est|ouest))?\s+(?:de|du|d')(?:\s+la)?",
)  # fmt: skip
MOVING_FROM = (
    r"d[ée]plac\w*\s+(?:[\wÀ-ÿ]+\s+){0,3}(?:depuis|de|du|des|d')",
    r"(?:achemin|transf[ée]r|redéploy|redeploy)\w*\s+(?:[\wÀ-ÿ]+\s+){0,3}(?:depuis|de|du|des|d')",
)  # fmt: skip
TOWARD_WORDS = (
    r"vers", r"en\s+direction\s+d", r"à\s+destination\s+d",
)  # fmt: skip
CROSSING_WORDS = (
    r"postes?[-\s]fronti[eè]res?", r"points?\s+de\s+passage", r"passages?\s+frontaliers?",
)  # fmt: skip
IN_WORDS = (
    "à",
    "au",
    "aux",
    "dans",
    "en",
)
LIST_JOINERS = ("et", "ou")
ADMIN_KINDS = {
    "province": "province", "département": "department", "état": "state", "région": "region",
    "provinces": "province", "départements": "department", "états": "state",
    "régions": "region", "municipalité": "municipality", "municipalités": "municipality",
}  # fmt: skip
ADMIN_KINDS_AFTER: dict[str, str] = {}
ENABLING_WORDS = (
    r"permet\w*", r"autoris\w*", r"habilit\w*",
)  # fmt: skip
REPORT_WORDS = (
    r"annonc", r"indiqu", r"précis", r"affirm", r"expliqu", r"rapport", r"communiqu",
    r"a\s+dit", r"ont\s+dit", r"a\s+confirm", r"selon",
)  # fmt: skip
DOCUMENT_WORDS = (
    r"d[ée]crets?", r"arr[êe]t[ée]s?", r"lois?", r"r[ée]solutions?", r"ordonnances?",
)  # fmt: skip
AREA_NOUNS = (
    r"(?:r[ée]gion|zone|province|[ée]tat|d[ée]partement|commune|ville|localit[ée]|district"
    r"|municipalit[ée]|port)(?:\s+[\wÀ-ÿ]+)?\s+(?:de\s+la|du|des|de|d')",
)  # fmt: skip
PLACE_OBJECT_VERBS = (
    r"renforc\w+", r"patrouill\w+", r"s[ée]curis\w+", r"quadrill\w+", r"occup\w+",
    r"surveill\w+",
)  # fmt: skip
PER_PLACE = (
    r"(?:dans|pour|par)\s+(?:chaque|chacune?\s+des)\s+(?:[\wÀ-ÿ]+\s+)?(?:localit[ée]s?|communes?"
    r"|villes?|municipalit[ée]s?|provinces?|r[ée]gions?|d[ée]partements?|postes?|zones?)",
    r"par\s+(?:localit[ée]|commune|ville|municipalit[ée]|province|r[ée]gion|d[ée]partement|poste)",
)  # fmt: skip
