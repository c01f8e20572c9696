"""An archive knows its site: storage functions on in-memory databases."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from archive.db.schema import ensure_schema
from archive.db.site import OtherSite, archived_site, claim_site

NOW = "2026-01-01T00:00:00.000000Z"


@pytest.fixture
def db() -> Database:
    database = Database(memory=True)
    ensure_schema(database)
    return database


def claim(db: Database, name: str, base_url: str = "http://a/", successor_of=None):
    return claim_site(db, name, "T", f"{name}.yaml", base_url, NOW, "archive.db",
                      successor_of=successor_of)  # fmt: skip


def test_the_first_run_records_the_site_and_another_address_is_the_same_site(db) -> None:
    claim(db, "phutho", "http://truongchinhtritinhphutho.gov.vn/")
    claim(db, "phutho", "http://127.0.0.1:8000/")  # the replica: the same site
    rows = list(db["archive_site"].rows)
    assert [(r["name"], r["base_url"]) for r in rows] == [
        ("phutho", "http://truongchinhtritinhphutho.gov.vn/")
    ]


def test_another_site_is_refused_saying_what_the_archive_holds(db) -> None:
    claim(db, "phutho")
    with pytest.raises(OtherSite, match=r"archive.db holds the site 'phutho' .*--profile phutho"):
        claim(db, "dongthap")
    assert [r["name"] for r in db["archive_site"].rows] == ["phutho"]


def test_the_successor_of_the_same_school_is_taken_and_recorded(db) -> None:
    claim(db, "phutho")
    claim(db, "phutho-2025", "https://truongchinhtri.phutho.gov.vn/", successor_of="phutho")
    claim(db, "phutho-2025")  # known from now on
    assert {r["name"] for r in db["archive_site"].rows} == {"phutho", "phutho-2025"}
    assert archived_site(db).name == "phutho"


def test_an_archive_made_before_the_record_knows_its_site_from_its_runs(db) -> None:
    db["crawls"].insert({"profile": "phutho", "base_url": "http://a/", "status": "ok"})
    with pytest.raises(OtherSite):
        claim(db, "dongthap")
    claim(db, "phutho")
    assert [r["name"] for r in db["archive_site"].rows] == ["phutho"]
