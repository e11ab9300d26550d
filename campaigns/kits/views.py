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
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.models import Kit, KitCode, Material, OrgUnit
from campaigns.org.roles import Roles
from campaigns.programmes.views import get_campaign_editable, get_campaign_for
from fraudwatch.core.pagecache import public_page
from scams import hotlines, quiz
from scams.models import ScamType
from scams.views import quiz_context

from . import printing, quizzes, scans, tally
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
def kit_quiz_scan(request, code):
    """Where the kit's second QR code ("测一测") leads: the unit's kit quiz in the reader's
    language. Nothing is counted here; a quiz counts when its answers are sent."""
    found = get_object_or_404(KitCode, code=code.lower())
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = HttpResponseRedirect(reverse("kit-quiz", args=[found.code]))
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def kit_quiz(request, code):
    """A unit's kit quiz: questions on the kit's scam types (the whole catalogue's when it
    names none) and the kit's hotlines. Sent answers count for the code's unit and campaign
    (campaigns.kits.quizzes); the page shows the score, right answers and explanations."""
    found = get_object_or_404(KitCode.objects.select_related("kit__campaign"), code=code.lower())
    types = list(found.kit.scam_types.published().only("pk", "official_lines"))
    scam_types = [scam.pk for scam in types] or None
    graded = None
    if request.method == "POST":
        graded = quiz.grade(request.POST, scam_types)
        quizzes.record(request, found, graded)
    context = quiz_context(request, reverse("kit-quiz", args=[found.code]), scam_types, graded)
    official = {line.number: line for scam in types for line in scam.official_line_list()}
    context.update({"campaign": found.kit.campaign, "hotlines": hotlines.ALWAYS, "official": list(official.values())})
    return render(request, "scams/quiz.html", context)


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
    campaign = get_campaign_for(request, campaign_pk)
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
            "campaigns/workflow/workflow_confirm.html",
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
@require_safe
def quiz_sheet(request):
    """The paper quiz as an A4 PDF, questions without answers, or (key=1) its answer key:
    the questions listed in ?q= (as the activity form's tally names them), else those of
    ?campaign='s kit, else the catalogue-wide sheet. In ?lang= (zh-hans or en)."""
    language = request.GET.get("lang") or translation.get_language()
    if language not in LANGUAGE_CHOICES:
        raise PermissionDenied(_("Unknown language."))
    campaign = None
    if request.GET.get("q"):
        questions = tally.questions_named(request.GET["q"])
    else:
        pk = request.GET.get("campaign", "")
        campaign = get_campaign_for(request, int(pk)) if pk.isdigit() else None
        questions = tally.sheet_for(campaign)
    with_key = request.GET.get("key") == "1"
    pdf = printing.quiz_sheet(questions, language, campaign=campaign, with_key=with_key)
    name = f"quiz-{'key' if with_key else 'sheet'}-{campaign.pk if campaign else 'all'}-{language}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def kit_edit(request, campaign_pk):
    campaign = get_campaign_editable(request, campaign_pk)
    # Made by the first save, never by opening the form.
    kit = Kit.objects.filter(campaign=campaign).first() or Kit(campaign=campaign)
    form = KitForm(request.POST or None, instance=kit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Kit saved."))
        return redirect(campaign)
    return render(request, "campaigns/kits/edit.html", {"form": form, "campaign": campaign})
