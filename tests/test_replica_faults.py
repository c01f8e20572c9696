"""The replica's fault modes: off by default, selectable by name, listed with outcomes."""

from __future__ import annotations

import json
import subprocess
import threading

import pytest

from replica.faults.plan import FAULT_NAMES, HUB, FaultPlan, parse_names
from replica.generate.build import build_site
from replica.serve.http_server import make_server
from scraper.extraction.encoding import decode_html
from tests.conftest import PYTHON, REPO
from tests.test_replica import fetch, static_part


@pytest.fixture(scope="module")
def servers():
    site = build_site(40, 1)
    plain = make_server(site, port=0)
    faulty = make_server(site, port=0, faults=FaultPlan(site, parse_names("all"), 9))
    for srv in (plain, faulty):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield plain, faulty
    for srv in (plain, faulty):
        srv.shutdown()
        srv.server_close()


def test_names_are_checked() -> None:
    assert parse_names("all") == FAULT_NAMES
    assert parse_names("tcvn3, redirects") == ("tcvn3", "redirects")
    assert parse_names("") == ()
    with pytest.raises(ValueError, match="unknown fault"):
        parse_names("tcvn3,nope")


def test_without_faults_the_site_is_unchanged(servers) -> None:
    plain, faulty = servers
    status, _, home = fetch(plain, "/")
    assert status == 200 and HUB not in home
    assert fetch(plain, HUB)[0] == 404
    assert fetch(plain, "/loi/may-chu/")[0] == 404
    _, _, faulty_home = fetch(faulty, "/")
    assert HUB in faulty_home
    assert static_part(faulty_home).replace(
        '<p class="hub"><a href="/tong-hop-lien-ket/">Liên kết khác</a></p>', ""
    ) == static_part(home)


def test_every_fault_url_is_linked_from_the_hub(servers) -> None:
    _, faulty = servers
    plan = faulty.faults
    _, _, hub = fetch(faulty, HUB)
    for fault in plan.table(faulty.server_address[1]):
        if fault.outcome in ("recovered",) or fault.name == "slow":
            continue  # good articles, linked from their listings
        assert (
            f'href="{fault.url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}'
            in hub
            or (fault.outcome == "fetched-once")
        ), fault.url


def test_legacy_pages_are_served_in_their_encoding(servers) -> None:
    _, faulty = servers
    faults = {f.name: f for f in faulty.faults.table(faulty.server_address[1])}
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", faulty.server_address[1], timeout=10)
    conn.request("GET", faults["tcvn3"].url)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.getheader("Content-Type") == "text/html"
    assert b"B\xe5i d\xad" in body  # "Bồi dư…" in TCVN3
    assert faults["tcvn3"].article["title"] in decode_html(body, "tcvn3")


def test_list_faults_prints_the_table() -> None:
    out = subprocess.run(
        [PYTHON, "-m", "replica", "--list-faults", "--articles", "40", "--port", "8123"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=60,
    ).stdout
    table = [json.loads(line) for line in out.splitlines()]
    assert {row["name"] for row in table} == set(FAULT_NAMES)
    assert all(row["outcome"] for row in table)
    assert {row["group"] for row in table} == {"server", "navigation", "content"}
