"""Every picture is decoded within a pixel budget judged from its header before anything is
decoded."""

import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from campaigns.models import Evidence, Material
from tests.campaigns.test_activity_edit import activity_form
from tests.conftest import make_activity


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


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
