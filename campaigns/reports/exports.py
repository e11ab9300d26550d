"""The report as files: CSV, XLSX, PDF and DOCX, from the same Report object.

CSV and XLSX neutralise text that a spreadsheet would take for a formula. The XLSX's
activities sheet is written row by row from database iterators (openpyxl's write-only
mode), so memory stays flat, and lists at most MAX_LISTED_ACTIVITIES of them.
"""

import csv
import io
import tempfile
from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from campaigns.models import Activity, Figure, OrgUnit

from .summary import ACTIVITIES, SECTIONS

# Tables that must fit a screen or a printed page show the first few indicators that
# have figures; the spreadsheet formats have a column (or rows) for every active one.
NARROW_COLUMNS = {"page": 5, "pdf": 5, "docx": 4}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def neutralise(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def columns(report, file_format):
    """The indicators the breakdown tables of `file_format` ("page" for the web page)
    give a column, in their administrators' order."""
    if file_format not in NARROW_COLUMNS:
        return list(report.indicators)
    counted = [indicator for indicator in report.indicators if indicator.code in report.total.values]
    return counted[: NARROW_COLUMNS[file_format]]


def label_of(row, section):
    label = row.label
    if section == "month":
        return row.key
    if section == "org_unit" and row.own:
        return _("%(name)s (logged at this unit itself)") % {"name": label.t.name}
    return str(label.t.name) if hasattr(label, "t") else str(label)


def long_rows(report):
    """(section, group, indicator, value, group name, indicator name) for every group that
    has activities and every indicator that has a figure in it."""
    indicators = [(ACTIVITIES, _("Number of activities"))] + [
        (indicator.code, str(indicator.t.name)) for indicator in columns(report, "csv")
    ]
    groups = [("total", report.total, "")]
    for section in SECTIONS:
        groups.extend((section, row, label_of(row, section)) for row in report.breakdowns[section].rows)
    for section, row, group_name in groups:
        for code, name in indicators:
            if code == ACTIVITIES or code in row.values:
                yield (section, row.key, code, row.value(code), group_name, name)


def csv_chunks(report):
    """The long-form CSV, UTF-8 with a BOM so Excel shows Chinese, one line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    yield "\ufeff"
    header = ("section", "group", "indicator", "value", "group_label", "indicator_label")
    for row in [header, *long_rows(report)]:
        writer.writerow([neutralise(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def write_csv(report, stream):
    for chunk in csv_chunks(report):
        stream.write(chunk.encode("utf-8"))


def write_xlsx(report, stream):
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    shown = columns(report, "xlsx")
    codes = [indicator.code for indicator in shown]
    names = [str(indicator.t.name) for indicator in shown]

    def header(sheet, cells):
        row = []
        for text in cells:
            cell = WriteOnlyCell(sheet, value=neutralise(text))
            cell.font = bold
            row.append(cell)
        sheet.append(row)

    summary = workbook.create_sheet(_("Total"))
    header(summary, [_("Indicator"), _("Value")])
    summary.append([_("Number of activities"), report.total.activities])
    for code, name in zip(codes, names, strict=True):
        summary.append([neutralise(name), report.total.values.get(code, 0)])

    for section in SECTIONS:
        breakdown = report.breakdowns[section]
        sheet = workbook.create_sheet(str(SECTIONS[section]))
        if breakdown.overlapping:
            sheet.append([_("One activity can fall in several rows here: rows are not added up.")])
        header(sheet, [_("Code"), _("Name"), _("Number of activities"), *names])
        for row in breakdown.rows:
            sheet.append(
                [neutralise(row.key), neutralise(label_of(row, section)), row.activities]
                + [row.values.get(code, 0) for code in codes]
            )

    _activities_sheet(workbook, report, header, codes, names)

    definitions = workbook.create_sheet(_("Definitions"))
    header(definitions, [_("Code"), _("Name"), _("Counting unit"), _("Description")])
    definitions.append([ACTIVITIES, _("Number of activities"), "", _("Number of activities counted in the report.")])
    for indicator in report.indicators:
        definitions.append(
            [
                neutralise(indicator.code),
                neutralise(str(indicator.t.name)),
                neutralise(str(indicator.t.unit)),
                neutralise(str(indicator.t.description)),
            ]
        )
    definitions.append([])
    period = report.filters
    definitions.append([_("Period"), f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"])
    definitions.append(
        [_("Counted"), _("approved and submitted activities") if period.include_submitted else _("approved activities")]
    )
    with tempfile.TemporaryFile() as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            stream.write(chunk)


# The activities sheet lists at most this many. A spreadsheet row per activity suits a
# county's quarter (about a thousand); a national year has hundreds of thousands, takes
# minutes to write and is no list anyone reads: its figures are the other sheets.
MAX_LISTED_ACTIVITIES = 10_000


def _activities_sheet(workbook, report, header, codes, names):
    """One row per activity (the first MAX_LISTED_ACTIVITIES by id), with its unit's
    ancestors in columns, streamed from two database iterators walked side by side
    (activities and their figures, both by id)."""
    sheet = workbook.create_sheet(_("Activities"))
    depth = OrgUnit.objects.order_by("-depth").values_list("depth", flat=True).first() or 1
    header(
        sheet,
        [_("Id"), _("Date"), _("Title"), _("Activity type"), _("Status")]
        + [_("Level %(n)d") % {"n": level} for level in range(1, depth + 1)]
        + names,
    )
    unit_codes = dict(OrgUnit.objects.values_list("path", "code"))
    step = OrgUnit.steplen
    listed = (
        Activity.objects.using(settings.REPORTS_DATABASE)
        .filter(report.filters.condition())
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    cut = report.total.activities > MAX_LISTED_ACTIVITIES
    last = listed[MAX_LISTED_ACTIVITIES - 1] if cut else None
    activities = (
        Activity.objects.using(settings.REPORTS_DATABASE)
        .filter(report.filters.condition(), **({"pk__lte": last} if cut else {}))
        .order_by("pk")
        .values_list("pk", "date", "title", "activity_type__code", "status", "unit__path")
        .iterator(chunk_size=2000)
    )
    figures = groupby(
        Figure.objects.using(settings.REPORTS_DATABASE)
        .filter(report.filters.condition("activity__"), **({"activity_id__lte": last} if cut else {}))
        .order_by("activity_id")
        .values_list("activity_id", "indicator__code", "value")
        .iterator(chunk_size=5000),
        key=lambda item: item[0],
    )
    pending = next(figures, None)
    for pk, date, title, type_code, status, path in activities:
        values = {}
        while pending is not None and pending[0] <= pk:
            if pending[0] == pk:
                values = {code: value for _, code, value in pending[1]}
            pending = next(figures, None)
        ancestry = [unit_codes.get(path[:end], "") for end in range(step, len(path) + 1, step)]
        ancestry += [""] * (depth - len(ancestry))
        sheet.append(
            [pk, date, neutralise(title), type_code, status, *[neutralise(code) for code in ancestry]]
            + [values.get(code) for code in codes]
        )
    if cut:
        sheet.append([])
        sheet.append(
            [
                _(
                    "Only the first %(listed)s of the %(counted)s activities counted are listed. "
                    "Choose a unit or a shorter period to list them all."
                )
                % {"listed": f"{MAX_LISTED_ACTIVITIES:,}", "counted": f"{report.total.activities:,}"}
            ]
        )


def write_pdf(report, stream, context):
    from weasyprint import HTML

    html = render_to_string("campaigns/reports/report_pdf.html", context)
    HTML(string=html).write_pdf(stream)


def write_docx(report, stream, paragraphs):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Noto Sans CJK SC"
    normal.font.size = Pt(11)
    # Word and WPS pick the East Asian font from its own attribute.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")

    filters = report.filters
    document.add_heading(_("Anti-fraud outreach work report"), level=0)
    document.add_paragraph(f"{filters.start:%Y-%m-%d} – {filters.end:%Y-%m-%d}")
    for text in paragraphs:
        document.add_paragraph(text)

    document.add_heading(_("Headline figures"), level=1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Light Grid Accent 1"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = _("Indicator"), _("Value")
    _add_row(table, [_("Number of activities"), f"{report.total.activities:,}"])
    for indicator in report.indicators:
        if indicator.code in report.total.values:
            _add_row(table, [f"{indicator.t.name} ({indicator.t.unit})", f"{report.total.values[indicator.code]:,}"])

    shown = columns(report, "docx")
    for section in SECTIONS:
        breakdown = report.breakdowns[section]
        if not breakdown.rows:
            continue
        document.add_heading(str(SECTIONS[section]), level=1)
        if breakdown.overlapping:
            document.add_paragraph(_("One activity can fall in several rows here: rows are not added up."))
        table = document.add_table(rows=1, cols=2 + len(shown))
        table.style = "Light Grid Accent 1"
        for cell, text in zip(
            table.rows[0].cells, [_("Group"), _("Number of activities"), *[str(i.t.name) for i in shown]], strict=True
        ):
            cell.text = text
        for row in breakdown.rows:
            _add_row(
                table,
                [label_of(row, section), f"{row.activities:,}", *[f"{row.values.get(i.code, 0):,}" for i in shown]],
            )
    document.save(stream)


def _add_row(table, texts):
    cells = table.add_row().cells
    for cell, text in zip(cells, texts, strict=True):
        cell.text = str(text)


def write(report, file_format, stream, *, language, paragraphs=None, context=None):
    """Write the report in `file_format` to a binary stream, in `language`."""
    with translation.override(language):
        if file_format == "csv":
            write_csv(report, stream)
        elif file_format == "xlsx":
            write_xlsx(report, stream)
        elif file_format == "pdf":
            write_pdf(report, stream, context)
        elif file_format == "docx":
            write_docx(report, stream, paragraphs)
        else:
            raise ValueError(f"unknown format {file_format!r}")
