"""CSV formula injection (issue 12, item 14): every text cell of every CSV deploymap writes
(the built table and the dashboard's download) is neutralised by OWASP's rule, and the table
reads back as it was written."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from geo.explore.views import events_csv_bytes
from geo.synthetic.events import synthetic_events
from geo.table.formats import FORMULA_TRIGGERS, neutralise_cell, read_events, write_events

HOSTILE = [
    '=HYPERLINK("https://evil.example","clic")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "'=already quoted",
    "''@twice",
    "\uff1d1+1",
    "plain text",
    "l'armée",
]
TEXT_COLUMNS = ("article_id", "title", "source", "url", "place", "actor", "evidence", "event_id")


@pytest.fixture
def hostile_table() -> pd.DataFrame:
    table = synthetic_events(len(HOSTILE) * 2, seed=5).reset_index(drop=True)
    for name in TEXT_COLUMNS:
        table[name] = [HOSTILE[i % len(HOSTILE)] for i in range(len(table))]
    table["event_id"] = [f"{HOSTILE[i % len(HOSTILE)]}#{i}" for i in range(len(table))]
    return table


def _cells(data: str) -> list[tuple[str, str]]:
    reader = csv.DictReader(io.StringIO(data, newline=""))
    return [(name, value) for row in reader for name, value in row.items()]


def _assert_no_formula(data: str) -> None:
    for name, value in _cells(data):
        if value.startswith(FORMULA_TRIGGERS):
            float(value)  # only a number (a negative latitude) may start with "-"
            assert name not in TEXT_COLUMNS, (name, value)


def test_the_built_csv_neutralises_every_formula_cell(hostile_table, tmp_path):
    out = write_events(hostile_table, tmp_path / "events.csv")
    data = out.read_text(encoding="utf-8")
    _assert_no_formula(data)
    assert "'=HYPERLINK(" in data and "'-2+3" in data and "''=already quoted" in data
    assert ",plain text," in data or "plain text" in data


def test_the_built_csv_reads_back_as_written(hostile_table, tmp_path):
    out = write_events(hostile_table, tmp_path / "events.csv")
    back = read_events(out)
    for name in TEXT_COLUMNS:  # a carriage return comes back as a newline
        expected = [v.replace("\r", "\n") for v in hostile_table[name]]
        assert list(back[name]) == expected, name


def test_the_dashboard_download_neutralises_every_formula_cell(hostile_table, tmp_path):
    data = events_csv_bytes(hostile_table).decode("utf-8")
    _assert_no_formula(data)
    path = tmp_path / "download.csv"
    path.write_text(data, encoding="utf-8")
    expected = [v.replace("\r", "\n") for v in hostile_table["actor"]]
    assert list(read_events(path)["actor"]) == expected


def test_the_rule_itself():
    assert neutralise_cell("=1") == "'=1"
    assert neutralise_cell("'=1") == "''=1"
    assert neutralise_cell("l'armée") == "l'armée"
    assert neutralise_cell("'quoted'") == "'quoted'"
    assert neutralise_cell(-17.5) == -17.5
    assert neutralise_cell(None) is None
    assert neutralise_cell("a\r\nb\rc") == "a\nb\nc"
