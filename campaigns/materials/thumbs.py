"""A preview image for every material, made once and kept under MEDIA_ROOT/material-thumbs.

A PDF shows its first page (pypdfium2), an image itself, a video the poster its uploader
gave, slides a card with their first slide's title; anything else (Word documents,
scripts, a video without a poster) a card with the material's kind and title.

Every preview is drawn within a pixel budget decided before anything is decoded: a PDF
page from its box, a picture from its header (campaigns.pixels)."""

import io
import textwrap
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from .. import pixels
from . import files

WIDTH = 480
# The tallest a preview gets: a longer page shows its top.
MAX_HEIGHT = 2 * WIDTH
CARD_SIZE = (WIDTH, int(WIDTH * 1.3))
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"


def thumbnail_path(material):
    return Path(settings.MEDIA_ROOT) / "material-thumbs" / f"{material.pk}.png"


def thumbnail(material):
    """The path of the material's thumbnail, made now if it does not exist yet."""
    path = thumbnail_path(material)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        image = _render(material)
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(buffer.getvalue())
        temporary.replace(path)  # two requests at once each write whole files
    return path


def forget(material):
    thumbnail_path(material).unlink(missing_ok=True)


def _render(material):
    if material.poster:
        with material.poster.open("rb") as poster:
            return picture(poster)
    for stored in material.files.all():
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
    return card(material.kind.name_zh, material.kind.name_en, material.title_zh or material.title_en)


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
