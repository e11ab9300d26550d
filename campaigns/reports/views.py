import hashlib

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from campaigns.models import ActivityType, Campaign, OrgUnit, counted_version
from campaigns.roles import Roles
from fraudwatch.bilingual import html_lang
from scams import sightings

from . import cases, charts, documents, exports, narrative, summary
from .forms import ReportForm


def _filters_for(request):
    """(form, filters, visible campaigns) for the query string; filters is None when the
    form is not valid. A unit outside the user's subtrees is a 404, whether picked or
    typed into the URL."""
    roles = Roles.for_request(request)
    if not roles.is_admin and not roles.units():
        raise PermissionDenied(_("Reports cover the units you hold a role on, and you hold none."))
    units = OrgUnit.objects.all() if roles.is_admin else OrgUnit.objects.filter(roles.visible("path"))
    form = ReportForm(
        request.GET or None,
        units=units.select_related("kind"),
        whole_tree=roles.is_admin,
        campaigns=list(Campaign.objects.visible_to(roles)),
        types=list(ActivityType.objects.all()),
    )
    if not form.is_valid():
        return form, None, None
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


def presentation(report, file_format="page", *, found=None, facts=None):
    """What the page, the PDF and the DOCX show besides the raw report: narrative,
    charts, the indicator columns of the breakdown tables and the cases section; given
    `facts` (documents.gather), also the work report in 公文 form and last year's figures."""
    sections = []
    for key, breakdown in report.breakdowns.items():
        title = summary.SECTIONS[key]
        points = [(exports.label_of(row, key), row.activities) for row in breakdown.rows]
        chart = charts.column_chart(points, title) if key == "month" else charts.bar_chart(points[:12], title)
        sections.append({"key": key, "title": title, "breakdown": breakdown, "chart": chart})
    language = get_language()
    context = {
        "report": report,
        "html_lang": html_lang(language),
        "paragraphs": narrative.paragraphs(report, language, found),
        "columns": exports.columns(report, file_format),
        "sections": sections,
        "cases": found,
        "case_tables": _case_tables(found) if found is not None else None,
    }
    if facts is not None:
        context["previous"] = facts.previous
        context["work"] = documents.build(facts, language)
    return context


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


def gather(filters, campaigns, file_format="page"):
    """The report and everything `file_format` shows of it, as the presentation context."""
    report = summary.build(filters, campaigns=campaigns)
    found = cases.build(report)
    facts = documents.gather(report, found) if file_format in ("xlsx", "pdf", "docx") else None
    return presentation(report, file_format, found=found, facts=facts)


BODY_SECONDS = 300


@login_required
@require_safe
def report_page(request):
    """The filter form and the report. The report's body is cached per query, language
    and reader's scope until an activity is approved, returned, reopened or imported."""
    form, filters, campaigns = _filters_for(request)
    context = {"form": form}
    if filters is not None:
        roles = Roles.for_request(request)
        scope = "all" if roles.is_admin else ",".join(sorted(str(unit.pk) for unit in roles.units()))
        query = sorted((key, value) for key, value in request.GET.items() if key != "format")
        fingerprint = f"{get_language()}|{scope}|{counted_version()}|{urlencode(query)}"
        key = "report-body:" + hashlib.sha256(fingerprint.encode()).hexdigest()
        body = cache.get(key)
        if body is None:
            body_context = gather(filters, campaigns)
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
    _form, filters, campaigns = _filters_for(request)
    if filters is None:
        raise Http404(_("The report's filters are not valid."))
    name = documents.filename(filters, file_format, get_language())
    if request.method == "HEAD":
        # The headers a GET would have, without building a file nobody will receive.
        body = ()
    elif file_format == "csv":
        context = gather(filters, campaigns, file_format)
        body = (chunk.encode("utf-8") for chunk in exports.csv_chunks(context["report"], context["cases"]))
    else:
        body = _spooled(gather(filters, campaigns, file_format), file_format)
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
