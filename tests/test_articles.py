"""Reading articles: front matter, HTML, manifests, encodings, boilerplate, bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.exc import ArticleError
from geo.extract.sentences import split_sentences
from geo.ingest.articles import Article, Skipped, iter_articles, read_article_file
from geo.ingest.boilerplate import clean_text, extract_dateline, strip_boilerplate
from geo.ingest.decode import decode_bytes
from geo.ingest.front_matter import parse_front_matter
from geo.ingest.language import guess_lang
from geo.text import normalize_text

SEEDS = Path(__file__).resolve().parent.parent / "data" / "articles"
NEWS = "Le gouvernement péruvien a décrété l'état d'urgence à Tacna. Les forces armées arrivent."


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- front matter ---------------------------------------------------------------------------


def test_front_matter(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "a1.md",
        '---\ntitle: "Un titre: avec deux-points"\nsource: Belga\nurl: https://x.org/a\n'
        "published: 29/10/2018\nlang: fr-FR\nauthor: Quelqu'un\nnotes: une note\n  qui continue\n"
        "---\n" + NEWS,
    )
    article = read_article_file(path)
    assert article.article_id == "a1"
    assert article.title == "Un titre: avec deux-points"
    assert (article.source, article.url, article.published, article.lang) == (
        "Belga",
        "https://x.org/a",
        "2018-10-29",
        "fr",
    )
    assert article.extra == {"author": "Quelqu'un", "notes": "une note qui continue"}
    assert article.text == NEWS
    assert article.path == str(path)
    assert len(article.content_hash) == 64


def test_no_or_unclosed_front_matter() -> None:
    assert parse_front_matter(NEWS) == ({}, NEWS)
    text = "---\ntitle: x\n" + NEWS
    assert parse_front_matter(text) == ({}, text)


def test_unparseable_published_is_kept_in_extra(tmp_path: Path) -> None:
    article = read_article_file(_write(tmp_path / "a.txt", "---\npublished: hier\n---\n" + NEWS))
    assert article.published is None
    assert article.extra["published_raw"] == "hier"


@given(st.text())
def test_front_matter_never_raises(text: str) -> None:
    meta, body = parse_front_matter(text)
    assert isinstance(meta, dict)
    assert body in text


@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True),
        st.from_regex(r"[^\n\r:\"']{1,30}", fullmatch=True).map(str.strip).filter(bool),
    )
)
def test_front_matter_round_trip(meta: dict[str, str]) -> None:
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\nCorps."
    parsed, body = parse_front_matter(text)
    assert parsed == meta
    assert body == "Corps."


# --- content hash ----------------------------------------------------------------------------


def test_content_hash_changes_with_text_and_metadata(tmp_path: Path) -> None:
    a = read_article_file(_write(tmp_path / "a.txt", "---\nsource: A\n---\n" + NEWS))
    b = read_article_file(_write(tmp_path / "b.txt", "---\nsource: A\n---\n" + NEWS))
    c = read_article_file(_write(tmp_path / "c.txt", "---\nsource: B\n---\n" + NEWS))
    d = read_article_file(_write(tmp_path / "d.txt", "---\nsource: A\n---\n" + NEWS + " Fin."))
    assert a.content_hash == b.content_hash
    assert len({a.content_hash, c.content_hash, d.content_hash}) == 3


# --- HTML -------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="fr-FR"><head>
<meta charset="utf-8"><title>Titre de page</title>
<meta property="og:title" content="Le Pérou décrète l&#39;état d&#8217;urgence">
<meta property="og:site_name" content="Le Journal">
<meta property="article:published_time" content="2025-01-03T10:00:00+01:00">
<link rel="canonical" href="https://journal.example/article">
<style>p { color: red; }</style>
<script>var x = "Tacna Lima 5.000 soldats";</script>
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde à Lima</a></nav>
<header>Bandeau</header>
<article>
<h1>Le Pérou décrète l'état d'urgence</h1>
<p>Le gouvernement a annoncé le déploiement de
   <b>300&nbsp;soldats</b> à Tacna &amp; Palca.</p>
<figure><img src="x.jpg"><figcaption>Photo AFP</figcaption></figure>
<p>Les militaires resteront &laquo;&nbsp;pendant 60 jours&nbsp;&raquo;.</p>
<form><input type="email"> Abonnez-vous</form>
<iframe src="https://video.example"></iframe>
</article>
<footer>Tous droits réservés, Lima</footer>
</body></html>
"""


def test_html_page(tmp_path: Path) -> None:
    article = read_article_file(_write(tmp_path / "page.html", HTML))
    assert article.article_id == "page"
    assert article.title == "Le Pérou décrète l'état d'urgence"
    assert article.source == "Le Journal"
    assert article.url == "https://journal.example/article"
    assert article.published == "2025-01-03"
    assert article.lang == "fr"
    assert article.text.splitlines() == [
        "Le Pérou décrète l'état d'urgence",
        "Le gouvernement a annoncé le déploiement de 300 soldats à Tacna & Palca.",
        "Les militaires resteront « pendant 60 jours ».",
    ]
    for junk in ("color", "var x", "Accueil", "Bandeau", "Abonnez", "droits", "Photo"):
        assert junk not in article.text


def test_html_without_article_uses_body(tmp_path: Path) -> None:
    page = "<html><body><p>Premier paragraphe.</p><div>Second<br>bloc.</div></body></html>"
    article = read_article_file(_write(tmp_path / "p.htm", page))
    assert article.text == "Premier paragraphe.\nSecond\nbloc."
    assert article.title is None


# --- encodings and bad files -----------------------------------------------------------------

TEXT = "Les forces armées péruviennes sont déployées à Tacna – près de la frontière."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("cp1252"),
        TEXT.replace("–", "-").encode("latin-1"),
        TEXT.encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "latin1", "utf16-bom"],
)
def test_encodings(tmp_path: Path, data: bytes) -> None:
    article = read_article_file(_write(tmp_path / "enc.txt", data))
    assert article.text == normalize_text(TEXT).replace("–", "-")
    assert "\ufeff" not in article.text


def test_decode_bytes_falls_back_to_latin1() -> None:
    assert decode_bytes(b"caf\xe9 \x81") == "café \x81"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t  ", "empty file"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG"),
        (b"abc\x00def\x00", "NUL"),
        (b"---\ntitle: x\n---\n   ", "empty text"),
        ("The liveblog has ended. Abonnez-vous à la newsletter !".encode(), "empty text"),
    ],
)
def test_bad_files_raise(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError, match=reason):
        read_article_file(_write(tmp_path / "bad.txt", data))


def test_missing_and_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        read_article_file(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="not an article"):
        read_article_file(_write(tmp_path / "x.pdf", b"%PDF"))
    assert issubclass(ArticleError, ValueError)


# --- boilerplate -----------------------------------------------------------------------------

BOILERPLATE = [
    "The liveblog has ended.",
    "No liveblog updates yet.",
    "Abonnez-vous à la newsletter quotidienne Tunisie Numérique : actus, analyses.",
    "Veuillez laisser ce champ vide",
    "Vous vous êtes bien abonné.e à notre newsletter !",
    "Que se passe-t-il en Tunisie? Nous expliquons sur notre chaîne YouTube . Abonnez-vous!",
    "Aimez-vous ce que vous lisez? Nous en sommes heureux. Soutenez notre travail.",
    "Des dons réguliers nous aident à pérenniser le projet Amerika21.",
    "Lire aussi : Le Pérou et le Chili",
    "Suscríbete a nuestro boletín.",
    "Sign up for our daily newsletter.",
    "Este sitio usa cookies para mejorar la experiencia.",
    "Share this article",
    "Support our journalism: donate now.",
]


@pytest.mark.parametrize("junk", BOILERPLATE)
def test_boilerplate_is_dropped(junk: str) -> None:
    assert strip_boilerplate(f"{NEWS} {junk}") == NEWS
    assert strip_boilerplate(f"{NEWS}\n{junk}\n{NEWS}") == f"{NEWS}\n{NEWS}"


@pytest.mark.parametrize(
    "news",
    [
        "Les États-Unis vont donner des hélicoptères au Pérou pour lutter contre le trafic.",
        "The United States will donate two helicopters to Peru's navy.",
        "Les pays qui souscrivent au traité ont commenté la décision.",
        "Lima.",
    ],
)
def test_news_is_kept(news: str) -> None:
    assert strip_boilerplate(f"{news} {NEWS}") == f"{news} {NEWS}"


def test_dateline() -> None:
    rest, published, source = extract_dateline(" date 2018-10 (Belga) Plus de 5.000 militaires")
    assert (rest, published, source) == ("Plus de 5.000 militaires", "2018-10", "Belga")
    assert extract_dateline(NEWS) == (NEWS, None, None)
    text, meta = clean_text("date 2018-10-29 (AFP) - Texte\u00a0ici.")
    assert (text, meta) == ("Texte ici.", {"published": "2018-10-29", "source": "AFP"})


def test_dateline_fills_missing_metadata_only(tmp_path: Path) -> None:
    body = "date 2018-10 (Belga) " + NEWS
    plain = read_article_file(_write(tmp_path / "a.txt", body))
    assert (plain.published, plain.source) == ("2018-10", "Belga")
    meta = read_article_file(_write(tmp_path / "b.txt", "---\nsource: AFP\n---\n" + body))
    assert (meta.published, meta.source) == ("2018-10", "AFP")


def _seed(prefix: str) -> Article:
    return read_article_file(next(SEEDS.glob(prefix + "_*.txt")))


def test_seed_boilerplate_removed_and_news_kept() -> None:
    for prefix, junk_words, first, last in [
        ("000", ["liveblog", "Abonnez", "newsletter", "champ vide", "YouTube", "Tunisie?",
                 "Commentaires", "spam"],
         "Le gouvernement péruvien", "frontalières avec le Chili."),
        ("001", ["date 2018-10", "(Belga)"], "Plus de 5.000 militaires",
         "le 13 octobre."),
        ("002", ["Aimez-vous", "heureux", "Soutenez", "dons réguliers"], "Lima.",
         "position stratégique en Amérique latine."),
    ]:  # fmt: skip
        article = _seed(prefix)
        for word in junk_words:
            assert word not in article.text, (prefix, word)
        assert article.text.startswith(first)
        assert article.text.endswith(last)
        # every news sentence of the raw text survives, verbatim (after normalisation)
        raw = normalize_text(article.raw_text)
        if prefix == "001":
            raw = raw.replace("date 2018-10 (Belga) ", "")
        kept = {article.text[s:e] for s, e in split_sentences(article.text)}
        dropped = [raw[s:e] for s, e in split_sentences(raw) if raw[s:e] not in kept]
        assert all(any(w in d for w in junk_words) or len(d.split()) <= 12 for d in dropped)
        assert len(dropped) == {"000": 8, "001": 0, "002": 4}[prefix]


def test_seed_metadata() -> None:
    a000, a001, a002 = _seed("000"), _seed("001"), _seed("002")
    assert (a000.source, a000.published, a000.lang) == ("Tunisie Numérique", None, "fr")
    assert (a001.source, a001.published, a001.lang) == ("Belga", "2018-10", "fr")
    assert (a002.source, a002.published) == ("Amerika21", None)
    assert "’" not in a002.text and "'" in a002.text


def test_guess_lang() -> None:
    assert guess_lang(NEWS) == "fr"
    assert (
        guess_lang("El gobierno declaró el estado de emergencia en la frontera con Chile.") == "es"
    )
    assert (
        guess_lang("The government declared a state of emergency on the border with Chile.") == "en"
    )
    assert guess_lang("Lima.") is None


# --- batches and manifests -------------------------------------------------------------------


def test_iter_articles_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    _write(tmp_path / "b.txt", NEWS + " (b)")  # distinct texts: a copy would be a duplicate
    _write(tmp_path / "a.md", NEWS)
    _write(tmp_path / "sub" / "c.html", "<p>" + NEWS + " (c)</p>")
    _write(tmp_path / "README.md", "# Les articles")
    _write(tmp_path / "notes.pdf", b"%PDF")
    _write(tmp_path / ".hidden" / "d.txt", NEWS)
    _write(tmp_path / "empty.txt", "")
    results = list(iter_articles([tmp_path]))
    assert [r.article_id for r in results] == ["a", "b", "empty", "c"]
    skipped = [r for r in results if isinstance(r, Skipped)]
    assert len(skipped) == 1 and "empty" in skipped[0].reason
    assert list(iter_articles([tmp_path])) == results  # deterministic


def test_iter_articles_inputs(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", NEWS)
    other = _write(tmp_path / "x.docx", b"PK\x03\x04")
    results = list(iter_articles([a, tmp_path / "nope", other, a]))
    assert isinstance(results[0], Article)
    assert [r.reason for r in results[1:]] == [  # type: ignore[union-attr]
        "no such file or folder",
        "unsupported file type",
        f"duplicate id 'a' (first in {a})",
    ]


def test_csv_manifest(tmp_path: Path) -> None:
    _write(
        tmp_path / "m.csv",
        "id,text,source,published,lang,title\n"
        f'm1,"{NEWS}",AFP,2018-10-29,fr,Un\n'
        'm2,"",AFP,,,\n'
        f'm1,"{NEWS} Encore.",AFP,,,\n'
        ',"Sans id.",,,,\n'
        f'm3,"{NEWS}",Belga,octobre 2018,,Trois,extra\n'
        f'm4,"{NEWS}",EFE,,,Quatre\n',
    )
    results = list(iter_articles([tmp_path]))
    assert [(type(r).__name__, r.article_id) for r in results] == [
        ("Article", "m1"),
        ("Skipped", "m2"),
        ("Skipped", "m1"),
        ("Skipped", None),
        ("Skipped", None),
        ("Article", "m4"),
    ]
    first = results[0]
    assert isinstance(first, Article)
    assert (first.source, first.published, first.lang, first.title) == (
        "AFP",
        "2018-10-29",
        "fr",
        "Un",
    )
    reasons = [r.reason for r in results if isinstance(r, Skipped)]
    assert reasons[0] == "row has no text"
    assert reasons[1].startswith("duplicate id 'm1'")
    assert reasons[2] == "row has no id"
    assert reasons[3] == "more values than columns"
    assert results[1].path.endswith("m.csv:line 3")
    assert results[1].name == "m2" and results[3].name.endswith("m.csv:line 5")


def test_jsonl_manifest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "j1", "text": NEWS, "url": "https://x/1", "published": "2018-10"}),
        "{not json",
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": "j2", "text": "\x00"}),
        json.dumps({"ID": "j3", "Text": NEWS, "lang": "fr"}),
    ]
    _write(tmp_path / "m.jsonl", "\n".join(lines))
    results = list(iter_articles([tmp_path / "m.jsonl"]))
    assert [(type(r).__name__, r.article_id) for r in results] == [
        ("Article", "j1"),
        ("Skipped", None),
        ("Skipped", None),
        ("Skipped", "j2"),
        ("Article", "j3"),
    ]
    assert "invalid JSON" in results[1].reason  # type: ignore[union-attr]


def test_manifest_without_required_columns(tmp_path: Path) -> None:
    _write(tmp_path / "m.csv", "name,body\nx,y\n")
    (result,) = list(iter_articles([tmp_path]))
    assert isinstance(result, Skipped)
    assert "'id'" in result.reason and "'text'" in result.reason


def test_manifest_with_file_column_claims_its_files(tmp_path: Path) -> None:
    _write(tmp_path / "000_x.txt", NEWS)
    _write(tmp_path / "001_y.txt", "---\nsource: Belga\n---\n" + NEWS)
    _write(
        tmp_path / "manifest.csv",
        "file,source,lang,published\n000_x.txt,Tunisie,fr,\n001_y.txt,Other,fr,2018-10\n",
    )
    results = list(iter_articles([tmp_path]))
    assert [(r.article_id, r.source, r.published) for r in results] == [  # type: ignore[union-attr]
        ("000_x", "Tunisie", None),
        ("001_y", "Other", "2018-10"),  # the manifest row wins over the front matter
    ]
    assert results[1].extra["source_file"] == "Belga"  # type: ignore[union-attr]


def test_seeds_folder() -> None:
    results = list(iter_articles([SEEDS]))
    assert [r.article_id for r in results] == [
        "000_cccb8733ae118a68",
        "001_5aa9b0819a99d367",
        "002_8cbf9f20e154a38e",
    ]
    assert all(isinstance(r, Article) for r in results)
