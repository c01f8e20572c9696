"""Vietnamese date lines: exact tables, and no input ever raises."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scraper.extraction.dates import parse_date_line


@pytest.mark.parametrize(
    ("raw", "iso", "problem"),
    [
        ("Thứ ba, 27.06.2023 00:42", "2023-06-27T00:42:00+07:00", None),
        ("Chủ nhật, 05.03.2023 09:10", "2023-03-05T09:10:00+07:00", None),
        ("Thứ năm, 12.01.2023 GMT+7", "2023-01-12T00:00:00+07:00", None),
        ("Thứ tư, 19 Tháng 5, 2021 - 03:26", "2021-05-19T03:26:00+07:00", None),
        ("19/05/2023 06:17", "2023-05-19T06:17:00+07:00", None),
        ("Thứ tư, 27.06.2023 00:42", None, "weekday-mismatch"),
        ("31.02.2023 10:00", None, "unparseable"),
        ("", None, "missing"),
        ("không rõ ngày", None, "unparseable"),
    ],
)
def test_parse_date_line(raw: str, iso: str | None, problem: str | None) -> None:
    parsed = parse_date_line(raw)
    assert (parsed.iso, parsed.problem) == (iso, problem)
    assert parsed.raw == raw


def test_future_dates_are_unknown_not_guessed() -> None:
    parsed = parse_date_line("Thứ ba, 27.06.2023 00:42", now=datetime(2023, 6, 1))
    assert (parsed.iso, parsed.problem) == (None, "future")


def test_offset_comes_from_the_profile() -> None:
    assert parse_date_line("27.06.2023 00:42", "+00:00").iso == "2023-06-27T00:42:00+00:00"


@given(st.text(max_size=60))
def test_any_string_gives_a_date_or_unknown(text: str) -> None:
    parsed = parse_date_line(text)
    assert (parsed.iso is None) == (parsed.problem is not None)
