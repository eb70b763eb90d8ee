"""Importing ACLED, UCDP GED and GDELT exports (issue 10, section 3).

Every fixture is built here from the columns of each dataset's published codebook (ACLED's
31 export columns, UCDP GED's 49, GDELT's 57/58/61 event fields), with the quirks of real
exports: semicolon-separated sources, missing coordinates, ``YYYYMMDD`` dates, notes spanning
lines, integers written as ``4.0``, a header-less tab-separated file, a broken record.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from types import SimpleNamespace

import pandas as pd
import pytest

from geo.cli import main
from geo.exc import DatasetImportError, SchemaError
from geo.importers import add_to_table, import_into, read_acled, read_gdelt, read_ucdp
from geo.importers.gdelt import V1_DAILY, V1_HISTORICAL, V2
from geo.synthetic.events import synthetic_events
from geo.table.formats import read_events, write_events
from geo.table.rows import identity
from geo.table.schema import COLUMNS, validate_events

# ---------------------------------------------------------------------------- ACLED

ACLED_COLUMNS = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
).split(",")


def acled_row(**values) -> dict:
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(
        year="2024",
        time_precision="1",
        disorder_type="Strategic developments",
        event_type="Strategic developments",
        inter1="State forces",
        iso="484",
        region="Central America",
        country="Mexico",
        geo_precision="1",
        source_scale="National",
        fatalities="0",
        timestamp="1710000000",
    )
    row.update(values)
    return row


def csv_text(columns, rows, delimiter=",") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


ACLED_ROWS = [
    acled_row(  # line 2
        event_id_cnty="MEX1001",
        event_date="2024-03-05",
        sub_event_type="Headquarters or base established",
        actor1="Military Forces of Mexico (2018-)",
        admin1="Sonora",
        admin2="Nogales",
        location="Nogales",
        latitude="31.3086",
        longitude="-110.9422",
        source="El Universal;Reforma; ",
        notes="Soldiers of the Mexican army established a base in Nogales (Sonora).",
    ),
    acled_row(  # line 3: a foreign force, YYYYMMDD date, week precision
        event_id_cnty="PER201",
        event_date="20240310",
        time_precision="2",
        sub_event_type="Non-violent transfer of territory",
        actor1="Military Forces of the United States (2021-)",
        inter1="External/Other forces",
        iso="604",
        country="Peru",
        admin1="Lima",
        location="Lima",
        latitude="-12.0432",
        longitude="-77.0282",
        geo_precision="2",
        source="Andina",
        notes="US troops took over a base near Lima.",
    ),
    acled_row(  # line 4: the export tool's date, month precision, a state of emergency
        event_id_cnty="PER202",
        event_date="16 March 2024",
        time_precision="3",
        sub_event_type="Change to group/activity",
        actor1="Government of Peru (2023-)",
        iso="604",
        country="Peru",
        admin1="Tacna",
        location="Tacna",
        latitude="-18.0146",
        longitude="-70.2536",
        geo_precision="3",
        notes="The government declared a state of emergency in Tacna.",
    ),
    acled_row(  # lines 5-6: a battle, its notes over two lines
        event_id_cnty="MEX1002",
        event_date="2024-03-06",
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Sinaloa Cartel",
        inter1="Political militia",
        admin1="Sinaloa",
        location="Culiacan",
        latitude="24.8069",
        longitude="-107.3940",
        notes="Cartel gunmen clashed with soldiers.\nTwo were killed.",
        fatalities="2",
    ),
    acled_row(  # line 7: no coordinates
        event_id_cnty="MEX1003",
        event_date="2024-03-07",
        sub_event_type="Headquarters or base established",
        location="Somewhere",
    ),
    acled_row(  # line 8: a date that is none
        event_id_cnty="MEX1004",
        event_date="2024-13-45",
        sub_event_type="Agreement",
        location="Tijuana",
        latitude="32.5027",
        longitude="-117.0037",
    ),
    acled_row(  # line 9: an agreement, no notes (a generated description)
        event_id_cnty="MEX1005",
        event_date="2024-03-08",
        sub_event_type="Agreement",
        actor1="Government of Mexico (2018-)",
        location="Mexico City",
        latitude="19.4285",
        longitude="-99.1277",
    ),
]


@pytest.fixture
def acled_file(tmp_path):
    path = tmp_path / "acled_export.csv"
    path.write_text(csv_text(ACLED_COLUMNS, ACLED_ROWS), encoding="utf-8")
    return path


def test_acled_maps_deployment_types_and_keeps_the_rest(acled_file):
    result = read_acled(acled_file)
    rows = result.rows.set_index("source_id")
    assert list(rows.index) == ["MEX1001", "PER201", "PER202", "MEX1002", "MEX1005"]
    assert rows.loc["MEX1001", "event_type"] == "troop_deployment"
    assert rows.loc["PER201", "event_type"] == "foreign_troops"
    assert rows.loc["PER202", "event_type"] == "state_of_emergency"
    assert rows.loc["MEX1002", "event_type"] == "other"
    assert rows.loc["MEX1005", "event_type"] == "security_agreement"
    assert set(rows["source_dataset"]) == {"acled"}
    assert rows.loc["MEX1001", "source"] == "El Universal; Reforma"
    assert rows.loc["MEX1001", "country_code"] == "MX"
    assert rows.loc["PER201", "actor_country"] == "US"
    assert rows.loc["PER201", "host_country"] == "PE"
    assert rows.loc["MEX1001", "event_key"] == "acled:MEX1001"
    validate_events(result.rows)  # valid as it stands


def test_acled_dates_and_places_follow_the_precision_codes(acled_file):
    rows = read_acled(acled_file).rows.set_index("source_id")
    day = rows.loc["MEX1001"]
    assert (day.date_start, day.date_end, day.date_precision) == (
        pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-05"), "day"
    )  # fmt: skip
    week = rows.loc["PER201"]  # 20240310, time_precision 2: the week around it
    assert (week.date_start, week.date_end) == (
        pd.Timestamp("2024-03-07"),
        pd.Timestamp("2024-03-13"),
    )
    month = rows.loc["PER202"]  # time_precision 3: the month
    assert (month.date_start, month.date_end, month.date_precision) == (
        pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-31"), "month"
    )  # fmt: skip
    assert rows.loc["MEX1001", "geo_precision"] == "point"
    assert rows.loc["PER202", "geo_precision"] == "admin1"  # geo_precision 3: a region
    assert rows.loc["MEX1001", "confidence"] > rows.loc["PER202", "confidence"]
    assert rows.loc["MEX1001", "location_id"] == "xy:31.3086,-110.9422"


def test_acled_evidence_is_the_notes_with_offsets_into_itself(acled_file):
    rows = read_acled(acled_file).rows.set_index("source_id")
    battle = rows.loc["MEX1002"]
    assert battle.evidence == "Cartel gunmen clashed with soldiers.\nTwo were killed."
    assert (battle.evidence_start, battle.evidence_end) == (0, len(battle.evidence))
    assert pd.isna(battle.place_start) and pd.isna(battle.place_end)
    generated = rows.loc["MEX1005", "evidence"]
    assert "Agreement" in generated and "Mexico City" in generated and "2024-03-08" in generated


def test_acled_bad_rows_are_reported_with_their_line_and_the_rest_kept(acled_file):
    result = read_acled(acled_file)
    assert [(p.line, p.source_id) for p in result.problems] == [(7, "MEX1003"), (8, "MEX1004")]
    assert "no coordinates" in result.problems[0].message
    assert "'2024-13-45' is not a date" in result.problems[1].message
    assert result.records == 7 and len(result.rows) == 5
    assert "line 7 (id MEX1003)" in result.summary()


def test_acled_only_deployments_leaves_out_other(acled_file):
    result = read_acled(acled_file, only_deployments=True)
    assert "MEX1002" not in set(result.rows["source_id"])
    assert set(result.rows["event_type"]) <= {
        "troop_deployment", "foreign_troops", "state_of_emergency", "security_agreement"
    }  # fmt: skip
    assert result.filtered == 1


def test_acled_older_upper_case_semicolon_export(tmp_path):
    columns = ["EVENT_ID_CNTY", "EVENT_DATE", "TIME_PRECISION", "EVENT_TYPE", "ACTOR1", "COUNTRY",
               "LOCATION", "LATITUDE", "LONGITUDE", "GEO_PRECISION", "SOURCE", "NOTES"]  # fmt: skip
    rows = [
        dict(zip(columns, ["DRC55", "05/02/2012", "1", "Headquarters or base established",
                           "Military Forces of Rwanda (2000-)", "Democratic Republic of Congo",
                           "Goma", "-1,6792", "29,2228", "1", "AFP", "Rwandan troops set a base."],
                 strict=True)),
        dict(zip(columns, ["DRC56", "06/02/2012", "1", "Riots/Protests", "Protesters", "DR Congo",
                           "Bukavu", "-2.5", "28.86", "1", "", ""], strict=True)),
    ]  # fmt: skip
    path = tmp_path / "acled_v7.csv"
    path.write_text(csv_text(columns, rows, delimiter=";"), encoding="cp1252")
    result = read_acled(path)
    first = result.rows.iloc[0]
    assert first.date_start == pd.Timestamp("2012-02-05")  # day first
    assert (first.latitude, first.longitude) == (-1.6792, 29.2228)  # decimal commas
    assert first.event_type == "foreign_troops"  # Rwandan forces in the DRC
    assert (first.country_code, first.actor_country) == ("CD", "RW")
    assert result.rows.iloc[1].event_type == "other" and not result.problems


def test_acled_change_to_group_activity_reads_its_notes(tmp_path):
    def change(eid, notes, **more):
        return acled_row(event_id_cnty=eid, event_date="2024-05-01", location="Nogales",
                         sub_event_type="Change to group/activity", latitude="31.3",
                         longitude="-110.9", notes=notes, **more)  # fmt: skip

    rows = [
        change("A1", "A curfew was imposed in the town."),
        change("A2", "The National Guard deployed 500 agents\nalong the border with the US."),
        change("A3", "Soldiers were deployed to the town."),
        change("A4", "Foreign troops were stationed in the town.", inter1="8"),
        change("A5", "The group changed its name."),
        change("A6", "The army closed the border crossings and set up checkpoints."),
    ]
    path = tmp_path / "changes.csv"
    path.write_text(csv_text(ACLED_COLUMNS, rows), encoding="utf-8")
    types = read_acled(path).rows.set_index("source_id")["event_type"].to_dict()
    assert types == {
        "A1": "state_of_emergency", "A2": "troop_deployment", "A3": "troop_deployment",
        "A4": "foreign_troops", "A5": "other", "A6": "border_control",
    }  # fmt: skip
    header_only = tmp_path / "header_only.csv"
    header_only.write_text(",".join(ACLED_COLUMNS) + "\n", encoding="utf-8")
    empty = read_acled(header_only)
    assert empty.rows.empty and empty.records == 0 and not empty.problems


def test_a_file_that_is_not_an_acled_export_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(DatasetImportError, match="not ACLED data"):
        read_acled(path)
    with pytest.raises(DatasetImportError, match="no such file"):
        read_acled(tmp_path / "missing.csv")
    binary = tmp_path / "scan.csv"
    binary.write_bytes(b"%PDF-1.7 \x00\x01")
    with pytest.raises(DatasetImportError, match="binary"):
        read_acled(binary)
    empty = tmp_path / "empty.csv"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(DatasetImportError, match="empty"):
        read_acled(empty)


# ---------------------------------------------------------------------------- UCDP GED

GED_COLUMNS = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
    "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob"
).split(",")


def ged_row(**values) -> dict:
    row = dict.fromkeys(GED_COLUMNS, "")
    row.update(
        year="2021",
        type_of_violence="1",
        side_a="Government of Mexico",
        side_b="CJNG",
        country="Mexico",
        country_id="70",
        region="Americas",
        where_prec="1",
        date_prec="1",
        best="3",
        low="2",
        high="5",
    )
    row.update(values)
    return row


GED_ROWS = [
    ged_row(  # line 2: an exact place, integers written as floats
        id="182028.0",
        where_prec="1.0",
        date_prec="1.0",
        where_description="Teloloapan, Guerrero",
        where_coordinates="Teloloapan town",
        adm_1="Guerrero state",
        latitude="18.3669",
        longitude="-99.8716",
        date_start="2021-01-05 00:00:00.000",
        date_end="2021-01-05 00:00:00.000",
        source_office="Reforma;El Universal",
        source_date="2021-01-06;2021-01-07",
        source_headline="Enfrentamiento en Teloloapan",
    ),
    ged_row(  # line 3: a province, a month
        id="182030",
        type_of_violence="2",
        side_a="Sinaloa Cartel",
        side_b="Jalisco Cartel New Generation",
        where_prec="4",
        date_prec="4",
        where_description="Michoacán",
        where_coordinates="Michoacán state",
        adm_1="Michoacán state",
        latitude="19.1667",
        longitude="-101.8333",
        date_start="2021-02-01",
        date_end="2021-02-28",
    ),
    ged_row(  # line 4: the whole country, the place not stated
        id="182032",
        type_of_violence="3",
        side_b="Civilians",
        where_prec="6",
        date_prec="5",
        where_description="not stated",
        where_coordinates="Mexico",
        latitude="23.0",
        longitude="-102.0",
        date_start="2021-01-01",
        date_end="2021-12-31",
    ),
    ged_row(  # line 5: dates the wrong way round
        id="182034",
        where_description="Tijuana",
        latitude="32.5027",
        longitude="-117.0037",
        date_start="2021-03-05",
        date_end="2021-03-01",
    ),
    ged_row(  # line 6: another country's name as UCDP writes it
        id="190001",
        country="DR Congo (Zaire)",
        side_a="Government of DR Congo (Zaire)",
        side_b="M23",
        where_description="Goma town",
        latitude="-1.6792",
        longitude="29.2228",
        date_start="2021-04-02",
        date_end="2021-04-03",
        date_prec="2",
    ),
]


@pytest.fixture
def ged_file(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text(csv_text(GED_COLUMNS, GED_ROWS), encoding="utf-8")
    return path


def test_ucdp_maps_precision_places_and_keeps_the_id(ged_file):
    result = read_ucdp(ged_file)
    rows = result.rows.set_index("source_id")
    assert list(rows.index) == ["182028", "182030", "182032", "190001"]
    exact = rows.loc["182028"]
    assert (exact.place, exact.place_resolved, exact.admin1) == (
        "Teloloapan, Guerrero", "Teloloapan", "Guerrero"
    )  # fmt: skip
    assert (exact.geo_precision, exact.date_precision, exact.country_code) == ("point", "day", "MX")
    assert exact.date_start == pd.Timestamp("2021-01-05")
    assert exact.source == "Reforma; El Universal" and exact.published == "2021-01-06"
    assert exact.title == "Enfrentamiento en Teloloapan"
    assert rows.loc["182030", "geo_precision"] == "admin1"
    assert rows.loc["182030", "date_precision"] == "month"
    country = rows.loc["182032"]
    assert (country.geo_precision, country.place, country.date_precision) == (
        "country", "Mexico", "year"
    )  # fmt: skip
    congo = rows.loc["190001"]
    assert (congo.country_code, congo.actor_country) == ("CD", "CD")
    assert set(rows["event_type"]) == {"other"}  # organised violence, not deployments
    assert set(rows["source_dataset"]) == {"ucdp"}


def test_ucdp_deaths_are_in_the_evidence_not_in_force_size(ged_file):
    rows = read_ucdp(ged_file).rows.set_index("source_id")
    evidence = rows.loc["182028", "evidence"]
    assert "deaths best 3 (low 2, high 5)" in evidence
    assert "Government of Mexico vs CJNG" in evidence and "state-based conflict" in evidence
    assert rows["force_size"].isna().all()
    assert (rows.loc["182028", "evidence_start"], rows.loc["182028", "evidence_end"]) == (
        0, len(evidence)
    )  # fmt: skip


def test_ucdp_bad_row_reported_with_its_line(ged_file):
    result = read_ucdp(ged_file)
    assert [(p.line, p.source_id, p.message) for p in result.problems] == [
        (5, "182034", "date_end before date_start")
    ]
    assert result.records == 5


def test_ucdp_only_deployments_keeps_nothing(ged_file):
    result = read_ucdp(ged_file, only_deployments=True)
    assert result.rows.empty and result.filtered == 4
    validate_events(result.rows)


def test_ucdp_subset_redistribution_reads(tmp_path):
    # the columns a redistribution keeps (no country, no side_b): still rows
    text = (
        "id,year,date_start,date_end,date_prec,where_prec,where_description,where_coordinates,"
        "adm_1,adm_2,latitude,longitude,source_headline,type_of_violence,side_a,side_b,best\n"
        "182048.0,1989.0,1989-12-23,1989-12-24,2.0,1.0,Mexico City,Mexico city,Distrito Federal,"
        ",19.42847,-99.12766,,3.0,Government of Mexico,Civilians,1.0\n"
    )
    path = tmp_path / "subset.csv"
    path.write_text(text, encoding="utf-8")
    row = read_ucdp(path).rows.iloc[0]
    assert (row.source_id, row.place, row.place_resolved) == (
        "182048",
        "Mexico City",
        "Mexico city",
    )
    assert pd.isna(row.country_code)
    assert "deaths best 1 (low ?, high ?)" in row.evidence


# ---------------------------------------------------------------------------- GDELT


def gdelt_line(layout, **values) -> str:
    fields = dict.fromkeys(layout, "")
    fields.update(
        MonthYear="202403",
        Year="2024",
        FractionDate="2024.1781",
        IsRootEvent="1",
        QuadClass="4",
        GoldsteinScale="-7.2",
        NumMentions="4",
        NumSources="1",
        NumArticles="4",
        AvgTone="-3.1",
        DATEADDED="20240306",
    )
    fields.update(values)
    return "\t".join(fields[name] for name in layout)


def gdelt_event(layout, gid, code, root, **values) -> str:
    base = dict(
        GLOBALEVENTID=gid,
        SQLDATE="20240305",
        EventCode=code,
        EventBaseCode=code[:3],
        EventRootCode=root,
        Actor1Name="MEXICO",
        Actor1CountryCode="MEX",
        ActionGeo_Type="4",
        ActionGeo_FullName="Tijuana, Baja California, Mexico",
        ActionGeo_CountryCode="MX",
        ActionGeo_ADM1Code="MX02",
        ActionGeo_Lat="32.5333",
        ActionGeo_Long="-117.017",
        ActionGeo_FeatureID="-1655285",
    )
    if "SOURCEURL" in layout:
        base["SOURCEURL"] = f"https://www.example.org/news/{gid}"
    base.update(values)
    return gdelt_line(layout, **base)


GDELT_LINES = [
    gdelt_event(V1_DAILY, "1001", "154", "15", Actor1Name="UNITED STATES",  # line 1
                Actor1CountryCode="USA", Actor2Name="MEXICO"),
    gdelt_event(V1_DAILY, "1002", "153", "15"),  # line 2: Mexican police in Mexico
    gdelt_event(V2, "1003", "1724", "17", ActionGeo_Type="1", ActionGeo_FullName="Peru",  # line 3
                ActionGeo_CountryCode="PE", ActionGeo_Lat="-10", ActionGeo_Long="-76",
                DATEADDED="20240306150000"),
    gdelt_event(V1_HISTORICAL, "1004", "190", "19", SQLDATE="20120101",  # line 4: fighting
                ActionGeo_FullName="Berlin, Berlin, Germany", ActionGeo_CountryCode="GM",
                ActionGeo_Lat="52.5167", ActionGeo_Long="13.4"),
    "1005\t20240305\tnot\tenough\tfields",  # line 5: a broken line
    gdelt_event(V1_DAILY, "1006", "154", "15", ActionGeo_Type="0", ActionGeo_FullName="",  # line 6
                ActionGeo_Lat="", ActionGeo_Long=""),
    gdelt_event(V1_DAILY, "1007", "62", "6", Actor1Name="PERU",  # line 7: a code lost its 0
                Actor1CountryCode="PER", ActionGeo_CountryCode="PE", ActionGeo_Lat="-12.04",
                ActionGeo_Long="-77.03", ActionGeo_FullName="Lima, Lima, Peru"),
    gdelt_event(V2, "1008", "0861", "08", ActionGeo_Type="2",  # line 8: a US state
                ActionGeo_FullName="Texas, United States", ActionGeo_CountryCode="US",
                ActionGeo_Lat="31.106", ActionGeo_Long="-97.6475"),
]  # fmt: skip


@pytest.fixture
def gdelt_file(tmp_path):
    path = tmp_path / "20240306.export.CSV"
    path.write_text("\n".join(GDELT_LINES) + "\n", encoding="utf-8")
    return path


def test_gdelt_layouts_have_the_codebook_field_counts():
    assert (len(V1_HISTORICAL), len(V1_DAILY), len(V2)) == (57, 58, 61)
    assert V1_DAILY[-1] == V2[-1] == "SOURCEURL" and "ActionGeo_ADM2Code" in V2


def test_gdelt_maps_cameo_codes_and_places_by_action_geography(gdelt_file):
    result = read_gdelt(gdelt_file)
    rows = result.rows.set_index("source_id")
    assert list(rows.index) == ["1001", "1002", "1003", "1004", "1007", "1008"]
    assert rows.loc["1001", "event_type"] == "foreign_troops"  # US forces in Mexico
    assert rows.loc["1002", "event_type"] == "troop_deployment"
    assert rows.loc["1003", "event_type"] == "state_of_emergency"
    assert rows.loc["1004", "event_type"] == "other"
    assert rows.loc["1007", "event_type"] == "security_agreement"  # "62" read as "062"
    assert rows.loc["1008", "event_type"] == "foreign_troops"  # receive peacekeepers
    us = rows.loc["1001"]
    assert (us.place, us.country_code, us.actor_country, us.geo_precision) == (
        "Tijuana, Baja California, Mexico", "MX", "US", "point"
    )  # fmt: skip
    assert us.date_start == pd.Timestamp("2024-03-05") and us.date_precision == "day"
    assert us.url == "https://www.example.org/news/1001" and us.source == "example.org"
    assert us.published == "2024-03-06"
    assert "CAMEO 154 (Mobilize or increase armed forces)" in us.evidence
    assert rows.loc["1004", "country_code"] == "DE"  # FIPS GM is Germany
    assert pd.isna(rows.loc["1004", "url"])  # a 1.0 backfile has no SOURCEURL
    assert rows.loc["1003", "geo_precision"] == "country"
    assert rows.loc["1008", "geo_precision"] == "admin1"
    assert set(rows["source_dataset"]) == {"gdelt"}


def test_gdelt_broken_lines_are_reported_and_the_rest_kept(gdelt_file):
    result = read_gdelt(gdelt_file)
    assert [p.line for p in result.problems] == [5, 6]
    assert "5 fields" in result.problems[0].message
    assert "no action geography" in result.problems[1].message
    assert result.records == 8 and len(result.rows) == 6


def test_gdelt_zipped_gzipped_and_with_a_header(tmp_path, gdelt_file):
    data = gdelt_file.read_bytes()
    zipped = tmp_path / "20240306.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("20240306.export.CSV", data)
    assert len(read_gdelt(zipped).rows) == 6
    assert len(read_gdelt(io.BytesIO(gzip.compress(data))).rows) == 6
    header = "\t".join(V1_DAILY) + "\n" + "\n".join(GDELT_LINES[:2]) + "\n"
    assert list(read_gdelt(io.StringIO(header)).rows["source_id"]) == ["1001", "1002"]


def test_gdelt_only_deployments_and_not_gdelt(gdelt_file, tmp_path):
    result = read_gdelt(gdelt_file, only_deployments=True)
    assert "1004" not in set(result.rows["source_id"]) and result.filtered == 1
    other = tmp_path / "not_gdelt.tsv"
    other.write_text("a\tb\nc\td\n", encoding="utf-8")
    with pytest.raises(DatasetImportError, match="not a GDELT event export"):
        read_gdelt(other)


# ---------------------------------------------------------------------------- the table


def test_news_rows_carry_source_dataset_news():
    article = SimpleNamespace(article_id="a1", source="Belga", url=None, title=None,
                              lang="fr", published="2018-10-30")  # fmt: skip
    assert identity(article, 0, "gn:1")["source_dataset"] == "news"


def test_the_schema_knows_only_the_source_datasets():
    table = synthetic_events(3)
    table["source_dataset"] = ["news", "acled", "somewhere"]
    with pytest.raises(SchemaError, match="source_dataset"):
        validate_events(table)
    assert {"source_dataset", "source_id"} <= set(COLUMNS)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".geojson"])
def test_import_appends_to_a_table_and_replaces_itself(tmp_path, acled_file, ged_file, suffix):
    out = tmp_path / f"events{suffix}"
    news = synthetic_events(5)
    write_events(news, out)
    result, update = import_into("acled", acled_file, out)
    assert (update.added, update.replaced, update.total) == (5, 0, 10)
    import_into("ucdp", ged_file, out)
    _, again = import_into("acled", acled_file, out)  # the same export again: no duplicates
    assert (again.replaced, again.total) == (5, 14)
    table = read_events(out)
    assert set(table["event_id"]) >= set(news["event_id"])
    assert table["source_dataset"].value_counts(dropna=False).to_dict().get("acled") == 5
    assert (table["source_dataset"] == "ucdp").sum() == 4


def test_add_to_table_refuses_a_dataset_folder_and_unknown_formats(tmp_path, acled_file):
    rows = read_acled(acled_file).rows
    (tmp_path / "events.parquet").mkdir()
    with pytest.raises(Exception, match="folder"):
        add_to_table(rows, tmp_path / "events.parquet")
    with pytest.raises(Exception, match="unknown table format"):
        add_to_table(rows, tmp_path / "events.xlsx")


def test_cli_import_reports_problems_with_lines_and_exit_codes(tmp_path, acled_file, capsys):
    out = tmp_path / "events.csv"
    assert main(["import", "acled", str(acled_file), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "line 7 (id MEX1003): no coordinates" in err and "line 8 (id MEX1004)" in err
    assert "5 rows added" in err
    assert len(read_events(out)) == 5
    clean = tmp_path / "clean.csv"
    clean.write_text(csv_text(ACLED_COLUMNS, ACLED_ROWS[:3]), encoding="utf-8")
    assert main(["import", "acled", str(clean), "--out", str(out), "--only-deployments"]) == 0
    assert main(["import", "ucdp", str(tmp_path / "missing.csv"), "--out", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["import", "gdelt", str(acled_file), "--out", str(out)]) == 2
    assert len(read_events(out)) == 5  # a refused file leaves the table as it was


def test_a_rebuild_keeps_the_imported_rows_and_remakes_the_news(tmp_path, ged_file):
    from geo.batch.build import build

    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "peru.txt").write_text(
        "Le Pérou a annoncé mardi le déploiement de 300 soldats à Tacna.", encoding="utf-8"
    )
    out = tmp_path / "events.csv"
    build([corpus], out=out, progress=False, cache=tmp_path / "cache")
    news = len(read_events(out))
    _, update = import_into("ucdp", ged_file, out)
    assert update.added > 0
    imported = read_events(out).query("source_dataset == 'ucdp'")["source_id"]
    (corpus / "chile.txt").write_text(
        "Le Chili a envoyé 200 militaires à Arica jeudi.", encoding="utf-8"
    )
    report = build([corpus], out=out, progress=False, cache=tmp_path / "cache")
    table = read_events(out)
    assert report.imported == update.added and "imported" in report.summary()
    assert sorted(table.query("source_dataset == 'ucdp'")["source_id"]) == sorted(imported)
    assert (table["source_dataset"] == "news").sum() > news  # the new article's rows came in


def test_a_build_over_an_unreadable_table_stops_before_touching_it(tmp_path):
    from geo.batch.build import build
    from geo.exc import TableReadError

    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "peru.txt").write_text("Le Pérou envoie 300 soldats à Tacna.", encoding="utf-8")
    out = tmp_path / "events.csv"
    out.write_text("not,an\nevents,table\n", encoding="utf-8")
    with pytest.raises(TableReadError, match="imported rows"):
        build([corpus], out=out, progress=False, cache=tmp_path / "cache")
    assert out.read_text(encoding="utf-8") == "not,an\nevents,table\n"
