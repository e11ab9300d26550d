"""The pixel budget: how large a picture may be, judged from its header before any of it is decoded.

Pillow reads only a picture's header until its pixels are needed, so a small file that
claims a huge picture costs nothing to refuse. Pillow keeps most pictures at four bytes
a pixel: 50 megapixels, the most a phone photo has, decode to about 190 MiB, and that is
the most any picture we decode may have. No side may be longer than 20,000 pixels either,
so a picture one pixel high and fifty million wide is refused too.

Evidence photos, material files and posters are checked against it when they are
uploaded, and again when they are drawn small: a file stored before the limit, or put in
place by other means, never gets decoded past it.
"""

import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

# Pillow refuses to open anything over twice this (DecompressionBombError), and check()
# anything over it: either way TooManyPixels. Tests lower it to try the limit cheaply.
Image.MAX_IMAGE_PIXELS = 50_000_000
MAX_SIDE = 20_000

# A picture drawn small is reduced a band of rows at a time, each band about this large.
BAND_BYTES = 1024 * 1024


class TooManyPixels(ValueError):
    pass


def check(image):
    """Raise TooManyPixels unless the opened picture fits the budget. Reads only the size
    its header gives."""
    width, height = image.size
    if width * height > Image.MAX_IMAGE_PIXELS or max(width, height) > MAX_SIDE:
        raise TooManyPixels(f"{width}×{height} pixels")


def open_picture(file, formats=None):
    """The picture in `file`, opened and checked but not yet decoded. Use it in a `with`
    block: that leaves `file` open, for its owner to close."""
    try:
        image = Image.open(file, formats=formats)
    except Image.DecompressionBombError as error:
        raise TooManyPixels(str(error)) from None
    check(image)
    return image


def too_large(name):
    return ValidationError(
        _(
            "%(name)s has more than %(megapixels)d megapixels or a side longer than %(side)d pixels. "
            "Make it smaller and attach it again."
        ),
        params={"name": name, "megapixels": Image.MAX_IMAGE_PIXELS // 1_000_000, "side": MAX_SIDE},
        code="too_many_pixels",
    )


def unreadable(name):
    return ValidationError(
        _("%(name)s could not be read as a picture. Save it again as JPEG or PNG and attach it again."),
        params={"name": name},
        code="unreadable",
    )


def validate(upload, formats=None):
    """ValidationError unless the uploaded picture's header can be read and fits the budget.
    Decodes nothing."""
    try:
        with open_picture(upload, formats=formats):
            pass
    except TooManyPixels:
        raise too_large(upload.name) from None
    except Exception:  # a damaged header fails in Pillow's plugins in many ways
        raise unreadable(upload.name) from None
    finally:
        upload.seek(0)


def shrunk(image, box):
    """The opened picture made to fit `box` (width, height), keeping its shape: RGBA if it has
    transparency, else RGB.

    The picture is decoded once and never copied whole: Image.thumbnail() would copy all of
    it again to convert a picture with transparency, doubling what it takes. Here it is
    reduced by whole factors a band of rows at a time, then resized from that.
    """
    check(image)
    image.draft("RGB", box)  # a JPEG decodes straight at 1/2, 1/4 or 1/8 of its size, if that still fills box
    mode = "RGBA" if image.has_transparency_data else "RGB"
    width, height = image.size
    scale = min(box[0] / width, box[1] / height, 1)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # Whole factors that leave between one and two times the final size: a box filter, then bicubic.
    factor_x, factor_y = max(1, width // size[0]), max(1, height // size[1])
    reduced = Image.new(mode, (math.ceil(width / factor_x), math.ceil(height / factor_y)))
    band = factor_y * max(1, BAND_BYTES // (4 * width * factor_y))
    for top in range(0, height, band):
        rows = image.crop((0, top, width, min(height, top + band)))
        if rows.mode != mode:
            rows = rows.convert(mode)
        reduced.paste(rows.reduce((factor_x, factor_y)), (0, top // factor_y))
    return reduced.resize(size, Image.Resampling.BICUBIC)
