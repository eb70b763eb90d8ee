"""One article as a :class:`Document`, and the ordered stages that fill it in.

As spaCy's ``Language`` runs ``doc = component(doc)`` for each component of its pipeline, an
:class:`Extractor` runs each stage of :data:`STAGES` once over one document::

    normalise -> countries -> mentions -> resolution -> sentences -> dates -> events

The first five depend on the text (and its language) alone: their result,
:meth:`Document.analysis`, is what the batch build caches per article. The last two also
read the publication date, which comes afresh from the input each time, so editing an
article's ``published`` never serves stale dates. No I/O here: the gazetteer, the geocoder
and the NER models are loaded once by the :class:`Extractor` and handed to the stages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from geo.budget import check_budget
from geo.extract.dates import PartialDate, parse_published
from geo.extract.events import Event, extract_events
from geo.extract.mentions import Mention, find_mentions
from geo.extract.resolve import ResolvedPlace, document_countries, focus_country, resolve_mentions
from geo.extract.sentences import split_sentences
from geo.text import normalize_text

TEXT_STAGES = ("normalise", "countries", "mentions", "resolution", "sentences")
"""The stages whose result depends on the text and its language alone (cacheable)."""
DATED_STAGES = ("dates", "events")
"""The stages that also read the publication date."""
STAGES = TEXT_STAGES + DATED_STAGES
"""Every stage, in the order an :class:`Extractor` runs them."""
ANALYSIS_FORMAT = 1
"""Version of :meth:`Document.analysis`' layout (a cache entry of another one is recomputed)."""
DEFAULT_LANG = "fr"


@dataclass
class Document:
    """One article as it goes through the stages; each stage fills in its own fields."""

    text: str
    lang: str = DEFAULT_LANG
    published: str | None = None
    # normalise: the text with typographic variants folded (same length, same offsets)
    norm: str = ""
    # countries: how often each country is named by a word ("péruvien", "Chili")
    country_words: Counter = field(default_factory=Counter)
    # mentions: place names with offsets (NER checked and completed by the gazetteer)
    mentions: list[Mention] = field(default_factory=list)
    # resolution: the resolved places, the article's focus country
    places: list[ResolvedPlace] = field(default_factory=list)
    focus_country: str | None = None
    # sentences: (start, end) spans of the text
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # dates: the publication date relative dates hang on
    anchor: PartialDate | None = None
    # events: what the article reports, each with its places
    events: list[Event] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    """The stages run so far, in order."""

    def analysis(self) -> dict[str, Any]:
        """The result of the text stages as plain JSON data (what the build caches)."""
        return {
            "format": ANALYSIS_FORMAT,
            "places": [place.as_dict() for place in self.places],
            "focus_country": self.focus_country,
            "sentences": [list(span) for span in self.sentences],
        }

    @classmethod
    def from_analysis(
        cls, text: str, analysis: dict[str, Any], *, lang: str, published: str | None = None
    ) -> Document:
        """A document whose text stages are restored from :meth:`analysis` (not rerun).

        Raises ``ValueError``, ``KeyError`` or ``TypeError`` for data of another layout.
        """
        if analysis.get("format") != ANALYSIS_FORMAT:
            raise ValueError(f"analysis format {analysis.get('format')!r}")
        places = [ResolvedPlace(**item) for item in analysis["places"]]
        sentences = [(int(start), int(end)) for start, end in analysis["sentences"]]
        focus = analysis["focus_country"]
        if focus is not None and not isinstance(focus, str):
            raise TypeError(f"focus_country {focus!r}")
        for place in places:
            if not 0 <= place.start < place.end <= len(text):
                raise ValueError(f"place offsets ({place.start}, {place.end}) outside the text")
        doc = cls(text=text, lang=lang, published=published)
        doc.norm = normalize_text(text)
        doc.places, doc.focus_country, doc.sentences = places, focus, sentences
        doc.done = list(TEXT_STAGES)
        return doc


Stage = Callable[[Document], Document]
"""A stage: takes the document, fills in its fields, returns it."""


def language_of(lang: str | None) -> str:
    """The two-letter code the stages use (``fr`` when unknown)."""
    return (lang or DEFAULT_LANG).lower()[:2]


class Extractor:
    """The loaded models (gazetteer, geocoder, spaCy NER) and the stages over one document.

    ``extractor(text, lang=, published=)`` runs every stage; :meth:`analyse` runs the text
    stages only and :meth:`finish` the dated ones (the batch build caches in between);
    :meth:`rows` turns an article into its table rows.
    """

    def __init__(self, gazetteer=None, geocoder=None, ner: Callable[[str], Any] | None = None):
        from geo.gazetteer.index import load_gazetteer
        from geo.geocoders import OfflineGeocoder
        from geo.geocoders.online import ChainGeocoder, geocoder_from_env

        self.gazetteer = gazetteer or load_gazetteer()
        # Offline unless DEPLOYMAP_ONLINE_GEOCODER asks for the online chain.
        self.geocoder = geocoder or geocoder_from_env(
            offline=OfflineGeocoder(gazetteer=self.gazetteer)
        )
        if ner is None:
            from geo.extract.ner import load_ner as ner
        self.ner = ner
        # With an online geocoder, names NER calls places but the gazetteer lacks get a try.
        self.keep_unknown = isinstance(self.geocoder, ChainGeocoder)
        self.stages: list[tuple[str, Stage]] = [
            ("normalise", self.normalise),
            ("countries", self.countries),
            ("mentions", self.find_mentions),
            ("resolution", self.resolve),
            ("sentences", self.split_sentences),
            ("dates", self.read_dates),
            ("events", self.find_events),
        ]
        assert tuple(name for name, _ in self.stages) == STAGES

    # ------------------------------------------------------------------ the stages

    def normalise(self, doc: Document) -> Document:
        """Fold typographic variants (quotes, dashes, spaces) without moving offsets."""
        doc.norm = normalize_text(doc.text)
        return doc

    def countries(self, doc: Document) -> Document:
        """Count the countries the text names by a word (names, adjectives, demonyms)."""
        doc.country_words = document_countries(doc.norm, self.gazetteer)
        return doc

    def find_mentions(self, doc: Document) -> Document:
        """Place mentions with offsets: NER and gazetteer, borders, territories."""
        doc.mentions = find_mentions(
            doc.norm,
            self.gazetteer,
            lang=doc.lang,
            nlp=self.ner(doc.lang),
            keep_unknown=self.keep_unknown,
            countries=[code for code, _ in doc.country_words.most_common(3)],
        )
        return doc

    def resolve(self, doc: Document) -> Document:
        """Resolve the mentions in document context; pick the article's focus country."""
        counts = document_countries(doc.norm, self.gazetteer, doc.mentions, words=doc.country_words)
        doc.places = resolve_mentions(
            doc.norm,
            doc.mentions,
            self.geocoder,
            self.gazetteer,
            counts=counts,
            drop_namesakes=True,
        )
        doc.focus_country = focus_country(counts, doc.places)
        return doc

    def split_sentences(self, doc: Document) -> Document:
        """Sentence spans of the text."""
        doc.sentences = split_sentences(doc.norm)
        return doc

    def read_dates(self, doc: Document) -> Document:
        """The publication date that relative dates ("mardi", "le 3 mars") hang on."""
        doc.anchor = parse_published(doc.published)
        return doc

    def find_events(self, doc: Document) -> Document:
        """Events from sentences: type, dates, counts, actors, their places."""
        doc.events = extract_events(
            doc.norm,
            doc.sentences,
            doc.places,
            anchor=doc.anchor,
            lang=doc.lang,
            index=self.gazetteer,
            focus_country=doc.focus_country,
        )
        return doc

    # ------------------------------------------------------------------ running them

    def run(self, doc: Document, names: Iterable[str] = STAGES) -> Document:
        """Run the stages *names* (in pipeline order) over *doc*."""
        wanted = set(names)
        for name, stage in self.stages:
            if name in wanted:
                check_budget(f"running the {name} stage")
                doc = stage(doc)
                doc.done.append(name)
        return doc

    def __call__(
        self, text: str, *, lang: str | None = None, published: str | None = None
    ) -> Document:
        """Every stage over *text*."""
        return self.run(Document(text=text, lang=language_of(lang), published=published))

    def analyse(self, text: str, lang: str | None = None) -> dict[str, Any]:
        """The text stages over *text*, as :meth:`Document.analysis` data (cacheable)."""
        doc = self.run(Document(text=text, lang=language_of(lang)), TEXT_STAGES)
        return doc.analysis()

    def finish(
        self, text: str, analysis: dict[str, Any], *, lang: str | None, published: str | None
    ) -> Document:
        """The dated stages over a document restored from *analysis*."""
        doc = Document.from_analysis(text, analysis, lang=language_of(lang), published=published)
        return self.run(doc, DATED_STAGES)

    def rows(self, article, analysis: dict[str, Any] | None = None) -> list[dict]:
        """The table rows of one article (may be empty: an article without events).

        *analysis* is the cached result of :meth:`analyse` for the article's text and
        language; without it the text stages run here.
        """
        from geo.table.rows import event_rows

        if analysis is None:
            analysis = self.analyse(article.text, article.lang)
        doc = self.finish(article.text, analysis, lang=article.lang, published=article.published)
        return event_rows(article, doc.text, doc.events)
