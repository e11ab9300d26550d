"""The XLSX as a clerk prints and files it: every data sheet set up for A4 (landscape
where wide, fitted to the page's width, title rows repeated, the unit, period and page
number in the header and footer, a print area), names instead of codes on the data
sheets, and a 代码对照 sheet whose codes an import takes back."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import translation

from campaigns.importing import import_activities
from campaigns.models import Activity, ActivityType, AudienceGroup, Indicator, OrgUnit
from campaigns.reports.exports import PORTRAIT_WIDTH
from scams.models import ScamType
from tests.conftest import beijing_morning, make_activity, make_unit

PERIOD = ["--from", "2026-01-01", "--to", "2026-06-30", "--org", "county"]
CODE_SHEET = "代码对照"


@pytest.fixture
def county_work(county, staff_a, catalogue, clock):
    clock.move_to(beijing_morning(datetime.date(2026, 11, 29)), tick=True)
    # A unit whose name another unit also has: the code sheet tells them apart.
    make_unit("school-a2", county["b"], kind="school", name_zh="东城中学", name_en="East Town Middle School")
    booth, meeting = ActivityType.objects.get(code="street_booth"), ActivityType.objects.get(code="class_meeting")
    scam = ScamType.objects.published().order_by("slug").first()
    audience = AudienceGroup.objects.order_by("code").first()
    for index, unit in enumerate([county["a"], county["school_a"], county["school_b"]]):
        make_activity(
            unit,
            staff_a,
            status="approved",
            date=datetime.date(2026, 3, 10 + index),
            title=f"东城集市反诈咨询台{index}",
            activity_type=booth if index % 2 else meeting,
            figures={"participants": 100 * (index + 1), "materials": 50},
            audiences=[audience],
            scam_types=[scam],
        )
    return county


def export(tmp_path, language="zh-hans", org="county"):
    path = tmp_path / f"report-{language}-{org}.xlsx"
    period = [*PERIOD[:-1], org]
    call_command("export_report", *period, "--format", "xlsx", "--output", str(path), "--lang", language)
    return openpyxl.load_workbook(path)


def header_row(sheet):
    return int(sheet.freeze_panes[1:]) - 1


def test_every_sheet_prints_on_a4_fitted_to_its_width_with_titles_repeated(county_work, tmp_path):
    workbook = export(tmp_path)
    assert CODE_SHEET in workbook.sheetnames
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.paperSize == 9, sheet.title  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        # One page wide (1 is the file format's default, which a writer may leave unsaid),
        # as many pages tall as it takes.
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), sheet.title
        last = header_row(sheet)
        assert sheet.print_title_rows == f"$1:${last}", sheet.title
        last_column = sheet.cell(1, sheet.max_column).column_letter
        assert sheet.print_area == f"'{sheet.title}'!$A$1:${last_column}${sheet.max_row}", sheet.title
        assert sheet.print_options.gridLines, sheet.title
        header, footer = sheet.oddHeader, sheet.oddFooter
        assert header.left.text == "示范县公安局", sheet.title
        assert header.right.text == "2026-01-01 至 2026-06-30", sheet.title
        assert header.center.text == "&A", sheet.title  # the sheet's name
        assert footer.center.text == "第 &P 页，共 &N 页", sheet.title
        # Widths as set, in characters (the file adds a fraction of a character of padding).
        widths = [int(column.width) * (column.max - column.min + 1) for column in sheet.column_dimensions.values()]
        wide = sum(widths) > PORTRAIT_WIDTH
        assert setup.orientation == ("landscape" if wide else "portrait"), sheet.title

    # The activity list, with its many columns, is the one that must lie on its side.
    assert workbook["活动列表"].page_setup.orientation == "landscape"
    assert workbook["合计"].page_setup.orientation == "portrait"


def test_data_sheets_show_names_and_no_codes(county_work, tmp_path):
    workbook = export(tmp_path)
    codes = set(ActivityType.objects.values_list("code", flat=True))
    codes |= set(AudienceGroup.objects.values_list("code", flat=True))
    codes |= set(OrgUnit.objects.values_list("code", flat=True))
    codes |= set(Indicator.objects.values_list("code", flat=True))
    codes |= set(ScamType.objects.values_list("slug", flat=True))
    codes |= {status.value for status in Activity.Status}
    for sheet in workbook.worksheets:
        if sheet.title == CODE_SHEET:
            continue
        header = [cell.value for cell in sheet[header_row(sheet)]]
        assert not {"代码", "单位代码"} & set(header), sheet.title
        for row in sheet.iter_rows(values_only=True):
            assert not codes & set(row), (sheet.title, row)

    listed = list(workbook["活动列表"].iter_rows(min_row=3, values_only=True))
    first = next(row for row in listed if row[2] == "东城集市反诈咨询台1")
    assert first[3:8] == ("街头摆摊宣传", "已通过", "示范县公安局", "东城派出所", "东城中学")
    ids = [row[0] for row in workbook["活动列表"].iter_rows(min_row=3) if isinstance(row[0].value, int)]
    assert ids and all(cell.number_format == "0" for cell in ids)  # an id, not an amount: no 1,040
    # A station's list starts at the station's level: the county above it would be the
    # same name on every row.
    station = list(export(tmp_path, org="station-a")["活动列表"].iter_rows(min_row=2, values_only=True))
    assert station[0][5:7] == ("第2级", "第3级") and "第1级" not in station[0]
    assert [row[5:7] for row in station[1:]] == [("东城派出所", None), ("东城派出所", "东城中学")]
    assert [row[0] for row in workbook["按单位"].iter_rows(min_row=3, values_only=True)][:2] == [
        "东城派出所",
        "西城派出所",
    ]


def test_the_code_sheet_maps_every_name_shown_to_its_code(county_work, tmp_path):
    workbook = export(tmp_path)
    sheet = workbook[CODE_SHEET]
    assert [cell.value for cell in sheet[3]] == ["类别", "名称", "代码", "导入列名", "上级单位", "说明"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    units = {(row[1], row[4]): (row[2], row[3]) for row in rows if row[0] == "单位"}
    assert units[("东城中学", "示范县公安局 / 东城派出所")] == ("school-a", "org_unit")
    assert units[("东城中学", "示范县公安局 / 西城派出所")] == ("school-a2", "org_unit")
    assert units[("示范县公安局", None)] == ("county", "org_unit")
    kinds = {row[1]: row[2:4] for row in rows if row[0] == "活动类型"}
    assert kinds["街头摆摊宣传"] == ("street_booth", "activity_type")
    indicators = {row[1]: row[2:4] for row in rows if row[0] == "指标"}
    assert indicators["现场参与"] == ("participants", "participants")
    scams = {row[1]: row[2] for row in rows if row[0] == "诈骗类型"}
    assert all(scams.get(scam.name_zh) == scam.slug for scam in ScamType.objects.published())
    # Every name in a data sheet's name column is in the code sheet.
    for name in ("按单位", "按活动类型", "按宣传对象", "按涉及的诈骗类型"):
        data = workbook[name]
        for row in data.iter_rows(min_row=header_row(data) + 1, values_only=True):
            if row[0]:
                assert any(entry[1] == row[0] for entry in rows), (name, row[0])


def test_an_activity_row_turned_back_into_codes_is_accepted_by_the_import(county_work, staff_a, tmp_path):
    """The import reads these codes: the listed activity is found as already imported, and
    the same row with another title is good to import."""
    workbook = export(tmp_path)
    rows = list(workbook[CODE_SHEET].iter_rows(min_row=4, values_only=True))
    unit_codes = {f"{row[4]} / {row[1]}" if row[4] else row[1]: row[2] for row in rows if row[0] == "单位"}
    type_codes = {row[1]: row[2] for row in rows if row[0] == "活动类型"}
    columns = {row[1]: row[3] for row in rows if row[0] == "指标" and row[3]}

    listed = list(workbook["活动列表"].iter_rows(min_row=2, values_only=True))
    header, body = listed[0], listed[1:]
    row = dict(zip(header, next(row for row in body if row[2] == "东城集市反诈咨询台0"), strict=True))
    path = " / ".join(row[f"第{level}级"] for level in (1, 2, 3) if row.get(f"第{level}级"))
    figures = {columns[name]: row[name] for name in columns if row.get(name) is not None}

    def import_file(title):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["date", "org_unit", "activity_type", "title", *figures])
        writer.writerow(
            [row["日期"].date().isoformat(), unit_codes[path], type_codes[row["活动类型"]], title, *figures.values()]
        )
        with translation.override("en"):
            return import_activities(buffer.getvalue().encode(), "again.csv", staff_a, dry_run=True)

    again = import_file(row["标题"])
    assert [error.message for error in again.errors] == [
        "already imported: an activity with this unit, date, type and title exists"
    ]
    fresh = import_file("东城集市反诈咨询台（补录）")
    assert fresh.ok, fresh.errors
    assert figures == {"participants": 100, "materials": 50}


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_units_are_named_in_the_language_of_the_workbook(county_work, staff_a, tmp_path, language):
    """The activity list and the code sheet name each unit as its page does (unit.t.name):
    in English, a unit without an English name in Chinese; in Traditional characters."""
    nameless = make_unit("school-a3", county_work["a"], kind="school", name_zh="东城职业学校", name_en="")
    make_activity(nameless, staff_a, status="approved", date=datetime.date(2026, 3, 20), title="职校讲座")
    workbook = export(tmp_path, language)
    with translation.override(language):
        expected = {unit.code: str(unit.t.name) for unit in OrgUnit.objects.all()}
    codes = workbook.worksheets[-1]
    named = {row[2]: row[1] for row in codes.iter_rows(min_row=4, values_only=True) if row[3] == "org_unit"}
    assert named == expected
    assert named["school-a3"] == ("東城職業學校" if language == "zh-hant" else "东城职业学校")
    assert named["station-a"] == ("東城派出所" if language == "zh-hant" else "East Town Station")
    listed = workbook.worksheets[-3]  # the activity list, before the definitions and codes
    row = next(row for row in listed.iter_rows(min_row=3, values_only=True) if row[2] == "职校讲座")
    assert row[5:8] == (expected["county"], expected["station-a"], expected["school-a3"])
