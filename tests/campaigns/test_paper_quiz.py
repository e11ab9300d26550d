"""Paper quizzes: the printed sheet and its answer key, and the tally typed on the activity
form, which counts in reports only once the activity is approved."""

import datetime

import pypdfium2
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Activity, Campaign, Kit, KitQuiz, KitQuizAnswer, PaperTally
from campaigns.reports import summary
from tests.campaigns.test_activity_edit import activity_form
from tests.conftest import make_question, make_scam_type


@pytest.fixture
def bank(db):
    """Two types, two questions each; choice 1 is right."""
    types = [make_scam_type(f"paper-{number}", harm=5 - number) for number in range(2)]
    return [make_question(scam) for scam in types for _ in range(2)]


def tally_form(unit, questions, sheets, right, **overrides):
    data = activity_form(unit, quiz_questions=",".join(str(question.pk) for question in questions), **overrides)
    data["quiz_sheets"] = str(sheets)
    data.update({f"quiz_right_{question.pk}": str(value) for question, value in zip(questions, right, strict=True)})
    return data


def rate_in_report(unit, day):
    report = summary.build(summary.ReportFilters(start=day, end=day, unit=unit), materials=False)
    return report.total.values.get("quiz_takers"), report.total.values.get("awareness_rate")


def test_a_tally_counts_only_after_approval_and_combines_exactly_with_online_answers(
    client, bank, county, staff_a, reviewer
):
    client.force_login(staff_a)
    page = client.get(reverse("campaigns:activity-new")).content.decode()
    questions = bank  # the catalogue-wide sheet: every question of the two types, most harmful first
    assert [f"quiz_right_{question.pk}" in page for question in questions] == [True] * 4
    day = datetime.date(2026, 10, 20)
    response = client.post(
        reverse("campaigns:activity-new"), tally_form(county["a"], questions, sheets=40, right=[30, 25, 20, 15])
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    tally = PaperTally.objects.get(activity=activity)
    assert tally.sheets == 40
    assert sorted(tally.lines.values_list("correct", flat=True)) == [15, 20, 25, 30]

    # Online answers on the same day, at a unit under the same bureau.
    campaign = Campaign.objects.create(name_zh="月", name_en="Month", start=day, end=day, lead_unit=county["bureau"])
    code = Kit.objects.create(campaign=campaign).code_for(county["b"])
    KitQuiz.objects.create(code=code, day=day, count=7)
    KitQuizAnswer.objects.create(code=code, day=day, question=bank[0], answered=35, correct=14)

    # A draft, then a submitted activity: the paper does not count yet.
    assert rate_in_report(county["bureau"], day) == (7, 40.0)
    client.post(reverse("campaigns:activity-submit", args=[activity.pk]))
    assert rate_in_report(county["bureau"], day) == (7, 40.0)

    client.force_login(reviewer)
    client.post(reverse("campaigns:activity-approve", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.APPROVED
    # 7 online + 40 sheets; (14 + 30 + 25 + 20 + 15) right of (35 + 4 * 40) answered.
    assert rate_in_report(county["bureau"], day) == (47, round(104 * 100 / 195, 1))
    assert rate_in_report(county["bureau"], day)[1] == 53.3
    # Each side alone, for its own unit.
    assert rate_in_report(county["a"], day) == (40, round(90 * 100 / 160, 1))
    assert rate_in_report(county["b"], day) == (7, 40.0)


def test_the_tally_must_agree_with_the_sheets(client, bank, county, staff_a):
    client.force_login(staff_a)
    with translation.override("en"):
        new = reverse("campaigns:activity-new")
    too_many = tally_form(county["a"], bank, sheets=10, right=[11, 0, 0, 0])
    response = client.post(new, too_many)
    assert response.status_code == 200
    assert "More right answers than sheets collected." in response.content.decode()
    missing = tally_form(county["a"], bank, sheets=10, right=[1, 2, 3, 4])
    missing[f"quiz_right_{bank[3].pk}"] = ""
    assert "0 if none" in client.post(new, missing).content.decode()
    no_sheets = tally_form(county["a"], bank, sheets=0, right=[1, 0, 0, 0])
    assert "how many quiz sheets" in client.post(new, no_sheets).content.decode()
    assert not Activity.objects.exists()


def test_an_edit_changes_and_removes_the_tally_with_history(client, bank, county, staff_a):
    client.force_login(staff_a)
    client.post(reverse("campaigns:activity-new"), tally_form(county["a"], bank, sheets=10, right=[5, 5, 5, 5]))
    activity = Activity.objects.get()
    edit = reverse("campaigns:activity-edit", args=[activity.pk])
    # The edit form shows the tally's own questions and counts.
    page = client.get(edit).content.decode()
    assert f'name="quiz_right_{bank[0].pk}" value="5"' in page
    client.post(edit, tally_form(county["a"], bank, sheets=12, right=[6, 5, 5, 5], version=1))
    assert PaperTally.objects.get(activity=activity).sheets == 12
    quiz_changes = [entry for event in activity.events.all() for entry in event.changes if entry["field"] == "quiz"]
    assert [entry["new"].split(":")[0] for entry in quiz_changes] == ["12"]
    # A form sent without the tally's fields leaves it alone; emptied, it goes.
    client.post(edit, activity_form(county["a"], version=2, title="Renamed"))
    assert PaperTally.objects.get(activity=activity).sheets == 12
    client.post(edit, activity_form(county["a"], version=3, quiz_questions="", quiz_sheets=""))
    assert not PaperTally.objects.filter(activity=activity).exists()


def test_a_kits_sheet_and_answer_key_print(client, bank, county, staff_a):
    campaign = Campaign.objects.create(
        name_zh="校园月",
        name_en="School month",
        start=timezone.localdate(),
        end=timezone.localdate(),
        lead_unit=county["a"],
    )
    Kit.objects.create(campaign=campaign).scam_types.set([bank[0].scam_type])
    client.force_login(staff_a)
    sheet = client.get(reverse("campaigns:quiz-sheet"), {"campaign": campaign.pk, "lang": "zh-hans"})
    assert sheet.status_code == 200 and sheet["Content-Type"] == "application/pdf"
    text = pypdfium2.PdfDocument(sheet.content)[0].get_textpage().get_text_range()
    assert bank[0].question_zh[:8] in text and bank[1].question_zh[:8] in text
    assert bank[2].question_zh[:8] not in text  # not one of the kit's types
    assert "✓" not in text and bank[0].explain_zh not in text
    key = client.get(reverse("campaigns:quiz-sheet"), {"campaign": campaign.pk, "lang": "en", "key": "1"})
    text = pypdfium2.PdfDocument(key.content)[0].get_textpage().get_text_range()
    assert bank[0].explain_en in text


def test_the_sheet_is_for_staff_only(client, bank):
    response = client.get(reverse("campaigns:quiz-sheet"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_reviewer_sees_the_tally_on_the_activity(client, bank, county, staff_a, reviewer):
    client.force_login(staff_a)
    client.post(reverse("campaigns:activity-new"), tally_form(county["a"], bank, sheets=33, right=[30, 20, 10, 0]))
    activity = Activity.objects.get()
    client.post(reverse("campaigns:activity-submit", args=[activity.pk]))
    client.force_login(reviewer)
    with translation.override("zh-hans"):
        detail = reverse("campaigns:activity-detail", args=[activity.pk])
    page = client.get(detail).content.decode()
    assert 'id="quiz-sheets">33<' in page
    table = page.split('class="table table-sm paper-tally"', 1)[1].split("</table>", 1)[0]
    assert bank[0].question_zh in table
    assert [cell.split("<", 1)[0] for cell in table.split('figure-value">')[1:]] == ["30", "20", "10", "0"]
