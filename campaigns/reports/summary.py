"""The summary report: figures of the counted activities, in total and broken down.

Everything is aggregated in the database with a fixed number of queries, whatever the
data size: two per breakdown (activity counts and figure sums), plus a few to label
the groups. Only approved activities count, unless submitted ones are asked for.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils.translation import gettext_lazy as _

from campaigns.models import Activity, ActivityType, AudienceGroup, Campaign, Figure, Indicator, OrgUnit, subtree_q
from fraudwatch import pagecache
from scams.models import ScamType

ACTIVITIES = "activities"  # the pseudo-indicator: number of activities

# The breakdowns, in the order every format shows them, with the titles the page and
# every export give them.
SECTIONS = {
    "month": _("By month"),
    "org_unit": _("By unit"),
    "activity_type": _("By activity type"),
    "audience": _("By audience group"),
    "scam_type": _("By scam type covered"),
}


def _activities():
    """Activities as reports read them: from the read replica when one is configured."""
    return Activity.objects.using(settings.REPORTS_DATABASE)


def _figures():
    return Figure.objects.using(settings.REPORTS_DATABASE)


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

    def condition(self, prefix=""):
        """The activities counted, as a Q on Activity (prefix "") or on Figure ("activity__")."""
        q = Q(
            **{
                f"{prefix}status__in": self.statuses,
                f"{prefix}date__gte": self.start,
                f"{prefix}date__lte": self.end,
            }
        )
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

    def value(self, code):
        return self.activities if code == ACTIVITIES else self.values.get(code, 0)


@dataclass
class Breakdown:
    section: str
    rows: list
    overlapping: bool = False  # one activity may fall in several rows: do not add rows up


@dataclass
class CampaignProgress:
    campaign: Campaign
    activities: int
    targets: list  # (indicator, target, done)


@dataclass
class Report:
    filters: ReportFilters
    indicators: list
    total: Row
    breakdowns: dict  # section -> Breakdown
    catalogue: list  # every published scam type, for spotting the uncovered ones
    campaigns: list  # CampaignProgress

    @property
    def covered_slugs(self):
        return {row.key for row in self.breakdowns["scam_type"].rows if row.activities}

    @property
    def uncovered(self):
        covered = self.covered_slugs
        return [scam for scam in self.catalogue if scam.slug not in covered]


def _grouped(filters, activity_group, figure_group):
    """({group: activity count}, {group: {indicator_id: sum}}) for one grouping, given as
    one expression or a tuple of them (then each group is a tuple)."""
    activity_group = activity_group if isinstance(activity_group, tuple) else (activity_group,)
    figure_group = figure_group if isinstance(figure_group, tuple) else (figure_group,)
    width = len(activity_group)

    def key(row):
        return row[0] if width == 1 else tuple(row[:width])

    counts = {
        key(row): row[-1]
        for row in _activities()
        .filter(filters.condition())
        .values_list(*activity_group)
        .annotate(n=Count("pk"))
        .order_by()
    }
    sums = defaultdict(dict)
    for row in (
        _figures()
        .filter(filters.condition("activity__"))
        .values_list(*figure_group, "indicator")
        .annotate(total=Sum("value"))
        .order_by()
    ):
        sums[key(row)][row[-2]] = row[-1]
    return counts, sums


def _roll_up(counts, sums, group_of):
    """Add up finer groups into coarser ones: group_of maps a fine key to its coarse key."""
    coarse_counts, coarse_sums = defaultdict(int), defaultdict(lambda: defaultdict(int))
    for key, count in counts.items():
        coarse_counts[group_of(key)] += count
    for key, values in sums.items():
        target = coarse_sums[group_of(key)]
        for indicator_id, total in values.items():
            target[indicator_id] += total
    return dict(coarse_counts), coarse_sums


def _rows(counts, sums, indicators, key_label):
    """Rows for the groups that have activities, each labelled by key_label(group)."""
    codes = {indicator.pk: indicator.code for indicator in indicators}
    rows = []
    for group, count in counts.items():
        if group is None or not count:
            continue
        key, label = key_label(group)
        values = {codes[pk]: total for pk, total in sums.get(group, {}).items() if pk in codes}
        rows.append(Row(key=key, label=label, activities=count, values=values))
    return rows


def build(filters, campaigns=None):
    """The report. `campaigns`, when given, limits campaign progress to those the reader
    may see (a queryset); the command line and administrators see them all."""
    indicators = list(Indicator.objects.filter(active=True))

    # One pass over the activities and one over their figures, grouped by month, child
    # unit and type together; the total and those three partitions are roll-ups of it.
    prefix = _child_prefix_length(filters)
    cube_counts, cube_sums = _grouped(
        filters,
        (TruncMonth("date"), Substr("unit__path", 1, prefix), "activity_type"),
        (TruncMonth("activity__date"), Substr("activity__unit__path", 1, prefix), "activity__activity_type"),
    )
    total_counts, total_sums = _roll_up(cube_counts, cube_sums, lambda key: "")
    total = _rows(total_counts, total_sums, indicators, lambda key: ("", ""))
    total = total[0] if total else Row(key="", label="")

    breakdowns = {}
    counts, sums = _roll_up(cube_counts, cube_sums, lambda key: key[0])
    month_rows = _rows(counts, sums, indicators, lambda month: (f"{month:%Y-%m}", month))
    breakdowns["month"] = Breakdown("month", sorted(month_rows, key=lambda row: row.key))

    counts, sums = _roll_up(cube_counts, cube_sums, lambda key: key[1])
    breakdowns["org_unit"] = _by_child_unit(filters, counts, sums, indicators)

    counts, sums = _roll_up(cube_counts, cube_sums, lambda key: key[2])
    types = ActivityType.objects.in_bulk(list(counts))
    type_rows = _rows(counts, sums, indicators, lambda pk: (types[pk].code, types[pk]))
    breakdowns["activity_type"] = Breakdown("activity_type", _by_size(type_rows))

    counts, sums = _grouped(filters, "audiences", "activity__audiences")
    audiences = AudienceGroup.objects.in_bulk([pk for pk in counts if pk is not None])
    audience_rows = _rows(counts, sums, indicators, lambda pk: (audiences[pk].code, audiences[pk]))
    breakdowns["audience"] = Breakdown("audience", _by_size(audience_rows), overlapping=True)

    catalogue = list(ScamType.objects.published().order_by("category__position", "category__code", "slug"))
    counts, sums = _grouped(filters, "scam_types", "activity__scam_types")
    scams = {scam.pk: scam for scam in catalogue}
    missing = [pk for pk in counts if pk is not None and pk not in scams]
    scams.update(ScamType.objects.in_bulk(missing) if missing else {})
    scam_rows = _rows(counts, sums, indicators, lambda pk: (scams[pk].slug, scams[pk]))
    breakdowns["scam_type"] = Breakdown("scam_type", _by_size(scam_rows), overlapping=True)

    return Report(
        filters=filters,
        indicators=indicators,
        total=total,
        breakdowns=breakdowns,
        catalogue=catalogue,
        campaigns=_campaign_progress(filters, campaigns),
    )


def _by_size(rows):
    return sorted(rows, key=lambda row: (-row.activities, row.key))


def _child_prefix_length(filters):
    """How much of a unit's path names the chosen unit's child it lies under."""
    return (len(filters.unit.path) if filters.unit else 0) + OrgUnit.steplen


def _by_child_unit(filters, counts, sums, indicators):
    """One row per direct child of the chosen unit (each with its whole subtree), plus a
    row for activities logged at the chosen unit itself. For the whole tree: the roots.
    `counts` and `sums` are keyed by the child's path."""
    units = {unit.path: unit for unit in OrgUnit.objects.filter(path__in=list(counts))}
    rows = _rows(counts, sums, indicators, lambda path: (units[path].code, units[path]))
    for row in rows:
        row.own = filters.unit is not None and row.key == filters.unit.code
    return Breakdown("org_unit", sorted(rows, key=lambda row: (not row.own, row.label.path)))


def campaign_progress(campaign, units=None):
    """One campaign's progress against its targets as the report for its whole period and its
    lead unit counts it; with `units`, only their subtrees' share of that (the targets stay the
    whole campaign's)."""
    filters = ReportFilters(start=campaign.start, end=campaign.end, unit=campaign.lead_unit, campaign=campaign)
    return _campaign_progress(filters, Campaign.objects.all(), units=units)[0]


def _campaign_progress(filters, visible=None, units=None):
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
    within = filters.condition() & Q(campaign__in=campaigns)
    figures_within = filters.condition("activity__") & Q(activity__campaign__in=campaigns)
    if units is not None:
        within &= subtree_q(units, "unit__path")
        figures_within &= subtree_q(units, "activity__unit__path")
    counts = dict(_activities().filter(within).values_list("campaign").annotate(n=Count("pk")).order_by())
    sums = defaultdict(dict)
    for campaign_id, indicator_id, total in (
        _figures()
        .filter(figures_within)
        .values_list("activity__campaign", "indicator")
        .annotate(total=Sum("value"))
        .order_by()
    ):
        sums[campaign_id][indicator_id] = total
    return [
        CampaignProgress(
            campaign=campaign,
            activities=counts.get(campaign.pk, 0),
            targets=[
                (target.indicator, target.value, sums[campaign.pk].get(target.indicator_id, 0))
                for target in campaign.targets.all()
            ],
        )
        for campaign in campaigns
    ]


HEADLINE_SECONDS = 300


def public_headline(today):
    """Year-to-date totals of approved activities for the whole site, for the public home
    page: the number of activities and the indicators marked public, totals only, nothing
    about any unit or person. The sums are one query, cached until the public pages are
    refreshed (an administrator edits an indicator) or a few minutes pass."""
    indicators = list(Indicator.objects.filter(active=True, public=True))
    key = f"public-headline:{pagecache.version()}:{today.isoformat()}"
    totals = cache.get(key)
    if totals is None:
        condition = Q(status=Activity.Status.APPROVED, date__gte=today.replace(month=1, day=1), date__lte=today)
        sums = {
            f"indicator_{indicator.pk}": Sum("figures__value", filter=Q(figures__indicator=indicator), default=0)
            for indicator in indicators
        }
        totals = Activity.objects.filter(condition).aggregate(activities=Count("pk", distinct=True), **sums)
        cache.set(key, totals, HEADLINE_SECONDS)
    return {
        "year": today.year,
        "activities": totals["activities"],
        # An indicator marked public since the sums were cached waits for the next refresh.
        "figures": [
            (indicator, totals[f"indicator_{indicator.pk}"])
            for indicator in indicators
            if totals.get(f"indicator_{indicator.pk}")
        ],
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
        _figures()
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
    return [
        (
            campaign,
            [
                (target.indicator, target.value, sums[campaign.pk].get(target.indicator_id, 0))
                for target in campaign.targets.all()
            ],
        )
        for campaign in campaigns
    ]
