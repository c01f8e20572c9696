"""What a profile YAML may say, checked before anything runs: every key known, every value of
its kind, every regex compiling, every template using only its placeholders.

Each error is one line naming the field (`urls.listing_page_url`) and what is expected.
"""

from __future__ import annotations

import re
from typing import Any

from scraper.sites.errors import ProfileError

# Section -> its keys. A key not listed is a typo or a field from another tool: refused.
KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "": (
        "name", "title", "base_url", "alias_hosts", "utc_offset", "lang", "encoding",
        "categories", "urls", "dates", "body_end_markers", "print_link_text", "authors",
        "rules", "successor_of", "title_from", "fields", "noise_lines", "attachments",
    ),
    "urls": (
        "article", "print", "listing", "home", "listing_url", "listing_page_url",
        "match_query", "exclude", "follow_other", "drop_params", "keep_params",
        "lowercase_paths",
    ),
    "dates": ("article", "print", "date_order", "formats"),
    "authors": ("honorifics", "credit"),
    "attachments": ("patterns",),
}  # fmt: skip
LISTS = {
    "alias_hosts", "body_end_markers", "noise_lines", "title_from", "urls.drop_params",
    "urls.keep_params", "urls.exclude", "dates.formats", "authors.honorifics",
    "attachments.patterns",
}  # fmt: skip
MAPPINGS = {"categories", "urls", "dates", "authors", "fields", "attachments"}
TITLE_SOURCES = ("heading", "h1", "og", "title")
FIELD_NAMES = ("author", "author_role", "source")
PLACEHOLDERS = {
    "urls.listing_url": ("base_url", "category"),
    "urls.listing_page_url": ("base_url", "category", "page"),
}


def _value(data: dict[str, Any], dotted: str) -> Any:
    section, _, key = dotted.rpartition(".")
    holder = (data.get(section) or {}) if section else data
    return holder.get(key)


def check_shape(data: dict[str, Any], source: str) -> None:
    """Unknown keys and values of the wrong kind (a list where a list belongs, …)."""
    for section, keys in KNOWN_KEYS.items():
        holder = data if not section else data.get(section)
        if holder is None:
            continue
        if not isinstance(holder, dict):
            raise ProfileError(f"{source}: {section} must be a mapping of its fields")
        for key in holder:
            if key not in keys:
                where = f"{section}.{key}" if section else str(key)
                raise ProfileError(
                    f"{source}: unknown field {where!r}; expected one of {', '.join(keys)}"
                )
    for dotted in sorted(LISTS):
        value = _value(data, dotted)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise ProfileError(f"{source}: {dotted} must be a list of strings")
    for dotted in sorted(MAPPINGS):
        if (value := _value(data, dotted)) is not None and not isinstance(value, dict):
            raise ProfileError(f"{source}: {dotted} must be a mapping")
    _check_title_from(data.get("title_from"), source)
    _check_fields(data.get("fields"), source)


def _check_title_from(value: list[str] | None, source: str) -> None:
    for item in value or ():
        if item not in TITLE_SOURCES:
            raise ProfileError(
                f"{source}: title_from {item!r} is not a title source; expected a list of "
                f"{', '.join(TITLE_SOURCES)} in the order to try them"
            )
    if value is not None and not value:
        raise ProfileError(f"{source}: title_from is empty; expected e.g. [heading, og]")


def _check_fields(value: dict[str, Any] | None, source: str) -> None:
    for name, labels in (value or {}).items():
        if name not in FIELD_NAMES:
            raise ProfileError(
                f"{source}: fields.{name} is not a field labelled lines can fill; expected one "
                f"of {', '.join(FIELD_NAMES)} (drop other lines with noise_lines)"
            )
        if not (isinstance(labels, list) and labels and all(isinstance(x, str) and x.strip()
                                                            for x in labels)):  # fmt: skip
            raise ProfileError(
                f"{source}: fields.{name} must be a list of line labels, e.g. ['Tác giả:']"
            )


def regex(value: Any, where: str, source: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(value)
    except (re.error, TypeError) as exc:
        raise ProfileError(
            f"{source}: {where}: not a valid regular expression ({exc}); expected a Python regex"
        ) from exc


def regexes(values: list[str] | None, where: str, source: str) -> tuple[re.Pattern[str], ...]:
    return tuple(regex(v, f"{where}[{i}]", source) for i, v in enumerate(values or ()))


def check_template(template: str | None, where: str, source: str, example: str) -> None:
    """A URL template uses only its placeholders, and a page-N template has `{page}`."""
    if template is None:
        return
    allowed = PLACEHOLDERS[where]
    try:
        template.format(**{name: "1" for name in allowed})
    except (KeyError, IndexError, ValueError) as exc:
        raise ProfileError(
            f"{source}: {where} {template!r} may use only "
            f"{', '.join('{' + n + '}' for n in allowed)} (e.g. '{example}'): {exc}"
        ) from exc
    if "page" in allowed and "{page}" not in template:
        raise ProfileError(
            f"{source}: {where} {template!r} has no {{page}} placeholder; expected the page "
            f"number's place, e.g. '{example}'"
        )
