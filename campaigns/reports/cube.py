"""The figures of a report's period, read into one cube from the summary tables and,
for the days of a month the period cuts, from the activities themselves.

Whole months of the period come from the summary tables
(campaigns.reports.models), which hold the counted activities added up per unit
subtree and month. A period may start or end within a month: such an edge month is
either read whole from the summary with the days outside the period taken away, or
its days within the period are added up from the activities themselves; whichever of
the two reads fewer activities (a period ending today reads none: nothing is dated
after today). Every figure is exact either way, and the number of queries depends on
the period's shape only, never on the data.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr, TruncMonth

from campaigns.models import (
    ACTIVITY_COUNT,
    NO_CAMPAIGN,
    Activity,
    AudienceSummary,
    Figure,
    OrgUnit,
    ScamTypeSummary,
    Summary,
)

from .periods import cut_months


def reported_activities():
    """Activities as reports read them: from the read replica when one is configured."""
    return Activity.objects.using(settings.REPORTS_DATABASE)


def reported_figures():
    return Figure.objects.using(settings.REPORTS_DATABASE)


def child_prefix_length(filters):
    """How much of a unit's path names the chosen unit's child it lies under."""
    return (len(filters.unit.path) if filters.unit else 0) + OrgUnit.steplen


@dataclass
class Cube:
    """Counts and figure sums of the counted activities, split by (month, child unit
    path, type, campaign), by audience group and by scam type. An entry is
    [activities, {indicator id: [figures, sum]}]."""

    main: dict = field(default_factory=lambda: defaultdict(_entry))
    audience: dict = field(default_factory=lambda: defaultdict(_entry))
    scam_type: dict = field(default_factory=lambda: defaultdict(_entry))

    def add(self, part, key, count, indicator, figures, total, sign):
        entry = getattr(self, part)[key]
        if indicator == ACTIVITY_COUNT:
            entry[0] += sign * count
        else:
            cell = entry[1].setdefault(indicator, [0, 0])
            cell[0] += sign * figures
            cell[1] += sign * total

    def counts_and_sums(self, part, group_of=lambda key: key):
        """({group: activities}, {group: {indicator id: sum}}), rolled up by group_of,
        for the groups and figures that remain after the edges were taken away."""
        counts, sums = defaultdict(int), defaultdict(lambda: defaultdict(int))
        for key, (count, figures) in getattr(self, part).items():
            group = group_of(key)
            counts[group] += count
            for indicator, (number, total) in figures.items():
                if number:
                    sums[group][indicator] += total
        return dict(counts), sums


def _entry():
    return [0, {}]


@dataclass(frozen=True)
class Plan:
    months: tuple  # (first, last) month read from the summary; first > last when none
    edges: list  # (sign, [(start, end), …]) ranges read from the activities


def plan(start, end, statuses):
    """How to read the period [start, end]: whole months from the summary, the edge
    months' days from the activities (see above). One query when a month is cut."""
    first, last = start.replace(day=1), end.replace(day=1)
    cut = cut_months(start, end)  # (month, days inside the period, days outside it)
    if not cut:
        return Plan((first, last), [])
    ranges = [ranges for _month, inside, outside in cut for ranges in (inside, outside)]
    every_day = [days for side in ranges for days in side]
    sizes = (
        reported_activities()
        .filter(_within(every_day), status__in=statuses)
        .aggregate(**{f"r{index}": Count("pk", filter=_within(days)) for index, days in enumerate(ranges)})
    )
    edges, whole = [], {month: True for month, _inside, _outside in cut}
    for index, (month, inside, outside) in enumerate(cut):
        if sizes[f"r{2 * index}"] <= sizes[f"r{2 * index + 1}"]:
            edges.append((1, inside))
            whole[month] = False
        else:
            edges.append((-1, outside))
    first = first if whole.get(first, True) else (first + datetime.timedelta(days=32)).replace(day=1)
    last = last if whole.get(last, True) else (last - datetime.timedelta(days=1)).replace(day=1)
    return Plan((first, last), edges)


def _within(ranges, prefix=""):
    condition = Q(pk__in=[])
    for low, high in ranges:
        condition |= Q(**{f"{prefix}date__gte": low, f"{prefix}date__lte": high})
    return condition


def _summary_rows(model, filters, months):
    rows = model.objects.using(settings.REPORTS_DATABASE).filter(
        status__in=filters.statuses, month__gte=months[0], month__lte=months[1]
    )
    # The whole tree is every root's subtree.
    rows = rows.filter(ancestor=filters.unit) if filters.unit is not None else rows.filter(ancestor__depth=1)
    if filters.campaign is not None:
        rows = rows.filter(campaign=filters.campaign.pk)
    if filters.activity_type is not None:
        rows = rows.filter(activity_type=filters.activity_type)
    return rows


def _read_summary(cube, filters, months, parts=("main", "audience", "scam_type")):
    """Add the summary rows of these months (first, last) to the cube: one query a part."""
    child = "child__path" if filters.unit is not None else "ancestor__path"
    columns = {
        "main": (Summary, ("month", child, "activity_type_id", "campaign")),
        "audience": (AudienceSummary, ("audience_id",)),
        "scam_type": (ScamTypeSummary, ("scam_type_id",)),
    }
    for part in parts:
        model, keys = columns[part]
        for row in (
            _summary_rows(model, filters, months)
            .values_list(*keys, "indicator")
            .annotate(n=Sum("count"), value=Sum("total"))
            .order_by()
        ):
            key = row[: len(keys)] if len(keys) > 1 else row[0]
            cube.add(part, key, row[-2], row[-3], row[-2], row[-1], 1)


def _read_activities(cube, filters, ranges, sign, parts=("main", "audience", "scam_type")):
    """Add (sign 1) or take away (sign -1) the counted activities dated within these
    ranges: two queries a part, activities and their figures."""
    prefix = child_prefix_length(filters)
    groups = {
        "main": (
            (TruncMonth("date"), Substr("unit__path", 1, prefix), "activity_type", "campaign"),
            (
                TruncMonth("activity__date"),
                Substr("activity__unit__path", 1, prefix),
                "activity__activity_type",
                "activity__campaign",
            ),
        ),
        "audience": (("audiences",), ("activity__audiences",)),
        "scam_type": (("scam_types",), ("activity__scam_types",)),
    }
    for part in parts:
        activity_group, figure_group = groups[part]
        width = len(activity_group)

        def key(row, width=width):
            if width == 1:
                return row[0]
            month, child, activity_type, campaign = row[:4]
            return (month, child, activity_type, campaign or NO_CAMPAIGN)

        for row in (
            reported_activities()
            .filter(filters.condition(dated=False), _within(ranges))
            .values_list(*activity_group)
            .annotate(n=Count("pk"))
            .order_by()
        ):
            if row[0] is not None:
                cube.add(part, key(row), row[-1], ACTIVITY_COUNT, 0, 0, sign)
        for row in (
            reported_figures()
            .filter(filters.condition("activity__", dated=False), _within(ranges, "activity__"))
            .values_list(*figure_group, "indicator")
            .annotate(n=Count("pk"), total=Sum("value"))
            .order_by()
        ):
            if row[0] is not None:
                cube.add(part, key(row), 0, row[-3], row[-2], row[-1], sign)


def gather(filters, parts=("main", "audience", "scam_type")):
    """The cube of the report's period, from the summary and the edge days."""
    period = plan(filters.start, filters.end, filters.statuses)
    cube = Cube()
    _read_summary(cube, filters, period.months, parts)
    for sign, ranges in period.edges:
        _read_activities(cube, filters, ranges, sign, parts)
    return cube
