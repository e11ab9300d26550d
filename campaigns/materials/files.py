"""What a material file is, read from its bytes rather than its name, and within what size:
bytes for every file, pixels for pictures (see campaigns.pixels)."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import pixels

MB = 1024 * 1024
# Bytes a file may have, by content type; anything not listed: DEFAULT_MAX_BYTES.
MAX_BYTES = {"video/mp4": 200 * MB}
DEFAULT_MAX_BYTES = 20 * MB

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MP4 = "video/mp4"
TEXT = "text/plain; charset=utf-8"
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", PPTX: "pptx", DOCX: "docx", MP4: "mp4", TEXT: "txt"}
IMAGES = (PNG, JPEG)
PILLOW_FORMATS = {PNG: "PNG", JPEG: "JPEG"}


def _office_type(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            if any(name.startswith("ppt/") for name in names):
                return PPTX
            if any(name.startswith("word/") for name in names):
                return DOCX
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def _is_text(upload):
    upload.seek(0)
    data = upload.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # Markup is not a script to read aloud (and must not be served as one).
    return "\x00" not in text and not text.lstrip().lower().startswith(("<!doctype", "<html", "<?xml", "<svg"))


def detect(upload):
    """The content type of an uploaded file judged by its content, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[4:8] == b"ftyp":
        return MP4
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    return TEXT if _is_text(upload) else None


def check(upload, allowed=None):
    """The file's content type, or ValidationError saying what is wrong with it."""
    if not upload.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name})
    content_type = detect(upload)
    upload.seek(0)
    if content_type is None or (allowed and content_type not in allowed):
        raise ValidationError(
            _("“%(name)s” is not a file we accept. Upload PDF, PNG, JPEG, PPTX, DOCX, MP4 or UTF-8 text.")
            % {"name": upload.name}
        )
    limit = MAX_BYTES.get(content_type, DEFAULT_MAX_BYTES)
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; files of this kind may have at most %(limit)s MB.")
            % {"name": upload.name, "size": round(upload.size / MB, 1), "limit": round(limit / MB, 1)}
        )
    if content_type in IMAGES:
        # Read from its header only: the picture must fit the budget every preview is drawn in.
        pixels.validate(upload, formats=[PILLOW_FORMATS[content_type]])
    return content_type
