"""Public pages kept whole (pagecache.PublicResponseMiddleware): a visitor's second request
is answered before the session, CSRF, auth and the view run, with the same headers, their
own CSRF token, and nothing kept for anyone signed in."""

import re
from unittest import mock

import pytest
from django.middleware.csrf import _does_token_match
from django.test import Client
from django.urls import reverse

from fraudwatch.core import pagecache

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')
# Headers the middleware inside the kept layer adds (locale, clickjacking, the view's own).
INNER_HEADERS = ("Content-Language", "X-Frame-Options", "Vary", "Cache-Control", "Content-Type")
# Headers the middleware outside it adds to every answer.
OUTER_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Request-ID")


@pytest.fixture
def check_page(db):
    return reverse("check")


def replays():
    """A spy on the middleware's answering from a kept page."""
    keeper = pagecache.PublicResponseMiddleware
    return mock.patch.object(keeper, "_replay", autospec=True, side_effect=keeper._replay)


def no_replay():
    return mock.patch.object(pagecache.PublicResponseMiddleware, "_replay", side_effect=AssertionError)


def test_a_visitors_second_visit_is_served_whole_with_the_same_headers(check_page, django_assert_num_queries):
    first = Client().get(check_page)
    with replays() as replay, django_assert_num_queries(0):
        second = Client().get(check_page)
    assert replay.called
    assert second.status_code == 200
    for header in INNER_HEADERS + OUTER_HEADERS:
        assert second.has_header(header), header
    for header in INNER_HEADERS:
        assert second[header] == first[header], header
    assert "no-store" in second["Cache-Control"]  # the checker's page is never kept by a browser
    assert second["Content-Length"] == str(len(second.content))
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())


def test_the_kept_page_gives_each_visitor_their_own_token_and_cookie(check_page):
    Client().get(check_page)  # kept
    visitor = Client(enforce_csrf_checks=True)
    with replays() as replay:
        page = visitor.get(check_page)
    assert replay.called
    token = TOKEN.search(page.content.decode()).group(1)
    cookie = page.cookies["csrftoken"].value
    assert _does_token_match(token, cookie)
    answer = visitor.post(check_page, {"csrfmiddlewaretoken": token, "text": "您好，我是公安局的，请把钱转到安全账户"})
    assert answer.status_code == 200
    assert "data-risk=" in answer.content.decode()


def test_a_returning_visitor_keeps_their_cookie(check_page):
    visitor = Client()
    visitor.get(check_page)
    cookie = visitor.cookies["csrftoken"].value
    again = visitor.get(check_page)
    assert again.cookies["csrftoken"].value == cookie  # sent again as Django does, to renew it, unchanged
    assert _does_token_match(TOKEN.search(again.content.decode()).group(1), cookie)


def test_signed_in_users_never_get_the_visitors_copy(client, staff_a):
    home = reverse("home")
    Client().get(home)  # kept for visitors
    client.force_login(staff_a)
    page = client.get(home)
    assert 'action="' + reverse("logout") + '"' in page.content.decode()  # their own menu
    assert "private" in page["Cache-Control"]


def test_a_visitor_with_messages_waiting_gets_the_page_built(check_page):
    Client().get(check_page)  # kept
    visitor = Client()
    visitor.cookies["messages"] = "anything"
    with no_replay():
        assert visitor.get(check_page).status_code == 200


def test_a_catalogue_edit_retires_the_kept_pages(check_page):
    Client().get(check_page)
    pagecache.invalidate()
    with no_replay():
        assert Client().get(check_page).status_code == 200
