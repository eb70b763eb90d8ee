"""Stage 2b: resolve place mentions to gazetteer places, in the context of the whole article.

Context is what a reader uses: the countries the article names (by name or adjective:
"péruvien", "américano-mexicaine"), the places resolved around a mention, and the article's
focus country. Ranking itself is the geocoder's (:class:`geo.geocoders.OfflineGeocoder`);
this module decides what context to give it, and handles what it cannot: a bare "la frontière"
refers back to the last border named, a country's "sol" is the country.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geo.extract.lang import every_language
from geo.extract.mentions import BORDER, TERRITORY, Mention
from geo.gazetteer.borders import haversine_km
from geo.text import name_key, normalize_text

_WORD_RE = re.compile(r"[\wÀ-ÿ]+(?:-[\wÀ-ÿ]+)*")
_FRONTALIER_RE = re.compile(r"frontali[eè]re?s?", re.IGNORECASE)
_UNSCORED = 5.0  # an online answer has no offline score: count it as a middling match
_CONTEXT_WINDOW = 300  # characters around a mention whose places are its context
_LOCATOR_SEP = re.compile(
    r"\s*(?:,\s*(?:(?:"
    + "|".join(w for x in every_language() for w in x.in_words)
    + r")\s+)?|\(\s*)"
)
"""Between a place and the larger place that locates it: "Austin, Indiana", "Austin, in Scott
County, Indiana", "Nogales (Sonora)"."""
_PLURAL_BORDER_RE = re.compile(r"\b(?:fronti[eè]res|fronteras|borders)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ResolvedPlace:
    """A mention and the place it was resolved to (one row of :func:`geo.geoparse`)."""

    start: int
    end: int
    name: str  # as written
    kind: str  # place | border | territory
    resolved_name: str
    latitude: float
    longitude: float
    geonameid: int | None
    feature: str
    feature_code: str
    country_code: str
    admin1: str | None
    location_id: str
    geometry_wkt: str | None
    population: int
    score: float

    def as_dict(self) -> dict:
        """Plain dict for JSON output."""
        return dict(self.__dict__)


def document_countries(
    text: str, index, mentions: Sequence[Mention] = (), *, words: Counter | None = None
) -> Counter:
    """How often each country is named in *text*: names, adjectives, borders, territories.

    *words* is this function's own result for the same text without mentions, when the
    caller has it: the text is then not scanned again, only the mentions are added.
    """
    if words is not None:
        return _add_multiword(Counter(words), mentions, index)
    counts: Counter = Counter()
    for match in _WORD_RE.finditer(normalize_text(text)):
        word = match.group(0)
        if not word[:1].isalpha():
            continue
        code = index.country_from_word(word)
        if code:
            counts[code] += 1
        elif "-" in word:
            for part in word.split("-"):
                part_code = index.country_from_word(part)
                if part_code:
                    counts[part_code] += 1
    return _add_multiword(counts, mentions, index)


def _add_multiword(counts: Counter, mentions: Sequence[Mention], index) -> Counter:
    for mention in mentions:
        if mention.kind == "place" and " " in mention.text:  # "Estados Unidos", "Costa Rica"
            code = index.country_from_word(mention.text)
            if code:
                counts[code] += 1
    return counts


def _from_location(mention: Mention, location, score: float | None = None) -> ResolvedPlace:
    raw = location.raw
    geonameid = raw.get("geonameid")
    return ResolvedPlace(
        start=mention.start,
        end=mention.end,
        name=mention.text,
        kind=mention.kind,
        resolved_name=raw.get("name") or location.address,
        latitude=float(location.latitude),
        longitude=float(location.longitude),
        geonameid=int(geonameid) if geonameid not in (None, "") else None,
        feature=raw.get("feature", ""),
        feature_code=raw.get("feature_code", "") or "",
        country_code=raw.get("country_code", "") or "",
        admin1=raw.get("admin1"),
        location_id=raw["location_id"],
        geometry_wkt=raw.get("geometry_wkt"),
        population=int(raw.get("population") or 0),
        score=float(score if score is not None else (raw.get("score") or _UNSCORED)),
    )


def _from_place(mention: Mention, place, score: float) -> ResolvedPlace:
    return ResolvedPlace(
        start=mention.start,
        end=mention.end,
        name=mention.text,
        kind=mention.kind,
        resolved_name=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        geonameid=place.geonameid,
        feature=place.feature,
        feature_code=place.feature_code,
        country_code=place.country_code,
        admin1=place.admin1,
        location_id=place.location_id,
        geometry_wkt=place.geometry_wkt,
        population=place.population or 0,
        score=score,
    )


def _ranked(counts: Counter) -> list[str]:
    """Countries by how often the text names them; a tie goes to the one named first (the
    subject: "Bolivia desplegó ... en sus fronteras con Chile")."""
    return [code for code, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


def resolve_mentions(
    text: str,
    mentions: Sequence[Mention],
    geocoder,
    index,
    *,
    context_mentions: Sequence[Mention] = (),
    words: Counter | None = None,
    counts: Counter | None = None,
    drop_namesakes: bool = False,
) -> list[ResolvedPlace]:
    """Resolve every mention it can; unresolvable mentions are left out.

    *context_mentions* (other mentions of the same text, e.g. found automatically when the
    user gave the spans) weigh on the context but are not resolved themselves. *words*: the
    text's :func:`document_countries` without mentions, if already counted; *counts*: its
    result with every mention, if already counted (it is copied, not changed).

    Two passes: the first resolves named places with the country the text names most; the
    countries those places fall in then weigh on the focus, and the second pass resolves
    everything with the final focus country. Each place's context is the places named within
    a few hundred characters of it (the same sentence or list).

    With *drop_namesakes*, places the article gives no reason to look for where they were
    found are left out (:func:`without_namesakes`).
    """
    every = list(mentions) + [m for m in context_mentions if m not in mentions]
    if counts is None:
        counts = document_countries(text, index, every, words=words)
    else:
        counts = Counter(counts)
    named = Counter(counts)  # the countries the text names, before its places weigh in
    neighbours = [m for m in every if m.kind == "place"]

    def geocode(mention: Mention, codes: list[str], featuretype: str | None = None):
        # Local context: the other places named near this one (same sentence or list).
        context = [
            m.text
            for m in neighbours
            if m.start != mention.start and abs(m.start - mention.start) <= _CONTEXT_WINDOW
        ]
        # The focus country is evidence of the document (a context item), not the caller's
        # restriction: a famous place abroad can still beat a hamlet of the focus country.
        return geocoder.geocode(
            mention.text, exactly_one=True, context=context + codes[:1], featuretype=featuretype
        )

    in_order = sorted(neighbours, key=lambda m: (m.start, -m.end))
    starts = [m.start for m in in_order]

    def locators(mention: Mention) -> list[Mention]:
        """The places written right after *mention* that locate it ("Austin, in Scott County,
        Indiana": Scott County and Indiana), at most two."""
        chain: list[Mention] = []
        end = mention.end
        for i in range(bisect_left(starts, end), len(in_order)):
            other = in_order[i]
            if other.start < end:
                continue
            if not _LOCATOR_SEP.fullmatch(text, end, other.start) or len(chain) == 2:
                break
            chain.append(other)
            if text[end : other.start].strip().startswith("("):
                break
            end = other.end
        return chain

    def narrowed(mention: Mention, location, codes: list[str], hint: str | None):
        """``(location, score)`` of *mention*: the place of its name inside the larger places
        written after it when the geocoder finds one ("Columbus, New Mexico" is not Columbus,
        Ohio), scored above the bare name's reading (it gives the sense of the article's other
        "Columbus"); else *location* with its own score (``None``)."""
        if location is None or location.raw.get("feature") not in ("city", "admin2"):
            return location, None  # a region or a country is not located by the next name
        chain = locators(mention)
        if not chain:
            return location, None
        query = ", ".join([mention.text] + [m.text for m in chain])
        inside = geocoder.geocode(query, exactly_one=True, context=codes[:1], featuretype=hint)
        if inside is None or "asked" in inside.raw or inside.raw.get("approximate"):
            return location, None  # no such name inside them: the structured query fell back
        if name_key(inside.raw.get("name") or "") == name_key(chain[-1].text):
            return location, None
        own = float(location.raw.get("score") or _UNSCORED)
        return inside, max(own, float(inside.raw.get("score") or _UNSCORED)) + 1.0

    located: Counter = Counter()
    first: dict[int, str] = {}  # mention start -> feature found by the first pass
    for mention in neighbours:
        location = geocode(mention, _ranked(counts))
        if location is not None:
            first[mention.start] = location.raw.get("feature", "")
            if location.raw.get("feature") != "country":
                located[location.raw.get("country_code")] += 1
    counts.update({code: n for code, n in located.items() if code})
    ranking = _ranked(counts)

    resolved: list[ResolvedPlace] = []
    last_border: ResolvedPlace | None = None
    last_codes: tuple[str, ...] = ()
    countries_listed = _in_country_lists(text, neighbours, first)
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.kind == "place":
            hint = "country" if mention.start in countries_listed else None
            location, score = narrowed(mention, geocode(mention, ranking, hint), ranking, hint)
            if location is not None:
                resolved.append(_from_location(mention, location, score))
        elif mention.kind == TERRITORY:
            resolved.append(_from_place(mention, index.country(mention.country_codes[0]), 9.0))
        elif mention.kind == BORDER:
            home = None
            if mention.source == "rule-list" and last_border is not None:
                # "fronteras con Chile, Perú y Brasil": the same country's borders
                pair = last_border.location_id.removeprefix("border:").split("-")
                home = next((c for c in pair if c not in last_codes), None)
            border = _resolve_border(mention, [home] if home else ranking, geocoder, last_border)
            if border is not None:
                resolved.append(border)
                if mention.source != "rule-list":
                    last_border, last_codes = border, mention.country_codes
    resolved = one_sense_per_discourse(resolved)

    def as_level(place: ResolvedPlace, featuretype: str) -> ResolvedPlace | None:
        mention = Mention(place.start, place.end, place.name, place.kind)
        location = geocode(mention, ranking, featuretype)
        if location is None or location.raw.get("feature") != featuretype:
            return None
        return _from_location(mention, location)

    resolved = settle_levels(text, resolved, as_level, ranking[:1])
    if not drop_namesakes:
        return resolved
    return outside_locators(text, without_namesakes(resolved, named))


_LANGS = every_language()
_JOINED = re.compile(
    r"\s*(?:,\s*(?:(?:"
    + "|".join(w for x in _LANGS for w in x.list_joiners)
    + r")\s+)?|(?:"
    + "|".join(w for x in _LANGS for w in x.list_joiners)
    + r")\s+)"
)
"""What joins two items of a list of places: ", ", " y ", ", and "."""
_KINDS = {w: kind for x in _LANGS for w, kind in x.admin_kinds.items()}
_KIND_BEFORE = re.compile(
    r"(?P<other>\b[\wÀ-ÿ]+\s+(?:"
    + "|".join(w for x in _LANGS for w in x.list_joiners)
    + r")\s+)?\b(?P<kind>"
    + "|".join(sorted(_KINDS, key=len, reverse=True))
    + r")\s+(?:(?:de|del|of|du|des)\s+|d')?(?:(?:la|las|los|the)\s+|l')?$",
    re.IGNORECASE,
)
"""A kind noun just before a list: "las provincias de", "the states of", "los municipios"
(not "distritos y provincias de": two kinds, two levels)."""
_KINDS_AFTER = {w: kind for x in _LANGS for w, kind in x.admin_kinds_after.items()}
_KIND_AFTER = re.compile(
    r"\s+(?P<kind>" + "|".join(sorted(_KINDS_AFTER, key=len, reverse=True)) + r")\b(?!\s+of\b)",
    re.IGNORECASE,
)
"""A kind noun just after a name or list: "Washington state", "Sonora and Chihuahua states"
(not "the Sonora state of emergency")."""
_NAME_GOES_ON = re.compile(r"\s+[A-Z]")
"""After the kind noun, a capitalised word: the noun is part of another name ("Washington
State University", "Ohio State Buckeyes")."""
_LOWER_PROVINCE = frozenset({"PE", "CL", "BO", "ES", "IT"})
"""Countries whose provinces are a second-level division (inside regions or departments)."""
_LOWER_DEPARTMENT = frozenset({"AR", "FR"})
"""Countries whose departments are a second-level division (inside provinces or regions)."""


def kind_level(kind: str, country: str | None) -> str:
    """The gazetteer feature of an administrative *kind* in *country*: Peru's provinces lie
    inside its departments (``admin2``), Ecuador's and Argentina's are its first level;
    municipalities are second-level everywhere."""
    if kind == "municipality":
        return "admin2"
    if kind == "province" and country in _LOWER_PROVINCE:
        return "admin2"
    if kind == "department" and country in _LOWER_DEPARTMENT:
        return "admin2"
    return "admin1"


def _runs(text: str, places: Sequence[ResolvedPlace | Mention]) -> list[list[int]]:
    """Indexes of *places* (resolved places or mentions, in text order) that form lists
    ("Carchi, Imbabura y Esmeraldas"), in order."""
    runs: list[list[int]] = []
    for i, place in enumerate(places):
        if place.kind != "place":
            continue
        if (
            runs
            and (prev := places[runs[-1][-1]])
            and _JOINED.fullmatch(text, prev.end, place.start)
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _all_regions(
    members: Sequence[ResolvedPlace],
    as_level: Callable[[ResolvedPlace, str], ResolvedPlace | None],
) -> bool:
    """Whether every member of a list names a first-level region of its country."""
    for member in members:
        if member.feature == "admin1":
            continue
        region = as_level(member, "admin1")
        if region is None or region.country_code != member.country_code:
            return False
    return True


def settle_levels(
    text: str,
    places: list[ResolvedPlace],
    as_level: Callable[[ResolvedPlace, str], ResolvedPlace | None],
    focus: Sequence[str] = (),
) -> list[ResolvedPlace]:
    """Places resolved again at the administrative level their text gives them.

    - a list after a kind noun: "las provincias de Carchi, Imbabura y Esmeraldas" are
      provinces (Esmeraldas the province, not its capital), Peru's "provincias de Putumayo
      y ..." second-level ones (:func:`kind_level`);
    - a list that holds a first-level region is a list of regions: "Jujuy, Salta, Formosa,
      Corrientes and Misiones" (each of the first four also names its capital);
    - "Arauca, Arauca": the first is the town of the region named after it.

    *as_level(place, feature)* resolves a place again as that feature (``None``: no such
    place). *focus* is the article's focus country, if known.
    """
    out = list(places)
    ordered = sorted(range(len(out)), key=lambda i: out[i].start)
    view = [out[i] for i in ordered]
    for run in _runs(text, view):
        members = [view[k] for k in run]
        first = members[0]
        kind = _KIND_BEFORE.search(text, max(0, first.start - 60), first.start)
        after = _KIND_AFTER.match(text, members[-1].end)
        if kind is None and after is not None and not _NAME_GOES_ON.match(text, after.end()):
            kind = after
        countries = Counter(m.country_code for m in members if m.country_code)
        # the article's country first: the list's own resolution may be the namesake abroad
        country = focus[0] if focus else (countries.most_common(1)[0][0] if countries else None)
        target = None
        if kind is not None and not (kind.groupdict().get("other")):
            noun = kind.group("kind").lower()
            target = kind_level(_KINDS.get(noun) or _KINDS_AFTER[noun], country)
        elif len(members) >= 3 and any(m.feature == "admin1" for m in members):
            target = "admin1"
        if target is None:
            continue
        movable = [
            (k, m)
            for k, m in zip(run, members, strict=True)
            if m.feature != target
            and m.feature not in ("country", "border")
            and (m.feature != "region" or (kind is not None and m.country_code))
        ]  # a world region stays one; a country's named area yields to a kind noun
        if kind is None:  # without a kind noun, only a region's namesake town steps back,
            # or a capital whose region of that name lies far from it: "Arizona, Texas and
            # Washington" are states (Washington, D.C. is 3,700 km from the state)
            movable = [
                (k, m)
                for k, m in movable
                if m.feature == "city"
                and (
                    name_key(m.admin1 or "") == name_key(m.name)
                    or (m.feature_code == "PPLC" and _far_namesake_region(m, as_level))
                )
            ]
        again = {k: as_level(m, target) for k, m in movable}
        # in the article's country, or in the country the name was first resolved in
        # ("the state of Washington" in a story that names Canada more than the US)
        again = {
            k: p
            for k, p in again.items()
            if p is not None and p.country_code in (country, view[k].country_code)
        }
        if kind is not None and (
            len(again) < len(movable) or (target == "admin2" and _all_regions(members, as_level))
        ):
            # not every name is such a division ("les provinces de Lima, Loreto, ..., Iquitos"),
            # or each is a region too ("les provinces de Lima, Loreto et Cusco"): the kind noun
            # is loose, only the namesakes abroad move
            again = {k: p for k, p in again.items() if view[k].country_code != country}
        for k, place in again.items():
            out[ordered[k]] = place
    for a, b in zip(view, view[1:], strict=False):
        if (
            a.location_id == b.location_id
            and a.feature == "admin1"
            and re.fullmatch(r"\s*[,(]\s*", text[a.end : b.start])
        ):  # "Arauca, Arauca", "Arauca (Arauca)"
            town = as_level(a, "city")
            if town is not None and town.country_code == a.country_code:
                out[out.index(a)] = town
    return out


_IN = "|".join(w for x in _LANGS for w in x.in_words)
_REGION_FIRST = re.compile(rf"(?:^|[.;:\n])\s*(?:{_IN})\s+$", re.IGNORECASE)
"""Before a region that opens its sentence: "En (Carchi), los patrullajes cubren ..."."""
_REGION_AFTER = re.compile(rf"\s*,\s*(?:{_IN})\s+$", re.IGNORECASE)
"""Between a list and the region that locates it: "Kimbiri, Pichari y Vilcabamba, en"."""


_NEXT_DOOR_KM = 50.0
"""How far a town resolved in the next region may lie from the others of its list."""


_FAR_REGION_KM = 150.0
"""How far a capital's namesake region must lie for the list of regions to mean the region."""


def _far_namesake_region(
    town: ResolvedPlace, as_level: Callable[[ResolvedPlace, str], ResolvedPlace | None]
) -> bool:
    region = as_level(town, "admin1")
    return (
        region is not None
        and region.country_code == town.country_code
        and name_key(region.resolved_name) == name_key(town.name)
        and haversine_km(town.latitude, town.longitude, region.latitude, region.longitude)
        > _FAR_REGION_KM
    )


def _in_region(town: ResolvedPlace, region: ResolvedPlace) -> bool:
    return town.country_code == region.country_code and name_key(town.admin1 or "") == (
        name_key(region.admin1 or "")
    )


def outside_locators(text: str, places: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    """*places* without the towns that lie outside the region the text locates them in.

    "En Carchi, los patrullajes cubren Rumichaca, ..., La Pintada" and "Kimbiri, Pichari y
    Vilcabamba, en Cusco" put every town of the sentence or list in that region: one resolved
    elsewhere ("La Pintada", Colombia; a "Vilcabamba" of another department) is a namesake
    of a place the gazetteer lacks.
    """
    view = sorted(places, key=lambda p: p.start)
    drop: set[int] = set()
    for i, region in enumerate(view):
        if region.kind != "place" or not (
            region.feature == "admin1"
            or (region.feature == "city" and name_key(region.admin1 or "") == name_key(region.name))
        ):  # a region, or the town a region is named after ("en Cusco")
            continue
        if _REGION_FIRST.search(text, max(0, region.start - 12), region.start) and text.startswith(
            ",", region.end
        ):
            stop = len(text)
            for mark in ".;\n":
                at = text.find(mark, region.end)
                if at >= 0:
                    stop = min(stop, at)
            located = [k for k in range(i + 1, len(view)) if view[k].start < stop]
        else:
            located = []
            k = i - 1
            if k >= 0 and _REGION_AFTER.fullmatch(text, view[k].end, region.start):
                located.append(k)
                while k > 0 and _JOINED.fullmatch(text, view[k - 1].end, view[k].start):
                    k -= 1
                    located.append(k)

        towns = [view[k] for k in located if view[k].feature in ("city", "admin2")]
        for town in towns:
            if not _in_region(town, region) and not any(
                _in_region(o, region)
                and haversine_km(o.latitude, o.longitude, town.latitude, town.longitude)
                <= _NEXT_DOOR_KM
                for o in towns
            ):  # a town next door to the others stays: the line between regions is fine
                drop.add(id(town))
    return [p for p in places if id(p) not in drop]


_FAMOUS = 100_000
"""A town this big may be named without its country ("Nairobi", "Caracas")."""


def without_namesakes(places: Sequence[ResolvedPlace], named: Counter) -> list[ResolvedPlace]:
    """*places* without the namesakes of places the gazetteer lacks.

    A region, or a town of fewer than :data:`_FAMOUS` people, that lies in a country the
    article neither names (*named*: :func:`document_countries`) nor places anything else in
    is another place of the same name: "El Palmar" (a Panamanian village) in a story of the
    Ecuadorian border, "Pichincha" (Ecuador) for a district of Rosario, Argentina. An
    article that points nowhere else (no country named, no other place) keeps its guess.
    """
    names_in: dict[str, set[str]] = {}
    for place in places:
        for code in _countries_of(place):
            names_in.setdefault(code, set()).add(normalize_text(place.name).casefold())
    kept = []
    for place in places:
        if place.feature in ("admin1", "admin2", "city") and place.country_code:
            own = normalize_text(place.name).casefold()
            big = place.feature != "admin1" and (
                place.population >= _FAMOUS or place.feature_code == "PPLC"
            )
            others = names_in.get(place.country_code, set()) - {own}
            elsewhere = any(named.values()) or any(code != place.country_code for code in names_in)
            if not big and elsewhere and not named.get(place.country_code) and not others:
                continue
        kept.append(place)
    return kept


def _countries_of(place: ResolvedPlace) -> list[str]:
    if place.feature == "border":
        return place.location_id.removeprefix("border:").split("-")
    return [place.country_code] if place.country_code else []


def one_sense_per_discourse(resolved: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    """Every mention of a name takes the place its best-evidenced mention resolved to.

    A name keeps one referent in one article (Yarowsky's "one sense per discourse", used by
    CLAVIN and the Edinburgh Geoparser): "Athens, Greece" in the lead fixes a bare "Athens"
    three paragraphs on, near "Toronto", where alone it would go to Athens, Ontario. The
    mention resolved with the highest score (the most context) gives the sense.
    """
    best: dict[str, ResolvedPlace] = {}
    for place in resolved:
        if place.kind == "place":
            key = name_key(place.name)
            if key not in best or place.score > best[key].score:
                best[key] = place
    out = []
    for place in resolved:
        sense = best.get(name_key(place.name)) if place.kind == "place" else None
        if sense is not None and sense.location_id != place.location_id:
            place = _with_mention(sense, place, sense.score)
        out.append(place)
    return out


def _in_country_lists(text: str, mentions: Sequence[Mention], features: dict[int, str]) -> set[int]:
    """Starts of the mentions listed among countries: "Mali, Niger, Senegal and Chad" (each
    neighbour in the list a country, the list closed by "and", "y", "et"). A list keeps one
    level, so there "Niger" is the country, not Nigeria's state of that name."""
    ordered = sorted({m.start: m for m in mentions}.values(), key=lambda m: m.start)
    out: set[int] = set()
    for run in _runs(text, ordered):
        chain = [ordered[k] for k in run]
        closed = any(
            re.search(r"\w", text[a.end : b.start]) for a, b in zip(chain, chain[1:], strict=False)
        )
        if not closed:  # commas alone: an apposition ("Atlanta, Georgia"), not a list
            continue
        for i, mention in enumerate(chain):
            beside = chain[max(0, i - 1) : i] + chain[i + 1 : i + 2]
            if all(features.get(m.start) == "country" for m in beside):
                out.add(mention.start)
    return out


def focus_country(counts: Counter, places: Sequence[ResolvedPlace]) -> str | None:
    """The article's focus country: the one it names most (*counts*, from
    :func:`document_countries` with its mentions), each resolved place below country level
    counting once more for the country it lies in. ``None`` when no country is named."""
    countries = Counter(counts)
    for place in places:
        if place.feature not in ("country", "border") and place.country_code:
            countries[place.country_code] += 1
    return countries.most_common(1)[0][0] if countries else None


def _resolve_border(
    mention: Mention, ranking: list[str], geocoder, last_border: ResolvedPlace | None
) -> ResolvedPlace | None:
    query = _FRONTALIER_RE.sub("frontière", mention.text)
    if mention.source == "rule-list":  # "..., Perú y Brasil" after "fronteras con Chile"
        query = f"border with {mention.text}"
    # The country the border belongs to comes first: the focus, unless the phrase names it.
    codes = [c for c in ranking if c not in mention.country_codes] + list(mention.country_codes)
    if len(mention.country_codes) >= 2:
        codes = list(mention.country_codes)
    bare = not mention.country_codes and query.lower().split()[-1] in (
        "frontière",
        "frontiere",
        "frontera",
        "border",
    )
    if bare and last_border is not None:  # "la frontière" refers back to the border named
        return _with_mention(last_border, mention, last_border.score * 0.9)
    if _PLURAL_BORDER_RE.search(query) and not mention.country_codes:
        return None  # "les frontières": borders in general, not a place
    location = geocoder.geocode(query, exactly_one=True, country_codes=codes[:3] or None)
    if location is None or location.raw.get("feature") != "border":
        return None
    return _from_location(mention, location)


def _with_mention(
    place: ResolvedPlace, mention: Mention | ResolvedPlace, score: float
) -> ResolvedPlace:
    """*place* at the offsets and with the name of *mention* (a mention or another place)."""
    name = mention.text if isinstance(mention, Mention) else mention.name
    data = place.as_dict()
    data.update(start=mention.start, end=mention.end, name=name, score=score)
    return ResolvedPlace(**data)
