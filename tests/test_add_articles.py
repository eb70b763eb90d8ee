"""Adding articles (issue 10, section 1, command line and back end): pasted text, files and
URLs fetched from a local HTTP server (never the internet), a preview that writes nothing,
and an incremental rebuild."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from geo.batch.add import add_articles, preview_rows, save_article
from geo.cli import main
from geo.exc import ArticleError, FetchError
from geo.ingest.articles import make_article, read_article_file
from geo.ingest.fetch import fetch_article
from geo.table.formats import read_events

PAGE = """<html><head><title>Perú despliega tropas en Tacna</title>
<meta property="og:site_name" content="Diario de Prueba"></head>
<body><nav>Inicio | Política | Deportes</nav><article>
<p>El Gobierno del Perú declaró el estado de emergencia en Tacna y desplegó 300 soldados
en Palca el 20 de octubre de 2025.</p>
<p>Las Fuerzas Armadas apoyarán a la Policía Nacional en la frontera con Chile.</p>
</article><footer>Todos los derechos reservados</footer></body></html>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/missing":
            self.send_error(404)
            return
        kind = "image/png" if self.path == "/image" else "text/html; charset=utf-8"
        body = (PAGE * (400 if self.path == "/big" else 1)).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_page_is_fetched_as_its_main_text_with_its_metadata(server):
    article = fetch_article(f"{server}/news")
    assert "Palca" in article.text and "Deportes" not in article.text
    assert article.title == "Perú despliega tropas en Tacna"
    assert article.source == "Diario de Prueba" and article.url == f"{server}/news"


@pytest.mark.parametrize(
    "path, reason",
    [("/missing", "HTTP 404"), ("/image", "not an HTML page"), ("/big", "size limit"),
     ("/slow", "no answer")],
)  # fmt: skip
def test_a_page_that_cannot_be_an_article_is_a_clear_error(server, path, reason):
    with pytest.raises(FetchError, match=reason):
        fetch_article(f"{server}{path}", timeout=0.5, max_bytes=20_000)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:1"])
def test_only_web_addresses_are_fetched(url):
    with pytest.raises(FetchError, match="only http"):
        fetch_article(url)


def test_preview_writes_nothing_and_add_rebuilds(server, tmp_path):
    corpus, out = tmp_path / "articles", tmp_path / "events.csv"
    article = fetch_article(f"{server}/news")
    rows = preview_rows(article)
    assert {"Palca", "Tacna"} <= {r["place_resolved"] for r in rows}
    assert not corpus.exists() and not out.exists()
    report = add_articles([article], corpus, out, progress=False, cache=tmp_path / "cache")
    assert report.processed == 1 and not report.skipped
    table = read_events(out)
    assert {"Palca", "Tacna"} <= set(table.place_resolved)
    saved = read_article_file(next(corpus.glob("*.txt")))
    assert saved.url == article.url and saved.title == article.title


def test_the_same_article_twice_is_one_file_and_another_with_its_id_is_refused(tmp_path):
    article = make_article("a1", "El Ejército desplegó 300 soldados en Tacna.", {"lang": "es"})
    first = save_article(article, tmp_path)
    assert save_article(article, tmp_path) == first and len(list(tmp_path.iterdir())) == 1
    other = make_article("a1", "Otro texto sobre Lima.", {"lang": "es"})
    with pytest.raises(ArticleError, match="another article"):
        save_article(other, tmp_path)
    assert "Tacna" in first.read_text(encoding="utf-8")


def test_the_command_line_previews_and_adds_pasted_text(tmp_path, monkeypatch, capsys):
    import io

    text = "El Ejército del Perú desplegó 300 soldados en Palca el 20 de octubre de 2025."
    corpus, out = tmp_path / "articles", tmp_path / "events.csv"
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["add", "-", "--preview", "--lang", "es", "--corpus", str(corpus)]) == 0
    assert "Palca" in capsys.readouterr().out and not corpus.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code = main(["add", "-", "--lang", "es", "--corpus", str(corpus), "--out", str(out)])
    assert code == 0 and "Palca" in set(read_events(out).place_resolved)
    assert main(["add", "https://127.0.0.1:9/none", "--timeout", "0.5"]) == 2
