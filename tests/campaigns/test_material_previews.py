"""Material previews as pages show them: WebP at the width drawn and twice that, a PNG
only for a browser without WebP, each under an address that changes with the preview and
is kept by browsers for a year."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from campaigns.materials import thumbs
from tests.conftest import make_material

YEAR = 365 * 24 * 3600


def poster_png(width=900, height=1273):
    """A picture with smooth shading, as a photo or a poster has."""
    across = Image.linear_gradient("L").resize((width, height))
    around = Image.radial_gradient("L").resize((width, height))
    buffer = io.BytesIO()
    Image.merge("RGB", (across, around, across.transpose(Image.Transpose.FLIP_LEFT_RIGHT))).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def poster(db, media_root):
    return make_material(slug="red-poster", title_en="Red poster", files=[("red.png", poster_png(), "image/png", "")])


def preview(slug, token, width, image_format):
    with translation.override("en"):
        return reverse("materials:preview", args=[slug, token, width, image_format])


def body(response):
    return b"".join(response.streaming_content)


def test_the_card_offers_webp_at_1x_and_2x_and_a_png_fallback(client, poster):
    with translation.override("en"):
        content = client.get(reverse("materials:list")).content.decode()

    picture = re.search(r"<picture>.*?</picture>", content, re.S).group(0)
    assert re.search(r'<source type="image/webp" srcset="\S+-0-240\.webp 1x, \S+-0-480\.webp 2x">', picture)
    assert re.search(r'<img class="card-img-top" src="\S+-0-240\.png" alt="Preview of “Red poster”"', picture)


def test_a_preview_not_yet_made_is_made_and_sent_on_to_its_lasting_address(client, poster):
    first = client.get(preview("red-poster", thumbs.NOT_MADE, 240, "webp"))

    token = thumbs.version(poster)
    assert token != thumbs.NOT_MADE
    assert first.status_code == 302
    assert first["Location"] == preview("red-poster", token, 240, "webp")
    assert "immutable" not in first["Cache-Control"]

    response = client.get(first["Location"])
    assert response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"] and f"max-age={YEAR}" in response["Cache-Control"]
    webp = body(response)
    with Image.open(io.BytesIO(webp)) as image:
        assert image.format == "WEBP" and image.width == 240
    # Far lighter than the PNG preview the cards used to load.
    assert len(webp) * 5 < thumbs.thumbnail_path(poster).stat().st_size

    # The page now names the lasting address.
    with translation.override("en"):
        content = client.get(reverse("materials:list")).content.decode()
    assert preview("red-poster", token, 480, "webp") in content


def test_the_png_fallback_and_the_sharp_size(client, poster):
    token = client.get(preview("red-poster", thumbs.NOT_MADE, 480, "png"))["Location"].split("-")[-2]

    png = client.get(preview("red-poster", token, 240, "png"))
    sharp = client.get(preview("red-poster", token, 480, "webp"))

    assert png["Content-Type"] == "image/png" and body(png)[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(body(sharp))) as image:
        assert image.size == (480, round(1273 * 480 / 900))


def test_a_remade_preview_gets_a_new_address(client, poster):
    old = client.get(preview("red-poster", thumbs.NOT_MADE, 240, "webp"))["Location"]
    thumbs.forget(poster)  # what publishing again or saving in the admin does
    poster.files.update(name="changed.png")

    stale = client.get(old)

    assert stale.status_code == 302 and stale["Location"] != old
    assert client.get(stale["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("slug", "width", "image_format"),
    [("red-poster", 100, "webp"), ("red-poster", 240, "gif"), ("hidden", 240, "webp"), ("nothing", 240, "webp")],
)
def test_other_sizes_formats_and_unpublished_material_are_404(client, poster, slug, width, image_format):
    make_material(slug="hidden", status="draft", files=[("red.png", poster_png(), "image/png", "")])

    assert client.get(preview(slug, thumbs.NOT_MADE, width, image_format)).status_code == 404
