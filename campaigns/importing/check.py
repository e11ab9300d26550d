"""Checking rows of an activity spreadsheet: every problem is collected with the row
number a spreadsheet user sees (the header is row 1) and the column it is in."""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext
from openpyxl.utils import get_column_letter

from campaigns.models import Activity, ActivityType, AudienceGroup, Campaign, Figure, Indicator, OrgUnit
from campaigns.org.roles import Roles
from scams.models import ScamType

from .problems import Problems
from .read import Unreadable, cell_text

COLUMNS = [
    "date",
    "end_date",
    "org_unit",
    "activity_type",
    "title",
    "campaign",
    "location",
    "audiences",
    "scam_types",
    "notes",
    "ref",
]
REQUIRED_COLUMNS = ["date", "org_unit", "activity_type", "title"]
MAX_LENGTHS = {"title": 200, "location": 200, "ref": 60}
LIST_SEPARATOR = re.compile(r"[;\uff1b]")  # also the full-width semicolon of a Chinese IME
DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", re.ASCII)
WHOLE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+", re.ASCII)


def _parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    match = DATE.fullmatch(text)
    if not match:
        raise Unreadable(gettext("'%(value)s' is not a date; write YYYY-MM-DD") % {"value": text})
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        raise Unreadable(gettext("there is no date %(value)s") % {"value": text}) from None


def parse_figure(value):
    """A non-negative whole number, or None for a blank cell (not recorded)."""
    if isinstance(value, bool):
        raise Unreadable(gettext("'%(value)s' is not a number") % {"value": value})
    if isinstance(value, float):
        if not value.is_integer():
            raise Unreadable(gettext("%(value)s is not a whole number") % {"value": value})
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        # NFKC turns full-width digits and commas, as typed with a Chinese IME, into ASCII.
        text = unicodedata.normalize("NFKC", cell_text(value))
        if not text:
            return None
        if not WHOLE_NUMBER.fullmatch(text):
            raise Unreadable(_figure_problem(text))
        digits = text.replace(",", "").lstrip("0") or "0"
        if len(digits) > len(str(Figure.MAX_VALUE)):
            # int() refuses more than 4,300 digits with a ValueError: never ask it.
            raise Unreadable(gettext("%(value)s is too large to be a real figure") % {"value": text})
        number = int(digits)
    if number < 0:
        raise Unreadable(gettext("%(value)s is negative") % {"value": number})
    if number > Figure.MAX_VALUE:
        raise Unreadable(gettext("%(value)s is too large to be a real figure") % {"value": number})
    return number


def _figure_problem(text):
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        return gettext("'%(value)s' is not a number") % {"value": text}
    if number < 0:
        return gettext("%(value)s is negative") % {"value": text}
    if number != number.to_integral_value():
        return gettext("%(value)s is not a whole number") % {"value": text}
    return gettext("write '%(value)s' as digits, like 1200 or 1,200") % {"value": text}


def codes(value):
    """'a; b;c' → ['a', 'b', 'c'], without blanks or repeats."""
    return list(dict.fromkeys(code.strip() for code in LIST_SEPARATOR.split(cell_text(value)) if code.strip()))


@dataclass(slots=True)
class Row:
    number: int
    unit: OrgUnit | None = None
    activity_type: ActivityType | None = None
    campaign: Campaign | None = None
    title: str | None = ""  # None: the cell was unusable
    date: datetime.date | None = None
    end_date: datetime.date | None = None
    location: str = ""
    notes: str = ""
    ref: str | None = ""
    audiences: list = field(default_factory=list)
    scam_types: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)  # Indicator → value

    @property
    def natural_key(self):
        """What identifies an activity without a ref, once its parts are known."""
        if self.unit and self.activity_type and self.date and self.title:
            return (self.unit.pk, self.date, self.activity_type.pk, self.title)
        return None


class Checker:
    """Reads rows into Row objects, collecting their problems; lookups are loaded once per file."""

    def __init__(self, user):
        self.roles = Roles(user)
        self.today = timezone.localdate()
        self.problems = Problems()
        self.units = {unit.code: unit for unit in OrgUnit.objects.all()}
        self.types = {kind.code: kind for kind in ActivityType.objects.all()}
        self.audiences = {audience.code: audience for audience in AudienceGroup.objects.all()}
        self.scam_types = {scam.slug: scam for scam in ScamType.objects.published().only("pk", "slug").order_by()}
        self.indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
        self.campaigns = {}
        # Only campaigns the importer may see: a foreign campaign's name reads as unknown.
        for campaign in Campaign.objects.visible_to(self.roles):
            for name in {campaign.name_zh, campaign.name_en} - {""}:
                self.campaigns.setdefault(name, []).append(campaign)
        self.unit_problems = {}  # unit pk → message or None; permissions are the same on every row

    def error(self, row, column, message, /, **values):
        """Record a problem; `values` fill the message's %(name)s placeholders."""
        self.problems.add(row, column, message % values if values else message)

    def header(self, cells):
        """Column names by position; None where a column has no name."""
        names = []
        for position, cell in enumerate(cells):
            name = cell_text(cell).lstrip("\ufeff").strip().lower()
            if not name:
                names.append(None)
                continue
            indicator = self.indicators.get(name)
            if name in names:
                self.error(1, name, gettext("column '%(name)s' appears twice"), name=name)
            elif indicator is not None and not indicator.active:
                self.error(1, name, gettext("indicator '%(name)s' is no longer in use"), name=name)
            elif name not in COLUMNS and indicator is None:
                letter = get_column_letter(position + 1)
                self.error(1, name, gettext("unknown column '%(name)s' (column %(letter)s)"), name=name, letter=letter)
            names.append(name)
        for name in REQUIRED_COLUMNS:
            if name not in names:
                self.error(1, name, gettext("required column '%(name)s' is missing"), name=name)
        return names

    def rows(self, table, names):
        """Check the rows of `table` as they are read, stopping early once so many are
        bad that the file is clearly not the template."""
        rows = []
        for number, cells in table:
            rows.append(self.row(number, names, cells))
            if self.problems.too_many_bad_rows:
                self.problems.stop(number)
                break
        return rows

    def row(self, number, names, cells):
        values = {}
        for position, cell in enumerate(cells):
            name = names[position] if position < len(names) else None
            if name is not None:
                values[name] = cell
            elif cell_text(cell):
                letter = get_column_letter(position + 1)
                self.error(number, "", gettext("column %(letter)s has a value but no column name"), letter=letter)
        row = Row(number)
        row.unit = self._unit(number, cell_text(values.get("org_unit")))
        row.activity_type = self._activity_type(number, cell_text(values.get("activity_type")))
        row.title = self._limited(number, "title", values.get("title"), required=True)
        row.location = self._limited(number, "location", values.get("location"))
        row.ref = self._limited(number, "ref", values.get("ref"))
        row.notes = cell_text(values.get("notes"))
        row.campaign = self._campaign(number, cell_text(values.get("campaign")))
        row.date = self._date(number, "date", values.get("date"), required=True)
        row.end_date = self._date(number, "end_date", values.get("end_date"))
        if row.date and row.end_date and row.end_date < row.date:
            self.error(
                number,
                "end_date",
                gettext("the end date %(end)s is before the date %(start)s"),
                end=row.end_date,
                start=row.date,
            )
        row.audiences = [self._audience(number, code) for code in codes(values.get("audiences"))]
        row.scam_types = [self._scam_type(number, slug) for slug in codes(values.get("scam_types"))]
        for code, value in values.items():
            if code not in COLUMNS and code in self.indicators and self.indicators[code].active:
                if self.indicators[code].computed:
                    if cell_text(value):
                        self.error(number, code, gettext("this figure is computed by the app and cannot be imported"))
                    continue
                try:
                    figure = parse_figure(value)
                except Unreadable as problem:
                    self.error(number, code, str(problem))
                    continue
                if figure is not None:
                    row.figures[self.indicators[code]] = figure
        return row

    def find_duplicates(self, rows):
        by_ref, by_key = {}, {}
        for row in rows:
            if row.unit and row.ref:
                first = by_ref.setdefault((row.unit.pk, row.ref), row.number)
                if first != row.number:
                    self.error(
                        row.number, "ref", gettext("ref '%(ref)s' is also on row %(first)s"), ref=row.ref, first=first
                    )
            elif row.ref == "" and row.natural_key:
                first = by_key.setdefault(row.natural_key, row.number)
                if first != row.number:
                    self.error(row.number, "", gettext("same unit, date, type and title as row %(first)s"), first=first)

    def find_already_imported(self, rows):
        with_ref = [row for row in rows if row.unit and row.ref]
        taken = set()
        for batch in _batches(with_ref, 500):
            taken.update(
                Activity.objects.filter(
                    unit__in={row.unit.pk for row in batch}, ref__in={row.ref for row in batch}
                ).values_list("unit_id", "ref")
            )
        for row in with_ref:
            if (row.unit.pk, row.ref) in taken:
                self.error(
                    row.number,
                    "ref",
                    gettext("ref '%(ref)s' already imported for unit %(unit)s"),
                    ref=row.ref,
                    unit=row.unit.code,
                )

        without_ref = [row for row in rows if row.ref == "" and row.natural_key]
        if not without_ref:
            return
        dates = [row.date for row in without_ref]
        existing = set(
            Activity.objects.filter(
                unit__in={row.unit.pk for row in without_ref}, date__range=(min(dates), max(dates))
            ).values_list("unit_id", "date", "activity_type_id", "title")
        )
        for row in without_ref:
            if row.natural_key in existing:
                self.error(
                    row.number,
                    "",
                    gettext("already imported: an activity with this unit, date, type and title exists"),
                )

    def _unit(self, number, code):
        if not code:
            self.error(number, "org_unit", gettext("%(column)s is required"), column="org_unit")
            return None
        unit = self.units.get(code)
        if unit is None or not self.roles.can_log(unit):
            # One message for both, so an import cannot probe which codes exist elsewhere.
            self.error(number, "org_unit", gettext("unknown unit '%(code)s', or not one of yours"), code=code)
            return None
        if unit.pk not in self.unit_problems:
            self.unit_problems[unit.pk] = self._unit_problem(unit)
        if self.unit_problems[unit.pk]:
            self.error(number, "org_unit", self.unit_problems[unit.pk])
            return None
        return unit

    def _unit_problem(self, unit):
        if not unit.active:
            return gettext("unit '%(code)s' is inactive") % {"code": unit.code}
        return None

    def _activity_type(self, number, code):
        kind = self.types.get(code)
        if not code:
            self.error(number, "activity_type", gettext("%(column)s is required"), column="activity_type")
        elif kind is None:
            self.error(number, "activity_type", gettext("unknown activity type '%(code)s'"), code=code)
        elif not kind.active:
            self.error(number, "activity_type", gettext("activity type '%(code)s' is no longer in use"), code=code)
        else:
            return kind
        return None

    def _audience(self, number, code):
        audience = self.audiences.get(code)
        if audience is None:
            self.error(number, "audiences", gettext("unknown audience group '%(code)s'"), code=code)
        elif not audience.active:
            self.error(number, "audiences", gettext("audience group '%(code)s' is no longer in use"), code=code)
        else:
            return audience
        return None

    def _scam_type(self, number, slug):
        scam = self.scam_types.get(slug)
        if scam is None:
            self.error(number, "scam_types", gettext("unknown scam type '%(slug)s'"), slug=slug)
        return scam

    def _campaign(self, number, name):
        if not name:
            return None
        matches = self.campaigns.get(name, [])
        if not matches:
            self.error(number, "campaign", gettext("unknown campaign '%(name)s'"), name=name)
            return None
        if len(matches) > 1:
            self.error(
                number, "campaign", gettext("'%(name)s' names several campaigns; use the Chinese name"), name=name
            )
            return None
        return matches[0]

    def _limited(self, number, column, value, required=False):
        text = cell_text(value)
        if required and not text:
            self.error(number, column, gettext("%(column)s is required"), column=column)
        elif len(text) > MAX_LENGTHS[column]:
            self.error(
                number,
                column,
                gettext("longer than %(limit)s characters (%(length)s)"),
                limit=MAX_LENGTHS[column],
                length=len(text),
            )
            return None  # unknown rather than wrong, so that duplicate checks leave the row alone
        return text

    def _date(self, number, column, value, required=False):
        if not cell_text(value):
            if required:
                self.error(number, column, gettext("%(column)s is required"), column=column)
            return None
        try:
            date = _parse_date(value)
        except Unreadable as problem:
            self.error(number, column, str(problem))
            return None
        if date > self.today:
            self.error(number, column, gettext("%(date)s is in the future"), date=date)
            return None
        return date


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
