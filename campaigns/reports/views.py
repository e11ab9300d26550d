import datetime
import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Substr
from django.http import Http404, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.models import (
    AWARENESS_RATE,
    Activity,
    Campaign,
    OrgUnit,
    counted_version,
    percent_done,
)
from campaigns.org.roles import Roles
from scams import sightings

from . import documents, exports, periods, prepared, prepared_views, summary, summary_tables
from .assembly import filters_for, gather
from .cases import PER


def _filters_for(request):
    """(form, filters, visible campaigns) for the query string; filters is None when the
    form is not valid. A unit outside the user's subtrees is a 404, whether picked or
    typed into the URL."""
    # With nothing asked, the report opens on this year, for the user's top unit.
    data = request.GET.copy() if request.GET else QueryDict("preset=this_year", mutable=True)
    return filters_for(Roles.for_request(request), data)


BODY_SECONDS = 300


@login_required
@require_safe
def report_page(request):
    """The filter form and the report. Both are cached per query, language and reader's
    scope until an activity is approved, returned, reopened or imported: a page found
    in the cache is served without building the form again, since the query, scope and
    versions it is kept under were valid when it was made.

    Its key holds two versions, both read before the figures: the cache's (moved on
    after each such change commits, and after edits the summaries do not see, such as
    an indicator's) and the summaries' own, read from the database the figures come
    from. A replica that has not yet replayed an approval gives the old summaries'
    version with the old figures, so they are never kept as the figures after it."""
    roles = Roles.for_request(request)
    # No page is kept for a reader without units: _filters_for refuses them.
    scope = "all" if roles.is_admin else ",".join(sorted(str(unit.pk) for unit in roles.units()))
    query = sorted((key, value) for key, value in request.GET.items() if key != "format")
    versions = f"{counted_version()}|{summary_tables.version(settings.REPORTS_DATABASE)}"
    fingerprint = f"{get_language()}|{scope}|{versions}|{urlencode(query)}"
    key = "report-page:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    page = cache.get(key)
    if page is None:
        form, filters, campaigns = _filters_for(request)
        form_html = render_to_string("campaigns/reports/_report_form.html", {"form": form}, request=request)
        if filters is None:
            return render(request, "campaigns/reports/report.html", {"form_html": form_html})
        body_context = gather(filters, campaigns, chart=form.cleaned_data["chart"])
        body_context["export_links"] = [
            (label, f"?{urlencode([*query, ('format', fmt)])}")
            for fmt, label in (("csv", "CSV"), ("xlsx", "Excel"), ("pdf", "PDF"), ("docx", "Word"))
        ]
        body = render_to_string("campaigns/reports/_report_body.html", body_context, request=request)
        page = {"form": form_html, "body": body}
        cache.set(key, page, BODY_SECONDS)
    return render(request, "campaigns/reports/report.html", {"form_html": page["form"], "body": page["body"]})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_export(request):
    """The report as a file, built in the request; one larger than a county's is offered
    to the task queue instead (prepared.is_large), which a POST here accepts."""
    file_format = request.GET.get("format", "")
    if file_format not in exports.CONTENT_TYPES:
        raise Http404(_("Unknown export format."))
    form, filters, campaigns = _filters_for(request)
    if filters is None:
        raise Http404(_("The report's filters are not valid."))
    if file_format in prepared.QUEUED_FORMATS and prepared.is_large(filters):
        return prepared_views.offer(request, filters, file_format)
    if request.method == "POST":
        return redirect(request.get_full_path())  # nothing to queue: the file comes straight away
    name = documents.filename(filters, file_format, get_language())
    if request.method == "HEAD":
        # The headers a GET would have, without building a file nobody will receive.
        body = ()
    elif file_format == "csv":
        context = gather(filters, campaigns, file_format, chart=form.cleaned_data["chart"])
        body = (chunk.encode("utf-8") for chunk in exports.csv_chunks(context["report"], context["cases"]))
    else:
        body = _spooled(gather(filters, campaigns, file_format, chart=form.cleaned_data["chart"]), file_format)
    response = StreamingHttpResponse(body, content_type=exports.CONTENT_TYPES[file_format])
    # RFC 6266: filename*= carries the Chinese name, filename= an ASCII fallback.
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _spooled(context, file_format):
    """Write the file to a temporary file, then stream it out in blocks."""
    import tempfile

    with tempfile.TemporaryFile() as spool:
        exports.write(context["report"], file_format, spool, language=get_language(), context=context)
        spool.seek(0)
        while block := spool.read(1 << 16):
            yield block


@login_required
@require_safe
def sightings_page(request):
    """How often visitors said "I got this too", per scam type and week, for the last
    eight weeks. The counts are the whole site's: visitors do not say where they are."""
    roles = Roles.for_request(request)
    if not roles.is_admin and not roles.units():
        raise PermissionDenied(_("Reports cover the units you hold a role on, and you hold none."))
    mondays, table = sightings.weekly_counts(weeks=8)
    totals = [sum(counts[week] for _scam, counts in table) for week in range(len(mondays))]
    return render(request, "campaigns/reports/sightings.html", {"mondays": mondays, "table": table, "totals": totals})


# --- The administrators' overview ---------------------------------------------------------

SILENT_DAYS = 30
SILENT_LIMIT = 20
SHORT_LIST = 5


def year_on_year(unit, today):
    """(this year so far, the same days last year): two reports, as anyone could run by hand."""
    start, today = periods.this_year_so_far(today)
    this = summary.build(summary.ReportFilters(start=start, end=today, unit=unit), materials=False)
    last = summary.build(
        summary.ReportFilters(start=periods.year_earlier(start), end=periods.year_earlier(today), unit=unit),
        materials=False,
    )
    return this, last


def _change(now, before):
    return None if not before else round((now - before) * 100 / before)


def _top_unit(roles):
    """The administrator's top unit: the highest unit they hold a role on, else the single root
    (None when the tree has several roots: the whole organisation)."""
    if roles.units():
        return min(roles.units(), key=lambda unit: unit.depth)
    roots = list(OrgUnit.objects.get_root_nodes()[:2])
    return roots[0] if len(roots) == 1 else None


def rank_sub_units(rows, code):
    """The direct sub-units of the org_unit breakdown `rows` ranked by the indicator `code`:
    those whose population is known by their figure per 10,000 residents, so that a small
    unit doing much is not outranked by a large one doing little; after them those whose
    population is unknown, by absolute figure, as they cannot be compared by rate."""
    ranking = []
    for row in rows:
        if row.own:
            continue
        population = row.label.population
        value = row.value(code)
        ranking.append({"unit": row.label, "value": value, "rate": value * PER / population if population else None})
    return sorted(
        ranking,
        key=lambda entry: (
            entry["rate"] is None,
            -(entry["value"] if entry["rate"] is None else entry["rate"]),
            entry["unit"].code,
        ),
    )


@login_required
@require_safe
def overview(request):
    roles = Roles.for_request(request)
    if not roles.is_admin:
        raise PermissionDenied(_("The overview is for administrators."))
    today = timezone.localdate()
    unit = _top_unit(roles)
    this, last = year_on_year(unit, today)
    ranked_by = next((indicator for indicator in this.indicators if indicator.public), None) or next(
        (indicator for indicator in this.indicators if indicator.code == "participants"), None
    )
    scope = Activity.objects.filter(unit__path__startswith=unit.path) if unit else Activity.objects.all()
    returned = scope.filter(status=Activity.Status.RETURNED).select_related("unit").order_by("-reviewed_at", "-pk")
    waiting = (
        scope.filter(status=Activity.Status.SUBMITTED)
        .with_submitted_at()
        .select_related("unit")
        .order_by("submitted_at", "pk")
    )
    aware = [row for row in this.breakdowns["org_unit"].rows if row.measures.answered]
    context = {
        "unit": unit,
        "this": this,
        "awareness_ranking": sorted(aware, key=lambda row: (row.measures.rate, row.key)),
        "worst": this.worst_answered,
        "last": last,
        "rows": _year_on_year_rows(this, last),
        "ranked_by": ranked_by,
        "ranking": rank_sub_units(
            this.breakdowns["org_unit"].rows, ranked_by.code if ranked_by else summary.ACTIVITIES
        ),
        "silent": _silent_children(unit, scope, today),
        "silent_days": SILENT_DAYS,
        "lagging": _lagging_campaigns(unit, today),
        "returned": returned[:SHORT_LIST],
        "waiting": waiting[:SHORT_LIST],
    }
    return render(request, "campaigns/reports/overview.html", context)


def _year_on_year_rows(this, last):
    """The number of activities, then each typed figure, then the measured ones (QR code
    scans, the awareness rate), this year so far beside the same days last year."""
    rows = [
        {
            "label": summary.ACTIVITIES_LABEL,
            "unit": "",
            "now": this.total.activities,
            "before": last.total.activities,
            "change": _change(this.total.activities, last.total.activities),
        }
    ]
    for indicator in sorted(this.indicators, key=lambda indicator: indicator.computed):
        now, before = this.total.value(indicator.code), last.total.value(indicator.code)
        rows.append(
            {
                "label": indicator.t.name,
                "unit": indicator.t.unit,
                "measured": indicator.computed,
                "now": now,
                "before": before,
                # A rate's relative change would mislead: the two rates are shown side by side.
                "change": None if indicator.code == AWARENESS_RATE else _change(now, before),
            }
        )
    return rows


def _silent_children(unit, scope, today):
    """The active units right under `unit` (the roots for the whole tree) whose subtrees
    logged nothing in the last SILENT_DAYS days."""
    children = list(
        OrgUnit.objects.get_children(unit).filter(active=True)
        if unit
        else OrgUnit.objects.get_root_nodes().filter(active=True)
    )
    since = today - datetime.timedelta(days=SILENT_DAYS)
    prefix = (len(unit.path) if unit else 0) + OrgUnit.steplen
    busy = set(
        scope.filter(date__gte=since)
        .annotate(branch=Substr("unit__path", 1, prefix))
        .values_list("branch", flat=True)
        .distinct()
    )
    return [child for child in children if child.path not in busy][:SILENT_LIMIT]


def _lagging_campaigns(unit, today):
    """Running campaigns led within `unit` whose figures are behind the share of their time
    gone by, with the targets that are behind."""
    running = Campaign.objects.open().filter(start__lte=today, end__gte=today)
    if unit:
        running = running.filter(lead_unit__path__startswith=unit.path)
    lagging = []
    for campaign, targets in summary.running_campaigns_progress(running):
        time_percent = campaign.time_progress(today)
        behind = [
            {"indicator": indicator, "percent": percent_done(done, target)}
            for indicator, target, done in targets
            if percent_done(done, target) < time_percent
        ]
        if behind:
            lagging.append({"campaign": campaign, "time_percent": time_percent, "behind": behind})
    return lagging
