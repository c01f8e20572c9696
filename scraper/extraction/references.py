"""Vietnamese official documents cited in prose: `Quyết định số 581/QĐ-UBND, ngày 14/3/2022`.

State bodies number documents `{n}/{TYPE}-{ISSUER}` (`581/QĐ-UBND`), Party bodies
`{n}-{TYPE}/{ISSUER}` (`05-CT/TW`). The citation may carry the signing date right after it
(`, ngày 14/3/2022`, `ngày 14 tháng 3 năm 2022`); a date elsewhere in the sentence is not the
document's. Pure: text in, references out, in reading order.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from scraper.extraction.text import nfc

KINDS = (
    "Quyết định", "Kế hoạch", "Chỉ thị", "Nghị quyết", "Kết luận", "Quy định", "Hướng dẫn",
    "Công văn", "Thông báo", "Thông tư", "Nghị định", "Chương trình", "Báo cáo", "Quy chế",
    "Đề án", "Tờ trình", "Công điện",
)  # fmt: skip
_KIND = "|".join(sorted((re.escape(k) for k in KINDS), key=len, reverse=True))
_CODE_PART = r"[A-ZĐÐ][A-Za-zĐđÐ0-9]*"
# Every character a kind may start with, as the case-insensitive match reads them (the Kelvin
# sign is a K): a lookahead on them lets the engine skip most positions (~15% faster).
_KIND_START = "BCHKNQTbchknqtĐđ\u212a"  # tests check it against every character
# "số" is usual but optional; the number is digits, the code capitalised parts joined by / or -
# (case-sensitive, so a citation never runs on into the next words).
CITATION = re.compile(
    rf"(?=[{_KIND_START}])(?<![\w])(?P<kind>(?i:{_KIND}))\s+(?:(?i:số)\s+)?(?P<number>\d{{1,5}})\s*(?P<sep>[/-])\s*"
    rf"(?P<code>{_CODE_PART}(?:\s*[/-]\s*{_CODE_PART})*)"
)
_DATE = re.compile(
    r"\s*,?\s*(?:ban hành\s+)?ngày\s+(?:"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DocumentRef:
    kind: str  # "Quyết định", as the canonical name of the kind
    number: str  # "581"
    code: str  # "QĐ-UBND"
    document: str  # "581/QĐ-UBND": number and code as the document is known
    issuer: str  # "UBND": the code's last part
    date: str | None  # ISO date when the citation gives one
    text: str  # the citation exactly as written

    def as_dict(self) -> dict:
        return asdict(self)


def _canonical_kind(written: str) -> str:
    lowered = written.lower()
    return next(k for k in KINDS if k.lower() == lowered)


def _date_after(text: str, end: int) -> tuple[str | None, int]:
    match = _DATE.match(text, end)
    if not match:
        return None, end
    day, month, year = (match.group(k) or match.group(k + "2") for k in ("d", "m", "y"))
    try:
        return date(int(year), int(month), int(day)).isoformat(), match.end()
    except ValueError:
        return None, end


def find_references(text: str) -> list[DocumentRef]:
    """Every cited document in `text`, in order; a document cited twice appears twice."""
    text = nfc(text)
    refs = []
    for match in CITATION.finditer(text):
        code = re.sub(r"\s+", "", match.group("code")).replace("Ð", "Đ")
        number, sep = match.group("number"), match.group("sep")
        when, end = _date_after(text, match.end())
        issuer = re.split(r"[/-]", code)[-1]
        refs.append(
            DocumentRef(
                kind=_canonical_kind(match.group("kind")),
                number=number,
                code=code,
                document=f"{number}{sep}{code}",
                issuer=issuer,
                date=when,
                text=text[match.start() : end],
            )
        )
    return refs
