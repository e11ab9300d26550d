"""Larger text: chosen without JavaScript, remembered in a cookie, rendered into every page."""

import pytest
from django.urls import reverse
from django.utils import translation

from fraudwatch.core import textsize
from tests.conftest import make_scam_type

pytestmark = pytest.mark.django_db


def url(name, language="en", *args):
    with translation.override(language):
        return reverse(name, args=args)


def test_get_asks_and_sets_nothing(client):
    back = url("scams:list") + "?q=refund"
    response = client.get(url("text-size"), {"next": back})
    assert response.status_code == 200
    assert textsize.COOKIE not in response.cookies
    html = response.content.decode()
    assert '<button class="btn btn-primary btn-lg" type="submit" name="size" value="large">Larger text</button>' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<input type="hidden" name="next" value="/en/scams/?q=refund">' in html


def test_choosing_larger_text_sets_a_year_long_cookie_and_goes_back(client):
    back = url("scams:list") + "?q=refund"
    response = client.post(url("text-size"), {"size": "large", "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    cookie = response.cookies[textsize.COOKIE]
    assert cookie.value == "large"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["httponly"]


def test_choosing_normal_text_forgets_the_cookie(client):
    client.cookies[textsize.COOKIE] = "large"
    response = client.post(url("text-size"), {"size": "normal", "next": url("home")})
    assert response["Location"] == url("home")
    assert response.cookies[textsize.COOKIE].value == ""
    assert response.cookies[textsize.COOKIE]["max-age"] == 0


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_it_goes_back_only_to_this_site(client, target):
    response = client.post(url("text-size", "zh-hans"), {"size": "large", "next": target})
    assert response["Location"] == url("home", "zh-hans")
    page = client.get(url("text-size", "zh-hans"), {"next": target})
    assert f'value="{url("home", "zh-hans")}"' in page.content.decode()


def test_every_page_links_to_the_setting_with_the_way_back(client):
    html = client.get(url("scams:list") + "?q=refund").content.decode()
    assert f'href="{url("text-size")}?size=large&amp;next=/en/scams/%3Fq%3Drefund"' in html


def test_one_tap_on_the_link_sets_larger_text_and_goes_back(client):
    back = url("scams:list") + "?q=refund"
    response = client.get(url("text-size"), {"size": "large", "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    assert response.cookies[textsize.COOKIE].value == "large"
    assert response.cookies[textsize.COOKIE]["max-age"] == 365 * 24 * 60 * 60
    assert "no-store" in response["Cache-Control"]
    # The page it goes back to is large, and its link now offers normal text in one tap.
    html = client.get(back).content.decode()
    assert 'class="text-large"' in html
    assert f'href="{url("text-size")}?size=normal&amp;next=/en/scams/%3Fq%3Drefund"' in html
    undone = client.get(url("text-size"), {"size": "normal", "next": back})
    assert undone["Location"] == back
    assert undone.cookies[textsize.COOKIE]["max-age"] == 0


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_the_one_tap_link_goes_back_only_to_this_site(client, target):
    response = client.get(url("text-size", "zh-hans"), {"size": "large", "next": target})
    assert response["Location"] == url("home", "zh-hans")


def test_an_unknown_size_only_asks(client):
    response = client.get(url("text-size"), {"size": "huge", "next": url("home")})
    assert response.status_code == 200
    assert textsize.COOKIE not in response.cookies


def test_the_page_carries_the_large_text_class_only_with_the_cookie(client):
    scam = make_scam_type()
    path = url("scams:detail", "zh-hans", scam.slug)
    assert '<html lang="zh-Hans">' in client.get(path).content.decode()  # and now it is cached
    client.cookies[textsize.COOKIE] = "large"
    large = client.get(path)
    assert '<html lang="zh-Hans" class="text-large">' in large.content.decode()
    assert "大字" not in large.content.decode().split("<main")[0]  # the header offers normal text instead
    assert "标准字号" in large.content.decode().split("<main")[0]
    del client.cookies[textsize.COOKIE]
    assert '<html lang="zh-Hans">' in client.get(path).content.decode()


def test_public_pages_say_they_vary_with_cookies(client):
    response = client.get(url("home"))
    assert "Cookie" in response["Vary"]
    assert "Cookie" in client.get(url("home"))["Vary"]  # from the cache too
