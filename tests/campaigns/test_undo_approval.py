"""A reviewer may take back their own approval within ten minutes: the activity waits for
review again, its history says so, and the reports stop counting it as approved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import Activity, ActivityEvent, WorkflowError
from campaigns.reports import summary_rebuild
from campaigns.reports.summary import ReportFilters, build
from tests.conftest import make_activity, make_user

REFUSED = "Only the reviewer who approved an activity can undo that, and only within 10 minutes."


def url(name, *args):
    with translation.override("en"):
        return reverse(f"campaigns:{name}", args=args)


def undo_link(activity):
    return f'href="{url("activity-undo-approval", activity.pk)}"'


def approved_figures(unit):
    """The report's approved total for the unit's subtree: (activities, {indicator: sum})."""
    report = build(ReportFilters(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 11, 18), unit=unit))
    return report.total.activities, report.total.values


@pytest.fixture
def approved(client, county, staff_a, reviewer):
    """Submitted by staff_a with 230 participants, beside an approved one with 100, then
    approved by the reviewer through the page."""
    make_activity(county["a"], staff_a, status="approved", figures={"participants": 100})
    activity = make_activity(county["a"], staff_a, status="submitted", figures={"participants": 230})
    client.force_login(reviewer)
    client.post(url("activity-approve", activity.pk), follow=True)  # follows, so the messages are shown
    activity.refresh_from_db()
    assert activity.status == Activity.Status.APPROVED
    assert approved_figures(county["a"]) == (2, {"participants": 330})
    return activity


def test_the_approval_message_offers_the_undo(client, county, staff_a, reviewer):
    activity = make_activity(county["a"], staff_a, status="submitted", title="Market booth")
    client.force_login(reviewer)
    response = client.post(url("activity-approve", activity.pk), follow=True)
    page = response.content.decode()
    assert "Approved “Market booth”." in page
    assert f'<a href="{url("activity-undo-approval", activity.pk)}">Undo (within 10 minutes)</a>' in page


def test_the_approver_undoes_in_time_and_the_reports_drop_back(client, county, approved, reviewer):
    page = client.get(url("activity-detail", approved.pk)).content.decode()
    assert url("activity-undo-approval", approved.pk) in page
    assert "you can take it back until 10:40" in page  # approved at 10:30 on the pinned clock
    confirm = client.get(url("activity-undo-approval", approved.pk)).content.decode()
    assert "Take your approval back?" in confirm and "230" in confirm

    response = client.post(url("activity-undo-approval", approved.pk), follow=True)

    assert "Approval undone: the activity is waiting for review again." in response.content.decode()
    approved.refresh_from_db()
    assert approved.status == Activity.Status.SUBMITTED
    assert (approved.reviewed_by, approved.reviewed_at) == (None, None)
    assert approved_figures(county["a"]) == (1, {"participants": 100})
    assert summary_rebuild.differences() == []
    # Back in the queue, for this reviewer or another.
    assert "230" in client.get(url("review")).content.decode()


def test_the_history_records_the_undo(client, approved, reviewer):
    client.post(url("activity-undo-approval", approved.pk))
    event = approved.events.order_by("at", "pk").last()
    assert (event.action, event.actor) == (ActivityEvent.Action.APPROVAL_UNDONE, reviewer)
    assert event.changes == [{"field": "status", "old": "approved", "new": "submitted"}]
    history = client.get(url("activity-detail", approved.pk)).content.decode().split('class="history', 1)[1]
    assert "Approval undone" in history and "Approved → Submitted" in history


def test_after_ten_minutes_the_undo_is_refused(client, county, approved, reviewer, clock):
    clock.move_to(approved.reviewed_at + Activity.UNDO_WINDOW + datetime.timedelta(seconds=1))
    assert (
        url("activity-undo-approval", approved.pk)
        not in client.get(url("activity-detail", approved.pk)).content.decode()
    )
    assert client.get(url("activity-undo-approval", approved.pk)).status_code == 403
    response = client.post(url("activity-undo-approval", approved.pk))
    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    with pytest.raises(WorkflowError):
        approved.undo_approval(by=reviewer)
    approved.refresh_from_db()
    assert approved.status == Activity.Status.APPROVED
    assert approved_figures(county["a"]) == (2, {"participants": 330})


def test_ten_minutes_on_the_dot_is_still_in_time(approved, reviewer, clock):
    clock.move_to(approved.reviewed_at + Activity.UNDO_WINDOW)
    assert approved.may_undo_approval_by(reviewer)


@pytest.mark.parametrize("who", ["other reviewer", "administrator", "author"])
def test_someone_elses_approval_cannot_be_undone(client, county, approved, staff_a, administrator, who):
    someone = {
        "other reviewer": make_user("second_reviewer", (county["bureau"], "reviewer")),
        "administrator": administrator,
        "author": staff_a,
    }[who]
    client.force_login(someone)
    assert (
        url("activity-undo-approval", approved.pk)
        not in client.get(url("activity-detail", approved.pk)).content.decode()
    )
    assert client.post(url("activity-undo-approval", approved.pk)).status_code == 403
    with pytest.raises(WorkflowError):
        approved.undo_approval(by=someone)
    approved.refresh_from_db()
    assert approved.status == Activity.Status.APPROVED
    assert approved_figures(county["a"]) == (2, {"participants": 330})


def test_an_undone_approval_is_undone_once(client, approved):
    client.post(url("activity-undo-approval", approved.pk))
    assert client.post(url("activity-undo-approval", approved.pk)).status_code == 403
    assert approved.events.filter(action=ActivityEvent.Action.APPROVAL_UNDONE).count() == 1
