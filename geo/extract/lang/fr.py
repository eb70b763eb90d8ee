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
    r"garde-côtes", r"casques\s+bleus",
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
