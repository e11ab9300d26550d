"""Import of monthly case statistics: month,org_unit,scam_type,cases,losses.

The same readers as the activity import (CSV in UTF-8 or GBK, or XLSX). All or nothing:
a file with any bad row writes nothing, and every problem is named with the row a
spreadsheet user sees (the header is row 1) and its column. Importing a month, unit and
scam type again replaces its figures: a corrected file is simply imported again.
Only reviewers (on the unit or above it) and administrators import case figures.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from campaigns.models import CaseStat, OrgUnit, counted_changed
from campaigns.org.roles import Roles
from campaigns.reports import summary_tables
from scams.models import ScamType

from .check import parse_figure
from .problems import Problems, RowError
from .read import Unreadable, cell_text, read_rows

COLUMNS = ["month", "org_unit", "scam_type", "cases", "losses"]
MAX_CASES = 2**31 - 1  # what the cases column holds; losses go up to the importer's figure limit
MONTH = re.compile(r"(\d{4})[-/年](\d{1,2})月?", re.ASCII)


@dataclass
class CaseImportReport:
    rows: int  # data rows read
    created: int = 0  # month, unit and type written for the first time
    replaced: int = 0  # written over figures imported before
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    number: int
    month: datetime.date | None = None
    unit: OrgUnit | None = None
    scam_type: ScamType | None = None
    cases: int | None = None
    losses: int | None = None

    @property
    def key(self):
        if self.month and self.unit and self.scam_type:
            return (self.unit.pk, self.month, self.scam_type.pk)
        return None


class _Problems(Problems):
    """The shared bounded report of problems, taking RowErrors as they are found."""

    def append(self, error):
        self.add(error.row, error.column, error.message)

    def listed(self):
        return [*self.shown, RowError(0, "", self.and_more())] if self.unshown else list(self.shown)


def may_import_cases(roles):
    """Case figures are entered by those who review a unit's work, not by its staff."""
    return roles.is_reviewer


def import_cases(data: bytes, filename: str, user, *, dry_run: bool = False) -> CaseImportReport:
    report = CaseImportReport(rows=0, dry_run=dry_run)
    try:
        # Bounded by the limits every import shares (read.py), so the rows may be listed.
        table = list(read_rows(data, filename))
    except Unreadable as problem:
        report.errors.append(RowError(problem.row, problem.column, str(problem)))
        return report
    if not table:
        report.errors.append(RowError(0, "", gettext("the first row must hold the column names")))
        return report

    errors = _Problems()
    names = _header(table[0][1], errors)
    records = table[1:]
    report.rows = len(records)
    if not records:
        errors.append(RowError(0, "", gettext("the file has no data rows")))
    if errors:
        report.errors = errors.listed()
        return report

    lookups = _Lookups(user)
    rows, first_row = [], {}
    for number, cells in records:
        row = _read_row(number, dict(zip(names, cells, strict=False)), lookups, errors)
        if row.key is not None:
            first = first_row.setdefault(row.key, number)
            if first != number:
                errors.append(
                    RowError(number, "", gettext("same month, unit and scam type as row %(first)s") % {"first": first})
                )
        rows.append(row)
        if errors.too_many_bad_rows:
            break
    if errors:
        report.errors = errors.listed()
        return report

    with transaction.atomic():
        existing = _existing_keys(rows)
        report.replaced = sum(1 for row in rows if row.key in existing)
        report.created = len(rows) - report.replaced
        if not dry_run:
            _write(rows, user)
            summary_tables.moved_on()  # reports cache case figures with the activities'
            transaction.on_commit(counted_changed)
    return report


def _header(cells, errors):
    names = [cell_text(cell).lstrip("\ufeff").strip().lower() for cell in cells]
    for position, name in enumerate(names):
        if name and name not in COLUMNS:
            errors.append(RowError(1, name, gettext("unknown column '%(name)s'") % {"name": name}))
        elif name and name in names[:position]:
            errors.append(RowError(1, name, gettext("column '%(name)s' appears twice") % {"name": name}))
    for name in COLUMNS:
        if name not in names:
            errors.append(RowError(1, name, gettext("required column '%(name)s' is missing") % {"name": name}))
    return names


class _Lookups:
    """Everything a row is checked against, read once per file."""

    def __init__(self, user):
        self.roles = Roles(user)
        self.this_month = timezone.localdate().replace(day=1)
        self.units = {unit.code: unit for unit in OrgUnit.objects.all()}
        self.scam_types = {scam.slug: scam for scam in ScamType.objects.published().only("pk", "slug").order_by()}


def _read_row(number, values, lookups, errors):
    def error(where, message, /, **params):
        errors.append(RowError(number, where, message % params if params else message))

    row = _Row(number)
    row.month = _month(values.get("month"), lookups, error)

    code = cell_text(values.get("org_unit"))
    unit = lookups.units.get(code)
    if not code:
        error("org_unit", gettext("%(column)s is required"), column="org_unit")
    elif unit is None or not lookups.roles.can_review(unit):
        # One message for both, so an import cannot probe which codes exist elsewhere.
        error("org_unit", gettext("unknown unit '%(code)s', or not one you review"), code=code)
    else:
        row.unit = unit

    slug = cell_text(values.get("scam_type"))
    if not slug:
        error("scam_type", gettext("%(column)s is required"), column="scam_type")
    elif slug not in lookups.scam_types:
        error("scam_type", gettext("unknown scam type '%(slug)s'"), slug=slug)
    else:
        row.scam_type = lookups.scam_types[slug]

    for column in ("cases", "losses"):
        try:
            value = parse_figure(values.get(column))
        except Unreadable as problem:
            error(column, str(problem))
            continue
        if value is None:
            error(column, gettext("%(column)s is required"), column=column)
        elif column == "cases" and value > MAX_CASES:
            error(column, gettext("%(value)s is too large to be a real figure"), value=value)
        else:
            setattr(row, column, value)
    return row


def _month(value, lookups, error):
    """YYYY-MM as typed (also YYYY/MM and 2026年3月), or a date cell Excel made of it."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        month = value.replace(day=1)
    else:
        text = cell_text(value)
        if not text:
            error("month", gettext("%(column)s is required"), column="month")
            return None
        match = MONTH.fullmatch(text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            error("month", gettext("'%(value)s' is not a month; write YYYY-MM"), value=text)
            return None
        month = datetime.date(int(match.group(1)), int(match.group(2)), 1)
    if month > lookups.this_month:
        error("month", gettext("%(month)s is in the future"), month=f"{month:%Y-%m}")
        return None
    return month


def _existing_keys(rows):
    months = {row.month for row in rows}
    return set(
        CaseStat.objects.filter(unit__in={row.unit.pk for row in rows}, month__in=months)
        .select_for_update()
        .values_list("unit_id", "month", "scam_type_id")
    )


def _write(rows, user):
    now = timezone.now()
    CaseStat.objects.bulk_create(
        [
            CaseStat(
                unit=row.unit,
                month=row.month,
                scam_type=row.scam_type,
                cases=row.cases,
                losses=row.losses,
                imported_by=user,
                imported_at=now,
            )
            for row in rows
        ],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["unit", "month", "scam_type"],
        update_fields=["cases", "losses", "imported_by", "imported_at"],
    )
