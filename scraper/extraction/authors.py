"""Author lines, found by shape and place rather than markup.

Shapes seen on the portal: a top block (`ThS. {name}` then a position line) right after the date
line, an end signature (`{honorific} {name}` then a unit line) after the last paragraph, an inline
credit `(Tin: …; Ảnh: …)` as the last line, or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.sites.profile import SiteProfile

_SENTENCE_END = (".", ":", ";", "!", "?", "…", ",")
MAX_ROLE_WORDS = 14


@dataclass(frozen=True)
class Author:
    name: str
    role: str | None
    lines: int  # how many body lines the author block used (removed from the body)


def is_person_name(text: str) -> bool:
    """2 to 6 capitalised words of letters: `Nguyễn Thị Nhàn`."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[0].isupper() and w.isalpha() for w in words)


def author_name(line: str, profile: SiteProfile) -> str | None:
    """`ThS. Nguyễn Thị Nhàn` -> itself (as published); a line of another shape -> None."""
    line = line.strip()
    for honorific in sorted(profile.honorifics, key=len, reverse=True):
        if line.startswith(honorific) and is_person_name(line[len(honorific) :].strip(" .")):
            return line
    return None


def is_role_line(line: str) -> bool:
    """A position or unit line: short, not a sentence, starts with a capital."""
    words = line.split()
    return (
        0 < len(words) <= MAX_ROLE_WORDS
        and line[:1].isupper()
        and not line.rstrip().endswith(_SENTENCE_END)
    )


def credit_author(line: str, profile: SiteProfile) -> str | None:
    if profile.credit is None:
        return None
    match = profile.credit.match(line.strip())
    return match.group("name").strip() if match else None


def top_author(lines: list[str], profile: SiteProfile) -> Author | None:
    """The block right after the date line: a name line, optionally followed by a role line."""
    if not lines or not (name := author_name(lines[0], profile)):
        return None
    if len(lines) > 2 and is_role_line(lines[1]):
        return Author(name, lines[1], 2)
    return Author(name, None, 1)


def end_author(lines: list[str], profile: SiteProfile) -> Author | None:
    """The signature or credit closing the body, if any."""
    if not lines:
        return None
    last = lines[-1]
    if (name := credit_author(last, profile)) is not None:
        return Author(name, None, 1)
    if (name := author_name(last, profile)) is not None:
        return Author(name, None, 1)
    if (
        len(lines) >= 2
        and is_role_line(last)
        and (name := author_name(lines[-2], profile)) is not None
    ):
        return Author(name, last, 2)
    return None


# Titles and forms of address printed before a name, beyond those a profile lists: degrees
# (GS, PGS, TS, ThS, NCS, CN, KS, BS), "Đ/c" and "Đồng chí" (comrade), alone or chained
# ("GS,TS", "PGS. TS.").
_TITLE = r"(?:P?GS|TS|ThS|Th\.S|NCS|CN|KS|BS|Đ/c|Đồng\s+chí|Nhà\s+báo)"
_HONORIFIC = re.compile(
    rf"^(?P<honorific>{_TITLE}\.?(?:\s*[,.]?\s*{_TITLE}\.?)*)(?:\s*[.,:]?\s+|(?<=\.))"
)


@dataclass(frozen=True)
class Person:
    """An author line as a person: the name to facet on, the honorific kept beside it."""

    name: str | None
    honorific: str | None


def split_honorific(author: str | None, honorifics: tuple[str, ...] = ()) -> Person:
    """`ThS. Bùi Văn Hưng` -> (`Bùi Văn Hưng`, `ThS.`); `GS,TS Kiều Văn Kiên` -> (`Kiều Văn
    Kiên`, `GS,TS`); a line without one -> (itself, None). The printed form is not changed."""
    line = " ".join((author or "").split())
    if not line:
        return Person(None, None)
    for honorific in sorted(honorifics, key=len, reverse=True):
        rest = line[len(honorific) :]
        if line.startswith(honorific) and rest[:1] in (" ", ".", ",") and rest.strip(" .,"):
            return Person(rest.strip(" .,:"), honorific)
    match = _HONORIFIC.match(line)
    if match and line[match.end() :][:1].isupper():
        return Person(line[match.end() :].strip(), match.group("honorific").strip())
    return Person(line, None)
