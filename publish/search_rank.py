"""The order of a search's matches and the page of it asked for, without scoring every match of
a near-universal word.

Relevance is bm25 (the title weighing 5x the body), ties newest first. Scoring costs per match
(FTS5 reads each match's positions): a word found in 95,000 of 100,000 articles takes 100 to
250 ms to score in full, and bm25 then says little (such a word's weight is near zero). So when
a search matches more than `POOL` articles, relevance orders a pool of `POOL` of them, the
last archived (the highest rowids: FTS5 reads a rowid range without touching the rest), and the
other matches follow, newest first. The order is defined by the query alone (the same on every
request, for pages and exports alike), every match is on exactly one page and the total is
exact. At or under `POOL` matches every match is scored, as before. The date orders score no
more than the rows shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.search_page import SearchRequest, Source, order_by, ranked_sql, score_expression, where

POOL = 5000
SCORED_ALONE = 100  # up to this many matches (a page) are scored alone; more (an export): all


@dataclass(frozen=True)
class Slice:
    """Positions [start, stop) of the whole order, in its two parts: the ranked pool (`pool`
    matches by relevance) and the rest (newest first). With no pool, `pooled` is the whole
    range, in the requested order."""

    start: int
    stop: int
    pool: int | None

    @property
    def pooled(self) -> tuple[int, int]:
        if self.pool is None:
            return self.start, self.stop
        return min(self.start, self.pool), min(self.stop, self.pool)

    @property
    def rest(self) -> tuple[int, int]:
        """Positions among the matches outside the pool, newest first."""
        if self.pool is None:
            return 0, 0
        return max(self.start, self.pool) - self.pool, max(self.stop, self.pool) - self.pool


def plan(request: SearchRequest, total: int, start: int, stop: int, pool: int = POOL) -> Slice:
    """Which parts of the order positions [start, stop) come from: a relevance search over more
    than `pool` matches ranks only its pool."""
    ranked_pool = pool if request.sort == "relevance" and total > pool else None
    return Slice(start, min(stop, total), ranked_pool)


def _sliced(sql: str, limit: int, offset: int) -> str:
    return f"{sql} LIMIT {int(limit)} OFFSET {int(offset)}"


def cutoff_sql(request: SearchRequest, source: Source, pool: int) -> tuple[str, dict]:
    """The lowest rowid of the pool: the `pool`-th match counting down from the highest
    rowid (FTS5 walks its matches in rowid order without reading positions)."""
    matches, params = where(request, source)
    sql = f"SELECT {request.index}.rowid {matches} ORDER BY {request.index}.rowid DESC"
    return _sliced(sql, 1, pool - 1), params


def pooled_sql(
    request: SearchRequest, source: Source, cutoff: int, limit: int, offset: int
) -> tuple[str, dict]:
    """One slice of the pool (matches from rowid `cutoff` up) by relevance: only they are
    scored."""
    matches, params = where(request, source)
    score = score_expression(request)
    sql = (
        f"SELECT a.rowid AS rowid, {score} AS score {matches} AND {request.index}.rowid >= :cutoff "
        f"ORDER BY {order_by(request)}"
    )
    return _sliced(sql, limit, offset), {**params, "cutoff": cutoff}


def by_date_sql(
    request: SearchRequest, source: Source, limit: int, offset: int, below: int | None = None
) -> tuple[str, dict]:
    """rowids of the matches in date order (newest first, or oldest first when asked), one
    slice, nothing scored; `below`: only the matches under that rowid (outside the pool)."""
    matches, params = where(request, source)
    if below is not None:
        matches += f" AND {request.index}.rowid < :below"
        params = {**params, "below": below}
    order = order_by(request).removeprefix("score, ")  # relevance's ties: newest first
    return _sliced(f"SELECT a.rowid AS rowid {matches} ORDER BY {order}", limit, offset), params


def scores_sql(request: SearchRequest, rowids: list[int]) -> tuple[str, dict]:
    """The bm25 score of the given matches only, a page's worth of them. One pass over the
    matches, the others skipped unscored (`+rowid`: not handed to FTS5, which would look each
    rowid up with a cursor of its own and count every term's documents again for each: ~10 ms
    a row for a four-word query)."""
    index = request.index
    marks = ", ".join(f":r{i}" for i in range(len(rowids)))
    sql = (
        f"SELECT rowid, {score_expression(request)} AS score FROM {index} "
        f"WHERE {index} MATCH :match AND +rowid IN ({marks})"
    )
    return sql, {"match": request.parsed.expression, **{f"r{i}": r for i, r in enumerate(rowids)}}


def all_scores_sql(request: SearchRequest) -> tuple[str, dict]:
    """The bm25 score of every match (for an export of them all)."""
    index = request.index
    score = score_expression(request)
    sql = f"SELECT rowid, {score} AS score FROM {index} WHERE {index} MATCH :match"
    return sql, {"match": request.parsed.expression}


def exact_sql(request: SearchRequest, source: Source, limit: int, offset: int) -> tuple[str, dict]:
    """Every match scored, in the requested order, one slice (few matches, or an archive so
    small that scoring them all is cheap)."""
    sql, params = ranked_sql(request, source)
    return _sliced(sql, limit, offset), params
