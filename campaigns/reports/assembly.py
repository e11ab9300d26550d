"""A report put together for its reader: the filters a query asks for, within what the reader
may see, and the report with everything a page or a file shows of it. The pages and the
worker that prepares large files both use it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import get_language, npgettext
from django.utils.translation import gettext as _

from campaigns.models import (
    ActivityType,
    Campaign,
    Indicator,
    OrgUnit,
)
from fraudwatch.core.bilingual import html_lang

from . import cases, charts, documents, exports, narrative, summary
from .forms import ReportForm


def filters_for(roles, data):
    """_filters_for for `roles` and the query `data` (a mutable QueryDict): the request's,
    or the one the worker builds a prepared document from."""
    if not roles.is_admin and not roles.units():
        raise PermissionDenied(_("Reports cover the units you hold a role on, and you hold none."))
    units = OrgUnit.objects.all() if roles.is_admin else OrgUnit.objects.filter(roles.visible("path"))
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
