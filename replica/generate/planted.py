"""One article carries hostile markup, as injected into old government sites: a `<script>`, an
`onerror` handler on an image that fails to load, a `javascript:` link, and the look-alike
letter Ð (U+00D0, eth) typed for Đ. An archive must keep the text and never run the code.

The article is generated article ``PLANTED_KEY``, so every site with enough articles has it,
at the same place, for the same seed; nothing else about the site changes.
"""

from __future__ import annotations

from replica.model.body_blocks import Body, Mark, Para, Picture, Raw

PLANTED_KEY = "g3"
# What the planted code would set if it ever ran (the browser test looks for these).
FLAGS = ("__plantedScript", "__plantedOnerror", "__plantedHref")
SCRIPT = (
    f'<script type="text/javascript">window.{FLAGS[0]} = true; document.title = "PWNED";</script>'
)
IMAGE_URL = "/uploads/images/planted-missing.jpg"
ONERROR = f"onerror=\"window.{FLAGS[1]} = true; document.body.innerHTML = 'PWNED'\""
CAPTION = "Ảnh minh họa: ÐẢNG BỘ Trường Chính trị tỉnh (bản cũ gõ chữ Ð thay cho Đ)"
HREF = f'href="javascript:window.{FLAGS[2]} = true"'


def plant(body: Body) -> Body:
    """The body with the hostile blocks after its first paragraph (ground truth follows)."""
    caption = Para(CAPTION, style="text-align: center;", marks=(Mark(0, 12, "a", HREF),))
    hostile = (Raw(SCRIPT), Picture(IMAGE_URL, caption, attrs=ONERROR))
    return Body(body.blocks[:1] + hostile + body.blocks[1:], body.credit)
