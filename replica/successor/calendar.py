"""Publication times of the articles published after the merger: prefix-stable, bounded.

Article ``n`` (0-based, in publication order) sits near ``W * (n + 1) / (n + 1 + SPREAD)``
working minutes after 1 July 2025: the first ones spread over months, later ones crowd towards
the end of June 2026 but never pass it, whatever their number (as the old site's calendar).
Working minutes are 07:30–16:59 of each day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

FIRST_DAY = date(2025, 7, 1)
LAST_DAY = date(2026, 6, 30)
DAY_MINUTES = 570
FIRST_MINUTE_OF_DAY = 7 * 60 + 30
TOTAL_MINUTES = ((LAST_DAY - FIRST_DAY).days + 1) * DAY_MINUTES
SPREAD = 400

_EPOCH = datetime.combine(FIRST_DAY, datetime.min.time())


def to_datetime(minute: int) -> datetime:
    day, offset = divmod(minute, DAY_MINUTES)
    return _EPOCH + timedelta(days=day, minutes=FIRST_MINUTE_OF_DAY + offset)


class Calendar:
    """Working minutes for n = 0, 1, 2, ...: strictly increasing while room is left."""

    def __init__(self, spread: int = SPREAD) -> None:
        self._spread = spread
        self._previous = -1

    def next(self, n: int) -> datetime:
        ideal = TOTAL_MINUTES * (n + 1) // (n + 1 + self._spread)
        minute = min(max(ideal, self._previous + 1), TOTAL_MINUTES - 1)
        self._previous = minute
        return to_datetime(minute)
