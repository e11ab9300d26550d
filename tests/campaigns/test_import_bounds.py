"""Imports that cannot hurt the server: hostile files are refused within bounded memory and
time, through the page and the command alike, and every refusal names its limit or its
row and column; nothing ends in a 500 or in garbled text."""

import datetime
import io
import re
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
from tests.conftest import PINNED_NOW, make_unit, raw_workbook, text_cell

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

    def test_a_csv_of_500_000_bad_lines_stops_early_with_a_small_page(self, as_staff_a):
        data = (HEADER + "\n" + "x\n" * 500_000).encode()
        assert len(data) > 1_000_000

        # No clock: that checking stopped at row 1,002 of 500,001 is what bounds the work.
        response = upload(as_staff_a, data, "junk.csv")

        assert response.status_code == 200
        page = response.content.decode()
        assert "more than 1,000 rows have problems, so checking stopped at row 1,002" in page
        # Four problems a row: the first 200 are listed, the rest counted.
        assert "4005 problems found; nothing was imported." in page
        assert "… and 3,805 more problems" in page
        assert page.count("<tr><td>") == 200
        assert len(response.content) < 150_000

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
