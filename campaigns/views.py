import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from campaigns.roles import Roles

from . import importing, photos, services
from .context_processors import RECENT_DAYS
from .filters import ActivityFilter
from .forms import (
    ActivityForm,
    CampaignForm,
    CampaignTargetFormSet,
    CaseImportForm,
    ImportForm,
    ReasonForm,
    ReviewQueueForm,
    active_indicators,
    material_choices,
    unit_choices,
)
from .importing.cases import import_cases as import_case_file
from .importing.cases import may_import_cases
from .kits.links import quiz_url, short_url, site_url
from .models import (
    Activity,
    ActivityEvent,
    Campaign,
    Evidence,
    Indicator,
    Kit,
    Notification,
    PaperTallyLine,
    WorkflowError,
    change,
    percent_done,
)
from .reports import measured, summary
from .services import StaleEdit, save_activity
from .workflow_views import confirm_page, try_move

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
    if not activity.is_editable or not Roles.for_request(request).can_log(activity.unit):
        raise PermissionDenied(_("This activity cannot be edited in its current state."))
    return activity


def _get_activity_reviewable(request, pk):
    activity = _get_activity_for(request, pk)
    if not Roles.for_request(request).can_review(activity.unit):
        raise PermissionDenied(_("Only a reviewer for this unit can do that."))
    return activity


def _get_campaign_for(request, pk):
    return get_object_or_404(Campaign.objects.visible_to(Roles.for_request(request)).select_related("lead_unit"), pk=pk)


@login_required
@require_safe
def campaign_list(request):
    roles = Roles.for_request(request)
    campaigns = Campaign.objects.visible_to(roles).select_related("lead_unit")
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaigns/campaign_list.html", {"page": page, "may_create": roles.is_reviewer})


def _progress_rows(progress, time_percent):
    return [
        {
            "indicator": indicator,
            "target": target,
            "done": done,
            "percent": percent_done(done, target),
            "time_percent": time_percent,
        }
        for indicator, target, done in progress.targets
    ]


@login_required
@require_safe
def campaign_detail(request, pk):
    roles = Roles.for_request(request)
    campaign = _get_campaign_for(request, pk)
    time_percent = campaign.time_progress(timezone.localdate())
    # The whole campaign, counted as the report counts it for the lead unit: an aggregate,
    # shown to everyone who may see the campaign.
    whole = summary.campaign_progress(campaign)
    # The viewer's own units' share of the whole campaign's targets, unless they cover it all.
    held = roles.units()
    covers_all = roles.is_admin or any(unit.contains(campaign.lead_unit) for unit in held)
    own = None if covers_all else summary.campaign_progress(campaign, units=held)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "whole": _progress_rows(whole, time_percent),
            "whole_count": whole.activities,
            "own": _progress_rows(own, time_percent) if own else None,
            "own_count": own.activities if own else None,
            "time_percent": time_percent,
            "has_targets": bool(whole.targets),
            "scam_types": campaign.scam_types.published(),
            "units": campaign.units.all(),
            "quiz": whole.measures,
            "awareness": measured.before_after(campaign, timezone.localdate()),
            "few_answers": measured.FEW_ANSWERS,
            "may_edit": _may_edit_campaign(roles, campaign),
            **_kit_context(request, roles, campaign, whole),
        },
    )


KIT_UNITS_SHOWN = 100


def _kit_context(request, roles, campaign, progress):
    """The campaign's kit on its page: each unit's code, its scans today and in all, and
    its printable PDF, for the units the viewer can see; the units of the viewer's own
    that take part can print theirs even before they have a code."""
    kit = Kit.objects.filter(campaign=campaign).first()
    if kit is None:
        return {"kit": None}
    today = timezone.localdate()
    codes = (
        kit.codes.filter(Q() if roles.is_admin else roles.visible())
        .select_related("unit")
        .annotate(
            today=Coalesce(Sum("scans__count", filter=Q(scans__day=today)), 0),
            total=Coalesce(Sum("scans__count"), 0),
        )
        .order_by("unit__path")
    )
    codes = list(codes[: KIT_UNITS_SHOWN + 1])
    site = site_url(request)
    for code in codes:
        code.short_url = short_url(site, code)
        code.quiz_url = quiz_url(code.short_url)
    coded = {code.unit_id for code in codes}
    taking_part = campaign.participating_units()  # one query, not one per unit of the viewer's
    uncoded = [
        unit for unit in roles.units() if unit.pk not in coded and any(branch.contains(unit) for branch in taking_part)
    ]
    return {
        "kit": kit,
        "kit_codes": codes[:KIT_UNITS_SHOWN],
        "kit_codes_more": len(codes) > KIT_UNITS_SHOWN,
        "kit_uncoded": uncoded,
        "kit_scans": progress.scans,
    }


# --- Campaigns: set up, edit and close in the app ---------------------------------------


def _may_edit_campaign(roles, campaign):
    return not campaign.is_closed and roles.can_review(campaign.lead_unit)


def _get_campaign_editable(request, pk):
    """404 for outsiders; 403 for someone who may see it but not change it (or it is closed)."""
    campaign = _get_campaign_for(request, pk)
    if not _may_edit_campaign(Roles.for_request(request), campaign):
        raise PermissionDenied(_("Only a reviewer for its lead unit can change an open campaign."))
    return campaign


def _campaign_form(request, campaign=None):
    roles = Roles.for_request(request)
    data = request.POST if request.method == "POST" else None
    form = CampaignForm(data, instance=campaign, roles=roles)
    targets = CampaignTargetFormSet(data, instance=form.instance, prefix="targets")
    for target_form in targets.forms:
        target_form.fields["indicator"].queryset = Indicator.objects.filter(active=True)
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        with transaction.atomic():
            campaign = form.save()
            targets.instance = campaign
            targets.save()
        messages.success(request, _("Campaign saved."))
        return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form, "targets": targets, "campaign": campaign})


@login_required
@require_form_methods
def campaign_new(request):
    if not Roles.for_request(request).is_reviewer:
        raise PermissionDenied(_("Only reviewers and administrators set up campaigns."))
    return _campaign_form(request)


@login_required
@require_form_methods
def campaign_edit(request, pk):
    return _campaign_form(request, _get_campaign_editable(request, pk))


@login_required
@require_form_methods
def campaign_close(request, pk):
    campaign = _get_campaign_editable(request, pk)
    if request.method != "POST":
        return render(request, "campaigns/campaign_close.html", {"campaign": campaign})
    campaign.close(by=request.user)
    messages.success(request, _("Campaign closed. It stays listed with its figures, read-only."))
    return redirect(campaign)


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
        "campaigns/activity_list.html",
        {"filter": activity_filter, "page": page, "query": query.urlencode(), "roles": roles},
    )


# --- Review: the queue, next item, bulk approval -------------------------------------------

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


def _queue_state(request):
    """The queue's sort and filters as a query string, carried from the queue to each item."""
    return request.POST.get("queue", request.GET.get("queue", ""))


def _next_for_review(request, done, queue):
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
        "campaigns/review_queue.html",
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


@login_required
@require_form_methods
def review_bulk_approve(request):
    """GET lists the ticked activities (what will be approved, what is skipped and why); POST approves."""
    _require_reviewer(request)
    data = request.POST if request.method == "POST" else request.GET
    ids = _chosen_ids(data.getlist("ids"))
    approvable, skipped, missing = _bulk_selection(request, ids)
    queue = _queue_state(request)
    if request.method == "POST":
        approved = 0
        for activity in approvable:
            try:
                services.approve(activity, by=request.user)
            except WorkflowError as error:
                skipped.append((activity, str(error)))
            else:
                approved += 1
        messages.success(request, _("%(count)d activities approved.") % {"count": approved})
        for activity, reason in skipped:
            messages.warning(request, _("Skipped %(title)s: %(reason)s") % {"title": activity.title, "reason": reason})
        if missing:
            messages.warning(
                request, _("%(count)d chosen activities are no longer waiting for you.") % {"count": missing}
            )
        return redirect(f"{reverse('campaigns:review')}?{queue}" if queue else reverse("campaigns:review"))
    return render(
        request,
        "campaigns/review_bulk.html",
        {"approvable": approvable, "skipped": skipped, "missing": missing, "queue": queue},
    )


# The second button of the activity form: save, then submit in the same step.
SUBMIT_FOR_REVIEW = "submit_for_review"


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
        return try_move(
            request, lambda: activity.submit(by=request.user), _("Saved and submitted for review."), back=activity
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
    return render(request, "campaigns/activity_form.html", {"form": form})


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
    return render(request, "campaigns/activity_form.html", {"form": form, "activity": activity})


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
        "may_review": may_review and activity.status == Activity.Status.SUBMITTED,
        "may_approve": may_review and activity.may_be_approved_by(request.user),
        "may_reopen": roles.is_admin and activity.status == Activity.Status.APPROVED,
        "may_undo_approval": activity.may_undo_approval_by(request.user),
        "undo_until": activity.reviewed_at + Activity.UNDO_WINDOW if activity.reviewed_at else None,
        "queue": _queue_state(request),
    }
    return render(request, "campaigns/activity_detail.html", context)


def _confirm(request, activity, action, title, question):
    """The confirmation page, with the activity's unit, date, type and figures above the
    question: the reviewer sees what they approve, and the button sits well below where
    the detail page's buttons were."""
    card = render_to_string(
        "campaigns/_activity_card.html",
        {"activity": activity, "figures": activity.figures.select_related("indicator")},
        request=request,
    )
    return confirm_page(
        request,
        activity,
        action,
        title,
        question,
        name=activity.title,
        back_url=activity.get_absolute_url(),
        queue=_queue_state(request),
        about=card,
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
    return try_move(request, lambda: activity.submit(by=request.user), _("Submitted for review."), back=activity)


@login_required
@require_form_methods
def activity_approve(request, pk):
    activity = _get_activity_reviewable(request, pk)
    if not activity.may_be_approved_by(request.user):
        raise PermissionDenied(_("You cannot approve an activity you created, imported or edited."))
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
    return try_move(
        request,
        lambda: services.approve(activity, by=request.user),
        approved,
        back=activity,
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
    return try_move(
        request,
        lambda: services.undo_approval(activity, by=request.user),
        _("Approval undone: the activity is waiting for review again."),
        back=activity,
    )


def _then_next(request, activity):
    """After a reviewer's step from the queue: on to the next item waiting, in the queue's order."""
    queue = _queue_state(request)
    return lambda: _next_for_review(request, activity, queue)


def _with_reason(request, activity, action, title, move, success, then=None):
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return try_move(request, lambda: move(form.cleaned_data["reason"]), success, back=activity, then=then)
    context = {
        "activity": activity,
        "figures": activity.figures.select_related("indicator"),
        "form": form,
        "action": action,
        "title": title,
        "queue": _queue_state(request),
    }
    return render(request, "campaigns/activity_reason.html", context)


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
@require_form_methods
def import_upload(request):
    roles = Roles.for_request(request)
    if not roles.is_admin and not roles.units():
        raise PermissionDenied(_("You have no unit to import activities for."))
    form = ImportForm(request.POST or None, request.FILES or None, may_import_approved=roles.can_import_approved())
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = importing.import_activities(
            upload.read(),
            upload.name,
            request.user,
            status=form.cleaned_data["status"],
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.ok and not report.dry_run:
            messages.success(request, _("%(count)d activities imported.") % {"count": report.created})
            return redirect("campaigns:activity-list")
    context = {"form": form, "report": report, "may_import_cases": may_import_cases(roles)}
    return render(request, "campaigns/import.html", context)


@login_required
@require_form_methods
def import_cases(request):
    """Monthly case figures, beside the activity import: for reviewers and administrators."""
    roles = Roles.for_request(request)
    if not may_import_cases(roles):
        raise PermissionDenied(_("Case figures are imported by reviewers and administrators."))
    form = CaseImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_case_file(upload.read(), upload.name, request.user, dry_run=form.cleaned_data["dry_run"])
        if report.ok and not report.dry_run:
            messages.success(
                request,
                _("Case figures imported: %(created)d added, %(replaced)d replaced.")
                % {"created": report.created, "replaced": report.replaced},
            )
            return redirect("campaigns:import-cases")
    return render(request, "campaigns/import_cases.html", {"form": form, "report": report})


@login_required
@require_safe
def import_template(request, file_format):
    if file_format == "csv":
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            importing.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="fraudwatch-activities-template.{file_format}"'
    return response


# The staff's daily work: where signing in lands, their own activities, their notifications
# and the thumbnails of their photos.

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
