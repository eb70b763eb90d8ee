"""Decoding article bytes: refuse binaries by their magic bytes, detect the text encoding."""

from __future__ import annotations

from pathlib import Path

from geo.exc import ArticleError

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP/Office file"),
    (b"\x1f\x8b", "a gzip file"),
    (b"RIFF", "a RIFF (WebP/WAV) file"),
    (b"\x7fELF", "an executable"),
)


def _mostly_utf8(data: bytes) -> str | None:
    """*data* decoded as UTF-8 with U+FFFD for its invalid bytes, when it is UTF-8 text with a
    few bad bytes: at least twice as many valid multi-byte characters as invalid sequences,
    and at most one invalid sequence in 100 bytes (or two in a short text). None otherwise
    (cp1252 text has no valid multi-byte characters: each of its accents is an invalid
    byte)."""
    text = data.decode("utf-8-sig", "replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for c in text if c > "\x7f") - invalid
    if multibyte >= 2 * invalid and invalid <= max(2, len(data) // 100):
        return text
    return None


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    """Decode article bytes: UTF-8 (BOM or not), UTF-16 with a BOM, UTF-8 with a few invalid
    bytes (each made U+FFFD), else cp1252, else latin-1.

    Raises :class:`ArticleError` for binary content (NUL bytes, PDF/image/archive magic).
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(f"{name}: binary content ({what}), not an article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ArticleError(f"{name}: invalid UTF-16 text") from error
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{name}: binary content (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    try:
        if limit is not None and (size := path.stat().st_size) > limit:
            raise ArticleError(
                f"{path}: too large ({size:,} bytes > DEPLOYMAP_MAX_ARTICLE_BYTES={limit:,})"
            )
        return path.read_bytes()
    except FileNotFoundError as error:
        raise ArticleError(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise ArticleError(f"{path}: is a folder, not a file") from error
    except OSError as error:
        raise ArticleError(f"{path}: unreadable ({error.strerror or error})") from error
