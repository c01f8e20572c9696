"""`portal-archive demo`: serve the replica, crawl it, publish the result."""

from __future__ import annotations

import subprocess
import sys
import threading

import click

from publish.serve import DEFAULT_METADATA, datasette_command, run_until_stopped
from replica import build_site, make_server

# Our own replica on loopback: no need to be polite to it.
REPLICA_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "ARCHIVE_RETRY_BACKOFF_BASE": 0.5,
}


def run_demo(articles: int, seed: int, db: str, port: int) -> int:
    site = build_site(articles, seed)
    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(f"Replica of {articles} articles at {base_url}; crawling into {db} …")
    crawl = [
        sys.executable, "-m", "portal_archive", "crawl", "--db", db, "--base-url", base_url,
        *[arg for k, v in REPLICA_SETTINGS.items() for arg in ("-s", f"{k}={v}")],
        # Pictures the replica's articles hot-link from other hosts: the replica answers for them.
        "-s", f"ARCHIVE_EMBED_PROXY={base_url}",
    ]  # fmt: skip
    code = subprocess.call(crawl)
    server.shutdown()
    if code not in (0, 3):
        click.echo(f"The crawl failed (exit {code}); nothing to publish.", err=True)
        return code
    click.echo(f"Browse the archive at http://127.0.0.1:{port}/ (Ctrl-C stops)")
    return run_until_stopped(datasette_command(db, "127.0.0.1", port, DEFAULT_METADATA))
