"""`portal-archive`: a thin command group over the same functions the tests call."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click

from scraper import __version__, archive_cli
from scraper.profiles import DEFAULT_PROFILE, ProfileError, available_profiles, load_profile

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_METADATA = REPO_ROOT / "datasette.yml"
# Our own replica on loopback: no need to be polite to it.
REPLICA_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "ARCHIVE_RETRY_BACKOFF_BASE": 0.5,
}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="portal-archive")
def main() -> None:
    """Archive the Phú Thọ provincial political school portal (or its replica) into SQLite
    and publish it with Datasette."""


@main.command()
@click.option("--db", default="archive.db", show_default=True, help="SQLite database to write.")
@click.option("--base-url", help="Crawl the profile's site at this URL instead (e.g. the replica).")
@click.option(
    "--profile",
    default=DEFAULT_PROFILE,
    show_default=True,
    help=f"Site profile: one of {', '.join(available_profiles())}, or a YAML path.",
)
@click.option(
    "-s",
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Scrapy setting, as with `scrapy crawl -s` (e.g. -s DOWNLOAD_DELAY=0). Repeatable.",
)
@click.option("--warc-dir", type=click.Path(file_okay=False), help=archive_cli.WARC_HELP)
def crawl(
    db: str, base_url: str | None, profile: str, settings: tuple[str, ...], warc_dir: str | None
) -> None:
    """Crawl the portal into DB, showing progress; ends with a summary line.

    Exit status: 0 all pages archived, 3 finished with errors (see the `errors` table),
    1 the crawl failed, 75 another run holds the archive.
    """
    from scraper.crawl import run_crawl

    overrides = archive_cli.checked_settings(settings, profile, base_url)
    result = run_crawl(db, base_url, profile, overrides, warc_dir)
    archive_cli.finish("Crawl", result, db)


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
def replica(
    port: int,
    articles: int,
    seed: int,
    edits: int,
    log_path: str | None,
    faults: str,
    decoy_port: int | None,
) -> None:
    """Serve a deterministic replica of the portal on 127.0.0.1 (prints its URL).

    `python -m replica --list-faults` lists every fault mode with its URLs and expected outcome.
    """
    from replica import parse_fault_names as parse_names
    from replica import run_server as run

    try:
        names = parse_names(faults)
        run(port, articles, seed, log_path, names, decoy_port, edits)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


@main.command()
@click.argument("file", type=click.File("rb"))
@click.option("--url", required=True, help="The URL the page was fetched from.")
@click.option("--profile", default=DEFAULT_PROFILE, show_default=True, help="Profile name/path.")
@click.option("--generic", is_flag=True, help="Ignore profiles; generic rules only.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of FILE.")
@click.option("--json", "as_json", is_flag=True, help="Print all fields as JSON.")
def extract(file, url: str, profile: str, generic: bool, encoding: str, as_json: bool) -> None:
    """Extract the article fields from one saved page FILE."""
    from scraper.extraction import extract as run_extract
    from scraper.extraction.encoding import decode_html

    try:
        site = None if generic else load_profile(profile)
    except ProfileError as exc:
        raise click.BadParameter(str(exc), param_hint="--profile") from exc
    result = run_extract(url, decode_html(file.read(), encoding), site).as_dict()
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for key in ("title", "published", "author", "author_role", "category", "print_id"):
        click.echo(f"{key}: {result[key]}")
    click.echo(f"\n{result['body_text']}")


DEFAULT_PLUGINS = REPO_ROOT / "plugins"
DEFAULT_TEMPLATES = REPO_ROOT / "templates"
SQL_TIME_LIMIT_MS = 3000


def datasette_command(db: str, host: str, port: int, metadata: Path) -> list[str]:
    """Datasette over DB, read-only: immutable (-i), an SQL time limit, our plugin and pages.

    The same as `datasette serve -i archive.db -m datasette.yml --plugins-dir plugins
    --template-dir templates --setting sql_time_limit_ms 3000 -h 127.0.0.1 -p 8001`.
    """
    return [
        sys.executable, "-m", "datasette", "serve", "-i", db, "-m", str(metadata),
        "--plugins-dir", str(DEFAULT_PLUGINS), "--template-dir", str(DEFAULT_TEMPLATES),
        "--setting", "sql_time_limit_ms", str(SQL_TIME_LIMIT_MS),
        "-h", host, "-p", str(port),
    ]  # fmt: skip


@main.command()
@click.option("--db", default="archive.db", show_default=True, type=click.Path(exists=True))
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
    sys.exit(subprocess.call(datasette_command(db, host, port, Path(metadata))))


@main.command()
@click.option("--articles", default=500, show_default=True)
@click.option("--seed", default=1, show_default=True)
@click.option("--db", default="archive.db", show_default=True)
@click.option("--port", default=8001, show_default=True, help="Datasette port.")
def demo(articles: int, seed: int, db: str, port: int) -> None:
    """The whole path on the built-in default: replica -> crawl -> Datasette."""
    from scraper.demo import run_demo

    sys.exit(run_demo(articles, seed, db, port))


for command in (archive_cli.harvest, archive_cli.reextract, archive_cli.replay):
    main.add_command(command)

if __name__ == "__main__":
    main()
