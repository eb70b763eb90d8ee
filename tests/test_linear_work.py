"""Work that grows linearly with the input (issue 12, item 8 and the property it asks for):
sentence splitting, boilerplate removal, whitespace tidying and the article reader, measured
by operation counts (the lines of ``geo`` code run, every loop turn counted), never by
timings; and a hang detector for the regex rules (an alarm, not a timing bound), whose work
inside the regex engine no line count sees.

The property tests build adversarial inputs by repeating a random unit of tricky pieces
(space runs, ideographic spaces, periods, quotes, abbreviations, boilerplate, front matter,
HTML, comments) and check that 4x the input costs at most about 4x the operations."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from geo.extract.sentences import split_sentences
from geo.ingest.articles import iter_articles
from geo.ingest.boilerplate import clean_text, strip_boilerplate, tidy_whitespace

GEO = str(Path(__file__).resolve().parent.parent / "geo")


def count_work(func: Callable, *args) -> int:
    """How many lines of ``geo`` code run while ``func(*args)`` runs (each loop turn counts)."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(GEO):
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        func(*args)
    finally:
        sys.settrace(None)
    return count


def assert_linear(work: Callable[[int], int], sizes=(200, 400, 800)) -> None:
    """Doubling the input at most about doubles the work (2.5x allows fixed costs)."""
    counts = [work(n) for n in sizes]
    for small, big in zip(counts, counts[1:], strict=False):
        assert big <= 2.5 * small + 100, counts


@contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: a hang detector with a wide margin, not a timing assertion."""

    def hang(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: not linear")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    "text",
    [
        "Une phrase." + " " * 100_000 + "suite",
        "Une phrase." + " " * 100_000 + "« ",
        ("Fin. " + "\u3000" * 50) * 2_000 + "x",
        "Il part. " + "( " * 50_000,
    ],
    ids=["period+100k spaces", "period+100k spaces+quote", "ideographic runs", "brackets"],
)
def test_sentence_splitting_of_long_space_runs_does_not_hang(text: str) -> None:
    with alarm(20):
        spans = split_sentences(text)
    assert spans and all(text[s:e].strip() == text[s:e] for s, e in spans)


def test_sentence_splitting_keeps_its_rules() -> None:
    text = "M. Dupont part.   « Il revient », dit-il. Puis  il part.\u3000Fin"
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == ["M. Dupont part.", "« Il revient », dit-il.", "Puis  il part.", "Fin"]


def test_boilerplate_spreading_is_linear() -> None:
    # short questions before boilerplate are teasers, dropped one by one from the end: the
    # old `while changed` loop made one pass over every sentence for each of them
    def work(n: int) -> int:
        return count_work(strip_boilerplate, "Quoi ? " * n + "Abonnez-vous à notre newsletter.")

    assert_linear(work)
    news = "Les soldats de la Garde nationale arrivent ce mardi à Tacna, près de la frontière."
    assert strip_boilerplate(f"{news} " + "Quoi ? " * 50 + "Abonnez-vous ici.") == news


def test_dropping_boilerplate_across_many_lines_is_linear() -> None:
    def work(n: int) -> int:
        text = "\n".join(
            "Abonnez-vous à notre newsletter." if i % 2 else f"Les soldats sont {i} ce jour-là."
            for i in range(n)
        )
        return count_work(strip_boilerplate, text)

    assert_linear(work)


def test_ideographic_space_runs_are_tidied() -> None:
    assert tidy_whitespace("a\u3000\u3000\u3000b \u3000 c\u2003\u2003d") == "a b c d"
    text, _meta = clean_text("Les soldats\u3000\u3000\u3000\u3000arrivent à Tacna.")
    assert text == "Les soldats arrivent à Tacna."


# --- property: adversarial inputs of growing size, linear work ----------------------------------

PIECES = [
    ".", ". ", "  ", " " * 40, "\u3000", "\u3000" * 20, "\t", "\n", "\n\n", "\r\n", "«", "»",
    "(", "[", "M.", "U.S.", "St.", "…", "?", "! ", "Quoi ? ", "Le ", "Pérou", "É", "a", "1.200",
    "Abonnez-vous à notre newsletter.", "Lire aussi", "---\n", "title: x\n", "<div>", "</div>",
    "<p ", 'a="x" ', "<!--", "-->", "<script>", "&amp;", "\u00a0", "\u200b", "\ufffd",
]  # fmt: skip
UNITS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking or explaining under the tracer
    suppress_health_check=[HealthCheck.too_slow],
)


def _read_file(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    list(iter_articles([path]))


def _work_grows_linearly(func: Callable[[str], object], unit: str) -> None:
    sizes = (40, 160)  # 4x the input
    small, big = (count_work(func, unit * n) for n in sizes)
    assert big <= 4.8 * small + 3_000, (unit, small, big)


@PROPERTY
@given(UNITS)
@example(". " + " " * 40)
@example("M. \u3000« ")
def test_the_sentence_splitter_does_linear_work_on_adversarial_input(unit: str) -> None:
    _work_grows_linearly(split_sentences, unit)


@PROPERTY
@given(UNITS)
@example("Quoi ? ")  # teasers before boilerplate: the old spreading loop was quadratic
@example("Quoi ? \n")
def test_text_cleaning_does_linear_work_on_adversarial_input(unit: str) -> None:
    _work_grows_linearly(clean_text, unit)


@PROPERTY
@given(UNITS, st.sampled_from([".txt", ".html", ".md"]))
def test_the_reader_does_linear_work_on_adversarial_files(
    tmp_path_factory: pytest.TempPathFactory, unit: str, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("read")
    _work_grows_linearly(lambda text: _read_file(folder / f"a{suffix}", text), unit)


@PROPERTY
@given(UNITS)
def test_the_manifest_reader_does_linear_work_on_adversarial_rows(
    tmp_path_factory: pytest.TempPathFactory, unit: str
) -> None:
    folder = tmp_path_factory.mktemp("manifest")

    def read(text: str) -> None:
        chunks = [text[i : i + 200] for i in range(0, len(text), 200)]  # rows of 200 chars
        rows = (json.dumps({"id": f"r{i}", "text": f"{c} {i}"}) for i, c in enumerate(chunks))
        _read_file(folder / "m.jsonl", "\n".join(rows) + "\n")

    _work_grows_linearly(read, unit)
