"""The checker's verdict on a phone: for each of its four answers, in each language, the
verdict and its one action are inside the first 360 by 740 screen, and axe finds nothing
serious. The message may be in another language than the page."""

import pytest

from tests.browser.test_public_pages import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["zh-hans", "zh-hant", "en"]
MESSAGES = {
    "high": "我是市公安局的民警，你的银行卡涉嫌洗钱，这件事不要告诉家人，马上把钱转到安全账户配合调查。",
    "medium": (
        "This is the courier. Your parcel was lost; we can arrange compensation for you. "
        "Please add our claims agent on WeChat."
    ),
    "official": "【12381】您可能正在遭遇诈骗，请立即挂断可疑电话，切勿向陌生账户转账，不要泄露验证码。",
    "none": "明天降温了，记得多穿点，周末回家吃饭。",
}
SCREEN = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser, live_server, loaded_catalogue):
    context = browser.new_context(viewport=SCREEN, base_url=live_server.url, bypass_csp=True)
    yield context.new_page()
    context.close()


def within_first_screen(locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("risk", list(MESSAGES))
def test_the_verdict_and_its_action_are_in_the_first_screen(phone, axe_source, language, risk):
    phone.goto(f"/{language}/check/")
    phone.locator("textarea[name=text]").fill(MESSAGES[risk])
    phone.locator("form.check-form button[type=submit]").click()
    phone.wait_for_load_state("load")
    verdict = phone.locator("#verdict")
    assert verdict.get_attribute("data-risk") == risk
    assert phone.evaluate("window.scrollY") == 0
    assert within_first_screen(verdict.locator("h2"))
    assert within_first_screen(verdict.locator(".verdict-action"))
    calls = verdict.locator(".verdict-call")
    assert calls.count() >= 1
    for index in range(calls.count()):
        call = calls.nth(index)
        assert within_first_screen(call)
        box = call.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
    assert phone.locator("#matches").count() == (1 if risk in ("high", "medium") else 0)
    if risk in ("high", "medium"):
        assert phone.locator(".checked-message mark").count() >= 1
    assert serious_violations(phone, axe_source) == []
