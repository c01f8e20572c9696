"""One article on two sites: the old site's copy and the successor's, linked by `same_as`.

After the 2025 merger the school republished some of its articles on its successor site under
new URLs, title and body unchanged. Both rows and both captures are kept; each row's
`same_as` names the other copy's URL. Two rows are copies when their `text_hash` (the NFC,
whitespace-folded, case-folded title and body) is equal and they belong to different sites.

A column, not a table of pairs: an archive holds one site and at most its successor
(archive.db.site), so an article has at most one copy elsewhere. When a site holds the same
text twice (a duplicate on one site is not a migration), the other site's copy is linked to
the first of them (first seen, then rowid) and the second stays unlinked.

A cross-post on another host with a credit line is not the same text (the credit is part of
its body), and a copy on the same site is never linked: neither is merged.
"""

from __future__ import annotations

import hashlib

from sqlite_utils import Database

from scraper.extraction.text import casefold


def text_hash(title: str | None, body_text: str | None) -> str:
    """SHA-256 of the title and body as a reader compares them: NFC, whitespace folded, case
    folded (a successor may print a title in capitals). Author, date and category are not in
    it: a new platform may print them differently."""
    text = casefold(title or "") + "\x1f" + casefold(body_text or "")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def unlink(db: Database, url: str) -> None:
    """Drop the links of one row (its text changed, or it is about to be linked again)."""
    db.execute("UPDATE articles SET same_as = NULL WHERE same_as = ?", [url])
    db.execute("UPDATE articles SET same_as = NULL WHERE url = ?", [url])


def link(db: Database, url: str) -> str | None:
    """Link a stored article to its copy on another site, in whichever order the two were
    stored; returns the other copy's URL, or None when there is none (or it is taken)."""
    row = db.execute(
        "SELECT site, text_hash, same_as FROM articles WHERE url = ?", [url]
    ).fetchone()
    if row is None or row[0] is None or row[1] is None:
        return None
    site, key, current = row
    if current is not None:
        return current
    other = db.execute(
        "SELECT url FROM articles WHERE text_hash = ? AND site IS NOT NULL AND site != ? "
        "AND same_as IS NULL ORDER BY first_seen, rowid LIMIT 1",
        [key, site],
    ).fetchone()
    if other is None:
        return None
    # The first row of this text on its own site takes the link (duplicates stay unlinked).
    first = db.execute(
        "SELECT url FROM articles WHERE text_hash = ? AND site = ? AND same_as IS NULL "
        "ORDER BY first_seen, rowid LIMIT 1",
        [key, site],
    ).fetchone()
    if first is None or first[0] != url:
        return None
    db.execute("UPDATE articles SET same_as = ? WHERE url = ?", [other[0], url])
    db.execute("UPDATE articles SET same_as = ? WHERE url = ?", [url, other[0]])
    return other[0]


def relink(db: Database, url: str) -> str | None:
    """Link one row afresh (its text changed): old links go, a copy of the new text is found."""
    unlink(db, url)
    return link(db, url)


def relink_all(db: Database) -> int:
    """The re-link step for existing rows: every row's `text_hash` derived from its stored
    text where missing, then every unlinked row linked to its copy on another site, oldest
    first. Returns how many pairs the archive holds."""
    missing = db.execute(
        "SELECT url, title, body_text FROM articles WHERE text_hash IS NULL"
    ).fetchall()
    for url, title, body in missing:
        db.execute("UPDATE articles SET text_hash = ? WHERE url = ?", [text_hash(title, body), url])
    candidates = db.execute(
        "SELECT url FROM articles WHERE same_as IS NULL AND text_hash IN ("
        "SELECT text_hash FROM articles WHERE site IS NOT NULL "
        "GROUP BY text_hash HAVING count(DISTINCT site) > 1) ORDER BY first_seen, rowid"
    ).fetchall()
    for (url,) in candidates:
        link(db, url)
    return db.execute("SELECT count(*) FROM articles WHERE same_as IS NOT NULL").fetchone()[0] // 2
