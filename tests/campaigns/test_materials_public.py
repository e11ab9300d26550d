import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from campaigns.models import AudienceGroup, Material, MaterialDownload, MaterialFile
from tests.conftest import make_material, make_scam_type

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131 Safari/537.36"
BOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def material_links(content):
    return re.findall(r'href="(/[a-z-]+/materials/[a-z0-9-]+/)"', content)


@pytest.mark.django_db(transaction=False)
def test_load_materials_twice_lists_each_once_with_thumbnails_and_downloads(client, catalogue, pdfs_rendered_once):
    call_command("load_materials")
    call_command("load_materials")

    for language in ("zh-hans", "en"):
        response = client.get(url("materials:list", language=language))
        content = response.content.decode()
        links = material_links(content)
        assert len(links) >= 12, links
        assert len(links) == len(set(links))  # nothing listed twice
        assert content.count("<img") >= len(links)
    slugs = list(Material.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) >= 12
    assert MaterialFile.objects.count() == sum(Material.objects.get(slug=s).files.count() for s in slugs)
    assert not Material.objects.filter(files__isnull=True).exists()

    for material in Material.objects.all():
        page = client.get(material.get_absolute_url())
        content = page.content.decode()
        fallback = re.search(r'<img class="img-fluid[^"]*" src="([^"]+)"', content).group(1)
        image = client.get(fallback, follow=True)  # the first request makes the preview
        assert image.status_code == 200
        assert image["Content-Type"] == "image/png"
        assert b"".join(image.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
        for stored in material.files.all():
            assert stored.get_download_url() in content
            download = client.get(stored.get_download_url(), HTTP_USER_AGENT=BROWSER)
            assert download.status_code == 200
            assert download["Content-Type"] == stored.content_type
            assert download["Content-Disposition"].startswith("attachment; filename=")
            assert stored.name in download["Content-Disposition"]
            assert b"".join(download.streaming_content)
    letter = Material.objects.get(slug="letter-to-parents")
    assert {f.content_type for f in letter.files.all()} == {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    assert letter.files.count() == 4
    assert MaterialDownload.objects.get(material=letter).count == 1  # one client, one material

    # Each featured type's poster: A4 and A3 pages, as PDF and PNG, in both languages.
    import pypdfium2

    poster = Material.objects.get(slug="poster-police-impersonation")
    names = set(poster.files.values_list("name", flat=True))
    for language in ("zh", "en"):
        for size, (width_mm, height_mm) in (("a4", (210, 297)), ("a3", (297, 420))):
            assert {f"poster-police-impersonation-{language}-{size}.{ext}" for ext in ("pdf", "png")} <= names
            stored = poster.files.get(name=f"poster-police-impersonation-{language}-{size}.pdf")
            width, height = pypdfium2.PdfDocument(stored.file.read())[0].get_size()
            assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (width_mm, height_mm)


def test_audience_filter_shows_the_letter_to_parents_and_not_the_slogans(client, db):
    parents, public = AudienceGroup.objects.get(code="parents"), AudienceGroup.objects.get(code="general_public")
    make_material(kind="letter_to_parents", title_en="Dear mums and dads", audiences=[parents])
    make_material(kind="banner_slogan", title_en="Slogan set one", audiences=[public])

    response = client.get(url("materials:list") + "?audience=parents")

    assert "Dear mums and dads" in response.content.decode()
    assert "Slogan set one" not in response.content.decode()
    response = client.get(url("materials:list") + "?kind=banner_slogan")
    assert "Slogan set one" in response.content.decode()
    assert "Dear mums and dads" not in response.content.decode()


def test_scam_type_and_text_filters(client, db):
    scam = make_scam_type()
    make_material(title_en="About the scam", description_en="refunds by phone", scam_types=[scam])
    make_material(title_en="Something else")

    by_type = client.get(url("materials:list") + f"?scam_type={scam.slug}").content.decode()
    by_text = client.get(url("materials:list") + "?q=REFUNDS").content.decode()

    assert "About the scam" in by_type and "Something else" not in by_type
    assert "About the scam" in by_text and "Something else" not in by_text


def test_chinese_search_finds_words_written_without_spaces(client, db):
    make_material(title_zh="刷单返利海报", title_en="Order brushing poster")
    make_material(title_zh="冒充客服退款广播稿", title_en="Refund script")

    found = client.get(url("materials:list", language="zh-hans") + "?q=刷单的海报").content.decode()

    assert "刷单返利海报" in found
    assert "冒充客服退款广播稿" not in found


def test_unpublished_material_is_not_public(client, county, staff_a):
    material = make_material(county["a"], staff_a, status="submitted", title_en="Not yet")

    assert "Not yet" not in client.get(url("materials:list")).content.decode()
    assert client.get(url("materials:detail", material.slug)).status_code == 404
    assert client.get(url("materials:thumbnail", material.slug)).status_code == 404


def test_material_in_one_language_says_so(client, db):
    make_material(slug="only-zh", title_zh="只有中文", title_en="")

    content = client.get(url("materials:detail", "only-zh")).content.decode()

    assert "只有中文" in content
    assert "Chinese only" in content


def test_scam_type_page_lists_its_material(client, db):
    scam = make_scam_type()
    make_material(title_en="Poster about it", scam_types=[scam])
    make_material(title_en="Poster about another")

    content = client.get(url("scams:detail", scam.slug)).content.decode()

    assert "Poster about it" in content
    assert "Poster about another" not in content


def test_detail_shows_qr_code_and_scam_types(client, db):
    scam = make_scam_type(name_en="Fake refunds")
    material = make_material(scam_types=[scam], files=[("a.pdf", PDF, "application/pdf", "en")])

    with translation.override("en"):
        content = client.get(material.get_absolute_url()).content.decode()

    assert "<svg" in content
    assert "Fake refunds" in content
    image = client.get(url("materials:thumbnail", material.slug))
    assert image["Cache-Control"] == "public, max-age=86400" or "max-age=86400" in image["Cache-Control"]
    assert b"".join(image.streaming_content)[:4] == b"\x89PNG"


def _populate(count):
    scam = make_scam_type()
    parents = AudienceGroup.objects.get(code="parents")
    for _ in range(count):
        make_material(scam_types=[scam], audiences=[parents], files=[("a.txt", b"hello\n", "text/plain", "zh")])
    return scam


@pytest.mark.parametrize("count", [2, 12])
def test_public_pages_run_a_fixed_number_of_queries(client, db, django_assert_num_queries, count):
    scam = _populate(count)
    material = Material.objects.first()
    client.get(url("materials:list"))  # warm the session-less caches (site settings, translations)

    with django_assert_num_queries(QUERIES["list"]):
        response = client.get(url("materials:list") + "?audience=parents&q=Material")
    assert len(material_links(response.content.decode())) == count
    with django_assert_num_queries(QUERIES["detail"]):
        client.get(material.get_absolute_url())
    assert scam


QUERIES = {"list": 4, "detail": 4}


def test_scam_type_panel_runs_a_fixed_number_of_queries(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fraudwatch.core import pagecache

    scam = make_scam_type()
    make_material(title_en="First poster", scam_types=[scam])
    client.get(url("scams:detail", scam.slug))
    pagecache.invalidate()  # measure the page being made, not the cached copy
    with CaptureQueriesContext(connection) as few:
        client.get(url("scams:detail", scam.slug))
    for number in range(20):
        make_material(title_en=f"Poster {number}", scam_types=[scam])
    pagecache.invalidate()
    with CaptureQueriesContext(connection) as many:
        content = client.get(url("scams:detail", scam.slug)).content.decode()

    assert len(many) == len(few)
    assert content.count('href="/en/materials/material-') == 6  # the panel shows the first six


def test_a_download_counts_once_per_client_and_day_and_never_for_head_or_bots(client, db):
    material = make_material(files=[("a.pdf", PDF, "application/pdf", "zh"), ("b.pdf", PDF, "application/pdf", "en")])
    first, second = material.files.all()
    with time_machine.travel(datetime.datetime(2026, 11, 10, 9, 0, tzinfo=SHANGHAI), tick=False) as clock:
        for number in range(20):
            stored = first if number % 2 else second
            response = client.get(stored.get_download_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
            assert response.status_code == 200
        for _ in range(5):
            response = client.head(first.get_download_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.1")
            assert response.status_code == 200
        client.get(first.get_download_url(), HTTP_USER_AGENT=BOT, REMOTE_ADDR="198.51.100.2")
        client.get(first.get_download_url(), REMOTE_ADDR="198.51.100.3")  # no user agent
        assert MaterialDownload.objects.get(material=material, day=datetime.date(2026, 11, 10)).count == 1

        client.get(first.get_download_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.9")  # another client
        clock.shift(datetime.timedelta(days=1))
        client.get(first.get_download_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")  # the next day
    counts = dict(MaterialDownload.objects.filter(material=material).values_list("day", "count"))
    assert counts == {datetime.date(2026, 11, 10): 2, datetime.date(2026, 11, 11): 1}
