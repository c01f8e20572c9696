"""Lines a profile names: noise lines dropped from the body (a view counter), and labelled
lines ("Tác giả: Nguyễn Văn A") that give a field and leave the body."""

from __future__ import annotations

from scraper.extraction.blocks import Block
from scraper.sites.profile import SiteProfile


def drop_noise(blocks: list[Block], profile: SiteProfile) -> list[Block]:
    """The blocks without the text lines any of the profile's `noise_lines` regexes find."""
    if not profile.noise_lines:
        return blocks
    return [
        b for b in blocks if not (b.text and any(p.search(b.text) for p in profile.noise_lines))
    ]


def label_value(text: str, labels: tuple[str, ...]) -> str | None:
    """`Tác giả: Nguyễn Văn A` with label `Tác giả:` -> `Nguyễn Văn A`; None if no label starts
    the line (or nothing follows it)."""
    line = text.strip()
    for label in labels:
        if line.casefold().startswith(label.casefold()):
            value = line[len(label) :].strip(" :\u00a0\t")
            return value or None
    return None


def take_fields(blocks: list[Block], profile: SiteProfile) -> tuple[dict[str, str], list[Block]]:
    """The profile's labelled fields found in `blocks` (the first line per field wins), and
    the blocks without every labelled line."""
    if not profile.labelled_fields:
        return {}, blocks
    found: dict[str, str] = {}
    kept: list[Block] = []
    for block in blocks:
        hit = None
        for name, labels in profile.labelled_fields:
            if block.text and (value := label_value(block.text, labels)) is not None:
                hit = (name, value)
                break
        if hit is None:
            kept.append(block)
        else:
            found.setdefault(*hit)
    return found, kept
