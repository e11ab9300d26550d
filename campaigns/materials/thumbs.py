"""A preview image for every material, made once and kept under MEDIA_ROOT/material-thumbs.

A PDF shows its first page (pypdfium2), an image itself, a video the poster its uploader
gave, slides a card with their first slide's title; anything else (Word documents,
scripts, a video without a poster) a card with the material's kind and title."""

import io
import textwrap
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from . import files

WIDTH = 480
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
            return _resized(Image.open(poster))
    for stored in material.files.all():
        if stored.content_type == files.PDF:
            with stored.file.open("rb") as pdf:
                return pdf_first_page(pdf.read(), WIDTH)
        if stored.content_type in files.IMAGES:
            with stored.file.open("rb") as image:
                return _resized(Image.open(image))
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
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[0]
        scale = width / page.get_width()
        return page.render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


def _resized(image):
    image = image.convert("RGB")
    image.thumbnail((WIDTH, WIDTH * 2))
    return image


def card(kind_zh, kind_en, title):
    image = Image.new("RGB", (WIDTH, int(WIDTH * 1.3)), "#f4f6f8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 90), fill="#0b4f8a")
    draw.text((24, 22), f"{kind_zh} · {kind_en}", font=ImageFont.truetype(BOLD, 30), fill="#ffffff")
    font = ImageFont.truetype(FONT, 34)
    width = 12 if any("\u4e00" <= char <= "\u9fff" for char in title) else 24
    for line_number, line in enumerate(textwrap.wrap(title, width)[:8]):
        draw.text((24, 130 + line_number * 52), line, font=font, fill="#111111")
    draw.text((24, image.height - 60), "FraudWatch · 110 · 96110", font=ImageFont.truetype(FONT, 24), fill="#444444")
    return image
