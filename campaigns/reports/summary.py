"""The summary report: figures of the counted activities, in total and broken down.

The figures are read from the summary tables, which hold them added up per unit subtree
and month (see cube.plan for periods that cut a month), with a fixed number of queries
whatever the data size: three for the whole months, one to plan the edges and one per
cut month, plus a few to label the groups. Only approved activities count, unless
submitted ones are asked for.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _

from campaigns.models import (
    QR_SCANS,
    Activity,
    ActivityType,
    AudienceGroup,
    Campaign,
    Indicator,
    KitScan,
    OrgUnit,
)
from scams.models import ScamType

from . import measured as measuring
from .cube import gather, reported_figures
from .material_tables import material_tables
from .measured import MEASURED, Measures

ACTIVITIES = "activities"  # the pseudo-indicator: number of activities
# What it is called wherever a page or an export names it (活动数).
ACTIVITIES_LABEL = _("Number of activities")

# The breakdowns, in the order every format shows them, with the titles the page and
# every export give them.
SECTIONS = {
    "month": _("By month"),
    "org_unit": _("By unit"),
    "activity_type": _("By activity type"),
    "audience": _("By audience group"),
    "scam_type": _("By scam type covered"),
}


@dataclass(frozen=True)
class ReportFilters:
    start: datetime.date
    end: datetime.date
    unit: OrgUnit | None = None  # None: the whole tree
    campaign: Campaign | None = None
    activity_type: ActivityType | None = None
    include_submitted: bool = False

    @property
    def statuses(self):
        if self.include_submitted:
            return [Activity.Status.APPROVED, Activity.Status.SUBMITTED]
        return [Activity.Status.APPROVED]

    def condition(self, prefix="", dated=True):
        """The activities counted, as a Q on Activity (prefix "") or on Figure ("activity__");
        whatever their date unless `dated`."""
        q = Q(**{f"{prefix}status__in": self.statuses})
        if dated:
            q &= Q(**{f"{prefix}date__gte": self.start, f"{prefix}date__lte": self.end})
        if self.unit is not None:
            q &= Q(**{f"{prefix}unit__path__startswith": self.unit.path})
        if self.campaign is not None:
            q &= Q(**{f"{prefix}campaign": self.campaign})
        if self.activity_type is not None:
            q &= Q(**{f"{prefix}activity_type": self.activity_type})
        return q


@dataclass
class Row:
    key: str  # what the CSV calls the group: a month, unit code, type code, audience code or slug
    label: object  # what people read: a model instance with .t, or text
    activities: int = 0
    values: dict = field(default_factory=dict)  # indicator code -> sum
    own: bool = False  # the org_unit row of activities logged at the chosen unit itself
    measures: Measures = field(default_factory=Measures)  # the counts behind the measured figures

    def value(self, code):
        return self.activities if code == ACTIVITIES else self.values.get(code, 0)


@dataclass
class Breakdown:
    section: str
    rows: list
    overlapping: bool = False  # one activity may fall in several rows: do not add rows up

    def top(self, count=3):
        """The first `count` rows with activities: the largest, in the sections sorted by size."""
        return [row for row in self.rows if row.activities][:count]


@dataclass
class CampaignProgress:
    campaign: Campaign
    activities: int
    targets: list  # (indicator, target, done)
    scans: int = 0  # scans of its kit's QR codes (the computed indicator qr_scans)
    measures: Measures = field(default_factory=Measures)  # scans and quizzes behind its measured figures


@dataclass
class Report:
    filters: ReportFilters
    indicators: list
    total: Row
    breakdowns: dict  # section -> Breakdown
    catalogue: list  # every published scam type, for spotting the uncovered ones
    campaigns: list  # CampaignProgress
    materials: dict = field(default_factory=dict)  # MATERIAL_SECTIONS key -> [MaterialRow]; see material_tables

    @property
    def typed(self):
        """The indicators people type figures for."""
        return [indicator for indicator in self.indicators if not indicator.computed]

    @property
    def measured(self):
        """The computed indicators (QR code scans) that have figures in this report: shown
        apart from the typed ones."""
        return [
            indicator for indicator in self.indicators if indicator.computed and indicator.code in self.total.values
        ]

    @property
    def worst_answered(self):
        """The scam types whose quiz questions were answered worst (campaigns.reports.measured)."""
        return measuring.worst_answered(self.breakdowns["scam_type"].rows)

    @property
    def covered_slugs(self):
        return {row.key for row in self.breakdowns["scam_type"].rows if row.activities}

    @property
    def uncovered(self):
        covered = self.covered_slugs
        return [scam for scam in self.catalogue if scam.slug not in covered]


def _rows(counts, sums, indicators, key_label, measured=None):
    """Rows for the groups that have activities or measured figures, each labelled by
    key_label(group). `measured` ({group: Measures}) gives the figures of the computed
    indicators that are active; a rate is computed from each group's own counts."""
    codes = {indicator.pk: indicator.code for indicator in indicators}
    active = {indicator.code for indicator in indicators if indicator.code in MEASURED}
    measured = measured or {}
    rows = []
    for group in [*counts, *(group for group in measured if group not in counts)]:
        count = counts.get(group, 0)
        measures = measured.get(group, Measures())
        if group is None or not (count or measures.values(active)):
            continue
        key, label = key_label(group)
        values = {codes[pk]: total for pk, total in sums.get(group, {}).items() if pk in codes}
        values.update(measures.values(active))
        rows.append(Row(key=key, label=label, activities=count, values=values, measures=measures))
    return rows


def build(filters, campaigns=None, materials=True):
    """The report. `campaigns`, when given, limits campaign progress to those the reader
    may see (a queryset); the command line and administrators see them all. Without
    `materials` the material tables are left out (two queries saved where nobody reads them)."""
    indicators = list(Indicator.objects.filter(active=True))

    # The total and the month, child unit, type and campaign partitions are roll-ups of
    # one cube keyed (month, child unit path, type, campaign).
    cube = gather(filters)
    measured = measuring.read(filters)
    total_counts, total_sums = cube.counts_and_sums("main", lambda key: "")
    total = _rows(total_counts, total_sums, indicators, lambda key: ("", ""), measured.by())
    total = total[0] if total else Row(key="", label="")

    breakdowns = {}
    counts, sums = cube.counts_and_sums("main", lambda key: key[0])
    month_rows = _rows(counts, sums, indicators, lambda month: (f"{month:%Y-%m}", month), measured.by(0))
    breakdowns["month"] = Breakdown("month", sorted(month_rows, key=lambda row: row.key))

    counts, sums = cube.counts_and_sums("main", lambda key: key[1])
    breakdowns["org_unit"] = _by_child_unit(filters, counts, sums, indicators, measured.by(1))

    counts, sums = cube.counts_and_sums("main", lambda key: key[2])
    types = ActivityType.objects.in_bulk([pk for pk, count in counts.items() if count])
    type_rows = _rows(counts, sums, indicators, lambda pk: (types[pk].code, types[pk]))
    breakdowns["activity_type"] = Breakdown("activity_type", _by_size(type_rows))

    counts, sums = cube.counts_and_sums("audience")
    audiences = AudienceGroup.objects.in_bulk([pk for pk, count in counts.items() if count])
    audience_rows = _rows(counts, sums, indicators, lambda pk: (audiences[pk].code, audiences[pk]))
    breakdowns["audience"] = Breakdown("audience", _by_size(audience_rows), overlapping=True)

    catalogue = list(ScamType.objects.published().order_by("category__position", "category__code", "slug"))
    counts, sums = cube.counts_and_sums("scam_type")
    by_type = measuring.by_scam_type(filters)
    scams = {scam.pk: scam for scam in catalogue}
    missing = [pk for pk, count in [*counts.items(), *by_type.items()] if count and pk not in scams]
    scams.update(ScamType.objects.in_bulk(missing) if missing else {})
    scam_rows = _rows(counts, sums, indicators, lambda pk: (scams[pk].slug, scams[pk]), by_type)
    breakdowns["scam_type"] = Breakdown("scam_type", _by_size(scam_rows), overlapping=True)

    return Report(
        filters=filters,
        indicators=indicators,
        total=total,
        breakdowns=breakdowns,
        catalogue=catalogue,
        campaigns=_campaign_progress(filters, cube, campaigns, measured),
        materials=material_tables(filters) if materials else {},
    )


def _by_size(rows):
    return sorted(rows, key=lambda row: (-row.activities, row.key))


def _by_child_unit(filters, counts, sums, indicators, measured):
    """One row per direct child of the chosen unit (each with its whole subtree), plus a
    row for activities logged at the chosen unit itself. For the whole tree: the roots.
    `counts`, `sums` and `measured` are keyed by the child's path."""
    units = {unit.path: unit for unit in OrgUnit.objects.filter(path__in=[*counts, *measured])}
    rows = _rows(counts, sums, indicators, lambda path: (units[path].code, units[path]), measured)
    for row in rows:
        row.own = filters.unit is not None and row.key == filters.unit.code
    return Breakdown("org_unit", sorted(rows, key=lambda row: (not row.own, row.label.path)))


def campaign_progress(campaign, units=None):
    """One campaign's progress against its targets as the report for its whole period and its
    lead unit counts it; with `units`, only their subtrees' share of that (the targets stay the
    whole campaign's). Each scope is read from the summary like any report."""
    lead = campaign.lead_unit
    if units is None:
        scopes = [lead]
    else:
        # Within the lead unit's subtree only, and each branch once.
        inside = [lead if unit.contains(lead) else unit for unit in units if unit.contains(lead) or lead.contains(unit)]
        scopes = [unit for unit in inside if not any(other != unit and other.contains(unit) for other in inside)]
        scopes = list({unit.pk: unit for unit in scopes}.values())
    activities, done = 0, defaultdict(int)
    measures = Measures()
    for unit in scopes:
        filters = ReportFilters(start=campaign.start, end=campaign.end, unit=unit, campaign=campaign)
        (progress,) = _campaign_progress(
            filters, gather(filters, parts=("main",)), Campaign.objects.all(), measuring.read(filters)
        )
        activities += progress.activities
        measures += progress.measures
        for indicator, _target, value in progress.targets:
            if not indicator.computed:
                done[indicator.pk] += value
    # Measured figures are added up as counts (a rate from the summed counts).
    targets = [
        (target.indicator, target.value, measures.value(target.indicator.code))
        if target.indicator.computed
        else (target.indicator, target.value, done[target.indicator_id])
        for target in campaign.targets.all()
    ]
    return CampaignProgress(
        campaign=campaign, activities=activities, targets=targets, scans=measures.scans, measures=measures
    )


def _campaign_progress(filters, cube, visible=None, measured=None):
    """Progress of the campaigns the period touches (or the chosen one) against their targets,
    counting the same activities as the rest of the report (within `units`' subtrees when given)."""
    campaigns = (visible if visible is not None else Campaign.objects).prefetch_related("targets__indicator")
    if filters.campaign is not None:
        campaigns = campaigns.filter(pk=filters.campaign.pk)
    else:
        campaigns = campaigns.filter(start__lte=filters.end, end__gte=filters.start)
    campaigns = list(campaigns)
    if not campaigns:
        return []
    counts, sums = cube.counts_and_sums("main", lambda key: key[3])
    measures = (measured or measuring.Measured()).by(2)
    return [
        CampaignProgress(
            campaign=campaign,
            activities=counts.get(campaign.pk, 0),
            targets=[
                (
                    target.indicator,
                    target.value,
                    measures.get(campaign.pk, Measures()).value(target.indicator.code)
                    if target.indicator.computed
                    else sums[campaign.pk].get(target.indicator_id, 0),
                )
                for target in campaign.targets.all()
            ],
            scans=measures.get(campaign.pk, Measures()).scans,
            measures=measures.get(campaign.pk, Measures()),
        )
        for campaign in campaigns
    ]


# The material tables sit beside the breakdowns, not among them: one activity may use
# several pieces of material, and a download is no activity at all. What the page and
# every export call each table and its figure, and what they say about it.
MATERIAL_SECTIONS = {
    "material_used": {
        "title": _("Material used"),
        "indicator": ACTIVITIES,
        "column": ACTIVITIES_LABEL,
        "note": _(
            "Each piece of material by the number of counted activities that used it; one activity may use several."
        ),
        "empty": _("No counted activity recorded the material it used."),
    },
    "material_downloads": {
        "title": _("Material downloads"),
        "indicator": "downloads",
        "column": _("Downloads"),
        "note": _(
            "Downloads from the whole site in this period. They are counted without a unit, campaign or "
            "activity type, so this table is not limited to the unit chosen for the report."
        ),
        "empty": _("No material was downloaded in this period."),
    },
}


def running_campaigns_progress(campaigns):
    """[(campaign, [(indicator, target, done)])] for several campaigns at once, each counted
    as its own report counts it (its period, its lead unit's subtree, approved work), in one
    query for the figures whatever the number of campaigns."""
    campaigns = list(campaigns.select_related("lead_unit").prefetch_related("targets__indicator"))
    if not campaigns:
        return []
    sums = defaultdict(dict)
    for campaign_id, indicator_id, total in (
        reported_figures()
        .filter(
            activity__campaign__in=campaigns,
            activity__status=Activity.Status.APPROVED,
            activity__date__gte=F("activity__campaign__start"),
            activity__date__lte=F("activity__campaign__end"),
            activity__unit__path__startswith=F("activity__campaign__lead_unit__path"),
        )
        .values_list("activity__campaign", "indicator")
        .annotate(total=Sum("value"))
        .order_by()
    ):
        sums[campaign_id][indicator_id] = total
    scans = dict(
        KitScan.objects.filter(
            code__kit__campaign__in=campaigns,
            day__gte=F("code__kit__campaign__start"),
            day__lte=F("code__kit__campaign__end"),
            code__unit__path__startswith=F("code__kit__campaign__lead_unit__path"),
        )
        .values_list("code__kit__campaign")
        .annotate(total=Sum("count"))
        .order_by()
    )

    def measured_done(campaign, indicator):
        if indicator.code == QR_SCANS:
            return scans.get(campaign.pk, 0)
        # A quiz target (rare): that campaign's quizzes are read as its report reads them.
        filters = ReportFilters(start=campaign.start, end=campaign.end, unit=campaign.lead_unit, campaign=campaign)
        return measuring.read(filters).by().get("", Measures()).value(indicator.code)

    return [
        (
            campaign,
            [
                (
                    target.indicator,
                    target.value,
                    measured_done(campaign, target.indicator)
                    if target.indicator.computed
                    else sums[campaign.pk].get(target.indicator_id, 0),
                )
                for target in campaign.targets.all()
            ],
        )
        for campaign in campaigns
    ]
