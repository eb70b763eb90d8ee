"""The events table as a Parquet dataset partitioned by month, grown in atomic commits.

Layout of a dataset folder (``data/events.parquet/``)::

    _manifest.json                      which part files and which articles are committed
    month=2025-11/part-<token>.parquet  rows whose ``date_start`` falls in that month
    month=unknown/part-<token>.parquet  undated rows

Part files hold the schema's columns plus ``_search`` (:data:`.SEARCH_COLUMN`, the
folded text the ``q`` filter searches), which lets :mod:`geo.explore.store` search millions of rows
with a plain substring scan.

Every part file is written beside its final name and renamed into place, and the manifest is
the commit point: it names the live part files and the content key of every article whose
rows they hold. A part file the manifest does not name (left by a run killed between writing
parts and committing them, or replaced by a later commit) is an orphan and :meth:`recover`
deletes it, so a rerun after a crash ends with the same table as an uninterrupted run.
Readers that go through :func:`dataset_files` see only committed parts.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.exc import ConfigurationError, TableReadError
from geo.io import atomic_open, atomic_write_text
from geo.table.schema import COLUMNS, empty_events, validate_events

MANIFEST = "_manifest.json"
_PART = re.compile(r"^part-[\w-]+\.parquet$")
_PART_TMP = re.compile(r"^\.part-[\w-]+\.parquet\..*\.tmp$")
MANIFEST_FORMAT = 1
UNKNOWN_MONTH = "unknown"
SORT_KEYS = ["article_id", "evidence_start", "place_start"]


def month_of(df: pd.DataFrame) -> pd.Series:
    """The partition value of each row: ``YYYY-MM`` of ``date_start``, or ``unknown``."""
    dates = pd.to_datetime(df["date_start"], errors="coerce")
    months = dates.dt.strftime("%Y-%m").astype(object)
    return months.where(dates.notna(), UNKNOWN_MONTH)


def is_dataset(path: str | os.PathLike[str]) -> bool:
    """True if *path* is a dataset folder (it exists as a directory)."""
    return Path(path).is_dir()


@dataclass
class Manifest:
    """The committed state: live part files (with their articles) and article content keys."""

    parts: dict[str, dict] = field(default_factory=dict)
    articles: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        """Serialise (stable key order, so two equal manifests are equal files)."""
        data = {
            "format": MANIFEST_FORMAT,
            "parts": dict(sorted(self.parts.items())),
            "articles": dict(sorted(self.articles.items())),
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Parse a manifest written by :meth:`to_json`."""
        data = json.loads(text)
        if data.get("format") != MANIFEST_FORMAT:
            raise TableReadError(f"unknown dataset manifest format {data.get('format')!r}")
        return cls(parts=dict(data["parts"]), articles=dict(data["articles"]))


class EventDataset:
    """A month-partitioned Parquet events dataset with a manifest of processed articles."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.manifest = self._load()

    def _load(self) -> Manifest:
        file = self.path / MANIFEST
        if not file.exists():
            return Manifest()
        try:
            return Manifest.from_json(file.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as error:
            raise TableReadError(f"{file}: unreadable dataset manifest: {error}") from error

    # -- reading ---------------------------------------------------------------------------

    def files(self) -> list[Path]:
        """The committed part files, in a stable order."""
        return [self.path / rel for rel in sorted(self.manifest.parts)]

    def stats(self) -> tuple[int, int, int]:
        """``(rows, events, places)`` of the committed parts."""
        files = self.files()
        if not files:
            return 0, 0, 0
        import duckdb

        con = duckdb.connect()
        try:
            sql = (
                "SELECT count(*), count(DISTINCT event_key), count(DISTINCT location_id) "
                "FROM read_parquet(?)"
            )
            rows, events, places = con.execute(sql, [[str(f) for f in files]]).fetchone()
        finally:
            con.close()
        return int(rows), int(events), int(places)

    def key_of(self, article_id: str) -> str | None:
        """The content key the dataset holds rows for, or ``None`` if the article is new."""
        return self.manifest.articles.get(article_id)

    def read(self) -> pd.DataFrame:
        """The whole committed table, validated, in build order (article, evidence, place)."""
        files = self.files()
        if not files:
            return empty_events()
        frames = [pd.read_parquet(f) for f in files]
        table = pd.concat(frames, ignore_index=True)
        table = table.sort_values(SORT_KEYS, kind="stable")
        return validate_events(table[[c for c in COLUMNS if c in table.columns]])

    # -- writing ---------------------------------------------------------------------------

    def recover(self) -> list[Path]:
        """Delete the dataset's own part and temporary files the manifest does not name
        (``month=*/part-*.parquet`` and their ``.tmp`` files, nothing else); return them."""
        removed = []
        if not self.path.exists():
            return removed
        live = {self.path / rel for rel in self.manifest.parts}
        for file in self.path.glob("month=*/*"):
            if not file.is_file():
                continue
            orphan_part = _PART.match(file.name) is not None and file not in live
            if orphan_part or _PART_TMP.match(file.name) is not None:
                file.unlink(missing_ok=True)
                removed.append(file)
        for folder in self.path.glob("month=*"):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        return removed

    def _write_part(self, month: str, rows: pd.DataFrame) -> str:
        from geo.table.search import SEARCH_COLUMN, add_search_column

        if SEARCH_COLUMN not in rows.columns:  # folded search text, for fast text queries
            rows = add_search_column(rows)
        rel = f"month={month}/part-{uuid.uuid4().hex}.parquet"
        with atomic_open(self.path / rel, "wb") as handle:
            rows.to_parquet(handle, index=False)
        self.manifest.parts[rel] = {
            "rows": len(rows),
            "articles": sorted(rows["article_id"].unique().tolist()),
        }
        return rel

    def commit(
        self, rows: pd.DataFrame, done: Mapping[str, str], removed: Iterable[str] = ()
    ) -> None:
        """Add the *rows* of the articles in *done* (``article_id -> content key``) atomically,
        and drop the articles *removed* (their rows and their manifest entries).

        Rows an earlier commit holds for the same articles (a changed article, or a forced
        rebuild) are dropped, by rewriting the part files that hold them. The manifest is
        replaced last; files it no longer names are deleted after it.
        """
        gone = {aid for aid in removed if aid in self.manifest.articles and aid not in done}
        if not done and not gone:
            return
        self.path.mkdir(parents=True, exist_ok=True)
        table = validate_events(rows) if len(rows) else empty_events()
        table = table[list(COLUMNS)]
        replaced = {aid for aid in done if aid in self.manifest.articles} | gone
        dropped: list[str] = []
        if replaced:
            for rel, info in list(self.manifest.parts.items()):
                if not replaced.intersection(info["articles"]):
                    continue
                old = pd.read_parquet(self.path / rel)
                keep = old[~old["article_id"].isin(replaced)]
                del self.manifest.parts[rel]
                dropped.append(rel)
                if len(keep):
                    self._write_part(rel.split("/")[0].removeprefix("month="), keep)
        if len(table):
            table = table.sort_values(SORT_KEYS, kind="stable")
            for month, group in table.groupby(month_of(table), sort=True):
                self._write_part(str(month), group.reset_index(drop=True))
        self.manifest.articles.update(done)
        for aid in gone:
            del self.manifest.articles[aid]
        atomic_write_text(self.path / MANIFEST, self.manifest.to_json())
        for rel in dropped:
            (self.path / rel).unlink(missing_ok=True)


def dataset_files(path: str | os.PathLike[str]) -> list[Path]:
    """The committed part files of a dataset: those its manifest names. A folder without a
    manifest has committed nothing (a first build still running, or killed), so none."""
    root = Path(path)
    if (root / MANIFEST).exists():
        return EventDataset(root).files()
    return []


def check_dataset_folder(path: str | os.PathLike[str]) -> None:
    """Refuse to build into *path* unless it is missing, empty, or a deploymap dataset (a
    manifest, or only ``month=*`` part folders left by a first build that was killed).

    Raises :class:`~geo.exc.ConfigurationError`: ``--out data`` must never touch user files.
    """
    root = Path(path)
    if not root.exists() or (root / MANIFEST).exists():
        return
    if not root.is_dir():
        raise ConfigurationError(f"{root}: exists and is not a dataset folder")
    foreign = [p for p in root.iterdir() if not (p.is_dir() and p.name.startswith("month="))]
    if foreign:
        raise ConfigurationError(
            f"{root}: a folder that is not a deploymap dataset (it holds {foreign[0].name!r}, "
            "and no _manifest.json); give a new or empty folder for the dataset"
        )


def read_dataset(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a whole dataset (committed parts only) as a validated events table."""
    root = Path(path)
    if not root.is_dir():
        raise TableReadError(f"{root}: not a Parquet dataset folder")
    if (root / MANIFEST).exists():
        return EventDataset(root).read()
    files = dataset_files(root)
    if not files:
        return empty_events()
    table = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    return validate_events(table[[c for c in COLUMNS if c in table.columns]])
