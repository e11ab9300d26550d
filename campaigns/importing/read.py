"""Reading a spreadsheet a row at a time: CSV (UTF-8 with or without BOM, or the GBK/GB18030
that Excel in China saves) or XLSX. Shared by every import, and so are its limits: whatever
a file holds, reading it takes bounded time and memory, and a file past a limit is refused
with a message that names the limit.

`read_rows` yields (row number, cells) for each row that holds a value, the header (row 1)
first, and raises `Unreadable` when it meets something it cannot read, possibly after
some rows: a caller checks rows as they come and never holds the raw table.
"""

import csv
import datetime
import io
import math
import re
import zipfile

from django.utils.translation import gettext
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

from .decoding import decode
from .problems import Unreadable
from .xlsx_parts import Handler, Styles, first_element, local_name, parse, relationships

# The limits of every import. Real files stay far below them; past them, a file is refused.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DATA_ROWS = 50_000  # rows 2 to 50,001: a value in any later row is over the limit
MAX_COLUMNS = 200
MAX_CELL_CHARS = 1_000
MAX_XML_BYTES = 50 * 1024 * 1024  # what a workbook unpacks to
MAX_TEXTS = 1_000_000  # different texts in a workbook: each costs memory whether used or not

XLSX_MAGIC = b"PK\x03\x04"
OLD_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


def megabytes(size):
    return f"{size // (1024 * 1024)} MB"


def file_too_large():
    return gettext("the file is larger than %(limit)s, the limit; split it into smaller files") % {
        "limit": megabytes(MAX_FILE_BYTES)
    }


def read_limited(stream) -> bytes:
    """All of an upload or an open file, without reading past the size limit."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(file_too_large())
    return data


def read_rows(data: bytes, filename: str):
    """(row number, cells) of each row that holds a value, the header (row 1) first.
    Rows are read as they are asked for; Unreadable may come at any of them, the first too."""
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(file_too_large())
    if data.startswith(XLSX_MAGIC):
        rows = _xlsx_rows(data)
    elif data.startswith(OLD_XLS_MAGIC):
        raise Unreadable(gettext("old .xls workbooks cannot be read; save the file as .xlsx or CSV"))
    elif filename.lower().endswith(".xlsx"):
        raise Unreadable(gettext("the file is named .xlsx but is not an Excel workbook"))
    else:
        rows = _csv_rows(data)
    yield from _within_limits(rows)


def _within_limits(rows):
    header = False
    for number, cells in rows:
        if not any(map(cell_text, cells)):
            continue
        if not header and number != 1:
            break
        header = True
        if number > MAX_DATA_ROWS + 1:
            raise Unreadable(
                gettext(
                    "row %(row)s holds values, but a file may have at most %(limit)s data rows (rows 2 to "
                    "%(last)s); split it into smaller files"
                )
                % {"row": f"{number:,}", "limit": f"{MAX_DATA_ROWS:,}", "last": f"{MAX_DATA_ROWS + 1:,}"}
            )
        for position, value in enumerate(cells):
            if isinstance(value, str):
                _check_text(value, number, position + 1)
            if position >= MAX_COLUMNS and cell_text(value):
                raise _too_many_columns(number, position + 1)
        yield number, cells[:MAX_COLUMNS]
    if not header:
        raise Unreadable(gettext("the first row must hold the column names"))


def _check_text(text, row, column):
    if len(text) > MAX_CELL_CHARS:
        raise Unreadable(
            gettext("the cell holds more than %(limit)s characters, the limit") % {"limit": f"{MAX_CELL_CHARS:,}"},
            row,
            column_name(column),
        )
    if "\x00" in text:
        # PostgreSQL cannot store it: refuse it here rather than fail when writing.
        raise Unreadable(gettext("the cell holds a NUL character, which cannot be stored"), row, column_name(column))


def _too_many_columns(row, column):
    return Unreadable(
        gettext("column %(column)s holds a value, but a file may have at most %(limit)s columns")
        % {"column": column_name(column), "limit": MAX_COLUMNS},
        row,
        column_name(column),
    )


def column_name(column):
    """The letters of a 1-based column; its number past ZZZ, where letters end."""
    return get_column_letter(column) if column <= 18278 else f"#{column:,}"


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    return str(value).strip()


# CSV


def _csv_rows(data):
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise Unreadable(
                gettext("a cell holds more than %(limit)s characters, the limit") % {"limit": f"{MAX_CELL_CHARS:,}"},
                number + 1,
            ) from None
        raise Unreadable(
            gettext("line %(line)s is not valid CSV: %(error)s") % {"line": reader.line_num, "error": error}
        ) from None


# XLSX, read with expat as a stream of events: neither a row numbered in the billions nor a
# million empty cells costs memory, and no part is held whole. openpyxl's own reader pads
# the gaps between rows and builds every style; it still supplies the date rules.


def _xlsx_rows(data):
    try:
        yield from _workbook_rows(data)
    except Unreadable:
        raise
    except Exception:  # a damaged or foreign zip fails in many ways; all mean the same to the user
        raise Unreadable(gettext("the Excel file cannot be read; is it a valid .xlsx workbook?")) from None


def _workbook_rows(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    # Declared sizes first; then the bytes really unpacked are counted, as a zip can lie.
    if sum(info.file_size for info in archive.infolist()) > MAX_XML_BYTES:
        raise Unreadable(_unpacks_too_large())
    budget = _Budget()
    workbook = relationships(archive, budget, "", {"officeDocument"})["officeDocument"]
    properties = first_element(archive, budget, workbook, "workbookPr") or {}
    sheet = first_element(archive, budget, workbook, "sheet")
    if sheet is None:
        raise Unreadable(gettext("the Excel file has no worksheet"))
    sheet_id = next(value for name, value in sheet.items() if local_name(name) == "id")
    parts = relationships(archive, budget, workbook, {sheet_id, "sharedStrings", "styles"})
    texts, styles = _Texts(), Styles()
    for name, handler in (("sharedStrings", texts), ("styles", styles)):
        if name in parts:
            for _ in parse(archive, budget, parts[name], handler):
                pass
    epoch = MAC_EPOCH if properties.get("date1904") in ("1", "true") else WINDOWS_EPOCH
    _refuse_too_many_cells(archive, parts[sheet_id])
    sheet = _Sheet(texts.texts, styles.dates, epoch)
    for _ in parse(archive, budget, parts[sheet_id], sheet):
        yield from sheet.done
        sheet.done.clear()


def max_cells():
    """The most cells a sheet within the row and column limits can hold, empty ones included."""
    return (MAX_DATA_ROWS + 1) * MAX_COLUMNS


# A cell's start tag, <c followed by a space, / or >, bare or with a namespace prefix (a
# prefix of 64 characters or more makes each cell too large for many to fit in the limit).
BARE_CELL_TAGS = [b"<c" + end for end in (b" ", b"\t", b"\n", b"\r", b"/", b">")]
PREFIXED_CELL_TAG = re.compile(rb"<[^\s/>:<]{1,63}:c[\s/>]")
LONGEST_CELL_TAG = 67
PIECE_BYTES = 64 * 1024


def _cells_in(data):
    cells = sum(data.count(tag) for tag in BARE_CELL_TAGS)
    if b":c" in data:
        cells += len(PREFIXED_CELL_TAG.findall(data))
    return cells


def _refuse_too_many_cells(archive, name):
    """Count the worksheet's cells, empty ones included, before reading any: each costs the
    reader time, and eleven million empty ones fit in a file of 48 KB. The tags are counted
    in the bytes as they unpack, at the speed of a byte search, and the count stops at the
    limit."""
    limit, cells, budget, carry = max_cells(), 0, _Budget(), b""
    with archive.open(name) as part:
        while piece := part.read(PIECE_BYTES):
            budget.spend(len(piece))
            data = carry + piece
            # A tag cut between two pieces is counted whole in the second: the end of each
            # piece is read again, and what it alone holds was counted the first time.
            cells += _cells_in(data) - _cells_in(carry)
            carry = data[-LONGEST_CELL_TAG:]
            if cells > limit:
                raise Unreadable(
                    gettext(
                        "the sheet holds more than %(limit)s cells, empty ones included (at most %(rows)s rows of "
                        "%(columns)s columns); delete the empty rows and columns, or split it into smaller files"
                    )
                    % {"limit": f"{limit:,}", "rows": f"{MAX_DATA_ROWS + 1:,}", "columns": MAX_COLUMNS}
                )


def _unpacks_too_large():
    return gettext("the Excel file unpacks to more than %(limit)s, the limit; split it into smaller files") % {
        "limit": megabytes(MAX_XML_BYTES)
    }


class _Budget:
    def __init__(self):
        self.left = MAX_XML_BYTES

    def spend(self, size):
        self.left -= size
        if self.left < 0:
            raise Unreadable(_unpacks_too_large())


class _Text(Handler):
    """Collects the text in <v> and <t> elements, leaving out phonetic guides, and at most
    one character past the cell limit: enough to tell that a cell is too long."""

    def __init__(self):
        self.pieces, self.size, self.collecting, self.phonetic = None, 0, False, False

    def start_text(self):
        self.pieces, self.size = [], 0

    def start(self, name, attrs):
        local = local_name(name)
        if local in ("v", "t"):
            self.collecting = self.pieces is not None and not self.phonetic
        elif local == "rPh":
            self.phonetic = True
        return local

    def end(self, name):
        local = local_name(name)
        if local in ("v", "t"):
            self.collecting = False
        elif local == "rPh":
            self.phonetic = False
        return local

    def characters(self, data):
        if self.collecting and self.size <= MAX_CELL_CHARS:
            piece = data[: MAX_CELL_CHARS + 1 - self.size]
            self.pieces.append(piece)
            self.size += len(piece)


class _Texts(_Text):
    """The workbook's shared texts, which cells refer to by number."""

    def __init__(self):
        super().__init__()
        self.texts = []

    def start(self, name, attrs):
        if super().start(name, attrs) == "si":
            self.start_text()

    def end(self, name):
        if super().end(name) == "si":
            if len(self.texts) == MAX_TEXTS:
                raise Unreadable(
                    gettext("the Excel file holds more than %(limit)s different texts, the limit")
                    % {"limit": f"{MAX_TEXTS:,}"}
                )
            self.texts.append("".join(self.pieces))
            self.pieces = None


CELL_REFERENCE = re.compile(r"([A-Z]+)([0-9]+)")
ROW_NUMBER = re.compile(r"[1-9][0-9]{0,14}")
NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


class _Sheet(_Text):
    """Rows of a worksheet as the parser completes them, in `done`: only rows with values,
    never the gaps between them, and no more cells than the column limit."""

    def __init__(self, texts, dates, epoch):
        super().__init__()
        self.texts, self.dates, self.epoch = texts, dates, epoch
        self.done, self.number, self.cells, self.column, self.cell = [], 0, None, 0, None

    # One test per element and no calls in between: a sheet may hold millions of elements.
    def start(self, name, attrs):
        local = name[name.rfind(" ") + 1 :]
        if local == "c":
            if self.cells is not None:
                reference = attrs.get("r")
                self.column = self._column(reference) if reference else self.column + 1
                self.cell = (attrs.get("t", "n"), attrs.get("s", "0"))
                self.pieces, self.size = [], 0
        elif local == "v" or local == "t":
            self.collecting = self.pieces is not None and not self.phonetic
        elif local == "row":
            reference = attrs.get("r")
            self.number = self._row_number(reference) if reference else self.number + 1
            self.cells, self.column = {}, 0
        elif local == "rPh":
            self.phonetic = True

    def end(self, name):
        local = name[name.rfind(" ") + 1 :]
        if local == "c":
            if self.cell is not None:
                value = self._value("".join(self.pieces)) if self.pieces else None
                if value is not None and self.column <= MAX_COLUMNS:
                    self.cells[self.column] = value
                elif value is not None and cell_text(value):
                    raise _too_many_columns(self.number, self.column)
                self.cell, self.pieces = None, None
        elif local == "v" or local == "t":
            self.collecting = False
        elif local == "row":
            if self.cells:
                self.done.append((self.number, [self.cells.get(column) for column in range(1, max(self.cells) + 1)]))
            self.cells = None
        elif local == "rPh":
            self.phonetic = False

    def _row_number(self, text):
        if not ROW_NUMBER.fullmatch(text):
            raise Unreadable(gettext("the sheet has a row numbered '%(number)s'") % {"number": text[:20]})
        return int(text)

    def _column(self, reference):
        match = CELL_REFERENCE.fullmatch(reference)
        if not match:
            raise Unreadable(
                gettext("'%(reference)s' is not a cell reference") % {"reference": reference[:20]}, self.number
            )
        letters = match[1]
        if len(letters) > 3:  # past ZZZ, where column letters end: too far right in any case
            raise Unreadable(
                gettext("column %(column)s holds a value, but a file may have at most %(limit)s columns")
                % {"column": letters[:20], "limit": MAX_COLUMNS},
                self.number,
                letters[:20],
            )
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - ord("A") + 1
        return column

    def _value(self, text):
        """The cell's value as openpyxl gives it (the cached result for a formula), or None."""
        kind, style = self.cell
        if kind in ("inlineStr", "str", "e") or len(text) > MAX_CELL_CHARS:
            return text  # a too-long text is refused, naming its cell, with the other rules for text
        where = (self.number, column_name(self.column))
        if kind == "s":
            index = int(text) if text.isdigit() and len(text) < 10 else len(self.texts)
            if index >= len(self.texts):
                raise Unreadable(gettext("the cell refers to a text the Excel file does not hold"), *where)
            return self.texts[index]
        if kind == "b" and text in ("0", "1"):
            return text == "1"
        if kind == "d":
            try:
                return from_ISO8601(text)
            except (ValueError, OverflowError):
                raise Unreadable(gettext("'%(value)s' is not a date") % {"value": text}, *where) from None
        text = text.strip()
        if not text:
            return None
        if kind != "n" or not NUMBER.fullmatch(text):
            raise Unreadable(gettext("'%(value)s' is not a number") % {"value": text}, *where)
        number = float(text) if any(mark in text for mark in ".eE") else int(text)
        if not math.isfinite(number):
            raise Unreadable(gettext("%(value)s is too large to be a number") % {"value": text}, *where)
        if style not in self.dates:
            return number
        try:
            return from_excel(number, self.epoch)
        except (ValueError, OverflowError):
            raise Unreadable(gettext("%(value)s is not a date Excel can show") % {"value": text}, *where) from None
