"""Page boilerplate (liveblog banners, newsletter forms, "lire aussi"), datelines, whitespace."""

from __future__ import annotations

import re

from geo.extract.dates import parse_published
from geo.extract.lang import every_language
from geo.extract.lang.common import BOILERPLATE_MIXED
from geo.extract.sentences import split_sentences
from geo.text import normalize_text

_BOILERPLATE = re.compile(
    "|".join((*BOILERPLATE_MIXED, *(p for lang in every_language() for p in lang.boilerplate))),
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"\A\s*(?:date\s+)?(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*\((?P<source>[^()\n]{2,40})\)"
    r"\s*[-:]?\s*",
    re.IGNORECASE,
)
_SHORT_WORDS = 12


def is_boilerplate(sentence: str) -> bool:
    """True when *sentence* is page furniture (newsletter, donation, cookies, liveblog...)."""
    return bool(_BOILERPLATE.search(sentence))


def extract_dateline(text: str) -> tuple[str, str | None, str | None]:
    """Remove a leading "date 2018-10 (Belga)" dateline; return ``(rest, published, source)``."""
    m = _DATELINE.match(text)
    if not m:
        return text, None, None
    published = parse_published(m.group("date"))
    return text[m.end() :], published.iso() if published else None, m.group("source").strip()


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate sentences from *text* (paragraph structure kept, whitespace tidied).

    A sentence is dropped when it matches a boilerplate pattern, or when it is short (at most
    12 words) and lies between boilerplate sentences (or a boilerplate sentence and the edge
    of the text): "Gratuite, claire, sans spam.", "Nous en sommes heureux."; a short question
    right before boilerplate is a teaser and goes too ("Que se passe-t-il en Tunisie?").
    """
    spans = split_sentences(text)
    flags = [is_boilerplate(text[s:e]) for s, e in spans]
    short = [len(text[s:e].split()) <= _SHORT_WORDS for s, e in spans]
    changed = True
    while changed:
        changed = False
        for i in range(len(spans)):
            if flags[i] or not short[i]:
                continue
            before = flags[i - 1] if i > 0 else None
            after = flags[i + 1] if i + 1 < len(spans) else None
            if (before and after) or (before and after is None) or (after and before is None):
                flags[i] = changed = True
            elif after and text[spans[i][1] - 1] == "?":
                flags[i] = changed = True  # a teaser: "Que se passe-t-il en Tunisie?"
    dropped = [span for span, drop in zip(spans, flags, strict=True) if drop]
    lines: list[str] = []
    for line in re.finditer(r"[^\n]*\n?", text):
        ls, le = line.start(), line.end()
        if ls == le:
            continue
        inside = [(s, e) for s, e in dropped if ls <= s and e <= le]
        if not inside:
            lines.append(line.group(0))
            continue
        kept, cursor = [], ls
        for s, e in inside:
            kept.append(text[cursor:s])
            cursor = e
        kept.append(text[cursor:le])
        rest = "".join(kept)
        if rest.strip():
            lines.append(rest)
    return tidy_whitespace("".join(lines))


def tidy_whitespace(text: str) -> str:
    """Collapse spaces within lines, strip lines, keep at most one blank line between paragraphs."""
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.splitlines()]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


def clean_text(raw: str) -> tuple[str, dict[str, str]]:
    """The cleaned article text and metadata found in it (dateline ``published``/``source``)."""
    text = normalize_text(raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate({0x00A0: " ", 0x202F: " ", 0x2009: " ", 0x200B: None, 0xFEFF: None})
    rest, published, source = extract_dateline(text)
    found: dict[str, str] = {}
    if published:
        found["published"] = published
    if source:
        found["source"] = source
    return strip_boilerplate(rest), found
