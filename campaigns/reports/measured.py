"""The figures the app measures rather than people type: scans of the kit QR codes
(qr_scans), quizzes taken (quiz_takers) and the share of their answers that were right
(awareness_rate).

They are read, like the typed figures, for the report's period, units and campaign, but
from where they are counted: the daily counts of each kit code (scans, online quizzes and
their answers) and the paper quiz tallies of the counted activities. Each read is a fixed
number of grouped queries whatever the data. A rate is never stored nor added up: every
group keeps its counts (answered, correct), groups are rolled up by adding counts, and
the rate is computed from the sums, at every level of the tree and for every period.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils.translation import gettext_lazy as _

from campaigns.models import (
    AWARENESS_RATE,
    NO_CAMPAIGN,
    QR_SCANS,
    QUIZ_TAKERS,
    KitQuiz,
    KitQuizAnswer,
    KitScan,
    OrgUnit,
    PaperTally,
    PaperTallyLine,
)

MEASURED = (QR_SCANS, QUIZ_TAKERS, AWARENESS_RATE)
# Below this many answers a rate says little: before/after is not compared, and a type
# is not named among the worst answered.
FEW_ANSWERS = 30
WORST_SHOWN = 3


# What the page, the PDF and the DOCX annex call the quiz table, and what they say of it.
AWARENESS_TITLE = _("Quizzes and awareness by unit")
AWARENESS_NOTE = _(
    "Quiz takers are the quizzes counted online (one per phone a day) plus the paper sheets of counted "
    "activities. The awareness rate is the right answers over the questions answered, computed from the "
    "summed counts of each row, never averaged."
)


def rate_text(value):
    return "—" if value is None else f"{value}%"


def rate(correct, answered):
    """Right answers in percent of those answered, one decimal; None without answers."""
    if not answered:
        return None
    return round(correct * 100 / answered, 1)


@dataclass
class Measures:
    scans: int = 0
    takers: int = 0  # online quizzes counted plus paper sheets
    answered: int = 0
    correct: int = 0

    def __add__(self, other):
        return Measures(*(mine + theirs for mine, theirs in zip(self.counts(), other.counts(), strict=True)))

    def __bool__(self):
        return any(self.counts())

    def counts(self):
        return (self.scans, self.takers, self.answered, self.correct)

    @property
    def rate(self):
        return rate(self.correct, self.answered)

    def values(self, codes):
        """{indicator code: figure} of the measured indicators among `codes` that have one."""
        found = {QR_SCANS: self.scans or None, QUIZ_TAKERS: self.takers or None, AWARENESS_RATE: self.rate}
        return {code: value for code, value in found.items() if code in codes and value is not None}

    def value(self, code):
        return self.values({code}).get(code, 0)


@dataclass
class Measured:
    """Measures per (month, child unit path, campaign id or NO_CAMPAIGN)."""

    cells: dict = field(default_factory=lambda: defaultdict(Measures))

    def by(self, index=None):
        """{group: Measures} rolled up by one part of the key (None: all in one group "")."""
        grouped = defaultdict(Measures)
        for key, measures in self.cells.items():
            group = "" if index is None else key[index]
            grouped[group] = grouped[group] + measures
        return dict(grouped)


def _child_prefix_length(unit):
    return (len(unit.path) if unit else 0) + OrgUnit.steplen


def _kit_rows(model, filters):
    rows = model.objects.using(settings.REPORTS_DATABASE).filter(day__gte=filters.start, day__lte=filters.end)
    if filters.unit is not None:
        rows = rows.filter(code__unit__path__startswith=filters.unit.path)
    if filters.campaign is not None:
        rows = rows.filter(code__kit__campaign=filters.campaign)
    return rows


def _kit_groups(rows, filters, **sums):
    prefix = _child_prefix_length(filters.unit)
    return (
        rows.values_list(TruncMonth("day"), Substr("code__unit__path", 1, prefix), "code__kit__campaign")
        .annotate(**sums)
        .order_by()
    )


def _paper_groups(model, prefix, filters, **sums):
    rows = model.objects.using(settings.REPORTS_DATABASE).filter(filters.condition(prefix))
    return (
        rows.values_list(
            TruncMonth(f"{prefix}date"),
            Substr(f"{prefix}unit__path", 1, _child_prefix_length(filters.unit)),
            f"{prefix}campaign",
        )
        .annotate(**sums)
        .order_by()
    )


def read(filters):
    """The measured figures of the report's period, units and campaign: five queries.
    Scans and online quizzes belong to no activity type, so a report limited to one type
    has only the paper quizzes of its activities."""
    measured = Measured()
    cells = measured.cells

    def key(month, child, campaign):
        if isinstance(month, datetime.datetime):
            month = month.date()
        return (month, child, campaign or NO_CAMPAIGN)

    if filters.activity_type is None:
        for *group, count in _kit_groups(_kit_rows(KitScan, filters), filters, n=Sum("count")):
            cells[key(*group)].scans += count
        for *group, count in _kit_groups(_kit_rows(KitQuiz, filters), filters, n=Sum("count")):
            cells[key(*group)].takers += count
        answers = _kit_groups(_kit_rows(KitQuizAnswer, filters), filters, a=Sum("answered"), c=Sum("correct"))
        for *group, answered, correct in answers:
            cells[key(*group)].answered += answered
            cells[key(*group)].correct += correct
    for *group, sheets in _paper_groups(PaperTally, "activity__", filters, n=Sum("sheets")):
        cells[key(*group)].takers += sheets
    lines = _paper_groups(PaperTallyLine, "tally__activity__", filters, a=Sum("tally__sheets"), c=Sum("correct"))
    for *group, answered, correct in lines:
        cells[key(*group)].answered += answered
        cells[key(*group)].correct += correct
    return measured


def by_scam_type(filters):
    """{scam type id: Measures (answered, correct)} of the report's quizzes: two queries."""
    found = defaultdict(Measures)
    if filters.activity_type is None:
        rows = _kit_rows(KitQuizAnswer, filters).values_list("question__scam_type")
        for scam_type, answered, correct in rows.annotate(a=Sum("answered"), c=Sum("correct")).order_by():
            found[scam_type] = found[scam_type] + Measures(answered=answered, correct=correct)
    lines = PaperTallyLine.objects.using(settings.REPORTS_DATABASE).filter(filters.condition("tally__activity__"))
    for scam_type, answered, correct in (
        lines.values_list("question__scam_type").annotate(a=Sum("tally__sheets"), c=Sum("correct")).order_by()
    ):
        found[scam_type] = found[scam_type] + Measures(answered=answered, correct=correct)
    return dict(found)


def worst_answered(scam_rows, count=WORST_SHOWN):
    """The `count` scam-type rows (of the report's scam_type breakdown) whose questions were
    answered worst, among those with at least FEW_ANSWERS answers: lowest rate first."""
    judged = [row for row in scam_rows if row.measures.answered >= FEW_ANSWERS]
    return sorted(judged, key=lambda row: (row.measures.rate, -row.measures.answered, row.key))[:count]


@dataclass
class BeforeAfter:
    before: Measures
    after: Measures
    start: datetime.date
    end: datetime.date

    @property
    def comparable(self):
        return self.before.answered >= FEW_ANSWERS and self.after.answered >= FEW_ANSWERS

    @property
    def change(self):
        """Percentage points the rate moved, when both sides have enough answers."""
        return round(self.after.rate - self.before.rate, 1) if self.comparable else None


BEFORE_DAYS = 30


def before_after(campaign, today):
    """知晓率 of the campaign's lead unit and the units under it in the BEFORE_DAYS days
    before the campaign started (every quiz they took, whatever the campaign) against from
    its start until today (during and after it): ten queries."""
    from .summary import ReportFilters  # summary imports this module

    start = campaign.start
    end = today
    sides = []
    before = (start - datetime.timedelta(days=BEFORE_DAYS), start - datetime.timedelta(days=1))
    for first, last in (before, (start, end)):
        if last < first:
            sides.append(Measures())
            continue
        filters = ReportFilters(start=first, end=last, unit=campaign.lead_unit)
        sides.append(read(filters).by().get("", Measures()))
    return BeforeAfter(before=sides[0], after=sides[1], start=start, end=end)
