"""Every page runs the same number of queries with little data and with much more."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_activity, make_scam_type
from tests.fraudwatch.test_url_permissions import TABLE

# Documents printed once for the module and the process (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdfs_rendered_once")


@pytest.fixture(autouse=True)
def no_session_refresh(monkeypatch):
    """The signed-in session's expiry is pushed back once a minute, by a write that lands on
    whichever request crosses the minute: on a slow machine, sometimes a measured one."""
    monkeypatch.setattr("fraudwatch.accounts.TOUCH_EVERY", 10**9)


def page_counts(client, world, actor):
    counts = {}
    for name, (arguments, expected) in TABLE.items():
        if expected[actor] != 200 or name == "healthz":
            continue
        with translation.override("en"):
            url = reverse(name, args=arguments(world))
        client.get(url)  # fills what a page keeps for the next request
        cache.clear()  # measure the uncached path of public pages
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("actor", ["administrator", "reviewer"])
def test_every_page_runs_a_fixed_number_of_queries(client, world, county, actor):
    client.force_login(world["users"][actor])
    small = page_counts(client, world, actor)
    staff = world["users"]["staff_a"]
    for number in range(40):
        make_scam_type()
        activity = make_activity(
            county["school_a"] if number % 2 else county["a"],
            staff,
            status=["approved", "submitted", "draft"][number % 3],
            date=datetime.date(2026, 1 + number % 10, 1 + number % 27),
            figures={"participants": number, "materials": 2 * number},
            campaign=world["campaign"],
        )
        activity.events.create(actor=staff, action="edited", changes=[{"field": "title", "old": "a", "new": "b"}])
    large = page_counts(client, world, actor)
    assert large == small
