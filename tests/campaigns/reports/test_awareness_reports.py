"""quiz_takers and awareness_rate in every report format, the worst-answered types, the
before/after on the campaign page, and a report whose cost does not grow with quiz data."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from pypdf import PdfReader

from campaigns.models import (
    Activity,
    ActivityType,
    Campaign,
    Kit,
    KitQuiz,
    KitQuizAnswer,
    PaperTally,
    PaperTallyLine,
)
from campaigns.reports import measured, summary
from tests.conftest import make_question, make_scam_type

TODAY = datetime.date(2026, 11, 18)  # the pinned clock's day


@pytest.fixture
def quizzes(county, staff_a):
    """Online answers at school A (three types, 40 answers each: 10, 30 and 36 right), and an
    approved paper tally of 20 sheets at station B (one question of the first type, 8 right)."""
    campaign = Campaign.objects.create(
        name_zh="反诈月",
        name_en="Month",
        start=TODAY - datetime.timedelta(days=10),
        end=TODAY,
        lead_unit=county["bureau"],
    )
    code = Kit.objects.create(campaign=campaign).code_for(county["school_a"])
    types = [make_scam_type(slug, harm=5) for slug in ("safe-account", "refund", "investment")]
    questions = [make_question(scam) for scam in types]
    KitQuiz.objects.create(code=code, day=TODAY, count=40)
    for question, right in zip(questions, (10, 30, 36), strict=True):
        KitQuizAnswer.objects.create(code=code, day=TODAY, question=question, answered=40, correct=right)
    activity = Activity.objects.create(
        unit=county["b"],
        activity_type=ActivityType.objects.get(code="class_meeting"),
        title="纸质答题",
        date=TODAY,
        status=Activity.Status.APPROVED,
        created_by=staff_a,
        updated_by=staff_a,
    )
    PaperTallyLine.objects.create(
        tally=PaperTally.objects.create(activity=activity, sheets=20), question=questions[0], correct=8
    )
    return {"campaign": campaign, "types": types}


def export(client, file_format, language, **query):
    with translation.override(language):
        path = reverse("reports:export")
    response = client.get(path, {"date_from": f"{TODAY}", "date_to": f"{TODAY}", "format": file_format, **query})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


# (10 + 30 + 36 + 8) right of (3 * 40 + 20) answered; 40 online quizzes and 20 sheets.
RATE = round(84 * 100 / 140, 1)


def test_the_report_names_the_rate_and_the_worst_answered_types(client, quizzes, administrator):
    assert RATE == 60.0
    report = summary.build(summary.ReportFilters(start=TODAY, end=TODAY))
    assert (report.total.values["quiz_takers"], report.total.values["awareness_rate"]) == (60, RATE)
    # safe-account: 18 of 60 (30 %), refund 30 of 40 (75 %), investment 36 of 40 (90 %).
    assert [(row.key, row.measures.rate) for row in report.worst_answered] == [
        ("safe-account", 30.0),
        ("refund", 75.0),
        ("investment", 90.0),
    ]
    client.force_login(administrator)
    with translation.override("en"):
        page = client.get(reverse("reports:report"), {"date_from": f"{TODAY}", "date_to": f"{TODAY}"})
    content = page.content.decode()
    assert 'data-scam="safe-account"' in content
    assert "/materials/?scam_type=safe-account" in content
    overview = client.get(reverse("reports:overview")).content.decode()
    assert "/materials/?scam_type=safe-account" in overview
    assert 'data-unit="county"' in overview or 'data-unit="station-a"' in overview


def test_the_docx_has_a_sentence_in_section_two_and_an_annex_table(client, quizzes, administrator):
    client.force_login(administrator)
    document = Document(io.BytesIO(export(client, "docx", "zh-hans")))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    methods = text.split("二、主要做法", 1)[1].split("三、工作成效", 1)[0]
    assert "组织防诈骗答题60人次" in methods
    assert f"知晓率为{RATE}%" in methods
    assert "“safe-account 的name”（30.0%）" in methods
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    annex = next(table for table in tables if table[0][:2] == ["单位", "答题人次"])
    assert annex[-1] == ["合计", "60", "140", "84", f"{RATE}%"]


def test_the_xlsx_csv_and_pdf_carry_both_indicators(client, quizzes, administrator):
    client.force_login(administrator)
    workbook = openpyxl.load_workbook(io.BytesIO(export(client, "xlsx", "en")))
    total = {row[0]: row[1] for row in workbook["Total"].iter_rows(min_row=3, values_only=True)}
    assert total["Quiz takers"] == 60
    assert total["Awareness rate"] == RATE
    csv_text = export(client, "csv", "en").decode("utf-8-sig")
    assert f"total,,awareness_rate,{RATE}" in csv_text
    reader = PdfReader(io.BytesIO(export(client, "pdf", "en")))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Awareness rate" in text and f"{RATE}" in text


def test_the_campaign_page_compares_before_and_after(client, quizzes, county, administrator):
    campaign = quizzes["campaign"]
    before = TODAY - datetime.timedelta(days=15)  # within the 30 days before its start
    code = campaign.kit.code_for(county["school_a"])
    question = make_question(quizzes["types"][0])
    KitQuizAnswer.objects.create(code=code, day=before, question=question, answered=29, correct=10)
    client.force_login(administrator)
    with translation.override("en"):
        page = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    assert "Too few answers to compare" in page
    KitQuizAnswer.objects.filter(day=before).update(answered=30)
    with translation.override("en"):
        page = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    assert "Too few answers to compare" not in page
    after = measured.before_after(campaign, TODAY)
    assert (after.before.rate, after.after.rate) == (round(1000 / 30, 1), RATE)
    assert f"Change: {round(RATE - round(1000 / 30, 1), 1)} percentage points." in page
    # The campaign's own figure counts its kit's quizzes only (the paper tally names no campaign).
    assert 'id="awareness-rate">63.3%' in page


def test_the_report_costs_the_same_whatever_the_quiz_data(county, staff_a, quizzes):
    filters = summary.ReportFilters(start=TODAY - datetime.timedelta(days=60), end=TODAY)

    def cost():
        with CaptureQueriesContext(connection) as queries:
            summary.build(filters)
        return len(queries)

    before = cost()
    code = quizzes["campaign"].kit.code_for(county["school_b"])
    questions = [make_question(scam) for scam in quizzes["types"] for _ in range(3)]
    for days in range(40):
        day = TODAY - datetime.timedelta(days=days)
        KitQuiz.objects.create(code=code, day=day, count=5)
        for question in questions:
            KitQuizAnswer.objects.create(code=code, day=day, question=question, answered=5, correct=3)
    for number in range(30):
        activity = Activity.objects.create(
            unit=county["school_b"],
            activity_type=ActivityType.objects.get(code="class_meeting"),
            title=f"纸质{number}",
            date=TODAY - datetime.timedelta(days=number),
            status=Activity.Status.APPROVED,
            created_by=staff_a,
            updated_by=staff_a,
        )
        tally = PaperTally.objects.create(activity=activity, sheets=10)
        for question in questions[:4]:
            PaperTallyLine.objects.create(tally=tally, question=question, correct=5)
    assert cost() == before
    assert timezone.localdate() == TODAY
