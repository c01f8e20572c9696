"""The site's own theme: one stylesheet (with a web font and a background image it loads), one
script, as an old CMS template ships them. Every page's head links the stylesheet and script;
an archive that captures page requisites fetches all four."""

from __future__ import annotations

STYLESHEET = "/templates/phutho/css/style.css"
SCRIPT = "/templates/phutho/js/menu.js"
FONT = "/templates/phutho/fonts/arial-vn.woff"
BACKGROUND = "/templates/phutho/images/bg_menu.png"
TOP_BAR = "/templates/phutho/images/top_bar.jpg"

_CSS = """@charset "utf-8";
@font-face { font-family: "Arial VN"; src: url("../fonts/arial-vn.woff") format("woff"); }
body { font-family: "Arial VN", Arial, Helvetica, sans-serif; }
.menu { background: #AE0000 url(../images/bg_menu.png) repeat-x; }
.title_box { background-image: url('/templates/phutho/images/top_bar.jpg'); }
"""
_JS = """function showMenu(id) { var m = document.getElementById(id);
  if (m) m.style.display = 'block'; }
function hideMenu(id) { var m = document.getElementById(id);
  if (m) m.style.display = 'none'; }
"""
# Not a real WOFF: the archive only needs stable bytes of the right type.
_FONT = b"wOFF" + bytes(range(256)) * 4

FILES: dict[str, tuple[bytes, str]] = {
    STYLESHEET: (_CSS.encode("utf-8"), "text/css"),
    SCRIPT: (_JS.encode("utf-8"), "application/javascript"),
    FONT: (_FONT, "font/woff"),
}
# Theme images, served with the replica's tiny pictures (replica.serve.page_cache).
IMAGES: dict[str, str] = {BACKGROUND: "image/png", TOP_BAR: "image/jpeg"}

HEAD_LINKS = (
    f'<link href="{STYLESHEET}" rel="stylesheet" type="text/css" />\n'
    f'<script type="text/javascript" src="{SCRIPT}"></script>\n'
)
