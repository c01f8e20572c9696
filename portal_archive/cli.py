"""`portal-archive`: a thin command group over the same functions the tests call."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import click

from portal_archive.options import (
    base_url_option,
    checked_settings,
    db_option,
    profile_option,
    settings_option,
    site_or_usage_error,
    warc_dir_option,
)
from publish.serve import DEFAULT_METADATA, datasette_command, run_until_stopped
from scraper import __version__


class Commands(click.Group):
    """Any error a command did not expect is one line and exit status 1; `--debug` (before the
    command) shows its traceback instead."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 - the one place that turns errors into a line
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {error or type(error).__name__} (--debug shows where)", err=True)
            sys.exit(1)


verbose_option = click.option(
    "--verbose", is_flag=True, help="Scrapy's whole log on the terminal (else in a file beside DB)."
)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="portal-archive")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Archive the Phú Thọ provincial political school portal (or its replica) into SQLite
    and publish it with Datasette."""
    ctx.obj = {"debug": debug}


def finish(label: str, result, db: str) -> None:
    """The run's one summary line, then its exit status."""
    if result.status in ("locked", "refused"):
        if result.cause is not None and click.get_current_context().find_root().params["debug"]:
            traceback.print_exception(result.cause)
        click.echo(f"{label} {result.status}: {result.summary}", err=True)
    else:
        log = f"; log {result.log}" if result.log else ""
        line = f"{label} {result.status} (crawl #{result.crawl_id} in {db}): {result.summary}"
        click.echo(line + log)
    sys.exit(result.exit_code)


@main.command()
@db_option("SQLite database to write.")
@base_url_option("Crawl the profile's site at this URL instead (e.g. the replica).")
@profile_option
@settings_option
@warc_dir_option
@verbose_option
@click.option(
    "--write-profile",
    type=click.Path(dir_okay=False),
    help="With --profile generic: write a draft site profile (YAML) of what the crawl learned.",
)
def crawl(
    db: str,
    base_url: str | None,
    profile: str,
    settings: tuple[str, ...],
    warc_dir: str | None,
    verbose: bool,
    write_profile: str | None,
) -> None:
    """Crawl the portal into DB, showing progress; ends with a summary line.

    Exit status: 0 all pages archived, 3 finished with errors (see the `errors` table),
    1 the crawl failed (site unreachable, a write failed, interrupted), 2 bad command line,
    75 another run holds the archive or its WARC folder.

    `--profile generic --base-url URL` crawls a portal no profile describes: it finds the
    site's sitemaps, feeds, listings and articles itself (at most ARCHIVE_GENERIC_MAX_PAGES
    pages) and says in the summary how many article-like pages it found.
    """
    from portal_archive.runs import crawl_spider, run_crawl

    overrides = checked_settings(settings, profile, base_url)
    generic = crawl_spider(profile) == "discover"
    if generic and not base_url:
        raise click.BadParameter(
            "the generic profile needs the portal's address: --base-url URL", param_hint="--profile"
        )
    if write_profile:
        if not generic:
            raise click.BadParameter(
                f"a draft profile is written by a generic crawl only (--profile generic), "
                f"not with --profile {profile}",
                param_hint="--write-profile",
            )
        if not Path(write_profile).resolve().parent.is_dir():
            raise click.BadParameter(
                f"{write_profile}: its folder does not exist; expected a YAML file path in an "
                "existing folder",
                param_hint="--write-profile",
            )
        overrides["ARCHIVE_WRITE_PROFILE"] = str(Path(write_profile).resolve())
    finish("Crawl", run_crawl(db, base_url, profile, overrides, warc_dir, verbose), db)


@main.command()
@db_option("SQLite database to update.")
@base_url_option("Harvest the profile's site at this URL (e.g. the replica).")
@profile_option
@click.option("--full", is_flag=True, help="Walk every listing page and revisit every article.")
@warc_dir_option
@settings_option
@verbose_option
def harvest(db, base_url, profile, full, warc_dir, settings, verbose) -> None:
    """Fetch what is new since the last run (for cron); ends with one summary line.

    Walks each category newest first: its first ARCHIVE_HARVEST_DEPTH pages always, then on
    while pages hold anything new, plus a slice of the deeper pages (all of them every
    ARCHIVE_SWEEP_RUNS harvests); revisits recent articles with conditional requests
    (ARCHIVE_REVISIT_DAYS). --full also finds edits and deletions anywhere. Exit status: 0 ok,
    3 finished with errors, 1 failed or interrupted, 2 bad command line, 75 another run holds
    the archive (nothing changed).
    """
    from portal_archive.runs import crawl_spider, run_harvest

    overrides = checked_settings(settings, profile, base_url)
    if crawl_spider(profile) == "discover":
        raise click.BadParameter(
            "the generic profile knows no listings to harvest; crawl the portal with "
            "`crawl --profile generic --write-profile FILE.yaml`, then harvest with that profile",
            param_hint="--profile",
        )
    result = run_harvest(db, base_url, profile, overrides, full, warc_dir, verbose)
    finish("Harvest --full" if full else "Harvest", result, db)


@main.command()
@db_option("SQLite database to update.", exists=True)
@profile_option
@warc_dir_option
@settings_option
def reextract(db: str, profile: str, warc_dir: str | None, settings: tuple[str, ...]) -> None:
    """Re-run extraction on every article from its WARC capture (no network).

    The same extraction as the crawl's, with its limits (ARCHIVE_EXTRACT_*) and worker
    processes. Rows that come out the same are not touched; a changed content_hash keeps the
    old state in article_versions. Exit status 75 if another run holds the archive.
    """
    from portal_archive.reextraction import run_reextract

    overrides = checked_settings(settings, profile, None)
    sys.exit(run_reextract(db, site_or_usage_error(profile), warc_dir, overrides))


@main.command()
@click.option("--url", required=True, help="The archived URL (canonical form).")
@click.option("--at", help="A time (ISO 8601 or 14 digits); the nearest capture wins [latest].")
@db_option("The archive (its runs record where their WARC files are).")
@warc_dir_option
@click.option("--info", is_flag=True, help="Print the capture's index entry, not its payload.")
def replay(url: str, at: str | None, db: str, warc_dir: str | None, info: bool) -> None:
    """Write the archived payload of URL (as captured nearest --at) to standard output."""
    from archive.warc.cdxj import lookup_in
    from archive.warc.reader import read_capture
    from portal_archive.reextraction import capture_folders

    folders = capture_folders(db, warc_dir)
    found = lookup_in(folders, url, at)
    if found is None:
        click.echo(f"No capture of {url} in {', '.join(map(str, folders))}", err=True)
        sys.exit(1)
    folder, entry = found
    if info:
        click.echo(json.dumps(entry, ensure_ascii=False))
        return
    sys.stdout.buffer.write(read_capture(folder, entry["filename"], int(entry["offset"])))
    sys.stdout.buffer.flush()


@main.command("export-wacz")
@db_option("The archive to package.", exists=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The .wacz to write.")
@click.option("--since", help="Only WARC files written from this date (YYYY-MM-DD) on, with the "
              "files their revisit records refer to.")  # fmt: skip
@warc_dir_option
def export_wacz(db: str, out: str, since: str | None, warc_dir: str | None) -> None:
    """Package the archive's WARC files, an index and pages.jsonl (one line per article: url,
    title, ts) as a WACZ for ReplayWeb.page or pywb; `wacz validate -f FILE` checks it.

    Needs the `wacz` package: pip install 'portal-archive[wacz]'.
    """
    from archive.wacz import export_wacz as package
    from portal_archive.reextraction import capture_folders

    try:
        done = package(db, capture_folders(db, warc_dir), Path(out), since, say=click.echo)
    except ModuleNotFoundError as exc:
        raise click.ClickException(
            f"export-wacz needs the wacz package ({exc.name} is missing): "
            "pip install 'portal-archive[wacz]'"
        ) from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Wrote {out}: {len(done.warcs)} WARC file(s), {done.pages} pages")


@main.command()
@click.option("--port", default=0, show_default=True, help="Port on 127.0.0.1 (0: the OS picks).")
@click.option("--articles", default=300, show_default=True, help="How many articles to serve.")
@click.option("--seed", default=1, show_default=True, help="Same seed, same site.")
@click.option(
    "--edits", default=0, show_default=True, help="Edit the bodies of this many old articles."
)
@click.option("--log", "log_path", type=click.Path(dir_okay=False), help="JSON-lines request log.")
@click.option("--faults", default="", help="Misbehave on purpose: 'all' or comma-separated names.")
@click.option("--decoy-port", type=int, help="Another loopback port faulty pages point at.")
@click.option(
    "--site",
    default="phutho",
    show_default=True,
    help="Which replica: phutho (the old portal), phutho-2025 (its successor, https, with "
    "the sister portal danguykhoi on a second port) or nukeviet-example (the NukeViet-style "
    "sibling of README's 'Adding a portal').",
)
@click.option("--http", is_flag=True, help="phutho-2025: plain http instead of https.")
@click.option(
    "--second-port", default=0, show_default=True, help="phutho-2025: the sister portal's port."
)
@click.option(
    "--old-articles",
    default=300,
    show_default=True,
    help="phutho-2025: size of the old site whose newest articles migrated.",
)
def replica(
    port: int,
    articles: int,
    seed: int,
    edits: int,
    log_path: str | None,
    faults: str,
    decoy_port: int | None,
    site: str,
    http: bool,
    second_port: int,
    old_articles: int,
) -> None:
    """Serve a deterministic replica of the portal on 127.0.0.1 (prints its URL).

    `python -m replica --list-faults` lists every fault mode with its URLs and expected outcome
    (`--site phutho-2025 --list-faults` for the successor's).
    """
    from replica import check_site, serve_site

    try:
        check_site(site)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--site") from exc
    try:
        serve_site(
            site, port=port, articles=articles, seed=seed, log_path=log_path, faults=faults,
            decoy_port=decoy_port, edits=edits, http=http, second_port=second_port,
            old_articles=old_articles,
        )  # fmt: skip
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


@main.command()
@click.argument("file", type=click.File("rb"))
@click.option("--url", required=True, help="The URL the page was fetched from.")
@profile_option
@click.option("--generic", is_flag=True, help="Ignore profiles; generic rules only.")
@click.option(
    "--encoding", help="Encoding of FILE [default: decided from its bytes, as the crawl does]."
)
@click.option("--json", "as_json", is_flag=True, help="Print all fields as JSON.")
def extract(file, url: str, profile: str, generic: bool, encoding: str | None, as_json: bool):
    """Extract the article fields from one saved page FILE (the crawl's extraction, with its
    limits; the page is taken as fetched now)."""
    from portal_archive.reextraction import extract_file
    from scraper.extraction.encoding import looks_binary

    site = None if generic else site_or_usage_error(profile)
    body = file.read()
    if looks_binary(body):
        click.echo(f"{file.name}: binary data, not a page; nothing to extract", err=True)
        sys.exit(1)
    try:
        result = extract_file(body, url, site, encoding)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--url") from exc
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for key in ("title", "published", "author", "author_role", "category", "print_id"):
        click.echo(f"{key}: {result[key]}")
    for problem in result["problems"]:
        click.echo(f"note: {problem['kind']}: {problem['message']}")
    click.echo(f"\n{result['body_text']}")


@main.command("check-profile")
@profile_option
@base_url_option("The site to try the profile on [default: the profile's base_url].")
@click.option("--categories", default=5, show_default=True, help="Listings to fetch (page 1).")
@click.option("--articles", default=2, show_default=True, help="Articles to extract.")
@click.option("--delay", default=1.0, show_default=True, help="Seconds between requests.")
def check_profile(profile: str, base_url: str | None, categories: int, articles: int,
                  delay: float) -> None:  # fmt: skip
    """Try a profile on a live site: fetch home, a few listings, articles and print views
    politely, and print what it finds (listings, articles, warnings).

    Exit status: 0 every article checked has a title, a date and a body; 1 something is
    missing (one line says what); 2 the profile or the command line is wrong.
    """
    from portal_archive.check_profile import run_check

    site = site_or_usage_error(profile, base_url)
    sys.exit(run_check(site, delay, categories, articles, click.echo))


@main.command()
@db_option("The archive to publish.", exists=True)
@click.option("--port", default=8001, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Bind address (loopback; anything else publishes the archive to the network).",
)
@click.option("--metadata", default=str(DEFAULT_METADATA), show_default=True, type=click.Path())
def serve(db: str, port: int, host: str, metadata: str) -> None:
    """Publish DB with Datasette: read-only (immutable), SQL time limit, Vietnamese search,
    article pages and charts (browsing, facets, exports)."""
    click.echo(f"Datasette on http://{host}:{port}/ (Ctrl-C stops)")
    sys.exit(run_until_stopped(datasette_command(db, host, port, Path(metadata))))


@main.command()
@click.option("--articles", default=500, show_default=True)
@click.option("--seed", default=1, show_default=True)
@db_option("SQLite database to write.")
@click.option("--port", default=8001, show_default=True, help="Datasette port.")
def demo(articles: int, seed: int, db: str, port: int) -> None:
    """The whole path on the built-in default: replica -> crawl -> Datasette."""
    from portal_archive.demo import run_demo

    sys.exit(run_demo(articles, seed, db, port))


if __name__ == "__main__":
    main()
