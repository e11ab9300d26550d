"""A preview image for every material, made once and kept under MEDIA_ROOT/material-thumbs.

A PDF shows its first page (pypdfium2), an image itself, a video the poster its uploader
gave, slides a card with their first slide's title; anything else (Word documents,
scripts, a video without a poster) a card with the material's kind and title.

Every preview is drawn within a pixel budget decided before anything is decoded: a PDF
page from its box, a picture from its header (campaigns.pixels). A preview that cannot be
drawn (a damaged file, a picture over the budget) is remembered as such beside the
previews, so every process shows a plain placeholder without trying again; publishing
the material again, or saving it in the admin, forgets both."""

import hashlib
import io
import logging
import os
import tempfile
import textwrap
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from fraudwatch.core.bilingual import PRIMARY_LANGUAGE, text_in

from .. import pixels
from . import files

logger = logging.getLogger(__name__)

WIDTH = 480
# The tallest a preview gets: a longer page shows its top.
MAX_HEIGHT = 2 * WIDTH
CARD_SIZE = (WIDTH, int(WIDTH * 1.3))
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"


def thumbnail_path(material):
    return Path(settings.MEDIA_ROOT) / "material-thumbs" / f"{material.pk}.png"


def failure_path(material):
    """Where a failed preview is remembered, with what went wrong."""
    return thumbnail_path(material).with_suffix(".failed")


def thumbnail(material):
    """The path of the material's preview, made now if it was never tried; the placeholder's
    if it could not be made, now or before."""
    path = thumbnail_path(material)
    if path.exists():
        return path
    failed = failure_path(material)
    if failed.exists():
        return placeholder()
    stored_files = list(material.files.all())
    try:
        image = _render(material, stored_files)
    except Exception as error:  # pdfium and Pillow fail on a damaged file in many ways
        logger.warning("No preview for material %s: %r", material.pk, error)
        _write(failed, f"{error!r}\n".encode())
        return placeholder()
    _write(path, _png(image))
    return path


def forget(material):
    thumbnail_path(material).unlink(missing_ok=True)
    failure_path(material).unlink(missing_ok=True)
    for variant in thumbnail_path(material).parent.glob(f"{material.pk}-*"):
        variant.unlink(missing_ok=True)


# What pages show: the preview at the widths it is drawn (a card 240 CSS pixels across, the
# material's page 480) and twice that for sharp screens, as WebP; PNG only as the <img>
# that a browser without WebP falls back to. Each under a name that changes with the
# preview, so that browsers keep it for a year and never ask again.
WIDTHS = (240, 480)
FORMATS = {
    "webp": ("WEBP", "image/webp", {"quality": 80, "method": 6}),
    "png": ("PNG", "image/png", {"optimize": True}),
}
NOT_MADE = "0"


def version(material):
    """A token naming the preview as it is now: NOT_MADE while it has not been made. Reads
    the file's size and time only, so a list of cards costs no rendering and no query."""
    for path in (thumbnail_path(material), failure_path(material)):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        return hashlib.sha256(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}".encode()).hexdigest()[:12]
    return NOT_MADE


def variant(material, width, image_format):
    """(path, token) of the preview drawn `width` pixels wide (never wider than it was made)
    in `image_format` ("webp" or "png"), made now if needed."""
    made = thumbnail(material)
    token = version(material)
    path = thumbnail_path(material).parent / f"{material.pk}-{token}-{width}.{image_format}"
    if not path.exists():
        pillow_format, _content_type, options = FORMATS[image_format]
        with Image.open(made) as image:
            if image.width > width:
                image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            image.save(buffer, pillow_format, **options)
        _write(path, buffer.getvalue())
    return path, token


def placeholder():
    """A plain grey page the size of a card, shown where a preview could not be made."""
    path = Path(settings.MEDIA_ROOT) / "material-thumbs" / "placeholder.png"
    if not path.exists():
        image = Image.new("RGB", CARD_SIZE, "#e9ecef")
        ImageDraw.Draw(image).rectangle((0, 0, CARD_SIZE[0] - 1, CARD_SIZE[1] - 1), outline="#ced4da", width=4)
        _write(path, _png(image))
    return path


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and moved into place: two requests at once each write whole files.
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as partial:
        partial.write(data)
    os.replace(partial.name, path)


def _render(material, stored_files):
    if material.poster:
        with material.poster.open("rb") as poster:
            return picture(poster)
    for stored in stored_files:
        if stored.content_type == files.PDF:
            with stored.file.open("rb") as pdf:
                return pdf_first_page(pdf.read(), WIDTH)
        if stored.content_type in files.IMAGES:
            with stored.file.open("rb") as image:
                return picture(image)
        if stored.content_type == files.PPTX:
            title = _first_slide_title(stored)
            if title:
                return card(material.kind.name_zh, material.kind.name_en, title)
    return card(material.kind.name_zh, material.kind.name_en, str(text_in(material, "title", PRIMARY_LANGUAGE)))


def _first_slide_title(stored):
    """The first slide's title: the deck's own words on its card. Rendering the slide
    itself would need an office suite on the server."""
    from pptx import Presentation

    try:
        with stored.file.open("rb") as deck:
            slides = Presentation(deck).slides
            title = slides[0].shapes.title if len(slides) else None
            return title.text_frame.text.strip() if title is not None and title.has_text_frame else ""
    except Exception:  # a deck python-pptx cannot read still gets the material's card
        return ""


def pdf_first_page(data, width):
    """The first page drawn `width` pixels wide, at most twice as tall: a longer page shows
    its top. The bitmap's size comes from the page's box before anything is drawn, so a
    page 8 pt wide and 14,400 pt tall is drawn 480 by 960 pixels rather than 480 by 864,000."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[0]
        page_width, page_height = page.get_size()
        if not (page_width > 0 and page_height > 0):
            raise ValueError(f"a page of {page_width} × {page_height} pt")
        scale = width / page_width
        shown = min(page_height, 2 * width / scale)  # in points, from the top
        bitmap = page.render(scale=scale, crop=(0, page_height - shown, 0, 0))
        return bitmap.to_pil().convert("RGB")
    finally:
        document.close()


def picture(file):
    """An open PNG or JPEG drawn within WIDTH by MAX_HEIGHT pixels, what is transparent made white."""
    with pixels.open_picture(file) as image:
        small = pixels.shrunk(image, (WIDTH, MAX_HEIGHT))
    if small.mode == "RGBA":
        small = Image.alpha_composite(Image.new("RGBA", small.size, "white"), small)
    return small.convert("RGB")


def card(kind_zh, kind_en, title):
    image = Image.new("RGB", CARD_SIZE, "#f4f6f8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 90), fill="#0b4f8a")
    draw.text((24, 22), f"{kind_zh} · {kind_en}", font=ImageFont.truetype(BOLD, 30), fill="#ffffff")
    font = ImageFont.truetype(FONT, 34)
    width = 12 if any("\u4e00" <= char <= "\u9fff" for char in title) else 24
    for line_number, line in enumerate(textwrap.wrap(title, width)[:8]):
        draw.text((24, 130 + line_number * 52), line, font=font, fill="#111111")
    draw.text((24, image.height - 60), "FraudWatch · 110 · 96110", font=ImageFont.truetype(FONT, 24), fill="#444444")
    return image
