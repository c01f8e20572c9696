"""The articles table's defaults and excerpts: pure functions."""

from __future__ import annotations

from urllib.parse import parse_qs

from publish.excerpt import excerpt
from publish.table import DEFAULT_COLUMNS, table_search, with_default_columns

LONG = "Một hai ba. " * 30 + "Khối thi đua các cơ quan Ðảng tỉnh. " + "bốn năm. " * 30


def test_default_columns_only_on_the_html_listing() -> None:
    added = parse_qs(with_default_columns("/archive/articles", b"_search=dang").decode())
    assert added["_col"] == list(DEFAULT_COLUMNS) and added["_search"] == ["dang"]
    assert with_default_columns("/archive/articles", b"_col=body_html") is None
    assert with_default_columns("/archive/articles", b"_nocol=links") is None
    assert with_default_columns("/archive/articles.json", b"") is None
    assert with_default_columns("/archive/articles.csv", b"") is None
    assert with_default_columns("/archive/articles/abc", b"") is None
    assert with_default_columns("/archive/crawls", b"") is None
    assert table_search(b"a=1&_search=thi+dua") == "thi dua" and table_search(b"") == ""


def test_excerpt_is_short_and_cut_at_words() -> None:
    text = excerpt(LONG)
    assert len(text) <= 225 and text.endswith("…") and text.startswith("Một hai")
    assert excerpt("ngắn") == "ngắn" and excerpt(None) == ""


def test_excerpt_starts_near_the_search_and_marks_it() -> None:
    assert "Khối 【thi】 【đua】 các" in excerpt(LONG, "thi dua")
    assert excerpt(LONG, "thi dua").startswith("…")
    assert "【Đảng】" in excerpt(LONG, "Đảng")  # the eth look-alike is read as Đ
    assert "【" not in excerpt(LONG, "thế")  # toned: exact only


def test_archived_file_helpers() -> None:
    from publish.article import captured_at, citation, safe_body, version_entries
    from publish.captures import download_name, human_size, image_route, placeholder_svg

    svg = placeholder_svg("Ảnh <b>hội nghị</b> & lớp học", "http://site/a.jpg")
    assert "&lt;b&gt;hội nghị&lt;/b&gt; &amp; lớp học" in svg and "<script" not in svg
    assert download_name("http://site/files/a%20b.pdf") == "a_20b.pdf"
    assert download_name("http://site/x", "../../etc/passwd") == "etc_passwd"
    assert image_route("/archive/-/image", "http://s/a.jpg", "Ảnh") == (
        "/archive/-/image?url=http%3A%2F%2Fs%2Fa.jpg&caption=%E1%BA%A2nh"
    )
    body = str(safe_body('<p><img src="http://s/a.jpg"></p>', lambda src: "/img?u=" + src[-5:]))
    assert 'src="/img?u=a.jpg"' in body and "http://s/a.jpg" not in body
    assert human_size(18437) == "18.0 KB" and human_size(12) == "12 bytes"
    state = {"warc_date": "2024-01-02T03:04:05Z", "first_seen": "2023", "superseded_at": "2025"}
    assert captured_at(state, "superseded_at") == "2024-01-02T03:04:05Z"
    entries = version_entries([{**state, "version": 1, "warc_file": "a.warc.gz"}], {}, "x")
    assert entries[0]["label"].startswith("2024-01-02") and entries[0]["has_capture"]
    line = citation({"title": "T", "url": "http://s/a.html"}, "2024-01-02T03", "http://arch/p")
    assert line == "“T”. http://s/a.html. Archived 2024-01-02: http://arch/p"


def test_feed_gets_an_author_and_archived_links() -> None:
    import xml.etree.ElementTree as ET

    from publish.feed import archived_feed

    xml = (
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <id>f</id>\n'
        '  <link href="http://a/feed.atom" rel="self"/>\n  <entry>\n    <id>x</id>\n'
        '    <link href="http://site/a.html?x=1&amp;y=2"/>\n  </entry>\n</feed>'
    )
    out = archived_feed(xml, "http://a/archive/-/article?url=", "Lưu trữ <A&B>")
    feed = ET.fromstring(out.split("?>", 1)[1])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:author/a:name", ns).text == "Lưu trữ <A&B>"
    links = {link.get("rel"): link.get("href") for link in feed.findall("a:entry/a:link", ns)}
    assert links == {
        "alternate": "http://a/archive/-/article?url=http%3A%2F%2Fsite%2Fa.html%3Fx%3D1%26y%3D2",
        "via": "http://site/a.html?x=1&y=2",
    }
    assert feed.find("a:link", ns).get("rel") == "self"  # the feed's own link is left alone


def test_glued_words_are_marked_on_the_printed_text() -> None:
    from publish.excerpt import mark_glued

    assert mark_glued("vai trò nêugương của 【cán】 bộ", "guong can") == (
        "vai trò nêu【gương】 của 【cán】 bộ"
    )
    assert mark_glued("chỉ đạocủaTỉnh ủy", "Tỉnh") == "chỉ đạocủa【Tỉnh】 ủy"
    assert mark_glued("nêugương", "") == "nêugương"
    assert "【gương】" in excerpt("Một hai. " * 40 + "vai trò nêugương của cán bộ", "gương")
