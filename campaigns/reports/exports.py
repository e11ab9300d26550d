"""The report as files: CSV, XLSX, PDF and DOCX, from the same Report object.

CSV and XLSX neutralise text that a spreadsheet would take for a formula. The XLSX's
activities sheet is written row by row from database iterators (XlsxWriter's
constant-memory mode), so memory stays flat; activity_sheet.py writes that sheet.

The CSV is the machine format (codes first: section, group, indicator, value, then the
names in the report's language). The XLSX is for people: names in the report's language
and no codes on its data sheets (the 代码对照 sheet maps names to codes for whoever
re-imports), a title row saying what is counted, a frozen header, column widths and
grouped digits on every sheet, and page setup for printing. The DOCX is written by word.py.
"""

import csv
import datetime
import io
import tempfile

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns.models import percent_done

from . import activity_sheet, code_sheet
from . import cases as case_tables
from .summary import ACTIVITIES, ACTIVITIES_LABEL, MATERIAL_SECTIONS, SECTIONS

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
    # Measured figures (QR code scans) have their own column, apart from the typed ones.
    counted = [indicator for indicator in report.typed if indicator.code in report.total.values]
    return counted[: NARROW_COLUMNS[file_format]]


def label_of(row, section):
    label = row.label
    if section == "month":
        return row.key
    if section == "org_unit" and row.own:
        return _("%(name)s (logged at this unit itself)") % {"name": label.t.name}
    return str(label.t.name) if hasattr(label, "t") else str(label)


CASE_SECTIONS = ("cases_org_unit", "cases_scam_type")


def long_rows(report, cases=None):
    """(section, group, indicator, value, group name, indicator name) for every group that
    has activities and every indicator that has a figure in it; then, given the cases
    section, its cases and losses per sub-unit and per scam type (never added to the
    outreach rows above)."""
    indicators = [(ACTIVITIES, str(ACTIVITIES_LABEL))] + [
        (indicator.code, str(indicator.t.name)) for indicator in columns(report, "csv")
    ]
    groups = [("total", report.total, "")]
    for section in SECTIONS:
        groups.extend((section, row, label_of(row, section)) for row in report.breakdowns[section].rows)
    for section, row, group_name in groups:
        for code, name in indicators:
            if code == ACTIVITIES or code in row.values:
                yield (section, row.key, code, row.value(code), group_name, name)
    yield from material_long_rows(report)
    if cases is None:
        return
    measures = [("cases", _("Cases")), ("losses", _("Losses (yuan)"))]
    for row in cases.units:
        if row.cases or row.losses:
            for code, name in measures:
                yield ("cases_org_unit", row.key, code, getattr(row, code), case_tables.unit_label(row), name)
    for row in cases.scam_types:
        for code, name in measures:
            yield ("cases_scam_type", row.key, code, getattr(row, code), str(row.scam.t.name), name)


def material_long_rows(report):
    """The material tables' rows in long_rows' shape: group is the material's slug."""
    for section, rows in report.materials.items():
        about = MATERIAL_SECTIONS[section]
        for row in rows:
            yield (section, row.key, about["indicator"], row.value, str(row.material.t.title), str(about["column"]))


def csv_chunks(report, cases=None):
    """The long-form CSV, UTF-8 with a BOM so Excel shows Chinese, one line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    yield "\ufeff"
    header = ("section", "group", "indicator", "value", "group_label", "indicator_label")
    for row in [header, *long_rows(report, cases)]:
        writer.writerow([neutralise(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def write_csv(report, stream, cases=None):
    for chunk in csv_chunks(report, cases):
        stream.write(chunk.encode("utf-8"))


def title_line(report):
    """What a sheet counts: the unit, the period and which activities."""
    filters = report.filters
    unit = filters.unit.t.name if filters.unit else _("The whole organisation")
    counted = _("approved and submitted activities") if filters.include_submitted else _("approved activities")
    return _("%(unit)s, %(start)s to %(end)s: %(counted)s") % {
        "unit": unit,
        "start": f"{filters.start:%Y-%m-%d}",
        "end": f"{filters.end:%Y-%m-%d}",
        "counted": counted,
    }


WHOLE = "#,##0"
DECIMAL = "#,##0.0"
WIDE, NAME, NUMBER = 40, 28, 14
# Column widths (in characters) that fit across an A4 page upright; a wider sheet prints
# landscape. Either way it is scaled to the page's width and runs on down as many pages
# as it needs.
PORTRAIT_WIDTH = 100
A4 = 9  # Excel's paper size code
HEADER_LIMIT = 255  # characters Excel allows in a header or footer


class _Workbook:
    """XlsxWriter's workbook in constant-memory mode: each sheet's rows go to a temporary
    file as they are written, so memory stays flat however many rows. Every sheet has a
    title row, a frozen header, column widths and grouped digits, and prints as a clerk
    files it: A4, fitted to the page's width (landscape where wide), the title and header
    rows repeated on every page, the unit and period in the page header, page numbers in
    the footer, and a print area."""

    def __init__(self, report, spool):
        import xlsxwriter

        self.book = xlsxwriter.Workbook(
            spool,
            {
                "constant_memory": True,
                # Text stays text: never a formula, a link or a number.
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self.title = title_line(report)
        filters = report.filters
        self.unit = str(filters.unit.t.name) if filters.unit else _("The whole organisation")
        self.period = _("%(start)s to %(end)s") % {
            "start": f"{filters.start:%Y-%m-%d}",
            "end": f"{filters.end:%Y-%m-%d}",
        }
        self.formats = {
            "title": self.book.add_format({"bold": True, "font_size": 13}),
            "header": self.book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"}),
            "whole": self.book.add_format({"num_format": WHOLE}),
            "decimal": self.book.add_format({"num_format": DECIMAL}),
            "plain": self.book.add_format({"num_format": "0"}),
            "date": self.book.add_format({"num_format": "yyyy-mm-dd"}),
        }
        self.sheets = []
        self.book.set_properties(
            {
                "title": self.title,
                "subject": _("Outreach figures"),
                "author": self.unit,
                "created": timezone.now(),
                "comments": "",
            }
        )

    def sheet(self, name, header, widths, note=None):
        sheet = self.book.add_worksheet(str(name)[:31])
        for position, width in enumerate(widths):
            sheet.set_column(position, position, width)
        header_row = 2 if note else 1  # counted from 0
        sheet.freeze_panes(header_row + 1, 0)
        sheet.write_string(0, 0, neutralise(f"{self.title} · {name}"), self.formats["title"])
        if note:
            sheet.write_string(1, 0, neutralise(str(note)))
        for position, text in enumerate(header):
            sheet.write_string(header_row, position, neutralise(str(text)), self.formats["header"])
        self._page_setup(sheet, header_row, sum(widths[: len(header)]))
        written = _Sheet(sheet, self.formats, header_row + 1, len(header))
        self.sheets.append(written)
        return written

    def _page_setup(self, sheet, header_row, width):
        sheet.set_paper(A4)
        if width > PORTRAIT_WIDTH:
            sheet.set_landscape()
        sheet.fit_to_pages(1, 0)  # one page wide, as many tall as it takes
        sheet.repeat_rows(0, header_row)
        sheet.center_horizontally()
        sheet.hide_gridlines(0)  # print the cell borders, as a table on paper has
        sheet.set_margins(left=0.5, right=0.5, top=0.9, bottom=0.8)
        sheet.set_header(_header_footer(f"&L{_escaped(self.unit)}&C&A&R{_escaped(self.period)}"), margin=0.4)
        sheet.set_footer(_header_footer("&C" + _("Page &P of &N")), margin=0.4)

    def save(self):
        for sheet in self.sheets:
            sheet.sheet.print_area(0, 0, max(sheet.next_row - 1, 0), max(sheet.columns - 1, 0))
        self.book.close()


def _escaped(text):
    """Text as a header or footer shows it: & starts a code there, && is an ampersand."""
    return str(text).replace("&", "&&")


def _header_footer(text):
    return text if len(text) <= HEADER_LIMIT else text[:HEADER_LIMIT]


class _Sheet:
    def __init__(self, sheet, formats, first_row, columns):
        self.sheet = sheet
        self.formats = formats
        self.next_row = first_row
        self.columns = columns

    def row(self, values, plain=()):
        """Text is neutralised; whole numbers get grouped digits, other numbers one decimal,
        but numbers in the columns `plain` (ids) are written as they are."""
        # The innermost loop of the largest sheets (a whole tree's activity list and code
        # sheet are each ten thousand rows): plain text and whole numbers, nearly every
        # cell, are told apart by their exact type before the general case.
        row, sheet, formats = self.next_row, self.sheet, self.formats
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if value:
                    sheet.write_string(row, column, "'" + value if value.startswith(FORMULA_STARTS) else value)
            elif kind is int:
                sheet.write_number(row, column, value, formats["plain" if column in plain else "whole"])
            elif value is None or value == "":
                continue
            elif isinstance(value, datetime.date):
                sheet.write_datetime(row, column, value, formats["date"])
            elif isinstance(value, bool):
                sheet.write_boolean(row, column, value)
            elif isinstance(value, int | float):
                number = "plain" if column in plain else "whole" if isinstance(value, int) else "decimal"
                sheet.write_number(row, column, value, formats[number])
            else:
                sheet.write_string(row, column, neutralise(str(value)))
        self.next_row += 1
        self.columns = max(self.columns, len(values))


def write_xlsx(report, stream, cases=None, previous=None):
    """The workbook, written to a temporary file and then copied to `stream` in blocks.
    Data sheets show names only; the 代码对照 sheet maps each name to its code."""
    with tempfile.TemporaryFile() as spool:
        book = _Workbook(report, spool)
        _fill_workbook(book, report, cases, previous)
        book.save()
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            stream.write(chunk)


def _fill_workbook(book, report, cases, previous):
    shown = columns(report, "xlsx")
    codes = [indicator.code for indicator in shown]
    names = [str(indicator.t.name) for indicator in shown]

    header = [_("Indicator"), _("Value")]
    header += [_("Same period last year")] if previous is not None else []
    total = book.sheet(_("Total"), [*header, _("Counting unit")], [NAME, NUMBER, NUMBER, NUMBER][: len(header) + 1])
    before = [previous.total.activities] if previous is not None else []
    total.row([str(ACTIVITIES_LABEL), report.total.activities, *before])
    for indicator in shown:
        before = [previous.total.values.get(indicator.code, 0)] if previous is not None else []
        total.row([str(indicator.t.name), report.total.values.get(indicator.code, 0), *before, str(indicator.t.unit)])

    for section in SECTIONS:
        breakdown = report.breakdowns[section]
        note = (
            _("One activity can fall in several rows here: rows are not added up.") if breakdown.overlapping else None
        )
        sheet = book.sheet(
            SECTIONS[section],
            [_("Name"), str(ACTIVITIES_LABEL), *names],
            [NAME, NUMBER] + [NUMBER] * len(names),
            note=note,
        )
        for row in breakdown.rows:
            sheet.row([label_of(row, section), row.activities] + [row.values.get(code, 0) for code in codes])

    _material_sheets(book, report)
    _campaigns_sheet(book, report)
    if cases is not None:
        _cases_sheets(book, cases)
    activity_sheet.write(book, report, codes, names)

    definitions = book.sheet(_("Definitions"), [_("Name"), _("Counting unit"), _("Description")], [NAME, NUMBER, WIDE])
    definitions.row([str(ACTIVITIES_LABEL), "", _("Number of activities counted in the report.")])
    for indicator in report.indicators:
        definitions.row([str(indicator.t.name), str(indicator.t.unit), str(indicator.t.description)])
    definitions.row([])
    if cases is not None:
        definitions.row([str(case_tables.TITLE), "", case_tables.note(cases)])
    period = report.filters
    definitions.row([_("Period"), f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"])
    definitions.row(
        [_("Counted"), _("approved and submitted activities") if period.include_submitted else _("approved activities")]
    )
    code_sheet.write(book, report, cases)


def _campaigns_sheet(book, report):
    sheet = book.sheet(
        _("Campaigns"),
        [
            _("Campaign"),
            _("Start"),
            _("End"),
            _("Lead unit"),
            str(ACTIVITIES_LABEL),
            _("Indicator"),
            _("Done"),
            _("Target"),
            _("% of target done"),
        ],
        [NAME, 12, 12, NAME, NUMBER, NAME, NUMBER, NUMBER, NUMBER],
        note=_("Done counts the activities in this report only; targets are for the whole campaign."),
    )
    for progress in report.campaigns:
        campaign = progress.campaign
        head = [str(campaign.t.name), campaign.start, campaign.end, str(campaign.lead_unit.t.name), progress.activities]
        if not progress.targets:
            sheet.row(head)
        for indicator, target, done in progress.targets:
            sheet.row([*head, str(indicator.t.name), done, target, percent_done(done, target)])


def _material_sheets(book, report):
    for section, rows in report.materials.items():
        about = MATERIAL_SECTIONS[section]
        sheet = book.sheet(about["title"], [_("Material"), about["column"]], [WIDE, NUMBER], note=about["note"])
        for row in rows:
            sheet.row([str(row.material.t.title), row.value])


def _cases_sheets(book, cases):
    units = book.sheet(
        case_tables.BY_UNIT,
        [_("Unit"), *[label for _key, label in case_tables.UNIT_COLUMNS]],
        [NAME] + [NUMBER] * len(case_tables.UNIT_COLUMNS),
        note=case_tables.note(cases),
    )
    for row in cases.units:
        values = case_tables.cells(row, case_tables.UNIT_COLUMNS)
        units.row([case_tables.unit_label(row), *[_cell_value(value) for value in values]])
    scams = book.sheet(
        case_tables.BY_SCAM_TYPE,
        [_("Scam type"), *[label for _key, label in case_tables.SCAM_COLUMNS]],
        [NAME] + [NUMBER] * len(case_tables.SCAM_COLUMNS),
        note=case_tables.note(cases),
    )
    for row in cases.scam_types:
        values = case_tables.cells(row, case_tables.SCAM_COLUMNS)
        scams.row([str(row.scam.t.name), *[_cell_value(value) for value in values]])
    lines = case_tables.next_lines(cases)
    if lines:
        scams.row([])
        scams.row([str(case_tables.NEXT_TITLE)])
        for line in lines:
            scams.row([line])


def _cell_value(value):
    return case_tables.rounded(value) if isinstance(value, float) else value


def write_pdf(report, stream, context):
    from scams.printing import tagged_pdf

    tagged_pdf(render_to_string("campaigns/reports/report_pdf.html", context), stream)


def write(report, file_format, stream, *, language, context=None):
    """Write the report in `file_format` to a binary stream, in `language`. `context` is
    what assembly.presentation gives for that format: the cases section for every format,
    and for the PDF and DOCX the work report's text and charts."""
    context = context or {}
    with translation.override(language):
        if file_format == "csv":
            write_csv(report, stream, context.get("cases"))
        elif file_format == "xlsx":
            write_xlsx(report, stream, context.get("cases"), context.get("previous"))
        elif file_format == "pdf":
            write_pdf(report, stream, context)
        elif file_format == "docx":
            from .word import write_docx

            write_docx(context["work"], context, stream)
        else:
            raise ValueError(f"unknown format {file_format!r}")
