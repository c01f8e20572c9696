"""Profile fields a portal sets without code: templated paging, query-aware URL rules, title
sources, labelled fields, noise lines; and the one-line errors of a profile that is wrong."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from scraper.extraction import extract
from scraper.sites import ProfileError, Site, load_site
from scraper.sites.profile import load_profile, profile_from_dict
from scraper.urls import PageInfo, is_attachment
from tests.conftest import PYTHON, REPO

EXAMPLE = REPO / "examples" / "nukeviet.yaml"


def example(**changes) -> dict:
    """The NukeViet example profile as data, with some fields changed (None removes one)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        *sections, key = dotted.split("__")
        holder = data
        for section in sections:
            holder = holder.setdefault(section, {})
        if value is None:
            holder.pop(key, None)
        else:
            holder[key] = value
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"titel": "x"}, "unknown field 'titel'; expected one of name, title"),
        ({"urls__listing_urls": "x"}, "unknown field 'urls.listing_urls'; expected one of"),
        ({"noise_lines": ["^Lượt xem: ("]}, "noise_lines[0]: not a valid regular expression"),
        ({"urls__exclude": ["[rss"]}, "urls.exclude[0]: not a valid regular expression"),
        ({"attachments__patterns": ["(?P<x"]}, "attachments.patterns[0]: not a valid regular"),
        ({"dates__article": "Thứ ("}, "dates.article: not a valid regular expression"),
        (
            {"urls__listing_page_url": "{base_url}vi/news/{category}/page-2/"},
            "urls.listing_page_url '{base_url}vi/news/{category}/page-2/' has no {page} "
            "placeholder",
        ),
        ({"urls__listing_page_url": "{base_url}{cat}/{page}/"}, "may use only {base_url}"),
        ({"base_url": "ftp://truongchinhtri.example/"}, "base_url 'ftp://truongchinhtri.example/'"
                                                        " is not an absolute http(s) URL"),
        ({"base_url": "truongchinhtri.example"}, "is not an absolute http(s) URL"),
        ({"title_from": ["h1", "microdata"]}, "title_from 'microdata' is not a title source"),
        ({"fields": {"credit": ["Nguồn:"]}}, "fields.credit is not a field labelled lines"),
        ({"fields": {"author": "Tác giả:"}}, "fields.author must be a list of line labels"),
        ({"alias_hosts": "mail.example"}, "alias_hosts must be a list of strings"),
        ({"categories": ["noi-san"]}, "categories must be a mapping"),
    ],
)  # fmt: skip
def test_a_wrong_profile_is_one_line_naming_the_field(changes, message: str) -> None:
    with pytest.raises(ProfileError) as error:
        profile_from_dict(example(**changes), source="nukeviet.yaml")
    assert message in str(error.value)
    assert "\n" not in str(error.value) and str(error.value).startswith("nukeviet.yaml: ")


def test_a_profile_pointing_at_another_profiles_site_is_refused(tmp_path) -> None:
    copied = tmp_path / "copied.yaml"
    text = (REPO / "scraper" / "sites" / "phutho.yaml").read_text(encoding="utf-8")
    copied.write_text(text.replace("name: phutho", "name: copied"), encoding="utf-8")
    with pytest.raises(ProfileError, match="base_url 'http://truongchinhtritinhphutho.gov.vn/' "
                       "is the site of profile 'phutho'"):  # fmt: skip
        load_profile(str(copied))
    assert load_profile(str(copied), "http://127.0.0.1:9/").base_url == "http://127.0.0.1:9/"
    with pytest.raises(ProfileError, match="--base-url .* is the site of profile 'phutho'"):
        load_profile(str(EXAMPLE), "http://mail.truongchinhtritinhphutho.gov.vn/")


@pytest.mark.parametrize("command", ["crawl", "check-profile"])
def test_the_commands_say_it_in_one_line_with_exit_status_2(tmp_path, command) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(example(noise_lines=["^Lượt xem: ("]), allow_unicode=True),
                   encoding="utf-8")  # fmt: skip
    args = [PYTHON, "-m", "portal_archive", command, "--profile", str(bad)]
    args += ["--base-url", "http://127.0.0.1:9/"]
    if command == "crawl":
        args += ["--db", str(tmp_path / "x.db")]
    done = subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "noise_lines[0]: not a valid regular expression" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "x.db").exists()


def test_templated_paging_and_query_aware_patterns() -> None:
    site = load_site(str(EXAMPLE), "http://127.0.0.1:9/")
    rules = site.rules
    assert rules.listing_url("noi-san") == "http://127.0.0.1:9/vi/news/noi-san/"
    assert rules.listing_page("noi-san", 1) == "http://127.0.0.1:9/vi/news/noi-san/"
    assert rules.listing_page("noi-san", 4) == "http://127.0.0.1:9/vi/news/noi-san/page-4/"
    page_2 = "http://127.0.0.1:9/vi/news/noi-san/page-2/"
    assert site.page_info(page_2) == PageInfo("listing", "noi-san", 2)
    assert rules.listing_page_url(page_2, 7) == "http://127.0.0.1:9/vi/news/noi-san/page-7/"
    article = "http://127.0.0.1:9/vi/news/noi-san/khai-giang-lop-222.html"
    assert site.page_info(article).kind == "article"
    download = article + "?download=1&id=2"
    assert site.page_info(download).kind == "attachment"
    assert rules.is_attachment(download, ("pdf",)) and not rules.is_attachment(article, ("pdf",))
    assert not is_attachment(download, ("pdf",))  # without the profile: by extension only
    assert site.page_info("http://127.0.0.1:9/vi/news/rss/").kind == "excluded"


def test_without_attachment_patterns_a_download_link_is_an_article() -> None:
    """The first profile's mistake: URL patterns see only the path."""
    download = "http://127.0.0.1:9/vi/news/noi-san/khai-giang-lop-222.html?download=1&id=2"
    bare = Site(profile_from_dict(example(attachments=None)).retarget("http://127.0.0.1:9/"))
    assert bare.page_info(download).kind == "article"
    assert not bare.rules.is_attachment(download, ("pdf", "docx"))
    site = Site(profile_from_dict(example()).retarget("http://127.0.0.1:9/"))
    assert site.page_info(download).kind == "attachment"


def test_a_query_string_listing_with_match_query() -> None:
    data = example(
        urls__listing=r"^/tin-tuc/Default\.aspx\?cat=(?P<category>[a-z-]+)(?:&page=(?P<page>\d+))?$",
        urls__listing_url="{base_url}tin-tuc/Default.aspx?cat={category}",
        urls__listing_page_url="{base_url}tin-tuc/Default.aspx?cat={category}&page={page}",
        urls__match_query=True,
    )  # fmt: skip
    profile = profile_from_dict(data).retarget("http://127.0.0.1:9/")
    rules = Site(profile).rules
    page_3 = rules.listing_page("noi-san", 3)
    assert page_3 == "http://127.0.0.1:9/tin-tuc/Default.aspx?cat=noi-san&page=3"
    assert rules.page_info(page_3) == PageInfo("listing", "noi-san", 3)
    first = rules.page_info(rules.listing_url("noi-san"))
    assert rules.is_next_page(first, PageInfo("listing", "noi-san", 2))
    # Without match_query a listing URL with a query is no listing (the old rule, kept).
    plain = Site(profile_from_dict({**data, "urls": {**data["urls"], "match_query": False}}))
    assert plain.rules.page_info(page_3.replace("127.0.0.1:9", "truongchinhtri.dongson.example")
                                 ).kind == "other"  # fmt: skip


PAGE = """<html><head><title>Khai giảng lớp bồi dưỡng - Trường Chính trị tỉnh Đồng Sơn</title>
<meta property="og:title" content="Khai giảng lớp bồi dưỡng"></head><body>
<h1>Khai giảng lớp bồi dưỡng</h1>
<div itemprop="publisher" itemscope itemtype="http://schema.org/Organization">
<span itemprop="name">Trường Chính trị tỉnh Đồng Sơn</span>
<span itemprop="url">http://truongchinhtri.dongson.example/logo.png</span></div>
<p>Thứ ba - 06/12/2016 08:12</p>
<div><p>Chiều ngày 04/12/2016, lớp bồi dưỡng khai giảng.</p><p>Lớp học kéo dài ba tháng.</p>
<p><strong>Tác giả: </strong>ThS. Nguyễn Văn An</p><p>Lượt xem: 1234</p></div>
<h3>Các tin khác</h3><ul><li><a href="/vi/news/noi-san/x-1.html">X</a></li></ul>
</body></html>"""
URL = "http://truongchinhtri.dongson.example/vi/news/noi-san/khai-giang-lop-222.html"


def test_the_example_fields_give_title_author_and_a_clean_body() -> None:
    found = extract(URL, PAGE, load_site(str(EXAMPLE)))
    assert found.method == "profile"
    assert found.title == "Khai giảng lớp bồi dưỡng"
    assert found.author == "ThS. Nguyễn Văn An"
    assert found.published == "2016-12-06T08:12:00+07:00"
    assert found.body_text == (
        "Chiều ngày 04/12/2016, lớp bồi dưỡng khai giảng.\n\nLớp học kéo dài ba tháng."
    )


def test_a_labelled_source_line_is_its_own_field_and_leaves_the_body() -> None:
    page = PAGE.replace("<p>Lượt xem: 1234</p>", "<p>Nguồn: Báo Phú Thọ</p><p>Lượt xem: 1234</p>")
    fields = {"author": ["Tác giả:"], "source": ["Nguồn:", "Theo:"]}
    found = extract(URL, page, Site(profile_from_dict(example(fields=fields))))
    assert (found.author, found.source_credit) == ("ThS. Nguyễn Văn An", "Báo Phú Thọ")
    assert "Nguồn" not in found.body_text and "Lớp học kéo dài ba tháng." in found.body_text
    plain = extract(URL, PAGE, Site(profile_from_dict(example(fields=fields))))
    assert plain.source_credit is None


def test_without_the_fields_the_old_mistakes_show_and_organization_is_never_the_title() -> None:
    bare = example(fields=None, noise_lines=None, title_from=None)
    found = extract(URL, PAGE, Site(profile_from_dict(bare)))
    # The heading before the date line is the <h1>, not the publisher's microdata.
    assert found.title == "Khai giảng lớp bồi dưỡng"
    assert "Lượt xem: 1234" in found.body_text and "Tác giả:" in found.body_text


@pytest.mark.parametrize(
    ("sources", "title"),
    [
        (["og"], "Khai giảng lớp bồi dưỡng"),
        (["title"], "Khai giảng lớp bồi dưỡng"),
        (["h1"], "Khai giảng lớp bồi dưỡng"),
    ],
)
def test_each_title_source(sources: list[str], title: str) -> None:
    page = PAGE.replace("<h1>Khai giảng lớp bồi dưỡng</h1>", "<h1>Tiêu đề khác</h1>")
    expected = "Tiêu đề khác" if sources == ["h1"] else title
    found = extract(URL, page, Site(profile_from_dict(example(title_from=sources))))
    assert found.title == expected


def test_a_source_giving_the_site_name_falls_through_to_the_next() -> None:
    page = PAGE.replace('content="Khai giảng lớp bồi dưỡng"', 'content="Trường Chính trị tỉnh '
                        'Đồng Sơn"')  # fmt: skip
    found = extract(URL, page, Site(profile_from_dict(example(title_from=["og", "h1"]))))
    assert found.title == "Khai giảng lớp bồi dưỡng"


def test_phutho_documents_every_field_it_may_set() -> None:
    from scraper.sites.validate import KNOWN_KEYS

    text = (REPO / "scraper" / "sites" / "phutho.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for section, keys in KNOWN_KEYS.items():
        present = data if not section else data.get(section, {})
        missing = [k for k in keys if k not in present and k not in ("rules", "successor_of")]
        assert not missing, (section, missing)
    assert Path(EXAMPLE).is_file()


@pytest.mark.parametrize(
    ("base_url", "message"),
    [
        ("ftp://127.0.0.1:9/", "Invalid value for --base-url: base URL 'ftp://127.0.0.1:9/' is "
                               "not an absolute http(s) URL"),
        ("http://truongchinhtritinhphutho.gov.vn/", "Invalid value for --base-url: "
         "'http://truongchinhtritinhphutho.gov.vn/' is the site of profile 'phutho'"),
    ],
)  # fmt: skip
def test_a_wrong_base_url_is_named_as_the_option(base_url: str, message: str) -> None:
    args = [PYTHON, "-m", "portal_archive", "check-profile", "--profile", str(EXAMPLE),
            "--base-url", base_url]  # fmt: skip
    done = subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("Error: " + message)
