"""The dashboard's analyst panels (issue 10): add articles, review and correct, import a dataset.

Streamlit widgets only; the logic is in :mod:`geo.explore.add_panel` and
:mod:`geo.explore.review`, the writes go through the same back ends as ``python -m geo add``,
``correct`` and ``import``. :func:`analyst_panels` is what ``dashboard.py`` calls. In
read-only mode (:func:`geo.config.read_only`: ``DEPLOYMAP_READ_ONLY``, the ``read_only`` key
of ``.streamlit/secrets.toml``, on by default on Streamlit Community Cloud) the preview of new
articles stays and every write control is left out of the page.

Every text that comes from a user, an article or a file is shown with ``st.text`` or escaped
(:func:`geo.explore.add_panel.preview_html`), never as markdown.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from geo import config
from geo.exc import DeploymapError
from geo.table.schema import EVENT_TYPE_LABELS, EVENT_TYPES, FORCE_QUALIFIERS

PREVIEW_KEY = "add_preview"  # (articles, rows, problems) of the last preview
MESSAGE_KEY = "loop_message"  # (panel, kind, text) shown after the rerun a write causes
LANGS = {"": "detect", "es": "Spanish", "fr": "French", "en": "English"}
SOURCE_LABELS = {"news": "News articles", "acled": "ACLED", "ucdp": "UCDP GED",
                 "gdelt": "GDELT"}  # fmt: skip
IMPORT_TYPES = ["csv", "tsv", "txt", "zip", "gz"]
PREVIEW_CSS = """
<style>
table.dm-preview { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
table.dm-preview th, table.dm-preview td { border-bottom: 1px solid #e3e7ee; padding: 4px 6px;
  text-align: left; vertical-align: top; }
mark.dm-place { background: #ffe27a; padding: 0 2px; border-radius: 2px; }
</style>
"""


def read_only_mode() -> bool:
    """Whether this app must write nothing (see :func:`geo.config.read_only`)."""
    try:
        secret = st.secrets.get("read_only")
    except Exception:  # no secrets.toml, or one that cannot be parsed: not set
        secret = None
    return config.read_only(secret=secret)


@st.cache_resource(show_spinner="Loading the extraction models…")
def extractor() -> Any:
    """The extractor the previews use (the build's; loaded once per server)."""
    from geo.extract.document import Extractor

    return Extractor()


def _say(panel: str, kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (panel, kind, text)


def _message(panel: str) -> None:
    """The message a write left for *panel* (plain text: it quotes files and reports)."""
    got = st.session_state.get(MESSAGE_KEY)
    if not got or got[0] != panel:
        return
    st.session_state.pop(MESSAGE_KEY, None)
    _, kind, text = got
    head, _, rest = text.partition("\n")
    {"success": st.success, "error": st.error, "warning": st.warning}[kind](head)
    if rest:
        st.text(rest)


def _problems(problems: list) -> None:
    if problems:
        st.error(f"{len(problems)} input(s) gave no article:")
        st.text("\n".join(str(p) for p in problems))


# ---------------------------------------------------------------- add articles


def add_panel(events: Path, *, writable: bool, fetch: bool) -> None:
    """Paste, upload or (with *fetch*) fetch articles; preview their rows on a map and in a
    table; add them to the corpus and rebuild the table (when *writable*). A read-only app
    fetches nothing: anyone could make a public server request any address."""
    from geo.explore import add_panel as logic

    with st.expander("Add articles", icon=":material/post_add:",
                     expanded=PREVIEW_KEY in st.session_state or _pending("add")):  # fmt: skip
        _message("add")
        st.caption(
            "Paste an article or upload files (.txt, .md, .html, or a .csv/.jsonl manifest)"
            + (", or give web addresses (one per line; fetched with a time and size limit)."
               if fetch else ".")
            + ("" if writable else " Read-only: the preview shows what would be added.")
        )  # fmt: skip
        st.text_area("Article text", key="add_text", height=150,
                     placeholder="Paste the article here…")  # fmt: skip
        files = st.file_uploader("Files", type=list(logic.UPLOAD_TYPES),
                                 accept_multiple_files=True, key="add_files")  # fmt: skip
        if fetch:
            st.text_area("Web addresses", key="add_urls", height=68, placeholder="https://…")
        c1, c2 = st.columns(2)
        c1.selectbox("Language", list(LANGS), format_func=LANGS.get, key="add_lang")
        c2.text_input("Published (YYYY-MM-DD, if the article does not say)", key="add_published")
        if st.button("Preview", icon=":material/preview:", key="add_preview_button"):
            state = st.session_state
            with st.status("Extracting events…", expanded=False) as status:
                status.update(label="Reading the articles…")
                batch = logic.read_inputs(
                    text=state.get("add_text") or "",
                    uploads=[(f.name, f.getvalue()) for f in files or []],
                    urls=logic.parse_urls(state.get("add_urls") or "") if fetch else [],
                    lang=state.get("add_lang") or None,
                    published=(state.get("add_published") or "").strip() or None,
                )
                status.update(label=f"Extracting the events of {len(batch.articles)} article(s)…")
                try:
                    rows, failed = logic.preview_table(batch.articles, extractor())
                except (ImportError, DeploymapError) as error:  # no NLP install, no gazetteer
                    status.update(label="Extraction is not available here", state="error")
                    st.error("Articles cannot be extracted on this server (install the project "
                             "with `pip install -e .` and run `python -m geo index`):")  # fmt: skip
                    st.text(str(error))
                    return
                status.update(label=f"{len(rows)} row(s) from {len(batch.articles)} article(s)",
                              state="complete")  # fmt: skip
            state[PREVIEW_KEY] = (batch.articles, rows, batch.problems + failed)
        preview = st.session_state.get(PREVIEW_KEY)
        if preview is None:
            return
        articles, rows, problems = preview
        _problems(problems)
        if not articles:
            return
        st.markdown(f"**Preview**: {len(rows)} row(s) from {len(articles)} article(s).")
        if len(rows):
            preview_map(rows)
            st.html(PREVIEW_CSS + logic.preview_html(rows))
        else:
            st.info("No deployment found in these articles; adding them keeps them in the corpus.")
        add = writable and st.button("Add to the table", type="primary", icon=":material/add:",
                                     key="add_commit")  # fmt: skip
        if add:
            commit_articles(articles, events)
        if st.button("Clear the preview", key="add_clear"):
            st.session_state.pop(PREVIEW_KEY, None)
            st.rerun()


def preview_map(rows: pd.DataFrame) -> None:
    """The preview's rows on their own small map."""
    from streamlit_folium import st_folium

    from geo.explore.assets import STREAMLIT_ASSETS
    from geo.explore.filters import Filters
    from geo.explore.map import base_map, layer_payload, place_layer
    from geo.explore.store import EventStore

    located = rows[rows["latitude"].notna() & rows["location_id"].notna()]
    if located.empty:
        st.caption("No row has a place on the map.")
        return
    store = EventStore.from_frame(located)
    payload = layer_payload(store.filter_places(Filters()), store.latest_per_place(Filters()))
    st_folium(
        base_map(assets=STREAMLIT_ASSETS, tiles=False, basemap="fetch"),
        key="preview_map",
        height=360,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=place_layer(payload, assets=STREAMLIT_ASSETS, fit=True),
    )


def commit_articles(articles: list, events: Path) -> None:
    """Save the previewed articles and rebuild the table (the back end of ``geo add``)."""
    from geo.explore.add_panel import add_to_corpus

    corpus = config.articles_dir()
    try:
        with st.spinner("Saving and rebuilding the table…"):
            report = add_to_corpus(articles, corpus, events)
    except DeploymapError as error:  # the same message as the command line's
        _say("add", "error", f"Nothing was added.\ndeploymap: error: {error}")
    else:
        _say("add", "warning" if report.skipped else "success",
             f"Added {len(articles)} article(s) to {corpus}.\n{report.summary()}")  # fmt: skip
        st.session_state.pop(PREVIEW_KEY, None)
    st.rerun()


def _pending(panel: str) -> bool:
    got = st.session_state.get(MESSAGE_KEY)
    return bool(got and got[0] == panel)


# ---------------------------------------------------------------- review and correct


def row_labels(rows: pd.DataFrame) -> pd.Series:
    """The review's name of each row (by ``event_id``): date, type, place, actor, and ✎ when
    corrected (column-wise: a page of 5,000 rows in milliseconds)."""
    when = rows["date_start"].dt.strftime("%Y-%m-%d").fillna("date unknown")
    kind = rows["event_type"].map(EVENT_TYPE_LABELS).fillna("")
    place = rows["place_resolved"].fillna(rows["place"]).fillna("").astype(str)
    actor = rows["actor"].fillna("—").astype(str)
    mark = rows["corrected"].fillna("").astype(str).str.len().gt(0).map({True: " ✎", False: ""})
    labels = when + " · " + kind + " · " + place + " · " + actor + mark
    return pd.Series(labels.to_numpy(), index=rows["event_id"].to_numpy())


def review_panel(events: Path, rows: pd.DataFrame) -> None:
    """Correct one of the filtered rows; list the corrections with an undo each."""
    from geo.explore import review
    from geo.explore.add_panel import evidence_html

    corrections = config.corrections_path()
    with st.expander("Review and correct", icon=":material/edit_note:",
                     expanded=_pending("review")):  # fmt: skip
        _message("review")
        if rows.empty:
            st.caption("No row in the selection to correct.")
        else:
            st.caption(
                f"Pick one of the {len(rows):,} filtered rows; a correction is kept in "
                f"{corrections.name} and applied to the table now and by every build."
            )
            rows = rows.drop_duplicates("event_id").set_index("event_id", drop=False)
            labels = row_labels(rows).to_dict()
            # by event id: the choice stays on its row when the table changes under it
            ident = st.selectbox("Row", list(labels), key="review_row", format_func=labels.get)
            row = rows.loc[ident if ident in labels else next(iter(labels))]
            st.html(PREVIEW_CSS + f"<div>{evidence_html(row)}</div>")
            name = st.selectbox("Field", list(review.FIELD_LABELS), key="review_field",
                                format_func=review.FIELD_LABELS.get)  # fmt: skip
            current = review.current_value(row, name)
            shown = current or "(empty)"
            if name == "place" and pd.notna(row["place_resolved"]):
                shown = f"{row['place_resolved']} ({current})"
            st.text(f"Now: {shown}" if name != "not_event" else
                    "The row leaves the table (undo brings it back).")  # fmt: skip
            new = value_widget(name, current, str(row["event_id"]))
            note = st.text_input("Note (why)", key="review_note")
            if st.button("Save the correction", type="primary", icon=":material/save:",
                         key="review_save"):  # fmt: skip
                try:
                    made = review.correct_row(events, corrections, row.to_dict(), name, new,
                                              note=note)  # fmt: skip
                except DeploymapError as error:
                    st.error("The correction could not be made:")
                    st.text(str(error))
                else:
                    _say("review", "success", f"Saved correction {made.id}: "
                         f"{review.FIELD_LABELS[name]} of {made.key}")  # fmt: skip
                    st.rerun()
        corrections_list(events, corrections)


def value_widget(name: str, current: str, row_id: str) -> str:
    """The widget for a new value of *name* (starting at the *current* value of the row
    *row_id*); returns the value as a correction writes it."""
    from geo.explore import review

    if name == "not_event":
        return "yes"
    if name == "event_type":
        return st.selectbox("New type", list(EVENT_TYPES), format_func=EVENT_TYPE_LABELS.get,
                            key="review_type")  # fmt: skip
    if name == "force_size_qualifier":
        return st.selectbox("New qualifier", ["", *FORCE_QUALIFIERS], key="review_qualifier",
                            format_func=lambda q: q or "(none)")  # fmt: skip
    if name == "place":
        query = st.text_input(
            "Search the gazetteer", key="review_place_q",
            placeholder="e.g. Tacna, or xy:-18.01,-70.25 for a point",
        )  # fmt: skip
        if query.strip().startswith("xy:"):
            return query.strip()
        try:
            found = review.search_places(query) if query.strip() else []
        except DeploymapError as error:  # no gazetteer index here
            st.error("The gazetteer cannot be searched:")
            st.text(str(error))
            found = []
        if query.strip() and not found:
            st.caption("No place of that name in the gazetteer.")
        # one widget per search: a new search starts on its best match
        choice = st.selectbox("Place", [ident for ident, _ in found], format_func=dict(found).get,
                              key=f"review_place:{query.strip()}")  # fmt: skip
        return choice or ""
    label = {"date_start": "New start date (YYYY-MM-DD; empty: unknown)",
             "date_end": "New end date (YYYY-MM-DD; empty: none)",
             "force_size": "New count (a whole number; empty: none)",
             "actor": "New actor"}[name]  # fmt: skip
    return st.text_input(label, value=current, key=f"review_{name}:{row_id}")


def corrections_list(events: Path, corrections: Path) -> None:
    """The standing corrections (the latest first), each with an undo; orphans flagged."""
    from geo.explore import review
    from geo.table.corrections import read_corrections

    try:
        items = read_corrections(corrections)
    except DeploymapError as error:
        st.error("The corrections file cannot be read:")
        st.text(str(error))
        return
    standing = review.standing_corrections(items)
    if not standing:
        return
    st.markdown(f"**Corrections** ({len(standing)}):")
    for correction in reversed(standing[-20:]):
        text, action = st.columns([5, 1], vertical_alignment="center")
        old = correction.old if correction.field != "not_event" else ""
        text.text(f"{correction.time}  {review.FIELD_LABELS.get(correction.field)}: "
                  f"{old or '—'} → {correction.new}  ({correction.key})"
                  + (f"  {correction.note}" if correction.note else ""))  # fmt: skip
        if action.button("Undo", key=f"undo_{correction.id}", icon=":material/undo:"):
            try:
                done = review.undo(events, corrections, correction.id)
            except DeploymapError as error:
                _say("review", "error", f"Not undone.\n{error}")
            else:
                _say("review", "success" if done.restored else "warning", done.message)
            st.rerun()


@st.cache_resource(max_entries=2)
def _orphans(path: str, mtime: int, table_version: object, _table: pd.DataFrame) -> list:
    """:func:`geo.explore.review.orphan_corrections`, once per corrections file and table
    version (the table itself is not hashed)."""
    from geo.explore import review
    from geo.table.corrections import read_corrections

    return review.orphan_corrections(_table, read_corrections(path))


def orphans_panel(table: pd.DataFrame | None, table_version: object) -> None:
    """The corrections whose row is gone from the table (kept in the file, applied by no
    build): reported, never dropped."""
    path = config.corrections_path()
    if table is None or not path.exists():
        return
    try:
        orphans = _orphans(str(path), path.stat().st_mtime_ns, table_version, table)
    except DeploymapError:
        return
    if orphans:
        with st.container(border=True):
            st.warning(
                f"{len(orphans)} correction(s) in {path.name} match no row of the table (their "
                "event is gone); they are kept:", icon=":material/link_off:",
            )  # fmt: skip
            st.text("\n".join(f"{c.id}  {c.field} of {c.key} → {c.new}" for c in orphans[:20]))


# ---------------------------------------------------------------- import


def import_panel(events: Path) -> None:
    """An ACLED, UCDP GED or GDELT export added to the table (the back end of ``geo import``)."""
    from geo.importers import IMPORTERS, import_into

    with st.expander("Import ACLED, UCDP or GDELT", icon=":material/upload_file:",
                     expanded=_pending("import")):  # fmt: skip
        _message("import")
        dataset = st.selectbox("Dataset", sorted(IMPORTERS), key="import_dataset",
                               format_func=lambda d: SOURCE_LABELS.get(d, d))  # fmt: skip
        upload = st.file_uploader("Export file", type=IMPORT_TYPES, key="import_file")
        only = st.checkbox("Only deployment types (leave out 'other')", key="import_only")
        if st.button("Import", icon=":material/upload:", key="import_go", disabled=upload is None):
            suffix = "".join(Path(upload.name).suffixes[-2:]) or ".csv"
            with tempfile.TemporaryDirectory(prefix="deploymap-import-") as tmp:
                path = Path(tmp) / f"export{suffix}"
                path.write_bytes(upload.getvalue())
                try:
                    with st.spinner("Importing…"):
                        result, update = import_into(dataset, path, events, only_deployments=only)
                except DeploymapError as error:
                    _say("import", "error", f"Nothing was imported.\ndeploymap: error: {error}")
                else:
                    _say("import", "warning" if result.problems else "success",
                         f"{update.added:,} rows added ({update.replaced:,} replaced), "
                         f"{update.total:,} in the table.\n{result.summary()}")  # fmt: skip
            st.rerun()


# ---------------------------------------------------------------- the section


def writable_table(events: Path, *, demo: bool) -> str | None:
    """Why the page cannot write to *events* (None when it can)."""
    if demo:
        return "the synthetic demo is shown"
    if events.is_dir():
        return "the table is a Parquet dataset folder (python -m geo build --engine dask)"
    from geo.table.formats import TABLE_FORMATS

    if events.suffix.lower() not in TABLE_FORMATS:
        return f"{events.suffix} tables cannot be rewritten"
    return None


def analyst_panels(events: Path, rows: pd.DataFrame, table: pd.DataFrame | None,
                   *, demo: bool, version: object = None) -> None:  # fmt: skip
    """The analyst's section: add articles (a preview even read-only), then, when the page
    may write, review and correct and import; orphan corrections are reported in any mode."""
    read_only = read_only_mode()
    st.subheader("Analyst's tools", anchor=False)
    why_not = "read-only mode" if read_only else writable_table(events, demo=demo)
    if why_not:
        st.caption(f"Nothing can be written here ({why_not}): previews only.")
    orphans_panel(table, version)
    add_panel(events, writable=why_not is None, fetch=not read_only)
    if why_not is None:
        review_panel(events, rows)
        import_panel(events)
