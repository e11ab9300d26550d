import io

import pypdfium2
import pytest
import zxingcpp
from django.conf import settings
from PIL import Image
from pypdf import PdfReader

from scams.models import ScamType
from tests.scams.test_leaflet_print_sizes import BODY, characters

LANGUAGES = [code for code, _name in settings.LANGUAGES]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

A4_POINTS = (595.3, 841.9)  # 210 by 297 mm
FILLED = 0.80  # the printed content spans at least this share of the page height


def text_extent(page):
    """(top, bottom) of the text on a PDF page, as fractions of its height from the top."""
    heights = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            # Where the text matrix puts the baseline, in page space.
            heights.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    return 1 - max(heights) / height, 1 - min(heights) / height


def test_every_leaflet_fills_one_a4_page_in_large_type_in_every_language(page, live_server, loaded_catalogue):
    slugs = list(ScamType.objects.published().values_list("slug", flat=True))
    assert len(slugs) >= 30
    problems, spans = [], {}
    page.set_viewport_size({"width": 800, "height": 1200})  # a QR code big enough to decode
    for language in LANGUAGES:
        for slug in slugs:
            page.goto(f"/{language}/scams/{slug}/print/")
            image = Image.open(io.BytesIO(page.locator(".leaflet-qr .qr").screenshot()))
            decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
            if decoded != [f"{live_server.url}/{language}/scams/{slug}/"]:
                problems.append(f"{language}/{slug}: QR code reads {decoded}")
            printed = page.pdf(format="A4", print_background=True)
            reader = PdfReader(io.BytesIO(printed))
            size = [float(value) for value in reader.pages[0].mediabox.upper_right]
            assert all(abs(got - want) < 1.5 for got, want in zip(size, A4_POINTS, strict=True)), size
            where = f"{language}/{slug}"
            if len(reader.pages) != 1:
                problems.append(f"{where}: {len(reader.pages)} pages")
                continue
            top, bottom = text_extent(reader.pages[0])
            spans[where] = bottom - top
            text = reader.pages[0].extract_text()
            for hotline in ("110", "96110"):
                if hotline not in text:
                    problems.append(f"{where}: no {hotline}")
            smallest = min(size for _character, size, _top, _bottom in characters(pypdfium2.PdfDocument(printed)))
            if smallest < BODY[language] - 0.05:
                problems.append(f"{where}: text at {smallest:.1f} pt")
    assert problems == []
    emptiest = min(spans, key=spans.get)
    assert spans[emptiest] >= FILLED, f"{emptiest} fills only {spans[emptiest]:.0%} of the page"


def test_the_leaflet_carries_the_picture_both_kinds_of_advice_and_the_support_line(page, loaded_catalogue):
    page.goto("/en/scams/tax-refund/print/")
    leaflet = page.locator(".leaflet")
    assert leaflet.locator("figure.bait svg[role=img]").count() == 1
    assert "3,800 yuan" in leaflet.locator("figure.bait svg").get_attribute("aria-label")
    headings = leaflet.locator("h2").all_inner_texts()
    assert "Happening now?" in headings
    assert "Already paid?" in headings
    assert "It can happen to anyone" in leaflet.inner_text()
    assert "12366" in leaflet.locator(".leaflet-line").inner_text()


@pytest.mark.parametrize(("language", "word"), [("zh-hans", "退税"), ("zh-hant", "退稅")])
def test_chinese_leaflet_embeds_chinese_glyphs(page, loaded_catalogue, language, word):
    page.goto(f"/{language}/scams/tax-refund/print/")
    text = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages[0].extract_text()
    assert word in text
    assert ("谁都可能被骗" if language == "zh-hans" else "誰都可能被騙") in text
    assert "96110" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_qr_code_decodes_to_the_detail_page(page, live_server, loaded_catalogue, language):
    page.set_viewport_size({"width": 800, "height": 1200})
    page.goto(f"/{language}/scams/fake-kidnapping/print/")
    image = Image.open(io.BytesIO(page.locator(".leaflet-qr .qr").screenshot()))
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    assert decoded == [f"{live_server.url}/{language}/scams/fake-kidnapping/"]


def test_print_button_appears_with_javascript_and_the_pdf_link_without(browser, live_server, loaded_catalogue):
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript, base_url=live_server.url)
        page = context.new_page()
        page.goto("/en/scams/tax-refund/print/")
        assert page.get_by_role("button", name="Print this leaflet").is_visible() is javascript
        link = page.get_by_role("link", name="Download the leaflet as PDF")
        assert link.get_attribute("href") == "/en/scams/tax-refund/print.pdf"
        context.close()


def test_chinese_text_is_never_slanted(page, loaded_catalogue):
    page.goto("/zh-hans/scams/police-impersonation/")
    slanted = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(el => getComputedStyle(el).fontStyle !== 'normal' && el.closest(':lang(zh)'))
            .map(el => el.tagName)"""
    )
    assert slanted == []
    page.goto("/en/scams/police-impersonation/")
    assert page.locator(".phrases q").first.evaluate("el => getComputedStyle(el).fontStyle") == "italic"
