"""Campaign kits: the short address printed on a unit's kit (/k/<code>/), the public
landing page it leads to (/<lang>/kits/<id>/), and for staff the kit's contents and each
unit's printable PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.models import Kit, KitCode, Material, OrgUnit
from campaigns.roles import Roles
from campaigns.views import _get_campaign_editable, _get_campaign_for
from fraudwatch.pagecache import public_page
from scams import hotlines
from scams.models import ScamType

from . import printing, scans
from .forms import KitForm
from .links import short_url, site_url

LANGUAGE_CHOICES = tuple(printing.LANGUAGES)


@require_safe
def kit_scan(request, code):
    """Where a printed QR code leads: count the scan for the unit, then the kit's page in
    the reader's language. Never cached, so every scan reaches the app."""
    found = get_object_or_404(KitCode.objects.select_related("kit"), code=code.lower())
    scans.record(request, found)
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = HttpResponseRedirect(found.kit.get_absolute_url())
    add_never_cache_headers(response)
    return response


@require_safe
@public_page
def kit_landing(request, pk):
    kit = get_object_or_404(
        Kit.objects.select_related("campaign").prefetch_related(
            Prefetch("scam_types", queryset=ScamType.objects.published().order_by("slug")),
            Prefetch("materials", queryset=Material.objects.published().select_related("kind")),
        ),
        pk=pk,
    )
    return render(
        request,
        "campaigns/kits/landing.html",
        {"kit": kit, "campaign": kit.campaign, "always": hotlines.ALWAYS},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def kit_pdf(request, campaign_pk, unit_code, language):
    """A unit's printable kit, for staff who can see the unit (or administrators). The
    first print gives the unit its code (and the campaign its kit, if it has none): that
    only a POST does, so a GET for a unit without a code asks first, and another site
    cannot make codes by linking here."""
    if language not in LANGUAGE_CHOICES:
        raise PermissionDenied(_("Unknown language."))
    campaign = _get_campaign_for(request, campaign_pk)
    unit = get_object_or_404(OrgUnit, code=unit_code)
    if not Roles.for_request(request).can_see(unit):
        raise PermissionDenied(_("You can print the kit only for units you work for."))
    code = KitCode.objects.filter(kit__campaign=campaign, unit=unit).select_related("kit").first()
    url = reverse("campaigns:kit-pdf", args=[campaign.pk, unit.code, language])
    if request.method == "POST":
        if code is None:
            kit, _created = Kit.objects.get_or_create(campaign=campaign)
            kit.code_for(unit)
        return redirect(url)  # to this address again, now a GET that downloads the PDF
    if code is None:
        return render(
            request,
            "campaigns/workflow_confirm.html",
            {
                "title": _("Print the unit's kit"),
                "question": _(
                    "%(unit)s has no QR code for this campaign's kit yet. Printing the kit gives it one: its own "
                    "short address, whose scans count as the unit's reach."
                )
                % {"unit": unit.t.name},
                "action_url": url,
                "name": campaign.t.name,
                "back_url": campaign.get_absolute_url(),
            },
        )
    pdf = printing.build(code.kit, unit, language, short_url(site_url(request), code))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, printing.file_name(code.kit, unit, language))
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def kit_edit(request, campaign_pk):
    campaign = _get_campaign_editable(request, campaign_pk)
    # Made by the first save, never by opening the form.
    kit = Kit.objects.filter(campaign=campaign).first() or Kit(campaign=campaign)
    form = KitForm(request.POST or None, instance=kit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Kit saved."))
        return redirect(campaign)
    return render(request, "campaigns/kits/edit.html", {"form": form, "campaign": campaign})
