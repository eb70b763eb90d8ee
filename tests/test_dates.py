"""Dates: metadata parsing, anchored relative dates, ranges, durations, and non-dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.extract.dates import DateMention, PartialDate, find_dates, parse_published
from geo.ingest.articles import read_article_file

SEEDS = Path(__file__).resolve().parent.parent / "data" / "articles"
OCT_2018 = PartialDate(2018, 10)
MON_29_OCT_2018 = PartialDate(2018, 10, 29)  # a Monday


def _one(text: str, anchor: PartialDate | None = OCT_2018, lang: str = "fr") -> DateMention:
    found = find_dates(text, anchor=anchor, lang=lang)
    assert len(found) == 1, found
    return found[0]


def _summary(m: DateMention) -> tuple[date | None, date | None, str, str]:
    return m.date_start, m.date_end, m.precision, m.kind


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018", PartialDate(2018)),
        ("2018-10", PartialDate(2018, 10)),
        ("2018-10-29", PartialDate(2018, 10, 29)),
        ("29/10/2018", PartialDate(2018, 10, 29)),
        ("29.10.2018", PartialDate(2018, 10, 29)),
        ("29 octobre 2018", PartialDate(2018, 10, 29)),
        ("octobre 2018", PartialDate(2018, 10)),
        ("2018-10-29T12:30:00Z", PartialDate(2018, 10, 29)),
        ("2018-10-29T12:30:00+02:00", PartialDate(2018, 10, 29)),
        ("2018-10-29 12:30", PartialDate(2018, 10, 29)),
        ("Mon, 29 Oct 2018 10:00:00 GMT", PartialDate(2018, 10, 29)),
        ("October 29, 2018", PartialDate(2018, 10, 29)),
        ("29 de octubre de 2018", PartialDate(2018, 10, 29)),
    ],
)
def test_parse_published(value: str, expected: PartialDate) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", [None, "", "garbage", "2018-13", "2018-02-30", "31/02/2018"])
def test_parse_published_rejects(value: str | None) -> None:
    assert parse_published(value) is None


def test_partial_date_bounds() -> None:
    assert PartialDate(2024, 2).end == date(2024, 2, 29)
    assert PartialDate(2018).start == date(2018, 1, 1)
    assert PartialDate(2018, 10).iso() == "2018-10"
    assert PartialDate(2018, 10, 3).precision == "day"


def test_day_month_takes_year_from_anchor() -> None:
    m = _one("La caravane a pris le départ du Honduras le 13 octobre.")
    assert _summary(m) == (date(2018, 10, 13), date(2018, 10, 13), "day", "date")
    assert m.text == "13 octobre" and m.inferred
    m = _one("le 13 octobre", anchor=MON_29_OCT_2018)
    assert m.date_start == date(2018, 10, 13)


def test_future_date_in_month_anchor_keeps_the_year() -> None:
    m = _one("dans la perspective des élections législatives du 6 novembre, qui pourraient")
    assert _summary(m) == (date(2018, 11, 6), date(2018, 11, 6), "day", "date")


def test_date_just_before_new_year_goes_to_previous_year() -> None:
    assert _one("le 20 décembre", anchor=PartialDate(2019, 1, 5)).date_start == date(2018, 12, 20)


def test_weekday_with_month_anchor_is_month_precision() -> None:
    m = _one("a annoncé lundi le Pentagone")
    assert _summary(m) == (date(2018, 10, 1), date(2018, 10, 31), "month", "date")


def test_weekday_with_day_anchor() -> None:
    assert _one("lundi", anchor=PartialDate(2018, 10, 31)).date_start == date(2018, 10, 29)
    assert _one("lundi", anchor=MON_29_OCT_2018).date_start == date(2018, 10, 29)
    assert _one("lundi prochain", anchor=MON_29_OCT_2018).date_start == date(2018, 11, 5)
    assert _one("el lunes", anchor=MON_29_OCT_2018, lang="es").precision == "day"
    assert _one("on Monday", anchor=MON_29_OCT_2018, lang="en").date_start == date(2018, 10, 29)


def test_month_only() -> None:
    m = _one("En avril, face à la progression d'une autre caravane")
    assert _summary(m) == (date(2018, 4, 1), date(2018, 4, 30), "month", "date")
    assert _one("en abril", lang="es").date_start == date(2018, 4, 1)
    assert _one("in April", lang="en").date_start == date(2018, 4, 1)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("En mars 2023, le ministère", date(2023, 3, 1), date(2023, 3, 31), "month"),
        ("qu'en octobre 2023, le ministre", date(2023, 10, 1), date(2023, 10, 31), "month"),
        ("la loi du 19 mai 2023", date(2023, 5, 19), date(2023, 5, 19), "day"),
        ("le coup d'État du 7 décembre 2022", date(2022, 12, 7), date(2022, 12, 7), "day"),
        ("le Groupe de Lima en 2021, fondé", date(2021, 1, 1), date(2021, 12, 31), "year"),
        ("le 1er novembre 2024", date(2024, 11, 1), date(2024, 11, 1), "day"),
        ("le 13 oct. 2018", date(2018, 10, 13), date(2018, 10, 13), "day"),
        ("le 2018-10-29", date(2018, 10, 29), date(2018, 10, 29), "day"),
        ("le 29/10/2018", date(2018, 10, 29), date(2018, 10, 29), "day"),
    ],
)
def test_explicit_dates(text: str, start: date, end: date, precision: str) -> None:
    m = _one(text, anchor=None)
    assert (m.date_start, m.date_end, m.precision) == (start, end, precision)
    assert not m.inferred


def test_full_range() -> None:
    text = "pour la période du 1er janvier au 31 décembre 2025."
    m = _one(text, anchor=None)
    assert _summary(m) == (date(2025, 1, 1), date(2025, 12, 31), "day", "range")
    assert m.text == "du 1er janvier au 31 décembre 2025"
    assert text[m.start : m.end] == m.text


def test_day_range_with_anchor_and_without() -> None:
    m = _one("qui s'est tenu à Lima du 9 au 16 novembre.", anchor=PartialDate(2024, 12))
    assert _summary(m) == (date(2024, 11, 9), date(2024, 11, 16), "day", "range")
    m = _one("du 9 au 16 novembre", anchor=None)
    assert (m.date_start, m.precision, m.kind) == (None, "unknown", "range")


def test_spanish_and_english_ranges() -> None:
    m = _one("del 1 de enero al 31 de diciembre de 2025", anchor=None, lang="es")
    assert _summary(m) == (date(2025, 1, 1), date(2025, 12, 31), "day", "range")
    m = _one("from January 1 to December 31, 2025", anchor=None, lang="en")
    assert _summary(m) == (date(2025, 1, 1), date(2025, 12, 31), "day", "range")
    m = _one("November 9-16, 2024", anchor=None, lang="en")
    assert _summary(m) == (date(2024, 11, 9), date(2024, 11, 16), "day", "range")
    m = _one("el 13 de octubre de 2018", anchor=None, lang="es")
    assert m.date_start == date(2018, 10, 13)


@pytest.mark.parametrize(
    ("text", "lang", "days"),
    [
        ("ces mesures resteront en vigueur pendant 60 jours dans les zones", "fr", 60),
        ("durante 60 días", "es", 60),
        ("for 60 days", "en", 60),
        ("pendant trois mois", "fr", 90),
        ("a 60-day state of emergency", "en", 60),
        ("pour une durée de deux semaines", "fr", 14),
    ],
)
def test_durations(text: str, lang: str, days: int) -> None:
    m = _one(text, lang=lang)
    assert (m.kind, m.duration_days, m.date_start, m.precision) == (
        "duration",
        days,
        None,
        "unknown",
    )


@pytest.mark.parametrize(
    "text",
    [
        "60 jours",
        "a pour sa part assuré",
        "sa femme et sa fille",
        "Depuis la loi 4.766 du Congrès",
        "un littoral de 2 414 kilomètres",
        "l'article 102, paragraphe 8",
        "Plus de 5.200 soldats",
        "1.743 demandes d'asile",
        "la planète Mars",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, anchor=OCT_2018) == []


def test_no_anchor_never_today() -> None:
    for text in ("le 13 octobre", "lundi", "en avril", "du 9 au 16 novembre"):
        m = _one(text, anchor=None)
        assert (m.date_start, m.date_end, m.precision) == (None, None, "unknown")


def _seed(prefix: str) -> tuple[str, PartialDate | None]:
    article = read_article_file(next(SEEDS.glob(prefix + "_*.txt")))
    return article.text, parse_published(article.published)


def _found(prefix: str) -> list[tuple[str, str | None, str | None, str, str, int | None]]:
    text, anchor = _seed(prefix)
    return [
        (
            m.text,
            m.date_start.isoformat() if m.date_start else None,
            m.date_end.isoformat() if m.date_end else None,
            m.precision,
            m.kind,
            m.duration_days,
        )
        for m in find_dates(text, anchor=anchor)
    ]


def test_seed_000_dates() -> None:
    assert _found("000") == [("pendant 60 jours", None, None, "unknown", "duration", 60)]


def test_seed_001_dates() -> None:
    month = ("2018-10-01", "2018-10-31", "month", "date", None)
    assert _found("001") == [
        ("lundi", *month),
        ("6 novembre", "2018-11-06", "2018-11-06", "day", "date", None),
        ("lundi", *month),
        ("En avril", "2018-04-01", "2018-04-30", "month", "date", None),
        ("13 octobre", "2018-10-13", "2018-10-13", "day", "date", None),
    ]


def test_seed_002_dates() -> None:
    assert _found("002") == [
        ("du 1er janvier au 31 décembre 2025", "2025-01-01", "2025-12-31", "day", "range", None),
        ("1er novembre", None, None, "unknown", "date", None),
        ("du 9 au 16 novembre", None, None, "unknown", "range", None),
        ("en 2021", "2021-01-01", "2021-12-31", "year", "date", None),
        ("7 décembre 2022", "2022-12-07", "2022-12-07", "day", "date", None),
        ("mars 2023", "2023-03-01", "2023-03-31", "month", "date", None),
        ("19 mai 2023", "2023-05-19", "2023-05-19", "day", "date", None),
        ("octobre 2023", "2023-10-01", "2023-10-31", "month", "date", None),
    ]


ANCHORS = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(1901, 2098)),
    st.builds(PartialDate, st.integers(1901, 2098), st.integers(1, 12)),
    st.dates(date(1901, 1, 1), date(2098, 12, 31)).map(
        lambda d: PartialDate(d.year, d.month, d.day)
    ),
)


@given(st.text(), ANCHORS, st.sampled_from(["fr", "es", "en", None]))
def test_find_dates_never_raises(text: str, anchor: PartialDate | None, lang: str | None) -> None:
    previous = 0
    for m in find_dates(text, anchor=anchor, lang=lang):
        assert previous <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.precision in ("day", "month", "year", "unknown")
        if m.date_start and m.date_end:
            assert m.date_start <= m.date_end
        previous = m.end


@given(
    st.from_regex(
        r"(le |du )?([1-9]|[12][0-9]) (janvier|mai|octobre|décembre)( 20[0-9]{2})?",
        fullmatch=True,
    ),
    ANCHORS,
)
def test_generated_day_month(text: str, anchor: PartialDate | None) -> None:
    for m in find_dates(text, anchor=anchor):
        assert m.precision in ("day", "unknown")


@given(st.text())
def test_parse_published_never_raises(value: str) -> None:
    parse_published(value)


def test_an_undated_article_takes_the_year_of_the_documents_it_cites():
    from geo.extract.dates import cited_year

    text = "El decreto 12-2019 fue publicado. Según la Resolución N° 88/2021 del ministerio, ..."
    assert cited_year(text, "es") == PartialDate(2021)
    assert cited_year("Le décret du 3 mai a été publié.", "fr") is None


def test_yearless_days_of_an_undated_article_resolve_by_its_cited_year():
    from geo.extract.document import Extractor

    text = (
        "Mediante el Decreto Supremo 045-2019-PCM, el Ejército desplegó 300 soldados en Juliaca "
        "a partir del 4 de marzo."
    )
    doc = Extractor()(text, lang="es")
    starts = {str(e.date_start) for e in doc.events}
    assert "2019-03-04" in starts
