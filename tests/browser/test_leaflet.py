import io

import pytest
import zxingcpp
from django.conf import settings
from PIL import Image
from pypdf import PdfReader

from scams.models import ScamType

LANGUAGES = [code for code, _name in settings.LANGUAGES]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

A4_POINTS = (595.3, 841.9)  # 210 by 297 mm


def test_every_leaflet_prints_on_one_a4_page_in_every_language(page, loaded_catalogue):
    slugs = list(ScamType.objects.published().values_list("slug", flat=True))
    assert len(slugs) >= 24
    too_long = []
    for language in LANGUAGES:
        for slug in slugs:
            page.goto(f"/{language}/scams/{slug}/print/")
            reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
            size = [float(value) for value in reader.pages[0].mediabox.upper_right]
            assert all(abs(got - want) < 1.5 for got, want in zip(size, A4_POINTS, strict=True)), size
            if len(reader.pages) != 1:
                too_long.append(f"{language}/{slug}: {len(reader.pages)} pages")
    assert too_long == []


@pytest.mark.parametrize(("language", "word"), [("zh-hans", "退税"), ("zh-hant", "退稅")])
def test_chinese_leaflet_embeds_chinese_glyphs(page, loaded_catalogue, language, word):
    page.goto(f"/{language}/scams/tax-refund/print/")
    text = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages[0].extract_text()
    assert word in text
    assert "96110" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_qr_code_decodes_to_the_detail_page(page, live_server, loaded_catalogue, language):
    page.set_viewport_size({"width": 800, "height": 1200})
    page.goto(f"/{language}/scams/fake-kidnapping/print/")
    image = Image.open(io.BytesIO(page.locator(".leaflet-qr .qr").screenshot()))
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    assert decoded == [f"{live_server.url}/{language}/scams/fake-kidnapping/"]
