"""deploymap dashboard: where military and security forces were deployed, from the news.

Run: ``streamlit run dashboard.py`` (reads ``data/events.csv``), or point it at another table
with ``streamlit run dashboard.py -- --events PATH`` or ``DEPLOYMAP_EVENTS=PATH``.

The page asks every question of one :class:`geo.explore.store.EventStore` (DuckDB SQL): a
small table is read into memory, a Parquet dataset folder (``python -m geo build --engine
dask``) or a large Parquet file stays on disk (:func:`geo.explore.store.choose_backend`;
``DEPLOYMAP_BACKEND=pandas|duckdb`` forces either). Only what the page shows reaches it:
places for the map, the latest events per place for its popups, one page of rows for the
table, counts for the numbers and the timeline.

This file only lays out widgets and calls ``geo``: :func:`main` runs one panel function per
part of the page. Filters and URL state are in :mod:`geo.explore.filters`, the map in
:mod:`geo.explore.map`, table views and downloads in :mod:`geo.explore.views`, offline assets
in :mod:`geo.explore.assets`. Every filter and the map view live in the URL, so a link
reopens the same view.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st

from geo import config
from geo.exc import SchemaError
from geo.explore.filters import (
    BASEMAPS,
    MAX_FORCE,
    MAX_QUERY_LENGTH,
    FilterOptions,
    Filters,
    filters_from_query_params,
    filters_to_query_params,
    format_number,
    normalize_filters,
)
from geo.explore.store import EventStore, choose_backend
from geo.table.schema import EVENT_TYPE_LABELS, EVENT_TYPES

# folium, streamlit_folium and altair (about 2.5 s to import cold) are imported where the map
# and the timeline are drawn, after the header is on the page.

TABLE_ROWS = 5000
DOWNLOAD_ROWS = 50_000  # a table on disk: downloads hold at most this many rows, the most recent
DEMO_EVENTS = 3000
RETURNED = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count",
            "center", "zoom"]  # fmt: skip

# Session-state keys. The widgets' (f_*) are also what tests address the widgets by.
TYPES_KEY = "f_types"
DATES_KEY = "f_dates"
COUNTRIES_KEY = "f_countries"
ACTORS_KEY = "f_actors"
SOURCES_KEY = "f_sources"  # source_dataset: news, acled, ucdp, gdelt (dashboard_loop.py)
MIN_FORCE_KEY = "f_min_force"
Q_KEY = "f_q"
UNDATED_KEY = "f_undated"
BASEMAP_KEY = "f_basemap"
SLIDER_KEY = "f_span"  # the timeline's date slider (kept equal to f_dates)
MONTH_KEY = "f_month"  # the playback's month (its first day), or None: every month
PLAYING_KEY = "playing"  # the playback runs
COUNTRY_TABLE_KEY = "country_table"  # the per-country table (its selected rows)
REGION_TABLE_KEY = "region_table"  # the per-region table (its selected rows)
SHADE_KEY = "f_shade"  # the map's view: points, or countries shaded by events
WIDGET_KEYS = (TYPES_KEY, DATES_KEY, COUNTRIES_KEY, ACTORS_KEY, MIN_FORCE_KEY, Q_KEY,
               UNDATED_KEY, BASEMAP_KEY, SLIDER_KEY)  # fmt: skip
PLAY_SECONDS = 1.5  # playback: one month every PLAY_SECONDS
SOURCE_KEY = "source"  # the Source shown
SEEDED_KEY = "seeded"  # the Source the widgets were seeded from the URL for
INITIAL_KEY = "initial_key"  # the filters key of the URL's filters (keep its map view)
NOTICES_KEY = "notices"  # what the URL had that was ignored
NOTICES_FOR_KEY = "notices_for"  # the filters key the notices were shown for
VIEW_KEY = "view"  # the map's (lat, lon, zoom) as last reported
URL_VIEW_KEY = "url_view"  # the map view the URL asked for
SELECTED_KEY = "selected"  # the location_ids selected on the map (a place, a cluster's places)
SELECTED_FROM_URL_KEY = "selected_from_url"  # the selection came from the link (check it)
CLICK_SEEN_KEY = "click_seen"  # the last map click handled
DEMO_KEY = "demo"  # show the synthetic demo table


class Source(NamedTuple):
    """What the page shows, as a cache key: a table file (and its mtime) or the demo."""

    path: str  # a resolved path, or "demo"
    version: float  # the table's mtime, or the demo's size
    backend: str  # where the rows live: "pandas" (memory) or "duckdb" (disk)

    @property
    def is_demo(self) -> bool:
        """Whether this is the synthetic demo table."""
        return self.path == "demo"


# ---------------------------------------------------------------- data (cached)


@st.cache_resource(max_entries=2, show_spinner="Opening the events table…")
def store_for(source: Source) -> EventStore:
    """The store of a source (shared by the sessions, read-only): one table in memory at a
    time besides the demo."""
    if source.is_demo:
        from geo.synthetic.events import synthetic_events

        return EventStore.from_frame(synthetic_events(int(source.version), seed=7))
    return EventStore.open(source.path, backend=source.backend, skip_bad_rows=True,
                           cache_dir=config.table_cache_dir())  # fmt: skip


def filters_key(filters: Filters) -> tuple:
    """A hashable cache key of the filters: what selects rows (no map view, no background)."""
    return filters.data_key()


def _filters_of(key: tuple) -> Filters:
    return Filters.from_key(key)


# The answers for one filter view are cached together (every session shares them), for the
# last MAX_VIEWS views only and at most VIEW_TTL seconds: a rerun that changes no filter asks
# nothing again, and memory stays bounded however many views are opened (bench_memory.py).
MAX_VIEWS = 4
VIEW_TTL = 600


class View(NamedTuple):
    """Everything the page shows for one filter view, but the table's rows."""

    numbers: dict[str, int]
    types: dict[str, int]
    places: pd.DataFrame
    monthly: pd.DataFrame


@st.cache_resource(max_entries=2)
def options_for(source: Source) -> FilterOptions:
    return store_for(source).options()


@st.cache_resource(max_entries=2)
def total_events(source: Source) -> int:
    """Events in the whole table."""
    return store_for(source).headline(Filters())["events"]


@st.cache_resource(max_entries=MAX_VIEWS, ttl=VIEW_TTL)
def view_for(source: Source, key: tuple) -> View:
    store, filters = store_for(source), _filters_of(key)
    return View(
        numbers=store.headline(filters),
        types=store.type_counts(filters),
        places=store.filter_places(filters),
        monthly=store.monthly(filters),
    )


@st.cache_resource(max_entries=MAX_VIEWS, ttl=VIEW_TTL)
def countries_for(source: Source, key: tuple) -> pd.DataFrame:
    """The per-country table (asked after the map is drawn)."""
    return store_for(source).country_summary(_filters_of(key))


@st.cache_resource(max_entries=MAX_VIEWS, ttl=VIEW_TTL)
def regions_for(source: Source, key: tuple) -> pd.DataFrame:
    """The per-region table (asked after the map is drawn)."""
    return store_for(source).region_summary(_filters_of(key))


@st.cache_resource(max_entries=MAX_VIEWS, ttl=VIEW_TTL)
def shade_for(source: Source, key: tuple) -> dict:
    """The shaded view of the map: each country by its events (the per-country counts)."""
    from geo.explore.assets import country_names, country_outlines
    from geo.explore.shade import shade_payload

    fit = payload_for(source, key)["fit"]
    return shade_payload(countries_for(source, key), country_outlines(), country_names(), fit=fit)


@st.cache_resource(max_entries=MAX_VIEWS, ttl=VIEW_TTL)
def payload_for(source: Source, key: tuple) -> dict:
    from geo.explore.map import layer_payload

    latest = store_for(source).latest_per_place(_filters_of(key))
    return layer_payload(view_for(source, key).places, latest)


@st.cache_resource(max_entries=2, ttl=VIEW_TTL)
def rows_for(source: Source, key: tuple, location: tuple[str, ...] | None) -> pd.DataFrame:
    """The table's page: the :data:`TABLE_ROWS` most recent filtered rows (of the places
    *location*, if given)."""
    return store_for(source).page(_filters_of(key), 0, TABLE_ROWS, location=location)


# ---------------------------------------------------------------- URL <-> widgets


def seed_widgets(filters: Filters, options: FilterOptions) -> None:
    """Put *filters* into the widgets' session state (first run of a session, and reset)."""
    state = st.session_state
    state[TYPES_KEY] = list(filters.types) if filters.types is not None else list(EVENT_TYPES)
    if options.date_min and options.date_max:
        lo = min(max(filters.date_from or options.date_min, options.date_min), options.date_max)
        hi = max(min(filters.date_to or options.date_max, options.date_max), lo)
        state[DATES_KEY] = (lo, hi)
        state[SLIDER_KEY] = (lo, hi)
    state[MONTH_KEY] = filters.month
    state[PLAYING_KEY] = False
    state[COUNTRIES_KEY] = [c for c in filters.countries if c in options.countries]
    state[ACTORS_KEY] = [a for a in filters.actors if a in options.actors]
    state[SOURCES_KEY] = [s for s in filters.sources if s in options.sources]
    state[MIN_FORCE_KEY] = int(filters.min_force or 0)
    state[Q_KEY] = filters.q
    state[UNDATED_KEY] = filters.undated
    state[BASEMAP_KEY] = filters.basemap


def filters_from_widgets(options: FilterOptions) -> Filters:
    """The widgets' filters and the map view, without what selects everything anyway."""
    state = st.session_state
    dates = state.get(DATES_KEY) or ()
    date_from, date_to = (dates[0], dates[1]) if len(dates) == 2 else (None, None)
    view = state.get(VIEW_KEY)
    raw = Filters(
        types=tuple(t for t in EVENT_TYPES if t in state[TYPES_KEY]),
        date_from=date_from,
        date_to=date_to,
        countries=tuple(state[COUNTRIES_KEY]),
        actors=tuple(state[ACTORS_KEY]),
        sources=tuple(state.get(SOURCES_KEY) or ()),
        min_force=int(state[MIN_FORCE_KEY] or 0),
        q=state[Q_KEY] or "",
        undated=bool(state[UNDATED_KEY]),
        month=state.get(MONTH_KEY),
        basemap=state[BASEMAP_KEY],
        lat=view[0] if view else None,
        lon=view[1] if view else None,
        zoom=view[2] if view else None,
    )
    return normalize_filters(raw, options)


def sync_url(params: dict[str, str]) -> None:
    """Write *params* to the URL only when they differ (no needless history entries)."""
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != params:
        st.query_params.from_dict(params)


def seed_from_url(source: Source, options: FilterOptions) -> None:
    """First run of the session on *source*: the URL decides (a shared link); later runs: the
    widgets do."""
    state = st.session_state
    if state.get(SEEDED_KEY) == source:
        return
    from geo.explore.detail import PLACE_PARAM, parse_place_param

    params = {key: st.query_params.get_all(key) for key in st.query_params}
    from geo.explore.shade import SHADE_PARAM, parse_shade

    selection, place_notices = parse_place_param(params.pop(PLACE_PARAM, []))
    shade, shade_notices = parse_shade(params.pop(SHADE_PARAM, []))
    state[SHADE_KEY] = shade
    from_url, notices = filters_from_query_params(params, options)
    seed_widgets(from_url, options)
    state[SELECTED_KEY] = selection or None
    state[SELECTED_FROM_URL_KEY] = bool(selection)
    state[NOTICES_KEY] = notices + place_notices + shade_notices
    state[NOTICES_FOR_KEY] = None
    state[URL_VIEW_KEY] = from_url.view
    state[VIEW_KEY] = from_url.view
    state[SEEDED_KEY] = source
    state[INITIAL_KEY] = filters_key(from_url)


def reset_filters() -> None:
    """The Reset button: every filter back to its default, the map fits all events again."""
    source = st.session_state.get(SOURCE_KEY)
    if source is not None:
        seed_widgets(Filters(), options_for(source))
    for key in (VIEW_KEY, URL_VIEW_KEY, SELECTED_KEY, NOTICES_KEY):
        st.session_state.pop(key, None)
    st.session_state[SHADE_KEY] = "points"
    st.session_state[INITIAL_KEY] = None


def dates_to_slider() -> None:
    """The sidebar's dates changed: the timeline's slider follows."""
    dates = st.session_state.get(DATES_KEY) or ()
    if len(dates) == 2:
        st.session_state[SLIDER_KEY] = (dates[0], dates[1])


def slider_to_dates() -> None:
    """The timeline's slider moved: the sidebar's dates follow."""
    span = st.session_state.get(SLIDER_KEY) or ()
    if len(span) == 2:
        st.session_state[DATES_KEY] = (span[0], span[1])


def playback_months(options: FilterOptions) -> list:
    """The months the playback steps through: those of the selected date range."""
    dates = st.session_state.get(DATES_KEY) or ()
    lo, hi = (dates[0], dates[1]) if len(dates) == 2 else (options.date_min, options.date_max)
    if lo is None or hi is None:
        return []
    return [m.date() for m in pd.date_range(lo.replace(day=1), hi, freq="MS")]


def step_month(months: list, step: int) -> None:
    """Playback: the month *step* months on (the first when none is shown); at the end the
    playback stops on the last month."""
    state = st.session_state
    if not months:
        return
    current = state.get(MONTH_KEY)
    if current not in months:
        state[MONTH_KEY] = months[0] if step >= 0 else months[-1]
        return
    index = months.index(current) + step
    if index >= len(months):
        state[PLAYING_KEY] = False
        index = len(months) - 1
    state[MONTH_KEY] = months[max(index, 0)]


def toggle_play(months: list) -> None:
    """Play or pause; playing from no month (or the last) starts at the first month."""
    state = st.session_state
    if state.get(PLAYING_KEY):
        state[PLAYING_KEY] = False
        return
    if months and state.get(MONTH_KEY) in (None, months[-1]):
        state[MONTH_KEY] = months[0]
    state[PLAYING_KEY] = bool(months)


def all_months() -> None:
    """Leave the playback: every month of the range again."""
    st.session_state[MONTH_KEY] = None
    st.session_state[PLAYING_KEY] = False


# ---------------------------------------------------------------- page parts


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


def legend_chips(counts: dict[str, int]) -> str:
    """Static HTML (labels from the schema, integers): the type colours with their counts."""
    from geo.explore.map import TYPE_COLORS

    chips = "".join(
        f'<span class="dm-chip"><i style="background:{TYPE_COLORS[t]}"></i>'
        f"{EVENT_TYPE_LABELS[t]} <b>{counts.get(t, 0):,}</b></span>"
        for t in EVENT_TYPES
    )
    return f'<div class="dm-chips">{chips}</div>'


def timeline_chart(data: pd.DataFrame):
    """Stacked monthly bars of :meth:`EventStore.monthly` data (an Altair chart; None if
    empty)."""
    if data.empty:
        return None
    import altair as alt

    from geo.explore.map import TYPE_COLORS

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
                legend=alt.Legend(title=None, orient="bottom", columns=2, labelLimit=180),
            ),
            tooltip=[alt.Tooltip("yearmonth(month):T", title="month"), "type:N", "events:Q"],
        )
        .properties(height=300)
    )


def header() -> None:
    """Page style, title and what the page is."""
    st.html(PAGE_CSS)
    st.title("deploymap", anchor=False)
    st.caption(
        "Military and security deployments in the Americas, as reported in the news: each "
        "point is a place named in an article, geocoded offline. Filter in the sidebar, click "
        "a place to list its events, and share the URL to share exactly this view."
    )


def missing_table(path: Path, error: str | None = None) -> None:
    """How to build the table (or why it cannot be read), the demo button; stops the page."""
    if error:  # the path and the error (which may quote the file) as plain text
        st.error("The events table cannot be read:")
        st.text(f"{path}: {error}")
    else:
        st.warning("No events table yet at:")
        st.text(str(path))
    st.markdown(
        "Build it from the articles in `data/articles` (a few minutes, offline):\n\n"
        "```bash\nmake events   # = python -m geo index && "
        "python -m geo build data/articles --out data/events.csv\n```\n\n"
        "or show another table: `streamlit run dashboard.py -- --events PATH` "
        "(or `DEPLOYMAP_EVENTS=PATH`)."
    )
    if st.button("Explore synthetic demo data instead", icon=":material/science:"):
        st.session_state[DEMO_KEY] = True
        st.rerun()
    st.stop()


def choose_source(path: Path) -> Source:
    """The demo when asked for, else the table at *path* (or the missing-table panel)."""
    if st.session_state.get(DEMO_KEY):
        st.info(
            "Showing **synthetic demo data**: invented events, not news.",
            icon=":material/science:",
        )
        return Source("demo", float(DEMO_EVENTS), "pandas")
    if not path.exists():
        missing_table(path)
    mtimes = [path.stat().st_mtime]  # a dataset commits by replacing its manifest
    if path.is_dir() and (path / "_manifest.json").exists():
        mtimes.append((path / "_manifest.json").stat().st_mtime)
    return Source(str(path.resolve()), max(mtimes), choose_backend(path, os.environ))


def sidebar_filters(options: FilterOptions) -> Filters:
    """The sidebar's widgets; returns the filters they select (with the map view)."""
    from geo.explore.assets import country_names

    names = country_names()
    with st.sidebar:
        st.header("Filters", anchor=False)
        st.multiselect(
            "Deployment type",
            options=list(EVENT_TYPES),
            format_func=EVENT_TYPE_LABELS.get,
            key=TYPES_KEY,
            placeholder="No type selected",
        )
        if options.date_min and options.date_max:
            st.date_input(
                "Dates",
                min_value=options.date_min,
                max_value=options.date_max,
                key=DATES_KEY,
                format="YYYY-MM-DD",
                on_change=dates_to_slider,
            )
        st.toggle("Include events without a known date", key=UNDATED_KEY)
        st.multiselect(
            "Country",
            options=list(options.countries),
            format_func=lambda c: f"{names.get(c, c)} ({c})",
            key=COUNTRIES_KEY,
            placeholder="All countries",
        )
        st.multiselect(
            "Actor", options=list(options.actors), key=ACTORS_KEY, placeholder="All actors"
        )
        if len(options.sources) > 1:  # news beside imported datasets
            from dashboard_loop import SOURCE_LABELS

            st.multiselect("Source", options=list(options.sources), key=SOURCES_KEY,
                           format_func=lambda s: SOURCE_LABELS.get(s, s),
                           placeholder="All sources")  # fmt: skip
        st.number_input(
            "Minimum force size (troops)", min_value=0, max_value=options.force_max or MAX_FORCE,
            step=100, key=MIN_FORCE_KEY,
            help="Events that state at least this many troops or agents; 0 keeps all events.",
        )  # fmt: skip
        st.text_input(
            "Search place, actor, evidence", key=Q_KEY, placeholder="e.g. Tacna, Garde nationale",
            max_chars=MAX_QUERY_LENGTH,
        )  # fmt: skip
        st.radio(
            "Background",
            options=list(BASEMAPS),
            format_func={"tiles": "Street map (online)", "plain": "Countries only (offline)"}.get,
            key=BASEMAP_KEY,
            horizontal=True,
        )
        st.button("Reset filters", on_click=reset_filters, icon=":material/restart_alt:",
                  width="stretch")  # fmt: skip
    return filters_from_widgets(options)


def data_caption(source: Source, path: Path, numbers: dict[str, int], total: int) -> None:
    """Under the filters: how many events match, and where the data comes from."""
    with st.sidebar:
        st.caption(
            f"**{numbers['events']:,}** of {total:,} events match "
            f"({numbers['rows']:,} event-place rows)."
        )
        store = store_for(source)
        st.caption("Data:" + (" (queried on disk with DuckDB)" if store.on_disk else ""))
        st.text("synthetic demo" if source.is_demo else str(path))  # a path: plain text


def skipped_rows_panel(source: Source) -> None:
    """The rows of the table that could not be read (the rest is shown)."""
    skipped = store_for(source).skipped
    if skipped:
        with st.container(border=True):
            st.warning(
                f"{len(skipped):,} row(s) of the events table could not be read and are left "
                "out; every other row is shown:",
                icon=":material/report:",
            )
            shown = skipped[:20]
            more = len(skipped) - len(shown)
            # the reasons quote the file: plain text
            st.text("\n".join(shown) + (f"\n… and {more:,} more" if more else ""))


def notices_panel(key: tuple) -> None:
    """The link parameters that were ignored, if any, until the filters change (the page then
    writes a fixed link to the address bar)."""
    state = st.session_state
    if state.get(NOTICES_FOR_KEY) is None:
        state[NOTICES_FOR_KEY] = key
    elif state[NOTICES_FOR_KEY] != key:
        state.pop(NOTICES_KEY, None)
    notices = state.get(NOTICES_KEY)
    if notices:
        # the notices quote the URL's values: plain text (st.text), never markdown, so a
        # crafted link cannot draw a link or make the browser fetch an image
        with st.container(border=True):
            st.warning("Some link parameters were ignored:", icon=":material/link_off:")
            st.text("\n".join(f"- {n}" for n in notices))


def numbers_panel(numbers: dict[str, int], types: dict[str, int]) -> None:
    """The headline metrics and the events per type."""
    cols = st.columns(4)
    cols[0].metric("Events", f"{numbers['events']:,}")
    cols[1].metric("Places", f"{numbers['places']:,}")
    cols[2].metric("Countries", f"{numbers['countries']:,}")
    cols[3].metric("Troops stated", f"{numbers['troops']:,}")
    st.html(legend_chips(types))
    if not numbers["rows"]:
        st.info("No event matches these filters. Widen them, or press **Reset filters**.")


@st.fragment
def map_panel(
    payload: dict,
    places: pd.DataFrame,
    *,
    fit: bool,
    url_view: tuple | None,
    tiles: bool,
    shade: dict | None = None,
) -> None:
    """The map: the places of *payload*, or the countries shaded by events (*shade*, a
    :func:`geo.explore.shade.shade_payload`). Pans and zooms rerun only this fragment (to
    write lat/lon/zoom to the URL); a click on a place selects it and reruns the page so the
    side panel and the table show its events."""
    from streamlit_folium import st_folium

    from geo.explore.assets import STREAMLIT_ASSETS
    from geo.explore.detail import selection_from_tooltip
    from geo.explore.map import MAP_HEIGHT, base_map, place_at, place_layer, shade_layer

    fmap = base_map(assets=STREAMLIT_ASSETS, tiles=tiles, basemap="fetch")
    if shade is not None:
        layer = shade_layer(shade, fit=fit)
    else:
        layer = place_layer(payload, assets=STREAMLIT_ASSETS, fit=fit)
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
    state = st.session_state
    center, zoom = out.get("center"), out.get("zoom")
    if isinstance(center, dict) and isinstance(zoom, int | float):
        view = (round(float(center["lat"]), 4), round(float(center["lng"]), 4), int(zoom))
        if view != state.get(VIEW_KEY):
            state[VIEW_KEY] = view
            params = {k: st.query_params.get(k) for k in st.query_params}
            params.update(lat=format_number(view[0]), lon=format_number(view[1]),
                          zoom=str(view[2]))  # fmt: skip
            sync_url(params)
    clicked = out.get("last_object_clicked")
    signature = (out.get("last_object_clicked_count"), str(clicked))
    if clicked and signature != state.get(CLICK_SEEN_KEY):
        state[CLICK_SEEN_KEY] = signature
        # a place's tooltip hides its id, a cluster's the ids of its places
        locs = selection_from_tooltip(out.get("last_object_clicked_tooltip"))
        if not locs and isinstance(clicked, dict):
            loc = place_at(places, float(clicked["lat"]), float(clicked["lng"]))
            locs = (loc,) if loc else ()
        if locs and locs != state.get(SELECTED_KEY):
            state[SELECTED_KEY] = locs
            state[SELECTED_FROM_URL_KEY] = False
            st.rerun()


def timeline_panel(view: View, options: FilterOptions, filters: Filters) -> None:
    """Dated events per month and type, how many undated events it leaves out, then the
    time controls."""
    st.subheader("Timeline", anchor=False)
    chart = timeline_chart(view.monthly)
    if chart is None:
        st.caption("No dated event in the selection.")
    else:
        st.altair_chart(chart, width="stretch")
    undated = view.numbers["undated"]
    if undated:
        st.caption(f"{undated:,} event(s) without a known date are not in the timeline.")
    time_controls(options, filters)


def time_controls(options: FilterOptions, filters: Filters) -> None:
    """A date-range slider (the same range as the sidebar's dates) and the month-by-month
    playback; both are in the URL (``from``/``to`` and ``month``)."""
    if not (options.date_min and options.date_max and options.date_min < options.date_max):
        return
    st.slider(
        "Time span",
        min_value=options.date_min,
        max_value=options.date_max,
        key=SLIDER_KEY,
        format="YYYY-MM-DD",
        on_change=slider_to_dates,
        help="Drag either end to filter by date (the sidebar's dates follow).",
    )
    months = playback_months(options)
    state = st.session_state
    playing = bool(state.get(PLAYING_KEY))
    back, play, forward, every = st.columns([1, 1.1, 1, 1.3], vertical_alignment="center")
    back.button("‹ Prev", key="play_back", help="The previous month",
                on_click=step_month, args=(months, -1), width="stretch")  # fmt: skip
    play.button("Pause" if playing else "Play", key="play_toggle", width="stretch",
                icon=":material/pause:" if playing else ":material/play_arrow:",
                on_click=toggle_play, args=(months,))  # fmt: skip
    forward.button("Next ›", key="play_next", help="The next month",
                   on_click=step_month, args=(months, 1), width="stretch")  # fmt: skip
    every.button("All months", key="play_all", on_click=all_months, width="stretch",
                 disabled=filters.month is None)  # fmt: skip
    if filters.month is not None:
        position = months.index(filters.month) + 1 if filters.month in months else 0
        where = f" ({position} of {len(months)})" if position else ""
        st.caption(f"Playback: **{filters.month:%B %Y}**{where}: dated events of that month only.")
    else:
        st.caption("Playback steps month by month through the time span.")

    def tick() -> None:
        # a fragment rerun every PLAY_SECONDS while playing; its first run is part of the page's
        # run, which must not step: only a run PLAY_SECONDS after the last step does
        import time

        now = time.monotonic()
        if state.get(PLAYING_KEY) and now - state.get("play_stepped", 0.0) >= PLAY_SECONDS * 0.9:
            state["play_stepped"] = now
            step_month(months, 1)
            st.rerun()

    if playing:
        state.setdefault("play_stepped", 0.0)
        if state.get("play_stepped", 0.0) == 0.0:
            import time

            state["play_stepped"] = time.monotonic()
        st.fragment(run_every=PLAY_SECONDS)(tick)()
    else:
        state["play_stepped"] = 0.0


def pick_countries() -> None:
    """Rows selected in the per-country table: filter on those countries (none: all)."""
    state = st.session_state
    event = state.get(COUNTRY_TABLE_KEY)
    codes = state.get("country_codes") or []
    rows = list(event["selection"]["rows"]) if event else []
    known = set(options_for(state[SOURCE_KEY]).countries) if SOURCE_KEY in state else set()
    state[COUNTRIES_KEY] = [codes[i] for i in rows if i < len(codes) and codes[i] in known]


def format_trend(value: float | None) -> str:
    """A trend for the table: ``+27%``, ``−13%``, ``—`` when there is nothing to compare."""
    if value is None or pd.isna(value):
        return "—"
    return f"{value:+.0%}".replace("-", "−")


def countries_panel(countries: pd.DataFrame) -> None:
    """Per country: events, places, troops stated, events per month and the trend; select
    rows to filter on those countries."""
    from geo.explore.assets import country_names

    st.subheader("Countries", anchor=False)
    if countries.empty:
        st.caption("No country in the selection.")
        return
    names = country_names()
    codes = [str(c) for c in countries["country_code"]]
    st.session_state["country_codes"] = codes
    frame = pd.DataFrame(
        {
            "country": [f"{names.get(c, c)} ({c})" for c in codes],
            "events": countries["events"],
            "places": countries["places"],
            "troops": countries["troops"],
            "per month": countries["monthly"],
            "trend": [format_trend(t) for t in countries["trend"]],
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        key=COUNTRY_TABLE_KEY,
        on_select=pick_countries,
        selection_mode="multi-row",
        column_config={
            "troops": st.column_config.NumberColumn("troops stated", format="%d"),
            "per month": st.column_config.LineChartColumn("events per month", y_min=0),
            "trend": st.column_config.TextColumn(
                "trend", help="Events in the last 12 months of the span against the 12 before"
            ),
        },
    )
    st.caption(
        "A border counts for both its countries. Select rows to filter on those countries "
        "(**Reset filters** to clear)."
    )


def resolve_selection(places: pd.DataFrame) -> tuple[str, ...] | None:
    """The selection kept to the filtered *places*; a link's unknown places become notices
    (a filter change drops places silently)."""
    from geo.explore.detail import check_selection

    state = st.session_state
    selected = state.get(SELECTED_KEY)
    if not selected:
        return None
    if isinstance(selected, str):  # one place
        selected = (selected,)
    from_url = bool(state.get(SELECTED_FROM_URL_KEY))
    kept, notices = check_selection(selected, places["location_id"], from_url=from_url)
    state[SELECTED_FROM_URL_KEY] = False
    if notices:
        state[NOTICES_KEY] = [*(state.get(NOTICES_KEY) or []), *notices]
    state[SELECTED_KEY] = kept or None
    return kept or None


def clear_selection() -> None:
    """The selection's close buttons: every filtered event again."""
    st.session_state[SELECTED_KEY] = None


def selection_label(chosen: pd.DataFrame) -> str:
    """The selection in words (plain text: place names are article text)."""
    if len(chosen) == 1:
        return str(chosen["label"].iloc[0])
    return f"{len(chosen):,} places (a group clicked on the map)"


def pick_regions() -> None:
    """Rows selected in the per-region table: select their places (the side panel, the
    events table and the downloads follow); none selected: every place again."""
    from geo.explore.detail import MAX_SELECTED

    state = st.session_state
    event = state.get(REGION_TABLE_KEY)
    listed = state.get("region_locations") or []
    rows = list(event["selection"]["rows"]) if event else []
    chosen = [loc for i in rows if i < len(listed) for loc in listed[i]]
    state[SELECTED_KEY] = tuple(dict.fromkeys(chosen))[:MAX_SELECTED] or None
    state[SELECTED_FROM_URL_KEY] = False


def regions_panel(regions: pd.DataFrame) -> None:
    """Per first-level region: events, places, events per month and the trend; select rows
    to select the regions' places (listed beside the map, and in the events table)."""
    st.subheader("Regions", anchor=False)
    if regions.empty:
        st.caption("No region in the selection (whole-country and border events have none).")
        return
    st.session_state["region_locations"] = [list(v) for v in regions["locations"]]
    frame = pd.DataFrame(
        {
            "region": [
                f"{a} ({c})"
                for a, c in zip(regions["admin1"], regions["country_code"], strict=True)
            ],  # fmt: skip
            "events": regions["events"],
            "places": regions["places"],
            "per month": regions["monthly"],
            "trend": [format_trend(t) for t in regions["trend"]],
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        key=REGION_TABLE_KEY,
        on_select=pick_regions,
        selection_mode="multi-row",
        column_config={
            "per month": st.column_config.LineChartColumn("events per month", y_min=0),
            "trend": st.column_config.TextColumn(
                "trend", help="Events in the last 12 months of the span against the 12 before"
            ),
        },
    )
    st.caption("Select rows to list the regions' events beside the map.")


def selected_place(places: pd.DataFrame) -> pd.DataFrame | None:
    """The places selected on the map (rows of *places*), if any, with a button to show all
    events again."""
    selected = st.session_state.get(SELECTED_KEY)
    if not selected:
        return None
    chosen = places[places["location_id"].isin(selected)]
    if chosen.empty:
        return None
    info, action = st.columns([4, 1], vertical_alignment="center")
    # st.text, not markdown: the place name is article text
    info.text(
        f"Showing the {int(chosen['n_events'].sum()):,} event(s) at {selection_label(chosen)}."
    )
    action.button("Show all", icon=":material/close:", on_click=clear_selection, key="sel_all")
    return chosen


def shade_toggle(source: Source, key: tuple) -> dict | None:
    """Above the map: places as points, or countries shaded by events (``shade=`` in the
    URL); the shaded view's payload, or ``None`` for the points."""
    from geo.explore.shade import SHADE_LABELS, SHADES

    st.session_state.setdefault(SHADE_KEY, "points")
    shade = st.radio("Map view", options=list(SHADES), format_func=SHADE_LABELS.get,
                     key=SHADE_KEY, horizontal=True, label_visibility="collapsed")  # fmt: skip
    if shade != "countries":
        return None
    return shade_for(source, key)


def detail_panel(source: Source, key: tuple, places: pd.DataFrame) -> None:
    """Beside the map: every event of the selected place or group (:mod:`geo.explore.detail`),
    or how to select one."""
    from geo.explore.detail import DETAIL_EVENTS, detail_html
    from geo.explore.map import MAP_HEIGHT, type_symbol

    selected = st.session_state.get(SELECTED_KEY)
    chosen = places[places["location_id"].isin(selected)] if selected else places.iloc[:0]
    with st.container(height=MAP_HEIGHT, border=True, key="detail"):
        if chosen.empty:
            st.caption("Click a place or a group on the map to list its events here.")
            return
        st.button("Clear selection", icon=":material/close:", on_click=clear_selection,
                  key="sel_clear", width="stretch")  # fmt: skip
        rows = rows_for(source, key, tuple(chosen["location_id"]))
        symbols = {t: type_symbol(t) for t in EVENT_TYPES}
        st.html(detail_html(chosen, rows.head(DETAIL_EVENTS * 4), symbols=symbols))


def share_panel(source: Source, key: tuple, params: dict[str, str], n_events: int) -> None:
    """In the sidebar: the link to this view with a copy button, and the map of the filtered
    events as one offline HTML file (:mod:`geo.explore.export`), built on click."""
    from geo.explore.export import COPY_LINK_HTML, standalone_html_from_payload, view_caption

    def page() -> bytes:
        caption = view_caption(n_events, params, f"{date.today():%Y-%m-%d}")
        if source.is_demo:
            caption += " · synthetic demo data"
        title = "deploymap: deployments in the Americas"
        return standalone_html_from_payload(
            payload_for(source, key), title=title, caption=caption
        ).encode("utf-8")

    with st.sidebar:
        st.subheader("Share this view", anchor=False)
        st.iframe(COPY_LINK_HTML, height=64)  # constant HTML, no user text
        st.download_button(
            "Map (offline HTML)",
            data=page,
            file_name=f"deploymap_map_{date.today():%Y%m%d}.html",
            mime="text/html",
            icon=":material/download:",
            on_click="ignore",
            key="dl_html",
            width="stretch",
            help="One HTML file with the map of the filtered events: it opens offline (no "
            "tiles, no network), to share or embed.",
        )


def events_panel(source: Source, key: tuple, numbers: dict[str, int], places: pd.DataFrame):
    """The filtered events (of the selected places) as a table, then the downloads."""
    from geo.explore.views import events_table

    st.subheader("Events", anchor=False)
    place = selected_place(places)
    at_place = None if place is None else tuple(place["location_id"])
    n_rows = numbers["rows"] if place is None else int(place["n_events"].sum())
    capped = store_for(source).on_disk and n_rows > DOWNLOAD_ROWS
    if n_rows > TABLE_ROWS:
        tail = (
            f"downloads hold the {DOWNLOAD_ROWS:,} most recent (use `python -m geo` or DuckDB "
            "on the dataset for all)"
            if capped
            else "download for all"
        )
        st.caption(f"The {TABLE_ROWS:,} most recent of {n_rows:,} events; {tail}.")
    st.dataframe(
        events_table(rows_for(source, key, at_place)),
        hide_index=True,
        height=420,
        column_config={
            "link": st.column_config.LinkColumn("source link", display_text="open ↗"),
            "force": st.column_config.NumberColumn("force", format="%d"),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
            "event_id": None,
        },
    )
    limit = DOWNLOAD_ROWS if capped else n_rows
    if place is None:
        st.caption(f"Downloads: the {limit:,} filtered event-place row(s) shown above.")
    else:  # the place name is article text: plain text
        st.text(
            f"Downloads: only the {limit:,} row(s) at {selection_label(place)} (selected on "
            "the map); press Show all to download every filtered row."
        )
    downloads_panel(source, key, at_place, limit, place_label=None if place is None else
                    selection_label(place))  # fmt: skip


def downloads_panel(
    source: Source,
    key: tuple,
    at_place: tuple[str, ...] | None,
    limit: int,
    *,
    place_label: str | None,
) -> None:
    """CSV and GeoJSON of the filtered rows (the *limit* most recent; of the place
    *at_place* only when one is clicked, which the file name says), built on click."""
    from geo.explore.views import events_csv_bytes, events_geojson_bytes

    def rows() -> pd.DataFrame:
        return store_for(source).page(_filters_of(key), 0, limit, location=at_place)

    stem = "deploymap_events" + ("_demo" if source.is_demo else "")
    if at_place is not None:
        name = at_place[0] if len(at_place) == 1 else f"{len(at_place)}-places"
        stem += "_" + "".join(ch if ch.isalnum() else "-" for ch in name)
    d1, d2, _ = st.columns([1, 1, 2])
    d1.download_button(
        "CSV",
        data=lambda: events_csv_bytes(rows()),
        file_name=f"{stem}_{date.today():%Y%m%d}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="dl_csv",
        help=f"Only the rows at {place_label}" if place_label else "Every filtered row",
    )
    d2.download_button(
        "GeoJSON",
        data=lambda: events_geojson_bytes(rows()),
        file_name=f"{stem}_{date.today():%Y%m%d}.geojson",
        mime="application/geo+json",
        icon=":material/download:",
        on_click="ignore",
        key="dl_geojson",
        help=f"Only the rows at {place_label}" if place_label else "Every filtered row",
    )


# ---------------------------------------------------------------- the page


def main() -> None:
    """The page: header, source, filters, numbers, map, timeline, countries and events."""
    st.set_page_config(
        page_title="deploymap: deployments in the Americas", page_icon="🗺️", layout="wide"
    )
    header()
    path = config.events_path(sys.argv[1:])
    source = choose_source(path)
    try:
        options = options_for(source)
    except SchemaError as error:  # TableReadError included
        missing_table(path, str(error))
    st.session_state[SOURCE_KEY] = source
    seed_from_url(source, options)

    filters = sidebar_filters(options)
    key = filters_key(filters)
    view = view_for(source, key)
    from geo.explore.detail import selection_params
    from geo.explore.shade import shade_params

    selection = resolve_selection(view.places)
    params = {**filters_to_query_params(filters), **selection_params(selection),
              **shade_params(st.session_state.get(SHADE_KEY))}  # fmt: skip
    sync_url(params)
    data_caption(source, path, view.numbers, total_events(source))
    share_panel(source, key, filters_to_query_params(filters), view.numbers["events"])
    skipped_rows_panel(source)
    notices_panel(key)
    numbers_panel(view.numbers, view.types)
    state = st.session_state
    map_col, detail_col = st.columns([5, 2], vertical_alignment="top")
    with map_col:
        map_panel(
            payload_for(source, key),
            view.places,
            fit=state.get(URL_VIEW_KEY) is None or key != state.get(INITIAL_KEY),
            url_view=state.get(URL_VIEW_KEY),
            tiles=filters.basemap == "tiles",
            shade=shade_toggle(source, key),
        )
    with detail_col:
        detail_panel(source, key, view.places)
    left, right = st.columns([3, 2], vertical_alignment="top")
    with right:
        timeline_panel(view, options, filters)
    with left:
        events_panel(source, key, view.numbers, view.places)
    countries_panel(countries_for(source, key))  # full width: its trend columns stay visible
    regions_panel(regions_for(source, key))
    from dashboard_loop import analyst_panels  # issue 10: add, correct, import

    analyst_panels(path, rows_for(source, key, None), store_for(source).frame,
                   demo=source.is_demo, version=source)  # fmt: skip
    release_memory()


def release_memory() -> None:
    """Hand the memory freed by this run back to the system (glibc keeps it in its arenas
    otherwise: the server's RSS would only grow with each large view)."""
    if sys.platform.startswith("linux"):
        import contextlib
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


if __name__ == "__main__":
    main()
