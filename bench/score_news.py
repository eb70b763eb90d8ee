"""Extraction score on hand-annotated real news (issue 14): the events an analyst would map.

Run::

    .venv/bin/python bench/score_news.py GOLD.jsonl [GOLD2.jsonl ...] --texts DIR \
        [--lang es] [--show N] [--no-ner]

Each gold line is one article (``id, url, language, published, main_country, events,
not_places``; see ``bench/real_news/README.md``); its text is ``DIR/<id>.txt``. The texts are
news pages under their publishers' copyright, so they stay out of git: the gold keeps the URL.

Every article goes through the extractor as the build runs it (``Extractor.rows``). Then:

- **places found**: gold events with at least one row within the event's ``tolerance_km``;
- **rows near no reported place**: rows farther than every gold event's tolerance;
- **non-place rows**: rows whose place text is one of the article's ``not_places``
  (people, organisations, media, ships, datelines, nationalities);
- on the found events, with the nearest row (a row of the gold type preferred): **type**
  right; **date** right where the gold gives one (at the gold's precision: day or month);
  **count** attached (the row's ``place_force_size``, the troops it states for that place,
  equals the gold count) where the gold gives one.

A row's distance is from its point; from a gold border (``kind`` border), a border row's
(``geometry_wkt``, a line) is from the nearest vertex of its line: the row stands for the
whole border, its point is only where the map draws its marker.

Figures are printed per language and overall; ``--show N`` prints N misses and stray rows.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import add_repo_to_path, great_circle_km, share  # noqa: E402

add_repo_to_path()


def load_gold(paths: list[Path], texts: Path) -> list[dict]:
    """Gold articles with their text; an article whose text file is missing is reported."""
    articles = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            text_file = texts / f"{item['id']}.txt"
            if not text_file.exists():
                print(f"  {path.name}:{number}: no text {text_file}", file=sys.stderr)
                continue
            item["text"] = text_file.read_text(encoding="utf-8")
            articles.append(item)
    return articles


def row_km(row: dict, event: dict) -> float:
    """How far a row lies from a gold event: from its point; for a border row and a gold
    border, from its line (the row is the whole line: its point is one of thousands of km).
    A border row finds no town or region on its line: it does not say which."""
    from geo.gazetteer.borders import line_parts

    lat, lon = event["lat"], event["lon"]
    km = great_circle_km(row["latitude"], row["longitude"], lat, lon)
    if event.get("kind") != "border":
        return km
    for part in line_parts(row.get("geometry_wkt") or ""):
        km = min(km, min(great_circle_km(p_lat, p_lon, lat, lon) for p_lat, p_lon in part))
    return km


def _date_right(gold: str | None, row_date: str | None) -> bool:
    if not gold:
        return True
    return bool(row_date) and row_date[: len(gold)] == gold


class Tally:
    """Counters of one group of articles (a language, or all)."""

    def __init__(self) -> None:
        self.gold = self.found = self.rows = self.stray = self.non_place = 0
        self.typed = self.type_right = 0
        self.dated = self.date_right = 0
        self.counted = self.count_right = 0
        self.articles = self.empty = 0
        self.confusion: Counter = Counter()  # (gold type, row type) of found places

    def report(self, name: str) -> None:
        print(f"\n{name}: {self.articles} articles, {self.gold} gold places, {self.rows} rows")
        print(f"  places found          {share(self.found, self.gold)}")
        print(f"  rows near no place    {share(self.stray, self.rows)}")
        print(f"  non-place rows        {self.non_place}")
        print(f"  type right (found)    {share(self.type_right, self.typed)}")
        print(f"  date right (given)    {share(self.date_right, self.dated)}")
        print(f"  count attached        {share(self.count_right, self.counted)}")
        print(f"  articles with no row  {self.empty}")
        wrong = [(k, n) for k, n in self.confusion.most_common() if k[0] != k[1]]
        if wrong:
            print("  type confusions (gold -> row): " + ", ".join(
                f"{g} -> {r} {n}" for (g, r), n in wrong[:6]))  # fmt: skip


def score(articles: list[dict], extractor, show: int) -> dict[str, Tally]:
    from geo.ingest.articles import Article

    tallies: dict[str, Tally] = defaultdict(Tally)
    misses: list[str] = []
    strays: list[str] = []
    for item in articles:
        lang = item.get("language")
        article = Article(
            article_id=item["id"],
            text=item["text"],
            url=item.get("url"),
            published=item.get("published"),
            lang=lang,
        )
        rows = extractor.rows(article)
        events = item.get("events", [])
        not_places = {p.casefold() for p in item.get("not_places", [])}
        for tally in (tallies[lang or "?"], tallies["all"]):
            tally.articles += 1
            tally.gold += len(events)
            tally.rows += len(rows)
            tally.empty += not rows
        for row in rows:
            near = any(row_km(row, e) <= e.get("tolerance_km", 25) for e in events)
            bad_name = (row.get("place") or "").casefold() in not_places
            for tally in (tallies[lang or "?"], tallies["all"]):
                tally.stray += not near
                tally.non_place += bad_name
            if not near and len(strays) < show:
                strays.append(
                    f"  {item['id']}: row {row.get('place')!r} -> {row.get('place_resolved')} "
                    f"[{row.get('country_code')}] {row.get('event_type')}"
                )
        for event in events:
            tolerance = event.get("tolerance_km", 25)
            close = [(row_km(r, event), r) for r in rows]
            close = [(d, r) for d, r in close if d <= tolerance]
            groups = (tallies[lang or "?"], tallies["all"])
            if not close:
                if len(misses) < show:
                    misses.append(
                        f"  {item['id']}: missed {event['place']!r} ({event.get('kind')}, "
                        f"{event.get('type')})"
                    )
                continue
            close.sort(key=lambda dr: (dr[1]["event_type"] != event.get("type"), dr[0]))
            best = close[0][1]
            if best["event_type"] != event.get("type") and len(misses) < show:
                misses.append(
                    f"  {item['id']}: {event['place']!r} typed {best['event_type']}, "
                    f"gold {event.get('type')}"
                )
            if event.get("count") and len(misses) < show:
                given = sorted({r.get("place_force_size") for _, r in close} - {None})
                if event["count"] not in given:
                    misses.append(
                        f"  {item['id']}: {event['place']!r} count {event['count']}, "
                        f"rows give {given or 'none'}"
                    )
            if event.get("date_start") and len(misses) < show:
                dates = sorted({str(r.get("date_start") or "")[:10] for _, r in close} - {""})
                if not any(_date_right(event["date_start"], d) for d in dates):
                    misses.append(
                        f"  {item['id']}: {event['place']!r} date {event['date_start']}, "
                        f"rows give {dates or 'none'}"
                    )
            for tally in groups:
                tally.found += 1
                tally.typed += 1
                tally.type_right += best["event_type"] == event.get("type")
                tally.confusion[(event.get("type"), best["event_type"])] += 1
                if event.get("date_start"):
                    tally.dated += 1
                    tally.date_right += any(
                        _date_right(event["date_start"], r.get("date_start")) for _, r in close
                    )
                if event.get("count"):
                    tally.counted += 1
                    tally.count_right += any(
                        r.get("place_force_size") == event["count"] for _, r in close
                    )
    if show:
        print("\nmissed places:")
        print("\n".join(misses) or "  none")
        print("\nrows near no reported place:")
        print("\n".join(strays) or "  none")
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--texts", type=Path, required=True, help="folder of <id>.txt")
    parser.add_argument("--lang", help="only articles in this language")
    parser.add_argument(
        "--show", type=int, default=0, help="print N misses, stray rows and wrongly typed places"
    )
    parser.add_argument("--no-ner", action="store_true", help="gazetteer and rules only")
    args = parser.parse_args(argv)

    from geo.extract.document import Extractor

    articles = load_gold(args.gold, args.texts)
    if args.lang:
        articles = [a for a in articles if a.get("language") == args.lang]
    extractor = Extractor(ner=(lambda lang: None) if args.no_ner else None)
    t0 = time.perf_counter()
    tallies = score(articles, extractor, args.show)
    print(f"\nscored {len(articles)} articles in {time.perf_counter() - t0:.1f} s")
    for name in sorted(tallies, key=lambda n: (n == "all", n)):
        tallies[name].report(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
