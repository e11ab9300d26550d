"""The quiz on a phone, in each script: answered without JavaScript in one form, the score
and the right answers shown after, nothing wider than the 360 px screen, and axe finds
nothing serious or critical on either page."""

import pytest

from tests.browser.test_public_pages import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREEN = {"width": 360, "height": 740}


@pytest.fixture
def bank(loaded_catalogue):
    """Long-winded questions on six types, so that wrapping is tested too."""
    from scams.models import ScamType
    from tests.conftest import make_question

    for scam in ScamType.objects.by_harm()[:6]:
        make_question(
            scam,
            question_zh="对方自称公安民警，说你的银行卡涉嫌洗钱，要求你把全部存款转到所谓的“安全账户”配合调查，你应该……",
            question_en="A caller says he is a police officer, your card was used for money laundering, and you must "
            "move all your savings into a so-called safe account to help the investigation. You should…",
            choices_zh="照他说的做，马上转账\n挂断电话，打110核实\n先转一部分试试",
            choices_en="Do as he says and transfer now\nHang up and call 110 to check\nTransfer part of it first",
        )


@pytest.fixture
def phone(browser, live_server, bank):
    context = browser.new_context(viewport=SCREEN, base_url=live_server.url, bypass_csp=True, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def axe_phone(browser, live_server, bank):
    context = browser.new_context(viewport=SCREEN, base_url=live_server.url, bypass_csp=True)
    yield context.new_page()
    context.close()


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_the_quiz_is_answered_without_javascript_and_fits_a_phone(phone, language):
    phone.goto(f"/{language}/quiz/")
    questions = phone.locator("fieldset.quiz-question")
    assert questions.count() == 5
    assert fits(phone)
    for index in range(questions.count()):
        questions.nth(index).locator("label").nth(1).click()
    phone.locator("form.quiz-form button[type=submit]").click()
    phone.wait_for_load_state("load")
    score = phone.locator("#score")
    assert score.get_attribute("data-total") == "5"
    right = int(score.get_attribute("data-correct"))
    assert phone.locator(".quiz-right").count() == right
    assert phone.locator(".quiz-wrong").count() == 5 - right
    assert fits(phone)


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_axe_finds_nothing_serious_on_the_quiz_and_its_answers(axe_phone, axe_source, language):
    axe_phone.goto(f"/{language}/quiz/")
    assert serious_violations(axe_phone, axe_source) == []
    axe_phone.locator("form.quiz-form button[type=submit]").click()  # nothing answered
    axe_phone.wait_for_load_state("load")
    assert axe_phone.locator("#score").get_attribute("data-correct") == "0"
    assert serious_violations(axe_phone, axe_source) == []
