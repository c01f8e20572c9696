"""Which site an archive holds: recorded by its first run, checked by every later one.

One archive, one site: another profile's pages would be refused by every later run of the
first (outside its hosts) and mixed into its search. The same site at another address (the
replica, a mirror: `--base-url`) is the same site; each run's `crawls.base_url` records where
it went. The one exception is the same school's successor site (a profile with
`successor_of:` naming the archived site): it is recorded beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class ArchivedSite:
    name: str
    title: str | None
    profile: str | None
    base_url: str | None


class OtherSite(ValueError):
    """The archive holds another site; the message says which and how to proceed."""


def archived_site(db: Database) -> ArchivedSite | None:
    """The site recorded in the archive, else the one its latest run crawled (archives made
    before the record existed), else None (a new archive)."""
    row = db.execute(
        "SELECT name, title, profile, base_url FROM archive_site ORDER BY recorded LIMIT 1"
    ).fetchone()
    if row:
        return ArchivedSite(*row)
    last = db.execute(
        "SELECT profile, base_url FROM crawls WHERE profile IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return ArchivedSite(last[0], None, None, last[1]) if last else None


def claim_site(
    db: Database,
    name: str,
    title: str,
    profile: str,
    base_url: str,
    now: str,
    where: str,
    successor_of: str | None = None,
) -> ArchivedSite:
    """Record the site on an archive's first run; raise `OtherSite` if it holds another one.
    A site that declares itself the successor of one the archive holds (the same school on a
    new platform) is taken and recorded beside it. `where` names the archive in the message."""
    held = archived_site(db)
    recorded = {row[0] for row in db.execute("SELECT name FROM archive_site")}
    known = recorded | ({held.name} if held else set())
    if held is not None and name not in known and successor_of not in known:
        raise OtherSite(
            f"{where} holds the site {held.name!r} ({held.base_url}), not {name!r}: use "
            f"another --db for {name!r}, or --profile {held.name} (with --base-url for "
            "another address of the same site)"
        )
    if name not in recorded:
        with db.atomic():
            db["archive_site"].insert(
                {
                    "name": name,
                    "title": title,
                    "profile": profile,
                    "base_url": base_url,
                    "recorded": now,
                }  # fmt: skip
            )
    return held or ArchivedSite(name, title, profile, base_url)
