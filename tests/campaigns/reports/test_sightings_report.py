"""The staff page of weekly "I got this too" counts per scam type."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import make_scam_type, make_user
from tests.scams.test_sightings import add_counts


def url(name):
    with translation.override("en"):
        return reverse(name)


@pytest.fixture
def scam(db):
    return make_scam_type(name_en="Fake police call")


def test_staff_see_counts_per_type_and_week(client, county, staff_a, scam):
    other = make_scam_type(name_en="Fake loan")
    today = timezone.localdate()
    add_counts(scam, (0, 4), (today.weekday() + 1, 6))  # this week, and last Sunday
    add_counts(other, (7 * 8 + today.weekday(), 100))  # nine weeks ago: not shown
    client.force_login(staff_a)
    with translation.override("en"):
        response = client.get(url("reports:sightings"))
    assert response.status_code == 200
    mondays, table = response.context["mondays"], response.context["table"]
    assert len(mondays) == 8 and mondays[-1] == today - datetime.timedelta(days=today.weekday())
    assert table == [(scam, [0, 0, 0, 0, 0, 0, 6, 4])]
    assert response.context["totals"][-2:] == [6, 4]
    assert "Fake police call" in response.content.decode()
    assert "Fake loan" not in response.content.decode()


def test_a_user_without_a_role_gets_403(client, db):
    client.force_login(make_user("nobody"))
    assert client.get(url("reports:sightings")).status_code == 403


def test_runs_a_fixed_number_of_queries(client, county, staff_a, scam):
    client.force_login(staff_a)
    add_counts(scam, (0, 1))
    client.get(url("reports:sightings"))  # settles the session refresh
    with CaptureQueriesContext(connection) as few:
        client.get(url("reports:sightings"))
    for _ in range(15):
        add_counts(make_scam_type(), *((ago, 1) for ago in range(60)))
    with CaptureQueriesContext(connection) as many:
        client.get(url("reports:sightings"))
    assert len(many) == len(few)
