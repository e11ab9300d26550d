"""Activities: the list, the form, the page, the workflow's steps and the evidence files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from campaigns.org.roles import Roles

from .. import photos, services
from ..filters import ActivityFilter
from ..models import (
    Activity,
    ActivityEvent,
    Campaign,
    Evidence,
    PaperTallyLine,
    change,
)
from ..org.forms import unit_choices
from ..services import StaleEdit, save_activity
from ..workflow.views import approvable, confirm_page, editable, reviewable, try_step, with_reason
from .forms import (
    ActivityForm,
    active_indicators,
    material_choices,
)
from .review import next_for_review, queue_state

PAGE_SIZE = 25
# Pages that show a form (or a confirmation) on GET and act on POST.
require_form_methods = require_http_methods(["GET", "HEAD", "POST"])
# The second button of the activity form: save, then submit in the same step.
SUBMIT_FOR_REVIEW = "submit_for_review"


def _get_activity_for(request, pk, with_history=False):
    """The activity if the user may see it; 404 for everyone else, so outsiders
    cannot even learn that it exists."""
    roles = Roles.for_request(request)
    queryset = Activity.objects.filter(roles.visible()).select_related(
        "unit__kind", "activity_type", "campaign", "created_by", "updated_by", "reviewed_by"
    )
    if with_history:
        queryset = queryset.with_history()
    return get_object_or_404(queryset, pk=pk)


def _get_activity_editable(request, pk):
    """404 for outsiders; 403 for someone who may see it but not change it now."""
    activity = _get_activity_for(request, pk)
    return editable(request, activity, _("This activity cannot be edited in its current state."))


def _get_activity_reviewable(request, pk):
    return reviewable(request, _get_activity_for(request, pk))


@login_required
@require_safe
def activity_list(request):
    roles = Roles.for_request(request)
    units = list(unit_choices(roles))
    activity_filter = ActivityFilter(
        request.GET,
        Activity.objects.visible_to(roles).select_related("unit", "activity_type", "campaign"),
        units=units,
        campaigns=list(Campaign.objects.visible_to(roles)),
    )
    page = Paginator(activity_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "campaigns/activities/activity_list.html",
        {"filter": activity_filter, "page": page, "query": query.urlencode(), "roles": roles},
    )


def _default_unit(request, roles, units):
    """The unit a new activity is most likely for: the user's one unit, or else the unit
    they have logged most activities for."""
    held = roles.units()
    if len(held) == 1:
        return held[0].pk
    usual = (
        Activity.objects.filter(created_by=request.user, unit__in=units)
        .values("unit")
        .annotate(logged=Count("pk"))
        .order_by("-logged", "unit")[:1]
    )
    return usual[0]["unit"] if usual else None


def _running_campaigns(roles, units, unit_pk):
    """The campaigns running today that the unit (its id as the form has it) takes part in."""
    if not str(unit_pk or "").isdigit():
        return []
    running = list(
        Campaign.objects.visible_to(roles)
        .running(timezone.localdate())
        .select_related("lead_unit")
        .prefetch_related("units")
    )
    unit = units.filter(pk=unit_pk).first() if running else None
    return [campaign for campaign in running if campaign.takes_part(unit)] if unit else []


def _form_kwargs(request, new=False, activity=None):
    roles = Roles.for_request(request)
    units = unit_choices(roles)
    default_unit = _default_unit(request, roles, units) if new and request.method != "POST" else None
    if request.method == "POST":
        unit_pk = request.POST.get("unit")
    else:
        unit_pk = activity.unit_id if activity is not None else default_unit
    return {
        "units": units,
        "campaigns": Campaign.objects.visible_to(roles),
        "materials": material_choices(roles, activity),
        "indicators": active_indicators(),
        "default_unit": default_unit,
        "running": _running_campaigns(roles, units, unit_pk),
    }


def _saved(request, activity, message):
    """After a save: submit too when the second button was pressed."""
    if SUBMIT_FOR_REVIEW in request.POST:
        return try_step(
            request, activity, lambda: services.submit(activity, by=request.user), _("Saved and submitted for review.")
        )
    messages.success(request, message)
    return redirect(activity)


@login_required
@require_form_methods
def activity_new(request):
    roles = Roles.for_request(request)
    if not roles.is_admin and not roles.units():
        raise PermissionDenied(_("You have no unit to log activities for. Ask an administrator for a role."))
    form = ActivityForm(request.POST or None, request.FILES or None, **_form_kwargs(request, new=True))
    if request.method == "POST" and form.is_valid():
        activity = save_activity(form, by=request.user)
        return _saved(request, activity, _("Activity saved as a draft. Submit it for review when it is complete."))
    return render(request, "campaigns/activities/activity_form.html", {"form": form})


@login_required
@require_form_methods
def activity_edit(request, pk):
    activity = _get_activity_editable(request, pk)
    form = ActivityForm(
        request.POST or None, request.FILES or None, instance=activity, **_form_kwargs(request, activity=activity)
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_activity(form, by=request.user)
        except StaleEdit as stale:
            form.add_error(
                None,
                _(
                    "%(user)s saved this activity at %(time)s while you were editing it. Your changes were "
                    "not saved. Open the activity again to see their version, then make your changes there."
                )
                % {
                    "user": stale.current.updated_by,
                    "time": timezone.localtime(stale.current.updated_at).strftime("%Y-%m-%d %H:%M"),
                },
            )
        else:
            return _saved(request, activity, _("Changes saved."))
    return render(request, "campaigns/activities/activity_form.html", {"form": form, "activity": activity})


@login_required
@require_safe
def activity_detail(request, pk):
    activity = _get_activity_for(request, pk, with_history=True)
    roles = Roles.for_request(request)
    may_review = roles.can_review(activity.unit)
    events = activity.events.all() if may_review else None
    context = {
        "activity": activity,
        "figures": activity.figures.select_related("indicator"),
        "audiences": activity.audiences.all(),
        "scam_types": activity.scam_types.all(),
        "materials": activity.materials.select_related("kind"),
        "evidence": activity.evidence.all(),
        # The paper quiz tally, reviewed with the rest: one query for its lines and sheets.
        "tally_lines": PaperTallyLine.objects.filter(tally__activity=activity).select_related(
            "tally", "question__scam_type"
        ),
        "events": events,
        "may_edit": activity.is_editable and roles.can_log(activity.unit),
        "may_review": may_review and activity.may_take("approve"),
        "may_approve": may_review and activity.may_be_approved_by(request.user),
        "may_reopen": roles.is_admin and activity.may_take("reopen"),
        "may_undo_approval": activity.may_undo_approval_by(request.user),
        "undo_until": activity.reviewed_at + Activity.UNDO_WINDOW if activity.reviewed_at else None,
        "queue": queue_state(request),
    }
    return render(request, "campaigns/activities/activity_detail.html", context)


def _confirm(request, activity, action, title, question):
    """The confirmation page, with the activity's unit, date, type and figures above the
    question: the reviewer sees what they approve, and the button sits well below where
    the detail page's buttons were."""
    return confirm_page(
        request,
        activity,
        action,
        title,
        question,
        name=activity.title,
        back_url=activity.get_absolute_url(),
        queue=queue_state(request),
        about=_card(request, activity),
    )


def _card(request, activity):
    """The activity's unit, date, type and figures, on the pages that ask before a step."""
    return render_to_string(
        "campaigns/activities/_activity_card.html",
        {"activity": activity, "figures": activity.figures.select_related("indicator")},
        request=request,
    )


@login_required
@require_form_methods
def activity_submit(request, pk):
    activity = _get_activity_editable(request, pk)
    if request.method != "POST":
        return _confirm(
            request,
            activity,
            "campaigns:activity-submit",
            _("Submit for review"),
            _("Send this activity to a reviewer?"),
        )
    return try_step(request, activity, lambda: services.submit(activity, by=request.user), _("Submitted for review."))


@login_required
@require_form_methods
def activity_approve(request, pk):
    activity = approvable(request, _get_activity_reviewable(request, pk))
    if request.method != "POST":
        return _confirm(
            request,
            activity,
            "campaigns:activity-approve",
            _("Approve"),
            _("Approve this activity? Its figures will count in reports and it will be locked."),
        )
    # The next page is the next activity waiting: the message names what was approved and
    # offers the undo, since a slip here is otherwise locked in.
    approved = format_html(
        '{} <a href="{}">{}</a>',
        _("Approved “%(title)s”.") % {"title": activity.title},
        reverse("campaigns:activity-undo-approval", args=[activity.pk]),
        _("Undo (within 10 minutes)"),
    )
    return try_step(
        request,
        activity,
        lambda: services.approve(activity, by=request.user),
        approved,
        then=_then_next(request, activity),
    )


@login_required
@require_form_methods
def activity_undo_approval(request, pk):
    activity = _get_activity_reviewable(request, pk)
    if not activity.may_undo_approval_by(request.user):
        raise PermissionDenied(
            _("Only the reviewer who approved an activity can undo that, and only within 10 minutes.")
        )
    if request.method != "POST":
        return _confirm(
            request,
            activity,
            "campaigns:activity-undo-approval",
            _("Undo the approval"),
            _("Take your approval back? The activity will wait for review again, no longer counted as approved."),
        )
    return try_step(
        request,
        activity,
        lambda: services.undo_approval(activity, by=request.user),
        _("Approval undone: the activity is waiting for review again."),
    )


def _then_next(request, activity):
    """After a reviewer's step from the queue: on to the next item waiting, in the queue's order."""
    queue = queue_state(request)
    return lambda: next_for_review(request, activity, queue)


def _with_reason(request, activity, action, title, step, success, then=None):
    """The reason page, with the activity's card beside the form, as on the confirmation page."""
    return with_reason(
        request,
        activity,
        action,
        title,
        step,
        success,
        then=then,
        name=activity.title,
        back_url=activity.get_absolute_url(),
        queue=queue_state(request),
        about=_card(request, activity),
    )


@login_required
@require_form_methods
def activity_return(request, pk):
    activity = _get_activity_reviewable(request, pk)
    return _with_reason(
        request,
        activity,
        "campaigns:activity-return",
        _("Return to the author"),
        lambda reason: services.return_to_author(activity, by=request.user, reason=reason),
        _("Returned to the author."),
        then=_then_next(request, activity),
    )


@login_required
@require_form_methods
def activity_reopen(request, pk):
    activity = _get_activity_for(request, pk)
    if not Roles.for_request(request).is_admin:
        raise PermissionDenied(_("Only an administrator can reopen an approved activity."))
    return _with_reason(
        request,
        activity,
        "campaigns:activity-reopen",
        _("Reopen"),
        lambda reason: services.reopen(activity, by=request.user, reason=reason),
        _("Reopened; the author can edit it again."),
    )


def _get_evidence_for(request, pk, evidence_pk):
    activity = _get_activity_for(request, pk)
    return activity, get_object_or_404(Evidence, pk=evidence_pk, activity=activity)


@login_required
@require_safe
def evidence_download(request, pk, evidence_pk):
    _activity, evidence = _get_evidence_for(request, pk, evidence_pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from storage.")) from None
    # A PDF can carry scripts, forms and links: let the reader's own viewer open it, not a tab
    # on this site. Photos (rewritten on upload) are shown inline.
    response = FileResponse(
        handle,
        content_type=evidence.content_type,
        filename=evidence.original_name,
        as_attachment=evidence.content_type == "application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def evidence_delete(request, pk, evidence_pk):
    activity = _get_activity_editable(request, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, activity=activity)
    with transaction.atomic():
        # Removing a file is an edit: it moves the version on, so forms opened before are refused.
        Activity.objects.filter(pk=activity.pk).update(
            version=F("version") + 1, updated_by=request.user, updated_at=timezone.now()
        )
        ActivityEvent.objects.create(
            activity=activity,
            actor=request.user,
            action=ActivityEvent.Action.EDITED,
            changes=[change("file", evidence.original_name, "")],
        )
        stored = evidence.file.name
        evidence.delete()
        transaction.on_commit(lambda: photos.delete_thumbnail(stored))
        transaction.on_commit(lambda: evidence.file.delete(save=False))
    messages.success(request, _("File removed."))
    return redirect("campaigns:activity-edit", pk=activity.pk)


@login_required
@require_safe
def evidence_thumb(request, pk, evidence_pk):
    _activity, evidence = _get_evidence_for(request, pk, evidence_pk)
    if not evidence.is_picture:
        raise Http404(_("Only photos have thumbnails."))
    try:
        path, content_type = photos.cached_thumbnail(evidence.file.name, lambda: evidence.file.open("rb"))
    except FileNotFoundError:
        raise Http404(_("The file is missing from storage.")) from None
    except (OSError, ValueError, SyntaxError):  # what Pillow raises for a file it cannot read
        raise Http404(_("The photo could not be read.")) from None
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
