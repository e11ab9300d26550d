"""The staff's daily work: where signing in lands, their own activities and notifications."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.org.roles import Roles

from .context_processors import RECENT_DAYS
from .models import (
    Activity,
    Notification,
)

PAGE_SIZE = 25
# Pages that show a form (or a confirmation) on GET and act on POST.
require_form_methods = require_http_methods(["GET", "HEAD", "POST"])


def landing_url_for(user):
    """Where someone lands after signing in (when no page asked for them): administrators on
    the overview, reviewers on their queue, staff on their own work."""
    roles = Roles(user)
    if roles.is_admin:
        return reverse("reports:overview")
    if roles.is_reviewer:
        return reverse("campaigns:review")
    return reverse("campaigns:my-work")


SECTION_SIZE = 25  # drafts, waiting and approved shown per section; returned ones are all shown


@login_required
@require_safe
def home_for_user(request):
    return redirect(landing_url_for(request.user))


@login_required
@require_safe
def my_work(request):
    roles = Roles.for_request(request)
    mine = Activity.objects.authored_by(roles).select_related("unit", "activity_type")
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    context = {
        # Every returned activity, however many: each one needs its author.
        "returned": mine.filter(status=Activity.Status.RETURNED).order_by("-reviewed_at", "-pk"),
        "drafts": mine.filter(status=Activity.Status.DRAFT).order_by("-updated_at", "-pk")[:SECTION_SIZE],
        "waiting": mine.filter(status=Activity.Status.SUBMITTED).order_by("-date", "-pk")[:SECTION_SIZE],
        "approved": mine.filter(status=Activity.Status.APPROVED, reviewed_at__gte=since).order_by(
            "-reviewed_at", "-pk"
        )[:SECTION_SIZE],
        "section_size": SECTION_SIZE,
        "recent_days": RECENT_DAYS,
    }
    return render(request, "campaigns/my_work.html", context)


@login_required
@require_safe
def notification_list(request):
    notifications = Notification.objects.for_user(request.user).select_related("activity")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    if request.method == "GET":
        # Seeing them is reading them; the page still marks which ones were new.
        Notification.objects.filter(pk__in=[item.pk for item in shown if not item.is_read]).mark_read()
    return render(request, "campaigns/notification_list.html", {"page": page, "notifications": shown})
