"""Larger text, chosen and undone in one tap each in a browser with JavaScript off."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def font_size(page, selector):
    return float(page.locator(selector).first.evaluate("element => getComputedStyle(element).fontSize")[:-2])


@pytest.fixture
def no_script_phone(browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=live_server.url, java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def test_larger_text_is_chosen_remembered_and_undone_without_javascript(no_script_phone, loaded_catalogue):
    page = no_script_phone
    page.goto("/zh-hans/scams/?q=退税")
    assert font_size(page, "body") == 16

    page.get_by_role("link", name="大字").click()  # one tap
    assert page.url.endswith("/zh-hans/scams/?q=%E9%80%80%E7%A8%8E")
    assert page.locator("html").get_attribute("class") == "text-large"
    assert font_size(page, "body") >= 20
    assert font_size(page, ".filter-form .search-row button") >= 20
    assert page.locator(".filter-form .search-row button").bounding_box()["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    cookie = next(cookie for cookie in page.context.cookies() if cookie["name"] == "fw_text")
    assert cookie["value"] == "large" and cookie["sameSite"] == "Lax"

    # Remembered on the next page, and the hotlines are still on the first screen.
    page.goto("/zh-hans/scams/tax-refund/")
    assert font_size(page, "main p") >= 20
    box = page.locator('a[href="tel:96110"]').first.bounding_box()
    assert box["y"] + box["height"] <= 740

    page.get_by_role("link", name="标准字号").click()  # one tap back
    assert page.url.endswith("/zh-hans/scams/tax-refund/")
    assert page.locator("html").get_attribute("class") is None
    assert font_size(page, "body") == 16
