"""What is derived from an article on every save: its search text and its document references.

The two full-text indexes are external-content FTS5 tables over `articles`: their words come
from `articles_search_text` (exact and folded forms computed here, in Python, where the folding
lives), their snippets and highlights from the original `articles` text. Triggers in the schema
keep the indexes equal to `articles_search_text`, and drop an article's entry as soon as its
title or body changes by any path; `index_article` then writes the new entry.
"""

from __future__ import annotations

from sqlite_utils import Database

from scraper.extraction.references import find_references
from scraper.vntext import exact_form, fold


def index_article(db: Database, url: str) -> None:
    """(Re)write the search entry of one article from its stored title and body."""
    row = db.execute("SELECT rowid, title, body_text FROM articles WHERE url = ?", [url]).fetchone()
    if row is None:
        return
    rowid, title, body = row[0], row[1] or "", row[2] or ""
    db.execute("DELETE FROM articles_search_text WHERE rowid = ?", [rowid])
    db.execute(
        "INSERT INTO articles_search_text "
        "(rowid, title_exact, body_exact, title_folded, body_folded) VALUES (?, ?, ?, ?, ?)",
        [rowid, exact_form(title), exact_form(body), fold(title), fold(body)],
    )


def save_document_refs(db: Database, url: str, body_text: str) -> int:
    """Replace the article's rows in `document_refs`; returns how many it cites."""
    db.execute("DELETE FROM document_refs WHERE article = ?", [url])
    refs = find_references(body_text or "")
    db["document_refs"].insert_all(
        ({"article": url, "position": i, **ref.as_dict()} for i, ref in enumerate(refs)),
        pk=("article", "position"),
    )
    return len(refs)


def rebuild(db: Database) -> None:
    """Re-derive search text and references for every article (after a migration)."""
    for url, body in db.execute("SELECT url, body_text FROM articles").fetchall():
        index_article(db, url)
        save_document_refs(db, url, body)
