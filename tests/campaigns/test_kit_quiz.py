"""The quiz of a unit's kit: /k/<code>/quiz/ leads to it in the reader's language, and the
quizzes answered through it count, as kit scans do, once per phone per code and day,
becoming the unit's quiz_takers and awareness_rate."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Campaign, Indicator, Kit, KitQuiz, KitQuizAnswer
from tests.campaigns.test_kits import BOT, OTHER_PHONE, PHONE
from tests.conftest import make_question, make_scam_type

THIRD_PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130 Mobile"


@pytest.fixture
def kit(county):
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name_zh="社区反诈月",
        name_en="Community anti-fraud month",
        start=today - datetime.timedelta(days=10),
        end=today + datetime.timedelta(days=10),
        lead_unit=county["bureau"],
    )
    kit = Kit.objects.create(campaign=campaign)
    safe_account = make_scam_type("safe-account", harm=5, official_lines="96110")
    kit.scam_types.set([safe_account, make_scam_type("refund", harm=3)])
    for scam in kit.scam_types.all():
        for _ in range(3):
            make_question(scam, answer=1)  # choice 1 is right
    make_question(make_scam_type("not-in-the-kit"), answer=1)
    return kit


def take(client, code, agent, address, right, answered=5, method="post"):
    """Open the quiz from the printed code, then send `answered` answers of which the first
    `right` are right; returns the answered page."""
    opened = client.get(f"/k/{code.code}/quiz/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address, follow=True)
    questions = opened.context["questions"]
    data = {"q": [question.pk for question in questions]}
    for number, question in enumerate(questions[:answered]):
        data[f"a{question.pk}"] = "1" if number < right else "0"
    return getattr(client, method)(opened.redirect_chain[-1][0], data, HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def _csv(response):
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_three_phones_count_once_each_and_head_and_bots_never(client, kit, county, administrator):
    code = kit.code_for(county["school_a"])
    assert take(client, code, PHONE, "203.0.113.7", right=5).status_code == 200
    take(client, code, OTHER_PHONE, "198.51.100.11", right=2)
    take(client, code, THIRD_PHONE, "198.51.100.12", right=2, answered=3)
    again = take(client, code, PHONE, "203.0.113.7", right=0)  # the first phone again: not counted
    assert b'data-correct="0" data-total="5"' in again.content  # but answered all the same
    head = client.head(f"/k/{code.code}/quiz/", HTTP_USER_AGENT=OTHER_PHONE, REMOTE_ADDR="198.51.100.20")
    assert head.status_code == 302
    take(client, code, BOT, "198.51.100.21", right=5)
    assert KitQuiz.objects.get(code=code).count == 3
    answers = KitQuizAnswer.objects.filter(code=code)
    assert sum(row.answered for row in answers) == 13
    assert sum(row.correct for row in answers) == 9

    # quiz_takers rises by 3 for the unit, its parent and the root; the rate is 9 of 13.
    client.force_login(administrator)
    today = timezone.localdate()
    period = {"date_from": f"{today:%Y-%m-%d}", "date_to": f"{today:%Y-%m-%d}", "format": "csv"}
    for org in ("school-a", "station-a", "county", None):
        query = {**period, "org": org} if org else period
        rows = _csv(client.get(reverse("reports:export"), query))
        total = {row["indicator"]: row["value"] for row in rows if row["section"] == "total"}
        assert total["quiz_takers"] == "3", org
        assert total["awareness_rate"] == str(round(9 * 100 / 13, 1)) == "69.2", org
    # By scam type, each type's rate comes from its own answers.
    rows = _csv(client.get(reverse("reports:export"), {**period, "org": "county"}))
    by_type = {row["group"]: row["value"] for row in rows if row["section"] == "scam_type"}
    assert set(by_type) <= {"safe-account", "refund"}


def test_the_quiz_address_redirects_by_accept_language(client, kit, county):
    code = kit.code_for(county["a"])
    for header, language in (("en-GB,en;q=0.9", "en"), ("zh-HK,zh;q=0.9", "zh-hant"), ("zh-CN", "zh-hans")):
        response = client.get(f"/k/{code.code}/quiz/", HTTP_USER_AGENT=PHONE, HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 302
        assert response["Location"] == f"/{language}/kits/quiz/{code.code}/"
        assert "no-store" in response["Cache-Control"]
    assert client.get("/k/zzzzzz/quiz/", HTTP_USER_AGENT=PHONE).status_code == 404


def test_the_kit_quiz_asks_only_the_kits_types_and_shows_its_hotlines(client, kit, county):
    code = kit.code_for(county["a"])
    page = client.get(reverse("kit-quiz", args=[code.code]), HTTP_USER_AGENT=PHONE)
    kit_types = set(kit.scam_types.values_list("pk", flat=True))
    assert {question.scam_type_id for question in page.context["questions"]} == kit_types
    content = page.content.decode()
    assert 'href="tel:96110"' in content and 'href="tel:110"' in content
    assert kit.campaign.name_zh in content


def test_answers_to_questions_outside_the_kit_are_not_counted(client, kit, county):
    code = kit.code_for(county["a"])
    outside = make_question(make_scam_type("elsewhere"), answer=1)
    response = client.post(
        reverse("kit-quiz", args=[code.code]), {"q": [outside.pk], f"a{outside.pk}": "1"}, HTTP_USER_AGENT=PHONE
    )
    assert response.status_code == 200
    assert not KitQuiz.objects.exists()


def test_an_empty_quiz_is_not_counted_and_leaves_the_phone_free_to_count(client, kit, county):
    code = kit.code_for(county["a"])
    take(client, code, PHONE, "203.0.113.7", right=0, answered=0)
    assert not KitQuiz.objects.exists()
    take(client, code, PHONE, "203.0.113.7", right=1)
    assert KitQuiz.objects.get(code=code).count == 1


def test_a_flood_of_quizzes_from_one_address_is_capped(client, kit, county, settings):
    settings.KIT_SCANS_PER_ADDRESS_PER_HOUR = 2
    code = kit.code_for(county["a"])
    for number in range(5):
        take(client, code, f"{PHONE} build/{number}", "203.0.113.7", right=1)
    assert KitQuiz.objects.get(code=code).count == 2


def test_quiz_indicators_are_computed_and_never_typed(client, staff_a):
    for code, name in (("quiz_takers", "答题人次"), ("awareness_rate", "知晓率")):
        indicator = Indicator.objects.get(code=code)
        assert indicator.computed and indicator.name_zh == name
        assert indicator not in Indicator.objects.typed()
    client.force_login(staff_a)
    form = client.get(reverse("campaigns:activity-new")).content.decode()
    assert "figure_quiz_takers" not in form and "figure_awareness_rate" not in form


@pytest.mark.parametrize("column", ["quiz_takers", "awareness_rate"])
def test_an_import_cannot_set_quiz_figures(staff_a, column):
    from campaigns.importing import import_activities
    from tests.campaigns.test_import import HEADER, csv_file, row

    with translation.override("en"):
        report = import_activities(csv_file([row(**{column: "50"})], header=[*HEADER, column]), "f.csv", staff_a)
        assert not report.ok
        assert [(error.column, error.message) for error in report.errors] == [
            (column, "this figure is computed by the app and cannot be imported")
        ]


def test_the_kit_quiz_pages_take_a_fixed_number_of_queries(client, kit, county, django_assert_num_queries):
    code = kit.code_for(county["a"])
    for scam in kit.scam_types.all():
        for _ in range(6):
            make_question(scam)
    with django_assert_num_queries(3):  # the code and its kit, the kit's types, the questions
        page = client.get(reverse("kit-quiz", args=[code.code]), HTTP_USER_AGENT=PHONE)
    questions = page.context["questions"]
    data = {"q": [question.pk for question in questions], **{f"a{question.pk}": "1" for question in questions}}
    # ... and to count, in a transaction: the day's quiz row, then one row per question
    # answered, each an update, then (the day's first) a savepoint, an insert and a release.
    with django_assert_num_queries(3 + 2 + 4 * (1 + len(questions))):
        client.post(reverse("kit-quiz", args=[code.code]), data, HTTP_USER_AGENT=PHONE)
    assert KitQuiz.objects.get(code=code).count == 1
