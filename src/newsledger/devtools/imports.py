"""Check the package's import arrows: which part may import which, and no cycles.

    python -m newsledger.devtools.imports        # exit 1 and one line per problem, else 0

Reads the source (every ``import`` and ``from ... import``, at any depth, including those under
``TYPE_CHECKING``) and runs nothing. The parts and what each may import:

    records  (records, errors, settings, __about__)  -> records
    ingest, extract, ledger, fuse                    -> records
    pipeline (pipeline, parallel, cluster, reextract, watch, evaluation)
                                                     -> ingest, extract, ledger, fuse, records
    serve                                            -> pipeline, ledger, records
    cli                                              -> pipeline, serve, ledger, records
    api      (the package's own __init__)            -> extract, records
    devtools                                         -> nothing of the package

A part may import its own modules; the modules' import graph may hold no cycle.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "newsledger"
ROOT = Path(__file__).resolve().parents[1]

# Top-level module or subpackage -> part.
PARTS: dict[str, str] = {
    "records": "records",
    "errors": "records",
    "settings": "records",
    "__about__": "records",
    "ingest": "ingest",
    "extract": "extract",
    "ledger": "ledger",
    "fuse": "fuse",
    "pipeline": "pipeline",
    "parallel": "pipeline",
    "cluster": "pipeline",
    "reextract": "pipeline",
    "watch": "pipeline",
    "evaluation": "pipeline",
    "serve": "serve",
    "cli": "cli",
    "devtools": "devtools",
    "__init__": "api",
}

ALLOWED: dict[str, frozenset[str]] = {
    "records": frozenset({"records"}),
    "ingest": frozenset({"ingest", "records"}),
    "extract": frozenset({"extract", "records"}),
    "ledger": frozenset({"ledger", "records"}),
    "fuse": frozenset({"fuse", "records"}),
    "pipeline": frozenset({"pipeline", "ingest", "extract", "ledger", "fuse", "records"}),
    "serve": frozenset({"serve", "pipeline", "ledger", "records"}),
    "cli": frozenset({"cli", "pipeline", "serve", "ledger", "records"}),
    "api": frozenset({"extract", "records"}),
    "devtools": frozenset({"devtools"}),
}


@dataclass(frozen=True, slots=True)
class Import:
    importer: str  # dotted module name
    imported: str  # dotted module name inside the package
    line: int


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def iter_imports(path: Path, root: Path = ROOT) -> Iterator[Import]:
    """The package modules ``path`` imports, resolved to dotted names."""
    name = module_name(path, root)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                    yield Import(name, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, is_package, node.module, node.level)
            if base is None or not (base == PACKAGE or base.startswith(PACKAGE + ".")):
                continue
            for alias in node.names:
                # `from newsledger.x import y` may name a submodule y or an attribute of x.
                candidate = f"{base}.{alias.name}"
                yield Import(name, candidate if _exists(candidate, root) else base, node.lineno)


def _absolute(name: str, is_package: bool, module: str | None, level: int) -> str | None:
    if level == 0:
        return module
    parts = name.split(".")
    if not is_package:
        parts = parts[:-1]
    parts = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*parts, module] if module else parts)


def _exists(dotted: str, root: Path = ROOT) -> bool:
    path = root.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def part_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[0] != PACKAGE:
        return None
    return PARTS.get(parts[1] if len(parts) > 1 else "__init__")


def source_files(root: Path = ROOT) -> list[Path]:
    return sorted(root.rglob("*.py"))


def check(root: Path = ROOT) -> list[str]:
    """Every problem, one line each: an unknown part, a forbidden arrow, a cycle."""
    problems: list[str] = []
    graph: dict[str, set[str]] = {}
    for path in source_files(root):
        importer = module_name(path, root)
        graph.setdefault(importer, set())
        source = part_of(importer)
        if source is None:
            problems.append(f"{path}: {importer} belongs to no part; add it to PARTS")
            continue
        for imp in iter_imports(path, root):
            target = part_of(imp.imported)
            if imp.imported != importer:
                graph[importer].add(imp.imported)
            if target is None:
                problems.append(f"{path}:{imp.line}: {imp.imported} belongs to no part")
            elif target not in ALLOWED[source]:
                problems.append(
                    f"{path}:{imp.line}: {source} may not import {target} ({imp.imported})"
                )
    problems.extend(f"import cycle: {' -> '.join(c)}" for c in cycles(graph))
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan): each sorted, its first
    member repeated at the end."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        # Iterative depth-first search: the graph may be deeper than Python's recursion limit.
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in graph:
                    continue  # a name that is not a module of its own (a package attribute)
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append([*sorted(group), sorted(group)[0]])

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main(argv: list[str] | None = None) -> int:
    problems = check()
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} import problem(s); the allowed arrows are in {__file__}")
        return 1
    print("imports: every arrow allowed, no cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
