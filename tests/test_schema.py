import pandas as pd
import pytest

from geo.exc import SchemaError, TableReadError
from geo.io import atomic_write_text
from geo.table.formats import read_events, write_events
from geo.table.schema import COLUMNS, empty_events, validate_events


def _row(**overrides):
    row = {name: None for name in COLUMNS}
    row.update(
        event_id="e1",
        article_id="a1",
        event_type="troop_deployment",
        date_start="2018-10-01",
        date_end="2018-10-31",
        date_precision="month",
        place="frontière sud-ouest",
        location_id="border:MX-US",
        geo_precision="border",
        latitude=31.3,
        longitude=-108.2,
        geometry_wkt="LINESTRING (-117.1 32.5, -106.5 31.8, -97.1 25.9)",
        force_size=5200,
        force_size_qualifier="at_least",
        evidence="Nous allons déployer plus de 5.200 soldats à la frontière sud-ouest",
        evidence_start=0,
        evidence_end=68,
        confidence=0.9,
    )
    row.update(overrides)
    return row


def test_validate_coerces_types():
    df = validate_events(pd.DataFrame([_row()]))
    assert str(df["force_size"].dtype) == "Int64"
    assert df["date_start"].iloc[0] == pd.Timestamp("2018-10-01")
    assert list(df.columns) == list(COLUMNS)


def test_empty_table_has_every_column():
    assert list(empty_events().columns) == list(COLUMNS)


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"event_type": "invasion"}, "event_type"),
        ({"geo_precision": "street"}, "geo_precision"),
        ({"latitude": 123.0}, "latitude"),
        ({"date_start": "13/10/2018"}, "date_start"),
        ({"force_size": "many"}, "force_size"),
        ({"evidence": None}, "evidence"),
        ({"confidence": 1.5}, "confidence"),
    ],
)
def test_validate_rejects_bad_values(overrides, message):
    with pytest.raises(SchemaError, match=message):
        validate_events(pd.DataFrame([_row(**overrides)]))


def test_missing_optional_column_reads_as_empty():
    df = validate_events(pd.DataFrame([_row()]).drop(columns=["event_key", "actor"]))
    assert list(df.columns) == list(COLUMNS)
    assert df["actor"].isna().all()


def test_validate_rejects_missing_columns_and_duplicate_ids():
    with pytest.raises(SchemaError, match="lacks column"):
        validate_events(pd.DataFrame([_row()]).drop(columns=["latitude"]))
    with pytest.raises(SchemaError, match="duplicate event_id"):
        validate_events(pd.DataFrame([_row(), _row()]))


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".geojson"])
def test_round_trip_every_format(tmp_path, suffix):
    table = validate_events(pd.DataFrame([_row(), _row(event_id="e2", geometry_wkt=None)]))
    path = write_events(table, tmp_path / f"events{suffix}")
    back = read_events(path)
    assert back["event_id"].tolist() == ["e1", "e2"]
    assert back["force_size"].iloc[0] == 5200
    assert back["date_end"].iloc[0] == pd.Timestamp("2018-10-31")
    assert back["geometry_wkt"].iloc[0].startswith("LINESTRING")
    assert pd.isna(back["geometry_wkt"].iloc[1])


def test_failed_write_keeps_previous_table(tmp_path):
    path = write_events(pd.DataFrame([_row()]), tmp_path / "events.csv")
    before = path.read_bytes()
    with pytest.raises(SchemaError):
        write_events(pd.DataFrame([_row(event_type="bogus")]), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_truncated_or_foreign_tables_raise_clear_errors(tmp_path):
    atomic_write_text(tmp_path / "t.csv", "event_id,article_id\ne1,a1\n")
    with pytest.raises(SchemaError, match="lacks column"):
        read_events(tmp_path / "t.csv")
    (tmp_path / "t.parquet").write_bytes(b"PAR1 truncated")
    with pytest.raises(TableReadError, match="cannot read"):
        read_events(tmp_path / "t.parquet")
    with pytest.raises(TableReadError, match="no such"):
        read_events(tmp_path / "missing.csv")


def test_atomic_writes_get_ordinary_permissions(tmp_path):
    import os
    import stat

    atomic_write_text(tmp_path / "x.txt", "hello")
    mode = stat.S_IMODE(os.stat(tmp_path / "x.txt").st_mode)
    assert mode & stat.S_IRGRP and mode & stat.S_IROTH  # readable by others, like open()
