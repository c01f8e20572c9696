"""The search index and document references of each article, as extraction derived them.

The two full-text indexes are external-content FTS5 tables over `articles`: their words come
from `articles_search_text` (exact and folded forms, computed by extraction, where the folding
lives), their snippets and highlights from the original `articles` text. Triggers in the schema
keep the indexes equal to `articles_search_text`, and drop an article's entry as soon as its
title or body changes by any path; `index_article` then writes the new entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from scraper.extraction import SearchText, search_text
from scraper.extraction.references import DocumentRef, find_references


def index_article(db: Database, url: str, text: SearchText) -> None:
    """(Re)write the search entry of one stored article."""
    row = db.execute("SELECT rowid FROM articles WHERE url = ?", [url]).fetchone()
    if row is None:
        return
    db.execute("DELETE FROM articles_search_text WHERE rowid = ?", [row[0]])
    db.execute(
        "INSERT INTO articles_search_text "
        "(rowid, title_exact, body_exact, title_folded, body_folded) VALUES (?, ?, ?, ?, ?)",
        [row[0], text.title_exact, text.body_exact, text.title_folded, text.body_folded],
    )


def save_document_refs(db: Database, url: str, refs: Iterable[DocumentRef]) -> int:
    """Replace the article's rows in `document_refs`; returns how many it cites."""
    db.execute("DELETE FROM document_refs WHERE article = ?", [url])
    rows = [{"article": url, "position": i, **ref.as_dict()} for i, ref in enumerate(refs)]
    db["document_refs"].insert_all(rows, pk=("article", "position"))
    return len(rows)


def rebuild(db: Database) -> None:
    """Re-derive search text and references for every article (a migration's job: rows
    stored before these tables existed have only their text)."""
    query = "SELECT url, title, body_text FROM articles"
    for url, title, body in db.execute(query).fetchall():
        index_article(db, url, search_text(title, body or ""))
        save_document_refs(db, url, find_references(body or ""))
