"""Four eyes everywhere: on every path that approves an activity, its author cannot approve
their own work. Importing as approved is for administrators loading historic records,
and the history says who did it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from campaigns.models import Activity
from tests.conftest import PINNED_NOW, make_activity

DAY = (PINNED_NOW.date() - datetime.timedelta(days=30)).isoformat()
CSV = f"date,org_unit,activity_type,title\n{DAY},station-a,class_meeting,历史记录\n".encode()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def import_form(status):
    return {"file": SimpleUploadedFile("old.csv", CSV), "status": status, "dry_run": ""}


def test_a_reviewer_cannot_approve_their_own_activity_on_its_page(client, county, reviewer):
    activity = make_activity(county["a"], reviewer, status="submitted")
    approve = reverse("campaigns:activity-approve", args=[activity.pk])
    client.force_login(reviewer)

    page = client.get(activity.get_absolute_url())
    assert page.status_code == 200
    assert approve not in page.content.decode()
    assert "another reviewer must approve it" in page.content.decode()

    assert client.post(approve).status_code == 403
    activity.refresh_from_db()
    assert (activity.status, activity.reviewed_by) == ("submitted", None)


def test_the_review_queue_leads_the_author_to_no_approval_of_their_own_item(client, county, staff_a, reviewer):
    own = make_activity(county["a"], reviewer, status="submitted", title="审核人自己的活动")
    other = make_activity(county["a"], staff_a, status="submitted", title="民警的活动")
    client.force_login(reviewer)

    queue = client.get(reverse("campaigns:review")).content.decode()

    assert own.title in queue
    assert other.title in queue
    mine, theirs = (
        queue.split(f'href="{activity.get_absolute_url()}?')[1].split("</li>")[0] for activity in (own, other)
    )
    assert "another reviewer must approve it" in mine
    assert "another reviewer must approve it" not in theirs
    # The queue links to each page, where only the other's item can be approved.
    assert (
        reverse("campaigns:activity-approve", args=[own.pk]) not in client.get(own.get_absolute_url()).content.decode()
    )
    assert (
        reverse("campaigns:activity-approve", args=[other.pk]) in client.get(other.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("importer", ["staff_a", "reviewer"])
def test_the_import_page_does_not_offer_approved_to_anyone_but_an_administrator(db, client, importer, request):
    client.force_login(request.getfixturevalue(importer))

    page = client.get(reverse("campaigns:import")).content.decode()

    assert 'value="submitted"' in page
    assert 'value="approved"' not in page


@pytest.mark.parametrize("importer", ["staff_a", "reviewer"])
def test_a_tampered_approved_import_is_a_form_error(db, client, importer, request):
    client.force_login(request.getfixturevalue(importer))

    response = client.post(reverse("campaigns:import"), import_form("approved"))

    assert response.status_code == 200
    assert "Only an administrator may import activities as approved." in response.content.decode()
    assert not Activity.objects.exists()


def test_an_administrators_approved_import_says_so_in_the_history(client, county, administrator):
    client.force_login(administrator)
    assert 'value="approved"' in client.get(reverse("campaigns:import")).content.decode()

    response = client.post(reverse("campaigns:import"), import_form("approved"))

    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.status, activity.reviewed_by) == ("approved", administrator)
    history = client.get(activity.get_absolute_url()).content.decode()
    assert "Imported as approved by chief, without review." in history
    assert "Status: — → Approved" in history


def test_a_reviewers_import_history_does_not_claim_approval(client, county, reviewer):
    client.force_login(reviewer)
    client.post(reverse("campaigns:import"), import_form("submitted"))

    activity = Activity.objects.get()
    history = client.get(activity.get_absolute_url()).content.decode()
    assert activity.status == "submitted"
    assert "Imported as approved" not in history


def test_the_admin_site_cannot_approve_an_activity(client, county, staff_a, administrator):
    activity = make_activity(county["a"], staff_a, status="submitted")
    change = reverse("admin:campaigns_activity_change", args=[activity.pk])
    client.force_login(administrator)

    page = client.get(change)
    assert page.status_code == 200  # read-only: the workflow and its history live on the staff pages
    assert 'name="status"' not in page.content.decode()

    response = client.post(change, {"status": "approved", "title": activity.title})
    assert response.status_code == 403
    activity.refresh_from_db()
    assert (activity.status, activity.reviewed_by) == ("submitted", None)
