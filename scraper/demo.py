"""`portal-archive demo`: serve the replica, crawl it, publish the result."""

from __future__ import annotations

import subprocess
import sys
import threading

import click

from replica import build_site, make_server


def run_demo(articles: int, seed: int, db: str, port: int) -> int:
    from scraper.cli import DEFAULT_METADATA, REPLICA_SETTINGS, datasette_command

    site = build_site(articles, seed)
    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(f"Replica of {articles} articles at {base_url}; crawling into {db} …")
    crawl = [
        sys.executable, "-m", "scraper.cli", "crawl", "--db", db, "--base-url", base_url,
        *[arg for k, v in REPLICA_SETTINGS.items() for arg in ("-s", f"{k}={v}")],
    ]  # fmt: skip
    code = subprocess.call(crawl)
    server.shutdown()
    if code not in (0, 3):
        click.echo(f"The crawl failed (exit {code}); nothing to publish.", err=True)
        return code
    click.echo(f"Browse the archive at http://127.0.0.1:{port}/ (Ctrl-C stops)")
    return subprocess.call(datasette_command(db, "127.0.0.1", port, DEFAULT_METADATA))
