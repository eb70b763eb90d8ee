"""A guess at an article's language from its most common words."""

from __future__ import annotations

import re

from geo.extract.lang import every_language

_STOPWORDS = {lang.code: frozenset(lang.common_words) for lang in every_language()}


def guess_lang(text: str) -> str | None:
    """ "fr", "es" or "en" by stop-word counts over the first 2,000 characters; None if unsure."""
    words = re.findall(r"[^\W\d_]+", text[:2000].casefold())
    if len(words) < 5:
        return None
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    ranked = sorted(scores, key=lambda k: scores[k], reverse=True)
    best, second = ranked[0], ranked[1]
    return best if scores[best] >= 2 and scores[best] > scores[second] else None
