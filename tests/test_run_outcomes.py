"""Runs that never lie: the exit status and the `crawls` row agree in every case, with real
processes and real files — a disk that fills mid-run, a site that cannot be reached, two runs
on one WARC folder or one database by two names, signals, another site's archive, bad input."""

from __future__ import annotations

import contextlib
import os
import pty
import resource
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.warc.writer import recover_open_files
from tests.conftest import (
    PYTHON,
    REPO,
    Replica,
    cli_command,
    free_port,
    run_crawl,
    start_replica,
    stop_replica,
)

WARCIO = str(Path(PYTHON).with_name("warcio"))
QUICK_FAIL = ("RETRY_TIMES=0",)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Iterator[Replica]:
    server = start_replica(tmp_path_factory.mktemp("small"), articles=30)
    yield server
    stop_replica(server)


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def lines(result: subprocess.CompletedProcess) -> list[str]:
    """What a run said, its periodic progress lines aside."""
    said = (result.stdout + result.stderr).splitlines()
    return [line for line in said if line.strip() and not line.startswith("Progress: ")]


def warcs_check(folder: Path) -> None:
    files = sorted(str(p) for p in folder.glob("*.warc.gz"))
    assert files and not list(folder.glob("*.open"))
    check = subprocess.run([WARCIO, "check", *files], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


# --- Disk full ----------------------------------------------------------------------------------


def mount_tmpfs(folder: Path, size: str) -> bool:
    """A small tmpfs of our own (root only); False where mounting is not allowed."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    folder.mkdir(exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True)  # fmt: skip
    return done.returncode == 0


def file_size_limit(limit: int):
    """The stand-in where no tmpfs can be mounted: RLIMIT_FSIZE, so a write past `limit`
    bytes fails with EFBIG (SIGXFSZ ignored) as a full disk fails with ENOSPC."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
@pytest.mark.parametrize("full", ["archive disk", "WARC folder only"])
def test_a_disk_that_fills_mid_run_fails_the_run_and_the_next_run_completes(
    request, tmp_path, full: str
) -> None:
    folder = tmp_path / "small-disk"
    mounted = mount_tmpfs(folder, "3m" if full == "archive disk" else "160k")
    # 320 articles fill 3 MB of database and WARC files; 30 articles, their print views and
    # pictures more than 160 KB of WARC files (it fills after about 20 articles: well before
    # the last, in whichever order the crawl happens to fetch them).
    smaller = mounted and full == "WARC folder only"
    replica = request.getfixturevalue("small" if smaller else "replica")
    folder.mkdir(exist_ok=True)
    db = folder / "archive.db" if full == "archive disk" else tmp_path / "archive.db"
    warcs = db.parent / "warcs" if full == "archive disk" else folder
    try:
        # Without a mount, every file of the run is capped (the database too): above the
        # database's reserve (archive.reserve), below what the crawl writes.
        limit = (
            None if mounted else file_size_limit(2_500_000 if replica.articles > 30 else 250_000)
        )
        cmd = [*cli_command("crawl", db, replica.url), "--warc-dir", str(warcs)]
        started = time.monotonic()
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=300,
                                preexec_fn=limit)  # fmt: skip
        took = time.monotonic() - started
        assert result.returncode == 1, result.stdout + result.stderr[-3000:]
        [line] = lines(result)
        target = f"could not write {folder}/" if mounted else "could not write /"
        assert target in line and "Traceback" not in line, line
        causes = ("No space left on device (ENOSPC)", "database or disk is full", "(EFBIG)")
        assert any(cause in line for cause in causes), line
        assert took < 60
        assert query(db, "PRAGMA integrity_check") == [("ok",)]
        assert query(db, "SELECT count(*) FROM articles WHERE warc_file IS NULL") == [(0,)]
        assert query(db, "SELECT count(*) FROM articles")[0][0] < replica.articles
        # The stand-in caps the database's own files too (a real full disk leaves the room the
        # run reserved beside its database), so only a real small disk checks the record.
        if mounted:
            [(status, reason, errors)] = query(
                db, "SELECT status, finish_reason, errors FROM crawls"
            )
            assert (status, reason) == ("failed", "storage")
            [(message,)] = query(db, "SELECT message FROM errors WHERE kind = 'storage'")
            assert message in line and errors >= 1
            assert query(db, "SELECT count(*) FROM errors WHERE kind = 'connection'") == [(0,)]
            subprocess.run(["mount", "-o", "remount,size=64m", str(folder)], check=True)
        again = run_crawl(db, replica.url, "ARCHIVE_WARC_DIR=" + str(warcs))
        assert again.returncode == 0, again.stdout + again.stderr[-3000:]
        assert query(db, "SELECT count(*), count(warc_file) FROM articles") == [
            (replica.articles, replica.articles)
        ]
        statuses = query(db, "SELECT status FROM crawls ORDER BY id")
        assert statuses == [("failed",), ("ok",)] if mounted else statuses[-1] == ("ok",)
        warcs_check(warcs)
        print(f"\ndisk full, {full} ({'tmpfs' if mounted else 'RLIMIT_FSIZE'}): {line}")
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


# --- Unreachable ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("where", ["nothing listens", "wrong path"])
def test_a_site_that_cannot_be_reached_fails(small, tmp_path, where: str) -> None:
    base = f"http://127.0.0.1:{free_port()}/" if where == "nothing listens" else small.url + "x/"
    db = tmp_path / "archive.db"
    result = run_crawl(db, base, *QUICK_FAIL)
    assert result.returncode == 1, result.stdout + result.stderr[-3000:]
    [line] = lines(result)
    assert f"could not reach {base}: " in line
    assert query(db, "SELECT status, finish_reason FROM crawls") == [("failed", "unreachable")]


# --- One writer per archive and per WARC folder -----------------------------------------------


def wait_for_lock_holder(lock: Path, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not (lock.exists() and lock.read_text().strip() == str(process.pid)):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the first run never took its lock"
        time.sleep(0.05)


def _has_an_article(db: Path) -> bool:
    try:
        return db.exists() and query(db, "SELECT count(*) FROM articles") > [(0,)]
    except sqlite3.OperationalError:  # the run has not made its tables yet
        return False


def wait_for_an_article(db: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    """Until the run has stored an article (on a loaded machine its extraction workers take
    seconds to start), so that stopping it later has something to keep."""
    deadline = time.monotonic() + timeout
    while not _has_an_article(db):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the first run stored no article"
        time.sleep(0.1)


@pytest.mark.slow
def test_a_shared_warc_folder_or_a_db_by_another_name_has_one_writer(small, tmp_path) -> None:
    warcs, first_db = tmp_path / "shared-warcs", tmp_path / "one" / "archive.db"
    first_db.parent.mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "link.db").symlink_to(first_db)
    slow = ("DOWNLOAD_DELAY=0.5", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "ARCHIVE_BATCH_SIZE=1")
    first = subprocess.Popen(
        [*cli_command("crawl", first_db, small.url, *slow), "--warc-dir", str(warcs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    try:
        wait_for_lock_holder(warcs / ".lock", first)
        wait_for_an_article(first_db, first)
        others = {
            "shared folder": [*cli_command("crawl", tmp_path / "two" / "archive.db", small.url),
                              "--warc-dir", str(tmp_path / "two" / ".." / "shared-warcs")],
            "symlinked db": cli_command("crawl", tmp_path / "link.db", small.url),
        }  # fmt: skip
        for name, command in others.items():
            second = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
            assert second.returncode == 75, (name, second.stdout + second.stderr[-2000:])
            [line] = lines(second)
            assert f"pid {first.pid}" in line, (name, line)
        assert first.poll() is None, "the first run must still be running"
    finally:
        first.terminate()  # a graceful stop: the first run closes its WARC file and its row
        out, err = first.communicate(timeout=120)
    assert first.returncode == 1 and "Crawl interrupted" in out, out + err[-3000:]
    assert not (tmp_path / "two" / "archive.db").exists()
    assert query(first_db, "SELECT count(*) FROM articles") > [(0,)]
    assert query(first_db, "SELECT count(*) FROM articles WHERE warc_file IS NULL") == [(0,)]
    assert query(first_db, "SELECT status FROM crawls") == [("interrupted",)]
    warcs_check(warcs)


STEM = "portal-archive-20260101000000000-00001"


def test_open_warc_files_are_recovered_only_when_their_writer_is_gone(tmp_path) -> None:
    sleeper = subprocess.Popen([PYTHON, "-c", "import time; time.sleep(60)"])
    try:
        gone = subprocess.run([PYTHON, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout.strip()  # fmt: skip
        for pid in (sleeper.pid, gone):
            (tmp_path / f"portal-archive-20260101000000000-00001-{pid}.warc.gz.open").write_bytes(
                b""
            )
        recovered = recover_open_files(tmp_path)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert recovered == [f"portal-archive-20260101000000000-00001-{gone}.warc.gz"]
    assert (
        tmp_path / f"portal-archive-20260101000000000-00001-{sleeper.pid}.warc.gz.open"
    ).exists()


# --- Signals, the archive's site ------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_records_interrupted(small, tmp_path, signum: int) -> None:
    db = tmp_path / "archive.db"
    command = cli_command("crawl", db, small.url, "DOWNLOAD_DELAY=0.05",
                          "CONCURRENT_REQUESTS_PER_DOMAIN=1")  # fmt: skip
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           cwd=REPO)  # fmt: skip
    deadline = time.monotonic() + 30
    while not query_ok(db, "SELECT count(*) FROM crawls"):  # the run has begun
        assert run.poll() is None and time.monotonic() < deadline, run.communicate()
        time.sleep(0.1)
    time.sleep(1)
    run.send_signal(signum)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 1, out + err[-3000:]
    assert "Crawl interrupted" in out and "Traceback" not in out + err
    assert query(db, "SELECT status FROM crawls") == [("interrupted",)]


def query_ok(db: Path, sql: str) -> bool:
    """True once `sql` gives a non-zero count (the database may not exist yet)."""
    try:
        return bool(query(db, sql)[0][0]) if db.exists() else False
    except sqlite3.Error:
        return False


@pytest.mark.slow
def test_an_archive_refuses_another_site_and_takes_its_own_at_another_address(
    small, tmp_path
) -> None:
    db = tmp_path / "archive.db"
    assert run_crawl(db, small.url).returncode == 0
    other = tmp_path / "other.yaml"
    profile = (REPO / "scraper" / "sites" / "phutho.yaml").read_text(encoding="utf-8")
    other.write_text(profile.replace("name: phutho", "name: othersite", 1), encoding="utf-8")
    command = cli_command("crawl", db, small.url) + ["--profile", str(other)]
    refused = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    [line] = lines(refused)
    assert "holds the site 'phutho'" in line and "--profile phutho" in line
    same_site = small.url.replace("127.0.0.1", "localhost")
    moved = run_crawl(db, same_site)
    assert moved.returncode == 0, moved.stdout + moved.stderr[-3000:]
    assert query(db, "SELECT base_url FROM crawls ORDER BY id")[-1] == (same_site,)
    assert query(db, "SELECT name FROM archive_site") == [("phutho",)]


# --- Bad input: one line each, the right exit status ------------------------------------------


def bad_inputs(tmp: Path) -> dict[str, tuple[list[str], int, str]]:
    (tmp / "folder.db").mkdir()
    (tmp / "junk.db").write_text("not a database\n")
    (tmp / "a-file").write_text("")
    (tmp / "broken.yaml").write_text("name: [unclosed\n")
    nowhere = "http://127.0.0.1:9/"
    crawl = [PYTHON, "-m", "portal_archive", "crawl", "--base-url", nowhere]
    return {
        "db is a folder": ([*crawl, "--db", str(tmp / "folder.db")], 2, "is a directory"),
        "db is not SQLite": ([*crawl, "--db", str(tmp / "junk.db")], 1, "not an SQLite database"),
        "db folder missing": (
            [*crawl, "--db", str(tmp / "typo" / "archive.db")], 2, "does not exist"
        ),
        "WARC folder not writable": (
            [*crawl, "--db", str(tmp / "ok.db"), "--warc-dir", str(tmp / "a-file" / "warcs")],
            1, "cannot write the WARC folder",
        ),
        "profile invalid": (
            [*crawl, "--db", str(tmp / "ok.db"), "--profile", str(tmp / "broken.yaml")], 2,
            "broken.yaml",
        ),
        "harvest db folder missing": (
            [PYTHON, "-m", "portal_archive", "harvest", "--base-url", nowhere, "--db",
             str(tmp / "typo" / "archive.db")], 2, "does not exist",
        ),
    }  # fmt: skip


@pytest.mark.slow
def test_every_bad_input_is_one_line_and_the_right_status(tmp_path) -> None:
    for name, (command, code, words) in bad_inputs(tmp_path).items():
        result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=60)
        said = [line for line in lines(result) if not line.startswith(("Usage:", "Try "))]
        assert result.returncode == code, (name, result.stdout + result.stderr)
        assert len(said) == 1 and words in said[0], (name, said)
        assert "Traceback" not in result.stderr, name
    assert not (tmp_path / "typo").exists()
    junk = [PYTHON, "-m", "portal_archive", "--debug", "crawl", "--db", str(tmp_path / "junk.db")]
    debug = subprocess.run(junk, capture_output=True, text=True, cwd=REPO, timeout=60)
    assert debug.returncode == 1 and "Traceback" in debug.stderr


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="a read-only file system needs a mount (root)")
def test_a_read_only_archive_is_one_line(small, tmp_path) -> None:
    folder = tmp_path / "ro"
    if not mount_tmpfs(folder, "8m"):
        pytest.skip("tmpfs cannot be mounted here")
    try:
        assert run_crawl(folder / "archive.db", small.url).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        result = run_crawl(folder / "archive.db", small.url)
        assert result.returncode == 1, result.stdout + result.stderr
        [line] = lines(result)
        assert "cannot write the archive" in line and "Read-only file system (EROFS)" in line
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


# --- What a person sees -------------------------------------------------------------------------


@pytest.mark.slow
def test_the_terminal_shows_progress_and_one_summary_line_and_scrapy_logs_to_a_file(
    small, tmp_path
) -> None:
    db = tmp_path / "archive.db"
    quiet = run_crawl(db, small.url)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr[-3000:]
    [summary] = quiet.stdout.splitlines()
    assert summary.startswith("Crawl ok (crawl #1") and summary.endswith(
        f"; log {db.with_suffix('.log')}"
    )
    assert all(line.startswith("Progress: pages ") for line in quiet.stderr.splitlines())
    log = db.with_suffix(".log").read_text(encoding="utf-8")
    assert "Spider opened" in log and "'downloader/request_count'" in log
    assert "Telnet" not in log  # Scrapy's remote-control listener stays off
    verbose = subprocess.run([*cli_command("crawl", db, small.url), "--verbose"],
                             capture_output=True, text=True, cwd=REPO)  # fmt: skip
    assert verbose.returncode == 0 and "[scrapy.core.engine] INFO: Spider opened" in verbose.stderr
    # On a terminal: one line redrawn in place, and no Scrapy log.
    leader, follower = pty.openpty()
    try:
        live = subprocess.run(cli_command("crawl", db, small.url), stdout=subprocess.PIPE,
                              stderr=follower, text=True, cwd=REPO)  # fmt: skip
        os.close(follower)
        shown = b""
        with contextlib.suppress(OSError):
            while chunk := os.read(leader, 65536):
                shown += chunk
    finally:
        os.close(leader)
    assert live.returncode == 0
    assert b"\r\x1b[Kpages " in shown and b"Progress:" not in shown and b"scrapy" not in shown
