"""UCDP GED exports (the CSV of the Georeferenced Event Dataset) -> rows of the events table.

The columns read are those of the GED codebook (49 in a full release): ``id``,
``type_of_violence``, ``side_a``, ``side_b``, ``source_office``, ``source_date``,
``source_headline``, ``where_prec``, ``where_coordinates``, ``where_description``, ``adm_1``,
``latitude``, ``longitude``, ``country``, ``date_prec``, ``date_start``, ``date_end``, ``best``,
``low``, ``high``. Redistributions that keep a subset (and write integers as ``4.0``) read as
well; a column they lack stays empty (no ``country``: no ``country_code``).

GED records organised violence (state-based conflict, non-state conflict, one-sided
violence), not deployments: every row is ``other`` (so ``only_deployments`` keeps none). The
death estimates ``best``/``low``/``high`` have no column of their own (``force_size`` counts
troops, not deaths): they are stated in the generated evidence, which is searchable.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.importers.common import (
    ImportResult,
    PathOrFile,
    actor_country,
    clean_id,
    coordinate_problems,
    country_from_name,
    date_column,
    finish,
    header_frame,
    join_sources,
    map_unique,
    number_column,
    read_records,
    read_text,
    refuse,
    sniff_delimiter,
    text_column,
)

DATASET = "ucdp"
REQUIRED_COLUMNS: tuple[str, ...] = ("id", "date_start", "latitude", "longitude")
"""Header columns without which a file is not a UCDP GED export (exit 2)."""

UCDP_TYPES: dict[int, str] = {1: "other", 2: "other", 3: "other"}
"""``type_of_violence`` -> our type: 1 state-based conflict, 2 non-state conflict, 3 one-sided
violence; fighting is not a deployment, so all are ``other``."""
VIOLENCE = {1: "state-based conflict", 2: "non-state conflict", 3: "one-sided violence"}

WHERE_PREC: dict[int, tuple[str, str]] = {
    1: ("point", "exact place"),
    2: ("point", "near place"),
    3: ("point", "admin2"),
    4: ("admin1", "admin1"),
    5: ("admin1", "part of country"),
    6: ("country", "country"),
    7: ("point", "water or airspace"),
}
"""``where_prec`` -> (our ``geo_precision``, ``feature``): 1 the exact place, 2 within a limited
area around it, 3 a second-order division (its centroid), 4 a first-order one, 5 a part of the
country larger than that, 6 the whole country, 7 at sea or in international airspace (an
estimated point)."""

DATE_PREC: dict[int, str] = {1: "day", 2: "day", 3: "day", 4: "month", 5: "year"}
"""``date_prec`` -> ``date_precision``: 1 the exact day, 2 a range of 2-6 days, 3 a week, 4 a
month, 5 a year. UCDP's ``date_start``/``date_end`` are kept as the range."""

_KIND_SUFFIX = re.compile(
    r"\s+(?:state|province|department|region|governorate|district|oblast|prefecture|county"
    r"|municipality|town|village)$"
)
"""The lower-case kind word GED appends to ``adm_1`` and ``where_coordinates`` ("Jalisco
state", "Tijuana town"), dropped; "city" is kept ("Mexico city" is a name)."""
_NOT_STATED = {"not stated", "unknown", "n/a", "na"}


def read_ucdp(source: PathOrFile, *, only_deployments: bool = False) -> ImportResult:
    """Read a UCDP GED CSV export into events-table rows (``source_dataset`` "ucdp",
    ``source_id`` its ``id``).

    A record without an id, readable dates (``date_end`` before ``date_start`` included),
    usable coordinates or a place is refused with its line number; the others are kept.
    Raises :class:`~geo.exc.DatasetImportError` if the file cannot be read or is not GED.
    """
    text, name = read_text(source)
    first = text.split("\n", 1)[0]
    records = read_records(text, delimiter=sniff_delimiter(first))
    frame, problems = header_frame(records, name, "UCDP GED", REQUIRED_COLUMNS)
    lines = frame["_line"]
    ids = clean_id(text_column(frame, "id"))
    good = refuse(ids.isna(), "no id", lines, ids, problems)

    raw_start, raw_end = text_column(frame, "date_start"), text_column(frame, "date_end")
    start = date_column(raw_start)
    end = date_column(raw_end.fillna(raw_start))
    bad = good & (start.isna() | end.isna())
    message = "date_start " + raw_start.fillna("").map(repr) + " / date_end "
    message += raw_end.fillna("").map(repr) + " not dates"
    good &= refuse(bad, message, lines, ids, problems)
    good &= refuse(good & (end < start), "date_end before date_start", lines, ids, problems)
    where_prec = number_column(frame, "where_prec").fillna(1)
    bad = good & ~where_prec.isin(list(WHERE_PREC))
    good &= refuse(bad, "where_prec is not 1-7", lines, ids, problems)
    date_prec = number_column(frame, "date_prec").fillna(1)
    bad = good & ~date_prec.isin(list(DATE_PREC))
    good &= refuse(bad, "date_prec is not 1-5", lines, ids, problems)

    latitude = number_column(frame, "latitude", decimal_comma=True)
    longitude = number_column(frame, "longitude", decimal_comma=True)
    reason = coordinate_problems(latitude, longitude)
    good &= refuse(good & (reason != ""), reason, lines, ids, problems)
    described = text_column(frame, "where_description").str.replace(r"\s+", " ", regex=True)
    described = described.where(~described.str.lower().isin(_NOT_STATED).fillna(False), pd.NA)
    place = described
    for fallback in ("where_coordinates", "adm_2", "adm_1", "country"):
        place = place.fillna(text_column(frame, fallback))
    good &= refuse(
        good & place.isna(),
        "no place (where_description, where_coordinates, ...)",
        lines,
        ids,
        problems,
    )

    frame, lines, ids, place = frame[good], lines[good], ids[good], place[good]
    start, end, where_prec, date_prec = start[good], end[good], where_prec[good], date_prec[good]
    latitude, longitude = latitude[good], longitude[good]

    host = map_unique(text_column(frame, "country"), country_from_name)
    side_a, side_b = text_column(frame, "side_a"), text_column(frame, "side_b")
    violence = number_column(frame, "type_of_violence")
    best, low, high = (number_column(frame, c) for c in ("best", "low", "high"))

    def count(values: pd.Series) -> pd.Series:
        text = values.map(lambda v: "?" if pd.isna(v) else f"{v:,.0f}")
        return text.astype("object").astype("string")

    dates = start.dt.strftime("%Y-%m-%d")
    dates = dates.where(start == end, dates + " to " + end.dt.strftime("%Y-%m-%d"))
    evidence = (
        "UCDP GED "
        + violence.map(VIOLENCE).fillna("organised violence")
        + ": "
        + side_a.fillna("unnamed side")
        + (" vs " + side_b).fillna("")
        + " at "
        + place
        + ", "
        + dates
        + "; deaths best "
        + count(best)
        + " (low "
        + count(low)
        + ", high "
        + count(high)
        + ")."
    )
    published = text_column(frame, "source_date").str.extract(r"(\d{4}-\d{2}-\d{2})")[0]
    mapped = pd.DataFrame(
        {
            "source_id": ids,
            "source": join_sources(text_column(frame, "source_office")),
            "title": text_column(frame, "source_headline"),
            "lang": "en",
            "published": published,
            "event_type": violence.map(UCDP_TYPES).fillna("other"),
            "date_start": start.dt.strftime("%Y-%m-%d"),
            "date_end": end.dt.strftime("%Y-%m-%d"),
            "date_precision": date_prec.map(DATE_PREC),
            "place": place,
            "place_resolved": text_column(frame, "where_coordinates").str.replace(
                _KIND_SUFFIX, "", regex=True
            ),
            "feature": where_prec.map(lambda p: WHERE_PREC[int(p)][1]),
            "geo_precision": where_prec.map(lambda p: WHERE_PREC[int(p)][0]),
            "country_code": host,
            "admin1": text_column(frame, "adm_1").str.replace(_KIND_SUFFIX, "", regex=True),
            "latitude": latitude,
            "longitude": longitude,
            "actor": side_a,
            "actor_country": map_unique(side_a, actor_country),
            "host_country": host,
            "evidence": evidence,
            "confidence": (1.0 - 0.05 * (where_prec - 1) - 0.05 * (date_prec - 1)).round(3),
        }
    )
    read = len(records.fields) - 1 + len(records.problems)
    return finish(DATASET, mapped, lines, problems, read, only_deployments=only_deployments)
