"""The language switch and the hreflang alternates lead to the same page in another
language, built from the view the path resolved to: a path as sent is never echoed into
a link, so no address can make the site link to another host."""

from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_scam_type

pytestmark = pytest.mark.django_db

HOST = "evil.invalid"

# As requested on the wire. The WSGI server passes the path on percent-decoded, so
# `/%2F%2Fevil.invalid/x` reaches the app as `///evil.invalid/x`.
FOREIGN = [
    "//evil.invalid/x",
    "/%2F%2Fevil.invalid/x",
    "/\\evil.invalid/x",
    "/zh-hans//evil.invalid/x",
    "/en//evil.invalid/x?next=//evil.invalid/y",
]


def get_as_sent(client, raw):
    """GET `raw` as a WSGI server hands it on; the test client would read `//host/path`
    as a host and a path, so PATH_INFO is given directly."""
    path, _, query = raw.partition("?")
    return client.get("/", PATH_INFO=unquote(path), QUERY_STRING=query)


def url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("raw", FOREIGN)
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "staff"])
def test_no_path_makes_the_page_mention_another_host(client, staff_a, raw, signed_in):
    if signed_in:
        client.force_login(staff_a)
    response = get_as_sent(client, raw)
    assert response.status_code == 404
    html = response.content.decode()
    assert HOST not in html.lower()
    assert all(HOST not in value.lower() for _header, value in response.items())
    # The language links are there all the same: each language's home page.
    for language in ("zh-hans", "zh-hant", "en"):
        assert f'href="http://testserver{url("home", language)}"' in html
    assert f'href="{url("home", "zh-hant")}" hreflang="zh-Hant"' in html


@pytest.mark.parametrize("raw", FOREIGN[:3])
def test_the_404_page_has_the_headers_every_page_has(client, raw):
    page = client.get(url("home", "en"))
    missing = get_as_sent(client, raw)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert missing[header] == page[header]


def test_a_real_page_links_to_itself_in_each_language_with_its_query(client):
    scam = make_scam_type()
    html = client.get(url("scams:detail", "en", scam.slug) + "?from=leaflet").content.decode()
    zh = url("scams:detail", "zh-hans", scam.slug) + "?from=leaflet"
    assert f'<link rel="alternate" hreflang="zh-Hans" href="http://testserver{zh}">' in html
    assert f'<a href="{zh}" hreflang="zh-Hans" lang="zh-Hans">' in html
    assert f'href="{url("text-size", "en")}?size=large&amp;next=/en/scams/{scam.slug}/%3Ffrom%3Dleaflet"' in html


def test_a_404_from_a_view_links_to_the_same_address_in_each_language(client):
    html = client.get(url("scams:detail", "en", "no-such-scam")).content.decode()
    assert f'<a href="{url("scams:detail", "zh-hans", "no-such-scam")}" hreflang="zh-Hans"' in html


def test_a_path_that_resolves_to_no_view_links_to_the_home_pages(client):
    response = client.get("/en/no/such/page/?q=1")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<a href="{url("home", "zh-hant")}" hreflang="zh-Hant"' in html
    assert "no/such/page" not in html
