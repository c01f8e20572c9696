"""The reading page of one article: pure functions from stored rows to template values.

What issue-3 style tables add (raw-capture pointers on `articles`, `attachments`,
`article_versions`) is shown only when the database has them, found by column names.
"""

from __future__ import annotations

import difflib
import html
import json
from collections.abc import Callable, Iterable, Sequence

import nh3
from markupsafe import Markup

from scraper.extraction.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_SCHEMES, ALLOWED_TAGS

CAPTURE_PREFIXES = ("warc_", "capture_")
ARTICLE_KEYS = ("article_url", "article", "url")
VERSION_TIMES = ("superseded_at", "captured_at", "captured", "fetched_at", "seen_at", "valid_from",
                 "archived_at", "first_seen", "created", "version", "id")  # fmt: skip
# When a stored state was captured (a version row's own capture), best first.
CAPTURE_TIMES = ("warc_date", "captured_at", "fetched_at", "first_seen")


def safe_body(body_html: str | None, image_src: Callable[[str], str] | None = None) -> Markup:
    """Sanitise again on the way out (defence in depth): the same allow-list as at storage,
    images lazy and without a referrer, links leaving with no opener. `image_src` maps an
    image's URL to where the archive serves it (never the live site)."""

    def archived_images(tag: str, attribute: str, value: str) -> str | None:
        if image_src is not None and tag == "img" and attribute == "src":
            return image_src(value)
        return value

    cleaned = nh3.clean(
        body_html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=archived_images,
        set_tag_attribute_values={"img": {"loading": "lazy", "referrerpolicy": "no-referrer"}},
    )
    return Markup(cleaned)


def images(images_json: str | None) -> list[dict]:
    try:
        items = json.loads(images_json or "[]")
    except ValueError:
        return []
    return [i for i in items if isinstance(i, dict) and i.get("url")]


def capture_fields(row: dict) -> dict[str, object]:
    """Raw-capture pointer columns (WARC file, offset, digest, …) that hold a value."""
    return {k: v for k, v in row.items() if k.startswith(CAPTURE_PREFIXES) and v not in (None, "")}


def first_column(columns: Iterable[str], wanted: Sequence[str]) -> str | None:
    present = set(columns)
    return next((name for name in wanted if name in present), None)


def _words_diff(old: str, new: str) -> str:
    a, b = old.split(" "), new.split(" ")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(f"<del>{html.escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{html.escape(' '.join(b[j1:j2]))}</ins>")
        if op == "equal":
            out.append(html.escape(" ".join(a[i1:i2])))
    return " ".join(out)


def text_diff(old: str, new: str) -> Markup:
    """Changed paragraphs only, with deleted and inserted words marked; escaped throughout."""
    a, b = (old or "").split("\n\n"), (new or "").split("\n\n")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            out += [f"<p>{_words_diff(x, y)}</p>" for x, y in zip(a[i1:i2], b[j1:j2], strict=True)]
            continue
        out += [f"<p><del>{html.escape(x)}</del></p>" for x in a[i1:i2]]
        out += [f"<p><ins>{html.escape(y)}</ins></p>" for y in b[j1:j2]]
    return Markup("\n".join(out) or "<p>No change in the text.</p>")


def captured_at(state: dict, time_column: str | None = None) -> str:
    """When a stored state was captured: its capture's time, else the column given."""
    column = first_column([k for k, v in state.items() if v], CAPTURE_TIMES) or time_column
    return str(state.get(column) or "") if column else ""


def version_entries(versions: list[dict], current: dict, time_column: str | None) -> list[dict]:
    """Oldest first; each labelled with when that state was captured, with the diff from it to
    the state after it (the last: to the current)."""
    entries = []
    states = [*versions, current]
    for before, after in zip(states, states[1:], strict=False):
        entries.append(
            {
                "label": captured_at(before, time_column) or "earlier",
                "version": before.get("version"),
                "has_capture": bool(before.get("warc_file")),
                "title": before.get("title"),
                "diff": text_diff(before.get("body_text") or "", after.get("body_text") or ""),
                "row": {k: v for k, v in before.items() if k not in ("body_text", "body_html")},
            }
        )
    return entries


def citation(article: dict, archived: str, page_url: str) -> str:
    """One line for a researcher to quote: title, original URL, capture date, archive page."""
    date = (archived or "")[:10]
    title = article.get("title") or "(untitled)"
    return f"“{title}”. {article.get('url')}. Archived {date}: {page_url}"
