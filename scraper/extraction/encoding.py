"""Bytes -> text for a stored capture, so re-extraction decodes exactly as the crawl did.

Old Vietnamese servers lie about charsets: the HTTP header and `<meta>` disagree, windows-1258
pages decode to decomposed text, and legacy TCVN3 (ABC) font pages look like Latin-1 junk
("B¶o Th¾ng" for "Bảo Thắng"). `decode_page` decides once per capture and says why; the
decision (a codec name, or "tcvn3") is stored, and `decode_html` repeats it from storage.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding
from w3lib.encoding import resolve_encoding as _w3lib_resolve

from scraper.extraction.text import nfc

TCVN3 = "tcvn3"
# TCVN 5712:1993 (VN3, the "ABC" fonts): byte -> letter. Upper-case toned letters share the
# lower-case codes (the .VnTimeH font draws them in capitals), so they decode lower-case.
_TCVN3_BYTES = "¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉËÐÌÎÏÑªÕÒÓÔÖÝ×ØÜÞãßáâä«èåæçé¬íêëìîóïñòô\xadøõö÷ùýúûüþ®¡¢£¤¥¦§"
_TCVN3_TEXT = "áàảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđĂÂÊÔƠƯĐ"
TCVN3_TABLE = str.maketrans(dict(zip(_TCVN3_BYTES, _TCVN3_TEXT, strict=True)))
# Single-byte Western codecs a TCVN3 page is usually declared as (or decoded as by default).
_WESTERN = {"cp1252", "latin-1", "iso8859-1", "ascii", "iso8859-15"}
# Signs that a decoding is wrong: replacement or C1 control characters, combining marks left
# after NFC, UTF-8 read as Latin-1 ("Ã¡", "á»"), TCVN3 symbols inside words ("B¶o").
_IN_WORD_TCVN3 = r"(?<=[A-Za-z])[¸µ¶·¹¨¾»¼½Æ©ª«¬®](?=[A-Za-z])"
_BAD = re.compile(
    r"[\ufffd\x80-\x9f]|(?<=\w)[\u0300-\u036f]|Ã[\x80-\xbf¡-¿]|á»|Ä[\x80-\xbf‘’]|Æ[°¡]|"
    + _IN_WORD_TCVN3
)
# Every sign above holds one of these characters: a text without any has none (a scan for a
# character is ~20x faster than trying the alternatives at every position of clean text).
_SIGN_CHARS = re.compile(r"[\ufffd\x80-\x9f\u0300-\u036fÃÄÆ»¸µ¶·¹¨¾¼½©ª«¬®]")
# A TCVN3 letter code that is a symbol in Latin-1, touching a letter ("Tr\xadêng", "B¶o").
_TCVN3_EVIDENCE = re.compile(
    r"(?<=[A-Za-z])[¸µ¶·¹¨©ª«¬\xad®¡¢£¤¥¦§¾»¼½]|[¸µ¶·¹¨©ª«¬\xad®¡¢£¤¥¦§¾»¼½](?=[A-Za-z])"
)
MIN_TCVN3_EVIDENCE = 1  # then TCVN3 must still read better than the declared encoding
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
SAMPLE = 256 * 1024  # bytes scored per candidate: enough to judge, bounded for huge pages


@dataclass(frozen=True)
class Decoded:
    text: str  # NFC
    encoding: str  # what was used: a codec name or "tcvn3"; store it, decode_html repeats it
    declared: str | None  # what the header / <meta> said (header first)
    note: str | None = None  # why the declaration was not followed, for a person to read
    # The text as served, when NFC changed it (decomposed Unicode, windows-1258's combining
    # tones): the page's links are read from it, as a browser follows them.
    served: str | None = field(default=None, repr=False)

    @property
    def as_served(self) -> str:
        return self.text if self.served is None else self.served


def _decoded(raw: str, encoding: str, declared: str | None, note: str | None) -> Decoded:
    text = nfc(raw)
    return Decoded(text, encoding, declared, note, None if text is raw else raw)


def resolve_encoding(name: str | None) -> str | None:
    """A codec name as stored (`cp1258`, `utf-8`, `tcvn3`), or None for unknown names."""
    if not name:
        return None
    if name.strip().lower().replace("-", "").replace("_", "") in ("tcvn3", "tcvn", "abc", "vn3"):
        return TCVN3
    resolved = _w3lib_resolve(name.strip())
    return codecs.lookup(resolved).name if resolved else None


def _decode(body: bytes, name: str) -> str:
    if name == TCVN3:
        return body.decode("latin-1").translate(TCVN3_TABLE)
    return body.decode(name, errors="replace")


def decode_html(body: bytes, encoding: str | None) -> str:
    """Decode with the recorded encoding; unknown names fall back to UTF-8. NFC always
    (windows-1258 decodes to base letters plus combining tones)."""
    return nfc(_decode(body, resolve_encoding(encoding) or "utf-8"))


def badness(text: str) -> int:
    """How many signs of a wrong decoding the text shows (0 for clean Vietnamese)."""
    return len(_BAD.findall(text)) if _SIGN_CHARS.search(text) else 0


def score(text: str) -> int:
    """Higher is more plausible: Vietnamese letters count, signs of mojibake count against."""
    return len(_VIETNAMESE.findall(text)) - 4 * badness(text)


def _utf8_text(body: bytes) -> str | None:
    """The page as UTF-8 (a byte order mark dropped), or None when its bytes are not."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def declared_encodings(body: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(header charset, <meta> charset), each resolved to a codec name or None."""
    header = http_content_type_encoding(content_type) if content_type else None
    meta = html_body_declared_encoding(body[:4096])
    return resolve_encoding(header), resolve_encoding(meta)


def _candidates(sample: bytes, header: str | None, meta: str | None) -> list[str]:
    names = [n for n in (header, meta) if n and n != "utf-8"] or ["cp1252"]
    western = sample.decode("cp1252", errors="replace")
    if any(n in _WESTERN for n in names) and (
        len(_TCVN3_EVIDENCE.findall(western)) >= MIN_TCVN3_EVIDENCE
    ):
        names.append(TCVN3)
    if "cp1258" not in names:
        names.append("cp1258")
    return list(dict.fromkeys(names))


def decode_page(body: bytes, content_type: str | None = None, override: str | None = None):
    """Decide how to decode a page and decode it (NFC).

    A profile override wins. Otherwise bytes that are valid UTF-8 (and not plain ASCII) are
    UTF-8 whatever was declared: other encodings of Vietnamese practically never validate.
    Else the declared encodings, windows-1258 and (for pages declared Western) TCVN3 compete
    on how Vietnamese and how free of mojibake the result reads.
    """
    header, meta = declared_encodings(body, content_type)
    declared = header or meta
    if override and (forced := resolve_encoding(override)):
        return _decoded(_decode(body, forced), forced, declared, None)
    if (as_utf8 := _utf8_text(body)) is not None:
        note = None
        if declared not in (None, "utf-8", "ascii") and not body.isascii():
            note = f"declared {declared} but the bytes are valid UTF-8; decoded as UTF-8"
        return _decoded(as_utf8, "utf-8", declared, note)
    sample = body[:SAMPLE]
    ranked = sorted(
        _candidates(sample, header, meta), key=lambda name: -score(nfc(_decode(sample, name)))
    )  # stable: on a tie the header, then <meta>, keeps its place
    chosen = ranked[0]
    note = None
    if chosen == TCVN3:
        note = "legacy TCVN3 (ABC) font encoding converted to Unicode"
    elif declared and chosen != declared:
        note = f"declared {declared} but the text reads as {chosen}; decoded as {chosen}"
    elif not declared:
        note = f"no charset declared; decoded as {chosen}"
    return _decoded(_decode(body, chosen), chosen, declared, note)


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32 or b == 127))


def looks_binary(body: bytes) -> bool:
    """True for bytes no HTML page is made of: NULs or many control bytes near the start."""
    head = body[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # C speed: only control bytes remain
    return controls / len(head) > 0.02
