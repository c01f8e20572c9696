"""WARC writing, torn-tail recovery and the CDXJ index, on files in a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive.db.frontier import Frontier
from archive.warc import cdxj
from archive.warc.reader import read_capture, read_record
from archive.warc.scan import complete_members
from archive.warc.writer import (
    Exchange,
    WarcWriter,
    consistent_headers,
    recover_open_files,
)
from scraper.spiders.harvest import fresh_links, keep_paging

WARCIO = str(Path(sys.executable).with_name("warcio"))
INFO = {"software": "portal-archive/test"}


def exchange(n: int, size: int = 2000) -> Exchange:
    body = (f"<html><body>trang {n} Đảng</body></html>".encode() * size)[: size + n]
    return Exchange(
        url=f"http://127.0.0.1:8000/noi-san/bai-{n}.html",
        method="GET",
        request_headers=[("Host", "127.0.0.1:8000"), ("User-Agent", "test")],
        status=200,
        protocol="HTTP/1.1",
        response_headers=[
            ("Content-Type", "text/html; charset=utf-8"),
            ("Transfer-Encoding", "chunked"),
        ],  # fmt: skip
        body=body,
    )


def check(path: Path) -> None:
    result = subprocess.run([WARCIO, "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ([("Content-Length", "3")], [("Content-Length", "3")]),
        ([("Content-Length", "9")],
         [("X-Archive-Orig-Content-Length", "9"), ("Content-Length", "3")]),
        ([("Transfer-Encoding", "chunked")],
         [("X-Archive-Orig-Transfer-Encoding", "chunked"), ("Content-Length", "3")]),
        ([("Content-Encoding", "gzip")], [("Content-Encoding", "gzip"), ("Content-Length", "3")]),
    ],
)  # fmt: skip
def test_headers_agree_with_the_stored_body(headers, expected) -> None:
    assert consistent_headers(headers, b"abc") == expected


def test_records_read_back_and_rotate(tmp_path) -> None:
    writer = WarcWriter(tmp_path, "t", max_size=800, info=INFO)
    captures = [writer.write(exchange(n)) for n in range(6)]
    writer.close()
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert len(files) > 1 and not list(tmp_path.glob("*.open"))
    for n, capture in enumerate(captures):
        assert read_capture(tmp_path, capture.warc_file, capture.offset) == exchange(n).body
    for path in files:
        check(path)
    found = cdxj.lookup(tmp_path, exchange(3).url, captures[3].warc_date)
    assert (found["filename"], int(found["offset"])) == (captures[3].warc_file, captures[3].offset)


def test_a_torn_last_record_is_cut_and_pointers_before_it_still_read(tmp_path) -> None:
    writer = WarcWriter(tmp_path, "t", max_size=10**9, info=INFO)
    kept = [writer.write(exchange(n)) for n in range(3)]
    torn = writer.write(exchange(3, size=50_000))
    writer.file.flush()
    path = tmp_path / (writer.name + ".open")
    os.truncate(path, torn.offset + torn.length // 2)  # the process died mid-record
    writer.file = None  # abandoned, as by SIGKILL
    assert recover_open_files(tmp_path) == [writer.name]
    final = tmp_path / writer.name
    assert final.stat().st_size == torn.offset  # the request record after it was never written
    check(final)
    for n, capture in enumerate(kept):
        assert read_capture(tmp_path, capture.warc_file, capture.offset) == exchange(n).body
    assert len(list(complete_members(final))) == 1 + 2 * 3  # warcinfo + 3 pairs
    assert exchange(3).url not in final.with_suffix("").with_suffix(".cdxj").read_text()


# Keys as pywb 2.10 (pywb.utils.canonicalize) and cdxj-indexer make them.
@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://www.truongchinhtritinhphutho.gov.vn/noi-san/A.html",
         "vn,gov,truongchinhtritinhphutho)/noi-san/a.html"),
        ("http://mail.truongchinhtritinhphutho.gov.vn/noi-san/",
         "vn,gov,truongchinhtritinhphutho,mail)/noi-san"),
        ("http://127.0.0.1:18101/gioi-thieu/", "1,0,0,127:18101)/gioi-thieu"),
        ("http://127.0.0.1:8000/x/?p=1&a=2", "1,0,0,127:8000)/x?a=2&p=1"),
        ("http://127.0.0.1:80/", "1,0,0,127)/"),
    ],
)  # fmt: skip
def test_surt_keys_are_pywbs(url, key) -> None:
    assert cdxj.surt(url) == key


def not_modified(previous) -> Exchange:
    return Exchange(
        url=exchange(1).url, method="GET",
        request_headers=[("Host", "127.0.0.1:8000"), ("If-None-Match", '"v1"')],
        status=304, protocol="HTTP/1.1",
        response_headers=[("ETag", '"v1"'), ("Date", "Mon, 30 Nov 2026 08:00:00 GMT")],
        body=b"", previous=previous,
    )  # fmt: skip


def test_a_304_and_an_identical_payload_become_revisits_that_replay(tmp_path) -> None:
    writer = WarcWriter(tmp_path, "t", max_size=10**9, info=INFO)
    first = writer.write(exchange(1))
    again = writer.write(exchange(1))  # the same bytes: identical-payload-digest
    unchanged = writer.write(not_modified((first.warc_file, first.offset)))
    # A 304 whose validators came from a revisit names that revisit's original.
    twice = writer.write(not_modified((unchanged.warc_file, unchanged.offset)))
    writer.close()
    cdxj.merge_index(tmp_path)
    check(tmp_path / first.warc_file)
    for capture, profile in ((again, "identical-payload-digest"),
                             (unchanged, "server-not-modified"),
                             (twice, "server-not-modified")):  # fmt: skip
        headers, http, payload = read_record(tmp_path / capture.warc_file, capture.offset)
        assert headers.get_header("WARC-Type") == "revisit"
        assert headers.get_header("WARC-Profile").endswith(f"/revisit/{profile}")
        assert headers.get_header("WARC-Refers-To-Target-URI") == exchange(1).url
        assert headers.get_header("WARC-Refers-To-Date") == first.warc_date
        assert capture.digest == first.digest and payload == exchange(1).body
        assert http.get_statuscode() == "200"
    http = read_record(tmp_path / unchanged.warc_file, unchanged.offset)[1]
    assert http.get_header("X-Archive-Orig-Status") == "304 Not Modified"
    assert http.get_header("ETag") == '"v1"'
    latest = cdxj.lookup(tmp_path, exchange(1).url)
    assert latest["mime"] == "warc/revisit" and latest["revisit"] == "server-not-modified"
    assert read_capture(tmp_path, latest["filename"], int(latest["offset"])) == exchange(1).body
    # A recovered file is indexed from its records alone, to the same lines.
    sidecar = (tmp_path / first.warc_file).with_suffix("").with_suffix(".cdxj")
    assert sorted(cdxj.entries_of(tmp_path / first.warc_file)) == sidecar.read_text().splitlines()


def test_a_304_with_no_capture_to_refer_to_is_kept_but_never_replayed(tmp_path) -> None:
    writer = WarcWriter(tmp_path, "t", max_size=10**9, info=INFO)
    first = writer.write(exchange(1))
    bare = writer.write(not_modified(("elsewhere.warc.gz", 0)))  # its file is not here
    writer.close()
    headers, http, payload = read_record(tmp_path / bare.warc_file, bare.offset)
    assert headers.get_header("WARC-Type") == "response" and http.get_statuscode() == "304"
    latest = cdxj.lookup(tmp_path, exchange(1).url)
    assert (latest["offset"], latest["status"]) == (str(first.offset), "200")


def test_index_lines_are_in_pywbs_order_with_alias_lines(tmp_path) -> None:
    writer = WarcWriter(tmp_path, "t", max_size=10**9, info=INFO)
    for path in ("/b/", "/a-b/", "/a/"):
        writer.write(Exchange(**{**exchange(1).__dict__, "url": f"http://127.0.0.1:8000{path}"}))
    writer.close()
    index = cdxj.merge_index(tmp_path, {"127.0.0.1:8000": ("mail.127.0.0.1:8000",)})
    lines = index.read_bytes().splitlines()
    assert lines == sorted(lines) and len(lines) == 6
    alias = [json.loads(line.split(b" ", 2)[2]) for line in lines if b",mail:" in line]
    assert [a["url"] for a in alias] == [
        f"http://mail.127.0.0.1:8000{p}" for p in ("/a/", "/a-b/", "/b/")
    ]
    assert all(a["alias_of"] == a["url"].replace("mail.", "") for a in alias)


def test_each_run_merges_only_its_own_sidecars_into_the_index(tmp_path) -> None:
    aliases = {"127.0.0.1:8000": ("mail.127.0.0.1:8000",)}

    def run(first: int) -> None:
        writer = WarcWriter(tmp_path, f"run{first}", max_size=10**9, info=INFO)
        for n in range(first, first + 3):
            writer.write(exchange(n, size=50))
        writer.close()

    def rebuilt(with_aliases: dict) -> bytes:
        (tmp_path / cdxj.SOURCES_NAME).unlink()
        return cdxj.merge_index(tmp_path, with_aliases).read_bytes()

    run(1)
    index = cdxj.merge_index(tmp_path, aliases)
    run(10)
    sidecar = sorted(cdxj.sidecars(tmp_path))[0]
    kept, times = sidecar.read_bytes(), sidecar.stat()
    # A stand-in of the same size and time: were the merged sidecars read again, it would show.
    sidecar.write_bytes(bytes(b if b == 10 else 120 for b in kept))
    os.utime(sidecar, ns=(times.st_atime_ns, times.st_mtime_ns))
    grown = cdxj.merge_index(tmp_path, aliases).read_bytes()
    assert len(grown.splitlines()) == 12 and b"xxx" not in grown  # 6 captures, 6 alias lines
    sidecar.write_bytes(kept)
    assert rebuilt(aliases) == grown
    record = json.loads((tmp_path / cdxj.SOURCES_NAME).read_text())
    assert set(record["sidecars"]) == {p.name for p in cdxj.sidecars(tmp_path)}
    # Nothing new: the index is left as it is.
    before = index.stat().st_mtime_ns
    assert cdxj.merge_index(tmp_path, aliases) == index and index.stat().st_mtime_ns == before
    # An index that is not what its record says (edited, or a run stopped between the index's
    # rename and the record's) is rebuilt, not added to: no line twice.
    index.write_bytes(grown.splitlines(keepends=True)[0])
    assert cdxj.merge_index(tmp_path, aliases).read_bytes() == grown
    # A run of another site (no aliases given) keeps this site's; a run of this site with other
    # aliases replaces them, for every capture of the site.
    assert cdxj.merge_index(tmp_path, {}).read_bytes() == grown
    other = {"127.0.0.1:8000": ("www.127.0.0.1:8000",)}
    lines = cdxj.merge_index(tmp_path, other).read_bytes().splitlines()
    assert sum(b'"alias_of"' in line for line in lines) == 6
    assert not any(b"mail." in line for line in lines)


def test_two_sites_in_one_folder_keep_each_others_alias_lines(tmp_path) -> None:
    def run(prefix: str, host: str, n: int) -> None:
        writer = WarcWriter(tmp_path, prefix, max_size=10**9, info=INFO)
        page = exchange(n, size=50)
        writer.write(Exchange(**{**page.__dict__, "url": page.url.replace("127.0.0.1:8000", host)}))
        writer.close()

    site_a = {"127.0.0.1:8000": ("mail.127.0.0.1:8000",)}
    site_b = {"127.0.0.2:8000": ("mail.127.0.0.2:8000",)}
    run("a", "127.0.0.1:8000", 1)
    cdxj.merge_index(tmp_path, site_a)
    run("b", "127.0.0.2:8000", 2)
    cdxj.merge_index(tmp_path, site_b)
    run("c", "127.0.0.1:8000", 3)
    index = cdxj.merge_index(tmp_path, site_a).read_bytes()
    alias_of = [json.loads(line.split(b" ", 2)[2])["url"] for line in index.splitlines()
                if b'"alias_of"' in line]  # fmt: skip
    assert sorted(alias_of) == [
        "http://mail.127.0.0.1:8000/noi-san/bai-1.html",
        "http://mail.127.0.0.1:8000/noi-san/bai-3.html",
        "http://mail.127.0.0.2:8000/noi-san/bai-2.html",
    ]
    (tmp_path / cdxj.SOURCES_NAME).unlink()  # a rebuild from the sidecars gives the same index
    assert cdxj.merge_index(tmp_path, {**site_a, **site_b}).read_bytes() == index


def test_the_sorted_index_is_searched_line_by_line_only_near_the_key(tmp_path) -> None:
    lines = sorted(f"k{n:05d} {'x' * (n % 300)}\n".encode() for n in range(0, 20000, 2))
    path = tmp_path / "sorted.cdxj"
    path.write_bytes(b"".join(lines))
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    with open(path, "rb") as handle:
        for n in (0, 1, 2, 4001, 9998, 19998, 19999, 25000):
            key = f"k{n:05d} ".encode()
            first = next((i for i, line in enumerate(lines) if line >= key), len(lines))
            assert cdxj._first_line_from(handle, key) == starts[first], n


def test_a_later_run_finds_identical_payloads_in_the_index(tmp_path) -> None:
    first_run = WarcWriter(tmp_path, "a", max_size=10**9, info=INFO)
    originals = [first_run.write(exchange(n, size=300)) for n in range(60)]
    first_run.close()
    cdxj.merge_index(tmp_path)
    assert (tmp_path / cdxj.INDEX_NAME).stat().st_size > 2 * cdxj._SCAN_BYTES
    second_run = WarcWriter(tmp_path, "b", max_size=10**9, info=INFO)
    again = second_run.write(exchange(37, size=300))  # the same bytes as the first run's
    fresh = second_run.write(exchange(60, size=300))  # a URL the index does not hold
    changed = second_run.write(Exchange(**{**exchange(5, size=300).__dict__, "body": b"new"}))
    second_run.close()
    kinds = [read_record(tmp_path / c.warc_file, c.offset)[0].get_header("WARC-Type")
             for c in (again, fresh, changed)]  # fmt: skip
    assert kinds == ["revisit", "response", "response"]
    headers = read_record(tmp_path / again.warc_file, again.offset)[0]
    assert headers.get_header("WARC-Refers-To-Date") == originals[37].warc_date
    # An index gone in the middle of a run costs a revisit, never the capture.
    third_run = WarcWriter(tmp_path, "c", max_size=10**9, info=INFO)
    (tmp_path / cdxj.INDEX_NAME).unlink()
    whole = third_run.write(exchange(38, size=300))
    third_run.close()
    headers = read_record(tmp_path / whole.warc_file, whole.offset)[0]
    assert headers.get_header("WARC-Type") == "response"


def test_listing_walk_rules() -> None:
    seen: set[str] = set()
    assert fresh_links(["a", "b", "latest"], seen) == ["a", "b", "latest"]
    assert fresh_links(["c", "latest"], seen) == ["c"]  # the latest box repeats
    settled = Frontier(settled=frozenset({"a", "b", "c"}))
    assert keep_paging(["a", "new"], settled) and not keep_paging(["b", "c"], settled)
    assert keep_paging([], Frontier(full=True))
