"""The ranked search page's request and SQL: pure functions from query-string values to SQL.

Every match is reachable: a total count, pages of 20, 50 or 100, and exports of all matches.
Relevance is FTS5's bm25 with the title weighing 5x the body; a word found in nearly every
article gives nearly equal scores, so the publication date breaks ties (newest first).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from publish.search_query import ParsedQuery, parse_query
from scraper.extraction.vntext import search_form

PAGE_SIZES = (20, 50, 100)
SORTS = ("relevance", "newest", "oldest")
INDEXES = {"exact": "articles_search_exact", "folded": "articles_search_folded"}
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0
# Hits of the current page are marked between these brackets, then turned into <mark>.
OPEN, CLOSE = "【", "】"
SNIPPET_TOKENS = 24


def _int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class SearchRequest:
    """What a search page or export asks for, validated (bad values fall back to defaults)."""

    q: str = ""
    page: int = 1
    size: int = PAGE_SIZES[0]
    sort: str = SORTS[0]
    category: str = ""
    year_from: int | None = None
    year_to: int | None = None
    author: str = ""
    parsed: ParsedQuery = field(default_factory=lambda: parse_query(""))
    index: str = INDEXES["folded"]

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> SearchRequest:
        q = (args.get("q") or "").strip()
        kind, text = search_form(q)
        size = _int(args.get("_size") or args.get("size"))
        sort = args.get("sort") or SORTS[0]
        return cls(
            q=q,
            page=max(_int(args.get("page")) or 1, 1),
            size=size if size in PAGE_SIZES else PAGE_SIZES[0],
            sort=sort if sort in SORTS else SORTS[0],
            category=(args.get("category") or "").strip(),
            year_from=_int(args.get("year_from")),
            year_to=_int(args.get("year_to")),
            author=(args.get("author") or "").strip(),
            parsed=parse_query(text),
            index=INDEXES[kind],
        )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def args(self, **changes: object) -> dict[str, str]:
        """The query-string values of this request (defaults left out), with `changes`."""
        values = {
            "q": self.q, "category": self.category, "author": self.author, "sort": self.sort,
            "year_from": self.year_from, "year_to": self.year_to, "_size": self.size,
            "page": self.page, **changes,
        }  # fmt: skip
        defaults = {"sort": SORTS[0], "_size": PAGE_SIZES[0], "page": 1}
        return {
            k: str(v) for k, v in values.items() if v not in (None, "") and defaults.get(k) != v
        }


FACTS = "articles_search_facts"


def where(
    request: SearchRequest, author_columns: tuple[str, ...], facts: str = FACTS
) -> tuple[str, dict]:
    """The FROM/WHERE part shared by the count, the page and the exports: the index joined
    to the articles' facts (alias `a`: `articles_search_facts`, or `articles` in an archive
    made before it), with the filters."""
    index = request.index
    clauses = [f"{index} MATCH :match"]
    params: dict[str, object] = {"match": request.parsed.expression}
    if request.category:
        clauses.append("(a.category_name = :category OR a.category = :category)")
        params["category"] = request.category
    if request.year_from is not None:
        clauses.append("a.year >= :year_from")
        params["year_from"] = request.year_from
    if request.year_to is not None:
        clauses.append("a.year <= :year_to")
        params["year_to"] = request.year_to
    if request.author and author_columns:
        either = " OR ".join(f"a.{c} = :author" for c in author_columns)
        clauses.append(f"({either})")
        params["author"] = request.author
    joined = f"FROM {index} JOIN {facts} a ON a.rowid = {index}.rowid WHERE "
    return joined + " AND ".join(clauses), params


def order_by(request: SearchRequest) -> str:
    if request.sort == "newest":
        return "a.published IS NULL, a.published DESC, a.rowid"
    if request.sort == "oldest":
        return "a.published IS NULL, a.published, a.rowid"
    return "score, a.published IS NULL, a.published DESC, a.rowid"


def score_expression(request: SearchRequest) -> str:
    """A match's relevance: bm25, the title weighing TITLE_WEIGHT to the body's BODY_WEIGHT
    (lower is better)."""
    return f"bm25({request.index}, {TITLE_WEIGHT}, {BODY_WEIGHT})"


def ranked_sql(
    request: SearchRequest, author_columns: tuple[str, ...], facts: str = FACTS
) -> tuple[str, dict]:
    """rowid and score of every match in the requested order, every match scored (no LIMIT:
    add one for a page; publish/search_rank.py decides when scoring them all is worth it)."""
    source, params = where(request, author_columns, facts)
    score = score_expression(request)
    sql = f"SELECT a.rowid AS rowid, {score} AS score {source} ORDER BY {order_by(request)}"
    return sql, params


def count_sql(
    request: SearchRequest, author_columns: tuple[str, ...], facts: str = FACTS
) -> tuple[str, dict]:
    source, params = where(request, author_columns, facts)
    if set(params) == {"match"}:  # no filter: the index alone knows the count
        index = request.index
        return f"SELECT count(*) FROM {index} WHERE {index} MATCH :match", params
    return f"SELECT count(*) {source}", params


def marked_sql(request: SearchRequest, rowids: list[int]) -> tuple[str, dict]:
    """Highlighted title and body snippet of the given matches (one page, or one chunk)."""
    index = request.index
    marks = ", ".join(f":r{i}" for i in range(len(rowids)))
    sql = (
        f"SELECT rowid, highlight({index}, 0, '{OPEN}', '{CLOSE}') AS title_match, "
        f"snippet({index}, 1, '{OPEN}', '{CLOSE}', '…', {SNIPPET_TOKENS}) AS snippet "
        f"FROM {index} WHERE {index} MATCH :match AND rowid IN ({marks})"
    )
    return sql, {"match": request.parsed.expression, **{f"r{i}": r for i, r in enumerate(rowids)}}


@dataclass(frozen=True)
class Paging:
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max((self.total + self.size - 1) // self.size, 1)

    @property
    def first_shown(self) -> int:
        return min((self.page - 1) * self.size + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.page * self.size, self.total)

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


def marked_html(text: str | None) -> Markup:
    """Escaped text with the search brackets turned into <mark>."""
    escaped = str(escape(text or ""))
    return Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))
