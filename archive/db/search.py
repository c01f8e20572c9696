"""The search index and document references of each article, as extraction derived them.

The two full-text indexes are external-content FTS5 tables over `articles`: their words come
from `articles_search_text` (exact and folded forms, computed by extraction, where the folding
lives), their snippets and highlights from the original `articles` text. Triggers in the schema
keep the indexes equal to `articles_search_text`, and drop an article's entry as soon as its
title or body changes by any path; `index_article` then writes the new entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import fields

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


_REF_FIELDS = tuple(f.name for f in fields(DocumentRef))
_INSERT_REFS = (
    f"INSERT INTO document_refs (article, position, {', '.join(_REF_FIELDS)}) "
    f"VALUES ({', '.join('?' * (len(_REF_FIELDS) + 2))})"
)


def save_document_refs(db: Database, url: str, refs: Iterable[DocumentRef]) -> int:
    """Replace the article's rows in `document_refs`; returns how many it cites. (One prepared
    INSERT for all of them: sqlite-utils' insert_all reads the table's shape on every call,
    which cost more than the writes for an article's few rows.)"""
    rows = [(url, i, *(getattr(ref, f) for f in _REF_FIELDS)) for i, ref in enumerate(refs)]
    # A transaction of its own only when the caller has none (a savepoint costs as much again).
    with nullcontext() if db.conn.in_transaction else db.atomic():
        db.execute("DELETE FROM document_refs WHERE article = ?", [url])
        if rows:
            db.conn.executemany(_INSERT_REFS, rows)
    return len(rows)


def rebuild(db: Database) -> None:
    """Re-derive search text and references for every article (a migration's job: rows
    stored before these tables existed have only their text)."""
    query = "SELECT url, title, body_text FROM articles"
    for url, title, body in db.execute(query).fetchall():
        index_article(db, url, search_text(title, body or ""))
        save_document_refs(db, url, find_references(body or ""))
