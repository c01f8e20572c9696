"""What a harvest knows before it starts: which articles are archived and which to revisit.

Plain data, loaded from the archive by the runner (`pipelines.frontier.load_frontier`) and handed
to the harvest spider, so the spider never reads the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Revisit:
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Frontier:
    # Articles archived by a run that finished: a listing page holding only these ends a walk.
    # (Articles stored by a killed run are not settled, so a rerun still pages past them.)
    settled: frozenset[str] = frozenset()
    # Every archived article URL (never requested again except as a revisit).
    archived: frozenset[str] = frozenset()
    # Articles to revisit with conditional requests (the window, or all with --full).
    revisits: tuple[Revisit, ...] = ()
    # Attachment URLs already stored or skipped, and (url, article) pairs still to fetch.
    attachments: frozenset[str] = frozenset()
    pending_attachments: tuple[tuple[str, str], ...] = ()
    full: bool = False
    notes: dict = field(default_factory=dict, compare=False)


def fresh_links(links: list[str], seen: set[str]) -> list[str]:
    """The links of a listing page not already seen earlier in the same category walk (the
    site-wide "latest news" box repeats on every page and must not keep a walk going)."""
    fresh = [link for link in dict.fromkeys(links) if link not in seen]
    seen.update(links)
    return fresh


def keep_paging(fresh: list[str], frontier: Frontier) -> bool:
    """Page on while a listing page holds any article a finished run has not archived."""
    return frontier.full or any(link not in frontier.settled for link in fresh)
