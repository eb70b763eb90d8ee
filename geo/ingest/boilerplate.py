"""Page boilerplate (liveblog banners, newsletter forms, "lire aussi"), datelines, whitespace."""

from __future__ import annotations

import re

from geo.budget import check_budget
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
_SPACES = re.compile(r"\s+")  # within a line: every Unicode space (\u3000 included)


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
    check_budget("finding boilerplate")
    short = [len(text[s:e].split()) <= _SHORT_WORDS for s, e in spans]
    question = [text[e - 1] == "?" for _s, e in spans]
    _spread_drops(flags, short, question)
    check_budget("dropping boilerplate")
    dropped = [span for span, drop in zip(spans, flags, strict=True) if drop]
    lines: list[str] = []
    next_drop = 0  # dropped spans are sorted and never cross a line: one walk over both
    for line in re.finditer(r"[^\n]*\n?", text):
        ls, le = line.start(), line.end()
        if ls == le:
            continue
        inside = []
        while next_drop < len(dropped) and dropped[next_drop][0] < le:
            s, e = dropped[next_drop]
            if ls <= s and e <= le:
                inside.append((s, e))
            next_drop += 1
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


def _spread_drops(flags: list[bool], short: list[bool], question: list[bool]) -> None:
    """Flag (in place) the short sentences that sit between dropped ones, until nothing
    changes: each flag is set once and only its neighbours are looked at again (linear)."""
    n = len(flags)

    def drops(i: int) -> bool:
        if flags[i] or not short[i]:
            return False
        before = flags[i - 1] if i > 0 else None
        after = flags[i + 1] if i + 1 < n else None
        if (before and after) or (before and after is None) or (after and before is None):
            return True
        return bool(after and question[i])  # a teaser: "Que se passe-t-il en Tunisie?"

    todo = list(range(n - 1, -1, -1))
    while todo:
        i = todo.pop()
        if drops(i):
            flags[i] = True
            todo += [j for j in (i + 1, i - 1) if 0 <= j < n and not flags[j]]


def tidy_whitespace(text: str) -> str:
    """Collapse spaces within lines (every Unicode space: ``\\u3000`` too), strip lines,
    keep at most one blank line between paragraphs."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
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
