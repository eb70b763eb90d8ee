"""Reading a free-text place query the way Nominatim, Photon and Pelias split one.

``parse_query("Tetlán neighborhood in Guadalajara, Jalisco")`` gives the place asked for
(``Tetlán``), what kind of place the query says it is (``neighbourhood``), and the places that
contain it, narrowest first (``Guadalajara``, ``Jalisco``). Handled shapes:

- ``X, Y`` and ``X, Y, Z`` (also ``;``), ``X (Y)``;
- ``X in Y``, ``X near Y`` / ``outside`` / ``close to``, and their French and Spanish forms
  (``près de``, ``cerca de``);
- ``the X neighborhood of Y``, ``X neighbourhood in Y``;
- kind words before or after a name, in English, Spanish and French: ``X municipality``,
  ``state of X``, ``Baja California state``, ``the northern border town of X``,
  ``colonia X``, ``municipio de X``, ``département du X``.

A part that names a street, a road or a venue (``Calle 5 de Mayo``, ``the Tijuana-Ensenada
highway``) is flagged: no gazetteer has it, so the geocoder answers with its container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = {
    "city": "city town village pueblo ciudad ville villa localidad localite locality "
    "community comunidad ejido rancho ranch hamlet aldea poblado congregacion seat cabecera",
    "admin2": "municipality municipalities municipio municipios municipalite commune county "
    "parish delegacion delegation alcaldia canton partido",
    "admin1": "state estado etat province provincia departement departamento department region "
    "prefecture governorate gobernacion oblast territory territorio",
    "neighbourhood": "neighborhood neighbourhood colonia colonias barrio barrios quartier "
    "fraccionamiento subdivision district distrito sector zona suburb",
    "street": "street calle avenida avenue av road carretera highway autopista boulevard "
    "bulevar blvd rue route km kilometer kilometro bridge puente market mercado prison "
    "penal penitentiary cereso jail carcel hospital school escuela airport aeropuerto "
    "bar restaurant hotel church iglesia plaza park parque",
}
"""Kind words, by the kind of place they announce (ASCII-folded, lower case)."""
KIND_OF = {word: kind for kind, words in KINDS.items() for word in words.split()}
_ADJECTIVES = frozenset(
    "the a an its northern southern eastern western central north south east west "
    "northeastern northwestern southeastern southwestern border coastal rural small municipal "
    "mountain mountainous remote nearby neighboring neighbouring same".split()
)
_LEADING = frozenset("in on at near within inside en dans belonging to located".split())
"""Words that open a container part and are no part of its name (", in Apodaca")."""
_ARTICLES = frozenset("the a an".split())
_ARTICLE_ALONE = [[w] for w in "la las el los le les".split()]
"""What is left of a Spanish or French name ("La Aldea", "La Villa") if its last word, a kind
word, went."""
_EMPTY = frozenset("capital capitals area areas zone outskirts downtown centre center".split())
"""Words that, with kind words and adjectives alone, name no place ("the state capital")."""
_LINKS = frozenset("of de del du des d".split())
_RELATIONS = re.compile(
    r"\s+(?P<rel>in|near|outside of|outside|close to|on the outskirts of|en las afueras de|"
    r"(?:(?:some|about|\d+)\s+(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of|"
    r"cerca de|près de|pres de|à proximité de|a proximite de|aux environs de)\s+",
    re.IGNORECASE,
)
_KIND_OF_PARENT = re.compile(
    r"^(?:(?:in|at)\s+)?(?:the\s+)?(?P<name>.+?)\s+(?P<kind>neighbou?rhoods?|subdivision|"
    r"district|suburb|section|sector|"
    r"municipality|community|area|outskirts)\s+(?:of|in)\s+(?P<parent>.+)$",
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    r"^(?:.*?\s)?(?:(?:some|about|\d+)\s+(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of\s+(?P<place>.+)$",
    re.IGNORECASE,
)
"""A container part that places X by direction: ", a town south of Matamoros"."""
_INNER_PAREN = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<inner>[^()]+)\)(?P<rest>[^()]*)$")
_IN = re.compile(r"\s+(?:in|en|within|inside)\s+", re.IGNORECASE)
_PAREN = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?|\d+", re.UNICODE)


@dataclass(frozen=True)
class ParsedQuery:
    """A place query split into the place asked for and its containers."""

    name: str
    """The place asked for, kind words removed (may be empty: "the state capital")."""
    parents: tuple[str, ...] = ()
    """Places that contain it, narrowest first ("X, Y, Z" -> (Y, Z))."""
    kind: str | None = None
    """What the query says the place is: city, admin2, admin1, neighbourhood, street."""
    near: bool = False
    """True for "X near Y": the first parent is a neighbour, not a container."""
    parent_kinds: tuple[str | None, ...] = ()

    @property
    def structured(self) -> bool:
        """True when the query says more than a bare name."""
        return bool(self.parents) or self.kind is not None


def _fold(word: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(".")


def strip_kind(part: str) -> tuple[str, str | None]:
    """``("Baja California", "admin1")`` for "Baja California state"; ``(part, None)`` when
    the part carries no kind word. "Colonia Libertad" keeps its name (the word is part of it)
    but says its kind."""
    words = part.strip(" .:").split()
    while words and _fold(words[0]) in _LEADING:  # ", in the municipality of Juárez."
        words = words[1:]
    if not words:
        return "", None
    folded = [_fold(w) for w in words]
    if all(w in KIND_OF or w in _ADJECTIVES or w in _EMPTY or w in _LINKS for w in folded):
        kinds = [KIND_OF[w] for w in folded if w in KIND_OF]
        return "", kinds[-1] if kinds else None  # "the state capital": no name in it
    kind = None
    if "capital" in folded:  # "the capital of Chihuahua", "the Michoacán capital"
        i = folded.index("capital")
        after, before = words[i + 1 :], words[:i]
        if after and _fold(after[0]) in _LINKS and len(after) > 1:
            return " ".join(after[1:]), "capital"
        named = [w for w, f in zip(before, folded[:i], strict=True)
                 if f not in _ADJECTIVES and f not in KIND_OF]  # fmt: skip
        if named:
            return " ".join(named), "capital"
    # "the northern border town of X", "state of X", "municipio de X"
    for i, word in enumerate(folded):
        if word in KIND_OF and i + 1 < len(words):
            before = folded[:i]
            after = folded[i + 1 :]
            if all(w in _ADJECTIVES for w in before) and after and after[0] in _LINKS:
                rest = words[i + 2 :]
                if rest:
                    return " ".join(rest), KIND_OF[word]
    # "X municipality", "Baja California state", "Tijuana town"
    while (
        len(words) > 1
        and folded[-1] in KIND_OF
        and [w for w in folded[:-1] if w not in _ARTICLES] not in _ARTICLE_ALONE
    ):  # not "La Aldea community" -> "La": a name is never an article alone
        kind = kind or KIND_OF[folded[-1]]
        words, folded = words[:-1], folded[:-1]
    # leading articles always, adjectives only once a kind word went: "the Loma Bonita
    # neighborhood", "the northern border town"; "West Java" and "Central Plateau" are names
    while len(words) > 1 and (folded[0] in _ARTICLES or (kind and folded[0] in _ADJECTIVES)):
        words, folded = words[1:], folded[1:]
    # "Colonia Libertad", "Barrio Alto", "Carretera Federal 15": a kind word that leads
    if kind is None and len(words) > 1 and folded[0] in KIND_OF:
        kind = KIND_OF[folded[0]]
    return " ".join(words), kind


def parse_query(text: str) -> ParsedQuery:
    """Split *text* into the place asked for, its kind and its containers (see the module
    docstring). A bare name comes back as ``ParsedQuery(name)``."""
    query = " ".join(text.split())
    parts = [p.strip() for p in re.split(r"[,;]", query) if p.strip()]
    if not parts:
        return ParsedQuery("")
    head, parents = parts[0], parts[1:]
    near = False
    paren = _PAREN.match(head) or _INNER_PAREN.match(head)
    if paren:
        inner_kind = strip_kind(paren["inner"])[1]
        if inner_kind in ("neighbourhood", "street"):  # "Monterrey (Independencia colonia)"
            head = paren["name"]
        else:  # "Palca (Tacna)": the container
            head, parents = paren["name"], [paren["inner"].strip(), *parents]
    kind_of = _KIND_OF_PARENT.match(head)
    relation = _RELATIONS.search(head)
    if kind_of:  # "the Loma Bonita neighborhood of Culiacán"
        name, kind = strip_kind(f"{kind_of['name']} {kind_of['kind']}")
        parents = [kind_of["parent"].strip(), *parents]
        stripped = [strip_kind(p) for p in parents]
        return ParsedQuery(
            name=name,
            parents=tuple(p for p, _k in stripped if p),
            kind=kind,
            parent_kinds=tuple(k for p, k in stripped if p),
        )
    if relation and relation.start() > 0:
        rest = head[relation.end() :].strip()
        head = head[: relation.start()].strip()
        near = relation["rel"].lower() not in ("in", "en")
        parents = [rest, *parents]
    name, kind = strip_kind(head)
    if parents and (direction := _DIRECTION.match(parents[0])):
        parents[0], near = direction["place"], True
    # "a bar on X street, early on Saturday in the municipality of Salvatierra": the part
    # after each "in" is a container too, narrowest first
    parents = [piece for part in parents for piece in _IN.split(part) if piece.strip()]
    stripped = [strip_kind(p) for p in parents]
    return ParsedQuery(
        name=name,
        parents=tuple(p for p, _k in stripped if p),
        kind=kind,
        near=near,
        parent_kinds=tuple(k for p, k in stripped if p),
    )
