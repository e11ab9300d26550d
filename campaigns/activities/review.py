"""Review: the queue, the next item to review, bulk approval."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.org.roles import Roles

from .. import services
from ..models import (
    Activity,
)
from .forms import (
    ReviewQueueForm,
)

PAGE_SIZE = 25
# Pages that show a form (or a confirmation) on GET and act on POST.
require_form_methods = require_http_methods(["GET", "HEAD", "POST"])
MAX_BULK = 100


def _require_reviewer(request):
    roles = Roles.for_request(request)
    if not roles.is_reviewer:
        raise PermissionDenied(_("Only reviewers have a review queue."))
    return roles


def _waiting_for(request, params):
    """(form, queryset): what waits for this reviewer, filtered and sorted by `params`."""
    roles = Roles.for_request(request)
    form = ReviewQueueForm(params, roles=roles)
    waiting = Activity.objects.awaiting_review_by(roles).with_submitted_at()
    return form, form.apply(waiting, timezone.now())


def queue_state(request):
    """The queue's sort and filters as a query string, carried from the queue to each item."""
    return request.POST.get("queue", request.GET.get("queue", ""))


def next_for_review(request, done, queue):
    """After an action: the next item this reviewer may approve, in the queue's order, or the queue."""
    _form, waiting = _waiting_for(request, QueryDict(queue))
    for candidate in waiting.exclude(pk=done.pk).with_history().iterator(chunk_size=50):
        if candidate.may_be_approved_by(request.user):
            messages.info(request, _("Next waiting: %(title)s") % {"title": candidate.title})
            return redirect(f"{candidate.get_absolute_url()}?{urlencode({'queue': queue})}")
    messages.info(request, _("Nothing else is waiting for your approval."))
    return redirect(f"{reverse('campaigns:review')}?{queue}" if queue else reverse("campaigns:review"))


@login_required
@require_safe
def review_queue(request):
    _require_reviewer(request)
    form, waiting = _waiting_for(request, request.GET)
    waiting = (
        waiting.select_related("unit", "activity_type", "campaign", "created_by", "updated_by")
        .with_history()
        .with_figures()
    )
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    for activity in page.object_list:
        activity.days_waiting = (now - activity.submitted_at).days
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "campaigns/activities/review_queue.html",
        {"page": page, "form": form, "query": query.urlencode(), "queue": urlencode({"queue": query.urlencode()})},
    )


def _bulk_selection(request, ids):
    """(approvable, skipped, missing): the chosen activities still waiting for this reviewer,
    split by the four-eyes rule; `missing` counts the chosen ones no longer waiting."""
    roles = Roles.for_request(request)
    chosen = (
        Activity.objects.awaiting_review_by(roles)
        .filter(pk__in=ids)
        .select_related("unit", "activity_type")
        .with_history()
        .with_figures()
        .order_by("date", "pk")
    )
    approvable, skipped = [], []
    for activity in chosen:
        if activity.may_be_approved_by(request.user):
            approvable.append(activity)
        else:
            skipped.append(
                (activity, _("You created, imported or edited this activity: another reviewer must approve it."))
            )
    return approvable, skipped, len(ids) - len(approvable) - len(skipped)


def _chosen_ids(values):
    ids = {int(value) for value in values if value.isdigit()}
    return sorted(ids)[:MAX_BULK]


def _split_by_version(activities, data):
    """(unchanged, changed): whether each activity is still at the version the bulk page
    showed (its `version-<pk>` field). One posted without a version counts as changed."""
    unchanged, changed = [], []
    for activity in activities:
        seen = data.get(f"version-{activity.pk}", "")
        (unchanged if seen.isdigit() and int(seen) == activity.version else changed).append(activity)
    return unchanged, changed


@login_required
@require_form_methods
def review_bulk_approve(request):
    """GET lists the ticked activities (what will be approved, what is skipped and why) with
    the version of each it shows; POST approves those still at that version."""
    _require_reviewer(request)
    data = request.POST if request.method == "POST" else request.GET
    ids = _chosen_ids(data.getlist("ids"))
    approvable, skipped, missing = _bulk_selection(request, ids)
    queue = queue_state(request)
    if request.method == "POST":
        unchanged, changed = _split_by_version(approvable, request.POST)
        # Each approval is still the model's conditional UPDATE on the version read here: one
        # changed between this read and its turn is refused, and reported with the skipped.
        approved, refused = services.approve_all(unchanged, by=request.user)
        skipped += refused
        messages.success(request, _("%(count)d activities approved.") % {"count": len(approved)})
        for activity in changed:
            messages.warning(
                request,
                _("Not approved: %(title)s changed after you opened the list. Look at it again.")
                % {"title": activity.title},
            )
        for activity, reason in skipped:
            messages.warning(request, _("Skipped %(title)s: %(reason)s") % {"title": activity.title, "reason": reason})
        if missing:
            messages.warning(
                request, _("%(count)d chosen activities are no longer waiting for you.") % {"count": missing}
            )
        return redirect(f"{reverse('campaigns:review')}?{queue}" if queue else reverse("campaigns:review"))
    return render(
        request,
        "campaigns/activities/review_bulk.html",
        {"approvable": approvable, "skipped": skipped, "missing": missing, "queue": queue},
    )
