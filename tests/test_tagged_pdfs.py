"""Every PDF the site makes is tagged (PDF/UA-1) so that a screen reader can read it: the
leaflet, the booklet, the work report and the campaign kit, in both languages. Checked
three ways: poppler's pdfinfo, the PDF/UA checker `pdfua`, and the structure tree read
with pikepdf (language, title, a text alternative for every figure, headings, lists)."""

import datetime
import io
import shutil
import subprocess

import pikepdf
import pypdfium2
import pytest
import zxingcpp
from django.core.management import call_command
from django.utils import timezone
from pdfua import Severity, validate

from campaigns.demo import KIT_MATERIAL
from campaigns.kits import printing as kits
from campaigns.materials import starter
from campaigns.models import Campaign, Kit, Material
from tests.conftest import make_activity, make_material, require_tool

# Documents printed once for the module and the process (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdfs_rendered_once")

LANGUAGES = [("zh-hans", "zh-Hans"), ("en", "en")]
SITE = "https://fraud.example.org"
KIT_LIMIT = 1024 * 1024


def pdfinfo(path):
    tool = require_tool(shutil.which("pdfinfo"), "poppler-utils")
    output = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line)


def elements(node):
    """The structure elements under `node`, depth first (the reading order)."""
    kids = node.get("/K")
    if isinstance(kids, pikepdf.Dictionary):
        kids = [kids]
    for kid in kids if isinstance(kids, pikepdf.Array) else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def marks_content(element):
    return any(
        isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and "/S" in kid and marks_content(kid))
        for kid in (element.K if isinstance(element.K, pikepdf.Array) else [element.K])
    )


def check_tagged(tmp_path, data, name, language):
    """Assert that `data` is a tagged PDF in `language` with nothing a screen reader
    would miss; returns the roles of its structure elements in reading order and the
    text alternatives of its figures."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    info = pdfinfo(path)
    assert info["Tagged"].strip() == "yes"

    report = validate(str(path))
    problems = [
        f"{finding.rule_id} {finding.message}" for finding in report.findings if finding.severity >= Severity.WARNING
    ]
    assert problems == []

    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == language
        assert str(pdf.docinfo.Title).strip()
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        tree = list(elements(pdf.Root.StructTreeRoot))
        roles = [str(element.S) for element in tree]
        figures = [element for element in tree if element.S == "/Figure"]
        assert figures and all(str(figure.get("/Alt", "")).strip() for figure in figures)
        # pdfua 0.1.3 cannot evaluate its empty-heading rule on WeasyPrint's trees (it
        # skips it), so that rule is checked here: every heading has text.
        headings = [element for element in tree if str(element.S) in {"/H1", "/H2", "/H3", "/H4"}]
        assert headings and all(marks_content(heading) for heading in headings)
        return roles, [str(figure.get("/Alt", "")) for figure in figures]


@pytest.mark.parametrize(("language", "lang"), LANGUAGES)
def test_the_leaflet_is_tagged_with_its_title_before_its_bait_panel(client, catalogue, tmp_path, language, lang):
    response = client.get(f"/{language}/scams/tax-refund/print.pdf")

    roles, alternatives = check_tagged(tmp_path, response.content, "leaflet", lang)

    assert roles.index("/H1") < roles.index("/Figure")  # the title is read before the bait picture
    assert roles.count("/L") >= 4  # warning signs, now, after paying, how to protect yourself
    assert any("tax-refund" in text and SITE not in text for text in alternatives)  # the QR says where it leads
    assert any(text.startswith(("QR", "二维码")) for text in alternatives)


@pytest.mark.parametrize(("language", "lang"), LANGUAGES)
def test_the_booklet_is_tagged_with_bookmarks(client, catalogue, tmp_path, language, lang):
    response = client.get(f"/{language}/scams/booklet.pdf")

    roles, alternatives = check_tagged(tmp_path, response.content, "booklet", lang)

    with pikepdf.open(io.BytesIO(response.content)) as pdf, pdf.open_outline() as outline:
        assert len(outline.root) >= 3
    assert roles.count("/H1") >= 3
    assert len(alternatives) >= 2 * 3  # a bait picture and a QR code for each type


@pytest.fixture
def work(county, staff_a, catalogue):
    make_activity(
        county["a"],
        staff_a,
        status="approved",
        date=datetime.date(2026, 3, 10),
        title="东城集市反诈咨询台",
        figures={"participants": 500, "materials": 800},
    )
    make_activity(
        county["school_b"],
        staff_a,
        status="approved",
        date=datetime.date(2026, 4, 2),
        title="西城小学主题班会",
        figures={"participants": 300},
    )


@pytest.mark.parametrize(("language", "lang"), LANGUAGES)
def test_the_report_pdf_is_tagged(work, tmp_path, language, lang):
    path = tmp_path / "report.pdf"
    call_command(
        "export_report",
        *("--from", "2026-01-01", "--to", "2026-06-30", "--org", "county"),
        *("--format", "pdf", "--output", str(path), "--lang", language),
    )

    roles, alternatives = check_tagged(tmp_path, path.read_bytes(), "report", lang)

    # Each chart says its figures: the county's two stations and their numbers of activities.
    assert any(
        "1" in text and ("场" in text or "activit" in text) and ("：" in text or ":" in text) for text in alternatives
    )
    assert "/Table" in roles and "/TH" in roles
    assert roles.index("/H1") < roles.index("/H2")


def qr_codes(pdf):
    document = pypdfium2.PdfDocument(pdf)
    return [
        sorted(barcode.text for barcode in zxingcpp.read_barcodes(document[index].render(scale=2).to_pil()))
        for index in range(len(document))
    ]


@pytest.fixture
def starter_kit(county, catalogue, media_root):
    """The demo campaign's kit: two letters, three posters, a script and the slogans, and
    the class-meeting slides, which are online only."""
    starter.load(only=KIT_MATERIAL)
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name_zh="校园反诈月", name_en="School anti-fraud month", start=today, end=today, lead_unit=county["bureau"]
    )
    kit = Kit.objects.create(campaign=campaign)
    kit.materials.set(Material.objects.published().filter(slug__in=KIT_MATERIAL))
    return kit


@pytest.mark.parametrize(("language", "lang"), LANGUAGES)
def test_the_seven_page_kit_is_tagged_light_and_coded_on_every_page(starter_kit, county, tmp_path, language, lang):
    url = f"{SITE}/k/abcd2345/"

    pdf = kits.build(starter_kit, county["school_a"], language, url)

    assert len(pdf) <= KIT_LIMIT
    # Each page: the kit's code and the quiz's ("测一测").
    assert qr_codes(pdf) == [[url, f"{url}quiz/"]] * 7
    roles, alternatives = check_tagged(tmp_path, pdf, "kit", lang)
    assert roles.count("/H1") == 7  # the cover and each piece open with their title
    assert any(text.endswith(url) for text in alternatives)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        # One pass: each font is embedded once, however many pieces use it.
        fonts = [
            str(font.BaseFont)
            for page in document.pages
            for font in page.Resources.get("/Font", {}).values()
            if "/BaseFont" in font
        ]
        assert fonts and len(set(fonts)) == len({font.split("+", 1)[-1] for font in fonts})


def test_an_uploaded_pdf_keeps_its_place_and_its_words_in_a_tagged_kit(county, media_root, tmp_path):
    from weasyprint import HTML

    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name_zh="反诈月", name_en="Month", start=today, end=today, lead_unit=county["bureau"]
    )
    uploaded = HTML(string="<p>Keep your verification codes to yourself</p>").write_pdf()  # untagged
    poster = make_material(
        kind="poster",
        slug="own-poster",
        title_en="Our own poster",
        files=[("poster.pdf", uploaded, "application/pdf", "en")],
    )
    script = make_material(
        kind="broadcast_script",
        slug="own-script",
        files=[("script.txt", b"Hang up and call 96110", "text/plain", "en")],
    )
    kit = Kit.objects.create(campaign=campaign)
    kit.materials.set([poster, script])
    url = f"{SITE}/k/efgh6789/"

    pdf = kits.build(kit, county["school_a"], "en", url)

    assert qr_codes(pdf) == [[url, f"{url}quiz/"]] * 3
    _roles, alternatives = check_tagged(tmp_path, pdf, "kit-uploaded", "en")
    pages = pypdfium2.PdfDocument(pdf)
    assert "verification codes" in pages[1].get_textpage().get_text_range()  # drawn on the second page
    assert "Our own poster, page 1 of 1: Keep your verification codes to yourself" in alternatives


def test_a_units_own_copy_of_a_library_poster_is_printed_as_it_was_uploaded(
    county, staff_a, catalogue, media_root, tmp_path
):
    from scams.models import ScamType

    scam = ScamType.objects.published().first()
    library_poster = starter.pdf("campaigns/materials/material_files/poster.html", starter.poster_context(scam, "en"))
    copy = make_material(
        county["a"],
        staff_a,
        kind="poster",
        title_en="Our copy",
        files=[("copy.pdf", library_poster, "application/pdf", "en")],
    )
    today = timezone.localdate()
    campaign = Campaign.objects.create(name_zh="反诈月", name_en="Month", start=today, end=today, lead_unit=county["a"])
    kit = Kit.objects.create(campaign=campaign)
    kit.materials.set([copy])

    pdf = kits.build(kit, county["a"], "en", f"{SITE}/k/jkmn2345/")

    _roles, alternatives = check_tagged(tmp_path, pdf, "kit-copy", "en")
    assert any(text.startswith("Our copy, page 1 of 1: ") for text in alternatives)
