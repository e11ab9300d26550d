"""A unit's printable campaign kit, as one PDF: a cover, then the kit's printable pieces,
every page carrying the QR code of the unit's short address (<site>/k/<code>/).

The pieces are the material's own files in the kit's language (or the other language
when a piece has none in it): PDFs as they are, plain-text scripts and slogans and
images laid out on a page of their own, and the bundled letters to parents and
commitment letters filled in with the unit's name, the campaign and the date. Slides,
Word files and video cannot be printed as they are; the cover lists them with the
address of their page. pypdf puts the pages
together: each piece's page is shrunk a little towards the top so that the band at its
foot, with the QR code, covers nothing.
"""

import base64
import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns import filenames
from campaigns.materials import letters
from scams import hotlines
from scams.printing import qr_svg

BAND_MM = 26  # the strip at the foot of every piece's page that carries the QR code
POINTS_PER_MM = 72 / 25.4
LANGUAGES = {"zh-hans": "zh", "en": "en"}


def _html_pdf(html):
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _render(template, context, language):
    with translation.override(language):
        return render_to_string(template, {"lang": "zh-Hans" if language == "zh-hans" else "en", **context})


def _choose_file(material, language):
    """The file of `material` to print for the kit's language, or None: a PDF, else a text
    or an image, in the language, else in both, else in the other."""
    short = LANGUAGES[language]
    files = list(material.files.all())
    for languages in ((short,), ("",), ("zh", "en")):
        for wanted in ("application/pdf", "text/plain", "image/"):
            for stored in files:
                if stored.language in languages and stored.content_type.startswith(wanted):
                    return stored
    return None


def pieces(kit, language):
    """[(material, file or None)] for the kit's published material, in the library's order."""
    materials = kit.materials.published().select_related("kind").prefetch_related("files")
    return [(material, _choose_file(material, language)) for material in materials]


def _piece_pdf(material, stored, language, unit, campaign):
    if letters.is_fillable(material):
        # The unit's own copy: its name, the campaign and today's date written in.
        pdf, _type, _name = letters.render(
            material, "pdf", LANGUAGES[language], unit=unit, day=timezone.localdate(), campaign=campaign
        )
        return pdf
    if stored.content_type == "application/pdf":
        with stored.file.open("rb") as handle:
            return handle.read()
    context = {"title": material.title_in(LANGUAGES[language])}
    if stored.content_type.startswith("text/"):
        with stored.file.open("rb") as handle:
            context["lines"] = handle.read().decode("utf-8", errors="replace").splitlines()
        context["slogans"] = material.kind.code == "banner_slogan"
    else:
        with stored.file.open("rb") as handle:
            context["image"] = f"data:{stored.content_type};base64,{base64.b64encode(handle.read()).decode()}"
    return _html_pdf(_render("campaigns/kits/piece.html", context, language))


def _band_pdf(width, height, url, unit, language):
    """One transparent page of the given size (points) with the QR band at its foot."""
    html = _render(
        "campaigns/kits/band.html",
        {"width": width, "height": height, "band_mm": BAND_MM, "url": url, "unit": unit, "qr_svg": qr_svg(url)},
        language,
    )
    return _html_pdf(html)


def build(kit, unit, language, url):
    """The kit for `unit` in `language` ("zh-hans" or "en"), its QR codes pointing at `url`:
    PDF bytes."""
    from pypdf import PdfReader, PdfWriter, Transformation

    chosen = pieces(kit, language)
    printable = [(material, stored) for material, stored in chosen if stored is not None]
    online = [material for material, stored in chosen if stored is None]
    campaign = kit.campaign
    cover = _render(
        "campaigns/kits/cover.html",
        {
            "kit": kit,
            "campaign": campaign,
            "unit": unit,
            "url": url,
            "qr_svg": qr_svg(url),
            "printable": [material for material, _stored in printable],
            "online": online,
            "scam_types": kit.scam_types.published().order_by("slug"),
            "always": hotlines.ALWAYS,
            "printed": timezone.localdate(),
        },
        language,
    )
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_html_pdf(cover))))
    bands = {}
    band = BAND_MM * POINTS_PER_MM
    for material, stored in printable:
        reader = PdfReader(io.BytesIO(_piece_pdf(material, stored, language, unit, campaign)), strict=False)
        for source in reader.pages:
            page = writer.add_page(source)  # pypdf changes the content of pages in a writer only
            if page.rotation:
                page.transfer_rotation_to_content()
            box = page.mediabox
            x0, y0, width, height = float(box.left), float(box.bottom), float(box.width), float(box.height)
            scale = (height - band) / height
            page.add_transformation(
                Transformation()
                .scale(scale, scale)
                .translate(x0 + (width - width * scale) / 2 - scale * x0, y0 + band - scale * y0)
            )
            size = (round(width, 1), round(height, 1))
            if size not in bands:
                bands[size] = PdfReader(io.BytesIO(_band_pdf(*size, url, unit, language))).pages[0]
            page.merge_transformed_page(bands[size], Transformation().translate(x0, y0))
    with translation.override(language):
        writer.add_metadata({"/Title": f"{campaign.t.name} · {unit.t.name}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def file_name(kit, unit, language):
    """The campaign's and the unit's names, in the kit's language."""
    with translation.override(language):
        return filenames.readable(kit.campaign.t.name, unit.t.name, _("campaign kit"), extension="pdf")
