"""The per-article time budget (issue 12, item 8): an article that takes longer than
``DEPLOYMAP_ARTICLE_SECONDS`` to read or to extract is skipped with a reason, and the rest
of the batch goes on. The clock is a fake one: no test waits and none measures time."""

from __future__ import annotations

import pytest

import geo.budget
from geo import config
from geo.batch.build import build
from geo.exc import ArticleTimeout, ConfigurationError
from geo.extract.sentences import split_sentences
from geo.ingest import boilerplate
from geo.ingest.articles import Article, Skipped, iter_articles

SLOW = "LENTEUR"
NEWS = "Le Pérou déploie 300 soldats à Tacna, à la frontière avec le Chili, ce mardi matin."


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A fake clock for the budget: ``clock[0]`` is the time; tests move it on."""
    now = [0.0]
    monkeypatch.setattr(geo.budget, "monotonic", lambda: now[0])
    monkeypatch.setenv(config.ARTICLE_SECONDS_ENV, "30")
    return now


def test_an_article_that_is_slow_to_clean_is_skipped_with_a_reason(tmp_path, clock, monkeypatch):
    real = boilerplate.is_boilerplate

    def slow_is_boilerplate(sentence: str) -> bool:
        if SLOW in sentence:
            clock[0] += 1000  # as if this sentence took 1000 s
        return real(sentence)

    monkeypatch.setattr(boilerplate, "is_boilerplate", slow_is_boilerplate)
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{NEWS} {SLOW} ici.", encoding="utf-8")
    (tmp_path / "c.txt").write_text(f"{NEWS} Encore.", encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    assert [i.article_id for i in items if isinstance(i, Article)] == ["a", "c"]
    [skipped] = [i for i in items if isinstance(i, Skipped)]
    assert skipped.article_id == "b"
    assert "b.txt" in skipped.reason and "time budget (30 s" in skipped.reason
    assert "DEPLOYMAP_ARTICLE_SECONDS" in skipped.reason


class SlowExtractor:
    """Sentences only; a text with SLOW costs 1000 s of the fake clock before splitting."""

    def __init__(self, clock: list[float]) -> None:
        self.clock = clock

    def analyse(self, text: str, lang: str | None = None) -> dict:
        if SLOW in text:
            self.clock[0] += 1000
        return {"sentences": split_sentences(text)}

    def rows(self, article, analysis=None) -> list[dict]:
        return []


def test_an_article_that_is_slow_to_extract_is_skipped_and_the_build_goes_on(tmp_path, clock):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in (("a", NEWS), ("b", f"{NEWS} {SLOW}."), ("c", f"{NEWS} Fin.")):
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    report = build(
        [corpus], out=tmp_path / "events.csv", progress=False, cache=tmp_path / "cache",
        extractor=SlowExtractor(clock),
    )  # fmt: skip
    assert report.articles == 3 and report.processed == 2
    [(name, reason)] = report.skipped
    assert name == "b" and "time budget" in reason and "splitting sentences" in reason
    assert (tmp_path / "events.csv").exists()


def test_every_stage_of_the_extractor_checks_the_budget(clock):
    from geo.extract.document import Document, Extractor

    extractor = Extractor.__new__(Extractor)  # no models: the first stage never runs
    extractor.stages = [("normalise", lambda doc: doc)]
    with geo.budget.article_budget(), pytest.raises(ArticleTimeout, match="normalise stage"):
        clock[0] += 31
        extractor.run(Document(text=NEWS))


def test_the_budget_setting(monkeypatch):
    assert config.article_seconds({}) == config.DEFAULT_ARTICLE_SECONDS
    assert config.article_seconds({config.ARTICLE_SECONDS_ENV: "2.5"}) == 2.5
    assert config.article_seconds({config.ARTICLE_SECONDS_ENV: "0"}) is None
    assert config.article_seconds({config.ARTICLE_SECONDS_ENV: "off"}) is None
    for bad in ("soon", "-1", "inf", "nan"):
        with pytest.raises(ConfigurationError):
            config.article_seconds({config.ARTICLE_SECONDS_ENV: bad})


def test_a_bad_budget_setting_stops_the_build_before_any_article(tmp_path, monkeypatch):
    monkeypatch.setenv(config.ARTICLE_SECONDS_ENV, "soon")
    out = tmp_path / "events.csv"
    out.write_text("kept", encoding="utf-8")
    with pytest.raises(ConfigurationError):
        build([tmp_path / "nothing"], out=out, progress=False, extractor=SlowExtractor([0.0]))
    assert out.read_text(encoding="utf-8") == "kept"


def test_no_budget_outside_a_build(clock):
    clock[0] += 10**9
    assert split_sentences(NEWS)  # no article_budget block: nothing to spend
