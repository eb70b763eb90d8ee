"""Analysts' corrections (issue 10, section 2): recorded apart, applied by every build, never
lost by a rebuild, reported when their row is gone, undone by an undo row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from geo.batch.build import build
from geo.cli import main
from geo.exc import SchemaError
from geo.table.corrections import (
    add_correction,
    apply_corrections,
    read_corrections,
    row_key,
    undo_correction,
)
from geo.table.formats import read_events

ARTICLE = """---
lang: es
published: 2025-10-22
---
El Ejército del Perú desplegó 300 soldados en Palca el 20 de octubre.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "peru.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def _build(corpus: Path, tmp_path: Path, corrections: Path, force: bool = False):
    out = tmp_path / "events.csv"
    report = build([corpus], out=out, progress=False, cache=tmp_path / "cache",
                   corrections=corrections, force=force)  # fmt: skip
    return report, read_events(out)


def _palca(table):
    return table[table.place_resolved == "Palca"].iloc[0]


def test_a_correction_holds_through_rebuilds_and_is_marked(corpus, tmp_path):
    corrections = tmp_path / "corrections.csv"
    _, table = _build(corpus, tmp_path, corrections)
    key = row_key(_palca(table))
    add_correction(corrections, key, "force_size", "350", old="300", note="ministry figure")
    add_correction(corrections, key, "place", "xy:-17.7,-70.0", note="the camp, not the town")
    for force in (False, True):  # an incremental rebuild and a re-extraction from scratch
        report, table = _build(corpus, tmp_path, corrections, force=force)
        row = table[table.location_id == "xy:-17.7,-70.0"].iloc[0]
        assert (row.force_size, row.latitude, row.longitude) == (350, -17.7, -70.0)
        assert row.corrected == "force_size,place"
        assert report.corrected == 2 and report.orphans == []


def test_not_an_event_drops_the_row_and_undo_brings_it_back(corpus, tmp_path):
    corrections = tmp_path / "corrections.csv"
    _, table = _build(corpus, tmp_path, corrections)
    n = len(table)
    made = add_correction(corrections, row_key(_palca(table)), "not_event", "yes")
    _, table = _build(corpus, tmp_path, corrections)
    assert len(table) == n - 1 and "Palca" not in set(table.place_resolved)
    undo_correction(corrections, made.id)
    _, table = _build(corpus, tmp_path, corrections)
    assert len(table) == n and table.corrected.isna().all()
    assert [c.field for c in read_corrections(corrections)] == ["not_event", "undo"]  # kept


def test_a_correction_whose_row_is_gone_is_reported(corpus, tmp_path):
    corrections = tmp_path / "corrections.csv"
    add_correction(corrections, "gone|0-5|troop_deployment", "actor", "Navy")
    report, _ = _build(corpus, tmp_path, corrections)
    assert report.corrected == 0 and len(report.orphans) == 1
    assert "matches no row" in report.summary()


def test_a_type_correction_applies_once_to_a_table_read_again(corpus, tmp_path):
    corrections = tmp_path / "corrections.csv"
    _, table = _build(corpus, tmp_path, corrections)
    add_correction(corrections, row_key(_palca(table)), "event_type", "border_control")
    _, table = _build(corpus, tmp_path, corrections)
    assert _palca(table).event_type == "border_control"
    again = apply_corrections(table, read_corrections(corrections))  # the dashboard's read
    assert again.orphans == [] and len(again.applied) == 1


@pytest.mark.parametrize(
    "field, value",
    [("event_type", "tanks"), ("force_size", "-3"), ("date_start", "2024-13-45"), ("colour", "x")],
)
def test_a_bad_correction_is_refused_with_the_reason(tmp_path, field, value):
    with pytest.raises(SchemaError):
        add_correction(tmp_path / "c.csv", "a|0-1|other", field, value)
    assert not (tmp_path / "c.csv").exists()


def test_the_file_is_append_only_and_stamped(tmp_path):
    path = tmp_path / "c.csv"
    clock = iter([dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 1, 2, tzinfo=dt.UTC)])
    first = add_correction(path, "a|0-1|other", "actor", "Army", now=lambda: next(clock))
    add_correction(path, "a|0-1|other", "actor", "Navy", now=lambda: next(clock))
    items = read_corrections(path)
    assert [c.new for c in items] == ["Army", "Navy"] and items[0] == first
    assert items[0].time.startswith("2026-01-01")


def test_the_command_line_adds_lists_and_undoes(corpus, tmp_path, capsys):
    corrections = tmp_path / "corrections.csv"
    _, table = _build(corpus, tmp_path, corrections)
    key = row_key(_palca(table))
    assert main(["correct", "--corrections", str(corrections), "--key", key,
                 "--field", "actor", "--new", "PE marines"]) == 0  # fmt: skip
    made = read_corrections(corrections)[0]
    assert main(["correct", "--corrections", str(corrections),
                 "--table", str(tmp_path / "events.csv")]) == 0  # fmt: skip
    assert made.id in capsys.readouterr().out
    assert main(["correct", "--corrections", str(corrections), "--undo", made.id]) == 0
    assert main(["correct", "--corrections", str(corrections), "--undo", "nope"]) == 2


def test_row_keys_agree_with_row_key(corpus, tmp_path):
    from geo.table.corrections import row_keys

    _, table = _build(corpus, tmp_path, tmp_path / "corrections.csv")
    imported = table.iloc[:1].copy()
    imported["place_start"] = imported["place_end"] = pd.NA  # an imported row: no offsets
    both = pd.concat([table, imported], ignore_index=True)
    assert list(row_keys(both)) == [row_key(row) for _, row in both.iterrows()]
