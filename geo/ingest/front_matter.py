"""The YAML-like front matter block of a text article (``title``, ``source``, ``published``…)."""

from __future__ import annotations

import re

_FRONT_OPEN = re.compile(r"\A\ufeff?[ \t]*(?:\r?\n)*---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split an optional ``---``-delimited ``key: value`` block from *text*.

    Returns ``(metadata, body)``; keys are lower-cased, values unquoted. Without a complete
    block (opening and closing ``---``), the metadata is empty and the body is *text*.
    """
    opening = _FRONT_OPEN.match(text)
    if not opening:
        return {}, text
    closing = _FRONT_CLOSE.search(text, opening.end())
    if not closing or text.count("\n", opening.end(), closing.start()) > 100:
        return {}, text
    meta: dict[str, str] = {}
    last: str | None = None
    for line in text[opening.end() : closing.start()].split("\n"):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z_][\w -]*", key.strip()) and not line[0].isspace():
            last = key.strip().casefold().replace(" ", "_").replace("-", "_")
            meta[last] = _unquote(value.strip())
        elif last is not None:
            meta[last] = (meta[last] + " " + line.strip()).strip()
    body = text[closing.end() :]
    return meta, body.lstrip("\r\n")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
