"""The catalogue list on a phone: after a search, the results come before the filters."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
QUERIES = {"zh-hans": "退款", "zh-hant": "退款", "en": "refund"}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", QUERIES)
def test_after_a_search_the_first_result_is_on_the_first_screen_of_a_phone(phone, loaded_catalogue, language):
    phone.goto(f"/{language}/scams/?q={QUERIES[language]}")
    title = phone.locator("#results > li").first.locator(".card-title")
    box = title.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box


def test_the_folded_filters_work_without_javascript(browser, live_server, loaded_catalogue):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/zh-hans/scams/?q=退款")
    menu = page.get_by_label("接触渠道")
    assert not menu.is_visible()
    page.locator("details.filters > summary").click()
    menu.select_option(label="电话")
    page.get_by_role("button", name="应用").click()
    assert "channel=phone" in page.url and "q=" in page.url
    assert page.locator("details.filters > summary").inner_text() == "筛选（已选 1 项）"
    assert not menu.is_visible()  # folded again: the results stay first
    assert page.locator("#results > li").count() >= 1
    context.close()
