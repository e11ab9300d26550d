"""The PDFs rendered on the server: one leaflet, and the booklet of every type."""

import io
import re

import pytest
from pypdf import PdfReader

from fraudwatch.core import pagecache
from scams import printing
from scams.models import ScamType
from tests.conftest import make_scam_type

# Documents printed once for the module and the process (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdfs_rendered_once")


def squeezed(text):
    """Text without whitespace, so a name broken over two lines still matches."""
    return re.sub(r"\s+", "", text)


def pdf_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_booklet_has_cover_contents_a_page_per_type_and_a_back_page(client, catalogue, language):
    reader = pdf_of(client.get(f"/{language}/scams/booklet.pdf"))
    published = list(ScamType.objects.published().by_harm())
    assert len(reader.pages) == len(published) + printing.BOOKLET_FIXED_PAGES
    text = squeezed("".join(page.extract_text() for page in reader.pages))
    field = "name_zh" if language == "zh-hans" else "name_en"
    missing = [scam.slug for scam in published if squeezed(getattr(scam, field)) not in text]
    assert missing == []
    back = reader.pages[-1].extract_text()
    for number in ("110", "96110", "12381", "12315", "12366", "12321"):
        assert number in back
    # Each type's page is its leaflet, the most harmful first.
    assert squeezed(published[0].name_en if language == "en" else published[0].name_zh) in squeezed(
        reader.pages[2].extract_text()
    )


def test_booklet_is_rendered_once_until_the_catalogue_changes(client, catalogue, monkeypatch):
    calls = []

    def render(request):
        calls.append(request.path)
        return b"%PDF-1.7 booklet " + str(len(calls)).encode()

    monkeypatch.setattr(printing, "booklet", render)
    first = client.get("/en/scams/booklet.pdf")
    second = client.get("/en/scams/booklet.pdf")
    assert first.content == second.content == b"%PDF-1.7 booklet 1"
    assert calls == ["/en/scams/booklet.pdf"]

    client.get("/zh-hans/scams/booklet.pdf")  # another language, another booklet
    assert len(calls) == 2

    pagecache.invalidate()  # what every catalogue change does
    assert client.get("/en/scams/booklet.pdf").content == b"%PDF-1.7 booklet 3"


@pytest.mark.parametrize(
    ("language", "name"), [("zh-hans", "购房购车退税诈骗"), ("en", "Home and car tax refund scam")]
)
def test_leaflet_pdf_is_one_page_with_the_hotlines(client, catalogue, language, name):
    response = client.get(f"/{language}/scams/tax-refund/print.pdf")
    assert response["Content-Disposition"] == f'inline; filename="fraudwatch-tax-refund-{language}.pdf"'
    reader = pdf_of(response)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert squeezed(name) in squeezed(text)
    for number in ("110", "96110", "12366"):
        assert number in text


@pytest.mark.django_db
def test_leaflet_pdf_of_an_unpublished_type_is_404(client):
    hidden = make_scam_type(published=False)
    assert client.get(f"/en/scams/{hidden.slug}/print.pdf").status_code == 404


def test_the_catalogue_links_the_booklet_and_the_type_page_its_pdf(client, catalogue):
    assert 'href="/en/scams/booklet.pdf"' in client.get("/en/scams/").content.decode()
    assert 'href="/en/scams/tax-refund/print.pdf"' in client.get("/en/scams/tax-refund/").content.decode()
    assert (
        'href="/zh-hans/scams/tax-refund/print.pdf"' in client.get("/zh-hans/scams/tax-refund/print/").content.decode()
    )


def embedded_faces(reader):
    """The names of the fonts a PDF embeds (what `pdffonts` lists), subset prefix dropped."""
    faces, seen = set(), set()

    def visit(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            faces.add(str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1])
            for descendant in font.get("/DescendantFonts", []):
                faces.add(str(descendant.get_object().get("/BaseFont", "")).lstrip("/").split("+")[-1])
        for xobject in resources.get("/XObject", {}).values():
            if xobject.idnum not in seen:
                seen.add(xobject.idnum)
                visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return faces


@pytest.mark.parametrize(
    ("path", "script"),
    [
        ("/zh-hans/scams/police-impersonation/print.pdf", "SC"),
        ("/zh-hant/scams/police-impersonation/print.pdf", "TC"),
        ("/en/scams/tax-refund/print.pdf", "SC"),  # its Chinese words are Simplified
        ("/zh-hans/scams/booklet.pdf", "SC"),
        ("/zh-hant/scams/booklet.pdf", "TC"),
    ],
)
def test_chinese_in_a_pdf_is_set_in_the_face_of_its_script_never_the_japanese_one(client, catalogue, path, script):
    faces = embedded_faces(pdf_of(client.get(path)))
    chinese = {face for face in faces if "CJK" in face}
    assert chinese, faces
    assert {face for face in chinese if f"CJK-{script}" not in face} == set(), faces


def test_the_booklet_begins_with_the_most_harmful_and_its_contents_and_bookmarks_follow(client, catalogue):
    response = client.get("/zh-hans/scams/booklet.pdf")
    reader = pdf_of(response)
    ordered = list(ScamType.objects.published().by_harm())
    assert [scam.slug for scam in ordered[:7]] == [
        scam.slug for scam in ScamType.objects.published().filter(harm=5).by_harm()
    ]
    assert {"fake-investment-platform", "order-brushing", "police-impersonation", "ai-face-swap"} <= {
        scam.slug for scam in ordered[:7]
    }
    assert ordered[-1].harm == 1

    # Bookmarks: the contents, then one per type, numbered as in the contents, on its own page.
    outline = [entry for entry in reader.outline if not isinstance(entry, list)]
    titles = [entry.title for entry in outline]
    assert titles[0] == "目录"
    assert titles[1 : len(ordered) + 1] == [f"{number}. {scam.name_zh}" for number, scam in enumerate(ordered, 1)]
    for number, scam in enumerate(ordered, 1):
        page = reader.get_destination_page_number(outline[number])
        assert squeezed(scam.name_zh) in squeezed(reader.pages[page].extract_text()), scam.slug

    # The contents page links each name to the type's page.
    destinations = reader.named_destinations
    links = [annotation.get_object() for annotation in reader.pages[1]["/Annots"]]
    # (a link may be drawn as more than one box: the name, and the page number after it)
    targets = list(dict.fromkeys(str(link["/Dest"]) for link in links if link.get("/Subtype") == "/Link"))
    assert targets == [f"leaflet-{scam.slug}" for scam in ordered]
    for scam, target in zip(ordered, targets, strict=True):
        page = reader.get_destination_page_number(destinations[target])
        assert squeezed(scam.name_zh) in squeezed(reader.pages[page].extract_text()), scam.slug


def test_every_page_of_the_chinese_booklet_prints_at_12_pt_or_larger(client, catalogue):
    import pypdfium2

    from tests.scams.test_leaflet_print_sizes import characters

    pdf = pypdfium2.PdfDocument(client.get("/zh-hant/scams/booklet.pdf").content)
    smallest = {number: min(size for _c, size, _t, _b in characters(pdf, number)) for number in range(len(pdf))}
    assert {number: size for number, size in smallest.items() if size < 12 - 0.05} == {}
