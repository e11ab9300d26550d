import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone, translation

from campaigns.importing import import_activities, template_csv, template_xlsx
from campaigns.models import Activity, ActivityEvent, ActivityType, Campaign, Figure, Indicator, OrgUnit
from tests.conftest import PINNED_NOW, make_activity, make_unit

HEADER = [
    "date",
    "end_date",
    "org_unit",
    "activity_type",
    "title",
    "campaign",
    "location",
    "audiences",
    "scam_types",
    "notes",
    "ref",
    "participants",
    "materials",
    "online_reach",
]
# Dates are relative to today so that the file never drifts into "the future" check.
DAY = PINNED_NOW.date() - datetime.timedelta(days=30)
LATER = DAY + datetime.timedelta(days=2)


def row(**values):
    """A good row for station-a; override any column."""
    base = {
        "date": DAY.isoformat(),
        "org_unit": "station-a",
        "activity_type": "class_meeting",
        "title": "防诈主题班会",
        "audiences": "students",
        "participants": "40",
    }
    base.update(values)
    return base


def csv_file(rows, header=HEADER, encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_file(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def problems(report):
    return {(error.row, error.column) for error in report.errors}


@pytest.fixture(autouse=True)
def english():
    # The messages are asserted in English whatever the catalogue later translates.
    with translation.override("en"):
        yield


@pytest.fixture
def campaign(county):
    return Campaign.objects.create(
        name_zh="全民反诈在行动",
        name_en="Everyone Against Fraud",
        start=DAY - datetime.timedelta(days=60),
        end=DAY + datetime.timedelta(days=60),
        lead_unit=county["bureau"],
    )


def test_clean_csv_creates_activities_with_figures_audiences_scam_types_and_events(
    staff_a, county, catalogue, campaign
):
    data = csv_file(
        [
            row(
                title="东城中学主题班会",
                org_unit="school-a",
                end_date=LATER.isoformat(),
                campaign="Everyone Against Fraud",
                location="初二3班",
                audiences=" students \uff1bparents; ",  # the full-width semicolon too
                scam_types="order-brushing;tax-refund",
                notes="与班主任共同开展",
                ref="EC-001",
                participants=" 1,200 ",
                materials="",
                online_reach="0",
            ),
            row(title="街头宣传", activity_type="street_booth", audiences="", participants="35", materials="300"),
        ]
    )

    report = import_activities(data, "october.csv", staff_a)

    assert report.errors == []
    assert (report.ok, report.rows, report.created, report.dry_run) == (True, 2, 2, False)
    meeting = Activity.objects.get(ref="EC-001")
    assert (meeting.unit, meeting.title, meeting.date, meeting.end_date) == (
        county["school_a"],
        "东城中学主题班会",
        DAY,
        LATER,
    )
    assert (meeting.campaign, meeting.location, meeting.notes) == (campaign, "初二3班", "与班主任共同开展")
    assert meeting.activity_type.code == "class_meeting"
    assert (meeting.status, meeting.created_by, meeting.updated_by, meeting.reviewed_by) == (
        "draft",
        staff_a,
        staff_a,
        None,
    )
    # A blank figure is not recorded; a zero is.
    assert {figure.indicator.code: figure.value for figure in meeting.figures.all()} == {
        "participants": 1200,
        "online_reach": 0,
    }
    assert sorted(meeting.audiences.values_list("code", flat=True)) == ["parents", "students"]
    assert sorted(meeting.scam_types.values_list("slug", flat=True)) == ["order-brushing", "tax-refund"]
    [event] = meeting.events.all()
    assert (event.action, event.actor, event.changes, event.reason) == ("imported", staff_a, [], "import: october.csv")

    booth = Activity.objects.get(title="街头宣传")
    assert (booth.unit, booth.ref, booth.campaign, booth.end_date) == (county["a"], "", None, None)
    assert {figure.indicator.code: figure.value for figure in booth.figures.all()} == {
        "participants": 35,
        "materials": 300,
    }
    assert not booth.audiences.exists()
    assert ActivityEvent.objects.filter(action="imported").count() == 2


def test_file_with_fifty_bad_rows_writes_nothing_and_reports_every_row(staff_a, county, catalogue, campaign):
    make_unit("closed-school", county["a"], kind="school", active=False)
    make_activity(county["a"], staff_a, title="已有活动", ref="OLD-1")
    make_activity(
        county["a"],
        staff_a,
        title="无编号旧活动",
        date=DAY,
        activity_type=ActivityType.objects.get(code="street_booth"),
    )
    before = (Activity.objects.count(), Figure.objects.count(), ActivityEvent.objects.count())
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    # (column, words of the message, how the row goes wrong); each bad row has one defect.
    defects = [
        ("org_unit", "unknown unit 'no-such-unit', or not one of yours", {"org_unit": "no-such-unit"}),
        ("org_unit", "inactive", {"org_unit": "closed-school"}),
        ("org_unit", "unknown unit 'station-b', or not one of yours", {"org_unit": "station-b"}),
        ("org_unit", "unknown unit 'school-b', or not one of yours", {"org_unit": "school-b"}),
        ("org_unit", "required", {"org_unit": ""}),
        ("activity_type", "unknown activity type 'picnic'", {"activity_type": "picnic"}),
        ("audiences", "unknown audience group 'aliens'", {"audiences": "students;aliens"}),
        ("scam_types", "unknown scam type 'no-such-scam'", {"scam_types": "tax-refund;no-such-scam"}),
        ("campaign", "unknown campaign", {"campaign": "不存在的活动"}),
        ("date", "not a date", {"date": "15/10/2026"}),
        ("date", "no date", {"date": "2026-02-30"}),
        ("date", "in the future", {"date": tomorrow.isoformat()}),
        ("date", "required", {"date": ""}),
        ("end_date", "before the date", {"end_date": (DAY - datetime.timedelta(days=1)).isoformat()}),
        ("participants", "negative", {"participants": "-3"}),
        ("materials", "not a number", {"materials": "abc"}),
        ("participants", "not a whole number", {"participants": "1.5"}),
        ("online_reach", "too large", {"online_reach": "1,000,000,000,001"}),
        ("title", "required", {"title": "  "}),
        ("title", "longer than 200", {"title": "长" * 201}),
        ("ref", "longer than 60", {"ref": "R" * 61}),
        ("ref", "also on row 2", {"ref": "GOOD-1"}),
        ("", "as row 3", {"title": "没有编号的好活动"}),
        ("ref", "already imported", {"ref": "OLD-1"}),
        ("", "already imported", {"title": "无编号旧活动", "activity_type": "street_booth"}),
    ]
    rows, expected = [row(title="有编号的好活动", ref="GOOD-1"), row(title="没有编号的好活动")], {}
    for index in range(50):
        column, words, change = defects[index % len(defects)]
        # Unique titles keep every row's defect its own, except where the title is the defect.
        values = row(title=f"活动{index}", **change) if "title" not in change else row(**change)
        rows.append(values)
        expected[len(rows) + 1] = (column, words)

    report = import_activities(csv_file(rows), "bad.csv", staff_a)

    assert not report.ok
    assert (report.rows, report.created) == (52, 0)
    assert {error.row for error in report.errors} == set(range(4, 54))
    assert problems(report) == {(number, column) for number, (column, _words) in expected.items()}
    for number, (column, words) in expected.items():
        messages = [error.message for error in report.errors if (error.row, error.column) == (number, column)]
        assert any(words in message for message in messages), (number, column, words, messages)
    assert [error.row for error in report.errors] == sorted(error.row for error in report.errors)
    assert (Activity.objects.count(), Figure.objects.count(), ActivityEvent.objects.count()) == before


def test_gbk_encoded_csv_imports_with_chinese_titles_intact(staff_a):
    data = csv_file([row(title="反诈宣传进校园", location="东城中学礼堂")], encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    report = import_activities(data, "excel.csv", staff_a)

    assert report.ok, report.errors
    activity = Activity.objects.get()
    assert (activity.title, activity.location) == ("反诈宣传进校园", "东城中学礼堂")


def test_utf8_with_bom_imports(staff_a):
    data = csv_file([row(title="带BOM的文件")], encoding="utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")

    report = import_activities(data, "bom.csv", staff_a)

    assert report.ok, report.errors
    assert Activity.objects.get().date == DAY


def test_xlsx_imports_date_cells_and_whole_floats_and_is_recognised_by_its_bytes(staff_a, county):
    data = xlsx_file(
        [
            ["date", "org_unit", "activity_type", "title", "participants", "materials", "ref"],
            [
                datetime.datetime.combine(DAY, datetime.time()),
                "station-a",
                "class_meeting",
                "表格导入",
                12.0,
                "1,200",
                7,
            ],
            [None, None, None, None, None, None, None],  # a blank row in between is skipped
            [DAY.strftime("%Y/%m/%d"), "school-a", "street_booth", "第二行", 3, None, None],
        ]
    )

    report = import_activities(data, "upload.bin", staff_a)

    assert report.ok, report.errors
    assert (report.rows, report.created) == (2, 2)
    first = Activity.objects.get(title="表格导入")
    assert (first.date, first.ref) == (DAY, "7")
    assert {figure.indicator.code: figure.value for figure in first.figures.all()} == {
        "participants": 12,
        "materials": 1200,
    }
    second = Activity.objects.get(title="第二行")
    assert (second.unit, second.date) == (county["school_a"], DAY)


def test_xlsx_errors_carry_the_row_numbers_the_spreadsheet_shows(staff_a):
    data = xlsx_file(
        [
            ["date", "org_unit", "activity_type", "title", "participants"],
            [DAY, "station-a", "class_meeting", "好", 12],
            [],
            [DAY, "station-a", "class_meeting", "坏", 12.5],
        ]
    )

    report = import_activities(data, "upload.xlsx", staff_a)

    assert problems(report) == {(4, "participants")}
    assert not Activity.objects.exists()


def test_importing_the_same_file_twice_changes_nothing(staff_a, catalogue):
    data = csv_file(
        [
            row(title="有编号", ref="R-1", scam_types="tax-refund", participants="10"),
            row(title="无编号", participants="20", materials="5"),
        ]
    )
    assert import_activities(data, "week.csv", staff_a).created == 2
    counts = (
        Activity.objects.count(),
        Figure.objects.count(),
        ActivityEvent.objects.count(),
        Activity.scam_types.through.objects.count(),
    )

    again = import_activities(data, "week.csv", staff_a)

    assert (again.ok, again.created) == (False, 0)
    assert problems(again) == {(2, "ref"), (3, "")}
    assert all("already imported" in error.message for error in again.errors)
    assert counts == (
        Activity.objects.count(),
        Figure.objects.count(),
        ActivityEvent.objects.count(),
        Activity.scam_types.through.objects.count(),
    )
    assert counts == (2, 3, 2, 1)


def test_dry_run_writes_nothing_but_counts_the_rows_it_would_create(staff_a):
    data = csv_file([row(title=f"活动{n}") for n in range(3)])

    report = import_activities(data, "plan.csv", staff_a, dry_run=True)

    assert (report.ok, report.dry_run, report.rows, report.created) == (True, True, 3, 0)
    assert not Activity.objects.exists()
    assert not Figure.objects.exists()


def test_dry_run_still_finds_every_problem(staff_a):
    data = csv_file([row(), row(org_unit="station-b")])

    report = import_activities(data, "plan.csv", staff_a, dry_run=True)

    assert problems(report) == {(3, "org_unit")}


def test_file_without_data_rows_is_an_error(staff_a):
    report = import_activities(csv_file([]), "empty.csv", staff_a)

    assert (report.ok, report.rows) == (False, 0)
    assert [(error.row, error.column) for error in report.errors] == [(0, "")]


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "empty.csv"),
        (b"\xd0\xcf\x11\xe0old excel", "old.xls"),
        (b"not a zip", "fake.xlsx"),
        (b"PK\x03\x04junk", "x.xlsx"),
    ],
)
def test_unreadable_files_are_reported_not_raised(staff_a, data, filename):
    report = import_activities(data, filename, staff_a)

    assert [(error.row, error.column) for error in report.errors] == [(0, "")]


def test_csv_template_imports_once_the_unit_code_is_filled_in(staff_a, catalogue):
    data = template_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:11] == HEADER[:11]
    assert header[11:] == list(Indicator.objects.typed().values_list("code", flat=True))
    assert "qr_scans" not in header  # computed, never typed

    report = import_activities(data.replace(b"your-unit-code", b"school-a"), "template.csv", staff_a)

    assert report.ok, report.errors
    activity = Activity.objects.get()
    assert activity.activity_type.code == "class_meeting"
    assert activity.figures.get(indicator__code="participants").value == 48
    assert activity.scam_types.count() == 2


def test_xlsx_template_has_the_example_and_a_sheet_of_codes(staff_a):
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    assert workbook.sheetnames == ["activities", "codes"]
    codes = {(row[0], row[1]): row[2:4] for row in workbook["codes"].iter_rows(min_row=2, values_only=True)}
    assert codes[("activity_type", "class_meeting")] == ("主题班会", "Class meeting")
    assert codes[("audiences", "students")] == ("学生", "Students")
    assert codes[("participants", "participants")] == ("现场参与", "In-person participants")

    workbook["activities"]["C2"] = "station-a"
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_activities(buffer.getvalue(), "template.xlsx", staff_a)

    assert report.ok, report.errors
    assert Activity.objects.get().title == "“防范电信网络诈骗”主题班会"


def test_ten_thousand_rows_import(staff_a, catalogue):
    rows = [
        row(
            title=f"批量活动{n}",
            org_unit="school-a" if n % 2 else "station-a",
            ref=f"B-{n}" if n % 3 else "",
            audiences="students;parents",
            scam_types="tax-refund",
            participants=str(n),
            materials="1,000",
            online_reach="" if n % 5 else "7",
        )
        for n in range(10_000)
    ]

    report = import_activities(csv_file(rows), "big.csv", staff_a)

    assert report.ok, report.errors[:5]
    assert (report.rows, report.created) == (10_000, 10_000)
    assert Activity.objects.count() == 10_000
    assert Figure.objects.count() == 10_000 * 2 + 2_000
    assert Activity.audiences.through.objects.count() == 20_000
    assert ActivityEvent.objects.filter(action="imported").count() == 10_000
    assert Activity.objects.get(title="批量活动9999").figures.get(indicator__code="participants").value == 9999
    assert OrgUnit.objects.get(code="school-a").activities.count() == 5_000
