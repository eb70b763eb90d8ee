"""Spanish word lists (see :class:`geo.extract.lang.LangWords` for what each list is)."""

# --- numbers (counts, durations) -------------------------------------------------------------

NUMBER_UNITS = {
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
    "quince": 15, "dieciséis": 16, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21, "veintidós": 22,
    "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500,
    "seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
    "ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
}  # fmt: skip
NUMBER_HUNDREDS = ("cien", "ciento")
NUMBER_THOUSANDS = ("mil",)
NUMBER_MILLIONS = ("millón", "millon", "millones")
DIGIT_SCALES = ("mil", "millones", "millón")
AND_WORDS = ("y",)
SINGULAR_WORDS = ("uno", "una")

# --- troop counts ----------------------------------------------------------------------------

QUALIFIERS = {
    "más de": "at_least", "mas de": "at_least", "al menos": "at_least",
    "por lo menos": "at_least", "como mínimo": "at_least", "unos": "about", "unas": "about",
    "alrededor de": "about", "cerca de": "about", "aproximadamente": "about",
    "casi": "about", "un máximo de": "at_most", "hasta": "at_most", "menos de": "at_most",
}  # fmt: skip
FORCE_NOUNS = (
    r"soldados", r"militares", r"tropas", r"efectivos", r"uniformados", r"policías", r"agentes",
    r"marines", r"infantes\s+de\s+marina", r"guardias\s+nacionales", r"guardias",
    r"carabineros", r"gendarmes",
    r"(?:miembros|elementos|integrantes|efectivos|agentes|hombres)\s+{force_of}",
    r"elementos", r"personal\s+militar", r"hombres",
)  # fmt: skip
FORCE_NOUN_MODIFIERS = ()
FORCE_OF = ("del", "de las", "de los")
FORCE_NAMES = (
    "guardia nacional",
    "fuerzas armadas",
    "ejército",
    "policía",
    "armada",
    "fuerzas de seguridad",
    "fuerzas especiales",
    "fuerza aérea",
    "fuerzas",
)
WEAK_FORCE_NOUNS = ("hombres", "elementos", "agentes")
FORCE_CONTEXT = (
    r"despleg",
    r"despliegue",
    r"militar",
    r"ejército",
    r"policía",
    r"guardia",
    r"tropa",
)
ELIDED_OF = ("de ellos",)
ELIDED_AUXILIARIES = ("fueron", "han sido", "serán", "están")
ELIDED_PARTICLES = ("sido",)
ELIDED_PARTICIPLES = ("desplegad", "enviad", "movilizad")
NOT_COUNT_BEFORE = (r"ley", r"artículo", r"km", r"años?")
COLLECTIVES = {"centenar": 100, "millar": 1000}

# --- dates -----------------------------------------------------------------------------------

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS = {
    "ene": 1, "feb": 2, "mar": 3, "abr": 4, "jun": 6, "jul": 7, "ago": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dic": 12,
}  # fmt: skip
WEEKDAYS = {
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6,
}  # fmt: skip
DURATION_UNITS = {
    "día": 1, "días": 1, "dia": 1, "dias": 1, "semana": 7, "semanas": 7, "mes": 30,
    "meses": 30, "año": 365, "años": 365,
}  # fmt: skip
FUTURE_WORDS = ("próximo", "proximo")
PAST_WORDS = ("pasado",)

# --- sentences and articles ------------------------------------------------------------------

ABBREVIATIONS = tuple(
    "Sr Sra Srta Sres Dr Gral Cap Ud Uds Vd Vds nº ed dpto Lic Ing Arq Av".split()
)
COMMON_WORDS = tuple("el la los las del y es una en para que por con se al fue han sus".split())
BOILERPLATE = (
    r"\bsuscr[ií]b[ae]te\b",
    r"\bbolet[ií]n\b",
    r"\bs[ií]guenos\b",
    r"\bapoy[ae]\s+(?:nuestro|a)\b",
    r"\bhaz\s+una\s+donaci[oó]n\b",
    r"\bdon[ae]\s+(?:ahora|aqu[ií])\b",
    r"\bcookies?\s+pol[ií]tica\b",
    r"^\s*comentarios?\b",
    r"^\s*(?:lea|leer|ver)\s+tambi[ée]n\b",
    r"^\s*compartir\b",
    r"\btodos\s+los\s+derechos\s+reservados\b",
    r"^\s*publicidad\s*$",
)
