"""Bulk import of activities from a spreadsheet: CSV (UTF-8 with or without BOM, or the
GBK/GB18030 that Excel in China saves) or XLSX.

Columns: date, end_date, org_unit, activity_type, title, campaign, location, audiences,
scam_types, notes, ref, then one column per active indicator code. All or nothing: a
file with any bad row writes nothing, and every problem is reported with the row number
a spreadsheet user sees (the header is row 1). Importing the same file twice never
doubles a figure: a row whose ref, or (without a ref) whose unit, date, type and title,
match an existing activity is refused as already imported.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from campaigns.models import Activity, counted_changed

from .check import COLUMNS, REQUIRED_COLUMNS, Checker, RowError
from .read import Unreadable, cell_text, read_table
from .template import template_csv, template_xlsx
from .write import lock_units, write_rows

STATUSES = [Activity.Status.DRAFT, Activity.Status.SUBMITTED, Activity.Status.APPROVED]

__all__ = ["COLUMNS", "STATUSES", "ImportReport", "RowError", "import_activities", "template_csv", "template_xlsx"]


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
        table = read_table(data, filename)
    except Unreadable as problem:
        report.errors.append(RowError(0, "", str(problem)))
        return report

    checker = Checker(user, status)
    names = checker.header(table[0])
    records = [(number, cells) for number, cells in enumerate(table[1:], start=2) if any(map(cell_text, cells))]
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
                lock_units({row.unit.pk for row in rows if row.unit})
            checker.find_already_imported(rows)
            if not checker.errors and not dry_run:
                report.created = write_rows(rows, user, status, filename)
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
