import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from campaigns.materials import files as checks
from campaigns.materials import thumbs
from campaigns.models import Material, MaterialFile, MaterialKind
from tests.conftest import make_material

PDF = b"%PDF-1.4\n%%EOF\n"


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def office(part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}/document.xml", "<x/>")
    return buffer.getvalue()


def form_data(county, upload, **extra):
    return {
        "unit": county["a"].pk,
        "kind": MaterialKind.objects.get(code="poster").pk,
        "title_zh": "新海报",
        "title_en": "New poster",
        "files": upload,
        **extra,
    }


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF, checks.PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 8, checks.PNG),
        (b"\xff\xd8\xff\xe0" + b"\0" * 8, checks.JPEG),
        (b"\0\0\0\x18ftypmp42" + b"\0" * 8, checks.MP4),
        (office("ppt"), checks.PPTX),
        (office("word"), checks.DOCX),
        ("广播稿：请大家注意。\n".encode(), checks.TEXT),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", None),
        (b"PK\x03\x04not really a zip", None),
        (b"\xff\xfe\x00\x01binary", None),
    ],
)
def test_files_are_recognised_by_their_content(data, expected):
    assert checks.detect(SimpleUploadedFile("whatever.bin", data)) == expected


def test_staff_uploads_material_under_their_unit(client, county, staff_a, media_root):
    client.force_login(staff_a)

    response = client.post(url("campaigns:material-new"), form_data(county, SimpleUploadedFile("poster.pdf", PDF)))

    material = Material.objects.get()
    assert response.status_code == 302
    assert response["Location"] == material.get_staff_url()
    assert material.status == Material.Status.DRAFT
    assert material.unit == county["a"] and material.created_by == staff_a
    stored = material.files.get()
    assert (stored.content_type, stored.size, stored.name) == (checks.PDF, len(PDF), "poster.pdf")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leaflet.pdf", b"<!DOCTYPE html><html><body>hello</body></html>", "is not a file we accept"),
        ("empty.pdf", b"", "is empty"),
        ("clip.mp4", b"\0\0\0\x18ftypmp42" + b"\0" * 2000, "may have at most"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    client, county, staff_a, media_root, monkeypatch, name, data, message
):
    monkeypatch.setitem(checks.MAX_BYTES, checks.MP4, 1000)  # rather than a 200 MB file
    client.force_login(staff_a)

    response = client.post(url("campaigns:material-new"), form_data(county, SimpleUploadedFile(name, data)))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert name in response.content.decode()
    assert not Material.objects.exists()
    assert not MaterialFile.objects.exists()
    assert stored_files(media_root) == []


def test_outsider_cannot_upload_under_another_unit(client, county, staff_b, media_root):
    client.force_login(staff_b)

    response = client.post(url("campaigns:material-new"), form_data(county, SimpleUploadedFile("a.pdf", PDF)))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Material.objects.exists()


def test_uploader_cannot_publish_but_another_reviewer_can(client, county, staff_a, reviewer):
    material = make_material(county["a"], reviewer, status="submitted")

    client.force_login(reviewer)
    assert client.post(url("campaigns:material-publish", material.pk)).status_code == 403
    material.refresh_from_db()
    assert material.status == Material.Status.SUBMITTED
    assert not material.may_be_published_by(reviewer)

    other = make_material(county["a"], staff_a, status="submitted")
    response = client.post(url("campaigns:material-publish", other.pk))
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Material.Status.PUBLISHED and other.reviewed_by == reviewer
    assert client.get(other.get_absolute_url()).status_code == 200


def test_staff_submit_and_reviewer_returns_with_reason(client, county, staff_a, reviewer):
    material = make_material(county["a"], staff_a, status="draft")
    client.force_login(staff_a)
    client.post(url("campaigns:material-submit", material.pk))
    material.refresh_from_db()
    assert material.status == Material.Status.SUBMITTED

    client.force_login(reviewer)
    client.post(url("campaigns:material-return", material.pk), {"reason": "Add the hotline."})
    material.refresh_from_db()
    assert material.status == Material.Status.RETURNED and material.return_reason == "Add the hotline."
    assert material.history.count() >= 1


def test_only_administrators_feature_material(client, county, staff_a, reviewer, administrator):
    material = make_material(county["a"], staff_a, status="published")
    client.force_login(reviewer)
    assert client.post(url("campaigns:material-feature", material.pk)).status_code == 403

    client.force_login(administrator)
    client.post(url("campaigns:material-feature", material.pk))

    material.refresh_from_db()
    assert material.featured
    assert "Featured" in client.get(url("materials:list")).content.decode()


def test_a_video_shows_its_poster_and_slides_their_first_title(client, db):
    from PIL import Image

    from campaigns.materials import starter

    poster = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(poster, "PNG")
    video = make_material(kind="video", files=[("clip.mp4", b"\0\0\0\x18ftypmp42", checks.MP4, "")])
    video.poster.save("poster.png", SimpleUploadedFile("poster.png", poster.getvalue()))
    deck = starter.pptx({"slides": [("Deck opening words", ["one"])]})
    slides = make_material(kind="slides", files=[("deck.pptx", deck, checks.PPTX, "en")])

    shown = Image.open(io.BytesIO(b"".join(client.get(url("materials:thumbnail", video.slug)).streaming_content)))
    card = client.get(url("materials:thumbnail", slides.slug))

    assert shown.size == (300, 200) and shown.getpixel((10, 10)) == (255, 0, 0)
    assert card.status_code == 200 and card["Content-Type"] == "image/png"
    assert thumbs._first_slide_title(slides.files.get()) == "Deck opening words"


def test_a_poster_that_is_not_an_image_is_refused(client, county, staff_a, media_root):
    client.force_login(staff_a)
    data = form_data(county, SimpleUploadedFile("clip.mp4", b"\0\0\0\x18ftypmp42"))
    data["poster"] = SimpleUploadedFile("poster.png", PDF)

    response = client.post(url("campaigns:material-new"), data)

    assert "is not a file we accept" in response.content.decode()
    assert not Material.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("count", [2, 15])
def test_staff_list_shows_only_own_subtree_in_fixed_queries(
    client, county, staff_a, staff_b, django_assert_num_queries, count
):
    for _ in range(count):
        make_material(county["a"], staff_a, status="draft", title_en="Ours")
    make_material(county["b"], staff_b, status="draft", title_en="Theirs")
    client.force_login(staff_a)
    client.get(url("campaigns:material-list"))

    with django_assert_num_queries(STAFF_LIST_QUERIES):
        response = client.get(url("campaigns:material-list"))

    content = response.content.decode()
    assert content.count(">Ours</a>") == count
    assert "Theirs" not in content


# Six for the page and the units' own material, four for the library below it (its
# filter's kinds, audience groups and scam types, and the published material).
STAFF_LIST_QUERIES = 10
