"""Synthetic events tables: schema-valid, varied and hostile, for tests, demos and benchmarks.

:func:`synthetic_events` draws rows over every event type and geo precision (points, admin1
regions, whole countries and border lines such as US-Mexico and Peru-Chile), dates over several
years with some undated rows, force sizes, actors, and evidence text full of what breaks naive
HTML or JavaScript: French apostrophes, quotes, ``<``, ``>``, backticks, ``<script>`` and
``<img onerror>`` payloads, and ``javascript:`` URLs. Not real events.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from geo.table.schema import COLUMNS, EVENT_TYPES, validate_events

# (name, country, admin1, lat, lon, geonameid)
_CITIES: tuple[tuple[str, str, str, float, float, int], ...] = (
    ("Lima", "PE", "Lima", -12.0464, -77.0428, 3936456),
    ("Callao", "PE", "Callao", -12.0566, -77.1181, 3946083),
    ("Tacna", "PE", "Tacna", -18.0146, -70.2536, 3928128),
    ("Iquitos", "PE", "Loreto", -3.7491, -73.2538, 3696183),
    ("El Paso", "US", "Texas", 31.7587, -106.4869, 5520993),
    ("San Diego", "US", "California", 32.7157, -117.1611, 5391811),
    ("Tucson", "US", "Arizona", 32.2226, -110.9747, 5318313),
    ("Washington", "US", "District of Columbia", 38.8951, -77.0364, 4140963),
    ("Ciudad Juárez", "MX", "Chihuahua", 31.7202, -106.4608, 4013708),
    ("Tijuana", "MX", "Baja California", 32.5149, -117.0382, 3981609),
    ("Reynosa", "MX", "Tamaulipas", 26.0806, -98.2883, 3520339),
    ("Ciudad de México", "MX", "Ciudad de México", 19.4326, -99.1332, 3530597),
    ("Arica", "CL", "Arica y Parinacota", -18.4783, -70.3126, 3899361),
    ("Santiago", "CL", "Región Metropolitana", -33.4489, -70.6693, 3871336),
    ("Bogotá", "CO", "Bogotá D.C.", 4.711, -74.0721, 3688689),
    ("Cúcuta", "CO", "Norte de Santander", 7.8939, -72.5078, 3685533),
    ("Caracas", "VE", "Distrito Capital", 10.4806, -66.9036, 3646738),
    ("Quito", "EC", "Pichincha", -0.1807, -78.4678, 3652462),
    ("Guayaquil", "EC", "Guayas", -2.1709, -79.9224, 3657509),
    ("Port-au-Prince", "HT", "Ouest", 18.5944, -72.3074, 3718426),
    ("Tegucigalpa", "HN", "Francisco Morazán", 14.0723, -87.1921, 3600949),
    ("Ciudad de Panamá", "PA", "Panamá", 8.9824, -79.5199, 3703443),
    ("Brasília", "BR", "Distrito Federal", -15.7939, -47.8828, 3469058),
    ("Rosario", "AR", "Santa Fe", -32.9442, -60.6505, 3838583),
    ("La Paz", "BO", "La Paz", -16.4897, -68.1193, 3911925),
)
# (name, country, lat, lon)
_REGIONS: tuple[tuple[str, str, float, float], ...] = (
    ("Loreto", "PE", -4.2325, -74.2179),
    (
        "Tacna",
        "PE",
        -17.6398,
        -70.5,
    ),
    ("Texas", "US", 31.0, -99.0),
    ("Arizona", "US", 34.2, -111.6),
    ("Chihuahua", "MX", 28.6, -106.1),
    ("Tamaulipas", "MX", 24.3, -98.6),
    ("Norte de Santander", "CO", 7.95, -72.9),
    ("Zulia", "VE", 10.0, -72.0),
    ("Esmeraldas", "EC", 0.96, -79.65),
)
# (name, country, lat, lon)
_COUNTRIES: tuple[tuple[str, str, float, float], ...] = (
    ("Pérou", "PE", -9.19, -75.02),
    ("États-Unis", "US", 39.8, -98.6),
    ("Mexique", "MX", 23.6, -102.5),
    ("Équateur", "EC", -1.83, -78.18),
    ("Haïti", "HT", 18.97, -72.29),
    ("Venezuela", "VE", 7.0, -66.0),
)
# (location_id, name, country, rep lat, rep lon, WKT) - approximations of the real lines
_BORDERS: tuple[tuple[str, str, str, float, float, str], ...] = (
    (
        "border:MX-US",
        "frontière américano-mexicaine",
        "US",
        31.33,
        -108.9,
        "LINESTRING (-117.12 32.53, -114.72 32.72, -111.07 31.33, -108.21 31.33, "
        "-108.21 31.78, -106.53 31.78, -104.9 30.6, -104.4 29.6, -103.1 29.0, -102.4 29.8, "
        "-101.4 29.8, -100.3 28.2, -99.5 27.5, -99.1 26.4, -97.14 25.96)",
    ),
    (
        "border:CL-PE",
        "frontière Pérou–Chili",
        "PE",
        -17.98,
        -70.05,
        "LINESTRING (-70.37 -18.35, -70.17 -18.17, -70.0 -17.98, -69.85 -17.7, -69.5 -17.5)",
    ),
    (
        "border:CO-VE",
        "frontera colombo-venezolana",
        "CO",
        7.8,
        -72.4,
        "MULTILINESTRING ((-71.1 11.85, -72.25 11.15, -72.5 10.0, -73.0 9.2, -72.4 8.0), "
        "(-72.4 7.4, -71.0 7.0, -69.4 6.1, -67.8 6.2, -67.5 5.3))",
    ),
)
_ACTORS = (
    ("US Army", "US"),
    ("National Guard", "US"),
    ("Marines", "US"),
    ("Fuerzas Armadas del Perú", "PE"),
    ("Policía Nacional", "PE"),
    ("Ejército de Chile", "CL"),
    ("Guardia Nacional", "MX"),
    ("Fuerzas Militares de Colombia", "CO"),
    ("FANB", "VE"),
    ("Kenyan police", "KE"),
)
_SOURCES = ("Le Monde", "RFI", "La República", "El Comercio", "AFP", "Reuters", "France 24")
_TEMPLATES = (
    "Le gouvernement a annoncé l'envoi de {force} soldats à {place} pour {days} jours.",
    "« Nous n’avons pas d’autre choix », a déclaré le ministre, d’entrer à {place}.",
    "L'armée déploie des militaires à {place} après l’état d’urgence.",
    'Le président a ordonné que "{force} agents" rejoignent {place} <sans délai>.',
    "Les forces de {actor} patrouillent à {place} (plus de {force} hommes) & renforts.",
    "El gobierno envió {force} efectivos a {place} para reforzar la frontera.",
    "Exercice conjoint à {place} : `opération` «Cormoran» avec {actor}.",
    "Accord de sécurité signé à {place} ; l'accord prévoit {force} militaires > 2024.",
)
_HOSTILE = (
    "<script>alert('xss')</script> Troupes à {place}.",
    '<img src=x onerror="alert(1)"> l\'armée à {place}.',
    "`${{alert(1)}}` </script><b>bold</b> d’entrer à {place}.",
    "Fin de ligne \\ et guillemets \" ' ’ à {place} -->",
)
_URLS = (
    "https://example.org/articles/{i}",
    'http://news.example.com/a/{i}?ref=x&y="1"',
    "javascript:alert(document.cookie)",
    "",
    "https://example.org/l'armée/{i}",
)


def _place_row(name, cc, admin1, lat, lon, gid, feature, precision, loc=None, wkt=None) -> dict:
    return dict(
        place=name,
        country_code=cc,
        admin1=admin1,
        latitude=lat,
        longitude=lon,
        geonameid=gid,
        location_id=loc or f"gn:{gid}",
        feature=feature,
        geo_precision=precision,
        geometry_wkt=wkt,
    )


def _places(n_places: int, rng: np.random.Generator) -> pd.DataFrame:
    rows = [
        _place_row(name, cc, admin1, lat, lon, gid, "city", "point")
        for name, cc, admin1, lat, lon, gid in _CITIES
    ]
    rows += [
        _place_row(name, cc, name, lat, lon, 9_000_000 + i, "admin1", "admin1")
        for i, (name, cc, lat, lon) in enumerate(_REGIONS)
    ]
    rows += [
        _place_row(name, cc, None, lat, lon, 8_000_000 + i, "country", "country")
        for i, (name, cc, lat, lon) in enumerate(_COUNTRIES)
    ]
    rows += [
        _place_row(name, cc, None, lat, lon, None, "border", "border", loc=loc, wkt=wkt)
        for loc, name, cc, lat, lon, wkt in _BORDERS
    ]
    extra = max(0, n_places - len(rows))
    if extra:
        base = rng.integers(0, len(_CITIES), extra)
        dlat = rng.normal(0, 1.2, extra)
        dlon = rng.normal(0, 1.2, extra)
        for k in range(extra):
            name, cc, admin1, lat, lon, _ = _CITIES[base[k]]
            rows.append(
                dict(
                    place=f"{name} district {k + 1}",
                    country_code=cc,
                    admin1=admin1,
                    latitude=float(np.clip(lat + dlat[k], -89, 89)),
                    longitude=float(np.clip(lon + dlon[k], -179, 179)),
                    geonameid=10_000_000 + k,
                    location_id=f"sup:{k + 1}",
                    feature="town",
                    geo_precision="point",
                    geometry_wkt=None,
                )
            )
    return pd.DataFrame(rows)


def synthetic_events(n: int, *, seed: int = 0) -> pd.DataFrame:
    """*n* schema-valid synthetic events (deterministic for a given *seed*).

    Places grow with *n* (about ``15 * sqrt(n)``, at most 5,000): real tables repeat places.
    """
    rng = np.random.default_rng(seed)
    n_places = min(5000, max(60, int(15 * math.sqrt(max(n, 1)))))
    places = _places(n_places, rng)
    # Skew towards the named places so that they carry many events each.
    weights = np.ones(len(places))
    weights[: len(_CITIES) + len(_REGIONS) + len(_COUNTRIES) + len(_BORDERS)] = 25.0
    idx = rng.choice(len(places), size=n, p=weights / weights.sum())
    # Every type, every precision in the first rows, whatever n is.
    groups = [list(range(0, 25)), list(range(25, 34)), list(range(34, 40)), list(range(40, 43))]
    interleaved = [g[k % len(g)] for k in range(25) for g in groups]
    head = min(n, len(interleaved))
    idx[:head] = interleaved[:head]
    pl = places.iloc[idx].reset_index(drop=True)

    type_idx = rng.integers(0, len(EVENT_TYPES), n)
    type_idx[: min(n, len(EVENT_TYPES))] = np.arange(min(n, len(EVENT_TYPES)))
    event_type = np.asarray(EVENT_TYPES, dtype=object)[type_idx]

    start = pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 7 * 365, n), unit="D")
    length = rng.integers(0, 120, n)
    end = start + pd.to_timedelta(length, unit="D")
    undated = rng.random(n) < 0.08
    if n >= 3:
        undated[2] = True
    precision = np.where(rng.random(n) < 0.7, "day", np.where(rng.random(n) < 0.5, "month", "year"))
    precision = np.where(undated, "unknown", precision)
    date_start = pd.Series(start).where(~undated)
    date_end = pd.Series(end).where(~undated)

    has_force = rng.random(n) < 0.6
    force = (10 ** rng.uniform(1, 4.3, n)).round().astype("int64")
    force_size = pd.array(np.where(has_force, force, 0), dtype="Int64")
    force_size[~has_force] = pd.NA
    quals = np.asarray(["exact", "about", "at_least", "at_most"], dtype=object)
    qualifier = pd.Series(quals[rng.integers(0, 4, n)]).where(has_force)

    actor_idx = rng.integers(0, len(_ACTORS), n)
    has_actor = rng.random(n) < 0.85
    actor = pd.Series([_ACTORS[i][0] for i in actor_idx]).where(has_actor)
    actor_country = pd.Series([_ACTORS[i][1] for i in actor_idx]).where(has_actor)

    tmpl_idx = rng.integers(0, len(_TEMPLATES), n)
    hostile = rng.random(n) < 0.03
    if n >= 8:
        hostile[3:7] = True
    hostile_idx = rng.integers(0, len(_HOSTILE), n)
    if n >= 8:
        hostile_idx[3:7] = np.arange(4)
    place_names = pl["place"].tolist()
    forces = np.where(has_force, force, 500)
    days = rng.integers(15, 120, n)
    actor_list = actor.fillna("l'armée").tolist()
    evidence = [
        (_HOSTILE[hostile_idx[i]] if hostile[i] else _TEMPLATES[tmpl_idx[i]]).format(
            place=place_names[i], force=int(forces[i]), days=int(days[i]), actor=actor_list[i]
        )
        for i in range(n)
    ]
    url_idx = np.where(rng.random(n) < 0.85, 0, rng.integers(1, len(_URLS), n))
    if n >= 8:
        url_idx[3:8] = [2, 1, 3, 4, 2]
    urls = [_URLS[url_idx[i]].format(i=i) or None for i in range(n)]
    article = rng.integers(0, max(1, n // 3), n)
    article_id = [f"syn-{a:06d}" for a in article]
    evidence_start = rng.integers(0, 4000, n)

    data = {
        "event_id": [f"syn-{seed}-{i:07d}" for i in range(n)],
        "event_key": [f"{a}#{i}" for i, a in enumerate(article_id)],  # one place per event
        "article_id": article_id,
        "source": np.asarray(_SOURCES, dtype=object)[rng.integers(0, len(_SOURCES), n)],
        "url": urls,
        "title": [f"Déploiement n°{a} : l'armée et la « sécurité »" for a in article],
        "lang": np.where(rng.random(n) < 0.8, "fr", "es"),
        "published": pd.Series(start).dt.strftime("%Y-%m-%d"),
        "event_type": event_type,
        "date_start": date_start,
        "date_end": date_end,
        "date_precision": precision,
        "duration_days": pd.array(np.where(rng.random(n) < 0.2, days, 0), dtype="Int64"),
        "place": pl["place"],
        "place_start": evidence_start + 10,
        "place_end": evidence_start + 10 + pl["place"].str.len().to_numpy(),
        "place_resolved": pl["place"],
        "geonameid": pd.array(pl["geonameid"], dtype="Int64"),
        "location_id": pl["location_id"],
        "feature": pl["feature"],
        "geo_precision": pl["geo_precision"],
        "country_code": pl["country_code"],
        "admin1": pl["admin1"],
        "latitude": pl["latitude"].astype(float),
        "longitude": pl["longitude"].astype(float),
        "geometry_wkt": pl["geometry_wkt"],
        "force_size": force_size,
        "force_size_qualifier": qualifier,
        "actor": actor,
        "actor_country": actor_country,
        "host_country": pl["country_code"],
        "evidence": evidence,
        "evidence_start": evidence_start,
        "evidence_end": evidence_start + np.fromiter((len(e) for e in evidence), int, n),
        "confidence": rng.uniform(0.4, 1.0, n).round(3),
    }
    df = pd.DataFrame({k: v for k, v in data.items() if k in COLUMNS})
    dur = df["duration_days"]
    df["duration_days"] = dur.where(dur > 0)
    for name in COLUMNS:  # columns added to the schema later stay empty
        if name not in df.columns:
            df[name] = pd.NA
    return validate_events(df[list(COLUMNS)])
