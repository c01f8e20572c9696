"""Real documents with Vietnamese text, written byte for byte (deterministic, no office suite).

- `pdf(title, paragraphs)`: a PDF 1.4 whose text is shown through a Type0 font (Identity-H, one
  code per Unicode character) with a ToUnicode map, so any PDF reader extracts the Vietnamese
  text exactly; the font program is not embedded (viewers substitute one).
- `scanned_pdf()`: one page holding only an image, as a scanner makes it: no text layer.
- `encrypted_pdf(...)`: the same PDF under the standard security handler (RC4, 40-bit, revision
  2) with a user password: nothing can be read without it.
- `docx(...)`, `odt(...)`: the smallest packages Word and LibreOffice open.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from xml.sax.saxutils import escape

PAD = bytes.fromhex(
    "28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a"
)  # the standard security handler's password padding
FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # zip entry times: the same bytes on every build


def _pdf_string(text: str) -> str:
    return "<" + "".join(f"{ord(c):04X}" for c in text if ord(c) <= 0xFFFF) + ">"


def _wrap(text: str, width: int = 80) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _to_unicode(chars: set[str]) -> bytes:
    mapping = "\n".join(f"<{ord(c):04X}> <{ord(c):04X}>" for c in sorted(chars))
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Replica-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{mapping}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")


def _page_stream(title: str, paragraphs: list[str]) -> tuple[bytes, set[str]]:
    ops, chars, y = ["BT", "/F1 16 Tf", "50 790 Td"], set(title), 790
    ops.append(f"{_pdf_string(title)} Tj")
    ops.append("/F1 11 Tf")
    for paragraph in paragraphs:
        for line in [*_wrap(paragraph), ""]:
            chars.update(line)
            ops.append(f"0 -16 Td {_pdf_string(line)} Tj")
            y -= 16
    ops.append("ET")
    return "\n".join(ops).encode("ascii"), chars


def _assemble(objects: list[bytes], trailer_extra: str = "") -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.writelines(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\n"
    out.write(f"{trailer}startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data, 9)
    head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
    return head + packed + b"\nendstream"


def _text_objects(title: str, paragraphs: list[str]) -> list[bytes]:
    content, chars = _page_stream(title, paragraphs)
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ArialUnicodeMS /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ArialUnicodeMS "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 600 >>",
        _stream(_to_unicode(chars)),
        b"<< /Type /FontDescriptor /FontName /ArialUnicodeMS /Flags 32 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 "
        b"/CapHeight 700 /StemV 80 >>",
    ]


def pdf(title: str, paragraphs: list[str]) -> bytes:
    return _assemble(_text_objects(title, paragraphs))


def _rc4(key: bytes, data: bytes) -> bytes:
    state, j = list(range(256)), 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(title: str, paragraphs: list[str], user_password: str, seed: str) -> bytes:
    """The text PDF sealed with RC4-40 (standard security handler, revision 2)."""
    user = (user_password.encode("latin-1") + PAD)[:32]
    owner_key = hashlib.md5((f"owner:{seed}".encode() + PAD)[:32]).digest()[:5]
    owner_entry = _rc4(owner_key, user)
    permissions = -3904  # print only
    file_id = hashlib.md5(seed.encode()).digest()
    key = hashlib.md5(
        user + owner_entry + permissions.to_bytes(4, "little", signed=True) + file_id
    ).digest()[:5]

    def seal(number: int, data: bytes) -> bytes:
        """A stream's (compressed) bytes encrypted with the key of object `number`."""
        object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10]
        return _rc4(object_key, zlib.compress(data, 9))

    objects = _text_objects(title, paragraphs)
    content, chars = _page_stream(title, paragraphs)
    objects[3] = _sealed_stream(seal(4, content))
    objects[6] = _sealed_stream(seal(7, _to_unicode(chars)))
    objects.append(
        f"<< /Filter /Standard /V 1 /R 2 /O <{owner_entry.hex()}> /U "
        f"<{_rc4(key, PAD).hex()}> /P {permissions} >>".encode()
    )
    encrypt = f"/Encrypt {len(objects)} 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>] "
    return _assemble(objects, encrypt)


def _sealed_stream(data: bytes) -> bytes:
    head = f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
    return head + data + b"\nendstream"


def scanned_pdf(seed: str) -> bytes:
    """One A4 page showing a grey image and nothing else: a scan without OCR."""
    width, height = 120, 170
    shade = int(hashlib.md5(seed.encode()).hexdigest()[:2], 16) // 2 + 100
    pixels = bytes([shade]) * (width * height)
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        _stream(pixels, f"/Type /XObject /Subtype /Image /Width {width} /Height {height} "
                        "/ColorSpace /DeviceGray /BitsPerComponent 8 "),
    ])  # fmt: skip


def _zip(entries: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"), compress_type=method)
    return out.getvalue()


def docx(title: str, paragraphs: list[str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for text in (title, *paragraphs)
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return _zip([
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
         'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
         '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml"'
         f' ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
         f'"{main}"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
         'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
         f'Type="{rel}" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{ns}">'
         f"<w:body>{body}</w:body></w:document>"),
    ])  # fmt: skip


def odt(title: str, paragraphs: list[str]) -> bytes:
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    body = f"<text:h>{escape(title)}</text:h>" + "".join(
        f"<text:p>{escape(p)}</text:p>" for p in paragraphs
    )
    mime = "application/vnd.oasis.opendocument.text"
    return _zip([
        ("mimetype", mime),
        ("META-INF/manifest.xml",
         '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
         'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry'
         f' manifest:full-path="/" manifest:media-type="{mime}"/><manifest:file-entry manifest:'
         'full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),
        ("content.xml",
         f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}"'
         f' xmlns:text="{text_ns}" office:version="1.2"><office:body><office:text>{body}'
         "</office:text></office:body></office:document-content>"),
    ])  # fmt: skip
