"""Rules for a DNN news module (the `phutho-2025` profile): what its YAML cannot say.

Its print view is the module without the skin, laid out as the article page is (title, date
line, body), where the old portal's print view puts the date line first; so a print view is
read with the article layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scraper.sites.rules import SiteRules

if TYPE_CHECKING:
    from scraper.extraction.blocks import Block
    from scraper.extraction.page import Layout


class Rules(SiteRules):
    def layout(self, blocks: list[Block], kind: str = "article") -> Layout | None:
        """Article pages and print views alike: the heading before the date line is the
        title, the body runs from the date line to the tools line."""
        return super().layout(blocks, "article")
