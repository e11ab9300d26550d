"""Every picture is drawn within a pixel budget decided before anything is decoded; a preview
that cannot be drawn is tried once, remembered, and shown as a plain placeholder."""

import json
import os
import struct
import subprocess
import sys
import zlib

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from campaigns.materials import files as checks
from campaigns.materials import thumbs
from campaigns.models import Evidence, Material
from tests.campaigns.test_activity_edit import activity_form
from tests.conftest import make_activity, make_material

UNREADABLE_PDF = b"%PDF-1.4 garbage"


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def pdf_page(width, height):
    """A one-page PDF whose page box is `width` by `height` pt, written by hand (pdfium finds
    the objects without a cross-reference table)."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + f"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 {width} {height}]>>endobj\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def png(width, height, mode="1"):
    """A PNG of one colour, written row by row with zlib: its header claims width by height
    pixels while the file stays small. Black and white ("1") or RGBA, half transparent."""
    bit_depth, colour_type, row = {
        "1": (1, 0, b"\xff" * ((width + 7) // 8)),
        "RGBA": (8, 6, bytes([200, 30, 30, 128]) * width),
    }[mode]

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj()
    rows = b"".join(packer.compress(b"\0" + row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def test_the_tall_page_of_the_finding_is_a_pdf_of_under_200_bytes():
    data = pdf_page(8, 14_400)
    assert len(data) < 200
    assert checks.detect(SimpleUploadedFile("tall.pdf", data)) == checks.PDF


# Upload: pictures are judged by their header.


def material_form(county, **uploads):
    from campaigns.models import MaterialKind

    return {
        "unit": county["a"].pk,
        "kind": MaterialKind.objects.get(code="video").pk,
        "title_en": "Video",
        "files": SimpleUploadedFile("clip.mp4", b"\0\0\0\x18ftypmp42"),
        **uploads,
    }


@pytest.mark.parametrize("field", ["poster", "files"])
@pytest.mark.parametrize("size", [(20_000, 20_000), (20_001, 1)], ids=["400-megapixels", "20001-pixels-wide"])
def test_a_picture_over_the_budget_is_refused_at_upload(client, county, staff_a, media_root, field, size):
    client.force_login(staff_a)

    data = material_form(county, **{field: SimpleUploadedFile("big.png", png(*size))})
    response = client.post(url("campaigns:material-new"), data)

    assert response.status_code == 200
    assert (
        "big.png has more than 50 megapixels or a side longer than 20000 pixels. Make it smaller"
        in response.content.decode()
    )
    assert not Material.objects.exists()
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))


def test_a_poster_whose_header_cannot_be_read_is_refused(client, county, staff_a):
    client.force_login(staff_a)
    poster = SimpleUploadedFile("poster.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)

    response = client.post(url("campaigns:material-new"), material_form(county, poster=poster))

    assert "poster.png could not be read as a picture." in response.content.decode()
    assert not Material.objects.exists()


def test_a_poster_within_the_budget_is_accepted(client, county, staff_a):
    client.force_login(staff_a)
    poster = SimpleUploadedFile("poster.png", png(4000, 3000))

    response = client.post(url("campaigns:material-new"), material_form(county, poster=poster))

    assert response.status_code == 302
    assert Material.objects.get().poster.name.startswith("material-posters/poster")


def test_an_evidence_photo_with_a_side_over_20000_pixels_is_refused(client, county, staff_a):
    client.force_login(staff_a)
    photo = SimpleUploadedFile("strip.png", png(20_001, 1))

    response = client.post(url("campaigns:activity-new"), {**activity_form(county["a"]), "evidence": [photo]})

    assert response.status_code == 200
    assert "strip.png has more than 50 megapixels or a side longer than 20000 pixels." in " ".join(
        response.context["form"].errors["evidence"]
    )


# Previews: drawn within the budget, or tried once and shown as the placeholder.


def count_renders(monkeypatch):
    attempts = []
    render = thumbs._render

    def counted(*args):
        attempts.append(args)
        return render(*args)

    monkeypatch.setattr(thumbs, "_render", counted)
    return attempts


def preview(client, material):
    response = client.get(url("materials:thumbnail", material.slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("page", "size"),
    [((8, 14_400), (480, 960)), ((2, 14_400), (480, 960)), ((14_400, 8), (480, 1))],
    ids=["8x14400pt", "2x14400pt", "14400x8pt"],
)
def test_a_pdf_page_of_extreme_shape_is_drawn_480_wide_and_at_most_960_high(client, db, monkeypatch, page, size):
    material = make_material(files=[("long.pdf", pdf_page(*page), checks.PDF, "")])
    attempts = count_renders(monkeypatch)

    shown = [preview(client, material) for _ in range(3)]

    assert Image.open(thumbs.thumbnail_path(material)).size == size
    assert shown == [thumbs.thumbnail_path(material).read_bytes()] * 3
    assert len(attempts) == 1


def poster_of(data):
    material = make_material(kind="video", files=[("clip.mp4", b"\0\0\0\x18ftypmp42", checks.MP4, "")])
    material.poster.save("poster.png", ContentFile(data))  # as the admin or an older upload could
    return material


BROKEN = {
    "poster-400-megapixels": lambda: poster_of(png(20_000, 20_000)),
    "poster-20001-pixels-wide": lambda: poster_of(png(20_001, 1)),
    "unreadable-pdf": lambda: make_material(files=[("broken.pdf", UNREADABLE_PDF, checks.PDF, "")]),
}


@pytest.mark.parametrize("broken", BROKEN)
def test_a_preview_that_cannot_be_made_is_tried_once_and_the_placeholder_shown(client, db, monkeypatch, broken):
    material = BROKEN[broken]()
    attempts = count_renders(monkeypatch)

    shown = [preview(client, material) for _ in range(3)]

    placeholder = thumbs.placeholder().read_bytes()
    assert shown == [placeholder] * 3
    assert len(attempts) == 1
    # Remembered on disk, where every worker process looks, not in this one's memory.
    assert thumbs.failure_path(material).read_text()
    assert not thumbs.thumbnail_path(material).exists()
    with Image.open(thumbs.placeholder()) as image:
        assert image.size == (480, 624)
        assert image.getpixel((240, 312)) == (0xE9, 0xEC, 0xEF)


def test_publishing_again_forgets_the_failure_and_tries_once_more(client, county, staff_a, reviewer, monkeypatch):
    material = make_material(county["a"], staff_a, files=[("broken.pdf", UNREADABLE_PDF, checks.PDF, "")])
    preview(client, material)
    assert thumbs.failure_path(material).exists()
    material.files.get().file.save("fixed.pdf", ContentFile(pdf_page(200, 300)))
    Material.objects.filter(pk=material.pk).update(status=Material.Status.SUBMITTED)
    client.force_login(reviewer)
    client.post(url("campaigns:material-publish", material.pk))
    attempts = count_renders(monkeypatch)

    shown = preview(client, material)

    assert len(attempts) == 1
    assert not thumbs.failure_path(material).exists()
    assert shown == thumbs.thumbnail_path(material).read_bytes()
    assert Image.open(thumbs.thumbnail_path(material)).size == (480, 720)


def test_a_transparent_poster_is_shown_on_white(client, db):
    material = poster_of(png(300, 200, mode="RGBA"))

    with Image.open(thumbs.thumbnail(material)) as image:
        assert image.size == (300, 200)
        red, green, blue = image.getpixel((10, 10))
    assert (red, green, blue) == pytest.approx((228, 142, 142), abs=2)  # half of (200, 30, 30) over white


def test_an_evidence_photo_stored_over_the_budget_gets_a_404_not_a_500(client, county, staff_a):
    activity = make_activity(county["a"], staff_a)
    evidence = Evidence.objects.create(  # as a restored archive could hold it: uploads are checked
        activity=activity,
        file=ContentFile(png(20_000, 20_000), name="big.png"),
        original_name="big.png",
        content_type="image/png",
        size=1,
        uploaded_by=staff_a,
    )
    client.force_login(staff_a)

    response = client.get(url("campaigns:evidence-thumb", activity.pk, evidence.pk))

    assert response.status_code == 404


# Memory: measured in a fresh process, since pdfium draws outside Python's own allocator.

MEASURE = """
import json, sys
import django

django.setup()
import pypdfium2  # once per process, not per preview: imported before the measure
from PIL import Image
from campaigns.materials import thumbs

Image.init()


def kib(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


path, content_type = sys.argv[1:]
try:
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # the peak starts again from what the process holds now
except OSError:
    pass  # the peak may then be an earlier one: still at least what the preview took
before = kib("VmRSS")
try:
    with open(path, "rb") as file:
        if content_type == "application/pdf":
            image = thumbs.pdf_first_page(file.read(), thumbs.WIDTH)
        else:
            image = thumbs.picture(file)
    outcome = list(image.size)
except Exception as error:
    outcome = type(error).__name__
print(json.dumps({"outcome": outcome, "peak_mib": (kib("VmHWM") - before) / 1024}))
"""


def peak_memory_of_preview(tmp_path, data, content_type):
    """What drawing the preview of `data` added to a process's peak memory, in MiB, and what
    came of it: the preview's size or the error's name."""
    path = tmp_path / "drawn"
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), content_type],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "fraudwatch.settings"},
    )
    measured = json.loads(result.stdout.splitlines()[-1])
    return measured["outcome"], measured["peak_mib"]


@pytest.mark.parametrize(
    ("make", "content_type", "outcome"),
    [
        (lambda: pdf_page(8, 14_400), checks.PDF, [480, 960]),
        (lambda: pdf_page(2, 14_400), checks.PDF, [480, 960]),
        (lambda: png(20_000, 20_000), checks.PNG, "TooManyPixels"),
        (lambda: UNREADABLE_PDF, checks.PDF, "PdfiumError"),
        # The largest picture the budget lets through, with transparency: the costliest to shrink.
        (lambda: png(7071, 7071, mode="RGBA"), checks.PNG, [480, 480]),
    ],
    ids=["pdf-8x14400pt", "pdf-2x14400pt", "png-400-megapixels", "unreadable-pdf", "png-50-megapixels-rgba"],
)
def test_a_preview_takes_at_most_200_mib(tmp_path, make, content_type, outcome):
    drawn, peak_mib = peak_memory_of_preview(tmp_path, make(), content_type)

    assert drawn == outcome
    assert peak_mib <= 200
