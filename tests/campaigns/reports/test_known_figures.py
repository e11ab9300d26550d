"""A hand-made data set whose report is known, checked in every export format."""

import csv
import datetime
import io
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from campaigns.models import AudienceGroup
from campaigns.reports.exports import columns
from scams.models import ScamType
from tests.conftest import make_activity

PERIOD = ["--from", "2026-01-01", "--to", "2026-06-30"]


@pytest.fixture
def known(county, staff_a, catalogue):
    """Three counted activities; one submitted, one out of the period."""
    students, parents = AudienceGroup.objects.get(code="students"), AudienceGroup.objects.get(code="parents")
    brushing, refund = ScamType.objects.get(slug="order-brushing"), ScamType.objects.get(slug="tax-refund")
    from campaigns.models import ActivityType

    class_meeting = ActivityType.objects.get(code="class_meeting")
    online = ActivityType.objects.get(code="online_push")
    make_activity(
        county["a"],
        staff_a,
        status="approved",
        date=datetime.date(2026, 3, 10),
        activity_type=class_meeting,
        title='=HYPERLINK("http://evil")',
        figures={"participants": 120, "materials": 200},
        audiences=[students, parents],
        scam_types=[brushing],
    )
    make_activity(
        county["school_a"],
        staff_a,
        status="approved",
        date=datetime.date(2026, 3, 20),
        figures={"participants": 80, "commitments": 1500},
        audiences=[students],
        scam_types=[brushing, refund],
    )
    make_activity(
        county["b"],
        staff_a,
        status="approved",
        date=datetime.date(2026, 4, 5),
        activity_type=online,
        figures={"online_reach": 3000},
    )
    make_activity(
        county["b"], staff_a, status="submitted", date=datetime.date(2026, 4, 6), figures={"participants": 999}
    )
    make_activity(
        county["a"], staff_a, status="approved", date=datetime.date(2025, 12, 31), figures={"participants": 7}
    )
    return county


def export(tmp_path, file_format, *extra):
    path = tmp_path / f"report.{file_format}"
    call_command("export_report", *PERIOD, "--format", file_format, "--output", str(path), *extra)
    return path


def test_csv_values(known, tmp_path):
    data = export(tmp_path, "csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["section", "group", "indicator", "value", "group_label", "indicator_label"]
    got = {tuple(row[:3]): int(row[3]) for row in rows[1:]}
    expected = {
        ("total", "", "activities"): 3,
        ("total", "", "participants"): 200,
        ("total", "", "materials"): 200,
        ("total", "", "commitments"): 1500,
        ("total", "", "online_reach"): 3000,
        ("month", "2026-03", "activities"): 2,
        ("month", "2026-03", "participants"): 200,
        ("month", "2026-04", "activities"): 1,
        ("month", "2026-04", "online_reach"): 3000,
        ("org_unit", "county", "activities"): 3,
        ("activity_type", "class_meeting", "activities"): 1,
        ("activity_type", "street_booth", "activities"): 1,
        ("activity_type", "online_push", "activities"): 1,
        ("audience", "students", "activities"): 2,
        ("audience", "students", "participants"): 200,
        ("audience", "parents", "activities"): 1,
        ("scam_type", "order-brushing", "activities"): 2,
        ("scam_type", "tax-refund", "activities"): 1,
        ("scam_type", "tax-refund", "commitments"): 1500,
    }
    for key, value in expected.items():
        assert got[key] == value, key
    # Rows with no activities are left out; submitted and out-of-period ones are not counted.
    assert ("scam_type", "fake-kidnapping", "activities") not in got
    assert ("total", "", "participants") in got and got[("total", "", "participants")] != 1199


def test_csv_by_child_unit_of_a_chosen_unit(known, tmp_path):
    rows = list(csv.reader(io.StringIO(export(tmp_path, "csv", "--org", "county").read_text("utf-8-sig"))))
    got = {tuple(row[:3]): int(row[3]) for row in rows[1:]}
    assert got[("org_unit", "station-a", "activities")] == 2  # its own activity and its school's
    assert got[("org_unit", "station-a", "participants")] == 200
    assert got[("org_unit", "station-b", "online_reach")] == 3000


def test_xlsx_cells(known, tmp_path):
    workbook = openpyxl.load_workbook(export(tmp_path, "xlsx", "--lang", "en"))
    # Row 1 says what the sheet counts; row 2 is the header.
    assert workbook["Total"]["A1"].value.startswith("The whole organisation, 2026-01-01 to 2026-06-30")
    total = {row[0]: row[1] for row in workbook["Total"].iter_rows(min_row=3, values_only=True)}
    assert total["Number of activities"] == 3
    assert total["In-person participants"] == 200
    assert total["Online reach"] == 3000
    months = {row[0]: row[1] for row in workbook["By month"].iter_rows(min_row=3, values_only=True)}
    assert months == {"2026-03": 2, "2026-04": 1}
    activities = list(workbook["Activities"].iter_rows(values_only=True))
    header, body = activities[1], activities[2:]
    assert len(body) == 3
    assert header[3:8] == ("Activity type", "Status", "Level 1", "Level 2", "Level 3")
    assert "Unit code" not in header  # units by name; the Codes sheet has their codes
    school_row = next(row for row in body if row[7] == "East Town Middle School")
    assert school_row[5:7] == ("Demo County Bureau", "East Town Station")
    assert school_row[3:5] == ("Street booth", "approved")
    titles = [row[2] for row in body]
    assert '\'=HYPERLINK("http://evil")' in titles  # a formula is neutralised
    assert "Definitions" in workbook.sheetnames
    codes = {row[1]: row[2:4] for row in workbook["Codes"].iter_rows(min_row=4, values_only=True) if row[0] == "Unit"}
    assert codes["East Town Middle School"] == ("school-a", "org_unit")


def test_xlsx_lists_a_limited_number_of_activities_and_says_so(known, tmp_path, monkeypatch):
    from campaigns.reports import activity_sheet

    monkeypatch.setattr(activity_sheet, "MAX_LISTED_ACTIVITIES", 2)
    activities = list(load_workbook_sheet(export(tmp_path, "xlsx", "--lang", "en"), "Activities"))
    listed = [row for row in activities[1:] if row and isinstance(row[0], int)]
    assert len(listed) == 2
    assert activities[-1][0] == "Only the first 2 of the 3 activities counted are listed. " + (
        "Choose a unit or a shorter period to list them all."
    )


def load_workbook_sheet(path, name):
    return openpyxl.load_workbook(path)[name].iter_rows(values_only=True)


def test_pdf_text_has_the_chinese_title_and_totals(known, tmp_path):
    reader = PdfReader(export(tmp_path, "pdf", "--lang", "zh-hans"))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "反诈宣传工作汇报" in text
    assert "1,500" in text and "3,000" in text
    fonts = {
        str(font.get_object()["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert any("CJK" in font for font in fonts), fonts  # Chinese glyphs embedded


def test_docx_narrative_has_the_same_numbers(known, tmp_path):
    document = Document(export(tmp_path, "docx", "--lang", "zh-hans"))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "共开展反诈宣传活动3场" in text
    assert "现场参与200人次" in text
    assert "线上覆盖3,000人次" in text
    assert "签订承诺书1,500份" in text
    english = "\n".join(p.text for p in Document(export(tmp_path, "docx", "--lang", "en")).paragraphs)
    assert "held 3 anti-fraud outreach activities" in english
    assert "200 person-times attended in person" in english
    assert "3,000 person-times were reached online" in english


def test_csv_names_each_group_and_indicator_in_the_report_language(known, tmp_path):
    rows = list(csv.reader(io.StringIO(export(tmp_path, "csv", "--lang", "en").read_text("utf-8-sig"))))
    named = {tuple(row[:3]): tuple(row[4:]) for row in rows[1:]}
    assert named[("total", "", "activities")] == ("", "Number of activities")
    assert named[("total", "", "participants")] == ("", "In-person participants")
    assert named[("activity_type", "class_meeting", "activities")] == ("Class meeting", "Number of activities")
    refund = ScamType.objects.get(slug="tax-refund").name_en
    assert named[("scam_type", "tax-refund", "commitments")] == (refund, "Commitment letters signed")


SECTION_TITLES = ["By month", "By unit", "By activity type", "By audience group", "By scam type covered"]


def test_the_page_and_every_export_give_the_sections_the_same_titles(known, tmp_path, client, administrator):
    client.force_login(administrator)
    with translation.override("en"):
        page = client.get(reverse("reports:report"), {"date_from": "2026-01-01", "date_to": "2026-06-30"})
    # In the Word file the tables are an annex after the sign-off, each under a second-level heading.
    headings = [
        paragraph.text
        for paragraph in Document(export(tmp_path, "docx", "--lang", "en")).paragraphs
        if paragraph.style.name == "Heading 2"
    ]
    sheets = openpyxl.load_workbook(export(tmp_path, "xlsx", "--lang", "en")).sheetnames
    pdf = "".join(leaf.extract_text() for leaf in PdfReader(export(tmp_path, "pdf", "--lang", "en")).pages)
    for title in SECTION_TITLES:
        assert f">{title}</h2>" in page.content.decode()
        assert title in headings
        assert title in sheets
        assert title in pdf


def test_each_format_takes_its_indicator_columns_from_one_choice():
    indicators = [SimpleNamespace(code=f"i{number}", computed=number == 2) for number in range(8)]
    report = SimpleNamespace(indicators=indicators, total=SimpleNamespace(values={f"i{n}": 1 for n in range(1, 8)}))
    report.typed = [indicator for indicator in indicators if not indicator.computed]
    assert columns(report, "xlsx") == columns(report, "csv") == indicators
    # The measured i2 has a column of its own on the page, apart from the typed ones.
    assert columns(report, "page") == columns(report, "pdf") == [indicators[n] for n in (1, 3, 4, 5, 6)]
    assert columns(report, "docx") == [indicators[n] for n in (1, 3, 4, 5)]
