"""Fuzzing the text-facing functions (issue 6): any Unicode, no unexpected exception, no hang.

``tests/test_dates.py``, ``test_counts.py``, ``test_articles.py`` and ``test_filters.py`` already
run plain ``st.text()`` through ``find_dates``, ``find_force_sizes``, ``parse_front_matter`` and
the URL parser. These add what they miss: *news-like* text (trigger words, numbers, months,
borders mixed with arbitrary Unicode, so the regexes' deep paths run), ``geoparse``, the event
type and actor rules, article decoding/cleaning/HTML extraction, the URL parser with a table's
options and arbitrary keys, and a catastrophic-backtracking check on long adversarial inputs.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.exc import ArticleError
from geo.explore.filters import Filters, filter_options, filters_from_query_params
from geo.extract.counts import find_force_sizes
from geo.extract.dates import find_dates, parse_published
from geo.extract.event_types import classify_sentence, find_actors
from geo.extract.geoparse import geoparse
from geo.ingest.articles import make_article
from geo.ingest.boilerplate import clean_text
from geo.ingest.decode import decode_bytes
from geo.ingest.front_matter import parse_front_matter
from geo.ingest.html import extract_html
from geo.synthetic.events import synthetic_events

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "frontière", "frontera", "border", "soldats", "soldados", "troops", "militaires", "déployé",
    "desplegó", "deployed", "état d'urgence", "estado de emergencia", "state of emergency",
    "Tacna", "Pérou", "Chili", "Honduras", "Nicaragua", "México", "Haïti", "Garde nationale",
    "Fuerzas Armadas", "US Army", "le", "la", "de", "à", "avec", "entre", "et", "y", "the",
    "1.200", "3 000", "2,500", "quelque", "près de", "plus de", "unos", "about", "un millier",
    "le 12 mars", "du 3 au 5 avril", "mars 2024", "2024-03-12", "12/03/2024", "lundi",
    "pendant 30 jours", "durante 60 días", "for 90 days", "1er", "mi-mai", "fin juin",
    "Sept.", "---", ":", "\n", "\n\n", "«", "»", "’", "-", "–", ".", ",", ";", "(", ")", "<p>",
    "&amp;", "\u00a0", "\u202f", "\u200b", "\ufeff", "\x00", "\u2028", "🙂", "ß", "İ", "ﬁ",
]  # fmt: skip
NEWSY = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60).map(" ".join)
LANGS = st.sampled_from(["fr", "es", "en", "de", "", "xx"])
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _in_bounds(items, text: str) -> None:
    for item in items:
        assert 0 <= item.start <= item.end <= len(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NEWSY, st.text(max_size=300)).map(lambda t: t[:300]), LANGS)
def test_geoparse_never_raises(text: str, lang: str) -> None:
    places = geoparse(text, lang=lang or None)
    for place in places:
        assert 0 <= place["start"] < place["end"] <= len(text)
        assert -90 <= place["latitude"] <= 90 and -180 <= place["longitude"] <= 180


@FAST
@given(NEWSY, LANGS)
def test_rules_never_raise_on_news_like_text(text: str, lang: str) -> None:
    dates = find_dates(text, lang=lang or None)
    _in_bounds(dates, text)
    assert all(text[d.start : d.end] == d.text for d in dates)
    _in_bounds(find_force_sizes(text, lang=lang), text)
    for hit in classify_sentence(text, lang=lang):
        assert isinstance(hit.event_type, str)
    assert isinstance(find_actors(text, lang=lang), list)
    parse_published(text[:40])


@FAST
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["---", "...", "title: x", "lang: fr", "  suite", "# c", ":", ""]),
            st.text(max_size=20),
        ),
        max_size=12,
    ).map("\n".join),
    st.booleans(),
)
def test_front_matter_like_blocks(text: str, bom: bool) -> None:
    text = ("\ufeff" if bom else "") + "---\n" + text
    meta, body = parse_front_matter(text)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items())
    assert body in text


@FAST
@given(st.binary(max_size=300))
def test_decode_bytes_gives_text_or_article_error(data: bytes) -> None:
    with contextlib.suppress(ArticleError):
        assert isinstance(decode_bytes(data), str)


@FAST
@given(st.one_of(NEWSY, st.text(max_size=300)), st.dictionaries(st.text(max_size=8),
       st.text(max_size=20), max_size=4))  # fmt: skip
def test_make_article_gives_an_article_or_article_error(text: str, meta: dict) -> None:
    try:
        article = make_article("fuzz", text, meta)
    except ArticleError:
        return
    assert article.text.strip() and article.content_hash
    assert clean_text(text)[0] == article.text


@FAST
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<style>", "<iframe>",
                             "<article>", "<br>", "&amp;", "&#x27;", "&", "<!--", "-->",
                             '<meta property="og:title" content="', '">', "<", ">"]),
            NEWSY,
        ),
        max_size=20,
    ).map("".join)
)  # fmt: skip
def test_extract_html_never_raises(html: str) -> None:
    text, meta = extract_html(html)
    assert isinstance(text, str) and all(isinstance(v, str) for v in meta.values())


@pytest.fixture(scope="module")
def options():
    return filter_options(synthetic_events(200, seed=5))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(["type", "from", "to", "country", "actor", "min_force", "q",
                                   "undated", "lat", "lon", "zoom", "place"]), st.text()),
        st.one_of(st.text(), st.lists(st.one_of(st.text(), NEWSY), max_size=5),
                  st.sampled_from(["nan", "inf", "-1e309", "1e999", "2024-02-30", "0x10",
                                   "١٢٣", "²", "9" * 400, ",,,,", "PE,CL,,pe"])),
        max_size=8,
    )
)  # fmt: skip
def test_url_params_with_table_options_never_raise(options, params) -> None:
    filters, notices = filters_from_query_params(params, options)
    assert isinstance(filters, Filters)
    assert all(isinstance(n, str) and len(n) < 500 for n in notices)


# --- catastrophic backtracking ----------------------------------------------------------------

ADVERSARIAL = {
    "a*5000": "a" * 5000,
    "1.*3000": "1." * 3000,
    "1 *3000": "1 " * 3000,
    "0*5000": "0" * 5000,
    "frontière*1000": "frontière " * 1000,
    "à la frontière avec le*300": "à la frontière avec le " * 300,
    "de *3000": "de " * 3000,
    "soldats 1.000*800": "soldats 1.000 " * 800,
    "le 1er mars*600": "le 1er mars " * 600,
    "12/*2000": "12/" * 2000,
    "-*5000": "-" * 5000,
    ":\\n*3000": ":\n" * 3000,
    "---\\n*2000": "---\n" * 2000,
    "space*5000+x": " " * 5000 + "x",
    "Garde nationale *500": "Garde nationale " * 500,
    "<p>*2000": "<p>" * 2000,
    "newsletter*800": "newsletter abonnez-vous " * 400,
}
PROBE = """
import json, signal, sys, time
from geo.ingest.boilerplate import clean_text
from geo.ingest.front_matter import parse_front_matter
from geo.ingest.html import extract_html
from geo.extract.counts import find_force_sizes
from geo.extract.dates import find_dates
from geo.extract.event_types import classify_sentence, find_actors
from geo.explore.filters import filters_from_query_params
from geo.extract.geoparse import geoparse

FUNCS = {
    "find_dates": lambda t: find_dates(t, lang="fr"),
    "find_dates_es": lambda t: find_dates(t, lang="es"),
    "find_force_sizes": lambda t: find_force_sizes(t, lang="fr"),
    "find_force_sizes_en": lambda t: find_force_sizes(t, lang="en"),
    "classify_sentence": lambda t: classify_sentence(t, lang="fr"),
    "find_actors": lambda t: find_actors(t, lang="fr"),
    "parse_front_matter": parse_front_matter,
    "clean_text": clean_text,
    "extract_html": extract_html,
    "filters_from_query_params": lambda t: filters_from_query_params(
        {"q": t, "type": t[:500], "from": t[:200], "country": t[:300]}),
    "geoparse": lambda t: geoparse(t[:3000], lang="fr"),
}
ALARM = int(sys.argv[1])

def hang(signum, frame):
    raise TimeoutError

signal.signal(signal.SIGALRM, hang)
geoparse("Tacna")  # load the models before timing
inputs = json.loads(sys.stdin.read())
out = {}
for name, func in FUNCS.items():
    for label, text in inputs.items():
        started = time.perf_counter()
        signal.alarm(ALARM)
        try:
            func(text)
            outcome = "ok"
        except TimeoutError:
            outcome = "HANG"
        except Exception as error:
            outcome = f"{type(error).__name__}: {error}"[:200]
        finally:
            signal.alarm(0)
        out[f"{name} | {label}"] = [outcome, round(time.perf_counter() - started, 3)]
print(json.dumps(out))
"""


@pytest.mark.slow
def test_no_catastrophic_backtracking_on_adversarial_inputs() -> None:
    """Each function on each long adversarial input, in a subprocess under a generous alarm
    (20 s per call; a hang detector, not a timing assertion)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "20"],
        input=json.dumps(ADVERSARIAL),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    slowest = sorted(report.items(), key=lambda kv: -kv[1][1])[:5]
    print("slowest:", slowest)
    bad = {k: v for k, v in report.items() if v[0] != "ok"}
    assert not bad, bad
