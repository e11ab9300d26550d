"""The anonymous page cache: a page is built once a day per version, and a form on a
cached page still carries each visitor's own CSRF token."""

import datetime
import re
from unittest import mock

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import _does_token_match
from django.template import engines
from django.test import RequestFactory

from fraudwatch.core import pagecache
from tests.conftest import beijing_morning

FORM = engines["django"].from_string('<form method="post">{% csrf_token %}<button>Go</button></form>')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def visitor():
    request = RequestFactory().get("/en/somewhere/")
    request.user = AnonymousUser()
    return request


def counting_view():
    calls = []

    @pagecache.public_page
    def view(request):
        calls.append(request)
        return HttpResponse(FORM.render({}, request))

    return view, calls


def test_each_visitor_gets_a_token_that_matches_their_own_cookie():
    view, calls = counting_view()
    first, second = visitor(), visitor()
    first_token = TOKEN.search(view(first).content.decode()).group(1)
    second_token = TOKEN.search(view(second).content.decode()).group(1)
    assert len(calls) == 1  # the second visitor got the cached page
    assert _does_token_match(first_token, first.META["CSRF_COOKIE"])
    assert _does_token_match(second_token, second.META["CSRF_COOKIE"])
    assert first.META["CSRF_COOKIE"] != second.META["CSRF_COOKIE"]
    assert second.META["CSRF_COOKIE_NEEDS_UPDATE"]  # so the middleware sends the cookie


def test_the_cached_copy_keeps_no_visitor_token():
    view, _calls = counting_view()
    with mock.patch.object(pagecache.cache, "set", wraps=pagecache.cache.set) as cache_set:
        view(visitor())
    (_key, (content, _content_type), _timeout), _ = cache_set.call_args
    assert pagecache.EMPTY_CSRF_FIELD in content


def test_pages_without_a_form_are_served_as_cached():
    @pagecache.public_page
    def view(request):
        return HttpResponse("<p>No form here</p>")

    view(visitor())
    request = visitor()
    assert view(request).content == b"<p>No form here</p>"
    assert "CSRF_COOKIE" not in request.META


def test_a_new_day_builds_the_page_again(each_edge_day, clock):
    view, calls = counting_view()
    clock.move_to(beijing_morning(each_edge_day, 23, 58), tick=False)
    view(visitor())
    view(visitor())
    assert len(calls) == 1
    clock.move_to(beijing_morning(each_edge_day + datetime.timedelta(days=1), 0, 1), tick=False)
    view(visitor())
    assert len(calls) == 2
