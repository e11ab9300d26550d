"""The leaflet PDF, for older eyes: body text at least 12 pt in Chinese and 11 pt in
English, headings larger, the hotlines 14 pt and up, on one A4 page with nothing running
under its footer. Sizes are read from the PDF itself: each character's font size times
the scale its text matrix draws it at."""

import math

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from scams import printing
from scams.models import ScamType

# Documents printed once for the module and the process (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdfs_rendered_once")

BODY = {"zh-hans": 12, "zh-hant": 12, "en": 11}
MM_PER_PT = 25.4 / 72
PAGE_TOP, PAGE_BOTTOM = 12, 297 - 12  # mm, within the margins
FOOTER_TOP = PAGE_TOP + 270 - 40  # leaflet.css: the leaflet's height, its footer's


def characters(pdf, number=0):
    """(character, size in pt, top and bottom in mm from the top of the page) of a page."""
    page = pdf[number]
    height = page.get_height()
    text = page.get_textpage()
    matrix = pdfium.FS_MATRIX()
    found = []
    for index in range(text.count_chars()):
        character = chr(pdfium.FPDFText_GetUnicode(text, index))
        if not character.strip():
            continue
        pdfium.FPDFText_GetMatrix(text, index, matrix)
        scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        size = pdfium.FPDFText_GetFontSize(text, index) * scale
        _left, bottom, _right, top = text.get_charbox(index)
        found.append((character, size, (height - top) * MM_PER_PT, (height - bottom) * MM_PER_PT))
    return found


def without_footer(scam, language):
    """The leaflet as its PDF, with the footer left out: what must end above the footer."""
    from weasyprint import CSS, HTML

    with translation.override(language):
        html = printing.leaflet_html(scam, f"http://testserver/{language}/scams/{scam.slug}/")
    sheets = [CSS(filename=finders.find(printing.STYLESHEET)), CSS(string=".leaflet-footer { display: none; }")]
    return pypdfium2.PdfDocument(HTML(string=html).write_pdf(stylesheets=sheets))


@pytest.mark.parametrize("language", BODY)
def test_every_leaflet_keeps_its_large_text_on_one_page_above_its_footer(catalogue, language):
    scams = list(ScamType.objects.published().prefetch_related("tags"))
    assert len(scams) >= 30
    problems = []
    for scam in scams:
        pdf = without_footer(scam, language)
        if len(pdf) != 1:
            problems.append(f"{scam.slug}: {len(pdf)} pages")
            continue
        found = characters(pdf)
        smallest = min(size for _character, size, _top, _bottom in found)
        if smallest < BODY[language] - 0.05:
            small = "".join(character for character, size, _top, _bottom in found if size == smallest)
            problems.append(f"{scam.slug}: {smallest:.1f} pt ({small[:20]})")
        lowest = max(bottom for _character, _size, _top, bottom in found)
        if lowest > FOOTER_TOP:
            problems.append(f"{scam.slug}: text down to {lowest:.0f} mm, under the footer at {FOOTER_TOP} mm")
    assert problems == []


@pytest.mark.parametrize(("language", "police"), [("zh-hans", "报警电话"), ("zh-hant", "報警電話"), ("en", "Police")])
@pytest.mark.parametrize("slug", ["police-impersonation", "tax-refund", "shopping-refund"])
def test_the_leaflet_pdf_prints_body_headings_and_hotlines_large(client, catalogue, language, police, slug):
    pdf = pypdfium2.PdfDocument(client.get(f"/{language}/scams/{slug}/print.pdf").content)
    assert len(pdf) == 1
    found = characters(pdf)
    text = "".join(character for character, *_rest in found)
    sizes = [size for _character, size, _top, _bottom in found]
    assert min(sizes) >= BODY[language] - 0.05
    assert all(top >= PAGE_TOP - 1 and bottom <= PAGE_BOTTOM + 1 for _c, _s, top, bottom in found)

    def size_of(words):
        """The size of `words` where they are printed largest."""
        words = words.replace(" ", "")
        starts = [index for index in range(len(text)) if text.startswith(words, index)]
        assert starts, words
        return max(min(sizes[start : start + len(words)]) for start in starts)

    with translation.override(language):
        heading = translation.gettext("Happening now?")
        name = ScamType.objects.get(slug=slug).t.name
    assert size_of(heading) > BODY[language] + 0.5
    assert size_of(name[:8]) > size_of(heading)
    assert size_of(police) >= 14 - 0.05
    assert size_of("96110") >= 28 - 0.05
