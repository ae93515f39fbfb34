"""The package's shape: imports go one way (ui → retrieval → ingest) and nothing imports in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGES = ("ingest", "retrieval", "ui")
LAYER = {"ingest": 0, "retrieval": 1, "ui": 2}


def _imports(repo: Path) -> dict[str, set[str]]:
    """module → the project modules it imports (at any depth of the file, lazily or not)."""
    modules = {
        ".".join(p.relative_to(repo).with_suffix("").parts): p
        for pkg in PACKAGES
        for p in (repo / pkg).glob("*.py")
        if p.name != "__init__.py"
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            deps |= {t for t in targets if t in modules and t != name}
        graph[name] = deps
    return graph


def _type_only(repo: Path, module: str) -> set[str]:
    """Modules imported only under ``if TYPE_CHECKING:`` (no run-time edge)."""
    path = repo / (module.replace(".", "/") + ".py")
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for sub in node.body:
                if isinstance(sub, ast.ImportFrom) and sub.module:
                    out.add(sub.module)
    return out


def test_imports_go_one_way(repo_root: Path) -> None:
    graph = _imports(repo_root)
    wrong = [
        f"{m} imports {d}"
        for m, deps in graph.items()
        for d in deps
        if LAYER[d.split(".")[0]] > LAYER[m.split(".")[0]]
    ]
    assert not wrong, wrong


def test_no_import_cycles(repo_root: Path) -> None:
    graph = _imports(repo_root)
    graph = {m: deps - _type_only(repo_root, m) for m, deps in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in graph.get(m, ()):
            if state.get(d) == 1:
                cycles.append([*path[path.index(d) :], d] if d in path else [m, d])
            elif d not in state:
                visit(d, [*path, d])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [m])
    assert not cycles, cycles


def test_ui_calls_the_library_facade_only(repo_root: Path) -> None:
    """The CLI, the API and the app reach the index through ``retrieval.service`` (types aside)."""
    graph = _imports(repo_root)
    allowed = {"retrieval.service", "retrieval.settings", "retrieval.answer", "retrieval.search",
               "retrieval.evaluate", "retrieval.bench"}  # fmt: skip
    for ui_module in ("ui.cli", "ui.api", "ui.app"):
        reached = {d for d in graph[ui_module] if d.startswith("retrieval.")}
        assert reached <= allowed, f"{ui_module} reaches {reached - allowed}"
