"""A generic crawl (`--profile generic`, no profile) of the replica against the profile's crawl
of the same replica, in the same run: coverage (articles found / articles served), extra rows
that are not articles, and fields right (title, date, author, body) against the replica's model.

    python -m bench.generic_crawl [--articles 320] [--site phutho|phutho-2025]

`score_archive` is what tests/test_generic_crawl.py asserts floors on.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bench.procs import PYTHON, REPO, Server
from bench.scenarios import FAST

FIELDS = ("title", "published", "author", "body")


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def _body_right(body_text: str | None, article) -> bool:
    """The body holds the first and last paragraph of the model, and nothing after it."""
    body = _squash(body_text)
    paragraphs = article.paragraphs
    ends = _squash(paragraphs[0]) in body and _squash(paragraphs[-1]) in body
    return ends and not any(m in body for m in ("Các tin khác", "[Trở về]", "In bài viết"))


def score_archive(db: Path, articles: list) -> dict:
    """Coverage, extra rows and fields right of an archive crawled from a replica whose model
    articles are `articles` (replica.build_site(...).articles)."""
    by_path = {a.path: a for a in articles}
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "select url, title, published, author, body_text from articles"
        ).fetchall()
    found = [(row, by_path[urlsplit(row["url"]).path]) for row in rows
             if urlsplit(row["url"]).path in by_path]  # fmt: skip
    right = dict.fromkeys(FIELDS, 0)
    for row, article in found:
        expected = article.expected()
        right["title"] += row["title"] == expected["title"]
        right["published"] += row["published"] == expected["published"]
        right["author"] += row["author"] == expected["author"]
        right["body"] += _body_right(row["body_text"], article)
    extra = len(rows) - len(found)
    return {
        "served": len(articles),
        "rows": len(rows),
        "found": len(found),
        "coverage": len(found) / len(articles) if articles else 0.0,
        "extra_rows": extra,
        "junk_share": extra / len(rows) if rows else 0.0,
        **{f"{name}_right": right[name] / len(found) if found else 0.0 for name in FIELDS},
    }


def crawl(db: Path, url: str, profile: str, *extra: str) -> subprocess.CompletedProcess:
    settings = {**FAST, "ARCHIVE_EMBED_PROXY": url, "ARCHIVE_CAPTURE_EMBEDS": "off"}
    cmd = [PYTHON, "-m", "portal_archive.cli", "crawl", "--db", str(db), "--base-url", url,
           "--profile", profile, *extra]  # fmt: skip
    cmd += [arg for k, v in settings.items() for arg in ("-s", f"{k}={v}")]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=1200)


def _model(site: str, articles: int, seed: int) -> list:
    if site == "phutho":
        from replica import build_site

        return build_site(articles, seed).articles
    from replica import build_successor_site  # the successor replica's ground truth

    return build_successor_site(articles, seed).articles


def _start(site: str, articles: int, seed: int) -> Server:
    which = [] if site == "phutho" else ["--site", site]
    return Server([PYTHON, "-m", "replica", *which, "--port", "0",
                   "--articles", str(articles), "--seed", str(seed)])  # fmt: skip


def generic_vs_profile(articles: int = 320, seed: int = 1, site: str = "phutho") -> dict:
    """Crawls of one replica in one run: generic (writing a draft), then the draft profile,
    then (the old portal) its own profile, the baseline; each scored against the model."""
    model = _model(site, articles, seed)
    runs: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        server = _start(site, articles, seed)
        try:
            crawls = [("generic", "generic", ["--write-profile", str(work / "draft.yaml")]),
                      ("draft", str(work / "draft.yaml"), [])]  # fmt: skip
            if site == "phutho":
                crawls.append(("profile", "phutho", []))
            for name, profile, extra in crawls:
                done = crawl(work / f"{name}.db", server.url, profile, *extra)
                runs[name] = {**score_archive(work / f"{name}.db", model),
                              "summary": done.stdout.strip().splitlines()[-1:]}  # fmt: skip
        finally:
            server.stop()
    base = runs.get("profile", runs["draft"])
    runs["generic_vs_" + ("profile" if "profile" in runs else "draft")] = {
        key: round(runs["generic"][key] / base[key], 3) if base[key] else None
        for key in ("coverage", *(f"{f}_right" for f in FIELDS))
    }
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=320)
    parser.add_argument("--site", default="phutho", help="phutho, or phutho-2025 (successor)")
    args = parser.parse_args()
    figures = generic_vs_profile(args.articles, site=args.site)
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
