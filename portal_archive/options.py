"""Options every command shares, declared once: --db, --profile, -s, --warc-dir, --base-url."""

from __future__ import annotations

import click

from scraper.sites import DEFAULT_PROFILE, ProfileError, Site, available_profiles, load_site

DB_ENV = "PORTAL_ARCHIVE_DB"
PROFILE_HELP = f"Site profile: one of {', '.join(available_profiles())}, or a YAML path."
WARC_HELP = "Folder of WARC files [default: warcs/ beside the database]."


def _default_db() -> str:
    """The project setting ARCHIVE_DB (settings.py reads PORTAL_ARCHIVE_DB, the one place an
    environment variable is read)."""
    from portal_archive.runs import project_settings

    return project_settings({}).get("ARCHIVE_DB")


def db_option(help: str, exists: bool = False):
    return click.option(
        "--db",
        default=_default_db,
        show_default=f"${DB_ENV} or archive.db",
        type=click.Path(exists=exists, dir_okay=False),
        help=help,
    )


def profile_option(fn):
    return click.option("--profile", default=DEFAULT_PROFILE, show_default=True,
                        help=PROFILE_HELP)(fn)  # fmt: skip


def base_url_option(help: str):
    return click.option("--base-url", help=help)


def warc_dir_option(fn):
    return click.option("--warc-dir", type=click.Path(file_okay=False), help=WARC_HELP)(fn)


def settings_option(fn):
    return click.option(
        "-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
        help="Scrapy setting, as with `scrapy crawl -s` (e.g. -s DOWNLOAD_DELAY=0). Repeatable.",
    )(fn)  # fmt: skip


def site_or_usage_error(profile: str, base_url: str | None = None) -> Site:
    """The site, or click's usage error (exit 2) naming what is wrong with the profile."""
    try:
        return load_site(profile, base_url)
    except ProfileError as exc:
        message = str(exc)
        if message.startswith("--base-url"):
            hint, message = "--base-url", message.removeprefix("--base-url").lstrip(": ")
        else:
            hint = "--profile"
        raise click.BadParameter(message, param_hint=hint) from exc


def checked_settings(pairs: tuple[str, ...], profile: str, base_url: str | None) -> dict:
    """`-s NAME=VALUE` pairs and the profile, checked before anything runs (usage error, 2)."""
    from portal_archive.runs import parse_setting_pairs

    try:
        overrides = parse_setting_pairs(pairs)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="-s") from exc
    site_or_usage_error(profile, base_url)
    return overrides
