"""Command line: ``python -m geo`` or ``deploymap``.

Sub-commands: ``index`` (build the offline gazetteer), ``geocode`` (one place name),
``geoparse`` (every place in a text, as JSON), ``build`` (articles -> events table), ``import``
(an ACLED, UCDP GED or GDELT export added to an events table), ``correct`` (an analyst's
correction of a row, kept in ``data/corrections.csv`` and applied by every build).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from geo import config
from geo.exc import ConfigurationError, DeploymapError

DEFAULT_ARTICLES = Path("data/articles")
DEFAULT_EVENTS = Path("data/events.csv")
DEFAULT_DATASET = Path("data/events.parquet")


def _cmd_index(args: argparse.Namespace) -> int:
    from geo.gazetteer.build import build_index

    path = build_index(force=args.force)
    print(f"gazetteer index ready: {path}")
    return 0


def _cmd_geocode(args: argparse.Namespace) -> int:
    from geo.geocoders import OfflineGeocoder

    geocoder = OfflineGeocoder()
    country_codes = args.country.split(",") if args.country else None
    found = geocoder.geocode(args.query, exactly_one=False, country_codes=country_codes)
    results = [{"address": loc.address, **loc.raw} for loc in (found or [])][: args.limit]
    print(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    return 0 if results else 1


def _cmd_geoparse(args: argparse.Namespace) -> int:
    from geo.extract.geoparse import geoparse
    from geo.ingest.articles import read_article_file

    article = read_article_file(Path(args.file))
    places = geoparse(article.text, lang=args.lang or article.lang)
    print(json.dumps(places, ensure_ascii=False, indent=2, default=str))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    inputs = [Path(p) for p in (args.inputs or [DEFAULT_ARTICLES])]
    if args.engine == "dask" or (args.out and Path(args.out).is_dir()):
        # a month-partitioned Parquet dataset, grown incrementally
        from geo.batch.build import build_dataset

        report = build_dataset(
            inputs,
            out=Path(args.out or DEFAULT_DATASET),
            engine=args.engine,
            scheduler=args.scheduler,
            workers=args.workers,
            force=args.force,
            progress=not args.quiet,
            allow_outside=args.allow_outside,
        )
    else:
        from geo.batch.build import build

        report = build(
            inputs,
            out=Path(args.out or DEFAULT_EVENTS),
            force=args.force,
            progress=not args.quiet,
            cache=Path(args.cache) if args.cache else None,
            allow_outside=args.allow_outside,
        )
    print(report.summary(), file=sys.stderr)
    return 0 if not report.skipped else 3


def _cmd_import(args: argparse.Namespace) -> int:
    from geo.importers import import_into

    result, update = import_into(
        args.dataset, Path(args.file), Path(args.out), only_deployments=args.only_deployments
    )
    print(result.summary(), file=sys.stderr)
    print(
        f"{update.out}: {update.added:,} rows added ({update.replaced:,} replaced), "
        f"{update.total:,} in the table",
        file=sys.stderr,
    )
    return 3 if result.problems else 0


def _cmd_add(args: argparse.Namespace) -> int:
    from geo.batch.add import add_articles, preview_rows
    from geo.ingest.articles import make_article, read_article_file
    from geo.ingest.fetch import fetch_article

    articles = []
    for source in args.sources:
        if source.startswith(("http://", "https://")):
            article = fetch_article(source, timeout=args.timeout)
        elif source == "-":
            text = sys.stdin.read()
            digest = hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:12]
            article = make_article(f"pasted-{digest}", text)
        else:
            article = read_article_file(Path(source))
        article.lang = args.lang or article.lang
        article.published = args.published or article.published
        articles.append(article)
    if args.preview:
        for article in articles:
            rows = preview_rows(article)
            print(f"{article.article_id}: {len(rows)} row(s)", file=sys.stderr)
            for row in rows:
                print(f"  {row['event_type']}\t{row['place']} -> {row['place_resolved']}"
                      f" [{row['country_code'] or ''}]\t{row['date_start'] or ''}")  # fmt: skip
        return 0
    report = add_articles(articles, args.corpus, args.out, progress=False)
    print(report.summary(), file=sys.stderr)
    return 3 if report.skipped else 0


def _cmd_correct(args: argparse.Namespace) -> int:
    from geo.table.corrections import (
        add_correction,
        apply_corrections,
        read_corrections,
        undo_correction,
    )

    path = Path(args.corrections)
    if args.undo:
        made = undo_correction(path, args.undo, note=args.note or "")
        print(f"{path}: undid {args.undo} ({made.id})", file=sys.stderr)
        return 0
    if args.key:
        if not (args.field and args.new is not None):
            raise ConfigurationError("a correction needs --field and --new")
        made = add_correction(path, args.key, args.field, args.new, old=args.old or "",
                              note=args.note or "")  # fmt: skip
        print(f"{path}: added {made.id} ({made.field} of {made.key})", file=sys.stderr)
        return 0
    corrections = read_corrections(path)
    orphans: set[str] = set()
    if args.table:
        from geo.table.formats import read_events

        applied = apply_corrections(read_events(args.table), corrections)
        orphans = {c.id for c in applied.orphans}
    for c in corrections:
        flag = "  (matches no row)" if c.id in orphans else ""
        print(f"{c.id}\t{c.time}\t{c.field}\t{c.key}\t{c.old!r} -> {c.new!r}\t{c.note}{flag}")
    return 3 if orphans else 0


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``deploymap`` command."""
    parser = argparse.ArgumentParser(
        prog="deploymap",
        description="Map military and security deployments reported in the news.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("index", help="build the offline gazetteer index (once)")
    p.add_argument("--force", action="store_true", help="rebuild even if the index is current")
    p.set_defaults(func=_cmd_index)

    p = sub.add_parser("geocode", help="look up one place name in the offline gazetteer")
    p.add_argument("query")
    p.add_argument("--country", help="comma-separated ISO codes that give context, e.g. PE")
    p.add_argument("--limit", type=int, default=5)
    p.set_defaults(func=_cmd_geocode)

    p = sub.add_parser("geoparse", help="print every resolved place of an article as JSON")
    p.add_argument("file", help="a .txt/.md/.html article")
    p.add_argument("--lang", help="language of the text (default: from the file or 'fr')")
    p.set_defaults(func=_cmd_geoparse)

    p = sub.add_parser("build", help="turn articles into the geocoded events table")
    p.add_argument("inputs", nargs="*", help=f"files or folders (default: {DEFAULT_ARTICLES})")
    p.add_argument(
        "--out",
        help=f".csv, .parquet or .geojson (default: {DEFAULT_EVENTS}); with --engine dask or an"
        f" existing folder, a month-partitioned Parquet dataset (default: {DEFAULT_DATASET})",
    )
    p.add_argument("--force", action="store_true", help="reprocess every article")
    p.add_argument(
        "--cache",
        help="per-article cache folder (default: <DEPLOYMAP_CACHE or data/cache>/articles)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--allow-outside",
        action="store_true",
        help="read files outside the input folders (symlinks leading out, manifest 'file' "
        "paths with '..' or absolute); refused by default",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this process (default); dask: a Dask cluster, output a Parquet dataset",
    )
    p.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster)")
    p.add_argument("--workers", type=int, help="LocalCluster worker processes (default: CPUs)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "import",
        help="add an ACLED, UCDP GED or GDELT export to an events table",
        description="Map a dataset export into the events table and add it to TABLE (created"
        " if missing; rows of the same dataset id are replaced). Exit 3 when records were"
        " refused (each reported with its line number), 2 when the file cannot be read.",
    )
    p.add_argument("dataset", choices=("acled", "ucdp", "gdelt"))
    p.add_argument(
        "file", help="the export: CSV (ACLED, UCDP) or tab-separated (GDELT), plain, .zip or .gz"
    )
    p.add_argument(
        "--out",
        default=str(DEFAULT_EVENTS),
        help=f"events table .csv, .parquet or .geojson (default: {DEFAULT_EVENTS})",
    )
    p.add_argument(
        "--only-deployments",
        action="store_true",
        help="leave out the rows whose type maps to 'other'",
    )
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser(
        "add",
        help="add articles (URLs, files or '-' for pasted text) to a corpus and rebuild",
        description="Fetch or read each article, save it into the corpus folder with its front"
        " matter and rebuild the table incrementally (--preview: show the rows, write nothing)."
        " URLs are fetched with a timeout and the article size limit.",
    )
    p.add_argument("sources", nargs="+", help="http(s) URLs, .txt/.md/.html files, or '-'")
    p.add_argument("--corpus", default=str(DEFAULT_ARTICLES), help="the corpus folder")
    p.add_argument("--out", default=str(DEFAULT_EVENTS), help="the table to rebuild")
    p.add_argument("--preview", action="store_true", help="print the rows, write nothing")
    p.add_argument("--lang", help="the articles' language (fr, es, en)")
    p.add_argument("--published", help="publication date YYYY-MM-DD when the page has none")
    p.add_argument("--timeout", type=float, default=15.0, help="seconds a fetch may take")
    p.set_defaults(func=_cmd_add)

    p = sub.add_parser(
        "correct",
        help="record a correction of the events table (applied by every build)",
        description="Append a correction to the corrections file (--key/--field/--new), undo"
        " one (--undo ID), or list them (no option; with --table, those that match no row of"
        " TABLE are flagged and the exit code is 3). A row's key is 'article|start-end|type'"
        " (see geo.table.corrections.row_key).",
    )
    p.add_argument("--key", help="the row's key: ARTICLE|START-END|EVENT_TYPE")
    p.add_argument("--field", help="place, event_type, date_start, date_end, force_size, "
                   "force_size_qualifier, actor or not_event")  # fmt: skip
    p.add_argument("--new", help="the new value (place: gn:<id>, adm1:<code> or xy:LAT,LON)")
    p.add_argument("--old", help="the value it replaces (kept for the record)")
    p.add_argument("--note", help="why")
    p.add_argument("--undo", metavar="ID", help="cancel the correction ID")
    p.add_argument("--table", help="with no correction to add: flag corrections of no row")
    p.add_argument("--corrections", default=str(config.corrections_path()),
                   help="the corrections file (default: $DEPLOYMAP_CORRECTIONS or "
                   "data/corrections.csv)")  # fmt: skip
    p.set_defaults(func=_cmd_correct)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 nothing found, 2 error, 3 skipped).

    2 covers every :class:`~geo.exc.DeploymapError`, e.g. a build refused because another
    build holds the output's lock (:class:`~geo.exc.BuildLocked`), or an output that cannot
    be written (:class:`~geo.exc.OutputError`: disk full, read-only folder).
    """
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except DeploymapError as error:
        print(f"deploymap: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a write error met outside geo.io (a library's own file)
        from geo.io import WRITE_ERRNOS

        if error.errno not in WRITE_ERRNOS:
            raise
        print(f"deploymap: error: cannot write: {error}", file=sys.stderr)
        return 2
