"""Bulk import of activities from a spreadsheet: CSV (UTF-8 with or without BOM, or the
GBK/GB18030 that Excel in China saves) or XLSX.

Columns: date, end_date, org_unit, activity_type, title, campaign, location, audiences,
scam_types, notes, ref, then one column per active indicator code. All or nothing: a
file with any bad row writes nothing, and its problems are reported with the row number
a spreadsheet user sees (the header is row 1): the first 200 listed, the rest counted.
Files are read within the limits in read.py. Importing the same file twice never
doubles a figure: a row whose ref, or (without a ref) whose unit, date, type and title,
match an existing activity is refused as already imported. Importing as approved is for
administrators loading historic records.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from campaigns.models import Activity, counted_changed
from campaigns.org.roles import Roles

from .check import COLUMNS, REQUIRED_COLUMNS, Checker
from .problems import RowError
from .read import Unreadable, read_rows
from .template import template_csv, template_xlsx
from .write import lock_units, write_rows

STATUSES = [Activity.Status.DRAFT, Activity.Status.SUBMITTED, Activity.Status.APPROVED]

__all__ = ["COLUMNS", "STATUSES", "ImportReport", "RowError", "import_activities", "template_csv", "template_xlsx"]


@dataclass
class ImportReport:
    rows: int  # data rows read
    created: int  # activities written (0 on dry run or error)
    errors: list[RowError] = field(default_factory=list)  # the first problems, by row
    problems: int = 0  # every problem found, shown in `errors` or not
    dry_run: bool = False
    and_more: str = ""  # "… and 49,800 more problems" when not all are in `errors`

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
    if status == Activity.Status.APPROVED and not Roles(user).can_import_approved():
        report.errors.append(RowError(0, "", refused_approved_import()))
        report.problems = 1
        return report

    checker = Checker(user)
    rows = _check(checker, read_rows(data, filename))
    if rows is not None:
        report.rows = len(rows)
        checker.find_duplicates(rows)
        try:
            with transaction.atomic():
                if not dry_run and not checker.problems:
                    lock_units({row.unit.pk for row in rows if row.unit})
                checker.find_already_imported(rows)
                if not checker.problems and not dry_run:
                    report.created = write_rows(rows, user, status, filename)
                    transaction.on_commit(counted_changed)
        except IntegrityError:
            # Only a concurrent writer of the same refs gets here (say, someone saving an
            # activity with that ref in the form): the check above passed, then the unique
            # constraint caught it. The transaction rolled back, so nothing was written.
            checker.error(
                0,
                "",
                gettext(
                    "another import or edit changed the same units meanwhile; nothing was written, please try again"
                ),
            )
    report.errors = checker.problems.shown
    report.problems = checker.problems.count
    report.and_more = checker.problems.and_more()
    return report


def _check(checker, table):
    """The rows of the table, checked as they are read; None when there is nothing more
    worth checking: the file could not be read to the end, or is not the template."""
    try:
        _number, header = next(table)
        names = checker.header(header)
        if not set(REQUIRED_COLUMNS) <= set(names):
            # Without the required columns every row would repeat the same complaint.
            return None
        rows = checker.rows(table, names)
    except Unreadable as problem:
        checker.error(problem.row, problem.column, str(problem))
        return None
    if checker.problems.too_many_bad_rows:
        return None
    if not rows:
        checker.error(0, "", gettext("the file has no data rows"))
        return None
    return rows


def refused_approved_import():
    return gettext(
        "only an administrator may import activities as approved, to load historic records; "
        "import them as drafts or submitted for review"
    )
