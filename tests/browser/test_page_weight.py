"""What a resident's phone downloads for the material library and a campaign kit's page,
everything scrolled into view: at most 250 KB each, the previews included."""

import gzip

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIMIT = 250 * 1024
TEXT = ("document", "stylesheet", "script")


@pytest.fixture
def library(loaded_catalogue, settings, tmp_path, pdfs_rendered_once):
    """The library's bundled material (letters, posters, scripts, slogans, slides) and the
    demo campaign's kit of it."""
    from django.utils import timezone

    from campaigns.demo import KIT_MATERIAL
    from campaigns.materials import starter
    from campaigns.models import Campaign, Kit, Material
    from tests.conftest import make_unit

    settings.MEDIA_ROOT = tmp_path / "media"
    starter.load()
    today = timezone.localdate()
    unit = make_unit("county", kind="bureau", name_zh="示范县公安局", name_en="Demo County Bureau")
    campaign = Campaign.objects.create(
        name_zh="校园反诈月", name_en="School anti-fraud month", start=today, end=today, lead_unit=unit
    )
    kit = Kit.objects.create(campaign=campaign)
    kit.materials.set(Material.objects.published().filter(slug__in=KIT_MATERIAL))
    return {"materials": Material.objects.published().count(), "kit": kit, "kit_materials": kit.materials.count()}


SCROLL_TO_THE_END = """async () => {
  const settle = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 50)));
  while (window.scrollY + window.innerHeight < document.documentElement.scrollHeight) {
    window.scrollBy(0, 600);
    await settle();
  }
  await Promise.all(Array.from(document.images).map(
    image => image.complete ? null : new Promise(done => { image.onload = image.onerror = done; })));
}"""


def weigh(browser, base_url, path):
    """(bytes, previews loaded) for `path` at 360 by 740, scrolled to the bottom: text as the
    site sends it (compressed; the test server does not compress), everything else as it is."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=base_url)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    assert page.goto(path).status == 200
    page.evaluate(SCROLL_TO_THE_END)
    received = []
    for response in responses:
        if response.status in (301, 302):
            continue
        data = response.body()
        text = response.request.resource_type in TEXT
        received.append((response.url, len(gzip.compress(data, compresslevel=6)) if text else len(data)))
    context.close()
    previews = [url for url, _size in received if "/preview-" in url]
    return sum(size for _url, size in received), previews


def test_the_material_library_weighs_at_most_250_kb(browser, live_server, library):
    weight, previews = weigh(browser, live_server.url, "/zh-hans/materials/")

    assert len(previews) == library["materials"]  # every card's preview was loaded
    assert all(url.endswith(".webp") for url in previews)
    assert weight <= LIMIT, f"{weight} bytes"
    print(f"{weight} bytes")


def test_a_kit_page_weighs_at_most_250_kb(browser, live_server, library):
    weight, previews = weigh(browser, live_server.url, f"/zh-hans/kits/{library['kit'].pk}/")

    assert len(previews) == library["kit_materials"]
    assert all(url.endswith(".webp") for url in previews)
    assert weight <= LIMIT, f"{weight} bytes"
    print(f"{weight} bytes")
