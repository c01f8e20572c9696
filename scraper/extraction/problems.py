"""What is worth an archivist's look on a page that was archived anyway: pure checks over the
extraction result and the decoding decision."""

from __future__ import annotations

from scraper.extraction.encoding import Decoded, badness
from scraper.extraction.record import Extracted

DATE_REASONS = {
    "missing": "no date line found",
    "unparseable": "the date line could not be read as a date",
    "weekday-mismatch": "the weekday printed contradicts the date",
    "future": "the date lies in the future",
}
MOJIBAKE_SIGNS = 3  # signs of a wrong decoding in title and body before a page is flagged


def page_problems(extracted: Extracted, decoded: Decoded) -> list[tuple[str, str]]:
    """(kind, message) pairs: untrusted dates, empty bodies, charset surprises, mojibake."""
    problems: list[tuple[str, str]] = []
    if reason := extracted.date_problem:
        raw = extracted.published_raw
        shown = f" {raw!r}" if raw else ""
        problems.append(
            ("date", f"date{shown}: {DATE_REASONS.get(reason, reason)}; stored as unknown")
        )
    if not (extracted.body_text or "").strip():
        problems.append(("empty-article", "the article page has no body text"))
    if decoded.note:
        problems.append(("encoding", decoded.note))
    signs = badness(f"{extracted.title or ''}\n{extracted.body_text or ''}")
    if signs >= MOJIBAKE_SIGNS:
        problems.append(
            ("mojibake", f"{signs} signs of a wrong decoding remain (e.g. 'Ã', 'á»', '¶')")
        )
    return problems
