"""The publication calendar: a fixed map from generation number to date, bounded to 2014–2024.

Dates are counted in *working minutes*: every day contributes the 570 minutes from 00:30 to
09:59, the window in which the real portal's printed times cluster. Generated article ``g`` sits
near ``W * (g + 1) / (g + 1 + C)``: early articles spread over the years, later ones crowd
towards the end of 2024 but never pass it, whatever the number of articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

FIRST_DAY = date(2014, 1, 1)
LAST_DAY = date(2024, 12, 31)
DAY_MINUTES = 570
FIRST_MINUTE_OF_DAY = 30
TOTAL_MINUTES = ((LAST_DAY - FIRST_DAY).days + 1) * DAY_MINUTES
SPREAD = 300

_EPOCH = datetime.combine(FIRST_DAY, datetime.min.time())


def curve(g: int) -> int:
    """The ideal working minute of generated article ``g`` (monotone, always < TOTAL_MINUTES)."""
    return TOTAL_MINUTES * (g + 1) // (g + 1 + SPREAD)


def to_datetime(minute: int) -> datetime:
    day, offset = divmod(minute, DAY_MINUTES)
    return _EPOCH + timedelta(days=day, minutes=FIRST_MINUTE_OF_DAY + offset)


def to_minute(moment: datetime) -> int:
    """Inverse of :func:`to_datetime`; ``moment`` must fall inside the daily window."""
    offset = moment.hour * 60 + moment.minute - FIRST_MINUTE_OF_DAY
    if not 0 <= offset < DAY_MINUTES or moment.second:
        raise ValueError(f"{moment} is outside the 00:30-09:59 publishing window")
    return (moment.date() - FIRST_DAY).days * DAY_MINUTES + offset


class MinuteSequence:
    """Working minutes for g = 0, 1, 2, ... in order.

    Strictly increasing while room is left (each step takes at least one minute), skipping
    minutes held by fixed articles; once the end of 2024 is reached further articles share the
    last minute. Each value depends only on earlier ones, which keeps sites prefix-stable.
    """

    def __init__(self, reserved: Iterable[int] = ()) -> None:
        self._reserved = frozenset(reserved)
        self._previous = -1

    def next(self, g: int) -> int:
        minute = min(max(curve(g), self._previous + 1), TOTAL_MINUTES - 1)
        while minute in self._reserved and minute < TOTAL_MINUTES - 1:
            minute += 1
        self._previous = minute
        return minute
