"""ACLED exports (the export tool's or the API's CSV) -> rows of the events table.

One ACLED event is one row (ACLED codes one location per event). The columns read are those of
ACLED's codebook: ``event_id_cnty``, ``event_date``, ``time_precision``, ``event_type``,
``sub_event_type``, ``actor1``, ``inter1``, ``iso``, ``country``, ``admin1``..``admin3``,
``location``, ``latitude``, ``longitude``, ``geo_precision``, ``source`` (semicolon-separated),
``notes``. Header names are matched case-insensitively (older files are upper-case), the
delimiter is read from the header line (``,``, ``;`` or tab), dates may be ISO, ``YYYYMMDD``,
"16 May 2025" or day-first. ``fatalities`` has no column in the events table (``force_size``
counts troops, not deaths): it is left out; ACLED's ``notes``, kept as the evidence, usually
state it.

The mapping to our types is :data:`ACLED_TYPES` (by sub-event type, or by event type for files
older than the 2019 codebook), refined for "Change to group/activity" by the words of the notes
(:data:`CHANGE_RULES`), and a deployment by a foreign force (its actor's country is not the
event's, or ACLED's actor type is "External/Other forces") is ``foreign_troops``.
"""

from __future__ import annotations

import pandas as pd

from geo.importers.common import (
    ImportResult,
    PathOrFile,
    actor_country,
    clean_id,
    coordinate_problems,
    country_from_code,
    country_from_name,
    finish,
    header_frame,
    id_and_date,
    join_sources,
    map_unique,
    number_column,
    read_records,
    read_text,
    refuse,
    sniff_delimiter,
    text_column,
)
from geo.text import fold

DATASET = "acled"
REQUIRED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "latitude",
    "longitude",
)
"""Header columns without which a file is not an ACLED export (exit 2)."""

ACLED_TYPES: dict[str, str] = {
    # "Strategic developments" sub-event types (ACLED codebook, 2019 on)
    "headquarters or base established": "troop_deployment",
    "non-violent transfer of territory": "troop_deployment",
    "agreement": "security_agreement",
    "change to group/activity": "other",  # refined by CHANGE_RULES
    "arrests": "other",
    "disrupted weapons use": "other",
    "looting/property destruction": "other",
    "other": "other",
    # event types of files older than the 2019 codebook (no sub-event type)
    "strategic development": "other",
    "strategic developments": "other",
}
"""ACLED (sub-)event type (folded) -> our event type. Every type not listed (battles,
explosions/remote violence, violence against civilians, protests, riots and their sub-types)
is ``other``. A troop deployment by a foreign force becomes ``foreign_troops``."""

CHANGE_RULES: tuple[tuple[str, str], ...] = (
    (r"state of emergency|state of siege|martial law|curfew", "state_of_emergency"),
    (  # a control measure at a border; a force sent there is a deployment (README's types)
        r"(?s)(?=.*\bborder)(?=.*(?:\bclos(?:ed|ure|ing)\b|\bseal|\bcheckpoint|\bcontrol post"
        r"|\binspection|\bsurveillance\b|\bpatrol|\bcrossings? (?:was |were )?(?:shut|suspended)))",
        "border_control",
    ),
    (
        r"\bdeploy|\breinforc|\bstationed\b|\bdispatched\b|\bsent (?:troops|soldiers|forces)\b",
        "troop_deployment",
    ),
)
"""For "Change to group/activity" only: the first pattern its notes match (case-insensitive)
gives the type; no match stays ``other``."""

GEO_PRECISION = {1: "point", 2: "point", 3: "admin1"}
"""ACLED ``geo_precision`` -> ours: 1 a town, 2 near a town or part of a region (coded to a
town), 3 a larger region (a provincial capital or natural location stands for it)."""
FEATURE = {1: "town", 2: "near town", 3: "region"}
EXTERNAL_INTER = {"8", "external/other forces"}
"""ACLED actor types (``inter1``, numeric before 2023, text since) of foreign forces."""


def _types(frame: pd.DataFrame, foreign: pd.Series) -> pd.Series:
    sub = text_column(frame, "sub_event_type")
    kind = sub.fillna(text_column(frame, "event_type")).map(
        lambda v: fold(v) if isinstance(v, str) else v
    )
    types = kind.map(ACLED_TYPES).fillna("other").astype("object")
    notes = text_column(frame, "notes").fillna("")
    change = kind == "change to group/activity"
    for pattern, target in reversed(CHANGE_RULES):  # the first rule wins: applied last
        hit = change & notes.str.contains(pattern, case=False, regex=True)
        types[hit.fillna(False)] = target
    types[(types == "troop_deployment") & foreign] = "foreign_troops"
    return types


def read_acled(source: PathOrFile, *, only_deployments: bool = False) -> ImportResult:
    """Read an ACLED CSV export into events-table rows (``source_dataset`` "acled",
    ``source_id`` its ``event_id_cnty``).

    A record without an id, a readable date, coordinates (ACLED exports have some without) or
    a place name is refused with its line number; the others are kept. With
    *only_deployments*, rows mapped to ``other`` are left out. Raises
    :class:`~geo.exc.DatasetImportError` if the file cannot be read or is not an ACLED export.
    """
    text, name = read_text(source)
    first = text.split("\n", 1)[0]
    records = read_records(text, delimiter=sniff_delimiter(first))
    frame, problems = header_frame(records, name, "ACLED", REQUIRED_COLUMNS)
    lines, ids, day, good = id_and_date(frame, "event_id_cnty", "event_date", "date", problems)
    time_precision = number_column(frame, "time_precision").fillna(1)
    bad = good & ~time_precision.isin([1, 2, 3])
    good &= refuse(bad, "time_precision is not 1, 2 or 3", lines, ids, problems)
    geo_precision = number_column(frame, "geo_precision").fillna(1)
    bad = good & ~geo_precision.isin([1, 2, 3])
    good &= refuse(bad, "geo_precision is not 1, 2 or 3", lines, ids, problems)

    latitude = number_column(frame, "latitude", decimal_comma=True)
    longitude = number_column(frame, "longitude", decimal_comma=True)
    reason = coordinate_problems(latitude, longitude)
    good &= refuse(good & (reason != ""), reason, lines, ids, problems)
    place = text_column(frame, "location")
    for fallback in ("admin3", "admin2", "admin1", "country"):
        place = place.fillna(text_column(frame, fallback))
    good &= refuse(
        good & place.isna(), "no place name (location, admin1-3, country)", lines, ids, problems
    )

    frame, lines, ids, day, place = (x[good] for x in (frame, lines, ids, day, place))
    time_precision, geo_precision = time_precision[good], geo_precision[good]
    latitude, longitude = latitude[good], longitude[good]

    host = map_unique(text_column(frame, "iso"), lambda v: country_from_code(v, "numeric"))
    host = host.fillna(map_unique(text_column(frame, "country"), country_from_name))
    actor = text_column(frame, "actor1")
    actor_iso = map_unique(actor, actor_country)
    inter1 = clean_id(text_column(frame, "inter1")).str.lower()
    external = inter1.isin(EXTERNAL_INTER).fillna(False)
    foreign = external | (actor_iso.notna() & host.notna() & (actor_iso != host)).fillna(False)

    start, end = day.copy(), day.copy()
    week = time_precision == 2
    start[week], end[week] = day[week] - pd.Timedelta(days=3), day[week] + pd.Timedelta(days=3)
    month = time_precision == 3
    start[month] = day[month].dt.to_period("M").dt.start_time
    end[month] = day[month].dt.to_period("M").dt.end_time.dt.normalize()

    evidence = text_column(frame, "notes")
    generated = (
        "ACLED "
        + text_column(frame, "event_type").fillna("event")
        + (" (" + text_column(frame, "sub_event_type") + ")").fillna("")
        + ": "
        + actor.fillna("unnamed actor")
        + " at "
        + place
        + ", "
        + day.dt.strftime("%Y-%m-%d")
    )
    mapped = pd.DataFrame(
        {
            "source_id": ids,
            "source": join_sources(text_column(frame, "source")),
            "lang": "en",
            "event_type": _types(frame, foreign),
            "date_start": start.dt.strftime("%Y-%m-%d"),
            "date_end": end.dt.strftime("%Y-%m-%d"),
            "date_precision": time_precision.map({1: "day", 2: "day", 3: "month"}),
            "place": place,
            "place_resolved": text_column(frame, "location"),
            "feature": geo_precision.map(FEATURE),
            "geo_precision": geo_precision.map(GEO_PRECISION),
            "country_code": host,
            "admin1": text_column(frame, "admin1"),
            "latitude": latitude,
            "longitude": longitude,
            "actor": actor,
            "actor_country": actor_iso,
            "host_country": host,
            "evidence": evidence.fillna(generated),
            "confidence": (1.0 - 0.1 * (geo_precision - 1) - 0.1 * (time_precision - 1)).round(3),
        }
    )
    read = len(records.fields) - 1 + len(records.problems)
    return finish(DATASET, mapped, lines, problems, read, only_deployments=only_deployments)
