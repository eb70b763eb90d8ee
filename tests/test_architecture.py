"""The shape of the package: one-way imports, no private names across modules, settings in
one place. Read from the source with ``ast``, so a new module is checked as soon as it exists.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "geo"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, imported names, line) of every import in *path*, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names], node.lineno))
    return found


def _resolve(module: str, names: list[str]) -> list[str]:
    """The geo modules an import statement loads (``from geo.x import y`` may load geo.x.y)."""
    if module != "geo" and not module.startswith("geo."):
        return []
    out = [module] if module in MODULES else []
    out += [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
    return out


def _graph(top_level_only: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = tree.body if top_level_only else list(ast.walk(tree))
        for node in nodes:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = _resolve(node.module, [a.name for a in node.names])
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name in MODULES]
            else:
                continue
            graph[name].update(t for t in targets if t != name)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt == "geo" or node == "geo":  # the package's lazy public API
                continue
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_package_has_its_stages_as_subpackages():
    for sub in ("ingest", "extract", "gazetteer", "geocoders", "table", "batch", "explore"):
        assert (PACKAGE / sub / "__init__.py").exists(), sub
    assert (PACKAGE / "config.py").exists() and (PACKAGE / "io.py").exists()


@pytest.mark.parametrize("top_level_only", [True, False], ids=["module-level", "any-import"])
def test_no_import_cycle_in_geo(top_level_only):
    cycle = _cycle(_graph(top_level_only))
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_imports_a_private_name_of_another():
    offenders = []
    for path in MODULES.values():
        for module, names, line in _imports(path):
            if not (module == "geo" or module.startswith("geo.")):
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            private += [p for p in module.split(".") if p.startswith("_") and p != "__main__"]
            if private:
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {private} of {module}")
    assert not offenders, "\n".join(offenders)


def test_no_module_reaches_into_a_private_attribute_of_another_module():
    # ``from geo.x import y as m`` then ``m._private``: the other way of importing a private name
    offenders = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("geo"):
                aliases |= {a.asname or a.name for a in node.names if (a.asname or a.name)}
            elif isinstance(node, ast.Import):
                aliases |= {(a.asname or a.name).split(".")[0] for a in node.names}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and node.value.id[:1].islower()  # a module alias, not a class
            ):
                offenders.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}"
                )
    assert not offenders, "\n".join(offenders)


def test_every_deploymap_setting_is_read_in_config_only():
    from geo import config

    pattern = re.compile(r"DEPLOYMAP_[A-Z_]+")
    outside = []
    for name, path in MODULES.items():
        if name == "geo.config":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and pattern.fullmatch(str(node.value)):
                outside.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
    assert not outside, "\n".join(outside)
    source = MODULES["geo.config"].read_text(encoding="utf-8")
    assert set(pattern.findall(source)) == set(config.SETTINGS)


def test_the_public_api_is_lazy_and_complete():
    import subprocess
    import sys

    code = (
        "import sys, geo; assert 'spacy' not in sys.modules and 'pandas' not in sys.modules; "
        "names = [geo.geoparse, geo.build, geo.build_dataset, geo.read_events, geo.EventStore,"
        " geo.Filters, geo.exc.DeploymapError]; print(len(names))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "7"
    import geo

    with pytest.raises(AttributeError):
        _ = geo.no_such_thing
