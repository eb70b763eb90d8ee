"""Bad input, case by case (issue 6): what ``build()`` and ``geoparse`` do with each.

One build runs over a folder holding every bad case beside good articles; each test then checks
one case of the matrix: skipped with a (file, reason) pair, or processed right. The manifest and
table cases have their own small tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from geo.batch.build import BuildReport, build
from geo.cli import main
from geo.exc import ArticleError, GeocoderQueryError, SchemaError, TableReadError
from geo.extract.geoparse import geoparse
from geo.ingest.articles import Article, Skipped, iter_articles
from geo.table.formats import read_events, write_events

GOOD = """---
source: Test Wire
lang: fr
published: 2024-03-15
---
Le gouvernement péruvien a décrété l'état d'urgence à Tacna et a annoncé le déploiement \
de 300 soldats à la frontière avec le Chili le 12 mars.
"""
SENTENCE = "Le Honduras a déployé 1.200 militaires à la frontière avec le Nicaragua. "
FRENCH = "L'armée a déployé 400 soldats à Tumbes, près de la frontière avec l'Équateur, en été."
HTML = """<!doctype html><html lang="fr"><head><title>Armée &amp; frontière</title>
<style>p { color: red } .Lima { display: none }</style>
<script>alert("Caracas"); window.__xss = 1;</script></head>
<body><nav>Accueil</nav><article>
<p>Le Pérou a déployé 250 soldats à Tacna, à la frontière avec le Chili&nbsp;: l&#39;armée \
&laquo;&nbsp;renforce&nbsp;&raquo; le contrôle.</p>
<iframe src="https://evil.example/Bogota"></iframe>
<script type="text/javascript">document.write("Quito")</script>
<p>Les militaires resteront jusqu&rsquo;au 30 avril.</p></article></body></html>
"""
SPANISH = """---
lang: es
published: 2024-02-01
---
El gobierno de Perú desplegó 500 soldados en la frontera con Chile, en la región de Tacna.
"""
ENGLISH = """---
lang: en
published: 2024-02-01
---
Honduras deployed 1,200 troops to the border with Nicaragua on Monday, the army said.
"""
GERMAN = """---
lang: de
---
Die Regierung von Peru hat 500 Soldaten an die Grenze zu Chile in der Region Tacna geschickt.
"""
NO_PLACE = "Le gouvernement a annoncé de nouvelles mesures économiques pour les retraités. " * 3
MALFORMED_FRONT = """---
title: "unterminated
: no key here
lang fr
Le Honduras a déployé 1.200 militaires à la frontière avec le Nicaragua.
"""
BROKEN_FRONT_BODY = "---\n---\n---\nLe Pérou a déployé 300 soldats à Tacna.\n"


def _corpus(folder: Path) -> dict[str, Path]:
    """Every file case of the matrix, written into *folder*."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "good.txt": GOOD.encode(),
        "empty.txt": b"",
        "blank.md": b"  \n\t\n",
        "report.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n",
        "picture.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "nul.txt": b"Tacna\x00\x00\x00\x01\x02 binary",
        "latin1.txt": ("---\nlang: fr\n---\n" + FRENCH).encode("latin-1", errors="replace"),
        "cp1252.txt": (
            "---\nlang: fr\n---\n" + FRENCH.replace("L'armée", "L\u2019armée")
            + " \u201cIl faut\u201d d\u2019entrer \u2013 dit-il."
        ).encode("cp1252"),
        "bom.txt": b"\xef\xbb\xbf" + GOOD.replace("300", "350").encode(),
        "page.html": HTML.encode(),
        "malformed_front.txt": MALFORMED_FRONT.encode(),
        "front_only_dashes.txt": BROKEN_FRONT_BODY.encode(),
        "twin_a.txt": SENTENCE.encode(),
        "twin_b.txt": SENTENCE.encode(),
        "spanish.txt": SPANISH.encode(),
        "english.txt": ENGLISH.encode(),
        "german.txt": GERMAN.encode(),
        "noplace.txt": NO_PLACE.encode(),
    }  # fmt: skip
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    huge = folder / "huge.txt"  # 20 MB of real sentences: refused unread by the size limit
    with huge.open("wb") as handle:
        block = (SENTENCE * 1000).encode()
        while handle.tell() < 20_000_000:
            handle.write(block)
    paths["huge.txt"] = huge
    return paths


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, pd.DataFrame, Path]:
    """One build over the whole matrix (plus a missing path): its report and its table."""
    root = tmp_path_factory.mktemp("matrix")
    _corpus(root / "articles")
    out = root / "events.csv"
    report = build(
        [root / "articles", root / "missing.txt", root / "no_folder"],
        out=out,
        progress=False,
        cache=root / "cache",
    )
    return report, read_events(out), root


def _reason(report: BuildReport, needle: str) -> str:
    found = [reason for name, reason in report.skipped if needle in name]
    assert len(found) == 1, (needle, report.skipped)
    return found[0]


def _rows(table: pd.DataFrame, article_id: str) -> pd.DataFrame:
    return table[table.article_id == article_id]


# --- skipped, with a reason -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty", "empty file"),
        ("blank", "empty file"),
        ("report", "binary content (a PDF file)"),
        ("picture", "binary content (a PNG image)"),
        ("nul", "binary content (NUL bytes)"),
        ("huge", "too large (20,"),
        ("twin_b", "duplicate content: same text and metadata as 'twin_a'"),
        ("missing.txt", "no such file or folder"),
        ("no_folder", "no such file or folder"),
    ],
)
def test_bad_file_is_skipped_with_its_reason(matrix, name: str, reason: str) -> None:
    report, table, _ = matrix
    assert reason in _reason(report, name)
    assert _rows(table, name).empty


def test_the_rest_of_the_batch_is_processed(matrix) -> None:
    report, table, root = matrix
    skipped = {name for name, _ in report.skipped}
    assert len(skipped) == 9
    assert report.processed == report.articles == 12  # 13 readable files, one twin skipped
    assert report.rows == len(table) > 0
    assert set(table.article_id) >= {"good", "bom", "latin1", "cp1252", "page", "twin_a"}
    # nothing half-written: only the table and its lock beside the articles, no temp file
    assert sorted(p.name for p in root.iterdir()) == [
        "articles", "cache", "events.csv", "events.csv.lock",
    ]  # fmt: skip


def test_cli_exit_code_says_something_was_skipped(matrix, tmp_path, capsys) -> None:
    _, table, root = matrix
    out = tmp_path / "events.csv"
    code = main(["build", str(root / "articles"), "--out", str(out), "--quiet",
                 "--cache", str(root / "cache")])  # fmt: skip
    assert code == 3
    err = capsys.readouterr().err
    assert "7 skipped" in err and "skipped huge" in err and "too large" in err
    pd.testing.assert_frame_equal(read_events(out), table)
    good = tmp_path / "good"
    good.mkdir()
    (good / "good.txt").write_text(GOOD, encoding="utf-8")
    code = main(["build", str(good), "--out", str(tmp_path / "g.csv"), "--quiet",
                 "--cache", str(root / "cache")])  # fmt: skip
    assert code == 0


# --- decoded and processed right --------------------------------------------------------------


@pytest.mark.parametrize("name", ["latin1", "cp1252"])
def test_single_byte_encodings_decode_and_extract(matrix, name: str) -> None:
    _, table, root = matrix
    article = next(a for a in iter_articles([root / "articles" / f"{name}.txt"]))
    assert isinstance(article, Article)
    assert "armée" in article.text and "Équateur" in article.text and "été" in article.text
    assert "\ufffd" not in article.text and "Ã" not in article.text
    rows = _rows(table, name)
    assert "Tumbes" in set(rows.place_resolved)
    assert set(rows.force_size.dropna()) == {400}


def test_cp1252_curly_quotes_become_text() -> None:
    from geo.ingest.decode import decode_bytes

    assert decode_bytes(b"l\x92arm\xe9e \x93ici\x94 \x96 d\x92entrer") == "l’armée “ici” – d’entrer"


def test_utf8_bom_keeps_the_front_matter(matrix) -> None:
    _, table, root = matrix
    article = next(iter_articles([root / "articles" / "bom.txt"]))
    assert isinstance(article, Article)
    assert article.source == "Test Wire" and article.published == "2024-03-15"
    assert not article.text.startswith(("\ufeff", "---"))
    assert set(_rows(table, "bom").force_size.dropna()) == {350}


def test_html_scripts_styles_iframes_dropped_entities_decoded(matrix) -> None:
    _, table, root = matrix
    article = next(iter_articles([root / "articles" / "page.html"]))
    assert isinstance(article, Article)
    for gone in ("alert", "Caracas", "Quito", "Bogota", "color", "__xss", "Accueil", "<"):
        assert gone not in article.text, gone
    assert "l'armée « renforce » le contrôle" in article.text
    assert article.title == "Armée & frontière" and article.lang == "fr"
    rows = _rows(table, "page")
    assert "Tacna" in set(rows.place_resolved)
    assert not set(rows.place_resolved) & {"Caracas", "Quito", "Bogotá", "Lima"}


def test_malformed_front_matter_is_read_as_body(matrix) -> None:
    _, table, root = matrix
    article = next(iter_articles([root / "articles" / "malformed_front.txt"]))
    assert isinstance(article, Article)
    assert article.title is None and "Nicaragua" in article.text
    other = next(iter_articles([root / "articles" / "front_only_dashes.txt"]))
    assert isinstance(other, Article) and "Tacna" in other.text
    assert not _rows(table, "malformed_front").empty


def test_twins_are_counted_once(matrix) -> None:
    """Decision: the same content under two names is one article (its events counted once);
    the second copy is reported as a duplicate of the first."""
    _, table, _ = matrix
    assert not _rows(table, "twin_a").empty and _rows(table, "twin_b").empty
    assert table.event_id.is_unique


def test_languages_without_a_model_use_gazetteer_and_rules(matrix) -> None:
    """Only French has a spaCy model: Spanish and English go through the gazetteer and the
    keyword rules and still give events; German (no rules) is processed and gives none."""
    report, table, _ = matrix
    assert {"spanish", "english", "german"}.isdisjoint(name for name, _ in report.skipped)
    spanish = _rows(table, "spanish")
    assert {"Tacna"} <= set(spanish.place_resolved) and set(spanish.force_size.dropna()) == {500}
    english = _rows(table, "english")
    assert not english.empty and set(english.force_size.dropna()) == {1200}
    assert set(_rows(table, "german").lang) <= {"de"}


def test_text_without_places_gives_no_rows(matrix) -> None:
    report, table, _ = matrix
    assert "noplace" not in {name for name, _ in report.skipped}
    assert _rows(table, "noplace").empty


# --- limits and unreadable paths --------------------------------------------------------------


def test_size_limit_is_configurable(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "long.txt").write_text(SENTENCE * 50, encoding="utf-8")
    monkeypatch.setenv("DEPLOYMAP_MAX_ARTICLE_BYTES", "2000")
    results = list(iter_articles([folder]))
    assert isinstance(results[0], Article) and isinstance(results[1], Skipped)
    assert (
        "too large" in results[1].reason
        and "DEPLOYMAP_MAX_ARTICLE_BYTES=2,000" in results[1].reason
    )
    monkeypatch.setenv("DEPLOYMAP_MAX_ARTICLE_BYTES", "lots")
    from geo.exc import ConfigurationError

    with pytest.raises(ConfigurationError):
        list(iter_articles([folder]))
    assert main(["build", str(folder), "--out", str(tmp_path / "e.csv"), "--quiet"]) == 2


def test_overlong_manifest_text_is_skipped(tmp_path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "big", "text": "' + "a " * 600_000 + '"}\n', encoding="utf-8")
    (result,) = iter_articles([manifest])
    assert isinstance(result, Skipped) and "text too long (1,200,000 characters" in result.reason


def test_unreadable_file_is_skipped(tmp_path, monkeypatch) -> None:
    """chmod 000 does not stop root: simulate the EACCES of ``read_bytes`` instead."""
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = folder / "locked.txt"
    locked.write_text(SENTENCE, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    results = list(iter_articles([folder]))
    assert isinstance(results[0], Article)
    assert isinstance(results[1], Skipped)
    assert results[1].reason == f"{locked}: unreadable (Permission denied)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_chmod_000_file_is_skipped(tmp_path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(SENTENCE, encoding="utf-8")
    locked.chmod(0)
    try:
        (result,) = iter_articles([locked])
        assert isinstance(result, Skipped) and "unreadable" in result.reason
    finally:
        locked.chmod(0o644)


def test_folder_named_like_an_article_and_dangling_link(tmp_path) -> None:
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    results = list(iter_articles([tmp_path, tmp_path / "gone.txt"]))
    assert [r.reason for r in results if isinstance(r, Skipped)] == ["no such file or folder"]
    assert not [r for r in results if isinstance(r, Article)]


# --- manifests --------------------------------------------------------------------------------


def _reasons(path: Path) -> list[tuple[str, str]]:
    return [
        (r.name, r.reason) if isinstance(r, Skipped) else (r.article_id, "ok")
        for r in iter_articles([path])
    ]


def test_manifest_missing_columns(tmp_path) -> None:
    for name, content in {
        "no_text.csv": "id,title\n1,Hello\n",
        "no_id.csv": "text,title\nLe Pérou a déployé 300 soldats à Tacna.,x\n",
        "header_only.csv": "",
        "junk.jsonl": "not json\n[1, 2]\n",
    }.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        assert _reasons(tmp_path / name) == [
            (str(tmp_path / name), "manifest lacks an 'id' and a 'text' column")
        ], name


def test_manifest_bad_rows_bad_dates_and_duplicate_ids(tmp_path) -> None:
    manifest = tmp_path / "m.csv"
    text = "Le Pérou a déployé 300 soldats à Tacna."
    manifest.write_text(
        "id,text,published,file\n"
        f"a,{text},2024-13-45,\n"
        f"b,{text} Bis.,hier,\n"
        f"a,{text} Ter.,2024-01-01,\n"
        ",,2024-01-01,\n"
        "c,,,\n"
        "d,,,missing.txt\n"
        f"e,{text} Quater.,2024-02-02,,extra\n",
        encoding="utf-8",
    )
    results = list(iter_articles([manifest]))
    ok = [r for r in results if isinstance(r, Article)]
    assert [a.article_id for a in ok] == ["a", "b"]
    assert all(a.published is None for a in ok)
    assert ok[0].extra["published_raw"] == "2024-13-45" and ok[1].extra["published_raw"] == "hier"
    reasons = [r.reason for r in results if isinstance(r, Skipped)]
    assert reasons[0].startswith("duplicate id 'a'")
    assert reasons[1:4] == [
        "row has no id",
        "row has no text",
        f"{tmp_path}/missing.txt: no such file",
    ]
    assert reasons[4] == "more values than columns"


def test_manifest_build_reports_rows(tmp_path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        '{"id": "ok", "text": "Le Pérou a déployé 300 soldats à Tacna.", "lang": "fr"}\n'
        "{broken\n"
        '{"id": "ok", "text": "copie"}\n',
        encoding="utf-8",
    )
    report = build([manifest], out=tmp_path / "e.csv", progress=False, cache=tmp_path / "c")
    assert report.processed == 1
    assert [reason[:20] for _, reason in report.skipped] == [
        "invalid JSON (Expect", "duplicate id 'ok' (f",
    ]  # fmt: skip


# --- geoparse on the same texts ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", " ", "\x00\x01\x02", NO_PLACE, GERMAN, "<script>alert('Lima')</script>", "\ufeff" * 10,
     "l\x92arm\xe9e", "Tacna " * 2000],
)  # fmt: skip
def test_geoparse_never_crashes_on_bad_text(text: str) -> None:
    places = geoparse(text, lang="fr")
    assert all(0 <= p["start"] < p["end"] <= len(text) for p in places)


def test_geoparse_languages_without_a_model() -> None:
    for lang, text in (("es", SPANISH), ("en", ENGLISH), ("de", GERMAN), ("xx", SPANISH)):
        names = " ".join(p["name"] for p in geoparse(text, lang=lang))
        assert any(n in names for n in ("Tacna", "Nicaragua", "Chile", "Peru")), (lang, names)


def test_geoparse_rejects_non_text_and_bad_spans() -> None:
    with pytest.raises(GeocoderQueryError):
        geoparse(b"Tacna")  # type: ignore[arg-type]
    with pytest.raises(GeocoderQueryError):
        geoparse("Tacna", spans=[(3, 99)])


def test_cli_geoparse_on_a_binary_file_is_a_clear_error(tmp_path, capsys) -> None:
    pdf = tmp_path / "x.txt"
    pdf.write_bytes(b"%PDF-1.4")
    assert main(["geoparse", str(pdf)]) == 2
    assert "binary content (a PDF file)" in capsys.readouterr().err


# --- the events table read back ---------------------------------------------------------------


@pytest.fixture(scope="module")
def good_table(matrix) -> Path:
    return matrix[2] / "events.csv"


def test_truncated_table_is_refused(good_table, tmp_path) -> None:
    data = good_table.read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(SchemaError):  # a half row: missing or invalid values
        read_events(cut)
    header_cut = tmp_path / "header_cut.csv"
    header_cut.write_bytes(data[:40])
    with pytest.raises(SchemaError, match="header_cut.csv"):
        read_events(header_cut)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(TableReadError, match="empty.csv"):
        read_events(empty)


def test_wrong_columns_and_formats_are_refused(good_table, tmp_path) -> None:
    table = read_events(good_table)
    wrong = tmp_path / "wrong.csv"
    table.drop(columns=["latitude"]).to_csv(wrong, index=False)
    with pytest.raises(SchemaError, match="latitude"):
        read_events(wrong)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SchemaError):
        read_events(other)
    parquet = tmp_path / "t.parquet"
    write_events(table, parquet)
    parquet.write_bytes(parquet.read_bytes()[:-100])
    with pytest.raises(TableReadError, match="t.parquet"):
        read_events(parquet)
    geojson = tmp_path / "t.geojson"
    geojson.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(TableReadError):
        read_events(geojson)
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises((TableReadError, SchemaError)):
        read_events(binary)


def test_article_error_is_a_value_error() -> None:
    assert issubclass(ArticleError, ValueError)
