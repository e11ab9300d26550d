"""Staff write alerts for their units, a reviewer approves them, and nobody approves an
alert they wrote or changed."""

import datetime

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Alert, WorkflowError
from tests.conftest import make_alert, make_scam_type, make_user

NOTE = "You wrote or changed this alert: another reviewer must approve it."


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def alert_form(unit, **fields):
    today = timezone.localdate()
    data = {
        "unit": unit.pk,
        "title_zh": "冒充公安来电",
        "body_zh": "本周多人接到自称公安的电话。挂断，拨打110核实。",
        "title_en": "",
        "body_en": "",
        "start": today.isoformat(),
        "end": (today + datetime.timedelta(days=7)).isoformat(),
    }
    data.update(fields)
    return data


def test_staff_write_an_alert_as_a_draft(client, county, staff_a):
    scam = make_scam_type()
    client.force_login(staff_a)
    response = client.post(url("campaigns:alert-new"), alert_form(county["a"], scam_types=[scam.pk]))
    alert = Alert.objects.get()
    assert response.status_code == 302
    assert response["Location"] == alert.get_absolute_url()
    assert alert.status == Alert.Status.DRAFT
    assert (alert.created_by, alert.updated_by) == (staff_a, staff_a)
    assert list(alert.authors.all()) == [staff_a]
    assert list(alert.scam_types.all()) == [scam]
    page = client.get(alert.get_absolute_url()).content.decode()
    assert "冒充公安来电" in page


def test_one_language_is_enough(client, county, staff_a):
    client.force_login(staff_a)
    english_only = alert_form(county["a"], title_zh="", body_zh="", title_en="Fake police calls", body_en="Hang up.")
    assert client.post(url("campaigns:alert-new"), english_only).status_code == 302
    assert Alert.objects.get().title_en == "Fake police calls"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"title_zh": "", "body_zh": ""}, "Write the alert in at least one language."),
        ({"body_zh": ""}, "Give both a title and a text in Chinese."),
        ({"title_en": "Only a title"}, "Give both a title and a text in English."),
        ({"end": "2020-01-01", "start": "2020-01-02"}, "The last day cannot be before the first day."),
    ],
)
def test_the_form_refuses_incomplete_alerts(client, county, staff_a, fields, error):
    client.force_login(staff_a)
    response = client.post(url("campaigns:alert-new"), alert_form(county["a"], **fields))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Alert.objects.exists()


def test_staff_cannot_write_for_a_unit_outside_their_own(client, county, staff_b):
    client.force_login(staff_b)
    response = client.post(url("campaigns:alert-new"), alert_form(county["a"]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Alert.objects.exists()


def test_a_user_without_a_role_may_not_write_alerts(client, county):
    client.force_login(make_user("nobody"))
    assert client.get(url("campaigns:alert-new")).status_code == 403


def test_the_list_shows_only_alerts_the_user_may_see(client, county, staff_a, staff_b):
    make_alert(county["a"], staff_a, title_en="East alert")
    make_alert(county["b"], staff_b, title_en="West alert")
    client.force_login(staff_b)
    with translation.override("en"):
        body = client.get(url("campaigns:alert-list")).content.decode()
    assert "West alert" in body
    assert "East alert" not in body


def test_the_list_filters_by_status(client, county, staff_a):
    make_alert(county["a"], staff_a, title_en="Still a draft")
    make_alert(county["a"], staff_a, title_en="Waiting for review", status="submitted")
    client.force_login(staff_a)
    response = client.get(url("campaigns:alert-list"), {"status": "submitted"})
    assert "Waiting for review" in response.content.decode()
    assert "Still a draft" not in response.content.decode()


def test_submit_then_approve_puts_it_on_the_public_pages(client, county, staff_a, reviewer):
    alert = make_alert(county["a"], staff_a, title_en="Fake police calls")
    client.force_login(staff_a)
    assert client.get(url("campaigns:alert-submit", alert.pk)).status_code == 200  # the confirmation
    assert client.post(url("campaigns:alert-submit", alert.pk)).status_code == 302
    alert.refresh_from_db()
    assert alert.status == Alert.Status.SUBMITTED

    client.force_login(reviewer)
    assert client.post(url("campaigns:alert-approve", alert.pk)).status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.reviewed_by) == (Alert.Status.APPROVED, reviewer)
    assert alert.reviewed_at is not None


def test_the_author_cannot_approve_their_own_alert(client, county, reviewer):
    alert = make_alert(county["a"], reviewer, status="submitted")
    client.force_login(reviewer)
    assert NOTE in client.get(url("campaigns:alert-detail", alert.pk)).content.decode()
    assert client.get(url("campaigns:alert-approve", alert.pk)).status_code == 403
    assert client.post(url("campaigns:alert-approve", alert.pk)).status_code == 403
    with pytest.raises(WorkflowError):
        alert.approve(by=reviewer)
    alert.refresh_from_db()
    assert alert.status == Alert.Status.SUBMITTED


def test_a_reviewer_who_changed_the_alert_earlier_cannot_approve_it(client, county, staff_a, reviewer):
    alert = make_alert(county["a"], staff_a)
    client.force_login(reviewer)
    response = client.post(url("campaigns:alert-edit", alert.pk), alert_form(county["a"], title_zh="改过"))
    assert response.status_code == 302
    client.force_login(staff_a)
    client.post(url("campaigns:alert-edit", alert.pk), alert_form(county["a"], title_zh="又改过"))
    client.post(url("campaigns:alert-submit", alert.pk))
    alert.refresh_from_db()
    assert alert.status == Alert.Status.SUBMITTED
    assert reviewer.pk not in (alert.created_by_id, alert.updated_by_id)

    client.force_login(reviewer)
    response = client.get(url("campaigns:alert-detail", alert.pk))
    assert response.context["may_approve"] is False
    assert url("campaigns:alert-approve", alert.pk) not in response.content.decode()
    assert client.post(url("campaigns:alert-approve", alert.pk)).status_code == 403
    assert not alert.may_be_approved_by(reviewer)

    other = make_user("second_reviewer", (county["bureau"], "reviewer"))
    client.force_login(other)
    assert client.post(url("campaigns:alert-approve", alert.pk)).status_code == 302
    alert.refresh_from_db()
    assert alert.status == Alert.Status.APPROVED


def test_a_submitted_alert_cannot_be_edited(client, county, staff_a):
    alert = make_alert(county["a"], staff_a, status="submitted")
    client.force_login(staff_a)
    assert client.get(url("campaigns:alert-edit", alert.pk)).status_code == 403


def test_editing_an_approved_alert_sends_it_back_to_draft(client, county, staff_a, reviewer):
    alert = make_alert(county["a"], staff_a, status="approved", reviewed_by=reviewer)
    client.force_login(staff_a)
    response = client.get(url("campaigns:alert-edit", alert.pk))
    assert "Saving a change takes it off them" in response.content.decode()
    client.post(url("campaigns:alert-edit", alert.pk), alert_form(county["a"], title_zh="新的标题"))
    alert.refresh_from_db()
    assert (alert.status, alert.title_zh, alert.reviewed_by) == (Alert.Status.DRAFT, "新的标题", None)


def test_a_submission_from_a_page_opened_before_an_edit_is_refused(client, county, staff_a):
    """Each edit moves the alert's version on: a colleague's change made while the submit page
    was open is not sent to a reviewer unseen."""
    colleague = make_user("colleague_a", (county["a"], "staff"))
    alert = make_alert(county["a"], staff_a)
    client.force_login(staff_a)
    assert 'name="seen_version" value="1"' in client.get(url("campaigns:alert-submit", alert.pk)).content.decode()
    client.force_login(colleague)
    client.post(url("campaigns:alert-edit", alert.pk), alert_form(county["a"], title_zh="同事改过"))
    client.force_login(staff_a)

    response = client.post(url("campaigns:alert-submit", alert.pk), {"seen_version": "1"}, follow=True)

    assert "This alert has changed since you opened it" in response.content.decode()
    alert.refresh_from_db()
    assert (alert.status, alert.version, alert.title_zh) == (Alert.Status.DRAFT, 2, "同事改过")


def test_returning_needs_a_reason_and_withdraws_an_approved_alert(client, county, staff_a, reviewer):
    alert = make_alert(county["a"], staff_a, status="approved")
    client.force_login(reviewer)
    response = client.post(url("campaigns:alert-return", alert.pk), {"reason": "  "})
    assert response.status_code == 200
    assert client.post(url("campaigns:alert-return", alert.pk), {"reason": "Wrong number."}).status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.return_reason) == (Alert.Status.RETURNED, "Wrong number.")
    client.force_login(staff_a)
    assert "Wrong number." in client.get(url("campaigns:alert-edit", alert.pk)).content.decode()


def test_a_draft_cannot_be_approved(county, staff_a, reviewer):
    alert = make_alert(county["a"], staff_a)
    with pytest.raises(WorkflowError):
        alert.approve(by=reviewer)


def test_the_database_refuses_an_alert_that_ends_before_it_starts(county, staff_a):
    with pytest.raises(IntegrityError):
        make_alert(county["a"], staff_a, days=(3, 1))


def test_the_database_refuses_an_alert_with_no_language(county, staff_a):
    with pytest.raises(IntegrityError):
        make_alert(county["a"], staff_a, title_zh="", title_en="")


def test_the_staff_list_runs_a_fixed_number_of_queries(client, county, staff_a, django_assert_num_queries):
    client.force_login(staff_a)
    make_alert(county["a"], staff_a)
    client.get(url("campaigns:alert-list"))  # settles the session refresh
    with CaptureQueriesContext(connection) as few:
        client.get(url("campaigns:alert-list"))
    for number in range(30):
        make_alert(county["school_a"] if number % 2 else county["a"], staff_a, status="submitted")
    with django_assert_num_queries(len(few)):
        client.get(url("campaigns:alert-list"))
