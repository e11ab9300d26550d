"""The work report as people file it (工作汇报 in 公文 form): the facts it is written
from, gathered once (documents.gather), and the report in each language (documents.build),
written by work_text in the words of work_phrases. Its file names are here too.

Every number in it is one the report's tables show (the year-earlier figures are in the
headline table beside this year's). The DOCX and the PDF are both drawn from WorkReport.
"""

import datetime
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils import timezone

from campaigns.models import Activity, Campaign, OrgUnit
from fraudwatch.core.bilingual import TRADITIONAL_LANGUAGE, as_shown, is_english, to_traditional, written_in

from . import summary
from .periods import year_earlier
from .work_phrases import chinese_date, period_label, scope_name  # noqa: F401 -- chinese_date: the date as signed
from .work_text import Section, write

EXAMPLES = 3


def filename(filters, file_format, language):
    """青禾县公安局-2026年1-11月-工作汇报.docx / Qinghe-County-PSB-2026-01-to-2026-11-work-report.docx"""
    written = written_in(language)  # a Traditional name is the Simplified one converted, as a whole
    unit = scope_name(filters.unit, written)
    period = period_label(filters.start, filters.end, written)
    spreadsheet = file_format in ("csv", "xlsx")
    if is_english(language):
        unit = unit.replace("Public Security Bureau", "PSB")
        what = "figures" if spreadsheet else "work-report"
        parts = [unit, period.replace(" ", "-"), what]
        text = "-".join(parts)
        text = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text)
        text = "-".join(part for part in text.split("-") if part)
    else:
        what = "统计表" if spreadsheet else "工作汇报"
        text = "-".join([unit, period, what])
        text = as_shown("".join(ch for ch in text if ch not in '\\/:*?"<>|'), language)
    return f"{text}.{file_format}"


@dataclass
class Facts:
    """What the text is written from besides the report itself, each fetched once."""

    report: summary.Report
    previous: summary.Report
    cases: object  # CasesReport
    children: list  # the direct sub-units (the roots for the whole organisation), active ones
    examples: list  # titles of a few approved activities
    today: datetime.date

    @property
    def silent(self):
        active = {row.key for row in self.report.breakdowns["org_unit"].rows if row.activities}
        return [unit for unit in self.children if unit.code not in active]

    def behind(self):
        """[(progress, time share %, [(indicator, target, done)])] for the campaigns with a
        target behind the calendar: the share of it done is below the share of the
        campaign's days gone by the report's last day."""
        result = []
        for progress in self.report.campaigns:
            campaign = progress.campaign
            as_of = min(self.report.filters.end, campaign.end)
            days = (campaign.end - campaign.start).days + 1
            gone = max(0, min(days, (as_of - campaign.start).days + 1))
            late = [
                (indicator, target, done)
                for indicator, target, done in progress.targets
                if target and done * days < target * gone
            ]
            if late:
                result.append((progress, round(gone * 100 / days), late))
        return result


def gather(report, cases, *, campaigns=None, today=None):
    """The facts besides `report`: the same period a year earlier (a second report), the
    direct sub-units and a few example titles."""
    filters = report.filters
    earlier = summary.ReportFilters(
        start=year_earlier(filters.start),
        end=year_earlier(filters.end),
        unit=filters.unit,
        campaign=filters.campaign,
        activity_type=filters.activity_type,
        include_submitted=filters.include_submitted,
    )
    previous = summary.build(earlier, campaigns=Campaign.objects.none(), materials=False)
    if filters.unit is None:
        children = OrgUnit.objects.filter(depth=1)
    else:
        children = OrgUnit.objects.filter(path__startswith=filters.unit.path, depth=filters.unit.depth + 1)
    titles = (
        Activity.objects.using(settings.REPORTS_DATABASE)
        .filter(filters.condition(), status=Activity.Status.APPROVED)
        .order_by("-date", "-pk")
        .values_list("title", flat=True)[: EXAMPLES * 4]
    )
    examples = list(dict.fromkeys(title.strip().strip('“”"') for title in titles if title.strip()))[:EXAMPLES]
    return Facts(
        report=report,
        previous=previous,
        cases=cases,
        children=list(children.filter(active=True)),
        examples=examples,
        today=today or timezone.localdate(),
    )


def build(facts, language):
    """The work report in `language`; the Traditional one is the Simplified one converted."""
    work = write(facts, language)
    return _traditional(work) if language == TRADITIONAL_LANGUAGE else work


def _traditional(work):
    """The Chinese report in Traditional characters, converted as the catalogue is."""
    return replace(
        work,
        language=TRADITIONAL_LANGUAGE,
        title_lines=[to_traditional(line) for line in work.title_lines],
        period=to_traditional(work.period),
        sections=[
            Section(to_traditional(section.heading), [(kind, to_traditional(text)) for kind, text in section.blocks])
            for section in work.sections
        ],
        signer=to_traditional(work.signer),
        signed=to_traditional(work.signed),
    )
