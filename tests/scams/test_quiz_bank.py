"""The question bank: loaded from the catalogue files, checked, and complete."""

import shutil

import pytest

from scams import catalogue as bundled
from scams.models import Question, ScamType
from tests.scams.test_traditional_traps import traps_in

pytestmark = pytest.mark.django_db

QUIZ = """
[[quiz]]
key = "{key}"
answer = {answer}
[quiz.zh]
question = "对方说你的银行卡涉嫌洗钱，要你把钱转到“安全账户”，你应该……"
choices = {zh}
explain = "公安机关没有“安全账户”，要你转账的都是诈骗。"
[quiz.en]
question = "The caller says your card was used for money laundering: move your money to a 'safe account'. You…"
choices = {en}
explain = "The police have no 'safe account': anyone asking you to transfer money is a fraudster."
"""
ZH = '["照做，把钱转过去", "挂断电话，打110核实", "先转一半"]'
EN = '["Do as told", "Hang up and call 110 to check", "Move half of it"]'


@pytest.fixture
def bundle(tmp_path):
    """A writable copy of the bundled catalogue without its own questions, so that each
    test knows every question the loader sees."""
    shutil.copytree(bundled.CATALOGUE_DIR, tmp_path / "catalogue")
    for path in (tmp_path / "catalogue").glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        if "\n[[quiz]]" in text:
            path.write_text(text[: text.index("\n[[quiz]]")] + "\n", encoding="utf-8")
    return tmp_path / "catalogue"


def add_quiz(bundle, slug="police-impersonation", key="safe-account", answer=1, zh=ZH, en=EN):
    path = bundle / f"{slug}.toml"
    path.write_text(path.read_text(encoding="utf-8") + QUIZ.format(key=key, answer=answer, zh=zh, en=en))


def test_quiz_blocks_load_with_traditional_text(bundle):
    add_quiz(bundle)
    add_quiz(bundle, key="second", answer=0)
    result = bundled.load(bundle)
    assert result.questions_created == 2
    question = Question.objects.get(scam_type__slug="police-impersonation", key="safe-account")
    assert question.answer == 1
    assert question.choice_list("zh") == ["照做，把钱转过去", "挂断电话，打110核实", "先转一半"]
    assert question.choice_list("en")[1] == "Hang up and call 110 to check"
    assert question.traditional["question"][1].startswith("對方說你的銀行卡涉嫌洗錢")
    assert question.history.count() == 1


def test_a_second_load_leaves_questions_alone_and_keeps_admin_edits(bundle):
    add_quiz(bundle)
    bundled.load(bundle)
    question = Question.objects.get(key="safe-account")
    question.explain_zh = "管理员改过的解释"
    question.save()
    (bundle / "police-impersonation.toml").write_text(
        (bundle / "police-impersonation.toml").read_text(encoding="utf-8").replace("公安机关没有", "公检法没有")
    )
    result = bundled.load(bundle)
    assert (result.questions_created, result.questions_updated, result.questions_kept) == (0, 0, 1)
    question.refresh_from_db()
    assert question.explain_zh == "管理员改过的解释"


def test_a_changed_bundled_question_updates_an_unedited_row(bundle):
    add_quiz(bundle)
    bundled.load(bundle)
    path = bundle / "police-impersonation.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("公安机关没有", "公检法没有"))
    result = bundled.load(bundle)
    assert result.questions_updated == 1
    assert Question.objects.get(key="safe-account").explain_zh.startswith("公检法没有")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"answer": 3}, "answer must be"),
        ({"answer": -1}, "answer must be"),
        ({"zh": '["一", "二"]', "en": '["one", "two"]'}, "needs 3 or 4 choices"),
        ({"zh": '["一", "二", "三", "四", "五"]', "en": '["1", "2", "3", "4", "5"]'}, "needs 3 or 4 choices"),
        ({"en": '["one", "two", "three", "four"]'}, "same number of choices"),
        ({"key": "Safe Account"}, "key must be"),
    ],
)
def test_a_broken_question_is_refused_with_a_clear_problem(bundle, change, problem):
    add_quiz(bundle, **change)
    with pytest.raises(bundled.CatalogueError) as error:
        bundled.load(bundle)
    assert any(problem in line and line.startswith("police-impersonation.toml") for line in error.value.problems)


def test_a_key_used_twice_and_an_empty_explanation_are_refused(bundle):
    add_quiz(bundle)
    add_quiz(bundle)
    path = bundle / "tax-refund.toml"
    add_quiz(bundle, slug="tax-refund")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('explain = "公安机关没有“安全账户”，要你转账的都是诈骗。"', 'explain = ""'))
    with pytest.raises(bundled.CatalogueError) as error:
        bundled.load(bundle)
    assert any("key is used twice" in line for line in error.value.problems)
    assert any(line.startswith("tax-refund.toml") and "explain is missing" in line for line in error.value.problems)


# The bundled bank itself.


def test_every_bundled_type_has_three_questions_in_both_languages(catalogue):
    counts = {}
    for question in Question.objects.select_related("scam_type"):
        counts[question.scam_type.slug] = counts.get(question.scam_type.slug, 0) + 1
        zh, en = question.choice_list("zh"), question.choice_list("en")
        assert 3 <= len(zh) <= 4, question
        assert len(zh) == len(en), question
        assert 0 <= question.answer < len(zh), question  # exactly one right answer: an index
        assert len(set(zh)) == len(zh) and len(set(en)) == len(en), question
        for name in ("question", "explain"):
            assert getattr(question, f"{name}_zh").strip() and getattr(question, f"{name}_en").strip(), question
    short = {slug: counts.get(slug, 0) for slug in ScamType.objects.values_list("slug", flat=True)}
    assert {slug: count for slug, count in short.items() if count < 3} == {}


def test_no_traditional_text_of_the_bank_falls_into_a_trap(catalogue):
    found = []
    questions = list(Question.objects.all())
    assert questions
    for question in questions:
        assert question.traditional, question
        for name, (_checksum, text) in question.traditional.items():
            found += [f"{question}: {name}: {trap}: {words}" for trap, words in traps_in(text)]
    assert found == []
