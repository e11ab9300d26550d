"""Telling people about their work: in the app always, by e-mail when a mail server is set.

E-mail never goes out inside a request. Each one is a task queued once the action's
transaction has committed (so a rolled-back action sends nothing), and a worker
(`manage.py db_worker`) sends it. Without a worker the tasks wait in the database.
"""

import datetime
import functools

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Activity, Membership, Notification


def notify(user, kind, activity):
    """One in-app notification, and its e-mail queued for after the commit."""
    notification = Notification.objects.create(user=user, kind=kind, activity=activity)
    _queue_email(notification, user)
    return notification


def _queue_email(notification, user):
    if settings.EMAIL_ENABLED and user.email:
        from .tasks import send_notification_email  # the task module imports this one

        transaction.on_commit(functools.partial(send_notification_email.enqueue, notification.pk))


def tell_author(activity, kind, by):
    """The activity's author hears that a reviewer returned or approved it (not when they
    did it themselves)."""
    author = activity.created_by
    if author.pk == by.pk or not author.is_active:
        return None
    return notify(author, kind, activity)


@transaction.atomic
def remind_reviewers(days, now=None):
    """Tell each reviewer of a unit about its activities that have waited for review more
    than `days` days, once per submission. Returns how many notifications were made."""
    now = now or timezone.now()
    waiting = list(
        Activity.objects.filter(status=Activity.Status.SUBMITTED)
        .with_submitted_at()
        .filter(submitted_at__lt=now - datetime.timedelta(days=days))
        .select_related("unit")
        .with_history()
    )
    if not waiting:
        return 0
    reviewers = Membership.objects.filter(role=Membership.Role.REVIEWER, unit__active=True, user__is_active=True)
    reviewers = list(reviewers.select_related("unit", "user"))
    told = {}
    for activity_id, user_id, at in Notification.objects.filter(
        kind=Notification.Kind.WAITING, activity__in=[activity.pk for activity in waiting]
    ).values_list("activity_id", "user_id", "created_at"):
        told[activity_id, user_id] = max(at, told.get((activity_id, user_id), at))
    made = []
    for activity in waiting:
        authors = activity.author_ids()
        users = {m.user for m in reviewers if m.unit.contains(activity.unit) and m.user_id not in authors}
        for user in sorted(users, key=lambda user: user.pk):
            last = told.get((activity.pk, user.pk))
            if last is not None and last >= activity.submitted_at:
                continue  # already told about this submission
            made.append(Notification(user=user, kind=Notification.Kind.WAITING, activity=activity, created_at=now))
    for notification in Notification.objects.bulk_create(made):
        _queue_email(notification, notification.user)
    return len(made)


def _subject(kind):
    return {
        Notification.Kind.RETURNED: _("Returned to you: %(title)s"),
        Notification.Kind.APPROVED: _("Approved: %(title)s"),
        Notification.Kind.WAITING: _("Waiting for your review: %(title)s"),
    }[kind]


def email_for(notification):
    """(subject, body): the subject in the site's language, the body in Chinese and English."""
    activity = notification.activity
    bodies = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            bodies.append(
                render_to_string(
                    "campaigns/email/notification.txt",
                    {
                        "notification": notification,
                        "activity": activity,
                        "link": settings.SITE_URL + activity.get_absolute_url(),
                    },
                ).strip()
            )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _subject(notification.kind) % {"title": activity.title}
    return " ".join(subject.split())[:200], "\n\n----\n\n".join(bodies) + "\n"


def send_email(notification_id):
    """Send one notification's e-mail; what the queued task runs. Returns how many were sent."""
    notification = (
        Notification.objects.select_related("user", "activity", "activity__unit").filter(pk=notification_id).first()
    )
    if notification is None or not notification.user.email:
        return 0
    subject, body = email_for(notification)
    return send_mail(subject, body, None, [notification.user.email])
