"""The review queue on a phone: what each item says, sorting and filtering without
scripts, the next item after each action, and approving several at once."""

import datetime
import re
from unittest.mock import ANY

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from campaigns import services
from campaigns.models import Activity, ActivityEvent, ActivityType
from tests.conftest import make_activity, make_user

NOTE = "You created, imported or edited this activity: another reviewer must approve it."


def url(name, *args):
    with translation.override("en"):
        return reverse(f"campaigns:{name}", args=args)


def waiting(unit, user, days, **fields):
    """A submitted activity sent for review `days` ago."""
    activity = make_activity(unit, user, status="submitted", **fields)
    ActivityEvent.objects.create(
        activity=activity,
        actor=user,
        action=ActivityEvent.Action.SUBMITTED,
        at=timezone.now() - datetime.timedelta(days=days),
    )
    return activity


HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def bulk_form(page):
    """What the bulk approval page's form posts: its hidden fields, as a browser sends them."""
    form = page[page.index('<form method="post"') :]
    fields = {}
    for name, value in HIDDEN.findall(form[: form.index("</form>")]):
        fields.setdefault(name, []).append(value)
    return fields


def titles(response):
    return [activity.title for activity in response.context["page"].object_list]


def test_each_item_shows_unit_date_type_two_figures_and_days_waiting(client, county, staff_a, reviewer):
    waiting(
        county["a"],
        staff_a,
        5,
        title="Market booth",
        figures={"participants": 1234, "online_reach": 56, "materials": 7},
    )
    client.force_login(reviewer)
    response = client.get(url("review"))
    page = response.content.decode()
    assert "Market booth" in page
    assert "East Town Station" in page
    assert "2026-10-15" in page
    assert "Street booth" in page
    assert "1,234" in page and ">56<" in page
    assert ">7<" not in page  # only the first two figures
    assert "waiting 5 days" in page


def test_the_queue_sorts_by_waiting_time_date_and_unit(client, county, staff_a, staff_b, reviewer):
    waiting(county["b"], staff_b, 1, title="new", date=datetime.date(2026, 9, 1))
    waiting(county["a"], staff_a, 9, title="old", date=datetime.date(2026, 10, 1))
    waiting(county["school_a"], staff_a, 4, title="middle", date=datetime.date(2026, 8, 1))
    client.force_login(reviewer)
    assert titles(client.get(url("review"))) == ["old", "middle", "new"]
    assert titles(client.get(url("review"), {"sort": "date"})) == ["middle", "new", "old"]
    assert titles(client.get(url("review"), {"sort": "unit"})) == ["old", "middle", "new"]


def test_the_queue_filters_by_unit_type_and_waiting_time(client, county, staff_a, staff_b, reviewer):
    lecture = ActivityType.objects.get(code="lecture_training")
    waiting(county["b"], staff_b, 1, title="B fresh")
    waiting(county["a"], staff_a, 9, title="A old")
    waiting(county["school_a"], staff_a, 4, title="A school", activity_type=lecture)
    client.force_login(reviewer)
    assert titles(client.get(url("review"), {"unit": county["a"].pk})) == ["A old", "A school"]
    assert titles(client.get(url("review"), {"type": lecture.pk})) == ["A school"]
    assert titles(client.get(url("review"), {"waiting": 3})) == ["A old", "A school"]
    assert titles(client.get(url("review"), {"waiting": 7})) == ["A old"]


def test_a_unit_outside_the_reviewers_units_is_not_a_filter_choice(client, county, staff_a):
    reviewer_a = make_user("reviewer_a", (county["a"], "reviewer"))
    waiting(county["a"], staff_a, 2, title="A item")
    client.force_login(reviewer_a)
    response = client.get(url("review"), {"unit": county["b"].pk})
    assert "West Town Station" not in response.content.decode()
    assert titles(response) == ["A item"]  # an invalid filter is ignored


@pytest.mark.parametrize("count", [3, 60])
def test_the_queue_costs_the_same_number_of_queries_whatever_its_size(
    client, county, staff_a, reviewer, count, django_assert_num_queries
):
    for number in range(count):
        waiting(county["a"], staff_a, 4 + number % 10, title=f"item {number}", figures={"participants": number + 1})
    client.force_login(reviewer)
    client.get(url("review"))  # warm the session
    with django_assert_num_queries(11):
        response = client.get(url("review"), {"sort": "unit", "waiting": 3})
    assert response.context["page"].paginator.count == count
    assert response.content.decode().count("fw-semibold") == min(count, 25)


def test_approving_goes_on_to_the_next_item_the_reviewer_may_approve(client, county, staff_a, reviewer):
    first = waiting(county["a"], staff_a, 9, title="first")
    waiting(county["a"], reviewer, 8, title="reviewer's own")
    third = waiting(county["a"], staff_a, 7, title="third")
    client.force_login(reviewer)
    response = client.post(url("activity-approve", first.pk), {"queue": "sort=waiting"})
    assert response.status_code == 302
    assert response["Location"].startswith(third.get_absolute_url())
    assert "queue=sort%3Dwaiting" in response["Location"]
    first.refresh_from_db()
    assert first.status == Activity.Status.APPROVED


def test_the_page_after_an_approval_offers_the_next_item_only_through_the_confirmation(
    client, county, staff_a, reviewer
):
    """A second click where the approve button was must not approve the next activity unseen."""
    first = waiting(county["a"], staff_a, 9, title="first")
    second = waiting(county["a"], staff_a, 8, title="second", figures={"participants": 4321})
    client.force_login(reviewer)
    response = client.post(url("activity-approve", first.pk), {"queue": "sort=waiting"}, follow=True)
    assert response.redirect_chain[-1][0].startswith(second.get_absolute_url())
    page = response.content.decode()
    assert f'action="{url("activity-approve", second.pk)}"' not in page  # no form that approves at once
    assert f'href="{url("activity-approve", second.pk)}?queue=sort%3Dwaiting"' in page
    confirm = client.get(url("activity-approve", second.pk), {"queue": "sort=waiting"}).content.decode()
    # The confirmation shows what is approved, and its button comes after that.
    card, form = confirm.split(f'action="{url("activity-approve", second.pk)}"', 1)
    assert "second" in card and "East Town Station" in card and "4,321" in card
    assert 'type="submit">Approve</button>' in form
    second.refresh_from_db()
    assert second.status == Activity.Status.SUBMITTED


def test_returning_the_last_item_goes_back_to_the_queue_with_a_message(client, county, staff_a, reviewer):
    only = waiting(county["a"], staff_a, 2, title="only")
    client.force_login(reviewer)
    response = client.post(
        url("activity-return", only.pk), {"reason": "Add the photos", "queue": "sort=date"}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("review") + "?sort=date"
    assert "Nothing else is waiting for your approval." in response.content.decode()
    only.refresh_from_db()
    assert only.status == Activity.Status.RETURNED


def test_the_queue_links_to_approve_and_return_keeping_its_order(client, county, staff_a, reviewer):
    item = waiting(county["a"], staff_a, 2, title="item")
    client.force_login(reviewer)
    page = client.get(url("review"), {"sort": "date"}).content.decode()
    assert f"{url('activity-approve', item.pk)}?queue=sort%3Ddate" in page
    assert f"{url('activity-return', item.pk)}?queue=sort%3Ddate" in page
    confirm = client.get(url("activity-approve", item.pk), {"queue": "sort=date"}).content.decode()
    assert 'name="queue" value="sort=date"' in confirm


def test_the_return_form_shows_the_activity_beside_the_reason(client, county, staff_a, reviewer):
    item = waiting(county["a"], staff_a, 2, title="Library talk", figures={"participants": 4321})
    client.force_login(reviewer)
    page = client.get(url("activity-return", item.pk)).content.decode()
    assert "Library talk" in page and "East Town Station" in page and "2026-10-15" in page and "4,321" in page
    assert 'name="reason"' in page


def test_bulk_approval_lists_the_choice_and_skips_the_reviewers_own_item(client, county, staff_a, reviewer):
    one = waiting(county["a"], staff_a, 3, title="one", figures={"participants": 120})
    two = waiting(county["school_a"], staff_a, 2, title="two")
    own = waiting(county["a"], reviewer, 1, title="reviewer's own")
    client.force_login(reviewer)
    ids = [one.pk, two.pk, own.pk]
    page = client.get(url("review-approve"), {"ids": ids}).content.decode()
    assert "one" in page and "120" in page and "two" in page
    assert "Skipped" in page and NOTE in page
    form = bulk_form(page)
    assert form["ids"] == [str(one.pk), str(two.pk)]
    # Posted all the same (an older page, a hand-made request): the four-eyes rule still skips it.
    form["ids"].append(str(own.pk))
    form[f"version-{own.pk}"] = [str(own.version)]
    response = client.post(url("review-approve"), form, follow=True)
    content = response.content.decode()
    assert "2 activities approved." in content
    assert "Skipped reviewer&#x27;s own" in content or "Skipped reviewer's own" in content
    statuses = dict(Activity.objects.filter(pk__in=ids).values_list("title", "status"))
    assert statuses == {"one": "approved", "two": "approved", "reviewer's own": "submitted"}


def test_bulk_approval_ignores_activities_outside_the_reviewers_units(client, county, staff_b):
    reviewer_a = make_user("reviewer_a", (county["a"], "reviewer"))
    other = waiting(county["b"], staff_b, 3, title="B's")
    client.force_login(reviewer_a)
    page = client.get(url("review-approve"), {"ids": [other.pk]}).content.decode()
    assert "B&#x27;s" not in page and "B's" not in page
    client.post(url("review-approve"), {"ids": [other.pk]})
    other.refresh_from_db()
    assert other.status == Activity.Status.SUBMITTED


def test_staff_cannot_bulk_approve(client, county, staff_a, staff_b):
    item = waiting(county["a"], staff_b, 3, title="x")
    client.force_login(staff_a)
    assert client.post(url("review-approve"), {"ids": [item.pk]}).status_code == 403
    client.logout()
    response = client.get(url("review-approve"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def changed_meanwhile(activity, author):
    """Another reviewer returns it and its author sends it again: it waits as before, at a
    newer version."""
    other_reviewer = make_user("other_reviewer", (activity.unit, "reviewer"))
    services.return_to_author(activity, by=other_reviewer, reason="Add the sign-in sheet.")
    services.submit(activity, by=author)


def test_bulk_approval_posts_the_version_of_each_activity_it_lists(client, county, staff_a, reviewer):
    one = waiting(county["a"], staff_a, 3, title="one")
    changed_meanwhile(one, staff_a)
    client.force_login(reviewer)
    page = client.get(url("review-approve"), {"ids": [one.pk]}).content.decode()
    expected = {"csrfmiddlewaretoken": ANY, "queue": [""], "ids": [str(one.pk)], f"version-{one.pk}": ["3"]}
    assert bulk_form(page) == expected


def test_bulk_approval_leaves_what_changed_after_the_list_was_opened(client, county, staff_a, reviewer):
    one = waiting(county["a"], staff_a, 3, title="one")
    two = waiting(county["a"], staff_a, 2, title="two")
    three = waiting(county["a"], staff_a, 1, title="three")
    client.force_login(reviewer)
    page = client.get(url("review-approve"), {"ids": [one.pk, two.pk, three.pk]}).content.decode()
    changed_meanwhile(two, staff_a)

    response = client.post(url("review-approve"), bulk_form(page), follow=True, HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert "2 activities approved." in content
    assert "Not approved: two changed after you opened the list. Look at it again." in content
    statuses = dict(Activity.objects.filter(pk__in=[one.pk, two.pk, three.pk]).values_list("title", "status"))
    assert statuses == {"one": "approved", "two": "submitted", "three": "approved"}
    two.refresh_from_db()
    assert (two.version, two.reviewed_by.username) == (3, "other_reviewer")


def test_bulk_approval_approves_nothing_posted_without_its_version(client, county, staff_a, reviewer):
    one = waiting(county["a"], staff_a, 3, title="one")
    client.force_login(reviewer)

    response = client.post(url("review-approve"), {"ids": [one.pk], f"version-{one.pk}": ""}, follow=True)

    assert "0 activities approved." in response.content.decode()
    assert "Not approved: one changed after you opened the list." in response.content.decode()
    one.refresh_from_db()
    assert one.status == "submitted"


def test_a_batch_refuses_an_activity_changed_after_it_was_read(county, staff_a, reviewer):
    """Between the bulk page's read and its approval's turn: the model's versioned UPDATE refuses it."""
    read = waiting(county["a"], staff_a, 3, title="one")
    other = waiting(county["a"], staff_a, 2, title="other")
    changed_meanwhile(Activity.objects.get(pk=read.pk), staff_a)

    with translation.override("en"):
        approved, refused = services.approve_all([read, other], by=reviewer)

    assert approved == [other]
    assert [(activity, "has changed since you opened it" in reason) for activity, reason in refused] == [(read, True)]
    read.refresh_from_db()
    assert (read.status, read.reviewed_by.username) == ("submitted", "other_reviewer")
