"""The package is shaped like the data flow: stages as subpackages, imports going one way, no cycle, no giant module.

Every import of one juesuan module by another (at the top of a module or inside a function) is read from the
source with ast and resolved to the module it names."""

from __future__ import annotations

import ast
from pathlib import Path

import juesuan

PACKAGE = Path(juesuan.__file__).parent
FOUNDATION = {"juesuan.errors", "juesuan.text", "juesuan.i18n", "juesuan.workers"}  # helpers every stage uses; they
# use no juesuan module
TOP = {"juesuan", "juesuan.cli", "juesuan.survey", "juesuan.jobs", "juesuan.__main__"}  # the command line and
# its per-report jobs, over every stage
STAGES = {  # a stage's modules may import these stages (and the foundation)
    "data": {"data"},
    "read": {"read", "data"},
    "analysis": {"analysis", "data"},
    "audit": {"audit", "analysis", "data"},
    "publish": {"publish", "audit", "analysis", "data"},
}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = ["juesuan", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str, path: Path) -> set[str]:
    """The juesuan modules that module ``name`` imports."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("juesuan")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            if not base.startswith("juesuan"):
                continue
            for alias in node.names:  # `from .pkg import module` names a module; `from .module import x` does not
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports(name, path) for name, path in MODULES.items()}


def stage(name: str) -> str:
    if name in FOUNDATION:
        return "foundation"
    if name in TOP:
        return "top"
    return name.split(".")[1]


def test_the_layout_is_the_data_flow():
    assert {stage(m) for m in MODULES} == {"foundation", "top", *STAGES}


def upward(graph: dict[str, set[str]]) -> list[str]:
    """Every import against the stage order."""
    found = []
    for name, targets in graph.items():
        mine = stage(name)
        if mine == "top":
            continue
        allowed = set() if mine == "foundation" else STAGES[mine] | {"foundation"}
        found += [f"{name} imports {t}" for t in sorted(targets) if stage(t) not in allowed]
    return found


def test_imports_go_one_way():
    assert upward(GRAPH) == []


def test_an_upward_import_is_found():
    """As the package was: the chapter modules took English names from the publishing stage's display."""
    graph = {k: set(v) for k, v in GRAPH.items()}
    graph["juesuan.analysis.basic"].add("juesuan.publish.display")
    assert upward(graph) == ["juesuan.analysis.basic imports juesuan.publish.display"]


def cycles(graph: dict[str, set[str]]) -> list[str]:
    """Every cycle a depth-first walk of the import graph meets, as 'a → b → a'."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                found.append(" → ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return found


def test_no_import_cycle():
    assert cycles(GRAPH) == []


def test_a_cycle_is_found():
    """The walk finds a cycle where there is one: the package as it was, with the book and its site process
    importing each other."""
    graph = {k: set(v) for k, v in GRAPH.items()}
    graph["juesuan.publish.site"].add("juesuan.publish.book")
    assert cycles(graph) == ["juesuan.publish.book → juesuan.publish.site → juesuan.publish.book"]


def test_no_module_hides_its_parts():
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_each_stage_says_what_it_takes_and_gives():
    for name in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) <= 4 and ("Takes" in doc or "uses" in doc), name
