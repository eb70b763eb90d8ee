"""Dates in news text (French first, Spanish, English), anchored at the publication date.

Compact rules, no dateparser (it fills missing days with today's date, reads "60 jours" as a
date and the possessive "sa" as Saturday).

* ``parse_published(value)`` reads metadata dates into a :class:`PartialDate`.
* ``find_dates(text, anchor=..., lang=...)`` finds :class:`DateMention` s: single dates ("le 13
  octobre", "19 mai 2023", "en avril", "en mars 2023", "en 2021", "lundi"), ranges ("du 1er
  janvier au 31 décembre 2025", "du 9 au 16 novembre") and durations ("pendant 60 jours").

**Year rule for dates without a year** ("le 13 octobre", "en avril", "du 9 au 16 novembre"):
the candidate years are the anchor's year, the year before and the year after; the one chosen
is closest to the anchor period (its first to last day), a date *after* the anchor counting
double (news mostly report the past, but announce near-future events: "les élections du 6
novembre" in an article of 2018-10 is 2018-11-06; "le 20 décembre" in one of 2019-01 is
2018-12-20). Inside the anchor period the distance is 0, so a year-precision anchor keeps its
year. Weekdays ("lundi") are the latest such day at or before a day-precision anchor (next one
with "prochain"/"next"/"próximo"); with a month-precision anchor they get the anchor's month
at month precision; with a year anchor, the year. **Without an anchor**, anything lacking a year
has precision ``"unknown"`` and no dates, never today's date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from geo.extract.counts import WORD_NUMBER, parse_number
from geo.extract.lang import every_language, languages


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """ "day", "month" or "year"."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def start(self) -> date:
        """First day covered."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        """Last day covered."""
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """ "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class DateMention:
    """A date, range or duration found in a text, with offsets into that text.

    ``precision`` is one of "day", "month", "year", "unknown" (dates are ``None`` when unknown
    or for a duration). ``inferred`` is true when the year (or day) came from the anchor.
    """

    start: int
    end: int
    text: str
    date_start: date | None
    date_end: date | None
    precision: str
    kind: str  # "date" | "range" | "duration"
    duration_days: int | None = None
    inferred: bool = False


# --- lexicons --------------------------------------------------------------------------------

# Month and weekday names follow the language (every language when unknown); duration units
# and next/last words are read in every language.


def _phrase(words: str) -> str:
    return re.escape(words).replace(r"\ ", r"\s+")


_DURATION_UNITS = {k: v for x in every_language() for k, v in x.duration_units.items()}
_FUTURE_WORDS = re.compile(
    r"\s+(?:" + "|".join(_phrase(w) for x in every_language() for w in x.future_words) + r")\b",
    re.I,
)
_PAST_WORDS = re.compile(
    r"\s+(?:" + "|".join(_phrase(w) for x in every_language() for w in x.past_words) + r")\b",
    re.I,
)

_DAY = r"(?P<{n}>[12]\d|3[01]|0?[1-9])(?:er|ᵉʳ|e|º|°|st|nd|rd|th)?"
_YEAR = r"(?P<{n}>(?:1[89]|20)\d\d)(?![\d.,]\d)"


def _alt(words: dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=8)
def _patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    full: dict[str, int] = {}
    abbr: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for x in languages(lang):
        full.update(x.months)
        abbr.update(x.month_abbreviations)
        weekdays.update(x.weekdays)
    mon = r"(?P<{n}>(?:" + _alt(full) + r")\b|(?:" + _alt(abbr) + r")\b\.?)"
    mon_full = r"(?P<{n}>(?:" + _alt(full) + r"))\b"
    wd = r"(?:(?:" + _alt(weekdays) + r")\s+)?"

    def d(n: str) -> str:
        return _DAY.format(n=n)

    def m(n: str) -> str:
        return mon.format(n=n)

    def y(n: str) -> str:
        return _YEAR.format(n=n)

    de = r"(?:\s+de)?\s+"  # "1 de enero" (es) or "1 janvier"
    dey = r"(?:,?\s+(?:de|del|of)?\s*)"  # "de 2025", ", 2025"
    pats: list[tuple[str, str]] = [
        # du 1er janvier au 31 décembre 2025 / del 1 de enero al 31 de diciembre de 2025
        (
            "range_dmdm",
            rf"\b(?:du|del|desde\s+el|from|entre\s+le|entre\s+el|between)\s+{wd}{d('d1')}{de}"
            rf"{m('m1')}(?:{dey}{y('y1')})?\s*(?:au|à|al|hasta\s+el|to|until|through|et\s+le"
            rf"|y\s+el|and|-)\s+{wd}{d('d2')}{de}{m('m2')}(?:{dey}{y('y2')})?",
        ),
        # du 9 au 16 novembre (2024) / del 9 al 16 de noviembre / 9-16 novembre
        (
            "range_ddm",
            rf"(?:\b(?:du|del|desde\s+el|from|entre\s+le|entre\s+el|between)\s+{wd}{d('d1')}"
            rf"\s*(?:au|à|al|hasta\s+el|to|until|et\s+le|y\s+el|and|-)\s+{wd}{d('d2')}"
            rf"|\b{d('d1b')}\s*-\s*{d('d2b')}){de}{m('m')}(?:{dey}{y('y')})?",
        ),
        # from January 1 to December 31, 2025
        (
            "range_mdmd",
            rf"\b(?:from|between)\s+{wd}{m('m1')}\s+{d('d1')}(?:,?\s+{y('y1')})?\s*"
            rf"(?:to|until|through|and|-)\s+{wd}{m('m2')}\s+{d('d2')}\b(?:,?\s+{y('y2')})?",
        ),
        # November 9-16(, 2024) / from November 9 to 16
        (
            "range_mdd",
            rf"\b(?:from\s+)?{m('m')}\s+{d('d1')}\s*(?:-|to|until|through)\s*{d('d2')}"
            rf"(?:,?\s+{y('y')})?",
        ),
        # de janvier à mars 2024 / entre avril et juin / from January to March 2024
        (
            "range_mm",
            rf"\b(?:de|d'|entre|from|between|desde)\s*{m('m1')}(?:\s+{y('y1')})?\s+(?:à|a|et|y"
            rf"|to|and|until|hasta)\s+{m('m2')}(?:{dey}{y('y2')})?",
        ),
        # ISO dates in running text
        ("iso", r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])\b"),
        # 29/10/2018, 29.10.2018
        (
            "numeric",
            r"(?<![\d./])(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>(?:1[89]|20)\d\d)(?![\d./])",
        ),
        # (lundi) 13 octobre (2018) / 13 de octubre de 2018 / 13 October 2018
        ("dmy", rf"\b{wd}{d('d')}{de}{m('m')}(?:{dey}{y('y')})?"),
        # October 13(, 2018)
        ("mdy", rf"\b{m('m')}\s+{d('d')}\b(?:,?\s+{y('y')})?"),
        # mars 2023 / marzo de 2023 / March 2023
        ("my", rf"\b{m('m')}(?:\s+de|\s+del|,)?\s+{y('y')}"),
        # en avril / au mois d'avril / début avril / in April / en abril
        (
            "m",
            r"\b(?:en|au\s+mois\s+d[e']|le\s+mois\s+d[e']|dès|depuis|jusqu'en|début|fin|mi-"
            r"|courant|in|since|until|by|early|late|mid-|desde|hasta|a\s+principios\s+de"
            r"|a\s+finales\s+de|a\s+mediados\s+de)\s*" + mon_full.format(n="m"),
        ),
        # en 2021 / depuis 2019 / in 2021 / en el 2021 / l'année 2021
        (
            "y",
            r"\b(?:en|depuis|dès|jusqu'en|avant|après|année|courant|début|fin|in|since|by"
            r"|until|before|after|year|desde|hasta|año|el|durante|during)\s+" + y("y"),
        ),
        # pendant 60 jours / durante 60 días / for 60 days / 60-day
        (
            "duration",
            rf"\b(?:pendant|durant|pour|sur|d'une\s+durée\s+de|une\s+durée\s+de|durante|por"
            rf"|for|during|over|a\s+period\s+of|un\s+período\s+de|une\s+période\s+de)\s+"
            rf"(?:(?:les|un|une|a|los|las|the)\s+)?(?P<n>\d+|{WORD_NUMBER})\s+"
            rf"(?:(?:prochains|prochaines|próximos|próximas|next)\s+)?"
            rf"(?P<u>{_alt(_DURATION_UNITS)})\b",
        ),
        ("duration_adj", r"\b(?P<n>\d+)-(?P<u>day|week|month|year)\b"),
        # lundi / el lunes / on Monday
        ("weekday", r"\b(?P<w>" + _alt(weekdays) + r")\b"),
    ]
    return [(name, re.compile(src, re.IGNORECASE)) for name, src in pats]


# --- resolution ------------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _distance(candidate_start: date, candidate_end: date, anchor: PartialDate) -> int:
    a_start, a_end = anchor.start, anchor.end
    if candidate_end < a_start:
        return (a_start - candidate_end).days
    if candidate_start > a_end:
        return 2 * (candidate_start - a_end).days
    return 0


def _pick_year(month: int, day: int | None, anchor: PartialDate) -> int | None:
    """The year for a day/month without one (see the module docstring)."""
    best: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is None:
            start = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
        else:
            found = _safe_date(year, month, day)
            if found is None:
                continue
            start = end = found
        dist = _distance(start, end, anchor)
        if best is None or dist < best[0]:
            best = (dist, year)
    return best[1] if best else None


def _month_num(name: str | None, lang: str) -> int | None:
    if not name:
        return None
    key = name.casefold().rstrip(".")
    for x in (*languages(lang)[:1], *every_language()):
        found = x.months.get(key, x.month_abbreviations.get(key))
        if found is not None:
            return found
    return None


def _weekday_num(name: str, lang: str) -> int | None:
    key = name.casefold()
    for x in (*languages(lang)[:1], *every_language()):
        if key in x.weekdays:
            return x.weekdays[key]
    return None


def _unknown(m: re.Match[str], kind: str = "date") -> DateMention:
    return DateMention(m.start(), m.end(), m.group(0), None, None, "unknown", kind)


def _day_mention(
    m: re.Match[str], day: int, month: int, year: int | None, anchor: PartialDate | None
) -> DateMention | None:
    inferred = False
    if year is None:
        if anchor is None:
            return _unknown(m) if 1 <= day <= 31 else None
        year = _pick_year(month, day, anchor)
        inferred = True
        if year is None:
            return None
    found = _safe_date(year, month, day)
    if found is None:
        return None
    return DateMention(m.start(), m.end(), m.group(0), found, found, "day", "date", None, inferred)


def _resolve(
    name: str, m: re.Match[str], text: str, anchor: PartialDate | None, lang: str
) -> DateMention | None:
    g = m.groupdict()
    if name in ("range_dmdm", "range_mdmd"):
        m1, m2 = _month_num(g["m1"], lang), _month_num(g["m2"], lang)
        d1, d2 = int(g["d1"]), int(g["d2"])
        y2 = int(g["y2"]) if g["y2"] else None
        y1 = int(g["y1"]) if g["y1"] else None
        if m1 is None or m2 is None:
            return None
        return _range(m, d1, m1, y1, d2, m2, y2, anchor)
    if name == "range_ddm":
        month = _month_num(g["m"], lang)
        d1 = int(g["d1"] or g["d1b"])
        d2 = int(g["d2"] or g["d2b"])
        if month is None or d2 < d1:
            return None
        y = int(g["y"]) if g["y"] else None
        return _range(m, d1, month, y, d2, month, y, anchor)
    if name == "range_mdd":
        month = _month_num(g["m"], lang)
        d1, d2 = int(g["d1"]), int(g["d2"])
        if month is None or d2 < d1:
            return None
        y = int(g["y"]) if g["y"] else None
        return _range(m, d1, month, y, d2, month, y, anchor)
    if name == "range_mm":
        m1, m2 = _month_num(g["m1"], lang), _month_num(g["m2"], lang)
        if m1 is None or m2 is None:
            return None
        y2 = int(g["y2"]) if g["y2"] else None
        y1 = int(g["y1"]) if g["y1"] else None
        inferred = False
        if y2 is None:
            if anchor is None:
                return _unknown(m, "range")
            y2 = _pick_year(m2, None, anchor)
            inferred = True
            if y2 is None:
                return None
        if y1 is None:
            y1 = y2 if m1 <= m2 else y2 - 1
        start = date(y1, m1, 1)
        end = date(y2, m2, calendar.monthrange(y2, m2)[1])
        if end < start:
            return None
        return DateMention(m.start(), m.end(), m.group(0), start, end, "month", "range", None,
                           inferred)  # fmt: skip
    if name == "iso":
        found = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        if found is None:
            return None
        return DateMention(m.start(), m.end(), m.group(0), found, found, "day", "date")
    if name == "numeric":
        a, b, year = int(g["a"]), int(g["b"]), int(g["y"])
        day, month = (b, a) if lang == "en" and a <= 12 else (a, b)
        found = _safe_date(year, month, day)
        if found is None:
            return None
        return DateMention(m.start(), m.end(), m.group(0), found, found, "day", "date")
    if name in ("dmy", "mdy"):
        month = _month_num(g["m"], lang)
        if month is None:
            return None
        year = int(g["y"]) if g.get("y") else None
        return _day_mention(m, int(g["d"]), month, year, anchor)
    if name == "my":
        month = _month_num(g["m"], lang)
        if month is None:
            return None
        pd = PartialDate(int(g["y"]), month)
        return DateMention(m.start(), m.end(), m.group(0), pd.start, pd.end, "month", "date")
    if name == "m":
        month = _month_num(g["m"], lang)
        if month is None:
            return None
        if anchor is None:
            return _unknown(m)
        year = _pick_year(month, None, anchor)
        if year is None:
            return None
        pd = PartialDate(year, month)
        return DateMention(m.start(), m.end(), m.group(0), pd.start, pd.end, "month", "date",
                           None, True)  # fmt: skip
    if name == "y":
        pd = PartialDate(int(g["y"]))
        return DateMention(m.start(), m.end(), m.group(0), pd.start, pd.end, "year", "date")
    if name in ("duration", "duration_adj"):
        n = parse_number(g["n"])
        unit = _DURATION_UNITS.get(g["u"].casefold())
        if n is None or unit is None or n <= 0 or n > 100_000:
            return None
        return DateMention(m.start(), m.end(), m.group(0), None, None, "unknown", "duration",
                           n * unit)  # fmt: skip
    if name == "weekday":
        return _weekday(m, text, anchor, lang)
    return None


def _range(
    m: re.Match[str],
    d1: int,
    m1: int,
    y1: int | None,
    d2: int,
    m2: int,
    y2: int | None,
    anchor: PartialDate | None,
) -> DateMention | None:
    inferred = False
    if y2 is None:
        if anchor is None:
            return _unknown(m, "range")
        y2 = _pick_year(m2, d2, anchor)
        inferred = True
        if y2 is None:
            return None
    if y1 is None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    start, end = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    if start is None or end is None or end < start:
        return None
    return DateMention(m.start(), m.end(), m.group(0), start, end, "day", "range", None, inferred)


def _weekday(
    m: re.Match[str], text: str, anchor: PartialDate | None, lang: str
) -> DateMention | None:
    weekday = _weekday_num(m.group("w"), lang)
    if weekday is None:
        return None
    if anchor is None:
        return _unknown(m)
    if anchor.precision == "day":
        a = anchor.start
        if _FUTURE_WORDS.match(text, m.end()):
            delta = (weekday - a.weekday()) % 7 or 7
            found = a + timedelta(days=delta)
        else:
            delta = (a.weekday() - weekday) % 7
            if _PAST_WORDS.match(text, m.end()) and delta == 0:
                delta = 7
            found = a - timedelta(days=delta)
        return DateMention(m.start(), m.end(), m.group(0), found, found, "day", "date", None,
                           True)  # fmt: skip
    return DateMention(m.start(), m.end(), m.group(0), anchor.start, anchor.end,
                       anchor.precision, "date", None, True)  # fmt: skip


_PRIORITY = {
    "range_dmdm": 0, "range_mdmd": 0, "range_ddm": 1, "range_mdd": 1, "range_mm": 2,
    "iso": 3, "numeric": 3,
    "dmy": 4, "mdy": 4, "my": 5, "duration": 5, "duration_adj": 5, "m": 6, "y": 7,
    "weekday": 8,
}  # fmt: skip


def find_dates(
    text: str, *, anchor: PartialDate | None = None, lang: str | None = "fr"
) -> list[DateMention]:
    """Every date, range and duration in *text*, sorted by offset, never overlapping.

    *lang* "fr", "es" or "en" picks the month/weekday names; ``None`` or another code uses all
    three.
    *anchor* (usually the publication date) gives the year of "le 13 octobre", "en avril" and
    the day of "lundi"; without it those have precision "unknown". Offsets are into *text*.
    """
    lang = (lang or "any").casefold()[:2]
    candidates: list[tuple[int, int, int, DateMention]] = []
    for name, pattern in _patterns(lang):
        for m in pattern.finditer(text):
            mention = _resolve(name, m, text, anchor, lang)
            if mention is not None and mention.end > mention.start:
                candidates.append((_PRIORITY[name], -(m.end() - m.start()), m.start(), mention))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    chosen: list[DateMention] = []
    for _prio, _neg_len, _start, mention in candidates:
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    chosen.sort(key=lambda c: c.start)
    return chosen


@lru_cache(maxsize=8)
def _cited_re(lang: str) -> re.Pattern[str]:
    words = "|".join(w for x in languages(lang) for w in x.document_words)
    return re.compile(
        r"\b(?:" + words + r")(?:\s+[^\W\d_]+){0,2}?\s+(?:(?:N[º°o]\.?|n[úu]m\.?|number|no\.?)\s*)?"
        r"(?:[A-Z]{1,4}[-\s])?\d{1,5}[-/](?P<y>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    )


def cited_year(text: str, lang: str | None = "fr") -> PartialDate | None:
    """The year of the latest legal document *text* cites with its number ("Resolución
    830/2025", "las resoluciones 454-2012 y 455-2012", "DS 138-2025-PCM"), as a year-precision
    anchor for an article that gives no publication date; ``None`` when it cites none."""
    lang = (lang or "any").casefold()[:2]
    years = [int(m.group("y")) for m in _cited_re(lang).finditer(text)]
    return PartialDate(max(years)) if years else None


# --- metadata dates --------------------------------------------------------------------------

_ISO = re.compile(
    r"(?P<y>(?:1[89]|2\d)\d\d)(?:[-/.](?P<m>[01]?\d)(?:[-/.](?P<d>[0-3]?\d))?)?"
    r"(?:[T\s]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?:\s*(?:UTC|GMT))?"
)
_DMY_NUM = re.compile(r"(?P<d>[0-3]?\d)[/.-](?P<m>[01]?\d)[/.-](?P<y>(?:1[89]|2\d)\d\d)")


def _partial(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if not 1000 <= year <= 2999:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or _safe_date(year, month, day) is None):
        return None
    return PartialDate(year, month, day)


def parse_published(value: str | None) -> PartialDate | None:
    """Read a metadata date: "2018", "2018-10", "2018-10-29", ISO datetimes, "29/10/2018",
    "29 octobre 2018", "octobre 2018", "October 29, 2018", RFC 2822. ``None`` if unreadable."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    m = _ISO.fullmatch(s)
    if m:
        return _partial(
            int(m.group("y")),
            int(m.group("m")) if m.group("m") else None,
            int(m.group("d")) if m.group("d") else None,
        )
    m = _DMY_NUM.fullmatch(s)
    if m:
        return _partial(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    s = re.sub(r"^\s*\w+\.?,\s*", "", s) if re.match(r"^\s*[A-Za-zéè]+\.?,", s) else s
    s = re.sub(r"\s+\d\d:\d\d(?::\d\d)?.*$", "", s)  # RFC 2822 time part
    for mention in find_dates(s, anchor=None, lang=None):
        if mention.start > 3 or mention.kind != "date" or mention.date_start is None:
            continue
        if mention.precision == "day":
            d = mention.date_start
            return PartialDate(d.year, d.month, d.day)
        if mention.precision == "month":
            d = mention.date_start
            return PartialDate(d.year, d.month)
    m = re.fullmatch(
        r"(?P<m>[^\W\d_]+)\.?(?:\s+de)?\s+(?P<y>(?:1[89]|2\d)\d\d)|(?P<y2>(?:1[89]|2\d)\d\d)",
        s.strip(),
    )
    if m:
        if m.group("y2"):
            return _partial(int(m.group("y2")), None, None)
        month = _month_num(m.group("m"), "fr")
        if month:
            return _partial(int(m.group("y")), month, None)
    return None
