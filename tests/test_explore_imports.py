"""geo.explore's modules import no private name of another module, and form no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

EXPLORE = Path(__file__).resolve().parent.parent / "geo" / "explore"


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every ``from geo... import ...`` and ``import geo...`` in *path*."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("geo"):
            out.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            out += [(alias.name, []) for alias in node.names if alias.name.startswith("geo")]
    return out


def test_no_private_names_from_other_modules() -> None:
    offenders = [
        f"{path.name}: {module}.{name}"
        for path in sorted(EXPLORE.glob("*.py"))
        for module, names in _imports(path)
        for name in names
        if name.startswith("_") and name != "__version__"
    ]
    assert offenders == []


def test_no_import_cycle_inside_explore() -> None:
    graph = {
        path.stem: {
            module.rsplit(".", 1)[-1]
            for module, _ in _imports(path)
            if module.startswith("geo.explore.")
        }
        for path in EXPLORE.glob("*.py")
    }
    assert graph["map"] >= {"store", "filters"}  # the walk below sees real edges

    def visit(node: str, trail: tuple[str, ...]) -> None:
        assert node not in trail, " -> ".join((*trail, node))
        for nxt in graph.get(node, ()):
            visit(nxt, (*trail, node))

    for start in graph:
        visit(start, ())
