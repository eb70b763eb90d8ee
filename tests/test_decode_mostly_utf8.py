"""UTF-8 text with a few invalid bytes (issue 12, item 12) is decoded as UTF-8 with U+FFFD
for the bad bytes, not as cp1252 mojibake; real cp1252 text is still read as cp1252."""

from __future__ import annotations

from geo.ingest.articles import read_article_file
from geo.ingest.decode import decode_bytes

TEXT = (
    "Le Pérou a déployé 300 soldats à Tacna, près de la frontière avec le Chili, "
    "après la déclaration de l'état d'urgence. Les militaires étaient arrivés mardi. "
)


def test_one_invalid_byte_keeps_utf8():
    data = TEXT.encode("utf-8") + b"\xff" + TEXT.encode("utf-8")
    text = decode_bytes(data)
    assert text == TEXT + "\ufffd" + TEXT
    assert "Ã©" not in text  # no mojibake


def test_a_truncated_multibyte_character_at_the_end_keeps_utf8():
    data = (TEXT * 3).encode("utf-8") + "é".encode()[:1]
    assert decode_bytes(data) == TEXT * 3 + "\ufffd"


def test_cp1252_text_is_still_cp1252():
    assert decode_bytes(TEXT.encode("cp1252")) == TEXT
    assert decode_bytes("Une seule entrée.".encode("cp1252")) == "Une seule entrée."


def test_mostly_invalid_bytes_are_not_utf8():
    data = "déjà vu".encode() + bytes(range(0x80, 0xA0)) * 3
    assert "\ufffd" not in decode_bytes(data)


def test_an_article_file_with_a_bad_byte_keeps_its_accents(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"---\ntitle: P\xc3\xa9rou\n---\n" + TEXT.encode("utf-8") + b"\x80 fin.")
    article = read_article_file(path)
    assert article.title == "Pérou" and "déployé" in article.text
