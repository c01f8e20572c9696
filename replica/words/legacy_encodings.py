"""How old Vietnamese pages were written: windows-1258 and the TCVN3 (ABC) font encoding.

The replica uses these to serve its legacy-encoded fault pages; the crawler must turn them
back into the NFC text they started from.
"""

from __future__ import annotations

import unicodedata

# TCVN 5712:1993 (VN3): letter -> byte. Capital toned letters have no code of their own
# (a capitals font draws the lower-case codes), so text given here must avoid them.
_LETTERS = "áàảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđĂÂÊÔƠƯĐ"
_CODES = bytes(
    [0xB8, 0xB5, 0xB6, 0xB7, 0xB9, 0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6, 0xA9, 0xCA, 0xC7, 0xC8,
     0xC9, 0xCB, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1, 0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6, 0xDD, 0xD7,
     0xD8, 0xDC, 0xDE, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4, 0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9, 0xAC,
     0xED, 0xEA, 0xEB, 0xEC, 0xEE, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4, 0xAD, 0xF8, 0xF5, 0xF6, 0xF7,
     0xF9, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE, 0xAE, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7]
)  # fmt: skip
# The five tone marks windows-1258 writes as combining characters after the letter.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
TCVN3_CODES = dict(zip(_LETTERS, _CODES, strict=True))


_QUOTES = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."}


def encode_tcvn3(text: str, strict: bool = True) -> bytes:
    """NFC text -> TCVN3 bytes; ASCII passes through. A character TCVN3 cannot write is a
    ValueError, or with `strict=False` what an ABC-era page showed: typographic punctuation
    as ASCII, anything else as "?"."""
    if not strict:
        text = "".join(_QUOTES.get(c, c) for c in text)
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char.isascii():
            out.append(ord(char))
        elif char in TCVN3_CODES:
            out.append(TCVN3_CODES[char])
        elif char == "\xa0":
            out.append(0xA0)
        elif not strict:
            out.append(ord("?"))
        else:
            raise ValueError(f"{char!r} has no TCVN3 code")
    return bytes(out)


def encode_cp1258(text: str) -> bytes:
    """Text -> windows-1258 the way Vietnamese Windows wrote it: a precomposed letter where
    the code page has one, else the base letter followed by a combining tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = [c for c in decomposed if c in _TONES]
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return bytes(out)
