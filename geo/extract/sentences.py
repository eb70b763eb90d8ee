"""Rule-based sentence splitting with character spans (fast, no model).

``split_sentences(text)`` returns ``(start, end)`` spans into *text*, trimmed of surrounding
whitespace. A newline ends a sentence (paragraph break), except a hard wrap: one line break
after a line that ends without punctuation, before a line that starts with a lower-case letter
("desplegó soldados para reforzar\nla frontera"), as pasted mail, PDF or wrapped text has
it. Otherwise a sentence ends after
``.``, ``!``, ``?`` or ``…`` (plus closing quotes/brackets) followed by whitespace and a
capital letter, a digit or an opening quote, unless the word before the period is a known
abbreviation ("M.", "St.", "Dr.") or a single capital initial ("J.", "U.S."). Numbers such as
"5.200" never split because no whitespace follows the period.

Linear time: no rule backtracks (possessive quantifiers), and long texts check the
per-article time budget (:func:`geo.budget.check_budget`) once a paragraph.
"""

from __future__ import annotations

import re

from geo.budget import check_budget
from geo.extract.lang import every_language

ABBREVIATIONS: frozenset[str] = frozenset(
    word.casefold() for lang in every_language() for word in lang.abbreviations
)
"""Words that end with a period without ending the sentence, in any language (casefolded)."""

_END = re.compile(r"[.!?\u2026]++[\"'\u00bb\u201d\u2019)\]]*+")
_SPACE = re.compile(r"\s++")
# what a sentence starts with, after the space: opening quotes or brackets, a capital or digit
_START = re.compile(r"[\"'\u00ab\u201c(\[¿¡]*+\s*+[A-ZÀ-ÖØ-Þ0-9]")
_WORD_BEFORE = re.compile(r"([\w.'-]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
    if not match:
        return False
    word = match.group(1).rsplit("'", 1)[-1]
    last = word.rsplit(".", 1)[-1]
    if len(last) == 1 and last.isalpha() and last.isupper():
        return True  # an initial: "J. Smith", "U.S. Army"
    return last.casefold() in ABBREVIATIONS


def _split_paragraph(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    cursor = start
    pos = start
    while pos < end:
        match = _END.search(text, pos, end)
        if not match:
            break
        pos = match.end()
        follow = _SPACE.match(text, pos, end)
        if not follow or not _START.match(text, follow.end(), end):
            continue
        single_dot = text[match.start()] == "." and match.end() - match.start() == 1
        if single_dot and _is_abbreviation(text, match.start()):
            continue
        out.append((cursor, pos))
        cursor = follow.end()
        pos = cursor
    if cursor < end:
        out.append((cursor, end))


_LINE = re.compile(r"[^\n\r]+")
_WRAP = re.compile(r"[ \t]*+(?:\r\n|\n|\r)[ \t]*+[a-zà-öø-ÿ]")  # one break, then lower case
_NO_WRAP_AFTER = frozenset(".!?\u2026:;\"'\u00bb\u201d\u2019)]")


def _paragraphs(text: str):
    """``(start, end)`` of each line of *text*, hard-wrapped lines joined into one."""
    start = end = -1
    for line in _LINE.finditer(text):
        if start >= 0:
            last = text[end - 1]
            if last in _NO_WRAP_AFTER or not _WRAP.match(text, end):
                yield start, end
                start = -1
        if start < 0:
            start = line.start()
        end = line.end()
        while end > start and text[end - 1] in " \t":
            end -= 1
        end = max(end, start + 1)
    if start >= 0:
        yield start, end


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split *text* into sentences; return ``(start, end)`` spans (end exclusive).

    Spans are trimmed of whitespace, never empty, sorted and non-overlapping.
    """
    spans: list[tuple[int, int]] = []
    for number, (start, end) in enumerate(_paragraphs(text)):
        if number % 64 == 0:
            check_budget("splitting sentences")
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            raw: list[tuple[int, int]] = []
            _split_paragraph(text, start, end, raw)
            for s, e in raw:
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s < e:
                    spans.append((s, e))
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span among *spans* that contains *offset*, if any."""
    for start, end in spans:
        if start <= offset < end:
            return start, end
    return None
