"""Hostile workbooks: cells openpyxl would choke on, zip bombs and sheets of millions of
empty cells are refused within bounded memory, each refusal naming its row and column or
its limit (the shared helpers are in test_import_bounds)."""

import datetime
import io
import re
import zipfile

import pytest
from django.utils import translation

from campaigns.importing import import_activities, read
from campaigns.models import Activity
from tests.campaigns.test_import_bounds import (
    DAY,
    HEADER,
    HEADER_ROW,
    good_cells,
    problems,
    upload,
    with_peak_memory,
)
from tests.conftest import MAIN, raw_workbook


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def as_staff_a(client, staff_a):
    client.force_login(staff_a)
    return client


class TestHostileCells:
    @pytest.mark.parametrize(
        ("cell", "column", "words"),
        [
            ('<c r="E2"><v>nan</v></c>', "E", "'nan' is not a number"),
            ('<c r="E2"><v>inf</v></c>', "E", "'inf' is not a number"),
            ('<c r="E2"><v>1e400</v></c>', "E", "1e400 is too large to be a number"),
            (f'<c r="E2"><v>{"9" * 5000}</v></c>', "E", "more than 1,000 characters"),
            ('<c r="A2" t="d"><v>9999-99-99</v></c>', "A", "'9999-99-99' is not a date"),
            ('<c r="A2" s="1"><v>99999999999</v></c>', "A", "99999999999 is not a date Excel can show"),
            ('<c r="E2" t="s"><v>7</v></c>', "E", "refers to a text the Excel file does not hold"),
            ('<c r="ZZZZ2"><v>1</v></c>', "ZZZZ", "column ZZZZ holds a value, but a file may have at most 200"),
            ('<c r="2B"><v>1</v></c>', "", "'2B' is not a cell reference"),
        ],
    )
    def test_a_cell_openpyxl_would_choke_on_is_a_row_and_column_error(self, staff_a, as_staff_a, cell, column, words):
        styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
        data = raw_workbook(HEADER_ROW + f'<row r="2">{good_cells(2)}{cell}</row>', styles=styles)

        report = import_activities(data, "hostile.xlsx", staff_a)

        assert problems(report) == [(2, column)]
        assert words in report.errors[0].message
        response = upload(as_staff_a, data, "hostile.xlsx")
        assert response.status_code == 200
        assert words.replace("'", "&#x27;") in response.content.decode()

    def test_numbers_dates_booleans_and_shared_texts_read_as_openpyxl_reads_them(self, staff_a):
        styles = '<numFmts><numFmt numFmtId="164" formatCode="yyyy/mm/dd"/></numFmts>'
        styles += '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>'
        date = (datetime.date.fromisoformat(DAY) - datetime.date(1899, 12, 30)).days
        cells = (
            f'<c r="A2" s="1"><v>{date}</v></c><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c>'
            '<c r="D2" t="str"><f>1+1</f><v>公式标题</v></c><c r="E2"><v>1.2e3</v></c>'
        )
        shared = "<si><t>station-a</t></si><si><r><t>class_</t></r><r><t>meeting</t></r><rPh><t>ignored</t></rPh></si>"
        data = raw_workbook(HEADER_ROW + f'<row r="2">{cells}</row>', shared_strings=shared, styles=styles)

        report = import_activities(data, "fine.xlsx", staff_a)

        assert report.ok, report.errors
        activity = Activity.objects.get()
        assert (activity.date.isoformat(), activity.activity_type.code, activity.title) == (
            DAY,
            "class_meeting",
            "公式标题",
        )
        assert activity.figures.get().value == 1200

    def test_a_nul_character_is_refused_while_checking_naming_row_and_column(self, staff_a, as_staff_a):
        data = (
            HEADER + "\n" + f"{DAY},station-a,class_meeting,t,1,ok\n{DAY},station-a,class_meeting,t2,1,a\x00b\n"
        ).encode()

        dry_run = import_activities(data, "nul.csv", staff_a, dry_run=True)

        assert problems(dry_run) == [(3, "F")]
        assert dry_run.errors[0].message == "the cell holds a NUL character, which cannot be stored"
        response = upload(as_staff_a, data, "nul.csv", dry_run="")
        assert response.status_code == 200
        assert "NUL character" in response.content.decode()
        assert not Activity.objects.exists()

    def test_a_nul_in_the_header_is_refused_too(self, staff_a):
        report = import_activities(b"date,org\x00_unit\n", "nul.csv", staff_a)

        assert problems(report) == [(1, "B")]

    def test_a_document_type_is_refused(self, staff_a):
        # Entity expansion ("billion laughs") needs a document type declaration.
        data = raw_workbook(HEADER_ROW)
        archive = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as copy:
            for info in archive.infolist():
                content = archive.read(info.filename)
                if info.filename == "xl/worksheets/sheet1.xml":
                    content = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>' + content.replace(b"date", b"&a;")
                copy.writestr(info, content)

        report = import_activities(out.getvalue(), "laughs.xlsx", staff_a)

        assert problems(report) == [(0, "")]
        assert "cannot be read" in report.errors[0].message


def bomb(size):
    """A workbook whose sheet unpacks to `size` bytes of empty rows; it zips to a few KB."""
    return raw_workbook(HEADER_ROW + "<row/>" * ((size - 200) // 6))


class TestZipBombs:
    def test_a_workbook_declaring_more_than_50_mb_unpacked_is_refused_before_reading(self, staff_a):
        data = bomb(51 * 2**20)
        assert len(data) < 200_000

        report, peak = with_peak_memory(lambda: import_activities(data, "bomb.xlsx", staff_a))

        assert problems(report) == [(0, "")]
        assert "unpacks to more than 50 MB, the limit" in report.errors[0].message
        assert peak < 20 * 2**20

    def test_bytes_really_unpacked_are_counted_whatever_the_zip_declares(self, staff_a, monkeypatch):
        # As if every declared size were zero: only counting what is read can stop it. The
        # limit is lowered to 1 MB to keep the test quick; the counting is the same.
        monkeypatch.setattr(zipfile.ZipFile, "infolist", lambda archive: [])
        monkeypatch.setattr(read, "MAX_XML_BYTES", 2**20)

        report = import_activities(bomb(2 * 2**20), "bomb.xlsx", staff_a)

        assert problems(report) == [(0, "")]
        assert "unpacks to more than 1 MB, the limit" in report.errors[0].message
        assert import_activities(raw_workbook(HEADER_ROW + f'<row r="2">{good_cells(2)}</row>'), "ok.xlsx", staff_a).ok

    def test_a_zip_that_understates_a_size_is_refused(self, staff_a):
        data = bytearray(bomb(10 * 2**20))
        # Claim 1,000 bytes unpacked for every part, in the local headers and in the directory.
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            for match in re.finditer(re.escape(signature), data):
                data[match.start() + offset : match.start() + offset + 4] = (1000).to_bytes(4, "little")

        report = import_activities(bytes(data), "liar.xlsx", staff_a)

        assert problems(report) == [(0, "")]
        assert "cannot be read" in report.errors[0].message

    def test_more_than_a_million_shared_texts_are_refused(self, staff_a, monkeypatch):
        monkeypatch.setattr(read, "MAX_TEXTS", 3)
        data = raw_workbook(HEADER_ROW, shared_strings="<si><t>a</t></si>" * 4)

        report = import_activities(data, "texts.xlsx", staff_a)

        assert "holds more than 3 different texts, the limit" in report.errors[0].message


class CountedCells:
    """How many cell elements the worksheet reader handled, counted at its handler."""

    def __init__(self, monkeypatch):
        self.count = 0
        start = read._Sheet.start

        def counting(sheet, name, attrs):
            self.count += name.rsplit(" ", 1)[-1] == "c"
            start(sheet, name, attrs)

        monkeypatch.setattr(read._Sheet, "start", counting)


class TestCellCount:
    def test_eleven_million_empty_cells_in_a_small_file_are_refused_before_one_is_read(self, staff_a, monkeypatch):
        data = raw_workbook(HEADER_ROW + '<row r="2">' + "<c/>" * 11_000_000 + "</row>")
        assert len(data) < 60_000
        handled = CountedCells(monkeypatch)

        report = import_activities(data, "empty.xlsx", staff_a)

        assert problems(report) == [(0, "")]
        assert report.errors[0].message == (
            "the sheet holds more than 10,000,200 cells, empty ones included (at most 50,001 rows of 200 columns); "
            "delete the empty rows and columns, or split it into smaller files"
        )
        assert handled.count == 0

    @pytest.mark.parametrize(
        "cell",
        ["<c/>", "<c></c>", '<c\tr="F2"/>', '<c\ns="0"/>', '<x:c r="F2"/>', "<x:c></x:c>", "<long-prefix-0123:c/>"],
    )
    def test_every_spelling_of_a_cell_counts_even_cut_between_two_pieces(self, monkeypatch, cell):
        monkeypatch.setattr(read, "MAX_DATA_ROWS", 4)
        monkeypatch.setattr(read, "MAX_COLUMNS", 5)  # 25 cells at most
        monkeypatch.setattr(read, "PIECE_BYTES", 7)  # every tag falls across two pieces somewhere

        def sheet(empty_cells):
            row = f'<row r="2" xmlns:x="{MAIN}" xmlns:long-prefix-0123="{MAIN}">{cell * empty_cells}</row>'
            return raw_workbook(HEADER_ROW + row)  # the header's 5 cells, then the empty ones

        assert [number for number, _cells in read.read_rows(sheet(20), "full.xlsx")] == [1]
        with pytest.raises(read.Unreadable, match=r"^the sheet holds more than 25 cells, empty ones included"):
            list(read.read_rows(sheet(21), "over.xlsx"))

    def test_the_refusal_speaks_chinese_too(self, monkeypatch):
        monkeypatch.setattr(read, "MAX_DATA_ROWS", 1)
        monkeypatch.setattr(read, "MAX_COLUMNS", 2)
        with translation.override("zh-hans"), pytest.raises(read.Unreadable) as refused:
            list(read.read_rows(raw_workbook(HEADER_ROW), "wide.xlsx"))
        assert str(refused.value).startswith("工作表的单元格超过 4 个（空单元格也计在内；最多 2 行、2 列）")

    def test_a_sheet_within_the_limit_is_read_and_its_empty_cells_cost_no_refusal(self, staff_a, monkeypatch):
        monkeypatch.setattr(read, "MAX_DATA_ROWS", 2)
        monkeypatch.setattr(read, "MAX_COLUMNS", 6)
        # 18 cells at most: the header's 5 and two rows of 4 values and an empty cell each.
        rows = "".join(
            f'<row r="{number}">{good_cells(number).replace("班会", f"班会{number}")}<c r="E{number}"/></row>'
            for number in (2, 3)
        )
        handled = CountedCells(monkeypatch)

        report = import_activities(raw_workbook(HEADER_ROW + rows), "ok.xlsx", staff_a)

        assert report.ok, report.errors
        assert handled.count == 15
