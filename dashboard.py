"""deploymap dashboard: where military and security forces were deployed, from the news.

Run: ``streamlit run dashboard.py`` (reads ``data/events.csv``), or point it at another table
with ``streamlit run dashboard.py -- --events PATH`` or ``DEPLOYMAP_EVENTS=PATH``.

A small table is loaded into pandas and filtered in memory. A Parquet dataset folder (``python
-m geo build --engine dask``) or a Parquet file above the size threshold
stays on disk: each filter change runs as DuckDB queries (:class:`geo.explore.store.EventStore`) and
only what the page shows reaches pandas: places aggregated for the map, the latest events per
place for its popups, one page of rows for the table, counts for the numbers and the timeline.
``DEPLOYMAP_BACKEND=pandas|duckdb`` forces either (:func:`geo.explore.store.choose_backend`).

This file only lays out widgets and calls ``geo``: filters and URL state in
:mod:`geo.explore.filters`, the map in :mod:`geo.explore.map`, offline assets in
:mod:`geo.explore.assets`. Every filter and the map view live in the URL, so a link
reopens the same view.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import config
from geo.exc import SchemaError
from geo.explore import filters as flt
from geo.explore.assets import STREAMLIT_ASSETS, country_names
from geo.explore.map import (
    MAP_HEIGHT,
    TYPE_COLORS,
    base_map,
    layer_payload,
    location_from_tooltip,
    place_at,
    place_layer,
)
from geo.explore.store import EventStore, choose_backend
from geo.table.schema import EVENT_TYPE_LABELS, EVENT_TYPES

TABLE_ROWS = 5000
DOWNLOAD_ROWS = 50_000  # the DuckDB path's downloads: at most this many rows, the most recent
DEMO_EVENTS = 3000
RETURNED = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count",
            "center", "zoom"]  # fmt: skip
WIDGET_KEYS = ("f_types", "f_dates", "f_countries", "f_actors", "f_min_force", "f_q",
               "f_undated", "f_basemap")  # fmt: skip

st.set_page_config(
    page_title="deploymap: deployments in the Americas",
    page_icon="🗺️",
    layout="wide",
)


# ---------------------------------------------------------------- data (cached)


@st.cache_resource(max_entries=4, show_spinner="Loading the events table…")
def load_table(path: str, mtime: float) -> pd.DataFrame:
    """The validated events table with its search column (shared, read-only)."""
    from geo.table.formats import read_events

    return flt.add_search_column(read_events(path))


@st.cache_resource(max_entries=1, show_spinner="Building synthetic demo data…")
def load_demo(n: int) -> pd.DataFrame:
    """A synthetic table for a first look when no real table exists yet."""
    from geo.synthetic.events import synthetic_events

    return flt.add_search_column(synthetic_events(n, seed=7))


def table_for(source: tuple[str, float]) -> pd.DataFrame:
    """The table of a source key: ``(path, mtime)`` or ``("demo", n)``."""
    if source[0] == "demo":
        return load_demo(int(source[1]))
    return load_table(*source)


@st.cache_resource(max_entries=8)
def options_for(source: tuple[str, float], backend: str = "pandas") -> flt.FilterOptions:
    if backend == "duckdb":
        return store_for(source).options()
    return flt.filter_options(table_for(source))


@st.cache_resource(max_entries=64)
def filtered_for(source: tuple[str, float], key: tuple) -> pd.DataFrame:
    return flt.apply_filters(table_for(source), flt.Filters(**dict(key)))


@st.cache_resource(max_entries=32)
def places_for(source: tuple[str, float], key: tuple) -> pd.DataFrame:
    return flt.aggregate_places(filtered_for(source, key))


@st.cache_resource(max_entries=32)
def payload_for(source: tuple[str, float], key: tuple) -> dict:
    return layer_payload(filtered_for(source, key), places=places_for(source, key))


# The DuckDB path: the table stays on disk; each function below is one question to the store,
# cached per (source, filters) so that reruns that change no filter ask nothing again.


@st.cache_resource(max_entries=4, show_spinner="Opening the events dataset…")
def store_for(source: tuple[str, float]) -> EventStore:
    """The on-disk events store of a source (DuckDB over its Parquet files)."""
    return EventStore.open(source[0], backend="duckdb")


def _filters_of(key: tuple) -> flt.Filters:
    return flt.Filters(**dict(key))


@st.cache_resource(max_entries=32)
def store_numbers(source: tuple[str, float], key: tuple) -> dict[str, int]:
    return store_for(source).headline(_filters_of(key))


@st.cache_resource(max_entries=32)
def store_places(source: tuple[str, float], key: tuple) -> pd.DataFrame:
    return store_for(source).filter_places(_filters_of(key))


@st.cache_resource(max_entries=32)
def store_payload(source: tuple[str, float], key: tuple) -> dict:
    latest = store_for(source).latest_per_place(_filters_of(key))
    return layer_payload(latest, places=store_places(source, key))


@st.cache_resource(max_entries=32)
def store_types(source: tuple[str, float], key: tuple) -> dict[str, int]:
    return store_for(source).type_counts(_filters_of(key))


@st.cache_resource(max_entries=32)
def store_monthly(source: tuple[str, float], key: tuple) -> pd.DataFrame:
    return store_for(source).monthly(_filters_of(key))


@st.cache_resource(max_entries=8)
def store_rows(source: tuple[str, float], key: tuple, location: str | None) -> pd.DataFrame:
    """The table's page: the :data:`TABLE_ROWS` most recent filtered rows (of one place)."""
    return store_for(source).page(_filters_of(key), 0, TABLE_ROWS, location=location)


def filters_key(filters: flt.Filters) -> tuple:
    """A hashable cache key of the filters (the map view excluded)."""
    return tuple(sorted(vars(filters.without_view()).items()))


# ---------------------------------------------------------------- URL <-> widgets


def seed_widgets(filters: flt.Filters, options: flt.FilterOptions) -> None:
    """Put *filters* into the widgets' session state (first run of a session, and reset)."""
    state = st.session_state
    state.f_types = list(filters.types) if filters.types is not None else list(EVENT_TYPES)
    if options.date_min and options.date_max:
        lo = min(max(filters.date_from or options.date_min, options.date_min), options.date_max)
        hi = max(min(filters.date_to or options.date_max, options.date_max), lo)
        state.f_dates = (lo, hi)
    state.f_countries = [c for c in filters.countries if c in options.countries]
    state.f_actors = [a for a in filters.actors if a in options.actors]
    state.f_min_force = int(filters.min_force or 0)
    state.f_q = filters.q
    state.f_undated = filters.undated
    state.f_basemap = filters.basemap


def filters_from_widgets(options: flt.FilterOptions) -> flt.Filters:
    state = st.session_state
    dates = state.get("f_dates") or ()
    date_from, date_to = (dates[0], dates[1]) if len(dates) == 2 else (None, None)
    view = state.get("view")
    raw = flt.Filters(
        types=tuple(t for t in EVENT_TYPES if t in state.f_types),
        date_from=date_from,
        date_to=date_to,
        countries=tuple(state.f_countries),
        actors=tuple(state.f_actors),
        min_force=int(state.f_min_force or 0),
        q=state.f_q or "",
        undated=bool(state.f_undated),
        basemap=state.f_basemap,
        lat=view[0] if view else None,
        lon=view[1] if view else None,
        zoom=view[2] if view else None,
    )
    return flt.normalize_filters(raw, options)


def sync_url(params: dict[str, str]) -> None:
    """Write *params* to the URL only when they differ (no needless history entries)."""
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != params:
        st.query_params.from_dict(params)


def reset_filters() -> None:
    """The Reset button: every filter back to its default, the map fits all events again."""
    source = st.session_state.get("source")
    if source is not None:
        seed_widgets(flt.Filters(), options_for(source, st.session_state.get("backend", "pandas")))
    for key in ("view", "url_view", "selected", "notices"):
        st.session_state.pop(key, None)
    st.session_state.initial_key = None


# ---------------------------------------------------------------- page parts


def legend_chips(counts: dict[str, int]) -> str:
    """Static HTML (labels from the schema, integers): the type colours with their counts."""
    chips = "".join(
        f'<span class="dm-chip"><i style="background:{TYPE_COLORS[t]}"></i>'
        f"{EVENT_TYPE_LABELS[t]} <b>{counts.get(t, 0):,}</b></span>"
        for t in EVENT_TYPES
    )
    return f'<div class="dm-chips">{chips}</div>'


PAGE_CSS = """
<style>
.dm-chips { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.86rem;
  margin: -0.4rem 0 0.3rem 0; color: #333; }
.dm-chip i { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 5px; vertical-align: 0; }
.dm-chip b { color: #666; font-weight: 600; }
[data-testid="stMetricValue"] { font-size: 1.7rem; }
</style>
"""


def timeline_chart(data: pd.DataFrame) -> alt.Chart | None:
    """Stacked monthly bars of :func:`geo.explore.filters.monthly_timeline` data (None if empty)."""
    if data.empty:
        return None
    labels = [EVENT_TYPE_LABELS[t] for t in EVENT_TYPES]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title=None),
            y=alt.Y("sum(events):Q", title="events per month"),
            color=alt.Color(
                "type:N",
                scale=alt.Scale(domain=labels, range=[TYPE_COLORS[t] for t in EVENT_TYPES]),
                legend=alt.Legend(title=None, orient="bottom", columns=4),
            ),
            tooltip=[alt.Tooltip("yearmonth(month):T", title="month"), "type:N", "events:Q"],
        )
        .properties(height=240)
    )


@st.fragment
def map_panel(
    payload: dict, places: pd.DataFrame, *, fit: bool, url_view: tuple | None, tiles: bool
) -> None:
    """The map. Pans and zooms rerun only this fragment (to write lat/lon/zoom to the URL);
    a click on a place selects it and reruns the page so the table shows its events."""
    fmap = base_map(assets=STREAMLIT_ASSETS, tiles=tiles, basemap="fetch")
    layer = place_layer(None, assets=STREAMLIT_ASSETS, fit=fit, payload=payload)  # type: ignore[arg-type]
    out = (
        st_folium(
            fmap,
            key="map",
            height=MAP_HEIGHT,
            use_container_width=True,
            returned_objects=RETURNED,
            feature_group_to_add=layer,
            center=(url_view[0], url_view[1]) if url_view else None,
            zoom=url_view[2] if url_view else None,
        )
        or {}
    )
    center, zoom = out.get("center"), out.get("zoom")
    if isinstance(center, dict) and isinstance(zoom, int | float):
        view = (round(float(center["lat"]), 4), round(float(center["lng"]), 4), int(zoom))
        if view != st.session_state.get("view"):
            st.session_state.view = view
            params = {k: st.query_params.get(k) for k in st.query_params}
            params.update(lat=flt.format_number(view[0]), lon=flt.format_number(view[1]),
                          zoom=str(view[2]))  # fmt: skip
            sync_url(params)
    clicked = out.get("last_object_clicked")
    signature = (out.get("last_object_clicked_count"), str(clicked))
    if clicked and signature != st.session_state.get("click_seen"):
        st.session_state.click_seen = signature
        loc = location_from_tooltip(out.get("last_object_clicked_tooltip"))
        if loc is None and isinstance(clicked, dict):
            loc = place_at(places, float(clicked["lat"]), float(clicked["lng"]))
        if loc and loc != st.session_state.get("selected"):
            st.session_state.selected = loc
            st.rerun()


def missing_table(path: Path, error: str | None = None) -> None:
    if error:
        st.error(f"The events table `{path}` cannot be read: {error}")
    else:
        st.warning(f"No events table at `{path}` yet.")
    st.markdown(
        "Build it from the articles in `data/articles` (a few minutes, offline):\n\n"
        "```bash\nmake events   # = python -m geo index && "
        "python -m geo build data/articles --out data/events.csv\n```\n\n"
        "or show another table: `streamlit run dashboard.py -- --events PATH` "
        "(or `DEPLOYMAP_EVENTS=PATH`)."
    )
    if st.button("Explore synthetic demo data instead", icon=":material/science:"):
        st.session_state.demo = True
        st.rerun()
    st.stop()


# ---------------------------------------------------------------- the page

st.html(PAGE_CSS)
st.title("deploymap", anchor=False)
st.caption(
    "Military and security deployments in the Americas, as reported in the news: each point is "
    "a place named in an article, geocoded offline. Filter in the sidebar, click a place to "
    "list its events, and share the URL to share exactly this view."
)

path = config.events_path(sys.argv[1:])
backend = "pandas"
if st.session_state.get("demo"):
    source: tuple[str, float] = ("demo", float(DEMO_EVENTS))
    st.info(
        "Showing **synthetic demo data**: invented events, not news.", icon=":material/science:"
    )
elif not path.exists():
    missing_table(path)
    st.stop()
else:
    backend = choose_backend(path, os.environ)
    mtimes = [path.stat().st_mtime]  # a dataset commits by replacing its manifest
    if path.is_dir() and (path / "_manifest.json").exists():
        mtimes.append((path / "_manifest.json").stat().st_mtime)
    source = (str(path.resolve()), max(mtimes))
table: pd.DataFrame | None = None  # the whole table: on the pandas path only
try:
    if backend == "duckdb":
        options = options_for(source, backend)
    else:
        table = table_for(source)
        options = options_for(source)
except SchemaError as error:  # TableReadError included
    missing_table(path, str(error))
    st.stop()
st.session_state.source = source
st.session_state.backend = backend

# First run of the session: the URL decides (a shared link); later runs: the widgets do.
if st.session_state.get("seeded") != source:
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    from_url, notices = flt.filters_from_query_params(params, options)
    seed_widgets(from_url, options)
    st.session_state.notices = notices
    st.session_state.url_view = from_url.view
    st.session_state.view = from_url.view
    st.session_state.seeded = source
    st.session_state.initial_key = filters_key(from_url)

names = country_names()
with st.sidebar:
    st.header("Filters", anchor=False)
    st.multiselect(
        "Deployment type",
        options=list(EVENT_TYPES),
        format_func=EVENT_TYPE_LABELS.get,
        key="f_types",
        placeholder="No type selected",
    )
    if options.date_min and options.date_max:
        st.date_input(
            "Dates",
            min_value=options.date_min,
            max_value=options.date_max,
            key="f_dates",
            format="YYYY-MM-DD",
        )
    st.toggle("Include events without a known date", key="f_undated")
    st.multiselect(
        "Country",
        options=list(options.countries),
        format_func=lambda c: f"{names.get(c, c)} ({c})",
        key="f_countries",
        placeholder="All countries",
    )
    st.multiselect("Actor", options=list(options.actors), key="f_actors", placeholder="All actors")
    st.number_input(
        "Minimum force size (troops)", min_value=0, step=100, key="f_min_force",
        help="Events that state at least this many troops or agents; 0 keeps all events.",
    )  # fmt: skip
    st.text_input(
        "Search place, actor, evidence", key="f_q", placeholder="e.g. Tacna, Garde nationale",
        max_chars=flt.MAX_QUERY_LENGTH,
    )  # fmt: skip
    st.radio(
        "Background",
        options=list(flt.BASEMAPS),
        format_func={"tiles": "Street map (online)", "plain": "Countries only (offline)"}.get,
        key="f_basemap",
        horizontal=True,
    )
    st.button("Reset filters", on_click=reset_filters, icon=":material/restart_alt:",
              width="stretch")  # fmt: skip

filters = filters_from_widgets(options)
key = filters_key(filters)
events: pd.DataFrame | None = None  # the filtered rows: on the pandas path only
if table is not None:
    events = filtered_for(source, key)
    places = places_for(source, key)
    numbers = {**flt.headline(events), "rows": len(events),
               "undated": int(events["date_start"].isna().sum())}  # fmt: skip
    total = len(flt.one_row_per_event(table))
    types = flt.type_counts(events)
    monthly = flt.monthly_timeline(events)
    payload = payload_for(source, key)
else:
    places = store_places(source, key)
    numbers = store_numbers(source, key)
    total = store_numbers(source, filters_key(flt.Filters()))["events"]
    types = store_types(source, key)
    monthly = store_monthly(source, key)
    payload = store_payload(source, key)
sync_url(flt.filters_to_query_params(filters))

with st.sidebar:
    matched = numbers["events"]
    st.caption(f"**{matched:,}** of {total:,} events match ({numbers['rows']:,} event-place rows).")
    origin = "synthetic demo" if source[0] == "demo" else f"`{path}`"
    st.caption(f"Data: {origin}" + (" (queried on disk with DuckDB)" if table is None else ""))

if st.session_state.get("notices"):
    st.warning(
        "Some link parameters were ignored:\n\n"
        + "\n".join(f"- {n}" for n in st.session_state.notices),
        icon=":material/link_off:",
    )

cols = st.columns(4)
cols[0].metric("Events", f"{numbers['events']:,}")
cols[1].metric("Places", f"{numbers['places']:,}")
cols[2].metric("Countries", f"{numbers['countries']:,}")
cols[3].metric("Troops stated", f"{numbers['troops']:,}")

st.html(legend_chips(types))
if not numbers["rows"]:
    st.info("No event matches these filters. Widen them, or press **Reset filters**.")
map_panel(
    payload,
    places,
    fit=st.session_state.get("url_view") is None or key != st.session_state.get("initial_key"),
    url_view=st.session_state.get("url_view"),
    tiles=filters.basemap == "tiles",
)

left, right = st.columns([3, 2], vertical_alignment="top")
with right:
    st.subheader("Timeline", anchor=False)
    chart = timeline_chart(monthly)
    if chart is None:
        st.caption("No dated event in the selection.")
    else:
        st.altair_chart(chart, width="stretch")
    undated = numbers["undated"]
    if undated:
        st.caption(f"{undated:,} event(s) without a known date are not in the timeline.")

with left:
    st.subheader("Events", anchor=False)
    selected = st.session_state.get("selected")
    n_rows = numbers["rows"]
    at_place: str | None = None
    if selected and selected in set(places["location_id"]):
        at_place = selected
        place = places.loc[places["location_id"] == selected].iloc[0]
        n_rows = int(place["n_events"])
        info, action = st.columns([4, 1], vertical_alignment="center")
        # st.text, not markdown: the place name is article text
        info.text(f"Showing the {n_rows:,} event(s) at {place['label']} (clicked on the map).")
        if action.button("Show all", icon=":material/close:"):
            st.session_state.selected = None
            st.rerun()
    elif selected:
        st.session_state.selected = None
    if events is not None:
        rows = events if at_place is None else events[events["location_id"] == at_place]
        shown = rows.sort_values("date_start", ascending=False, na_position="last")
        shown = shown.head(TABLE_ROWS)
        capped = False
    else:
        shown = store_rows(source, key, at_place)
        capped = n_rows > DOWNLOAD_ROWS
    if n_rows > TABLE_ROWS:
        tail = (
            f"downloads hold the {DOWNLOAD_ROWS:,} most recent (use `python -m geo` or DuckDB "
            "on the dataset for all)"
            if capped
            else "download for all"
        )
        st.caption(f"The {TABLE_ROWS:,} most recent of {n_rows:,} events; {tail}.")
    st.dataframe(
        flt.events_table(shown),
        hide_index=True,
        height=420,
        column_config={
            "link": st.column_config.LinkColumn("source link", display_text="open ↗"),
            "force": st.column_config.NumberColumn("force", format="%d"),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
            "event_id": None,
        },
    )
    stem = "deploymap_events" + ("_demo" if source[0] == "demo" else "")

    def download_rows() -> pd.DataFrame:
        """The filtered rows to download (computed on click): all of them in memory, at most
        :data:`DOWNLOAD_ROWS` (the most recent) from the store."""
        if events is not None:
            return rows
        return store_for(source).page(flt.Filters(**dict(key)), 0, DOWNLOAD_ROWS,
                                      location=at_place)  # fmt: skip

    d1, d2, _ = st.columns([1, 1, 2])
    d1.download_button(
        "CSV",
        data=lambda: flt.events_csv_bytes(download_rows()),
        file_name=f"{stem}_{date.today():%Y%m%d}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="dl_csv",
    )
    d2.download_button(
        "GeoJSON",
        data=lambda: flt.events_geojson_bytes(download_rows()),
        file_name=f"{stem}_{date.today():%Y%m%d}.geojson",
        mime="application/geo+json",
        icon=":material/download:",
        on_click="ignore",
        key="dl_geojson",
    )
