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
    r"National\s+Guard(?:\s+(?:members|troops|soldiers|personnel|forces))?", r"Guardsmen",
    r"guardsmen", r"troops", r"soldiers", r"service\s*members", r"servicemembers",
    r"military\s+personnel", r"personnel", r"Marines", r"marines", r"sailors", r"airmen",
    r"police\s+officers", r"police", r"officers", r"agents", r"paratroopers",
    r"members\s+of\s+the\s+(?:National\s+Guard|armed\s+forces|military)",
)  # fmt: skip
FORCE_NOUN_MODIFIERS = (
    r"U\.S\.", r"US", r"American", r"active[- ]duty", r"additional", r"more", r"new", r"armed",
    r"federal", r"foreign", r"military", r"Army", r"Marine", r"Navy", r"Air\s+Force",
    r"Border\s+Patrol", r"regular", r"reserve", r"[A-Z][a-z]+an",
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
