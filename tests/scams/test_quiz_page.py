import random

import pytest
from django.urls import reverse
from django.utils import translation

from scams import quiz
from tests.conftest import make_question, make_scam_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank():
    """Eight types of every harm, three questions each (right answer: choice 1)."""
    types = [make_scam_type(f"type-{number}", harm=1 + number % 5) for number in range(8)]
    return {scam.slug: [make_question(scam) for _ in range(3)] for scam in types}


def test_a_quiz_has_five_questions_of_five_types(bank, client):
    response = client.get(reverse("quiz"))
    assert response.status_code == 200
    questions = response.context["questions"]
    assert len(questions) == 5
    assert len({question.scam_type_id for question in questions}) == 5
    content = response.content.decode()
    assert content.count('type="radio"') == 15
    assert content.count('<form class="quiz-form') == 1


def test_the_draw_leans_toward_the_most_harmful_types(bank):
    rng = random.Random(7)  # noqa: S311 - a seeded draw, not a secret
    drawn = [question.scam_type.harm for _ in range(400) for question in quiz.draw(count=1, rng=rng)]
    assert drawn.count(5) > 4 * drawn.count(1)


def test_a_kit_with_two_types_still_gets_five_questions(bank):
    types = [bank["type-0"][0].scam_type_id, bank["type-1"][0].scam_type_id]
    questions = quiz.draw(scam_types=types)
    assert len(questions) == 5
    assert {question.scam_type_id for question in questions} == set(types)


def test_the_answered_page_shows_score_right_answers_and_links(bank, client):
    asked = [questions[0] for questions in list(bank.values())[:5]]
    data = {"q": [question.pk for question in asked]}
    data.update({f"a{question.pk}": "1" for question in asked[:3]})  # right
    data[f"a{asked[3].pk}"] = "0"  # wrong; the fifth left unanswered
    with translation.override("zh-hans"):
        response = client.post(reverse("quiz"), data)
    assert response.status_code == 200
    assert b'<p id="score" class="h4" data-correct="3" data-total="5">' in response.content
    content = response.content.decode()
    for question in asked:
        assert question.explain_zh in content
        with translation.override("zh-hans"):
            assert question.scam_type.get_absolute_url() in content
    assert content.count("选项1") >= 5  # every right answer is shown
    with translation.override("zh-hans"):
        share = reverse("quiz-shared", args=[3, 5])
    assert share in content
    # The shared link carries the score and nothing else.
    shared = client.get(share)
    assert shared.status_code == 200
    assert "3" in shared.content.decode()
    assert asked[0].question_zh not in shared.content.decode()


def test_the_quiz_works_in_every_language(bank, client):
    question = bank["type-0"][0]
    for language, text in (("en", question.question_en), ("zh-hant", "問題")):
        with translation.override(language):
            url = reverse("quiz")
        response = client.post(url, {"q": [question.pk], f"a{question.pk}": "1"})
        assert text in response.content.decode()
        assert b'data-correct="1" data-total="1"' in response.content


def test_a_posted_quiz_naming_no_question_gets_a_fresh_one(bank, client):
    response = client.post(reverse("quiz"), {"q": ["999999", "x"]})
    assert response.status_code == 200
    assert len(response.context["questions"]) == 5


def test_a_made_up_answer_counts_as_unanswered(bank, client):
    question = bank["type-0"][0]
    response = client.post(reverse("quiz"), {"q": [question.pk], f"a{question.pk}": "9"})
    assert b'data-correct="0" data-total="1"' in response.content


@pytest.mark.parametrize(("correct", "total"), [(6, 5), (1, 0), (3, 11)])
def test_a_shared_score_that_cannot_be_is_not_found(client, correct, total):
    assert client.get(reverse("quiz-shared", args=[correct, total])).status_code == 404


def test_the_quiz_pages_take_a_fixed_number_of_queries(bank, client, django_assert_num_queries):
    for scam in list(bank)[:3]:
        for _ in range(5):
            make_question(bank[scam][0].scam_type)
    with django_assert_num_queries(1):
        client.get(reverse("quiz"))
    asked = [questions[0] for questions in bank.values()][:5]
    with django_assert_num_queries(1):
        client.post(reverse("quiz"), {"q": [q.pk for q in asked], **{f"a{q.pk}": "1" for q in asked}})
