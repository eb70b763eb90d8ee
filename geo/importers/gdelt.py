"""GDELT event exports (1.0 and 2.0) -> rows of the events table.

GDELT's event files are tab-separated with no header (``.export.CSV``, often zipped): 57
fields in the 1.0 historical backfiles (before April 2013), 58 in the 1.0 daily files (those
add ``SOURCEURL``), 61 in 2.0 (which add ``ADM2Code`` to each of the three geographies). Each
line is read by its own field count, so a file mixing them reads too; a file whose first line
is a header (a BigQuery export, tab- or comma-separated) is read by the header's names. The
fields used are those of the GDELT event codebook: ``GLOBALEVENTID``, ``SQLDATE`` (YYYYMMDD),
``Actor1Name``, ``Actor1CountryCode`` (CAMEO, ISO 3166 alpha-3 for countries),
``Actor2Name``, ``EventCode``/``EventBaseCode``/``EventRootCode`` (CAMEO), ``ActionGeo_Type``,
``ActionGeo_FullName``, ``ActionGeo_CountryCode`` (FIPS 10-4, not ISO), ``ActionGeo_Lat``,
``ActionGeo_Long``, ``DATEADDED``, ``SOURCEURL``.

Events are placed where the action is (``ActionGeo_*``, the codebook's advice for maps); an
event with no action geography is refused. CAMEO codes map to our types by :data:`CAMEO_TYPES`.
"""

from __future__ import annotations

import csv
from urllib.parse import urlsplit

import pandas as pd

from geo.exc import DatasetImportError
from geo.importers.common import (
    ImportResult,
    PathOrFile,
    Records,
    RowProblem,
    coordinate_problems,
    country_from_code,
    date_column,
    finish,
    id_and_date,
    map_unique,
    number_column,
    read_records,
    read_text,
    refuse,
    sniff_delimiter,
    text_column,
)

DATASET = "gdelt"

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_EVENT = (
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
)
_GEO_V1 = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_GEO_V2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_DATES = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")


def _layout(geo: tuple[str, ...], *tail: str) -> tuple[str, ...]:
    actors = tuple(f"Actor{n}{f}" for n in (1, 2) for f in _ACTOR)
    places = tuple(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in geo)
    return (*_DATES, *actors, *_EVENT, *places, *tail)


V1_HISTORICAL = _layout(_GEO_V1, "DATEADDED")
"""The 57 fields of a GDELT 1.0 backfile (1979 - March 2013)."""
V1_DAILY = _layout(_GEO_V1, "DATEADDED", "SOURCEURL")
"""The 58 fields of a GDELT 1.0 daily file (April 2013 on)."""
V2 = _layout(_GEO_V2, "DATEADDED", "SOURCEURL")
"""The 61 fields of a GDELT 2.0 event export."""
LAYOUTS = {len(V1_HISTORICAL): V1_HISTORICAL, len(V1_DAILY): V1_DAILY, len(V2): V2}

CAMEO_TYPES: dict[str, str] = {
    "15": "troop_deployment",  # EXHIBIT FORCE POSTURE (root)
    "150": "troop_deployment",  # Demonstrate military or police power
    "151": "troop_deployment",  # Increase police alert status
    "152": "troop_deployment",  # Increase military alert status
    "153": "troop_deployment",  # Mobilize or increase police power
    "154": "troop_deployment",  # Mobilize or increase armed forces
    "192": "troop_deployment",  # Occupy territory
    "074": "troop_deployment",  # Provide military protection or peacekeeping
    "0861": "foreign_troops",  # Receive deployment of peacekeepers
    "062": "security_agreement",  # Cooperate militarily
    "191": "border_control",  # Impose blockade, restrict movement
    "1723": "state_of_emergency",  # Impose curfew
    "1724": "state_of_emergency",  # Impose state of emergency or martial law
}
"""CAMEO event code -> our type, looked up by ``EventCode``, then ``EventBaseCode``, then
``EventRootCode``; every other code is ``other``. Left out on purpose: verbal events (appeals,
intents, threats: 0234, 0312, 0334, 138x), withdrawals and demobilisation (0873, 0874, 1641),
fighting (18x, 19x but 191/192, 20x). A ``troop_deployment`` whose actor's country (CAMEO
``Actor1CountryCode``) is not the action's country is ``foreign_troops``."""

CAMEO_LABELS: dict[str, str] = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
    "04": "Consult", "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation", "07": "Provide aid", "08": "Yield",
    "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce",
    "18": "Assault", "19": "Fight", "20": "Engage in unconventional mass violence",
    "150": "Demonstrate military or police power", "151": "Increase police alert status",
    "152": "Increase military alert status", "153": "Mobilize or increase police power",
    "154": "Mobilize or increase armed forces", "192": "Occupy territory",
    "074": "Provide military protection or peacekeeping",
    "0861": "Receive deployment of peacekeepers", "062": "Cooperate militarily",
    "191": "Impose blockade, restrict movement", "1723": "Impose curfew",
    "1724": "Impose state of emergency or martial law",
}  # fmt: skip
"""CAMEO labels for the generated evidence: the 20 roots and the codes mapped above."""

ACTION_GEO: dict[int, tuple[str, str]] = {
    1: ("country", "country"),
    2: ("admin1", "US state"),
    3: ("point", "US city"),
    4: ("point", "world city"),
    5: ("admin1", "world state"),
}
"""``ActionGeo_Type`` -> (``geo_precision``, ``feature``); 0 or empty: no geography."""


def _frame(records: Records, name: str) -> tuple[pd.DataFrame, list[RowProblem]]:
    problems = list(records.problems)
    first = records.fields[0] if records.fields else []
    if first and first[0].strip().upper() == "GLOBALEVENTID":  # a header row (BigQuery)
        canonical = {c.upper(): c for c in V2 + V1_DAILY}
        header = [canonical.get(h.strip().upper(), h.strip()) for h in first]
        if "SQLDATE" not in header or "EventCode" not in header:
            raise DatasetImportError(
                f"{name}: not a GDELT event export (header without SQLDATE and EventCode)"
            )
        groups = {len(header): (header, [], [])}
        body = zip(records.fields[1:], records.lines[1:], strict=True)
    else:
        groups = {width: (list(cols), [], []) for width, cols in LAYOUTS.items()}
        body = zip(records.fields, records.lines, strict=True)
    for record, line in body:
        group = groups.get(len(record))
        if group is None:
            problems.append(
                RowProblem(
                    line,
                    f"{len(record)} fields; GDELT event exports have "
                    "57 (1.0 historical), 58 (1.0 daily) or 61 (2.0)",
                )
            )
            continue
        group[1].append(record)
        group[2].append(line)
    frames = []
    for columns, rows, lines in groups.values():
        if rows:
            part = pd.DataFrame(rows, columns=columns, dtype="string")
            part["_line"] = lines
            frames.append(part)
    if not frames:
        raise DatasetImportError(
            f"{name}: not a GDELT event export: no line has 57, 58 or 61 tab-separated fields"
        )
    frame = pd.concat(frames, ignore_index=True).sort_values("_line", kind="stable")
    return frame.reset_index(drop=True), problems


def _cameo(code: object, root: object) -> str | None:
    """*code* with the leading zero an integer column lost given back (``"62"`` with root
    ``"6"`` -> ``"062"``)."""
    if not isinstance(code, str):
        return None
    prefix = root.zfill(2) if isinstance(root, str) and root.isdigit() else None
    if prefix and code.isdigit() and not code.startswith(prefix):
        code = code.zfill(len(code) + 1)
    return code


def _domain(url: object) -> str | None:
    if not isinstance(url, str):
        return None
    if url.startswith(("http://", "https://")):
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return url  # "BBC Monitoring"


def read_gdelt(source: PathOrFile, *, only_deployments: bool = False) -> ImportResult:
    """Read a GDELT 1.0 or 2.0 event export into events-table rows (``source_dataset``
    "gdelt", ``source_id`` its ``GLOBALEVENTID``).

    A line of another field count, or without an id, a ``SQLDATE``, an action geography or
    usable coordinates is refused with its line number; the others are kept. Raises
    :class:`~geo.exc.DatasetImportError` if the file cannot be read or no line is GDELT's.
    """
    text, name = read_text(source)
    first = text.split("\n", 1)[0]
    header = first.strip().upper().startswith("GLOBALEVENTID")
    delimiter = sniff_delimiter(first, ",\t") if header else "\t"
    quoting = csv.QUOTE_MINIMAL if header and delimiter == "," else csv.QUOTE_NONE
    records = read_records(text, delimiter=delimiter, quoting=quoting)
    frame, problems = _frame(records, name)
    lines, ids, day, good = id_and_date(
        frame, "GLOBALEVENTID", "SQLDATE", "YYYYMMDD date", problems
    )
    geo_type = number_column(frame, "ActionGeo_Type")
    bad = good & ~geo_type.isin(list(ACTION_GEO))
    good &= refuse(bad, "no action geography (ActionGeo_Type 0 or empty)", lines, ids, problems)
    latitude = number_column(frame, "ActionGeo_Lat")
    longitude = number_column(frame, "ActionGeo_Long")
    reason = coordinate_problems(latitude, longitude)
    good &= refuse(good & (reason != ""), reason, lines, ids, problems)

    frame, lines, ids, day, geo_type = (x[good] for x in (frame, lines, ids, day, geo_type))
    latitude, longitude = latitude[good], longitude[good]

    root = text_column(frame, "EventRootCode")
    code = pd.Series(
        [_cameo(c, r) for c, r in zip(text_column(frame, "EventCode"), root, strict=True)],
        index=frame.index,
        dtype="object",
    )
    base = pd.Series(
        [_cameo(c, r) for c, r in zip(text_column(frame, "EventBaseCode"), root, strict=True)],
        index=frame.index,
        dtype="object",
    )
    root2 = root.map(lambda r: r.zfill(2), na_action="ignore").astype("object")
    types = code.map(CAMEO_TYPES)
    types = types.fillna(base.map(CAMEO_TYPES)).fillna(root2.map(CAMEO_TYPES)).fillna("other")
    host = map_unique(
        text_column(frame, "ActionGeo_CountryCode"), lambda v: country_from_code(v, "fips")
    )
    actor_iso = map_unique(
        text_column(frame, "Actor1CountryCode"), lambda v: country_from_code(v, "iso3")
    )
    foreign = (actor_iso.notna() & host.notna() & (actor_iso != host)).fillna(False)
    types = types.astype("object")
    types[(types == "troop_deployment") & foreign] = "foreign_troops"

    label = code.map(CAMEO_LABELS).fillna(base.map(CAMEO_LABELS)).fillna(root2.map(CAMEO_LABELS))
    place = text_column(frame, "ActionGeo_FullName").fillna(
        text_column(frame, "ActionGeo_CountryCode")
    )
    actor = text_column(frame, "Actor1Name")
    evidence = (
        "GDELT CAMEO "
        + code.fillna("?").astype("string")
        + (" (" + label.astype("string") + ")").fillna("")
        + ": "
        + actor.fillna("unnamed actor")
        + (" -> " + text_column(frame, "Actor2Name")).fillna("")
        + " at "
        + place.fillna("?")
        + ", "
        + day.dt.strftime("%Y-%m-%d")
    )
    added = date_column(text_column(frame, "DATEADDED").str.slice(0, 8))
    url = text_column(frame, "SOURCEURL")
    mapped = pd.DataFrame(
        {
            "source_id": ids,
            "source": url.map(_domain).astype("string"),
            "url": url,
            "lang": "en",
            "published": added.dt.strftime("%Y-%m-%d"),
            "event_type": types,
            "date_start": day.dt.strftime("%Y-%m-%d"),
            "date_end": day.dt.strftime("%Y-%m-%d"),
            "date_precision": "day",
            "place": place,
            "feature": geo_type.map(lambda t: ACTION_GEO[int(t)][1]),
            "geo_precision": geo_type.map(lambda t: ACTION_GEO[int(t)][0]),
            "country_code": host,
            "latitude": latitude,
            "longitude": longitude,
            "actor": actor,
            "actor_country": actor_iso,
            "host_country": host,
            "evidence": evidence,
            "confidence": 0.5,
        }
    )
    read = len(records.fields) - int(header) + len(records.problems)
    return finish(DATASET, mapped, lines, problems, read, only_deployments=only_deployments)
