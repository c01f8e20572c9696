"""What a run stored, counted as it goes (the `crawls` row and the summary line read these)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SaveCounts:
    new: int = 0
    updated: int = 0  # rows rewritten: content changed, or the same content extracted anew
    unchanged: int = 0
    print_pages: int = 0
    errors: int = 0
    changed: int = 0  # content_hash changed: the old state went to article_versions
    gone: int = 0
    not_modified: int = 0  # revisits answered 304
    attachments: int = 0
    attachments_skipped: int = 0
