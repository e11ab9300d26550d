"""A unit's printable campaign kit, as one PDF: a cover, then the kit's printable pieces,
every page carrying the QR code of the unit's short address (<site>/k/<code>/).

The pieces are the material's own files in the kit's language (or the other language
when a piece has none in it): the library's posters, plain-text scripts and slogans,
images, the bundled letters to parents and commitment letters filled in with the unit's
name, the campaign and the date, and PDFs uploaded as they are. Slides, Word files and
video cannot be printed as they are; the cover lists them with the address of their page.

The kit is one HTML document laid out by WeasyPrint in one pass, as a tagged PDF
(PDF/UA-1): the fonts are embedded once for the whole kit (merging each piece's own PDF
embedded them again for every piece, nearly 3 MB for seven pages), and the structure
tree, the language and the title cover every page. The library's posters are laid out
afresh from their source; every page after the cover has the QR band in its bottom
margin. An uploaded PDF has no source to lay out: its pages are drawn afterwards, shrunk
a little towards the top above the band, onto pages that the one pass kept for them,
where a figure carries the page's words for a screen reader and the drawing itself is
marked as an artifact.
"""

import base64
import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from campaigns import filenames
from campaigns.materials import letters, starter
from fraudwatch.core.bilingual import suffix_for, text_in
from scams import hotlines
from scams.printing import PDF_VARIANT, qr_svg

from .links import quiz_url

BAND_MM = 26  # the strip at the foot of every piece's page that carries the QR code
POINTS_PER_MM = 72 / 25.4
A4_HEIGHT_MM = 297
LANGUAGES = ("zh-hans", "en")  # the languages a kit is printed in
HTML_LANG = {"zh-hans": "zh-Hans", "en": "en", "zh": "zh-Hans"}


def _choose_file(material, language):
    """The file of `material` to print for the kit's language, or None: a PDF, else a text
    or an image, in the language, else in both, else in the other."""
    short = suffix_for(language)
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


class _Foreign:
    """The pages of an uploaded PDF, each with the place the one pass keeps for it."""

    def __init__(self, number, material, data, language):
        from pypdf import PdfReader

        self.data = data
        self.anchors = []
        self.pages = []
        title = text_in(material, "title", language)
        reader = PdfReader(io.BytesIO(data), strict=False)
        count = len(reader.pages)
        for index, page in enumerate(reader.pages):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            if page.rotation % 180:
                width, height = height, width
            words = " ".join((page.extract_text() or "").split())
            with translation.override(language):
                where = translation.gettext("%(title)s, page %(page)s of %(pages)s") % {
                    "title": title,
                    "page": index + 1,
                    "pages": count,
                }
            anchor = f"foreign-{number}-{index}"
            self.anchors.append(anchor)
            self.pages.append(
                {
                    "anchor": anchor,
                    "size_name": f"foreign-{round(width)}x{round(height)}",
                    "width": round(width, 2),
                    "height": round(height - BAND_MM * POINTS_PER_MM, 2),
                    "page_width": round(width, 2),
                    "page_height": round(height, 2),
                    "description": f"{where}: {words}" if words else where,
                    "lang": HTML_LANG[language],
                }
            )


def _piece_html(number, material, stored, language, unit, campaign):
    """The piece's markup for the one pass, or a _Foreign for a PDF uploaded as it is."""
    short = suffix_for(language)
    if letters.is_fillable(material):
        # The unit's own copy: its name, the campaign and today's date written in.
        words = letters.words(
            letters.letter_text(material), short, unit=unit, day=timezone.localdate(), campaign=campaign
        )
        return render_to_string("campaigns/materials/material_files/_letter.html", {**words, "lang": HTML_LANG[short]})
    if stored.content_type == "application/pdf":
        with stored.file.open("rb") as handle:
            data = handle.read()
        # Only the library's own copy: staff may have edited a poster that still carries the marker.
        poster = starter.poster_of_marker(_keywords(data)) if material.is_bundled else None
        if poster is not None:
            scam, poster_language = poster
            poster = render_to_string(
                "campaigns/materials/material_files/_poster.html", starter.poster_context(scam, poster_language)
            )
            return format_html('<div class="poster-frame">{}</div>', poster)
        return _Foreign(number, material, data, language)
    context = {"title": text_in(material, "title", language).plain, "lang": HTML_LANG[language]}
    if stored.content_type.startswith("text/"):
        with stored.file.open("rb") as handle:
            context["lines"] = handle.read().decode("utf-8", errors="replace").splitlines()
        context["slogans"] = material.kind.code == "banner_slogan"
    else:
        with stored.file.open("rb") as handle:
            context["image"] = f"data:{stored.content_type};base64,{base64.b64encode(handle.read()).decode()}"
    return render_to_string("campaigns/kits/_piece.html", context)


def _keywords(data):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        info = PdfReader(io.BytesIO(data), strict=False).metadata
    except (PdfReadError, ValueError):
        return None
    return str(info.get("/Keywords", "")) if info else None


def build(kit, unit, language, url):
    """The kit for `unit` in `language` ("zh-hans" or "en"), its QR codes pointing at `url`:
    PDF bytes."""
    from weasyprint import HTML

    chosen = pieces(kit, language)
    printable = [(material, stored) for material, stored in chosen if stored is not None]
    online = [material for material, stored in chosen if stored is None]
    campaign = kit.campaign
    with translation.override(language):
        parts = [
            _piece_html(number, material, stored, language, unit, campaign)
            for number, (material, stored) in enumerate(printable)
        ]
        foreign = [part for part in parts if isinstance(part, _Foreign)]
        markup = []
        for part in parts:
            if isinstance(part, _Foreign):
                markup.extend(render_to_string("campaigns/kits/_foreign_page.html", page) for page in part.pages)
            else:
                markup.append(part)
        sizes = {page["size_name"]: page for part in foreign for page in part.pages}
        html = render_to_string(
            "campaigns/kits/kit.html",
            {
                "lang": HTML_LANG[language],
                "kit": kit,
                "intro": text_in(kit, "intro", language),
                "campaign": campaign,
                "unit": unit,
                "url": url,
                "qr_svg": qr_svg(url),
                "quiz_url": quiz_url(url),
                "quiz_svg": qr_svg(quiz_url(url)),
                "band_mm": BAND_MM,
                "poster_height_mm": A4_HEIGHT_MM - BAND_MM,
                "poster_scale": f"{(A4_HEIGHT_MM - BAND_MM) / A4_HEIGHT_MM:.4f}",
                "foreign_sizes": [
                    {"name": name, "width": page["page_width"], "height": page["page_height"]}
                    for name, page in sizes.items()
                ],
                "printable": [material for material, _stored in printable],
                "online": online,
                "scam_types": kit.scam_types.published().order_by("slug"),
                "always": hotlines.ALWAYS,
                "printed": timezone.localdate(),
                "pieces": markup,
            },
        )
    document = HTML(string=html).render(pdf_variant=PDF_VARIANT)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    if not foreign:
        return pdf
    where = {anchor: index for index, page in enumerate(document.pages) for anchor in page.anchors}
    return _draw_foreign_pages(pdf, [(part, [where[anchor] for anchor in part.anchors]) for part in foreign])


def _draw_foreign_pages(pdf, placed):
    """Draw each uploaded page under its kept page, above the band, as an artifact."""
    import pikepdf

    band = BAND_MM * POINTS_PER_MM
    with pikepdf.open(io.BytesIO(pdf)) as kit:
        for part, indexes in placed:
            with pikepdf.open(io.BytesIO(part.data)) as source:
                for source_page, index in zip(source.pages, indexes, strict=True):
                    target = kit.pages[index]
                    form = kit.copy_foreign(source_page.as_form_xobject())
                    name = target.add_resource(form, pikepdf.Name.XObject, prefix="Fx")
                    left, bottom, right, top = (float(value) for value in target.mediabox)
                    width, height = right - left, top - bottom
                    box = [float(value) for value in form.BBox]
                    scale = min(width / (box[2] - box[0]), (height - band) / (box[3] - box[1]))
                    x = left + (width - (box[2] - box[0]) * scale) / 2 - box[0] * scale
                    y = bottom + band - box[1] * scale
                    drawing = (
                        f"/Artifact BMC q {scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm {name} Do Q EMC\n"
                    ).encode()
                    target.contents_add(kit.make_stream(drawing), prepend=True)
        buffer = io.BytesIO()
        kit.save(buffer)
    return buffer.getvalue()


def quiz_sheet(questions, language, campaign=None, with_key=False):
    """The paper quiz on A4: numbered questions with boxes to tick, or (with_key) the same
    questions with the right answers and why, for whoever marks the sheets."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "campaigns/kits/quiz_sheet.html",
            {
                "lang": HTML_LANG[language],
                "questions": questions,
                "campaign": campaign,
                "with_key": with_key,
                "always": hotlines.ALWAYS,
            },
        )
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)


def file_name(kit, unit, language):
    """The campaign's and the unit's names, in the kit's language."""
    with translation.override(language):
        return filenames.readable(
            text_in(kit.campaign, "name", language), text_in(unit, "name", language), _("campaign kit"), extension="pdf"
        )
