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
VAGUE_COUNTS = {
    r"varios\s+cientos\s+de": (200, "at_least"),
    r"(?:cientos|centenares)\s+de": (200, "at_least"),
    r"varios\s+miles\s+de": (2000, "at_least"),
    r"(?:miles|millares)\s+de": (2000, "at_least"),
    r"decenas\s+de": (20, "at_least"),
    r"una\s+veintena\s+de": (20, "about"),
    r"una\s+docena\s+de": (12, "about"),
}

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

# --- actors and deployment types --------------------------------------------------------------

FORCES = [
    (r"fuerza\s+aérea", "air force"),
    (r"infantes\s+de\s+marina|marines", "marines"),
    (r"armada|marina\s+de\s+guerra", "navy"),
    (r"fuerzas\s+armadas|ff\.\s?aa\.", "armed forces"),
    (r"fuerzas\s+especiales", "special forces"),
    (r"fuerzas\s+de\s+seguridad|fuerzas\s+del\s+orden", "security forces"),
    (r"guardia\s+nacional|guardias\s+nacionales", "national guard"),
    (r"patrulla\s+fronteriza", "border police"),
    (r"guardia\s+costera|guardacostas|prefectura(?:\s+naval)?", "coast guard"),
    (r"gendarmería", "gendarmerie"),
    (r"carabineros|policía(?:\s+nacional)?|policías", "police"),
    (r"ejército", "army"),
    (r"militares|soldados|tropas|efectivos\s+militares|personal\s+militar", "military"),
]  # fmt: skip
NATIONALITY_STEMS = (
    r"estadounidenses?", r"norteamericano", r"peruano", r"mexicano", r"chileno", r"colombiano",
    r"venezolano", r"ecuatoriano", r"brasileño", r"argentino", r"boliviano", r"hondureño",
    r"guatemalteco", r"salvadoreño", r"cubano", r"haitiano", r"dominicano", r"panameño",
    r"costarricense", r"uruguayo", r"paraguayo", r"extranjero", r"ruso", r"chino",
    r"británico", r"francés", r"española?", r"canadiense", r"nicaragüense",
    r"keniano", r"jamaiquino", r"bahameño", r"beliceño", r"chadiano", r"bangladesí", r"nepalí",
)  # fmt: skip
NATIONALITY_ENDING = r"(?:a|o)?s?"
ACTOR_MODIFIERS = (
    r"armados?", r"armadas?", r"nacional(?:es)?", r"desplegados", r"federales?",
)  # fmt: skip
NOT_COUNTRY = (
    r"Defensa", r"Interior", r"Lima", r"Congreso", r"Guardia", r"Estado",
)  # fmt: skip
NEGATION_WORDS = (
    r"no", r"nunca", r"sin", r"ni",
)  # fmt: skip
HYPOTHETICAL_WORDS = (
    r"podría\w*", r"consider\w+", r"planea\w*",
)  # fmt: skip
TRIGGERS = [
    ("troop_deployment", r"despl(?:ieg|eg)\w+", 1.0, True),
    ("troop_deployment", r"env(?:ío|io|iar|ió|iará|iarán|iado|iados)\b", 0.8, True),
    ("troop_deployment", r"moviliz\w+|militariz\w+", 0.7, True),
    ("troop_deployment", r"intervención\s+(?:militar|del\s+ejército)", 1.0, False),
    ("troop_deployment", r"(?:soldados|militares|tropas|efectivos|uniformados)\s+"
     r"(?:\w+\s+){0,2}lleg\w+", 0.8, False),
    # posts, bases and camps set up are a deployment ("fueron instalados Puestos de Mando")
    ("troop_deployment", r"(?:instal|establec|estableci|mont|levant|habilit)\w*\s+(?:[\wÀ-ÿ]+\s+)"
     r"{0,3}?(?:puestos?|bases?|campamentos?|destacamentos?|comandos?|PMU)\b", 0.8, False),
    # verbs of presence and movement count only beside an armed force or a troop number
    ("troop_deployment", r"patrull\w+|refuerz\w+|reforz\w+|resguard\w+|custodi\w+"
     r"|operativos?|vigilancia", 0.8, True),
    ("troop_deployment", r"arrib\w+|lleg(?:ó|aron|arán|an|ado|ados|ada|adas)\b|desembarc\w+"
     r"|trasladad\w+|destacad\w+|apostad\w+|distribuid\w+|enviad\w+", 0.7, True),
    ("foreign_troops", r"tropas\s+(?:estadounidenses|extranjeras|norteamericanas)"
     r"|militares\s+(?:estadounidenses|extranjeros)|base\s+militar\s+"
     r"(?:estadounidense|extranjera)", 1.0, False),
    ("foreign_troops", r"presencia\s+(?:militar\s+)?en\s+(?:territorio|suelo)\s+"
     r"{nationality}", 0.8, False),
    ("state_of_emergency", r"estados?\s+de\s+(?:emergencia|excepción|sitio)"
     r"|emergencia\s+nacional|ley\s+marcial|toque\s+de\s+queda|régimen\s+de\s+excepción",
     1.0, False),
    ("border_control", r"cierre\s+(?:de\s+)?(?:la\s+)?frontera|cerr\w+\s+(?:la\s+)?frontera"
     r"|controles?\s+(?:fronterizos?|migratorios?|aduaneros?)|blind\w+\s+(?:la\s+)?frontera"
     r"|sell\w+\s+(?:la\s+frontera|(?:los\s+)?(?:\d+\s+)?(?:municipios|pasos))"
     r"|(?:vigilancia|control|resguardo|custodia|protección|seguridad)\s+(?:de\s+|en\s+)?"
     r"(?:la\s+|las\s+)?fronteras?"
     r"|(?:municipios|pasos|cruces|puestos)\s+(?:fronterizos\s+)?(?:cerrados|sellados|clausurados)"
     r"|(?:módulos?|puntos?|puestos?)\s+de\s+(?:inspección|revisión)", 1.0, False),
    # a force sent to stop crossings and smuggling controls a border, whatever the verb
    ("border_control", r"(?:inhibir|contener|frenar|controlar|vigilar|impedir|evitar|combatir"
     r"|lucha\s+contra|detener|reducir)\s+(?:el\s+|la\s+|los\s+|las\s+)?(?:tráfico|contrabando|paso|ingreso"
     r"|cruces?|flujo|entrada|migración|migrantes|trata|narcotráfico|delitos\s+transfronterizos)",
     0.9, True),
    ("border_control", r"pasos?\s+(?:fronterizos?|ilegales|no\s+habilitados)"
     r"|puestos?\s+(?:de\s+control|fronterizos?)|puntos?\s+de\s+control|retenes",
     0.8, True),
    ("military_exercise", r"ejercicios?\s+(?:militar(?:es)?|conjuntos?|combinados?"
     r"|naval(?:es)?)|maniobras?|entrenamiento", 1.0, False),
    ("military_exercise", r"capacitación|formación", 0.7, True),
    ("security_agreement", r"convenios?|acuerdos?|cooperación|coopera\w+|memorando", 1.0,
     False),
    ("security_agreement", r"reunión|cumbre|se\s+reuni\w+", 0.5, False),
    ("migration", r"caravanas?|migrantes?|solicitudes\s+de\s+asilo|asilo|refugiados?"
     r"|crisis\s+migratoria", 1.0, False),
]  # fmt: skip
ENTRY_NOUNS = (
    r"ingreso", r"entrada", r"presencia", r"llegada",
)  # fmt: skip
ENTRY_OF = (
    r"del",
)  # fmt: skip
ENTRY_TO = (
    r"a",
)  # fmt: skip
ENTRY_VERBS = (
    r"entrar", r"estacionad[oa]s?", r"presentes?",
)  # fmt: skip
SOIL_WORDS = (
    r"en\s+territorio", r"en\s+suelo",
)  # fmt: skip

# --- place mentions --------------------------------------------------------------------------

BORDER_WORDS = (
    r"fronteras?", r"fronterizos?", r"l[íi]mites?(?=\s+con\s)",
)  # fmt: skip
DIRECTIONS = (
    r"suroeste", r"sureste", r"noroeste", r"noreste", r"sur", r"norte", r"este", r"oeste",
)  # fmt: skip
DETERMINERS = (
    r"la", r"nuestra", r"nuestras",
)  # fmt: skip
WITH_WORDS = (
    r"con",
)  # fmt: skip
ARTICLES = (
    r"el", r"la", r"los", r"las",
)  # fmt: skip
TERRITORY_WORDS = (
    r"suelo", r"territorio", r"espacio a[ée]reo",
)  # fmt: skip
LEADING_JUNK = (
    "distrito de", "distritos de", "provincia de", "provincias de", "departamento de",
    "municipio de", "municipios de", "estado de", "región de", "comuna de", "cantón de",
    "parroquia de", "localidad de", "ciudad de", "el", "los", "las", "del", "de", "en", "al",
    "a",
    # Venezuelan usage, without "de": "el estado Zulia", "el municipio Catatumbo"
    "estado", "estados", "municipio", "municipios", "parroquia",
)  # fmt: skip
PLACE_OF_WORDS = ("de",)
CROSSING_NOUNS = ("paso", "hito", "complejo fronterizo", "puesto fronterizo")  # fmt: skip
FACILITY_NOUNS = (
    "aeropuerto", "aeródromo", "puerto", "estadio", "coliseo", "pabellón", "polideportivo",
    "museo", "teatro", "auditorio", "palacio", "hospital", "clínica", "cárcel", "penal",
    "penitenciaría", "prisión", "cuartel", "base", "fuerte", "comisaría", "estación",
    "terminal", "aduana", "muelle", "puente", "plaza", "paseo", "avenida", "calle", "parque",
    "iglesia", "catedral", "basílica", "mercado", "cuevas", "cueva",
)  # fmt: skip
TOWN_NOUNS = (
    "ciudad", "ciudades", "localidad", "localidades", "pueblo", "pueblos", "poblado", "poblados",
)  # fmt: skip
SPEECH_VERBS = (
    "dijo", "añadió", "agregó", "afirmó", "aseguró", "señaló", "explicó", "indicó", "precisó",
    "resaltó", "sostuvo", "declaró", "manifestó", "insistió", "reiteró", "subrayó", "destacó",
    "advirtió", "comentó", "consideró", "opinó", "expresó", "recordó", "apuntó", "aclaró",
    "según",
)  # fmt: skip
NAME_ARTICLES = ("el", "la", "del", "al")
DAY_WORDS = ("ayer", "hoy", "mañana", "anteayer", "anoche", "pasado mañana")
TITLE_WORDS = (
    "presidente", "presidenta", "ministro", "ministra", "secretario", "secretaria",
    "gobernador", "gobernadora", "general", "coronel", "comandante", "capitán", "teniente",
    "sargento", "almirante", "alcalde", "alcaldesa", "senador", "senadora", "diputado",
    "diputada", "juez", "jueza", "fiscal", "señor", "señora", "sr.", "sra.", "gral.",
)  # fmt: skip

# --- events ----------------------------------------------------------------------------------

CIRCUMSTANCE = (
    r"ante", r"frente a", r"en el marco de", r"en previsi[oó]n de",
    r"para\s+(?:responder\s+a|atender)",
)  # fmt: skip
ANAPHORA_DETERMINERS = (
    r"estas", r"esta", r"estos", r"este", r"dicha", r"dichas", r"dicho", r"dichos",
    r"la", r"las", r"el", r"los",
)  # fmt: skip
CONTINUATION_WORDS = (
    r"igualmente", r"asimismo", r"también", r"además", r"de\s+igual\s+forma",
    r"del\s+mismo\s+modo", r"por\s+otro\s+lado",
)  # fmt: skip
ANAPHORA_NOUNS = (
    r"medidas?", r"despliegues?", r"decisi[oó]n", r"decisiones", r"regiones", r"zonas",
    r"operaciones", r"operativos", r"municipios", r"localidades", r"tropas", r"efectivos",
    r"elementos", r"fuerzas", r"acciones", r"patrullajes", r"patrullas", r"controles",
)  # fmt: skip
LATTER_PLACES = (
    r"(?:estas|estos|dichas|dichos|las|los)\s+(?:dos\s+|tres\s+)?[úu]ltim[oa]s\s+"
    r"(?:jurisdicciones|zonas|[áa]reas|provincias|regiones|localidades|municipios|distritos"
    r"|departamentos|comunidades|ciudades|cantones|comunas|estados)",
)  # fmt: skip
OTHER_EVENT_WORDS = (
    r"elecciones", r"votaci[oó]n", r"comicios", r"balotaje", r"segunda\s+vuelta", r"referendo",
    r"refer[ée]ndum",
)  # fmt: skip
OWNER_WORDS = (
    r"de", r"del", r"desde", r"por", r"procedentes\s+de", r"provenientes\s+de",
)  # fmt: skip
PLACE_PART_WORDS = (
    "sur", "norte", "este", "oeste", "centro", "interior", "territorio", "suelo", "frontera",
    "partes",
)  # fmt: skip
DEPARTURE_WORDS = (
    r"sali", r"huy", r"hu[íi]",
)  # fmt: skip
LOCATOR_NOUNS = (
    r"departamento", r"provincia", r"estado",
)  # fmt: skip
ADJOINING_WORDS = (
    r"limítrof", r"limitrof", r"colindant", r"lindant", r"aledañ",
    # "la región del Catatumbo, fronteriza con (Venezuela)": only the neighbours right after
    # "con" ("los municipios fronterizos con Guatemala, como Suchiate" keeps Suchiate)
    r"fronteriz[oa]s?(?=\s+con\s+[^,.;:\n]*$)",
)  # fmt: skip
REFERENCE_WORDS = (
    r"\d[\d.,]*\s*(?:km|kil[óo]metros?|millas|metros)\s+(?:al\s+[a-z]+\s+)?del?(?:\s+la)?",
    r"al\s+(?:norte|sur|(?:nor|sur)?(?:este|oeste))\s+del?(?:\s+la)?",
)  # fmt: skip
MOVING_FROM = (
    r"(?:desplaz|traslad|moviliz|mov|movi)\w*\s+(?:[\wÀ-ÿ]+\s+){0,3}(?:desde|de)",
)  # fmt: skip
TOWARD_WORDS = (
    r"hacia", r"rumbo\s+a", r"con\s+destino\s+a",
)  # fmt: skip
CROSSING_WORDS = (
    r"pasos?", r"puestos?\s+fronterizos?", r"cruces?\s+fronterizos?",
    r"puentes?\s+internacional(?:es)?",
)  # fmt: skip
IN_WORDS = ("en",)
LIST_JOINERS = ("y", "e", "o", "u")
ADMIN_KINDS = {
    "provincia": "province", "departamento": "department", "estado": "state",
    "región": "region", "provincias": "province", "departamentos": "department",
    "estados": "state", "regiones": "region", "municipio": "municipality",
    "municipios": "municipality",
}  # fmt: skip
ADMIN_KINDS_AFTER: dict[str, str] = {}
ENABLING_WORDS = (
    r"permit\w*", r"autoriz\w*", r"habilit\w*", r"faculta\w*",
)  # fmt: skip
REPORT_WORDS = (
    r"comunic", r"inform", r"anunci", r"dijo", r"señal", r"indic", r"precis", r"explic",
    r"confirm", r"afirm", r"report",
)  # fmt: skip
DOCUMENT_WORDS = (
    r"resoluci[oó]n(?:es)?", r"decretos?", r"leyes", r"ley", r"ordenanzas?", r"D\.?\s?S\.?",
    r"R\.?\s?S\.?", r"R\.?\s?M\.?", r"acuerdos?",
)  # fmt: skip
AREA_NOUNS = (
    r"(?:regi[oó]n|zona|provincia|estado|departamento|municipio|ciudad|localidad|comuna"
    r"|distrito|cant[oó]n|parroquia|entidad|puerto)(?:\s+[\wÀ-ÿ]+)?\s+(?:de(?:l|\s+la)?)",
)  # fmt: skip
PLACE_OBJECT_VERBS = (
    r"reforz\w+", r"refuerz\w+", r"patrull\w+", r"custodi\w+", r"resguard\w+", r"vigil\w+",
    r"ocup\w+", r"blind\w+",
)  # fmt: skip
PER_PLACE = (
    r"(?:por|en|para)\s+cada\s+(?:una\s+de\s+las\s+|uno\s+de\s+los\s+)?(?:localidad(?:es)?"
    r"|municipios?|ciudad(?:es)?|comunidad(?:es)?|provincias?|estados?|departamentos?"
    r"|cantones|cant[oó]n|puestos?|pasos?|zonas?|regi[oó]n(?:es)?)",
    r"por\s+(?:localidad|municipio|ciudad|comunidad|provincia|estado|departamento|cant[oó]n"
    r"|puesto|paso|zona|regi[oó]n)",
)  # fmt: skip
