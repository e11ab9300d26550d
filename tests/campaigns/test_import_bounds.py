"""Imports that cannot hurt the server: hostile files are refused within bounded memory and
time, through the page and the command alike, and every refusal names its limit or its
row and column; nothing ends in a 500 or in garbled text."""

import datetime
import io
import re
import time
import tracemalloc
import zipfile
from io import StringIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from campaigns.importing import import_activities, read
from campaigns.importing.units import UnitImportError, import_units
from campaigns.models import Activity, OrgUnit
from tests.conftest import MAIN, PINNED_NOW, make_unit, raw_workbook, text_cell

DAY = (PINNED_NOW.date() - datetime.timedelta(days=30)).isoformat()
HEADER = "date,org_unit,activity_type,title,participants,notes"
ROW_LIMIT = "at most 50,000 data rows"
PEAK_MEMORY = 200 * 2**20


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def as_staff_a(client, staff_a):
    client.force_login(staff_a)
    return client


def upload(client, data, name, **fields):
    form = {"file": SimpleUploadedFile(name, data), "status": "draft", "dry_run": "on", **fields}
    return client.post(reverse("campaigns:import"), form)


def with_peak_memory(work):
    """What `work()` returns and the most memory Python allocated while it ran."""
    tracemalloc.start()
    try:
        result = work()
        peak = tracemalloc.get_traced_memory()[1]
        print(f"peak memory {peak / 2**20:.1f} MB")  # shown with pytest -s
        return result, peak
    finally:
        tracemalloc.stop()


def run_command(path, *args, user="staff_a"):
    """The command's error (or None) and what it wrote to stderr."""
    stderr = StringIO()
    try:
        call_command("import_activities", str(path), *args, user=user, stdout=StringIO(), stderr=stderr)
    except CommandError as error:
        return str(error), stderr.getvalue()
    return None, stderr.getvalue()


def problems(report):
    return [(error.row, error.column) for error in report.errors]


HEADER_ROW = '<row r="1">{}</row>'.format(
    "".join(
        text_cell(f"{letter}1", name)
        for letter, name in zip("ABCDE", ["date", "org_unit", "activity_type", "title", "participants"], strict=True)
    )
)


def good_cells(number):
    return (
        text_cell(f"A{number}", DAY)
        + text_cell(f"B{number}", "station-a")
        + text_cell(f"C{number}", "class_meeting")
        + text_cell(f"D{number}", "班会")
    )


def far_row_workbook():
    """A workbook as openpyxl writes it (about 5 KB) whose one data row is numbered
    99,999,999,999: the file that once made an import grow to 23 GB."""
    book = openpyxl.Workbook()
    book.active.append(["date", "org_unit", "activity_type", "title", "participants"])
    book.active.append([DAY, "station-a", "class_meeting", "班会", 40])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb'r="([A-Z]*)2"', rb'r="\g<1>99999999999"', content)
                content = content.replace(b'ref="A1:E2"', b'ref="A1:E99999999999"')
                assert b'<row r="99999999999"' in content
            archive.writestr(info, content)
    return out.getvalue()


def many_rows_csv(count):
    """A CSV of `count` good data rows, each as short as a row can be, for unit 'u'."""
    return (HEADER.rsplit(",", 2)[0] + "\n" + f"{DAY},u,other,t\n" * count).encode()


@pytest.fixture
def unit_u(county, staff_a):
    return make_unit("u", county["a"], kind="school")


class TestHostileFiles:
    def test_the_xlsx_with_a_row_numbered_99_999_999_999_is_refused_by_the_page(self, as_staff_a):
        data = far_row_workbook()
        assert len(data) < 6000

        response, peak = with_peak_memory(lambda: upload(as_staff_a, data, "far.xlsx"))

        assert response.status_code == 200
        page = response.content.decode()
        assert "row 99,999,999,999 holds values, but a file may have at most 50,000 data rows" in page
        assert peak < PEAK_MEMORY, f"{peak / 2**20:.0f} MB"
        assert not Activity.objects.exists()

    def test_the_xlsx_with_a_row_numbered_99_999_999_999_is_refused_by_the_command(self, staff_a, tmp_path):
        path = tmp_path / "far.xlsx"
        path.write_bytes(far_row_workbook())

        (error, stderr), peak = with_peak_memory(lambda: run_command(path))

        assert error == "Nothing was imported: 1 problem(s) in far.xlsx."
        assert ROW_LIMIT in stderr
        assert peak < PEAK_MEMORY, f"{peak / 2**20:.0f} MB"

    def test_a_csv_of_200_000_rows_is_refused_by_the_page(self, as_staff_a, unit_u):
        data = many_rows_csv(200_000)
        assert len(data) < read.MAX_FILE_BYTES

        response, peak = with_peak_memory(lambda: upload(as_staff_a, data, "many.csv"))

        assert response.status_code == 200
        assert "row 50,002 holds values, but a file may have at most 50,000 data rows" in response.content.decode()
        assert peak < PEAK_MEMORY, f"{peak / 2**20:.0f} MB"

    def test_a_csv_of_200_000_rows_is_refused_by_the_command(self, staff_a, unit_u, tmp_path):
        path = tmp_path / "many.csv"
        path.write_bytes(many_rows_csv(200_000))

        (error, stderr), peak = with_peak_memory(lambda: run_command(path))

        assert error == "Nothing was imported: 1 problem(s) in many.csv."
        assert ROW_LIMIT in stderr
        assert peak < PEAK_MEMORY, f"{peak / 2**20:.0f} MB"
        assert not Activity.objects.exists()

    def test_fifty_thousand_rows_are_within_the_limit(self, staff_a, unit_u):
        report = import_activities(many_rows_csv(50_000), "many.csv", staff_a, dry_run=True)

        # Read to the end: only the (identical) rows' own problems are left.
        assert report.rows == 50_000
        assert all("same unit, date, type and title" in error.message for error in report.errors)

    def test_a_csv_of_500_000_bad_lines_answers_fast_with_a_small_page(self, as_staff_a):
        data = (HEADER + "\n" + "x\n" * 500_000).encode()
        assert len(data) > 1_000_000

        started = time.monotonic()
        response = upload(as_staff_a, data, "junk.csv")
        elapsed = time.monotonic() - started

        assert response.status_code == 200
        page = response.content.decode()
        assert "more than 1,000 rows have problems, so checking stopped at row 1,002" in page
        # Four problems a row: the first 200 are listed, the rest counted.
        assert "4005 problems found; nothing was imported." in page
        assert "… and 3,805 more problems" in page
        assert page.count("<tr><td>") == 200
        assert len(response.content) < 150_000
        assert elapsed < 10, f"{elapsed:.1f} s"

    def test_a_file_larger_than_5_mb_is_refused_by_the_form_the_command_and_the_import(
        self, as_staff_a, staff_a, tmp_path
    ):
        data = (HEADER + "\n").encode() + b"x" * read.MAX_FILE_BYTES

        response = upload(as_staff_a, data, "big.csv")
        assert "The file is larger than 5 MB; split it into smaller files." in response.content.decode()

        path = tmp_path / "big.csv"
        path.write_bytes(data)
        error, _stderr = run_command(path)
        assert error == "Nothing was imported: the file is larger than 5 MB, the limit; split it into smaller files."

        report = import_activities(data, "big.csv", staff_a)
        assert problems(report) == [(0, "")]
        assert "larger than 5 MB" in report.errors[0].message


class TestErrorFloods:
    def test_only_the_first_200_problems_are_listed_and_the_rest_counted(self, staff_a, tmp_path):
        data = (HEADER + "\n" + "".join(f"{DAY},station-a,class_meeting,t{n},-1\n" for n in range(600))).encode()

        report = import_activities(data, "negative.csv", staff_a)

        assert (report.problems, len(report.errors)) == (600, 200)
        assert [error.row for error in report.errors] == list(range(2, 202))
        assert report.and_more == "… and 400 more problems"
        path = tmp_path / "negative.csv"
        path.write_bytes(data)
        error, stderr = run_command(path)
        assert error == "Nothing was imported: 600 problem(s) in negative.csv."
        assert stderr.count("participants: -1 is negative") == 200
        assert stderr.endswith("… and 400 more problems\n")

    def test_the_first_rows_are_listed_even_when_later_checks_find_problems_earlier_in_the_file(self, staff_a):
        # 300 bad figures, then duplicates found after every row was read: the list stays in row order.
        rows = [f"{DAY},station-a,class_meeting,t{number},{'-1' if number > 10 else '1'}" for number in range(310)]
        rows[1] = rows[0]
        data = (HEADER + "\n" + "\n".join(rows) + "\n").encode()

        report = import_activities(data, "mixed.csv", staff_a)

        assert report.problems == 300
        assert report.errors[0].row == 3
        assert "same unit, date, type and title as row 2" in report.errors[0].message
        assert [error.row for error in report.errors] == [3, *range(13, 212)]


class TestLimits:
    def test_a_header_of_100_000_columns_is_refused_at_the_first_column_past_the_limit(self, as_staff_a):
        data = ",".join(f"c{number}" for number in range(100_000)).encode() + b"\n"

        response = upload(as_staff_a, data, "wide.csv")

        assert response.status_code == 200
        assert "column GS holds a value, but a file may have at most 200 columns" in response.content.decode()

    @pytest.mark.parametrize("reference", ["GS1", "ZZZ1", "AAAA1"])
    def test_an_xlsx_header_past_the_column_limit_or_past_zzz_is_refused(self, staff_a, reference):
        data = raw_workbook(HEADER_ROW.replace("</row>", text_cell(reference, "colour") + "</row>"))

        report = import_activities(data, "wide.xlsx", staff_a)

        column = reference[:-1]
        assert problems(report) == [(1, column)]
        assert f"column {column} holds a value, but a file may have at most 200 columns" in report.errors[0].message

    def test_empty_cells_past_the_column_limit_are_ignored(self, staff_a):
        data = raw_workbook(HEADER_ROW + f'<row r="2">{good_cells(2)}<c r="XFD2" s="0"/></row>')

        report = import_activities(data, "styled.xlsx", staff_a)

        assert report.ok, report.errors

    def test_a_cell_longer_than_1000_characters_is_refused_naming_its_row_and_column(self, staff_a):
        data = (HEADER + "\n" + f"{DAY},station-a,class_meeting,t,1,{'长' * 1001}\n").encode()

        report = import_activities(data, "long.csv", staff_a)

        assert problems(report) == [(2, "F")]
        assert report.errors[0].message == "the cell holds more than 1,000 characters, the limit"

    def test_a_csv_cell_past_the_csv_modules_own_limit_is_refused_too(self, staff_a):
        data = (HEADER + "\n" + f'{DAY},station-a,class_meeting,t,1,"{"x" * 200_000}"\n').encode()

        report = import_activities(data, "longer.csv", staff_a)

        assert problems(report) == [(2, "")]
        assert "more than 1,000 characters" in report.errors[0].message

    def test_a_figure_of_4301_digits_is_a_row_and_column_error(self, staff_a):
        data = (HEADER + "\n" + f"{DAY},station-a,class_meeting,t,{'9' * 4301}\n").encode()

        report = import_activities(data, "digits.csv", staff_a)

        assert problems(report) == [(2, "E")]
        assert "more than 1,000 characters" in report.errors[0].message

    def test_a_figure_of_a_thousand_digits_is_too_large_not_an_error_page(self, staff_a):
        data = (HEADER + "\n" + f"{DAY},station-a,class_meeting,t,{'9' * 1000}\n").encode()

        report = import_activities(data, "digits.csv", staff_a)

        assert problems(report) == [(2, "participants")]
        assert "too large to be a real figure" in report.errors[0].message


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


def utf8_line(title):
    return f"{DAY},station-a,class_meeting,{title}\r\n".encode()


def gbk_line(title):
    return f"{DAY},station-a,class_meeting,{title}\r\n".encode("gbk")


class TestEncodings:
    @pytest.mark.parametrize(
        ("data", "title"),
        [
            (b"date,org_unit,activity_type,title\r\n" + utf8_line("反诈宣传"), "反诈宣传"),
            (b"\xef\xbb\xbfdate,org_unit,activity_type,title\r\n" + utf8_line("带标记"), "带标记"),
            (b"date,org_unit,activity_type,title\r\n" + gbk_line("国标编码") + gbk_line("第二行"), "国标编码"),
        ],
        ids=["utf-8", "utf-8 with BOM", "gbk"],
    )
    def test_a_file_in_one_encoding_is_read(self, staff_a, data, title):
        report = import_activities(data, "one.csv", staff_a)

        assert report.ok, report.errors
        assert Activity.objects.filter(title=title).exists()

    @pytest.mark.parametrize(
        ("lines", "utf8", "not_utf8"),
        [((utf8_line("统一码"), gbk_line("国标码")), 2, 3), ((gbk_line("国标码"), utf8_line("统一码")), 3, 2)],
        ids=["utf-8 then gbk", "gbk then utf-8"],
    )
    def test_a_file_mixing_utf8_and_gbk_lines_is_refused_naming_the_lines(self, staff_a, lines, utf8, not_utf8):
        data = b"date,org_unit,activity_type,title\r\n" + b"".join(lines)

        report = import_activities(data, "mixed.csv", staff_a)

        assert problems(report) == [(0, "")]
        assert report.errors[0].message == (
            f"the file mixes text encodings: line {utf8} is UTF-8 but line {not_utf8} is not; "
            "save the whole file again as UTF-8"
        )
        assert not Activity.objects.exists()

    def test_gbk_text_that_happens_to_look_like_utf8_in_one_short_line_is_still_read(self, staff_a):
        # "一" in GBK is D2 BB, which is also valid UTF-8 (a two-byte letter): not a sign of mixing.
        data = b"date,org_unit,activity_type,title\r\n" + gbk_line("一") + gbk_line("二三")

        report = import_activities(data, "gbk.csv", staff_a)

        assert report.ok, report.errors
        assert set(Activity.objects.values_list("title", flat=True)) == {"一", "二三"}

    def test_bytes_valid_in_neither_encoding_are_refused_naming_the_line(self, staff_a):
        data = b"date,org_unit,activity_type,title\r\n" + utf8_line("ok")[:-2] + b"\xff\r\n"

        report = import_activities(data, "broken.csv", staff_a)

        assert report.errors[0].message == "line 2 is neither UTF-8 nor GBK/GB18030 text; save the file as UTF-8"


class TestOrgUnitImport:
    UNITS_HEADER = b"code,name_zh,name_en,kind,parent_code\n"

    def test_the_same_row_limit_applies(self, db):
        data = self.UNITS_HEADER + b"u,x,x,school,\n" * 60_000

        with pytest.raises(UnitImportError) as refused:
            import_units(data, "units.csv")

        assert refused.value.problems == [
            "row 50,002 holds values, but a file may have at most 50,000 data rows (rows 2 to 50,001); "
            "split it into smaller files"
        ]
        assert not OrgUnit.objects.exists()

    def test_the_command_refuses_a_file_larger_than_5_mb_without_reading_it_all(self, db, tmp_path):
        path = tmp_path / "units.csv"
        path.write_bytes(self.UNITS_HEADER + b"x" * read.MAX_FILE_BYTES)

        with pytest.raises(CommandError, match="larger than 5 MB, the limit"):
            call_command("import_org_units", str(path), stdout=StringIO())

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (
                b"code,name_zh,name_en,kind,parent_code\nu,\xe5\x8d\x95\xe4\xbd\x8d,x,school,\nv,\xb5\xa5,x,school,\n",
                "mixes",
            ),
            (b"code,name_zh,name_en,kind,parent_code\nu,a\x00b,x,school,\n", "row 2, B: the cell holds a NUL"),
            (b"code,name_zh,name_en,kind,parent_code\nu,x,x,school,," + b"y," * 300 + b"\n", "at most 200 columns"),
        ],
        ids=["mixed encodings", "nul", "too many columns"],
    )
    def test_hostile_files_are_refused_with_the_same_messages(self, db, data, expected):
        with pytest.raises(UnitImportError) as refused:
            import_units(data, "units.csv")

        assert expected in refused.value.problems[0]
        assert not OrgUnit.objects.exists()

    def test_problems_past_the_first_200_are_counted(self, db):
        data = self.UNITS_HEADER + b"".join(b"u%d,,x,school,\n" % number for number in range(250))

        with pytest.raises(UnitImportError) as refused:
            import_units(data, "units.csv")

        assert len(refused.value.problems) == 201
        assert refused.value.problems[0] == "row 2, name_zh: name_zh is empty"
        assert refused.value.problems[-1] == "… and 50 more problems"

    def test_units_import_from_xlsx_through_the_shared_reader(self, db):
        rows = [["code", "name_zh", "name_en", "kind", "parent_code"], ["east", "东城", "East", "town", ""]]
        data = raw_workbook(
            "".join(
                f'<row r="{number}">'
                + "".join(text_cell(f"{letter}{number}", value) for letter, value in zip("ABCDE", values, strict=True))
                + "</row>"
                for number, values in enumerate(rows, start=1)
            )
        )

        result = import_units(data, "units.xlsx")

        assert result.created == ["east"]
        assert OrgUnit.objects.get(code="east").name_zh == "东城"
