"""Nobody approves an activity they created, imported or edited at any time, and every
page that offers approval says so before the reviewer tries."""

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.importing import import_activities
from campaigns.models import Activity, ActivityEvent, WorkflowError
from tests.campaigns.test_activity_edit import activity_form
from tests.campaigns.test_import import csv_file, row
from tests.conftest import make_activity, make_user

NOTE = "You created, imported or edited this activity: another reviewer must approve it."


def url(name, *args):
    with translation.override("en"):
        return reverse(f"campaigns:{name}", args=args)


@pytest.fixture
def edited_earlier(client, county, staff_a, reviewer):
    """Submitted by staff_a after the reviewer edited it and staff_a edited it again,
    so the reviewer is neither its creator nor its last editor."""
    activity = make_activity(county["a"], staff_a, title="Edited by the reviewer earlier")
    client.force_login(reviewer)
    client.post(
        url("activity-edit", activity.pk),
        activity_form(county["a"], title=activity.title, figure_participants="500", version=1),
    )
    client.force_login(staff_a)
    client.post(
        url("activity-edit", activity.pk),
        activity_form(county["a"], title=activity.title, figure_participants="510", version=2),
    )
    client.post(url("activity-submit", activity.pk))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.SUBMITTED
    assert reviewer.pk not in (activity.created_by_id, activity.updated_by_id)
    client.force_login(reviewer)
    return activity


def test_the_queue_tells_a_reviewer_who_edited_earlier_that_they_cannot_approve(
    client, county, staff_a, edited_earlier
):
    untouched = make_activity(county["a"], staff_a, title="Only staff touched this", status="submitted")
    response = client.get(url("review"))
    assert response.status_code == 200
    body = response.content.decode()
    assert url("activity-approve", untouched.pk) in body
    assert url("activity-approve", edited_earlier.pk) not in body
    assert body.count(NOTE) == 1


def test_the_detail_page_offers_no_approval_to_a_reviewer_who_edited_earlier(client, edited_earlier):
    response = client.get(url("activity-detail", edited_earlier.pk))
    assert response.status_code == 200
    assert NOTE in response.content.decode()
    assert url("activity-approve", edited_earlier.pk) not in response.content.decode()
    assert response.context["may_approve"] is False


def test_approving_after_an_earlier_edit_is_forbidden(client, edited_earlier, reviewer):
    assert client.get(url("activity-approve", edited_earlier.pk)).status_code == 403
    assert client.post(url("activity-approve", edited_earlier.pk)).status_code == 403
    edited_earlier.refresh_from_db()
    assert edited_earlier.status == Activity.Status.SUBMITTED
    with pytest.raises(WorkflowError):
        edited_earlier.approve(by=reviewer)
    edited_earlier.refresh_from_db()
    assert edited_earlier.status == Activity.Status.SUBMITTED


def test_another_reviewer_may_approve_it(client, county, edited_earlier):
    other = make_user("second_reviewer", (county["bureau"], "reviewer"))
    client.force_login(other)
    assert url("activity-approve", edited_earlier.pk) in client.get(url("review")).content.decode()
    assert client.post(url("activity-approve", edited_earlier.pk)).status_code == 302
    edited_earlier.refresh_from_db()
    assert (edited_earlier.status, edited_earlier.reviewed_by) == (Activity.Status.APPROVED, other)


def test_the_importer_may_not_approve_what_they_imported(client, county, reviewer):
    report = import_activities(csv_file([row(title="导入的班会")]), "a.csv", reviewer, status="submitted")
    assert report.ok, report.errors
    activity = Activity.objects.get(title="导入的班会")
    assert activity.events.get().action == ActivityEvent.Action.IMPORTED
    client.force_login(reviewer)
    assert NOTE in client.get(url("review")).content.decode()
    assert client.post(url("activity-approve", activity.pk)).status_code == 403


@pytest.mark.parametrize("role", ["created_by", "updated_by", "created", "edited", "imported"])
def test_any_part_in_the_work_bars_approval(county, staff_a, reviewer, role):
    activity = make_activity(county["a"], staff_a, status="submitted")
    if role in ("created_by", "updated_by"):
        setattr(activity, role, reviewer)
        activity.save()
    else:
        activity.events.create(actor=reviewer, action=role)
    assert not activity.may_be_approved_by(reviewer)
    loaded = Activity.objects.with_history().get(pk=activity.pk)
    assert not loaded.may_be_approved_by(reviewer)
    assert loaded.may_be_approved_by(make_user("bystander"))


def test_history_that_is_not_authorship_does_not_bar_approval(county, staff_a, reviewer):
    activity = make_activity(county["a"], staff_a, status="submitted")
    for action in ("submitted", "returned", "reopened", "approved"):
        activity.events.create(actor=reviewer, action=action)
    assert activity.may_be_approved_by(reviewer)
    assert Activity.objects.with_history().get(pk=activity.pk).may_be_approved_by(reviewer)
