"""Text normalisation shared by every stage: name keys, apostrophes, dashes."""

from __future__ import annotations

import re
import unicodedata

# Typographic apostrophes and quotes seen in news text, mapped to ASCII.
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032"), "'")
# Every dash and hyphen variant, mapped to ASCII hyphen-minus.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_SPACES = re.compile(r"\s+")
_KEY_JUNK = re.compile(r"[^0-9a-z]+")


def normalize_text(text: str) -> str:
    """Return *text* with typographic apostrophes and dashes made ASCII.

    The length is unchanged, so character offsets computed on the result are valid in the
    original (every replacement is one character for one character).
    """
    return text.translate(_APOSTROPHES).translate(_DASHES)


def fold(text: str) -> str:
    """Lower-case and strip accents: ``"Équateur" -> "equateur"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _FoldTable(dict):
    """``str.translate`` table: a character to ``fold(normalize_text(character))``, worked out
    the first time the character is seen. Every step is character by character (NFKD only
    reorders the combining marks fold drops), so translating a text with it gives
    ``fold(normalize_text(text))``, without the per-character Python loop."""

    def __missing__(self, code: int) -> str:
        folded = fold(normalize_text(chr(code)))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def name_key(name: str) -> str:
    """The key names are matched on: accent-, case-, apostrophe- and dash-insensitive.

    ``name_key("La Yarada–Los Palos") == name_key("la yarada-los palos") == "la yarada los palos"``
    """
    return _KEY_JUNK.sub(" ", name.translate(_FOLD)).strip()


def collapse_spaces(text: str) -> str:
    """Collapse runs of whitespace into single spaces."""
    return _SPACES.sub(" ", text).strip()
