"""Sharing a scam-type page: the QR code scans, the copy buttons copy, and nothing needs JavaScript."""

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATH = "/zh-hans/scams/fake-kidnapping/"


def test_qr_code_decodes_to_the_page_itself(page, live_server, loaded_catalogue):
    page.goto(PATH)
    image = Image.open(io.BytesIO(page.locator(".share-qr .qr").screenshot()))
    assert [barcode.text for barcode in zxingcpp.read_barcodes(image)] == [live_server.url + PATH]


def test_copy_buttons_copy_the_link_and_the_text(browser, live_server, loaded_catalogue):
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(PATH)

    page.get_by_role("button", name="复制链接").click()
    # The label changes once the clipboard has taken the text, a moment after the click.
    expect(page.locator("button[data-copy-from=share-link]")).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + PATH

    page.get_by_role("button", name="复制文字").click()
    expect(page.locator("button[data-copy-from=share-text]")).to_have_text("已复制")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("防骗提醒：") and copied.endswith(live_server.url + PATH)
    assert copied == page.locator("#share-text").input_value()
    context.close()


def test_without_javascript_the_link_and_text_are_there_to_select(browser, live_server, loaded_catalogue):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(PATH)
    assert page.get_by_role("link", name=live_server.url + PATH).is_visible()
    assert page.locator("#share-text").is_visible()
    assert page.locator("#share-text").input_value().endswith(live_server.url + PATH)
    assert page.get_by_role("button", name="复制链接").count() == 0  # hidden, not offered
    context.close()
