"""English word lists (see :class:`geo.extract.lang.LangWords` for what each list is)."""

# --- numbers (counts, durations) -------------------------------------------------------------

NUMBER_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# "six" is in the French list (same spelling, same value).
NUMBER_HUNDREDS = ("hundred", "hundreds")
NUMBER_THOUSANDS = ("thousand",)
NUMBER_MILLIONS = ("million", "millions")
DIGIT_SCALES = ("thousand", "million", "millions")
AND_WORDS = ("and",)
SINGULAR_WORDS = ("one", "a")

# --- troop counts ----------------------------------------------------------------------------

QUALIFIERS = {
    "more than": "at_least", "over": "at_least", "at least": "at_least", "about": "about",
    "around": "about", "some": "about", "approximately": "about", "nearly": "about",
    "roughly": "about", "an estimated": "about", "almost": "about", "up to": "at_most",
    "as many as": "at_most", "a maximum of": "at_most", "fewer than": "at_most",
    "less than": "at_most", "no more than": "at_most",
}  # fmt: skip
FORCE_NOUNS = (
    r"National\s+Guardsmen",
    r"National\s+Guard(?:\s+(?:members|troops|soldiers|personnel|forces))?",
    r"Guard\s+(?:members|troops|soldiers)", r"Guardsmen", r"peacekeepers",
    r"guardsmen", r"troops", r"soldiers", r"service\s*members", r"servicemembers",
    r"military\s+personnel", r"personnel", r"Marines", r"marines", r"sailors", r"airmen",
    r"police\s+officers", r"police", r"officers", r"agents", r"paratroopers",
    r"members\s+of\s+the\s+(?:National\s+Guard|armed\s+forces|military)",
)  # fmt: skip
FORCE_NOUN_MODIFIERS = (
    r"U\.S\.", r"US", r"American", r"active[- ]duty", r"additional", r"more", r"new", r"armed",
    r"federal", r"foreign", r"military", r"Army", r"Marine", r"Navy", r"Air\s+Force",
    r"Border\s+Patrol", r"CBP", r"ICE", r"Coast\s+Guard", r"regular", r"reserve", r"UN",
    r"[A-Z][a-z]+an",
)  # fmt: skip
FORCE_OF = ()
FORCE_NAMES = ()
WEAK_FORCE_NOUNS = ("personnel", "officers", "agents")
FORCE_CONTEXT = (r"deploy", r"troop", r"military", r"army", r"police", r"guard", r"soldier")
ELIDED_OF = ("of them",)
ELIDED_AUXILIARIES = (
    "were",
    "have been",
    "had been",
    "will be",
    "are being",
    "are",
    "already",
)
ELIDED_PARTICLES = ("been", "already")
ELIDED_PARTICIPLES = ("deployed", "sent", "dispatched", "stationed", "mobilized", "mobilised")
NOT_COUNT_BEFORE = (r"law", r"section", r"page", r"km", r"years?")
COLLECTIVES: dict[str, int] = {}
VAGUE_COUNTS: dict[str, tuple[int, str]] = {
    r"several\s+hundred": (200, "at_least"),
    r"(?:many\s+)?hundreds\s+of": (200, "at_least"),
    r"several\s+thousand": (2000, "at_least"),
    r"(?:many\s+)?thousands\s+of": (2000, "at_least"),
    r"(?:several\s+)?dozens\s+of": (24, "at_least"),
    r"(?:about\s+|some\s+)?a\s+dozen": (12, "about"),
    r"(?:some\s+|about\s+)?(?:two|2)\s+dozen": (24, "about"),
}

# --- dates -----------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
DURATION_UNITS = {
    "day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365,
    "years": 365,
}  # fmt: skip
FUTURE_WORDS = ("next",)
PAST_WORDS = ("last",)

# --- sentences and articles ------------------------------------------------------------------

ABBREVIATIONS = tuple(
    "Mr Mrs Ms Dr Drs Jr St Sts Gen Col Lt Sgt Capt Adm Gov Sen Rep etc cf p pp no vol art ch"
    " fig op ed dept vs approx Av".split()
)
COMMON_WORDS = tuple("the and of to is in for that with on was were have has by from are".split())
BOILERPLATE = (
    r"\bsubscribe\s+(?:to\s+(?:our|the)\b|now\b|today\b|here\b)",
    r"^\s*subscribe\b",
    r"\bsign\s+up\s+(?:for|to)\s+(?:our|the)\s+(?:daily|weekly|free)?",
    r"\byoutube\s+channel\b",
    r"\bfollow\s+us\b",
    r"\b(?:please\s+)?donate\s+(?:now|today|here)\b",
    r"\bmake\s+a\s+donation\b",
    r"\bsupport\s+our\s+(?:work|journalism)\b",
    r"\bcookies?\s+(?:policy|settings)\b",
    r"^\s*comments?\b",
    r"^\s*(?:read|see)\s+(?:also|more)\b",
    r"^\s*share\s+(?:this|on)\b",
    r"\ball\s+rights\s+reserved\b",
    r"^\s*advertisement\s*$",
)

# --- actors and deployment types --------------------------------------------------------------

FORCES = [
    (r"air\s+force", "air force"),
    (r"marine\s+corps|marines", "marines"),
    (r"navy", "navy"),
    (r"armed\s+forces", "armed forces"),
    (r"special\s+forces", "special forces"),
    (r"security\s+forces", "security forces"),
    (r"national\s+guard(?:smen)?|guardsmen", "national guard"),
    (r"border\s+patrol", "border police"),
    (r"coast\s+guard", "coast guard"),
    (r"police(?:\s+officers)?", "police"),
    (r"army", "army"),
    (r"troops|soldiers|military\s+personnel|service\s*members|the\s+military", "military"),
]  # fmt: skip
NATIONALITY_STEMS = (
    r"U\.S\.", r"US", r"American", r"Peruvian", r"Mexican", r"Chilean", r"Colombian",
    r"Venezuelan", r"Ecuadorian", r"Brazilian", r"Argentine", r"Argentinian", r"Bolivian",
    r"Honduran", r"Guatemalan", r"Salvadoran", r"Nicaraguan", r"Cuban", r"Haitian",
    r"Dominican", r"Canadian", r"French", r"Spanish", r"British", r"Chinese", r"Russian",
    r"Panamanian", r"Kenyan", r"Jamaican", r"Bahamian", r"Belizean", r"Beninese", r"Chadian",
    r"Bangladeshi", r"Nepalese", r"Sri\s+Lankan", r"Guyanese", r"foreign",
)  # fmt: skip
NATIONALITY_ENDING = r""
ACTOR_MODIFIERS = ()
NOT_COUNTRY = (
    r"Defense", r"Interior",
)  # fmt: skip
NEGATION_WORDS = (
    r"no", r"not", r"never",
)  # fmt: skip
HYPOTHETICAL_WORDS = (
    r"could", r"would", r"might", r"may", r"consider\w*",
)  # fmt: skip
TRIGGERS = [
    ("troop_deployment", r"(?:re)?deploy\w*", 1.0, True),
    ("troop_deployment", r"sen(?:d|ds|t|ding)\b", 0.7, True),
    ("troop_deployment", r"mobili[sz]\w+|dispatch\w*|militari[sz]\w+", 0.7, True),
    ("troop_deployment", r"troop\s+surge|additional\s+troops", 0.9, False),
    # the headline's deployment: "5,200 US troops to the south-west border", "900 troops to
    # combat violence in Sinaloa"
    ("troop_deployment", r"\d[\d,.]*\s+(?:more\s+|additional\s+|extra\s+)?(?:U\.S\.\s+|US\s+)?"
     r"(?:troops|soldiers|guardsmen|marines|personnel)\s+to\b", 0.8, False),
    ("troop_deployment", r"(?:troops|soldiers|service\s+members|guardsmen)\s+"
     r"(?:\w+\s+){0,2}(?:have\s+|has\s+)?arriv\w+", 0.8, False),
    # posts, bases and camps set up are a deployment
    ("troop_deployment", r"(?:set\s+up|establish\w*|install\w*|open\w*)\s+(?:[\w-]+\s+){0,3}?"
     r"(?:posts?|bases?|camps?|outposts?|command\s+posts?)\b", 0.8, False),
    # verbs of presence and movement count only beside an armed force or a troop number
    ("troop_deployment", r"patrol\w*|reinforc\w+|station(?:ed|ing)\b|operations?", 0.8, True),
    ("troop_deployment", r"arriv\w+|(?:were|was|be|been)\s+sent", 0.7, True),
    ("foreign_troops", r"foreign\s+troops|U\.S\.\s+troops\s+in|presence\s+of\s+(?:U\.S\."
     r"|US|American|foreign)\s+(?:troops|forces|military)", 1.0, False),
    ("state_of_emergency", r"states?\s+of\s+(?:emergency|exception|siege)"
     r"|national\s+emergency|martial\s+law|curfews?|declared\s+an?\s+emergency", 1.0, False),
    ("border_control", r"border\s+closure|closure\s+of\s+(?:the|its)\s+border"
     r"|clos\w+\s+(?:the|its)\s+border|border\s+(?:controls?"
     r"|checks?)|sealed\s+(?:the|its)\s+border|border\s+(?:security|enforcement|mission"
     r"|surveillance|patrols?)|secur\w+\s+(?:the|its)\s+borders?"
     r"|national\s+defen[cs]e\s+areas?", 1.0, False),
    # a force sent to stop crossings and smuggling controls a border, whatever the verb
    ("border_control", r"(?:stop|curb|stem|prevent|control|block|deter|halt|combat|fight)\w*"
     r"\s+(?:the\s+)?(?:flow|entry|crossings?|smuggling|trafficking|migrants|migration"
     r"|illegal\s+(?:crossings?|immigration|entry))", 0.9, True),
    ("military_exercise", r"(?:joint|military|naval)\s+(?:exercises?|drills?|training)"
     r"|exercises?|drills?|maneuvers?|manoeuvres?|training", 0.9, False),
    ("security_agreement", r"agreements?|cooperat\w+|memorandum|pact|accord", 1.0, False),
    ("security_agreement", r"meeting|summit|met\s+with", 0.5, False),
    ("migration", r"caravans?|migrants?|asylum|refugees?|migration\s+crisis", 1.0, False),
]  # fmt: skip
ENTRY_NOUNS = (
    r"entry", r"presence", r"arrival",
)  # fmt: skip
ENTRY_OF = (
    r"of",
)  # fmt: skip
ENTRY_TO = (
    r"to",
)  # fmt: skip
ENTRY_VERBS = (
    r"enter", r"stationed",
)  # fmt: skip
SOIL_WORDS = ()

# --- place mentions --------------------------------------------------------------------------

BORDER_WORDS = (
    r"borders?",
)  # fmt: skip
DIRECTIONS = (
    r"south-west", r"southwest", r"south-east", r"southeast", r"north-west", r"northwest",
    r"north-east", r"northeast", r"south", r"north", r"east", r"west", r"southern",
    r"northern", r"eastern", r"western",
)  # fmt: skip
DETERMINERS = (
    r"the", r"our",
)  # fmt: skip
WITH_WORDS = (
    r"with",
)  # fmt: skip
ARTICLES = (
    r"the",
)  # fmt: skip
TERRITORY_WORDS = (
    r"soil", r"territory",
)  # fmt: skip
LEADING_JUNK = (
    "state of", "province of", "department of", "city of", "town of", "district of",
    "region of", "county of", "municipality of",
)  # fmt: skip
PLACE_OF_WORDS = ("of",)
CROSSING_NOUNS: tuple[str, ...] = ()
FACILITY_NOUNS = (
    "airport", "port", "stadium", "museum", "theatre", "theater", "palace", "hospital",
    "prison", "jail", "barracks", "base", "fort", "station", "bridge", "square", "park",
    "cathedral", "church", "market", "caves",
)  # fmt: skip
TOWN_NOUNS = ("city", "cities", "town", "towns", "village", "villages")  # fmt: skip
SPEECH_VERBS = (
    "said", "says", "told", "added", "stated", "noted", "explained", "argued", "insisted",
    "warned", "according to",
)  # fmt: skip
NAME_ARTICLES = ()
DAY_WORDS = ("yesterday", "today", "tomorrow", "tonight")
TITLE_WORDS = (
    "president", "minister", "secretary", "governor", "general", "gen.", "colonel", "col.",
    "commander", "captain", "capt.", "lieutenant", "lt.", "sergeant", "sgt.", "admiral",
    "adm.", "mayor", "senator", "sen.", "representative", "rep.", "judge", "attorney",
    "mr.", "mrs.", "ms.", "dr.",
)  # fmt: skip

# --- events ----------------------------------------------------------------------------------

CIRCUMSTANCE = (
    r"in (?:the face of|response to|anticipation of)", r"to respond to", r"amid",
)  # fmt: skip
ANAPHORA_DETERMINERS = (
    r"these", r"this", r"the",
)  # fmt: skip
CONTINUATION_WORDS = (
    r"also", r"likewise", r"in\s+addition", r"similarly", r"meanwhile", r"furthermore",
)  # fmt: skip
ANAPHORA_NOUNS = (
    r"measures?", r"deployments?", r"operations?", r"troops", r"forces", r"areas",
    r"controls", r"regions", r"municipalities", r"units", r"patrols",
)  # fmt: skip
LATTER_PLACES = (
    r"the\s+latter(?:\s+(?:two|three))?(?:\s+(?:areas|provinces|regions|districts"
    r"|municipalities|towns|cities|departments|states|zones|jurisdictions))?",
)  # fmt: skip
OTHER_EVENT_WORDS = (
    r"elections?", r"vote", r"run-?offs?", r"referendum",
)  # fmt: skip
OWNER_WORDS = (
    r"of", r"from", r"by",
)  # fmt: skip
PLACE_PART_WORDS = (
    "south", "north", "east", "west", "centre", "center", "interior", "parts", "border",
)  # fmt: skip
DEPARTURE_WORDS = (
    r"left", r"depart(?![ae]?ment)", r"fled", r"leaving", r"escap",
)  # fmt: skip
LOCATOR_NOUNS = (
    r"region", r"state",
)  # fmt: skip
ADJOINING_WORDS = (
    r"bordering", r"adjacent", r"neighbou?ring",
)  # fmt: skip
REFERENCE_WORDS = (
    r"\d[\d.,]*\s*(?:km|kilomet(?:er|re)s?|miles)\s+(?:[a-z-]+\s+)?(?:of|from)(?:\s+the)?",
    r"(?<!the\s)(?:(?:north|south)-?(?:east|west)|north|south|east|west)\s+of",
)  # fmt: skip
MOVING_FROM = (
    r"(?:mov|redeploy|transferr|relocat|shift)\w*\s+(?:[\w-]+\s+){0,3}from",
)  # fmt: skip
TOWARD_WORDS = (
    r"towards?", r"to", r"bound\s+for",
)  # fmt: skip
CROSSING_WORDS = (
    r"border\s+crossings?", r"crossings?", r"ports?\s+of\s+entry", r"checkpoints?",
)  # fmt: skip
IN_WORDS = ("in",)
LIST_JOINERS = ("and", "or")
ADMIN_KINDS = {
    "province": "province", "department": "department", "state": "state", "region": "region",
    "provinces": "province", "departments": "department", "states": "state",
    "regions": "region", "municipality": "municipality", "municipalities": "municipality",
}  # fmt: skip
ADMIN_KINDS_AFTER = {
    "state": "state", "states": "state", "province": "province", "provinces": "province",
    "department": "department", "departments": "department", "region": "region",
    "regions": "region",
}  # fmt: skip
ENABLING_WORDS = (
    r"allow\w*", r"permit\w*", r"authori[sz]\w*", r"enabl\w*",
)  # fmt: skip
REPORT_WORDS = (
    r"said", r"says", r"announc", r"report", r"told", r"stated", r"confirm", r"explain",
)  # fmt: skip
DOCUMENT_WORDS = (
    r"resolutions?", r"decrees?", r"laws?", r"orders?", r"bills?",
)  # fmt: skip
AREA_NOUNS = (
    r"(?:region|area|zone|province|state|department|municipality|city|town|district|port)"
    r"\s+of(?:\s+the)?",
)  # fmt: skip
PLACE_OBJECT_VERBS = (
    r"reinforc\w+", r"patroll?\w*", r"secur\w+", r"occup\w+", r"guard(?:s|ed|ing)",
)  # fmt: skip
PER_PLACE = (
    r"(?:in|for|at|to)\s+each\s+(?:of\s+the\s+)?(?:[\w-]+\s+)?(?:towns?|city|cities"
    r"|municipalit(?:y|ies)|provinces?|states?|departments?|count(?:y|ies)|posts?|crossings?"
    r"|areas?|regions?)",
    r"per\s+(?:town|city|municipality|province|state|department|county|post|crossing|area"
    r"|region)",
)  # fmt: skip
