"""The replica's layout, read from the source: its imports form no cycle, no module reaches into
another's private names, each room imports only the rooms below it, and nothing of the product
is imported (the replica stands in for the real portal, so it must not share its code)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "replica"
PRODUCT = {"scraper", "pipelines", "archive", "portal_archive", "publish"}
# Each room and the rooms it may import; modules outside the rooms (the package itself,
# __main__, launch) tie them together and may import any of them.
ROOMS = {
    "words": set(),
    "model": {"words"},
    "generate": {"words", "model"},
    "render": {"words", "model"},
    "serve": {"words", "model", "render"},
    "faults": {"words", "model", "render", "serve"},
    "successor": {"words", "model", "generate", "render", "serve", "faults"},
}


def module_name(path: Path) -> str:
    parts = ["replica", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def imports(name: str) -> list[tuple[str, str | None, ast.stmt]]:
    """(imported module, imported name or None, node) for every import statement of a module,
    wherever it stands (functions and TYPE_CHECKING blocks count: a cycle is a cycle)."""
    tree = ast.parse(MODULES[name].read_text("utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in MODULES:
                    found.append((submodule, None, node))
                else:
                    found.append((base, alias.name, node))
    return found


def graph() -> dict[str, set[str]]:
    return {
        name: {target for target, _, _ in imports(name) if target in MODULES} for name in MODULES
    }


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first module repeated at the end), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def room(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ROOMS else None


def test_the_modules_are_found() -> None:
    assert {"replica", "replica.__main__", "replica.faults.plan"} <= set(MODULES)
    assert {room(name) for name in MODULES} == {None, *ROOMS}


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle() -> None:
    assert find_cycle(graph()) is None


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_of_another_module(name: str) -> None:
    """Neither imported (`from m import _x`) nor reached through an imported module (`m._x`)."""
    wrong, bound = [], {}
    for target, imported, node in imports(name):
        if not target.startswith("replica"):
            continue
        if imported and imported.startswith("_"):
            wrong.append(f"line {node.lineno}: from {target} import {imported}")
        for alias in node.names:
            if imported is None and target in MODULES:
                bound[alias.asname or alias.name.split(".")[0]] = target
    for node in ast.walk(ast.parse(MODULES[name].read_text("utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            wrong.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    assert not wrong, f"{name} uses private names of other modules: {wrong}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_nothing_of_the_product(name: str) -> None:
    found = [target for target, _, _ in imports(name) if target.split(".")[0] in PRODUCT]
    assert not found, f"{name} imports the product: {found}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if room(n)))
def test_rooms_import_only_the_rooms_below(name: str) -> None:
    own = room(name)
    targets = {target for target, _, _ in imports(name) if target.startswith("replica")}
    wrong = sorted(t for t in targets if t in MODULES and room(t) not in {own, *ROOMS[own]})
    assert not wrong, f"{name} ({own}) may import {sorted(ROOMS[own])} only, not {wrong}"
