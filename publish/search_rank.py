"""The order of a search's matches and the page of it asked for, without scoring every match of
a near-universal word.

Relevance is bm25 (the title weighing 5x the body), ties newest first. Scoring costs per match:
a word found in 95,000 of 100,000 articles takes ~100 ms to score in full, and bm25 then says
little (such a word's weight is near zero). So when a search matches more than `POOL`
articles, relevance orders its `POOL` newest matches and the rest follow, newest first. The
order is defined by the query alone (the same on every request, for pages and exports alike),
every match is on exactly one page and the total is exact. At or under `POOL` matches every
match is scored, as before. The date orders never score more than the rows shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.search_page import FACTS, SearchRequest, order_by, ranked_sql, score_expression, where

POOL = 5000


@dataclass(frozen=True)
class Slice:
    """Positions [start, stop) of the whole order, in its two parts: the ranked pool (the
    newest `pool` matches by relevance) and the rest (newest first). With no pool, `pooled`
    is the whole range, ranked."""

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
        """Positions in the date order of the matches (the pool is its first `pool`)."""
        if self.pool is None:
            return 0, 0
        return max(self.start, self.pool), max(self.stop, self.pool)


def plan(request: SearchRequest, total: int, start: int, stop: int, pool: int = POOL) -> Slice:
    """Which parts of the order positions [start, stop) come from: a relevance search over more
    than `pool` matches ranks only its newest `pool`."""
    ranked_pool = pool if request.sort == "relevance" and total > pool else None
    return Slice(start, min(stop, total), ranked_pool)


def by_date_sql(
    request: SearchRequest, authors: tuple[str, ...], limit: int, offset: int, facts: str = FACTS
) -> tuple[str, dict]:
    """rowids of the matches in date order (newest first, or oldest first when asked), one
    slice: nothing is scored."""
    source, params = where(request, authors, facts)
    order = order_by(request).removeprefix("score, ")  # relevance's ties: newest first
    sql = f"SELECT a.rowid AS rowid {source} ORDER BY {order}"
    return f"{sql} LIMIT {int(limit)} OFFSET {int(offset)}", params


def scores_sql(request: SearchRequest, rowids: list[int]) -> tuple[str, dict]:
    """The bm25 score of the given matches only."""
    index = request.index
    marks = ", ".join(f":r{i}" for i in range(len(rowids)))
    sql = (
        f"SELECT rowid, {score_expression(request)} AS score FROM {index} "
        f"WHERE {index} MATCH :match AND rowid IN ({marks})"
    )
    return sql, {"match": request.parsed.expression, **{f"r{i}": r for i, r in enumerate(rowids)}}


def all_scores_sql(request: SearchRequest) -> tuple[str, dict]:
    """The bm25 score of every match (for an export of them all)."""
    index = request.index
    score = score_expression(request)
    sql = f"SELECT rowid, {score} AS score FROM {index} WHERE {index} MATCH :match"
    return sql, {"match": request.parsed.expression}


def exact_sql(
    request: SearchRequest, authors: tuple[str, ...], limit: int, offset: int, facts: str = FACTS
) -> tuple[str, dict]:
    """Every match scored, in the requested order, one slice (few matches, or an archive so
    small that scoring them all is cheap)."""
    sql, params = ranked_sql(request, authors, facts)
    return f"{sql} LIMIT {int(limit)} OFFSET {int(offset)}", params


def rank_pool(rowids: list[int], scores: dict[int, float]) -> list[int]:
    """The pool (rowids newest first) by score; equal scores keep the date order."""
    position = {rowid: i for i, rowid in enumerate(rowids)}
    return sorted(rowids, key=lambda rowid: (scores[rowid], position[rowid]))
