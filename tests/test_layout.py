"""The layout's rules, checked over the source: imports run one way (commands -> Scrapy
adapters -> core), the schema owner owns every column, and the README's tree is the tree."""

from __future__ import annotations

import ast
import re
from dataclasses import fields
from pathlib import Path

import pytest

from archive.db.schema import ARTICLE_COLUMNS
from scraper.extraction import ARTICLE_FIELDS, Extraction

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("portal_archive", "scraper", "pipelines", "archive", "publish", "replica")
# What a package may never import (itself excepted): each entry is a module prefix.
FORBIDDEN = {
    "scraper": ("pipelines", "archive", "portal_archive", "publish", "replica", "tests"),
    "archive": (
        "scrapy", "twisted", "pipelines", "portal_archive", "publish", "replica", "tests",
        "scraper.spiders", "scraper.middlewares", "scraper.settings", "scraper.extensions",
    ),
    "pipelines": ("portal_archive", "publish", "replica", "tests"),
    "publish": ("scrapy", "pipelines", "portal_archive", "replica", "tests", "scraper.spiders"),
    "portal_archive": ("tests",),
    "replica": ("scraper", "pipelines", "archive", "portal_archive", "publish", "tests"),
}  # fmt: skip
# Facts of the fetch (not of the page) and of the archive's own bookkeeping.
FETCH_COLUMNS = {
    "http_status", "fetched_url", "first_seen", "last_seen", "site", "host", "source",
}  # fmt: skip


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def sources(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def breaks(module: str, rule: str) -> bool:
    return module == rule or module.startswith(rule + ".")


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_run_one_way(package: str) -> None:
    wrong = [
        f"{path.relative_to(REPO)} imports {module}"
        for path in sources(package)
        for module in sorted(imports_of(path))
        if any(breaks(module, rule) for rule in FORBIDDEN[package])
    ]
    assert not wrong, "\n".join(wrong)


def test_nothing_imports_the_tests_or_the_benchmarks() -> None:
    product = [p for package in PACKAGES for p in sources(package)] + sources("bench")
    wrong = [
        f"{path.relative_to(REPO)} imports {module}"
        for path in product
        for module in imports_of(path)
        if breaks(module, "tests")
    ]
    assert not wrong, "\n".join(wrong)


def test_the_extraction_record_and_the_articles_columns_cannot_drift() -> None:
    assert set(ARTICLE_FIELDS) | FETCH_COLUMNS == set(ARTICLE_COLUMNS)
    assert not set(ARTICLE_FIELDS) & FETCH_COLUMNS
    assert set(ARTICLE_FIELDS) < {f.name for f in fields(Extraction)}


def test_no_write_adds_columns_behind_the_schema_owner() -> None:
    """sqlite-utils' alter=True would let any writer add a column; only schema.py makes them."""
    wrong = [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for package in PACKAGES
        for path in sources(package)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.keyword) and node.arg == "alter"
    ]
    assert not wrong, "alter= outside the schema: " + ", ".join(wrong)


def readme_tree() -> list[str]:
    """The folder names of the README's Layout tree, as written (`scraper/sites/`)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    tree = section.split("```", 2)[1]
    paths, stack = [], []
    for line in tree.splitlines():
        match = re.match(r"^( *)([\w.-]+/)", line)
        if not match:
            continue
        depth = len(match.group(1)) // 2
        stack[depth:] = [match.group(2)]
        paths.append("".join(stack))
    return paths


def test_the_readme_layout_is_the_tree() -> None:
    listed = readme_tree()
    assert listed, "README has no Layout tree"
    missing = [path for path in listed if not (REPO / path).is_dir()]
    assert not missing, f"README lists folders that do not exist: {missing}"
    packages = {
        f"{p.parent.relative_to(REPO)}/"
        for p in REPO.glob("*/**/__init__.py")
        if p.parent.parent == REPO or p.parent.parent.parent == REPO
    }
    unlisted = sorted(packages - set(listed) - {"tests/"})
    assert not unlisted, f"packages missing from the README's Layout: {unlisted}"
