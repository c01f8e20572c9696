"""The command line: help everywhere, clear errors on bad options, `extract` on a saved page."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from portal_archive.cli import main
from tests.markup import seed_page, table_layout

COMMANDS = sorted(main.commands)


def test_every_command_has_help() -> None:
    runner = CliRunner()
    assert {"crawl", "replica", "extract", "serve", "demo"} <= set(COMMANDS)
    for name in COMMANDS:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output and main.commands[name].help.split()[0] in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "-s", "DOWNLOAD_DELAY"], "is not NAME=VALUE"),
        (["crawl", "--profile", "nope"], "no site profile 'nope'"),
        (["crawl", "--base-url", "127.0.0.1:80"], "not an absolute http(s) URL"),
        (["replica", "--articles", "abc"], "is not a valid integer"),
        (["extract", "missing.html", "--url", "http://x/"], "No such file"),
    ],
)
def test_bad_options_say_what_is_wrong(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output


def test_extract_prints_the_fields_as_json(tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text(table_layout(seed_page()), encoding="utf-8")
    url = "http://truongchinhtritinhphutho.gov.vn/noi-san/khoi-thi-dua.html"
    result = CliRunner().invoke(main, ["extract", str(page), "--url", url, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["published"] == "2023-06-27T00:42:00+07:00"
    assert data["author"] == "ThS. Nguyễn Thị Nhàn"
    assert data["body_text"].startswith("Khối thi đua")
