""" "I got this too": one tap counts a browser once per type and day, keeps nothing about
the visitor, and one address cannot inflate the counts."""

import datetime
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from fraudwatch.core import daily
from fraudwatch.core.clients import client_address
from scams import sightings
from scams.models import Sighting
from tests.conftest import beijing_morning, make_scam_type

PHONE = "Mozilla/5.0 (Linux; Android 14) Mobile"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def visitor(address="127.0.0.1", agent=PHONE, **options):
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent, **options)


def today_count(scam):
    row = Sighting.objects.filter(scam_type=scam, day=timezone.localdate()).first()
    return row.count if row else 0


def count_queries(client, path):
    cache.clear()  # measure the uncached path
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def scam(db):
    return make_scam_type(name_en="Fake police call")


def test_twenty_reports_from_one_browser_and_one_from_another_count_two(scam):
    one, another = visitor("203.0.113.7"), visitor("198.51.100.20", agent="Mozilla/5.0 (iPhone) Mobile")
    for _ in range(20):
        assert one.post(url("scams:seen", scam.slug)).status_code == 200
    another.post(url("scams:seen", scam.slug))
    assert today_count(scam) == 2


def test_a_browser_that_drops_its_cookie_is_still_counted_once(scam):
    for _ in range(5):
        visitor("203.0.113.7").post(url("scams:seen", scam.slug))  # a new client: no cookie each time
    assert today_count(scam) == 1


def test_a_browser_that_changes_address_is_still_counted_once(scam):
    browser = visitor("203.0.113.7")
    browser.post(url("scams:seen", scam.slug))
    browser.defaults["REMOTE_ADDR"] = "198.51.100.20"  # same cookie, another network
    browser.post(url("scams:seen", scam.slug))
    assert today_count(scam) == 1


def test_one_address_counts_at_most_ten_reports_a_day(db):
    types = [make_scam_type() for _ in range(12)]
    for number, scam in enumerate(types):
        visitor("203.0.113.7", agent=f"{PHONE} {number}").post(url("scams:seen", scam.slug))
    same_type = make_scam_type()
    for number in range(5):
        visitor("203.0.113.7", agent=f"Script {number}").post(url("scams:seen", same_type.slug))
    assert sum(Sighting.objects.values_list("count", flat=True)) == sightings.MAX_PER_ADDRESS == 10


def test_the_next_day_the_same_browser_counts_again(each_edge_day, clock, scam):
    browser = visitor()
    # Late in the evening, then just after midnight in Beijing (still the day before in UTC).
    clock.move_to(beijing_morning(each_edge_day, 23, 59), tick=False)
    browser.post(url("scams:seen", scam.slug))
    browser.post(url("scams:seen", scam.slug))
    tomorrow = each_edge_day + datetime.timedelta(days=1)
    clock.move_to(beijing_morning(tomorrow, 0, 1), tick=False)
    browser.post(url("scams:seen", scam.slug))
    assert list(Sighting.objects.order_by("day").values_list("day", "count")) == [
        (each_edge_day, 1),
        (tomorrow, 1),
    ]


def test_nothing_about_the_visitor_is_kept(scam):
    browser = visitor("203.0.113.7")
    with mock.patch.object(daily.cache, "add", wraps=daily.cache.add) as cache_add:
        response = browser.post(url("scams:seen", scam.slug))
    browser_id = response.cookies[sightings.COOKIE].value
    keys = " ".join(call.args[0] for call in cache_add.call_args_list)
    for secret in ("203.0.113.7", "Android", browser_id):
        assert secret not in keys
    assert {field.name for field in Sighting._meta.get_fields()} == {"id", "scam_type", "day", "count"}


def test_the_cookie_is_a_random_id_that_ends_with_the_day(scam):
    response = visitor().post(url("scams:seen", scam.slug))
    cookie = response.cookies[sightings.COOKIE]
    assert sightings.SANE_BROWSER_ID.match(cookie.value)
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert 0 < int(cookie["max-age"]) <= 24 * 3600


def test_the_answer_is_a_thank_you_that_no_cache_keeps(scam):
    response = visitor().post(url("scams:seen", scam.slug))
    assert response.status_code == 200
    assert "Thank you for telling us" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    chinese = visitor().post(url("scams:seen", scam.slug, language="zh-hans"))
    assert "谢谢你告诉我们" in chinese.content.decode()


def test_the_button_works_from_a_cached_page_with_csrf_checks_on(scam):
    first, second = visitor("203.0.113.7", enforce_csrf_checks=True), visitor("198.51.100.20", enforce_csrf_checks=True)
    first.get(url("scams:detail", scam.slug))
    with CaptureQueriesContext(connection) as queries:
        page = second.get(url("scams:detail", scam.slug)).content.decode()
    assert len(queries) == 0  # the second visitor got the cached page
    assert f'action="/en/scams/{scam.slug}/seen/"' in page
    token = TOKEN.search(page).group(1)
    assert second.post(url("scams:seen", scam.slug), {"csrfmiddlewaretoken": token}).status_code == 200
    assert today_count(scam) == 1
    assert visitor(enforce_csrf_checks=True).post(url("scams:seen", scam.slug)).status_code == 403


def test_an_unpublished_type_cannot_be_reported(db):
    hidden = make_scam_type(published=False)
    assert visitor().post(url("scams:seen", hidden.slug)).status_code == 404
    assert not Sighting.objects.exists()


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "192.0.2.1, 203.0.113.7", "203.0.113.7"),  # our proxy added the last entry
        ("203.0.113.9", "192.0.2.1", "203.0.113.9"),  # not a proxy we trust: the header is ignored
        ("127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_the_address_behind_a_trusted_proxy_is_the_one_it_saw(rf, remote, forwarded, expected):
    request = rf.post("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def add_counts(scam, *day_counts):
    today = timezone.localdate()
    Sighting.objects.bulk_create(
        Sighting(scam_type=scam, day=today - datetime.timedelta(days=ago), count=count) for ago, count in day_counts
    )


class TestTrend:
    def test_the_page_says_this_week_and_the_week_before(self, client, scam):
        add_counts(scam, (0, 30), (6, 7), (7, 12), (13, 0), (14, 99))
        page = client.get(url("scams:detail", scam.slug)).content.decode()
        assert "Visitors said they met this scam 37 times in the past 7 days (12 in the 7 days before)." in page
        chinese = client.get(url("scams:detail", scam.slug, language="zh-hans")).content.decode()
        assert "近7天有37人次反映遇到这类诈骗，此前7天为12人次。" in chinese

    def test_one_report_reads_as_one(self, client, scam):
        add_counts(scam, (1, 1))
        page = client.get(url("scams:detail", scam.slug)).content.decode()
        assert "met this scam 1 time in the past 7 days (0 in" in page

    def test_the_trend_is_hidden_when_nobody_reported(self, client, scam):
        add_counts(scam, (14, 5))
        page = client.get(url("scams:detail", scam.slug)).content.decode()
        assert "Visitors said they met this scam" not in page
        assert "I got this too" in page

    def test_is_one_query(self, scam, django_assert_num_queries):
        add_counts(scam, (0, 3), (8, 4))
        with django_assert_num_queries(1):
            assert sightings.trend(scam) == {"this_week": 3, "last_week": 4}


class TestMostSeen:
    def test_the_home_page_lists_the_five_most_reported_types_of_the_week(self, client, db):
        types = [make_scam_type(name_en=f"Type {number}") for number in range(7)]
        for number, scam in enumerate(types):
            add_counts(scam, (0, number + 1), (3, number))
        add_counts(types[0], (8, 500))  # last week's counts do not make this week's top five
        make_scam_type(name_en="Unpublished", published=False)
        home = client.get(url("home")).content.decode()
        section = home[home.index("What visitors met most") :]
        shown = re.findall(r">(Type \d)</a>", section[: section.index("</ol>")])
        assert shown == ["Type 6", "Type 5", "Type 4", "Type 3", "Type 2"]
        assert "(13 reports)" in section

    def test_is_hidden_when_nobody_reported(self, client, scam):
        assert "What visitors met most" not in client.get(url("home")).content.decode()

    def test_is_one_query(self, scam, django_assert_num_queries):
        add_counts(scam, (0, 3))
        with django_assert_num_queries(1):
            assert [(row.slug, row.seen) for row in sightings.most_seen()] == [(scam.slug, 3)]


@pytest.mark.parametrize("page", ["home", "scams:detail"])
def test_public_pages_run_a_fixed_number_of_queries_however_many_sightings(client, scam, page):
    path = url("scams:detail", scam.slug) if page == "scams:detail" else url("home")
    add_counts(scam, (0, 1))
    few = count_queries(client, path)
    for _ in range(20):
        add_counts(make_scam_type(), *((ago, ago + 1) for ago in range(30)))
    add_counts(scam, *((ago, 2) for ago in range(1, 30)))
    assert count_queries(client, path) == few
