"""The package's folders are layers that follow the data: a layer imports only the layers below it, and no
module imports another in a circle. Read from the source with `ast`, so a lazy import inside a function counts too."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "helpers"
LAYERS = ["base", "export", "tags", "gap", "takeaway", "workbook"]  # bottom to top
TOP = ("helpers", "helpers.__main__")  # the public API and the CLI sit above every layer


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path, name: str) -> set[str]:
    """Dotted names this file imports from (relative imports resolved), plus `base.member` for `from base import member`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    """For each module of the package, the modules of the package it imports."""
    modules = {module_name(path, package): path for path in sorted(package.rglob("*.py"))}
    graph = {}
    for name, path in modules.items():
        named = imported_names(path, name) & modules.keys()
        # `from .takeaway import charts` imports the module charts, not (only) the package's __init__
        graph[name] = {n for n in named if not any(other.startswith(n + ".") for other in named)} - {name}
    return graph


def layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def upward_imports(graph: dict[str, set[str]], name: str) -> list[str]:
    return sorted(other for other in graph[name] if layer(other) is None or layer(other) > layer(name))


def cycles_in(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state = [], {}

    def visit(name, trail):
        state[name] = "open"
        for other in sorted(graph[name]):
            if state.get(other) == "open":
                cycles.append(trail[trail.index(other):] + [other])
            elif other not in state:
                visit(other, trail + [other])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


GRAPH = import_graph(PACKAGE)


def test_every_module_lives_in_a_layer():
    loose = [name for name in GRAPH if layer(name) is None and name not in TOP]
    assert not loose, f"modules outside the layer folders {LAYERS}: {loose}"


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if layer(n) is not None))
def test_a_layer_imports_only_the_layers_below_it(name):
    assert not upward_imports(GRAPH, name), f"{name} imports from a layer above it: {upward_imports(GRAPH, name)}"


def test_no_import_cycle():
    cycles = cycles_in(GRAPH)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in cycles)


def test_the_checks_catch_an_upward_import_and_a_cycle(tmp_path):
    """The checks above can fail: a tiny package with both faults (one of them a lazy import) is caught."""
    fake = tmp_path / "helpers"
    for folder in ("base", "workbook"):
        (fake / folder).mkdir(parents=True)
        (fake / folder / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "base" / "words.py").write_text("def f():\n    from ..workbook.ui import x\n")
    (fake / "workbook" / "ui.py").write_text("from ..base import words\nx = 2\n")
    graph = import_graph(fake)
    assert upward_imports(graph, "helpers.base.words") == ["helpers.workbook.ui"]
    assert upward_imports(graph, "helpers.workbook.ui") == []
    assert cycles_in(graph) == [["helpers.base.words", "helpers.workbook.ui", "helpers.base.words"]]
