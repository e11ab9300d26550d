"""Campaigns: the list, a campaign's page with its progress and kit, and setting one up,
editing and closing it in the app."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.org.roles import Roles

from ..kits.links import quiz_url, short_url, site_url
from ..models import (
    Campaign,
    Indicator,
    Kit,
    percent_done,
)
from ..reports import measured, summary
from .forms import (
    CampaignForm,
    CampaignTargetFormSet,
)

PAGE_SIZE = 25
# Pages that show a form (or a confirmation) on GET and act on POST.
require_form_methods = require_http_methods(["GET", "HEAD", "POST"])
KIT_UNITS_SHOWN = 100


def get_campaign_for(request, pk):
    return get_object_or_404(Campaign.objects.visible_to(Roles.for_request(request)).select_related("lead_unit"), pk=pk)


@login_required
@require_safe
def campaign_list(request):
    roles = Roles.for_request(request)
    campaigns = Campaign.objects.visible_to(roles).select_related("lead_unit")
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaigns/programmes/campaign_list.html", {"page": page, "may_create": roles.is_reviewer})


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
    campaign = get_campaign_for(request, pk)
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
        "campaigns/programmes/campaign_detail.html",
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


def _may_edit_campaign(roles, campaign):
    return not campaign.is_closed and roles.can_review(campaign.lead_unit)


def get_campaign_editable(request, pk):
    """404 for outsiders; 403 for someone who may see it but not change it (or it is closed)."""
    campaign = get_campaign_for(request, pk)
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
    return render(
        request, "campaigns/programmes/campaign_form.html", {"form": form, "targets": targets, "campaign": campaign}
    )


@login_required
@require_form_methods
def campaign_new(request):
    if not Roles.for_request(request).is_reviewer:
        raise PermissionDenied(_("Only reviewers and administrators set up campaigns."))
    return _campaign_form(request)


@login_required
@require_form_methods
def campaign_edit(request, pk):
    return _campaign_form(request, get_campaign_editable(request, pk))


@login_required
@require_form_methods
def campaign_close(request, pk):
    campaign = get_campaign_editable(request, pk)
    if request.method != "POST":
        return render(request, "campaigns/programmes/campaign_close.html", {"campaign": campaign})
    campaign.close(by=request.user)
    messages.success(request, _("Campaign closed. It stays listed with its figures, read-only."))
    return redirect(campaign)
