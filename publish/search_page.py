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
    site: str = ""  # one site's articles only (the profile name: phutho, phutho-2025)
    both: bool = False  # both copies of an article published on two sites (default: one)
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
            site=(args.get("site") or "").strip(),
            both=(args.get("both") or "").strip() not in ("", "0", "off", "false"),
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
            "page": self.page, "site": self.site, "both": 1 if self.both else None, **changes,
        }  # fmt: skip
        defaults = {"sort": SORTS[0], "_size": PAGE_SIZES[0], "page": 1}
        return {
            k: str(v) for k, v in values.items() if v not in (None, "") and defaults.get(k) != v
        }


FACTS = "articles_search_facts"


@dataclass(frozen=True)
class Source:
    """Where the matches' facts are read (the compact table, or `articles` in an archive made
    before it), which author columns it has, whether articles say their site and copy, and
    whether some are copies of one article on two sites (then search collapses them)."""

    facts: str = FACTS
    authors: tuple[str, ...] = ()
    sites: bool = False
    pairs: bool = False


def _filters(
    request: SearchRequest, author_columns: tuple[str, ...], alias: str
) -> tuple[list[str], dict]:
    """The category, year and author filters on the facts table as `alias`."""
    clauses: list[str] = []
    params: dict[str, object] = {}
    if request.category:
        clauses.append(f"({alias}.category_name = :category OR {alias}.category = :category)")
        params["category"] = request.category
    if request.year_from is not None:
        clauses.append(f"{alias}.year >= :year_from")
        params["year_from"] = request.year_from
    if request.year_to is not None:
        clauses.append(f"{alias}.year <= :year_to")
        params["year_to"] = request.year_to
    if request.author and author_columns:
        either = " OR ".join(f"{alias}.{c} = :author" for c in author_columns)
        clauses.append(f"({either})")
        params["author"] = request.author
    return clauses, params


def collapses(request: SearchRequest, pairs: bool) -> bool:
    """One result per article published on both sites (when the archive holds such `pairs`):
    unless asked for both, or for one site (where each article is once)."""
    return pairs and not request.both and not request.site


def _site_clauses(request: SearchRequest, source: Source) -> tuple[list[str], dict]:
    """The site filter, and the collapse of `same_as` pairs: the copy that is not on the
    archive's first site (the original) is left out when the original passes the same
    filters (it matches the same words: the two have the same title and body)."""
    if not source.sites:
        return [], {}
    if request.site:
        return ["a.rowid IN (SELECT rowid FROM articles WHERE site = :site)"], {
            "site": request.site
        }
    if not collapses(request, source.pairs):
        return [], {}
    # Index-only: the copy's (same_as, site) index, its partner's rowid by URL, the partner's
    # facts; never the wide `articles` rows. In an archive of a site and its successor, a copy
    # not on the first site has its partner there.
    filters, params = _filters(request, source.authors, "pf")
    partner = (
        f" JOIN articles p ON p.url = x.same_as JOIN {source.facts} pf ON pf.rowid = p.rowid"
        if filters
        else ""
    )
    copies = (
        f"a.rowid NOT IN (SELECT x.rowid FROM articles x{partner} WHERE x.same_as IS NOT NULL "
        "AND x.site != (SELECT name FROM archive_site ORDER BY recorded LIMIT 1)"
        + "".join(f" AND {c}" for c in filters)
        + ")"
    )
    return [copies], params


def where(request: SearchRequest, source: Source = Source()) -> tuple[str, dict]:
    """The FROM/WHERE part shared by the count, the page and the exports: the index joined
    to the articles' facts (alias `a`), with the filters. With `source.sites` the site
    filter applies; with `source.pairs` linked copies are collapsed (an archive of one site
    keeps its fast unfiltered count)."""
    index = request.index
    filters, params = _filters(request, source.authors, "a")
    by_site, site_params = _site_clauses(request, source)
    clauses = [f"{index} MATCH :match", *filters, *by_site]
    params = {"match": request.parsed.expression, **params, **site_params}
    joined = f"FROM {index} JOIN {source.facts} a ON a.rowid = {index}.rowid WHERE "
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


def ranked_sql(request: SearchRequest, source: Source = Source()) -> tuple[str, dict]:
    """rowid and score of every match in the requested order, every match scored (no LIMIT:
    add one for a page; publish/search_rank.py decides when scoring them all is worth it)."""
    matches, params = where(request, source)
    score = score_expression(request)
    sql = f"SELECT a.rowid AS rowid, {score} AS score {matches} ORDER BY {order_by(request)}"
    return sql, params


def count_sql(request: SearchRequest, source: Source = Source()) -> tuple[str, dict]:
    matches, params = where(request, source)
    if set(params) == {"match"} and not collapses(request, source.pairs):
        # No filter: the index alone knows the count.
        index = request.index
        return f"SELECT count(*) FROM {index} WHERE {index} MATCH :match", params
    return f"SELECT count(*) {matches}", params


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
