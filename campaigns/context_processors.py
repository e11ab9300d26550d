import datetime
from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Activity, Notification
from .org.roles import Roles

RECENT_DAYS = 30  # how long an approved activity stays on "my work"


def _count(queryset, by):
    """A scalar subquery counting `queryset`'s rows (all of one `by` value); 0 when none."""
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class Work:
    """What the navigation shows a signed-in user: which staff pages they may use and how
    much of their own work is where. The counts come from one query, run the first time
    a template asks, once per request."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def roles(self):
        return Roles.for_request(self.request)

    @property
    def may_log(self):
        return self.roles.is_admin or bool(self.roles.units())

    @property
    def may_report(self):
        # Reports cover the units one holds a role on (everything for administrators).
        return self.may_log

    @property
    def may_review(self):
        return self.roles.is_reviewer

    @cached_property
    def counts(self):
        user = self.request.user
        mine = Activity.objects.authored_by(self.roles)
        since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
        return (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values(
                returned=_count(mine.filter(status=Activity.Status.RETURNED), "created_by"),
                drafts=_count(mine.filter(status=Activity.Status.DRAFT), "created_by"),
                waiting=_count(mine.filter(status=Activity.Status.SUBMITTED), "created_by"),
                approved=_count(mine.filter(status=Activity.Status.APPROVED, reviewed_at__gte=since), "created_by"),
                unread=_count(Notification.objects.for_user(user).unread(), "user"),
            )
            .get()
        )

    @property
    def returned(self):
        return self.counts["returned"]

    @property
    def drafts(self):
        return self.counts["drafts"]

    @property
    def waiting(self):
        return self.counts["waiting"]

    @property
    def approved(self):
        return self.counts["approved"]

    @property
    def unread(self):
        return self.counts["unread"]


def work(request):
    # A template rendered outside the middleware (a panel, an e-mail) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, "_work"):
        request._work = Work(request)
    return {"work": request._work}
