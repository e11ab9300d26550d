"""Cases and outreach (案件与宣传): the imported case figures set beside the report's outreach.

Cases are never added to any outreach figure; they stand in their own tables:
- per direct sub-unit of the chosen unit (the roots for the whole organisation), with
  its subtree: cases, losses, cases per 10,000 residents, people reached per 10,000
  residents, and cases per 10,000 people reached;
- per scam type: cases and losses against the activities that covered the type.

"People reached" is the sum of the indicators counted in person-times (counting unit
人次: in-person participants and online reach by default, and any such indicator an
administrator adds). Residents are the sub-unit's own `population`; without it the
per-resident rates stay blank. Case figures come by the month: a period counts every
month it touches (see CaseStatQuerySet.in_period), and campaign or activity-type
filters narrow the outreach only, never the cases.

"Where to go next" names the three sub-units and the three scam types with the most
cases per unit of outreach (people reached for a unit, activities for a scam type);
those with cases and no outreach at all come first.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import Substr
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from campaigns.models import CaseStat, OrgUnit
from fraudwatch.core.bilingual import by_language
from scams.models import ScamType

from .narrative import number
from .periods import year_earlier

PERSON_TIMES = "人次"
PER = 10_000
NEXT = 3

# The section's titles and columns, as the page and every export give them.
TITLE = _("Cases and outreach")
BY_UNIT = _("Cases by unit")
BY_SCAM_TYPE = _("Cases by scam type")
NEXT_TITLE = _("Where to go next")
UNIT_COLUMNS = [
    ("population", _("Residents")),
    ("cases", _("Cases")),
    ("losses", _("Losses (yuan)")),
    ("cases_per_10k", _("Cases per 10,000 residents")),
    ("reached", _("People reached (person-times)")),
    ("reached_per_10k", _("People reached per 10,000 residents")),
    ("cases_per_10k_reached", _("Cases per 10,000 people reached")),
]
SCAM_COLUMNS = [
    ("cases", _("Cases")),
    ("losses", _("Losses (yuan)")),
    ("previous", _("Cases in the same months a year earlier")),
    ("activities", _("Activities covering it")),
    ("cases_per_activity", _("Cases per activity")),
]


def reach_indicators(indicators):
    """The indicators whose sum is "people reached": those counted in person-times."""
    return [indicator for indicator in indicators if indicator.unit_zh.strip() == PERSON_TIMES]


def _rate(part, whole):
    return part * PER / whole if whole else None


@dataclass
class UnitCases:
    key: str  # the unit's code, as in the org_unit breakdown
    unit: OrgUnit
    own: bool = False  # figures recorded at the chosen unit itself
    cases: int = 0
    losses: int = 0
    reached: int = 0

    @property
    def population(self):
        return self.unit.population

    @property
    def cases_per_10k(self):
        return _rate(self.cases, self.population)

    @property
    def reached_per_10k(self):
        return _rate(self.reached, self.population)

    @property
    def cases_per_10k_reached(self):
        return _rate(self.cases, self.reached)


@dataclass
class ScamCases:
    key: str  # the scam type's slug
    scam: ScamType
    cases: int = 0
    losses: int = 0
    activities: int = 0  # activities in the report that covered it
    previous: int | None = None  # cases in the same months a year earlier, when any were imported

    @property
    def cases_per_activity(self):
        return self.cases / self.activities if self.activities else None

    @property
    def rising(self):
        return self.previous is not None and self.cases > self.previous


@dataclass
class CasesReport:
    units: list = field(default_factory=list)  # UnitCases, the chosen unit's own row first
    scam_types: list = field(default_factory=list)  # ScamCases with cases, most first
    reach: list = field(default_factory=list)  # the indicators added up as people reached
    total_cases: int = 0
    total_losses: int = 0
    total_activities: int = 0

    @property
    def any(self):
        return any(row.cases or row.losses for row in self.scam_types)

    @property
    def next_units(self):
        """The sub-units with the most cases per person-time of outreach."""
        with_cases = [row for row in self.units if row.cases and not row.own]
        return sorted(with_cases, key=lambda row: (row.reached > 0, -(row.cases / (row.reached or 1)), -row.cases))[
            :NEXT
        ]

    @property
    def next_scam_types(self):
        """The scam types with the most cases per activity covering them."""
        with_cases = [row for row in self.scam_types if row.cases]
        return sorted(
            with_cases, key=lambda row: (row.activities > 0, -(row.cases / (row.activities or 1)), -row.cases)
        )[:NEXT]

    @property
    def thin(self):
        """Scam types whose cases rose against the same months a year earlier while their
        share of the outreach stayed below their share of the cases."""
        return [
            row
            for row in self.scam_types
            if row.rising and row.activities * self.total_cases < row.cases * max(self.total_activities, 1)
            # i.e. activities / total activities < cases / total cases
        ]


def _stats(filters, start=None, end=None):
    return (
        CaseStat.objects.using(settings.REPORTS_DATABASE)
        .in_period(start or filters.start, end or filters.end)
        .within(filters.unit)
    )


def build(report):
    """The cases section of `report`: four queries, whatever the data size."""
    filters = report.filters
    reach = reach_indicators(report.indicators)
    prefix = (len(filters.unit.path) if filters.unit else 0) + OrgUnit.steplen
    by_path = {
        path: (cases, losses)
        for path, cases, losses in _stats(filters)
        .values_list(Substr("unit__path", 1, prefix))
        .annotate(cases=Sum("cases"), losses=Sum("losses"))
        .order_by()
    }
    result = CasesReport(reach=reach, total_activities=report.total.activities)

    # Sub-units with cases or with outreach (whose rows are keyed by the unit's code).
    outreach = {row.key: row for row in report.breakdowns["org_unit"].rows}
    units = OrgUnit.objects.filter(Q(path__in=list(by_path)) | Q(code__in=list(outreach)))
    for unit in units:
        cases, losses = by_path.get(unit.path, (0, 0))
        row = outreach.get(unit.code)
        result.units.append(
            UnitCases(
                key=unit.code,
                unit=unit,
                own=filters.unit is not None and unit.pk == filters.unit.pk,
                cases=cases,
                losses=losses,
                reached=sum(row.values.get(indicator.code, 0) for indicator in reach) if row else 0,
            )
        )
    result.units.sort(key=lambda row: (not row.own, row.unit.path))

    by_scam = {
        pk: (cases, losses)
        for pk, cases, losses in _stats(filters)
        .values_list("scam_type")
        .annotate(cases=Sum("cases"), losses=Sum("losses"))
        .order_by()
    }
    previous = dict(
        _stats(filters, year_earlier(filters.start), year_earlier(filters.end))
        .values_list("scam_type")
        .annotate(cases=Sum("cases"))
        .order_by()
    )
    scams = {scam.pk: scam for scam in report.catalogue}
    unknown = [pk for pk in by_scam if pk not in scams]
    scams.update(ScamType.objects.in_bulk(unknown) if unknown else {})
    covered = {row.key: row.activities for row in report.breakdowns["scam_type"].rows}
    for pk, (cases, losses) in by_scam.items():
        scam = scams[pk]
        result.scam_types.append(
            ScamCases(
                key=scam.slug,
                scam=scam,
                cases=cases,
                losses=losses,
                activities=covered.get(scam.slug, 0),
                previous=previous.get(pk, 0) if previous else None,
            )
        )
    result.scam_types.sort(key=lambda row: (-row.cases, -row.losses, row.key))
    result.total_cases = sum(row.cases for row in result.scam_types)
    result.total_losses = sum(row.losses for row in result.scam_types)
    return result


def shown(value):
    """A cell as tables show it: whole numbers grouped, rates to one decimal, a dash when
    there is nothing to show (no population, no outreach, no earlier figures)."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return number(value)


def rounded(value):
    """A rate as spreadsheets and CSV hold it: the one decimal the tables show."""
    return None if value is None else round(value, 1)


def unit_label(row):
    name = row.unit.t.name
    return gettext("%(name)s (recorded at this unit itself)") % {"name": name} if row.own else str(name)


def cells(row, columns):
    return [getattr(row, key) for key, _label in columns]


def _separator():
    return by_language(get_language(), zh="；", en=", ")


def note(found):
    """What the section counts, in a sentence every format shows under its title."""
    reach = _separator().join(str(indicator.t.name) for indicator in found.reach) if found.reach else "—"
    return gettext(
        "Case figures are imported by reviewers and never added to outreach figures; a period counts every "
        "month it touches. People reached: the sum of the indicators counted in person-times (%(indicators)s). "
        "Residents: each unit's population; without it the rates per 10,000 residents are left blank."
    ) % {"indicators": reach}


def next_lines(found):
    """ "Where to go next", as two lines: the sub-units and the scam types."""
    lines = []
    if found.next_units:
        lines.append(
            gettext("Units: %(names)s.")
            % {
                "names": _separator().join(
                    gettext("%(name)s (%(cases)s cases, %(reached)s person-times reached)")
                    % {"name": row.unit.t.name, "cases": number(row.cases), "reached": number(row.reached)}
                    for row in found.next_units
                )
            }
        )
    if found.next_scam_types:
        lines.append(
            gettext("Scam types: %(names)s.")
            % {
                "names": _separator().join(
                    gettext("%(name)s (%(cases)s cases, %(activities)s activities)")
                    % {"name": row.scam.t.name, "cases": number(row.cases), "activities": number(row.activities)}
                    for row in found.next_scam_types
                )
            }
        )
    return lines
