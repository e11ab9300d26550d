import datetime
import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Substr
from django.http import Http404, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import get_language, npgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from campaigns.models import (
    AWARENESS_RATE,
    Activity,
    ActivityType,
    Campaign,
    Indicator,
    OrgUnit,
    counted_version,
    percent_done,
)
from campaigns.roles import Roles
from fraudwatch.core.bilingual import html_lang
from scams import sightings

from . import cases, charts, documents, exports, narrative, summary, summary_tables
from .cases import PER
from .forms import ReportForm


def _filters_for(request):
    """(form, filters, visible campaigns) for the query string; filters is None when the
    form is not valid. A unit outside the user's subtrees is a 404, whether picked or
    typed into the URL."""
    roles = Roles.for_request(request)
    if not roles.is_admin and not roles.units():
        raise PermissionDenied(_("Reports cover the units you hold a role on, and you hold none."))
    units = OrgUnit.objects.all() if roles.is_admin else OrgUnit.objects.filter(roles.visible("path"))
    # With nothing asked, the report opens on this year, for the user's top unit.
    data = request.GET.copy() if request.GET else QueryDict("preset=this_year", mutable=True)
    form = ReportForm(
        data,
        units=units.select_related("kind"),
        whole_tree=roles.is_admin,
        campaigns=list(Campaign.objects.visible_to(roles)),
        types=list(ActivityType.objects.all()),
        indicators=list(Indicator.objects.filter(active=True)),
    )
    if not form.is_valid():
        return form, None, None
    # The period picker shows the dates the report used.
    data["date_from"], data["date_to"] = form.cleaned_data["start"].isoformat(), form.cleaned_data["end"].isoformat()
    code = form.cleaned_data.get("org") or ""
    if code:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None or not roles.can_see(unit):
            raise Http404(_("No such unit among yours."))
    elif roles.is_admin:
        unit = None
    else:
        unit = min(roles.units(), key=lambda held: held.depth)  # their highest unit
    filters = summary.ReportFilters(
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
        unit=unit,
        campaign=form.cleaned_data["campaign_obj"],
        activity_type=form.cleaned_data["type_obj"],
        include_submitted=form.cleaned_data["include_submitted"],
    )
    return form, filters, Campaign.objects.visible_to(roles)


def charted(report, code):
    """(code, what it is called, its counting unit for a number) of what the breakdown charts plot: the
    indicator `code` of the report, else (an unknown or inactive code, or none) the number
    of activities."""
    indicator = next((indicator for indicator in report.indicators if indicator.code == code), None)
    if indicator is None:
        return summary.ACTIVITIES, str(summary.ACTIVITIES_LABEL), _activities_unit
    name = _("%(name)s (%(unit)s)") % {"name": indicator.t.name, "unit": indicator.t.unit}
    return indicator.code, name, lambda _count: str(indicator.t.unit)


def _activities_unit(count):
    return npgettext("counting unit", "activity", "activities", count)


BARS = 12  # a bar chart draws the largest groups; the table lists them all


def presentation(report, file_format="page", *, found=None, facts=None, chart=summary.ACTIVITIES):
    """What the page, the PDF and the DOCX show besides the raw report: narrative,
    charts (of the indicator `chart`, or of the activity count), the indicator columns of
    the breakdown tables and the cases section; given `facts` (documents.gather), also the
    work report in 公文 form and last year's figures."""
    code, measure, counting_unit = charted(report, chart)
    language = get_language()
    sections = []
    for key, breakdown in report.breakdowns.items():
        title = summary.SECTIONS[key]
        points = [(exports.label_of(row, key), row.value(code)) for row in breakdown.rows]
        if key not in ("month", "org_unit"):  # these rows come largest first: so do the bars
            points.sort(key=lambda point: -point[1])
        heading = _("%(section)s: %(measure)s") % {"section": title, "measure": measure}
        left_out = [] if key == "month" else points[BARS:]
        if left_out:
            points = points[:BARS]
        # The chart's figures in words: what a screen reader and a tagged PDF say for it.
        words = charts.in_words(heading, points, unit=counting_unit, language=language, left_out=len(left_out))
        if key == "month":
            chart_svg = charts.column_chart(points, heading, measure=measure, description=words)
        else:
            chart_svg = charts.bar_chart(points, heading, measure=measure, description=words)
        sections.append(
            {
                "key": key,
                "title": title,
                "breakdown": breakdown,
                "chart": chart_svg,
                "chart_heading": heading,
                "chart_words": words,
            }
        )
    context = {
        "report": report,
        "html_lang": html_lang(language),
        "paragraphs": narrative.paragraphs(report, language, found),
        "columns": exports.columns(report, file_format),
        "sections": sections,
        "cases": found,
        "case_tables": _case_tables(found) if found is not None else None,
        "material_sections": _material_sections(report),
    }
    if facts is not None:
        context["previous"] = facts.previous
        context["work"] = documents.build(facts, language)
    return context


def _material_sections(report):
    """The material tables as the page and the PDF lay them out."""
    return [
        {"key": key, "rows": report.materials[key], **section}
        for key, section in summary.MATERIAL_SECTIONS.items()
        if key in report.materials
    ]


def _case_tables(found):
    """The cases section as the page and the PDF lay it out: titles, headers and shown cells."""
    return {
        "title": cases.TITLE,
        "note": cases.note(found),
        "any": found.any,
        "by_unit": cases.BY_UNIT,
        "unit_header": [_("Unit"), *[label for _key, label in cases.UNIT_COLUMNS]],
        "unit_rows": [
            (cases.unit_label(row), [cases.shown(value) for value in cases.cells(row, cases.UNIT_COLUMNS)])
            for row in found.units
        ],
        "by_scam_type": cases.BY_SCAM_TYPE,
        "scam_header": [_("Scam type"), *[label for _key, label in cases.SCAM_COLUMNS]],
        "scam_rows": [
            (row.scam.t.name, [cases.shown(value) for value in cases.cells(row, cases.SCAM_COLUMNS)])
            for row in found.scam_types
        ],
        "next_title": cases.NEXT_TITLE,
        "next_lines": cases.next_lines(found),
    }


def gather(filters, campaigns, file_format="page", chart=summary.ACTIVITIES):
    """The report and everything `file_format` shows of it, as the presentation context."""
    report = summary.build(filters, campaigns=campaigns)
    found = cases.build(report)
    facts = documents.gather(report, found) if file_format in ("xlsx", "pdf", "docx") else None
    return presentation(report, file_format, found=found, facts=facts, chart=chart)


BODY_SECONDS = 300


@login_required
@require_safe
def report_page(request):
    """The filter form and the report. The report's body is cached per query, language
    and reader's scope until an activity is approved, returned, reopened or imported.

    Its key holds two versions, both read before the figures: the cache's (moved on
    after each such change commits, and after edits the summaries do not see, such as
    an indicator's) and the summaries' own, read from the database the figures come
    from. A replica that has not yet replayed an approval gives the old summaries'
    version with the old figures, so they are never kept as the figures after it."""
    form, filters, campaigns = _filters_for(request)
    context = {"form": form}
    if filters is not None:
        roles = Roles.for_request(request)
        scope = "all" if roles.is_admin else ",".join(sorted(str(unit.pk) for unit in roles.units()))
        query = sorted((key, value) for key, value in request.GET.items() if key != "format")
        versions = f"{counted_version()}|{summary_tables.version(settings.REPORTS_DATABASE)}"
        fingerprint = f"{get_language()}|{scope}|{versions}|{urlencode(query)}"
        key = "report-body:" + hashlib.sha256(fingerprint.encode()).hexdigest()
        body = cache.get(key)
        if body is None:
            body_context = gather(filters, campaigns, chart=form.cleaned_data["chart"])
            body_context["export_links"] = [
                (label, f"?{urlencode([*query, ('format', fmt)])}")
                for fmt, label in (("csv", "CSV"), ("xlsx", "Excel"), ("pdf", "PDF"), ("docx", "Word"))
            ]
            body = render_to_string("campaigns/reports/_report_body.html", body_context, request=request)
            cache.set(key, body, BODY_SECONDS)
        context["body"] = body
    return render(request, "campaigns/reports/report.html", context)


@login_required
@require_safe
def report_export(request):
    file_format = request.GET.get("format", "")
    if file_format not in exports.CONTENT_TYPES:
        raise Http404(_("Unknown export format."))
    form, filters, campaigns = _filters_for(request)
    if filters is None:
        raise Http404(_("The report's filters are not valid."))
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


def same_day_last_year(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def year_on_year(unit, today):
    """(this year so far, the same days last year): two reports, as anyone could run by hand."""
    start = datetime.date(today.year, 1, 1)
    this = summary.build(summary.ReportFilters(start=start, end=today, unit=unit), materials=False)
    last = summary.build(
        summary.ReportFilters(start=same_day_last_year(start), end=same_day_last_year(today), unit=unit),
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
    rows = [
        {
            "label": summary.ACTIVITIES_LABEL,
            "unit": "",
            "now": this.total.activities,
            "before": last.total.activities,
            "change": _change(this.total.activities, last.total.activities),
        }
    ]
    # Typed figures first, then the measured ones (QR code scans), marked as such.
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

    ranked_by = next((indicator for indicator in this.indicators if indicator.public), None) or next(
        (indicator for indicator in this.indicators if indicator.code == "participants"), None
    )
    ranking = rank_sub_units(this.breakdowns["org_unit"].rows, ranked_by.code if ranked_by else summary.ACTIVITIES)

    children = list(
        OrgUnit.objects.get_children(unit).filter(active=True)
        if unit
        else OrgUnit.objects.get_root_nodes().filter(active=True)
    )
    since = today - datetime.timedelta(days=SILENT_DAYS)
    prefix = (len(unit.path) if unit else 0) + OrgUnit.steplen
    scope = Activity.objects.filter(unit__path__startswith=unit.path) if unit else Activity.objects.all()
    busy = set(
        scope.filter(date__gte=since)
        .annotate(branch=Substr("unit__path", 1, prefix))
        .values_list("branch", flat=True)
        .distinct()
    )
    silent = [child for child in children if child.path not in busy][:SILENT_LIMIT]

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
        "rows": rows,
        "ranked_by": ranked_by,
        "ranking": ranking,
        "silent": silent,
        "silent_days": SILENT_DAYS,
        "lagging": lagging,
        "returned": returned[:SHORT_LIST],
        "waiting": waiting[:SHORT_LIST],
    }
    return render(request, "campaigns/reports/overview.html", context)
