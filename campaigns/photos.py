"""Evidence photos are decoded and written again before they are stored.

A phone photo carries EXIF: where it was taken (GPS), the device, sometimes a thumbnail
of the uncropped picture. Anything can also ride after the image's last byte. Writing the
pixels out anew keeps only the picture: turned upright as the camera meant (the EXIF
orientation is applied first), in the same format, with its colour profile.
"""

import io
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ImageOps

from . import pixels

FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
JPEG_QUALITY = 85
WEBP_QUALITY = 85


def rewrite(upload, content_type):
    """A new upload holding only the photo's pixels, or ValidationError if Pillow cannot
    read it as the format its first bytes claim, or it is over the pixel budget."""
    try:
        with pixels.open_picture(upload, formats=[FORMATS[content_type]]) as image:
            # Turned in place: a copy would double what a large photo takes.
            ImageOps.exif_transpose(image, in_place=True)
            data = _encode(image, FORMATS[content_type])
    except pixels.TooManyPixels:
        raise pixels.too_large(upload.name) from None
    except Exception:  # a damaged file fails in Pillow's decoders in many ways
        raise pixels.unreadable(upload.name) from None
    return SimpleUploadedFile(upload.name, data, content_type=content_type)


def _encode(image, image_format):
    # Savers copy some of what they read back out (JPEG comments, for one): pass on only
    # the colour profile and, for PNG, which colour is transparent.
    options = {"icc_profile": image.info.get("icc_profile")}
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options["quality"] = JPEG_QUALITY
    elif image_format == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        options["quality"] = WEBP_QUALITY
    elif "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    image.info = {}
    out = io.BytesIO()
    image.save(out, image_format, **{key: value for key, value in options.items() if value is not None})
    return out.getvalue()


# Thumbnails: small copies for lists and forms, made on first request and kept on disk
# under MEDIA_ROOT/thumbs/ beside nothing else (the originals stay as they are).
THUMB_BOX = (320, 320)
THUMB_QUALITY = 80


def thumbnail_path(file_name, transparent):
    stem = file_name.rsplit(".", 1)[0]
    return Path(settings.MEDIA_ROOT) / "thumbs" / f"{stem}.{'png' if transparent else 'jpg'}"


def cached_thumbnail(file_name, open_original):
    """(path, content type) of the thumbnail of a stored photo, made with Pillow the first
    time. `open_original()` opens the stored file for reading."""
    for transparent, content_type in ((False, "image/jpeg"), (True, "image/png")):
        path = thumbnail_path(file_name, transparent)
        if path.exists():
            return path, content_type
    with open_original() as handle, pixels.open_picture(handle) as image:
        small = pixels.shrunk(image, THUMB_BOX)
    transparent = small.mode == "RGBA"
    out = io.BytesIO()
    if transparent:
        small.save(out, "PNG", optimize=True)
    else:
        small.save(out, "JPEG", quality=THUMB_QUALITY, optimize=True)
    path = thumbnail_path(file_name, transparent)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and moved into place, so a reader never sees half a file.
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as partial:
        partial.write(out.getvalue())
    os.replace(partial.name, path)
    return path, "image/png" if transparent else "image/jpeg"


def delete_thumbnail(file_name):
    for transparent in (False, True):
        thumbnail_path(file_name, transparent).unlink(missing_ok=True)
