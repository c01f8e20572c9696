"""Site profiles: loading, validation messages, retargeting."""

from __future__ import annotations

import pytest

from scraper.sites.profile import ProfileError, load_profile, profile_from_dict


def test_phutho_profile_targets_the_real_site() -> None:
    profile = load_profile("phutho")
    assert profile.base_url == "http://truongchinhtritinhphutho.gov.vn/"
    assert "mail.truongchinhtritinhphutho.gov.vn" in profile.hosts
    assert len(profile.categories) == 7


def test_retarget_keeps_the_alias_shape() -> None:
    profile = load_profile("phutho", "http://127.0.0.1:9000")
    assert profile.base_url == "http://127.0.0.1:9000/"
    assert profile.hosts[:2] == ("127.0.0.1:9000", "mail.127.0.0.1:9000")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "mapping"),
        ({"name": "x", "title": "x"}, "base_url"),
        ({"name": "x", "title": "x", "base_url": "http://a/"}, "urls.article"),
        (
            {"name": "x", "title": "x", "base_url": "http://a/", "urls": {"article": "("}},
            "urls.article: not a valid regular expression",
        ),
    ],
)
def test_bad_profiles_say_what_is_wrong(data, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        profile_from_dict(data)


def test_unknown_profile_lists_the_known_ones() -> None:
    with pytest.raises(ProfileError, match="phutho"):
        load_profile("nope")


def test_bad_base_url() -> None:
    with pytest.raises(ProfileError, match="absolute http"):
        load_profile("phutho", "127.0.0.1:8000")


def _sibling(tmp_path, rules: str | None = None, listing_url: str | None = None):
    from pathlib import Path

    text = (Path(__file__).parents[1] / "scraper" / "sites" / "phutho.yaml").read_text("utf-8")
    text = text.replace("name: phutho", "name: sibling").replace(
        "base_url: http://truongchinhtritinhphutho.gov.vn/", "base_url: http://sibling.example/"
    )
    if listing_url:
        text = text.replace(
            "  listing_url: '{base_url}{category}/'", f"  listing_url: '{listing_url}'"
        )
    if rules:
        text += f"\nrules: {rules}\n"
    path = tmp_path / "sibling.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_yaml_only_sibling_sets_its_listing_urls(tmp_path) -> None:
    from scraper.sites import load_site

    site = load_site(str(_sibling(tmp_path, listing_url="{base_url}vi/news/{category}/")))
    assert site.rules.listing_urls()[0] == "http://sibling.example/vi/news/tin-tuc-su-kien/"
    with pytest.raises(ProfileError, match="urls.listing_url"):
        load_site(str(_sibling(tmp_path, listing_url="{base}{slug}/")))


def test_a_rules_module_beside_the_yaml_changes_paging_and_survives_pickling(tmp_path) -> None:
    import pickle

    from scraper.sites import load_site
    from scraper.urls import PageInfo

    (tmp_path / "sibling_rules.py").write_text(
        "from scraper.sites import SiteRules\n"
        "class Rules(SiteRules):\n"
        "    def listing_url(self, category):\n"
        "        return f'{self.profile.base_url}index.php?cat={category}'\n"
        "    def is_next_page(self, current, target):\n"
        "        return target.kind == 'listing' and (target.page or 1) > (current.page or 1)\n",
        encoding="utf-8",
    )
    site = load_site(str(_sibling(tmp_path, rules="sibling_rules.py")), "http://127.0.0.1:9/")
    assert site.rules.start_urls()[1] == "http://127.0.0.1:9/index.php?cat=tin-tuc-su-kien"
    page = PageInfo("listing", "noi-san", 1)
    assert site.rules.is_next_page(page, PageInfo("listing", "noi-san", 3))
    again = pickle.loads(pickle.dumps(site))  # extraction workers receive the site this way
    assert type(again.rules).__name__ == "Rules" and again == site


def test_a_broken_rules_module_is_a_profile_error(tmp_path) -> None:
    from scraper.sites import load_site

    with pytest.raises(ProfileError, match="cannot be loaded"):
        load_site(str(_sibling(tmp_path, rules="no_such_rules.py")))
    (tmp_path / "not_rules.py").write_text("Rules = 3\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="must name a SiteRules subclass"):
        load_site(str(_sibling(tmp_path, rules="not_rules.py")))
