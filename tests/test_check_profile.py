"""`portal-archive check-profile` on the Phú Thọ replica with the bundled profile."""

from __future__ import annotations

import subprocess

from tests.conftest import PYTHON, REPO, Replica


def test_check_profile_on_the_replica(replica: Replica) -> None:
    command = [PYTHON, "-m", "portal_archive", "check-profile", "--profile", "phutho",
               "--base-url", replica.url, "--delay", "0", "--categories", "3"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Profile phutho at {replica.url}"
    assert lines[1] == f"home     {replica.url}  200"
    listings = [line for line in lines if line.startswith("listing  ")]
    assert len(listings) == 3
    assert listings[0] == (f"listing  {replica.url}tin-tuc-su-kien/  200  items 10  "
                           f"next {replica.url}tin-tuc-su-kien/page/2/")  # fmt: skip
    articles = [line for line in lines if line.startswith("article  ")]
    assert len(articles) == 2 and all(line.endswith("(profile rules)") for line in articles)
    prints = [line for line in lines if line.startswith("  print:  ")]
    assert len(prints) == 2 and all(f"{replica.url}print/" in line for line in prints)
    assert not [line for line in lines if line.startswith("warning")]
    assert lines[-1].startswith("OK: 2 articles with title, date and body")
    requests = replica.requests()
    assert len([r for r in requests if r["path"] == "/robots.txt"]) >= 1
    assert all("portal-archive/" in (r["ua"] or "") for r in requests[-12:])


def test_check_profile_help() -> None:
    done = subprocess.run([PYTHON, "-m", "portal_archive", "check-profile", "--help"],
                          capture_output=True, text=True, cwd=REPO)  # fmt: skip
    assert done.returncode == 0 and "--base-url" in done.stdout and "Exit status" in done.stdout
