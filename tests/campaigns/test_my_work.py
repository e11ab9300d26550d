"""My work: where staff land after signing in, returned activities first with the
reviewer's reason, and the navigation's counts of their own work."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Activity
from tests.conftest import PASSWORD, make_activity, make_user


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


MY_WORK = "campaigns:my-work"


def returned(unit, user, title, reason="Add the sign-in sheet.", **fields):
    return make_activity(
        unit, user, title=title, status="returned", return_reason=reason, reviewed_at=timezone.now(), **fields
    )


def approved(unit, user, title, days_ago):
    return make_activity(
        unit, user, title=title, status="approved", reviewed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_signing_in_lands_on_my_work(client, staff_a):
    response = client.post(url("login"), {"username": "staff_a", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == url(MY_WORK)
    assert '<h1 class="mb-0">My work</h1>' in response.content.decode()


@pytest.mark.parametrize(
    ("actor", "landing"),
    [("staff_a", MY_WORK), ("reviewer", "campaigns:review"), ("administrator", "reports:overview")],
)
def test_every_role_lands_on_a_page_of_its_own(db, client, actor, landing, request):
    client.force_login(request.getfixturevalue(actor))
    response = client.get(url("campaigns:home-for-user"))
    assert response.status_code == 302
    assert response["Location"] == url(landing)


def test_returned_come_first_with_the_reason_then_drafts_waiting_and_approved(client, county, staff_a):
    make_activity(county["a"], staff_a, title="A draft", status="draft")
    make_activity(county["a"], staff_a, title="A waiting one", status="submitted")
    approved(county["a"], staff_a, "An approved one", days_ago=2)
    returned(county["school_a"], staff_a, "A returned one", reason="Materials look high: check the count.")
    client.force_login(staff_a)

    html = client.get(url(MY_WORK)).content.decode()

    positions = [html.index(title) for title in ("A returned one", "A draft", "A waiting one", "An approved one")]
    assert positions == sorted(positions)
    assert "Materials look high: check the count." in html
    assert html.index("Materials look high") < html.index("A draft")
    edit = url("campaigns:activity-edit", Activity.objects.get(title="A returned one").pk)
    assert f'href="{edit}"' in html


def test_every_returned_activity_is_shown_however_many(client, county, staff_a):
    for number in range(60):
        returned(county["a"], staff_a, f"Returned number {number:02}")
    client.force_login(staff_a)

    html = client.get(url(MY_WORK)).content.decode()

    assert all(f"Returned number {number:02}" in html for number in range(60))
    assert "Page 1 of" not in html


def test_approved_ones_stay_thirty_days(client, county, staff_a):
    approved(county["a"], staff_a, "Approved last week", days_ago=7)
    approved(county["a"], staff_a, "Approved two months ago", days_ago=60)
    client.force_login(staff_a)

    html = client.get(url(MY_WORK)).content.decode()

    assert "Approved last week" in html
    assert "Approved two months ago" not in html


def test_only_the_users_own_work_is_listed(client, county, staff_a, staff_b):
    colleague = make_user("colleague_a", (county["a"], "staff"))
    returned(county["a"], colleague, "A colleague's returned one")
    returned(county["b"], staff_b, "West town's returned one")
    returned(county["a"], staff_a, "Mine")
    client.force_login(staff_a)

    html = client.get(url(MY_WORK)).content.decode()

    assert "Mine" in html
    assert "A colleague&#x27;s returned one" not in html and "A colleague's returned one" not in html
    assert "West town&#x27;s returned one" not in html and "West town's returned one" not in html


def nav_of(html):
    return re.search(r'<nav aria-label="Main">.*?</nav>', html, re.S).group(0)


def test_the_navigation_counts_returned_ones_and_the_count_drops_after_resubmitting(client, county, staff_a):
    first = returned(county["a"], staff_a, "First")
    returned(county["a"], staff_a, "Second")
    client.force_login(staff_a)
    assert "2 returned" in nav_of(client.get(url("campaigns:activity-list")).content.decode())

    client.post(url("campaigns:activity-submit", first.pk))

    nav = nav_of(client.get(url("campaigns:activity-list")).content.decode())
    assert "1 returned" in nav
    first.refresh_from_db()
    assert first.status == Activity.Status.SUBMITTED


def test_no_badge_when_nothing_is_returned(client, staff_a):
    client.force_login(staff_a)
    assert "returned-count" not in client.get(url(MY_WORK)).content.decode()


def count_queries(client, path):
    client.get(path)  # settles the once-a-minute session refresh
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_counts_are_one_query_per_request_and_none_for_visitors(client, county, staff_a):
    returned(county["a"], staff_a, "Returned")
    client.force_login(staff_a)
    # My work shows the counts in the navigation and again beside each heading.
    queries = count_queries(client, url(MY_WORK))
    counting = [sql for sql in queries if "COALESCE((SELECT COUNT" in sql]
    assert len(counting) == 1
    client.logout()
    assert not [sql for sql in count_queries(client, url("home")) if "campaigns_activity" in sql]


def test_my_work_runs_a_fixed_number_of_queries(client, county, staff_a):
    client.force_login(staff_a)
    small = len(count_queries(client, url(MY_WORK)))
    for number in range(30):
        status = ["draft", "submitted", "returned", "approved"][number % 4]
        make_activity(
            county["school_a"] if number % 2 else county["a"],
            staff_a,
            title=f"Work {number}",
            status=status,
            return_reason="Fix it." if status == "returned" else "",
            reviewed_at=timezone.now(),
        )
    assert len(count_queries(client, url(MY_WORK))) == small
