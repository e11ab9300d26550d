"""Reading a spreadsheet into rows of cell values: CSV (UTF-8 with or without BOM, or the
GBK/GB18030 that Excel in China saves) or XLSX. Shared by every import."""

import csv
import datetime
import io

import openpyxl
from django.utils.translation import gettext

XLSX_MAGIC = b"PK\x03\x04"
OLD_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


class Unreadable(Exception):
    """A value or file that cannot be read; the message is shown to the user."""


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030, the superset of GBK that Excel in China writes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unreadable(gettext("the file is neither UTF-8 nor GBK/GB18030 text"))


def read_table(data, filename):
    """All rows of the file as lists of cell values; the first is the header."""
    if data.startswith(XLSX_MAGIC):
        table = _read_xlsx(data)
    elif data.startswith(OLD_XLS_MAGIC):
        raise Unreadable(gettext("old .xls workbooks cannot be read; save the file as .xlsx or CSV"))
    elif filename.lower().endswith(".xlsx"):
        raise Unreadable(gettext("the file is named .xlsx but is not an Excel workbook"))
    else:
        table = _read_csv(data)
    if not table or not any(map(cell_text, table[0])):
        raise Unreadable(gettext("the first row must hold the column names"))
    return table


def _read_csv(data):
    text = decode(data)
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise Unreadable(gettext("the file is not valid CSV: %(error)s") % {"error": error}) from None


def _read_xlsx(data):
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or foreign zip fails in many ways; all mean the same to the user
        raise Unreadable(gettext("the Excel file cannot be read; is it a valid .xlsx workbook?")) from None
    try:
        if not workbook.worksheets:
            raise Unreadable(gettext("the Excel file has no worksheet"))
        sheet = workbook.worksheets[0]
        # Some programs record a wrong used range; read whatever rows are really there.
        sheet.reset_dimensions()
        return [list(cells) for cells in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    return str(value).strip()
