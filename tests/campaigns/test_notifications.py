"""Notifications: in the app always; by e-mail, outside the request, through the task
queue, only when a mail server is configured."""

import datetime
import io
import signal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks.backends.database.models import DBTaskResult

from campaigns import notifications, services
from campaigns.models import Activity, ActivityEvent, Notification
from tests.conftest import make_activity, make_user


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def submitted(unit, user, title="Market-day booth", days_ago=0):
    activity = make_activity(unit, user, title=title, status="submitted")
    ActivityEvent.objects.create(
        activity=activity,
        actor=user,
        action=ActivityEvent.Action.SUBMITTED,
        at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    return activity


@pytest.fixture
def email_on(settings):
    settings.EMAIL_ENABLED = True  # as DJANGO_EMAIL_HOST does; tests send through locmem


def run_worker():
    """The worker as production runs it (`manage.py db_worker`), until the queue is empty.
    It sets its own signal handlers; the test runner gets its own back."""
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {name: signal.getsignal(name) for name in names}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for name, handler in saved.items():
            signal.signal(name, handler)


class TestInTheApp:
    def test_returning_tells_the_author(self, client, county, staff_a, reviewer):
        activity = submitted(county["a"], staff_a)
        client.force_login(reviewer)
        client.post(url("campaigns:activity-return", activity.pk), {"reason": "Add the sign-in sheet."})

        notification = Notification.objects.get()
        assert (notification.user, notification.kind, notification.activity) == (staff_a, "returned", activity)
        client.force_login(staff_a)
        page = client.get(url("campaigns:notifications")).content.decode()
        assert "Returned to you" in page
        assert "Market-day booth" in page
        assert "Add the sign-in sheet." in page
        notification.refresh_from_db()
        assert notification.read_at is not None

    def test_approving_tells_the_author(self, client, county, staff_a, reviewer):
        activity = submitted(county["a"], staff_a)
        client.force_login(reviewer)
        client.post(url("campaigns:activity-approve", activity.pk))

        assert list(Notification.objects.values_list("user__username", "kind")) == [("staff_a", "approved")]

    def test_reopening_tells_the_author_it_came_back(self, client, county, staff_a, administrator):
        activity = make_activity(county["a"], staff_a, status="approved")
        client.force_login(administrator)
        client.post(url("campaigns:activity-reopen", activity.pk), {"reason": "Wrong month."})

        assert list(Notification.objects.values_list("user__username", "kind")) == [("staff_a", "returned")]

    def test_nobody_is_told_about_their_own_action(self, county, reviewer):
        activity = submitted(county["a"], reviewer)
        services.return_to_author(activity, by=reviewer, reason="My own mistake.")
        assert not Notification.objects.exists()

    def test_the_unread_count_shows_until_the_list_is_seen(self, client, county, staff_a, reviewer):
        for number in range(3):
            services.return_to_author(submitted(county["a"], staff_a, f"Booth {number}"), by=reviewer, reason="Fix.")
        client.force_login(staff_a)
        home = client.get(url("campaigns:my-work")).content.decode()
        assert 'unread-count">3<span class="visually-hidden"> unread</span>' in home

        listing = client.get(url("campaigns:notifications")).content.decode()
        assert listing.count("notification-new") == 3
        assert "unread-count" not in listing  # the list itself is what reads them

        again = client.get(url("campaigns:notifications")).content.decode()
        assert "notification-new" not in again
        assert Notification.objects.unread().count() == 0

    def test_nobody_sees_anyone_elses_notifications(self, client, county, staff_a, staff_b, reviewer):
        services.return_to_author(submitted(county["a"], staff_a, "East booth"), by=reviewer, reason="Fix.")
        client.force_login(staff_b)
        listing = client.get(url("campaigns:notifications")).content.decode()
        assert "East booth" not in listing
        assert "No notifications yet." in listing
        assert Notification.objects.unread().count() == 1

    def test_the_list_runs_a_fixed_number_of_queries(self, client, county, staff_a, reviewer):
        client.force_login(staff_a)

        def count():
            client.get(url("campaigns:notifications"))
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url("campaigns:notifications")).status_code == 200
            return len(queries)

        Notification.objects.create(user=staff_a, kind="approved", activity=make_activity(county["a"], staff_a))
        small = count()
        for number in range(40):
            activity = make_activity(county["a"], staff_a, title=f"Booth {number}")
            Notification.objects.create(user=staff_a, kind="returned", activity=activity)
        assert count() == small


class TestEmail:
    def test_without_a_mail_server_nothing_is_queued_or_sent(
        self, client, county, staff_a, reviewer, django_capture_on_commit_callbacks
    ):
        staff_a.email = "staff.a@example.org"
        staff_a.save()
        client.force_login(reviewer)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url("campaigns:activity-return", submitted(county["a"], staff_a).pk), {"reason": "Fix."})

        assert Notification.objects.count() == 1
        assert not DBTaskResult.objects.exists()
        assert mail.outbox == []

    @pytest.mark.django_db(transaction=True)
    def test_a_return_sends_one_email_to_the_author_through_the_queue_not_the_request(
        self, client, county, staff_a, reviewer, email_on
    ):
        staff_a.email = "staff.a@example.org"
        staff_a.save()
        activity = submitted(county["a"], staff_a)
        client.force_login(reviewer)

        response = client.post(url("campaigns:activity-return", activity.pk), {"reason": "Add the sign-in sheet."})

        assert response.status_code == 302
        assert mail.outbox == []  # the request itself sends nothing
        queued = DBTaskResult.objects.get()
        assert queued.status == TaskResultStatus.READY
        assert queued.task_path == "campaigns.tasks.send_notification_email"

        run_worker()

        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["staff.a@example.org"]
        assert "Market-day booth" in message.subject
        assert "Add the sign-in sheet." in message.body
        assert "审核人退回了你的活动" in message.body and "A reviewer returned your activity" in message.body
        assert f"/zh-hans/campaigns/activities/{activity.pk}/" in message.body
        queued.refresh_from_db()
        assert queued.status == TaskResultStatus.SUCCEEDED
        run_worker()
        assert len(mail.outbox) == 1  # sent once, not again

    @pytest.mark.django_db(transaction=True)
    def test_a_rolled_back_return_queues_nothing(self, county, staff_a, reviewer, email_on):
        staff_a.email = "staff.a@example.org"
        staff_a.save()
        activity = submitted(county["a"], staff_a)

        with pytest.raises(RuntimeError), transaction.atomic():
            services.return_to_author(activity, by=reviewer, reason="Fix.")
            raise RuntimeError("something after it failed")

        run_worker()
        assert not Notification.objects.exists()
        assert not DBTaskResult.objects.exists()
        assert mail.outbox == []
        assert Activity.objects.get().status == Activity.Status.SUBMITTED

    def test_someone_without_an_address_gets_no_email(
        self, county, staff_a, reviewer, email_on, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.approve(submitted(county["a"], staff_a), by=reviewer)
        assert Notification.objects.count() == 1
        assert not DBTaskResult.objects.exists()


class TestWaitingReminders:
    def test_reviewers_of_the_unit_hear_about_long_waits_once(self, each_edge_day, county, staff_a, reviewer, staff_b):
        other_reviewer = make_user("reviewer_b", (county["b"], "reviewer"))
        old = submitted(county["school_a"], staff_a, "Old one", days_ago=5)
        submitted(county["a"], staff_a, "Fresh one", days_ago=1)

        call_command("notify_waiting", "--days", "3", stdout=io.StringIO())

        assert list(Notification.objects.values_list("user__username", "kind", "activity__title")) == [
            ("reviewer", "waiting", "Old one")
        ]
        assert not Notification.objects.filter(user__in=[other_reviewer, staff_a, staff_b]).exists()
        call_command("notify_waiting", "--days", "3", stdout=io.StringIO())
        assert Notification.objects.count() == 1
        assert old.pk == Notification.objects.get().activity_id

    def test_a_new_submission_is_a_new_wait(self, county, staff_a, reviewer):
        activity = submitted(county["a"], staff_a, days_ago=10)
        assert notifications.remind_reviewers(3) == 1
        # Told nine days ago; since then it came back and was submitted again four days ago.
        Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=9))
        ActivityEvent.objects.create(
            activity=activity,
            actor=staff_a,
            action=ActivityEvent.Action.SUBMITTED,
            at=timezone.now() - datetime.timedelta(days=4),
        )
        assert notifications.remind_reviewers(3) == 1
        assert notifications.remind_reviewers(3) == 0
        assert Notification.objects.count() == 2

    def test_an_imported_activity_waits_from_its_import_for_the_queue_and_the_reminders(
        self, client, county, staff_a, reviewer
    ):
        """Rows imported already submitted have no "submitted" event: their wait starts at the
        import, even when the row changed later (here, a day ago), in the queue and the reminders."""
        activity = make_activity(county["a"], staff_a, title="Imported booth", status="submitted")
        imported_at = timezone.now() - datetime.timedelta(days=10)
        ActivityEvent.objects.create(
            activity=activity, actor=staff_a, action=ActivityEvent.Action.IMPORTED, at=imported_at
        )
        Activity.objects.filter(pk=activity.pk).update(updated_at=timezone.now() - datetime.timedelta(days=1))

        client.force_login(reviewer)
        with translation.override("en"):
            response = client.get(url("campaigns:review"))
        assert "waiting 10 days" in response.content.decode()
        assert Activity.objects.with_submitted_at().get(pk=activity.pk).submitted_at == imported_at
        assert notifications.remind_reviewers(3) == 1

    def test_a_reviewer_who_wrote_it_is_not_asked(self, county, reviewer):
        submitted(county["a"], reviewer, days_ago=10)
        assert notifications.remind_reviewers(3) == 0

    def test_reminders_are_emailed_when_a_mail_server_is_set(
        self, county, staff_a, reviewer, email_on, django_capture_on_commit_callbacks
    ):
        reviewer.email = "reviewer@example.org"
        reviewer.save()
        submitted(county["a"], staff_a, days_ago=10)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("notify_waiting", "--days", "3", stdout=io.StringIO())
        assert mail.outbox == []
        assert DBTaskResult.objects.count() == 1
