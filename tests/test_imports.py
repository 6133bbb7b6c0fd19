"""The modules of pipeline/ import each other without a circle (imports inside functions count too), and the
layers point one way: export/ never imports engine/, the stage protocol imports neither the built-in stages nor
the engine, and processing one document imports neither the engine nor export/."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = ROOT / "pipeline"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The pipeline modules ``path`` imports (``from pkg import name`` counts as pkg.name when that is a module)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [(base, [alias.name for alias in node.names])]
        else:
            continue
        for base, names in targets:
            subs = [f"{base}.{n}" for n in names if f"{base}.{n}" in modules]
            found.update(subs)
            if base in modules and (len(subs) < len(names) or not names):
                found.add(base)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    files = [p for p in PIPELINE.rglob("*.py") if "_built" not in p.parts]
    modules = {module_name(p) for p in files}
    return {module_name(p): imports_of(p, modules) for p in files}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_of_the_pipeline_imports_another_in_a_circle():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_layers_point_one_way():
    graph = import_graph()
    for module, targets in graph.items():
        if module.startswith("pipeline.export"):
            assert not {t for t in targets if t.startswith("pipeline.engine")}, module
    assert not {t for t in graph["pipeline.stage"]
                if t in ("pipeline.stages", "pipeline.process") or t.startswith(("pipeline.engine", "pipeline.export"))}
    assert not {t for t in graph["pipeline.process"] if t.startswith(("pipeline.engine", "pipeline.export"))}
