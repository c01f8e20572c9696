"""`portal-archive harvest | reextract | replay`: the archival commands (issue 3)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from scraper.profiles import DEFAULT_PROFILE, ProfileError, available_profiles, load_profile

PROFILE_HELP = f"Site profile: one of {', '.join(available_profiles())}, or a YAML path."
WARC_HELP = "Folder of WARC files [default: warcs/ beside the database]."


def _warc_dir(db: str, warc_dir: str | None) -> Path:
    return Path(warc_dir) if warc_dir else Path(db).resolve().parent / "warcs"


def checked_settings(pairs: tuple[str, ...], profile: str, base_url: str | None) -> dict:
    """`-s NAME=VALUE` pairs and the profile, checked before anything runs (usage error, 2)."""
    from scraper.crawl import parse_setting_pairs

    try:
        overrides = parse_setting_pairs(pairs)
        load_profile(profile, base_url)
    except (ValueError, ProfileError) as exc:
        raise click.BadParameter(str(exc)) from exc
    return overrides


def finish(label: str, result, db: str) -> None:
    """The run's one summary line, then its exit status."""
    if result.status == "locked":
        click.echo(f"{label} locked: {result.summary}", err=True)
    else:
        click.echo(f"{label} {result.status} (crawl #{result.crawl_id} in {db}): {result.summary}")
    sys.exit(result.exit_code)


@click.command()
@click.option("--db", default="archive.db", show_default=True, help="SQLite database to update.")
@click.option("--base-url", help="Harvest the profile's site at this URL (e.g. the replica).")
@click.option("--profile", default=DEFAULT_PROFILE, show_default=True, help=PROFILE_HELP)
@click.option("--full", is_flag=True, help="Walk every listing page and revisit every article.")
@click.option("--warc-dir", type=click.Path(file_okay=False), help=WARC_HELP)
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting, as with `scrapy crawl -s`. Repeatable.")  # fmt: skip
def harvest(db, base_url, profile, full, warc_dir, settings) -> None:
    """Fetch what is new since the last run (for cron); ends with one summary line.

    Walks each category newest first and stops where the archive begins; revisits recent
    articles with conditional requests (ARCHIVE_REVISIT_DAYS). --full also finds edits and
    deletions anywhere. Exit status: 0 ok, 3 finished with errors, 1 failed, 75 another run
    holds the archive (nothing changed).
    """
    from scraper.crawl import run_harvest

    overrides = checked_settings(settings, profile, base_url)
    result = run_harvest(db, base_url, profile, overrides, full, warc_dir)
    finish("Harvest --full" if full else "Harvest", result, db)


@click.command()
@click.option("--db", default="archive.db", show_default=True, type=click.Path(exists=True))
@click.option("--profile", default=DEFAULT_PROFILE, show_default=True, help=PROFILE_HELP)
@click.option("--warc-dir", type=click.Path(file_okay=False), help=WARC_HELP)
def reextract(db: str, profile: str, warc_dir: str | None) -> None:
    """Re-run extraction on every article from its WARC capture (no network).

    Rows that come out the same are not touched; a changed content_hash keeps the old state in
    article_versions. Exit status 75 if another run holds the archive.
    """
    from pipelines.reextract import reextract as run
    from pipelines.schema import open_db
    from scraper.crawl import EXIT_LOCKED
    from scraper.items import utc_now
    from scraper.lock import Locked, archive_lock

    try:
        site = load_profile(profile)
    except ProfileError as exc:
        raise click.BadParameter(str(exc), param_hint="--profile") from exc
    try:
        with archive_lock(db):
            archive = open_db(db)
            counts = run(archive, _warc_dir(db, warc_dir), site, utc_now())
            archive.close()
    except Locked as error:
        click.echo(f"Re-extraction locked: {error}", err=True)
        sys.exit(EXIT_LOCKED)
    click.echo(
        f"Re-extracted {counts.seen} articles: unchanged {counts.unchanged}, updated "
        f"{counts.updated}, new versions {counts.changed}, without capture {counts.missing}, "
        f"failed {counts.failed}"
    )
    sys.exit(1 if counts.failed else 0)


@click.command()
@click.option("--url", required=True, help="The archived URL (canonical form).")
@click.option("--at", help="A time (ISO 8601 or 14 digits); the nearest capture wins [latest].")
@click.option("--db", default="archive.db", show_default=True, help="Locates warcs/ beside it.")
@click.option("--warc-dir", type=click.Path(file_okay=False), help=WARC_HELP)
@click.option("--info", is_flag=True, help="Print the capture's index entry, not its payload.")
def replay(url: str, at: str | None, db: str, warc_dir: str | None, info: bool) -> None:
    """Write the archived payload of URL (as captured nearest --at) to standard output."""
    from pipelines.cdxj import lookup
    from pipelines.warc import read_capture

    directory = _warc_dir(db, warc_dir)
    found = lookup(directory, url, at)
    if found is None:
        click.echo(f"No capture of {url} in {directory}", err=True)
        sys.exit(1)
    if info:
        click.echo(json.dumps(found, ensure_ascii=False))
        return
    sys.stdout.buffer.write(read_capture(directory, found["filename"], int(found["offset"])))
    sys.stdout.buffer.flush()
