"""trafilatura's main-content cascade for the generic path, with two of its costly checks
skipped where they cannot change the result.

`trafilatura.bare_extraction` runs, on every page, readability (to compare against its own
extraction) and, on short extractions, a whole-page text dump (to decide whether to retry in
recall mode). Both results only ever matter through their length, compared against the length
of trafilatura's own text. Each length has a cheap upper bound: readability and the dump keep
a subsequence of the page's text (readability without scripts and styles, plus "VIDEO" per
kept iframe; the dump without scripts and styles, plus a space at each side of a block
element), and whitespace-trimming a subsequence never makes it longer. (Not on a page with
`xmp`, `noembed`, `noframes` or `plaintext`: their text grows in readability's round trip
through XML, so readability always runs there.) When the bound already
decides the comparison, the step is skipped: the same body, for about a quarter less time.

This follows trafilatura 2.3.1's private `trafilatura_sequence` for the generic path's fixed
options (balanced focus, comments off, images, tables and links kept, no language filter);
`tests/test_main_content.py` checks, page by page, that the body is the one `bare_extraction`
gives. Under any other trafilatura version, `bare_extraction` itself runs.
"""

from __future__ import annotations

import logging
from copy import copy
from functools import cache

import trafilatura
from lxml.etree import Element, XPath, _Element, strip_tags, tostring
from lxml.html import HtmlElement
from trafilatura import core
from trafilatura.baseline import _BLOCK_ELEMS, baseline, html2txt
from trafilatura.external import (
    JUSTEXT_OVERRIDE_RATIO,
    SANITIZED_XPATH,
    compare_extraction,
    justext_rescue,
)
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.main_extractor import extract_content
from trafilatura.settings import Extractor
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

logger = logging.getLogger(__name__)

# The version whose private cascade this module follows (pinned in pyproject.toml).
FOLLOWED_VERSION = "2.3.1"
_NORMALIZED_LENGTH = XPath("string-length(normalize-space(.))")  # in C, ~4x faster
_ELEMENT_COUNT = XPath("count(//*)")  # in C, ~2x faster than counting block elements
# Elements whose text the HTML parser does not decode: readability serialises its article as
# XML and parses it back as HTML, so "&" in them comes back as "&amp;" (longer each time).
_RAW_TEXT_TAGS = ("xmp", "noembed", "noframes", "plaintext")
OPTIONS = {"include_comments": False, "include_images": True, "include_tables": True,
           "include_links": True}  # fmt: skip


def main_body(tree: HtmlElement, in_place: bool = False) -> _Element | None:
    """trafilatura's main content of `tree` as its XML body, or None when trafilatura keeps
    nothing; what `bare_extraction(tree, **OPTIONS).body` gives. `tree` is left untouched
    unless `in_place` (for a caller done with it: no copy of the page)."""
    if trafilatura.__version__ != FOLLOWED_VERSION:
        document = trafilatura.bare_extraction(tree, **OPTIONS)
        return None if document is None else document.body
    options = _options()
    try:
        body, text = _cascade(tree if in_place else copy(tree), options)
        if options.max_tree_size:
            if len(body) > options.max_tree_size:
                strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return None
        if len(text) < options.min_output_size and options.min_output_comm_size > 0:
            return None
    except (TypeError, ValueError):  # what bare_extraction turns into "no document"
        return None
    return body


@cache
def _options() -> Extractor:
    """The options `bare_extraction(**OPTIONS)` builds on every call, built once (the cascade
    copies them before changing any)."""
    return Extractor(
        output_format="python", formatting=False, comments=OPTIONS["include_comments"],
        images=OPTIONS["include_images"], tables=OPTIONS["include_tables"],
        links=OPTIONS["include_links"],
    )  # fmt: skip


class _PageText:
    """Upper bounds on the text lengths readability and the whole-page dump can give: the
    trimmed length of the page's text without its scripts and styles, at most, plus what each
    adds. First from XPath's normalize-space, in C (~4x faster); it collapses fewer kinds of
    space than trafilatura's trim (str.split), so its length is never shorter. Where that
    misses a decision by a little, the exact trimmed length is taken."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._scripts = sum(
            len("".join(el.text.split())) for el in tree.iter("script", "style") if el.text
        )
        self.visible = int(_NORMALIZED_LENGTH(tree)) - self._scripts
        self._exact = False
        # None: no bound, readability's round trip through XML inflates these elements' text
        self._readability_adds = (
            None
            if next(tree.iter(*_RAW_TEXT_TAGS), None) is not None
            else 5 * sum(1 for _ in tree.iter("iframe"))
        )

    def _tighten(self) -> None:
        if not self._exact:
            text = tostring(self.tree, method="text", encoding="unicode")
            self.visible = len(" ".join(text.split())) - self._scripts
            self._exact = True

    def readability_at_most(self, limit: float) -> bool:
        if (adds := self._readability_adds) is None:
            return False
        if self.visible + adds > limit and self.visible + adds <= 1.1 * limit:
            self._tighten()
        return self.visible + adds <= limit

    def dump_may_dwarf(self, len_text: int) -> bool:
        """False when `len_text` is surely not under the escalation's share of the dump
        (trafilatura's own comparison, made on the bound)."""
        share = core.ESCALATION_PAGE_SHARE
        if len_text < share * self.visible:
            return True  # whatever the blocks add
        blocks = 2 * int(_ELEMENT_COUNT(self.tree))  # no fewer elements than block elements
        if len_text < share * (self.visible + blocks):
            blocks = 2 * sum(1 for _ in self.tree.iter(*_BLOCK_ELEMS))
        if len_text < share * (self.visible + blocks) <= 1.1 * len_text:
            self._tighten()
        return len_text < share * (self.visible + blocks)


def _cascade(tree: HtmlElement, options: Extractor) -> tuple[_Element, str]:
    """`core.trafilatura_sequence` with comments off and a balanced focus."""
    is_forum = core._forum_thread_page(tree)
    tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
    if not is_forum:
        tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)
    cleaned_tree, cleaned_tree_backup = core._prepare_tree(tree, options, None)
    page = _PageText(tree)
    body, text = extract_content(cleaned_tree, options)
    if not options.fast:
        body, text = _compare(cleaned_tree_backup, tree, body, text, options, page)

    if len(text) < options.min_extracted_size:  # baseline rescue on the original tree
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text

    if (
        0 < len(text) < core.ESCALATION_MAX_LENGTH
        and page.dump_may_dwarf(len(text))
        and len(text) < core.ESCALATION_PAGE_SHARE * len(html2txt(tree))
    ):
        body, text = _escalate(tree, body, text, options)
    return body, text


def _compare(
    cleaned_tree: HtmlElement,
    tree: HtmlElement,
    body: _Element,
    text: str,
    options: Extractor,
    page: _PageText,
) -> tuple[_Element, str]:
    """`compare_extraction`, without readability when its text could not be preferred: at
    most twice as long as ours, and ours has paragraphs not outnumbered by tables (or
    readability's text too short for that to count)."""
    len_text = len(text)
    if not (
        len_text > 0
        and page.readability_at_most(2 * len_text)
        and (
            page.readability_at_most(2 * options.min_extracted_size)
            or (body.xpath(".//p//text()")
                and len(body.findall(".//table")) <= len(body.findall(".//p")))
        )
    ):  # fmt: skip
        return compare_extraction(cleaned_tree, copy(tree), body, text, options)
    unclean = bool(body.xpath(SANITIZED_XPATH))
    if unclean or len_text < options.min_extracted_size:
        body2, text2 = justext_rescue(cleaned_tree, options)
        len_text2 = len(text2)
        if unclean:
            accept = len_text <= JUSTEXT_OVERRIDE_RATIO * len_text2 and (
                len_text2 > len_text or not options.images or body.find(".//graphic") is None
            )
        else:
            accept = len_text < len_text2
        if text2 and accept:
            body, text = body2, text2
    return body, text


def _escalate(
    tree: HtmlElement, body: _Element, text: str, options: Extractor
) -> tuple[_Element, str]:
    """The recall retry and its justext candidate, kept when clearly bigger."""
    r_options = copy(options)
    r_options.focus = "recall"
    r_body, r_text = Element("body"), ""
    try:
        r_body, r_text = core._recall_retry(tree, r_options, None)
    except Exception as err:  # as trafilatura: the retry only ever adds a candidate
        logger.warning("recall retry failed: %s", err)
    j_body, j_text = Element("body"), ""
    if not options.fast:
        try:
            j_body, j_text = justext_rescue(copy(tree), options)
        except Exception as err:
            logger.warning("justext candidate failed: %s", err)
    len_text, r_len, j_len = len(text), len(r_text), len(j_text)
    if j_len > r_len and j_len > core.ESCALATION_JUSTEXT_RATIO * len_text:
        return j_body, j_text
    if r_len >= options.min_extracted_size and r_len > core.ESCALATION_ACCEPT_RATIO * len_text:
        return r_body, r_text
    return body, text
