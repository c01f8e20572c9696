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
