"""Bulk import of activities from a spreadsheet: CSV (UTF-8 with or without BOM, or the
GBK/GB18030 that Excel in China saves) or XLSX.

Columns: date, end_date, org_unit, activity_type, title, campaign, location, audiences,
scam_types, notes, ref, then one column per active indicator code. All or nothing: a
file with any bad row writes nothing, and every problem is reported with the row number
a spreadsheet user sees (the header is row 1). Importing the same file twice never
doubles a figure: a row whose ref, or (without a ref) whose unit, date, type and title,
match an existing activity is refused as already imported.
"""

import csv
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from organisations.models import OrgUnit
from organisations.roles import Roles
from scams.models import ScamType

from .models import Activity, ActivityEvent, ActivityType, AudienceGroup, Campaign, Figure, Indicator, counted_changed

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
STATUSES = [Activity.Status.DRAFT, Activity.Status.SUBMITTED, Activity.Status.APPROVED]
MAX_LENGTHS = {"title": 200, "location": 200, "ref": 60}
XLSX_MAGIC = b"PK\x03\x04"
OLD_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
LIST_SEPARATOR = re.compile(r"[;\uff1b]")  # also the full-width semicolon of a Chinese IME
DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", re.ASCII)
WHOLE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+", re.ASCII)
WRITE_BATCH = 1000


@dataclass
class RowError:
    row: int  # 1-based spreadsheet row; 0 for whole-file problems
    column: str  # column name, or "" for whole-row/whole-file problems
    message: str

    def __str__(self):
        if self.row == 0:
            return self.message
        if self.column:
            where = gettext("row %(row)s, %(column)s") % {"row": self.row, "column": self.column}
        else:
            where = gettext("row %(row)s") % {"row": self.row}
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    rows: int  # data rows read
    created: int  # activities written (0 on dry run or error)
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def import_activities(
    data: bytes, filename: str, user, *, status: str = "draft", dry_run: bool = False
) -> ImportReport:
    """Check every row of the file and, only if all are good (and not a dry run), write them."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    report = ImportReport(rows=0, created=0, dry_run=dry_run)
    try:
        table = _read_table(data, filename)
    except _Invalid as problem:
        report.errors.append(RowError(0, "", str(problem)))
        return report

    checker = _Checker(user, status)
    names = checker.header(table[0])
    records = [(number, cells) for number, cells in enumerate(table[1:], start=2) if any(map(_text, cells))]
    report.rows = len(records)
    if not records:
        checker.error(0, "", gettext("the file has no data rows"))
    if not records or not set(REQUIRED_COLUMNS) <= set(names):
        # Without the required columns every row would repeat the same complaint.
        report.errors = sorted(checker.errors, key=lambda error: error.row)
        return report
    rows = [checker.row(number, names, cells) for number, cells in records]
    checker.find_duplicates(rows)

    try:
        with transaction.atomic():
            if not dry_run and not checker.errors:
                _lock_units({row.unit.pk for row in rows if row.unit})
            checker.find_already_imported(rows)
            if not checker.errors and not dry_run:
                report.created = _write(rows, user, status, filename)
                transaction.on_commit(counted_changed)
    except IntegrityError:
        # Only a concurrent writer of the same refs gets here (say, someone saving an
        # activity with that ref in the form): the check above passed, then the unique
        # constraint caught it. The transaction rolled back, so nothing was written.
        checker.error(
            0,
            "",
            gettext("another import or edit changed the same units meanwhile; nothing was written, please try again"),
        )
    report.errors = sorted(checker.errors, key=lambda error: error.row)
    return report


def template_csv() -> bytes:
    """The header and one example row, as UTF-8 with a BOM so that Excel opens it correctly."""
    header, example = _template_rows()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow("" if value is None else value for value in example)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The same header and example on the first sheet; a second sheet lists the valid codes."""
    header, example = _template_rows()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "activities"
    sheet.append(header)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(12, len(cell.value) + 2)
    sheet.column_dimensions["E"].width = 36  # title
    sheet.freeze_panes = "A2"

    codes = workbook.create_sheet("codes")
    codes.append(["column", "code", "name_zh", "name_en", "unit_zh", "unit_en"])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    for kind in ActivityType.objects.filter(active=True):
        codes.append(["activity_type", kind.code, kind.name_zh, kind.name_en])
    for audience in AudienceGroup.objects.filter(active=True):
        codes.append(["audiences", audience.code, audience.name_zh, audience.name_en])
    for scam in ScamType.objects.published().order_by("slug"):
        codes.append(["scam_types", scam.slug, scam.name_zh, scam.name_en])
    for indicator in Indicator.objects.filter(active=True):
        codes.append(
            [indicator.code, indicator.code, indicator.name_zh, indicator.name_en, indicator.unit_zh, indicator.unit_en]
        )
    for letter, width in zip("ABCDEF", (16, 28, 24, 32, 10, 16), strict=True):
        codes.column_dimensions[letter].width = width

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Invalid(Exception):
    """A value or file that cannot be read; the message is shown to the user."""


def _read_table(data, filename):
    """All rows of the file as lists of cell values; the first is the header."""
    if data.startswith(XLSX_MAGIC):
        table = _read_xlsx(data)
    elif data.startswith(OLD_XLS_MAGIC):
        raise _Invalid(gettext("old .xls workbooks cannot be read; save the file as .xlsx or CSV"))
    elif filename.lower().endswith(".xlsx"):
        raise _Invalid(gettext("the file is named .xlsx but is not an Excel workbook"))
    else:
        table = _read_csv(data)
    if not table or not any(map(_text, table[0])):
        raise _Invalid(gettext("the first row must hold the column names"))
    return table


def _read_csv(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _Invalid(gettext("the file is neither UTF-8 nor GBK/GB18030 text"))
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise _Invalid(gettext("the file is not valid CSV: %(error)s") % {"error": error}) from None


def _read_xlsx(data):
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or foreign zip fails in many ways; all mean the same to the user
        raise _Invalid(gettext("the Excel file cannot be read; is it a valid .xlsx workbook?")) from None
    try:
        if not workbook.worksheets:
            raise _Invalid(gettext("the Excel file has no worksheet"))
        sheet = workbook.worksheets[0]
        # Some programs record a wrong used range; read whatever rows are really there.
        sheet.reset_dimensions()
        return [list(cells) for cells in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    return str(value).strip()


def _parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    match = DATE.fullmatch(text)
    if not match:
        raise _Invalid(gettext("'%(value)s' is not a date; write YYYY-MM-DD") % {"value": text})
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        raise _Invalid(gettext("there is no date %(value)s") % {"value": text}) from None


def _parse_figure(value):
    """A non-negative whole number, or None for a blank cell (not recorded)."""
    if isinstance(value, bool):
        raise _Invalid(gettext("'%(value)s' is not a number") % {"value": value})
    if isinstance(value, float):
        if not value.is_integer():
            raise _Invalid(gettext("%(value)s is not a whole number") % {"value": value})
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        # NFKC turns full-width digits and commas, as typed with a Chinese IME, into ASCII.
        text = unicodedata.normalize("NFKC", _text(value))
        if not text:
            return None
        if not WHOLE_NUMBER.fullmatch(text):
            raise _Invalid(_figure_problem(text))
        number = int(text.replace(",", ""))
    if number < 0:
        raise _Invalid(gettext("%(value)s is negative") % {"value": number})
    if number > Figure.MAX_VALUE:
        raise _Invalid(gettext("%(value)s is too large to be a real figure") % {"value": number})
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


def _codes(value):
    """'a; b;c' → ['a', 'b', 'c'], without blanks or repeats."""
    return list(dict.fromkeys(code.strip() for code in LIST_SEPARATOR.split(_text(value)) if code.strip()))


@dataclass
class _Row:
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


class _Checker:
    """Reads rows into _Row objects, collecting every problem; lookups are loaded once per file."""

    def __init__(self, user, status):
        self.roles = Roles(user)
        self.approve = status == Activity.Status.APPROVED
        self.today = timezone.localdate()
        self.errors = []
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
        self.errors.append(RowError(row, column, message % values if values else message))

    def header(self, cells):
        """Column names by position; None where a column has no name."""
        names = []
        for position, cell in enumerate(cells):
            name = _text(cell).lstrip("\ufeff").strip().lower()
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

    def row(self, number, names, cells):
        values = {}
        for position, cell in enumerate(cells):
            name = names[position] if position < len(names) else None
            if name is not None:
                values[name] = cell
            elif _text(cell):
                letter = get_column_letter(position + 1)
                self.error(number, "", gettext("column %(letter)s has a value but no column name"), letter=letter)
        row = _Row(number)
        row.unit = self._unit(number, _text(values.get("org_unit")))
        row.activity_type = self._activity_type(number, _text(values.get("activity_type")))
        row.title = self._limited(number, "title", values.get("title"), required=True)
        row.location = self._limited(number, "location", values.get("location"))
        row.ref = self._limited(number, "ref", values.get("ref"))
        row.notes = _text(values.get("notes"))
        row.campaign = self._campaign(number, _text(values.get("campaign")))
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
        row.audiences = [self._audience(number, code) for code in _codes(values.get("audiences"))]
        row.scam_types = [self._scam_type(number, slug) for slug in _codes(values.get("scam_types"))]
        for code, value in values.items():
            if code not in COLUMNS and code in self.indicators and self.indicators[code].active:
                try:
                    figure = _parse_figure(value)
                except _Invalid as problem:
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
        if self.approve and not self.roles.can_review(unit):
            return gettext("you may not approve activities of unit '%(code)s'") % {"code": unit.code}
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
        text = _text(value)
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
        if not _text(value):
            if required:
                self.error(number, column, gettext("%(column)s is required"), column=column)
            return None
        try:
            date = _parse_date(value)
        except _Invalid as problem:
            self.error(number, column, str(problem))
            return None
        if date > self.today:
            self.error(number, column, gettext("%(date)s is in the future"), date=date)
            return None
        return date


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _lock_units(unit_pks):
    """Make concurrent imports into the same units take turns (PostgreSQL), so that the
    already-imported check below sees the other import's rows. NO KEY UPDATE leaves
    ordinary inserts referring to these units unblocked."""
    list(OrgUnit.objects.select_for_update(no_key=True).filter(pk__in=unit_pks).order_by("pk").values_list("pk"))


def _write(rows, user, status, filename):
    now = timezone.now()
    reviewed = status == Activity.Status.APPROVED
    activities = Activity.objects.bulk_create(
        [
            Activity(
                unit=row.unit,
                campaign=row.campaign,
                activity_type=row.activity_type,
                title=row.title,
                date=row.date,
                end_date=row.end_date,
                location=row.location,
                notes=row.notes,
                ref=row.ref,
                status=status,
                created_by=user,
                created_at=now,
                updated_by=user,
                updated_at=now,
                reviewed_by=user if reviewed else None,
                reviewed_at=now if reviewed else None,
            )
            for row in rows
        ],
        batch_size=WRITE_BATCH,
    )
    pairs = list(zip(activities, rows, strict=True))
    Figure.objects.bulk_create(
        [
            Figure(activity_id=activity.pk, indicator_id=indicator.pk, value=value)
            for activity, row in pairs
            for indicator, value in row.figures.items()
        ],
        batch_size=WRITE_BATCH,
    )
    Activity.audiences.through.objects.bulk_create(
        [
            Activity.audiences.through(activity_id=activity.pk, audiencegroup_id=audience.pk)
            for activity, row in pairs
            for audience in row.audiences
        ],
        batch_size=WRITE_BATCH,
    )
    Activity.scam_types.through.objects.bulk_create(
        [
            Activity.scam_types.through(activity_id=activity.pk, scamtype_id=scam.pk)
            for activity, row in pairs
            for scam in row.scam_types
        ],
        batch_size=WRITE_BATCH,
    )
    ActivityEvent.objects.bulk_create(
        [
            ActivityEvent(
                activity_id=activity.pk,
                actor=user,
                at=now,
                action=ActivityEvent.Action.IMPORTED,
                changes=[],
                reason=f"import: {filename}",
            )
            for activity in activities
        ],
        batch_size=WRITE_BATCH,
    )
    return len(activities)


# An example a unit can overwrite: a class meeting at a school. Codes the database
# lacks (an administrator may have retired them) are left out.
EXAMPLE = {
    "end_date": "",
    "org_unit": "your-unit-code",
    "activity_type": "class_meeting",
    "title": "“防范电信网络诈骗”主题班会",
    "campaign": "",
    "location": "初二（3）班教室",
    "audiences": "students;teachers",
    "scam_types": "order-brushing;game-trading",
    "notes": "",
    "ref": "001",
}
EXAMPLE_FIGURES = {"participants": 48, "materials": 48, "commitments": 45, "receipts": 45, "sessions": 1}


def _template_rows():
    indicators = list(Indicator.objects.filter(active=True).values_list("code", flat=True))
    types = list(ActivityType.objects.filter(active=True).values_list("code", flat=True))
    audiences = set(AudienceGroup.objects.filter(active=True).values_list("code", flat=True))
    scams = set(ScamType.objects.values_list("slug", flat=True))
    example = dict(EXAMPLE, date=timezone.localdate())
    if example["activity_type"] not in types:
        example["activity_type"] = types[0] if types else ""
    example["audiences"] = ";".join(code for code in _codes(example["audiences"]) if code in audiences)
    example["scam_types"] = ";".join(slug for slug in _codes(example["scam_types"]) if slug in scams)
    header = COLUMNS + indicators
    values = [example[name] for name in COLUMNS] + [EXAMPLE_FIGURES.get(code) for code in indicators]
    return header, values
