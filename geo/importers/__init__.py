"""Importers of the datasets of the field: ACLED, UCDP GED and GDELT exports become rows of the
events table beside the news (``python -m geo import acled|ucdp|gdelt FILE --out TABLE``).

Each ``read_<dataset>(path_or_file)`` returns an :class:`ImportResult`: the rows (valid under
:func:`geo.table.schema.validate_events`, ``source_dataset`` and ``source_id`` set) and the
records it refused, each with its line number. :func:`import_into` adds them to a table file.
The mapping tables are ``ACLED_TYPES`` (:mod:`geo.importers.acled`), ``UCDP_TYPES``
(:mod:`geo.importers.ucdp`) and ``CAMEO_TYPES`` (:mod:`geo.importers.gdelt`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.exc import ConfigurationError
from geo.importers.acled import read_acled
from geo.importers.common import ImportResult, PathOrFile, RowProblem
from geo.importers.gdelt import read_gdelt
from geo.importers.ucdp import read_ucdp

IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    "acled": read_acled,
    "ucdp": read_ucdp,
    "gdelt": read_gdelt,
}
"""Dataset name (as ``source_dataset`` writes it) -> its reader."""

__all__ = [
    "IMPORTERS",
    "ImportResult",
    "PathOrFile",
    "RowProblem",
    "TableUpdate",
    "add_to_table",
    "import_into",
    "read_acled",
    "read_gdelt",
    "read_ucdp",
]


@dataclass(frozen=True)
class TableUpdate:
    """What :func:`add_to_table` did to the table file."""

    out: Path
    added: int
    replaced: int
    total: int


def add_to_table(rows: pd.DataFrame, out: str | os.PathLike[str]) -> TableUpdate:
    """Add *rows* to the events table *out* (created if missing; ``.csv``, ``.parquet`` or
    ``.geojson``), replacing the rows of the same ``event_id`` (an import run again replaces
    itself). The table is rewritten atomically under the build lock of *out*, so a build or
    another import writing it at the same time is refused (:class:`~geo.exc.BuildLocked`)."""
    from geo.io import output_lock
    from geo.table.formats import TABLE_FORMATS, read_events, write_events

    target = Path(out)
    if target.is_dir():
        raise ConfigurationError(
            f"{target}: a folder (a Parquet dataset); import into a table file "
            f"({', '.join(TABLE_FORMATS)})"
        )
    if target.suffix.lower() not in TABLE_FORMATS:
        raise ConfigurationError(
            f"{target}: unknown table format {target.suffix!r}; use one of {TABLE_FORMATS}"
        )
    with output_lock(target):
        if target.exists():
            old = read_events(target)
            same = old["event_id"].isin(rows["event_id"])
            table = pd.concat([old[~same], rows], ignore_index=True) if len(rows) else old
            replaced = int(same.sum())
        else:
            table, replaced = rows, 0
        write_events(table, target)
    return TableUpdate(target, added=len(rows), replaced=replaced, total=len(table))


def import_into(
    dataset: str,
    source: PathOrFile,
    out: str | os.PathLike[str],
    *,
    only_deployments: bool = False,
) -> tuple[ImportResult, TableUpdate]:
    """Read *source* as *dataset* (``acled``, ``ucdp``, ``gdelt``) and add its rows to *out*."""
    if dataset not in IMPORTERS:
        raise ConfigurationError(f"unknown dataset {dataset!r}; use one of {sorted(IMPORTERS)}")
    result = IMPORTERS[dataset](source, only_deployments=only_deployments)
    return result, add_to_table(result.rows, out)
