"""Campaign kits: each unit's printed kit carries a QR code for its short address, scans of
it are counted once per phone a day, and they become the unit's computed qr_scans."""

import csv
import datetime
import io
import zoneinfo

import pypdfium2
import pytest
import time_machine
import zxingcpp
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Campaign, CampaignTarget, Indicator, Kit, KitCode, KitScan
from tests.conftest import make_activity, make_material, make_user

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131 Mobile Safari/537.36"
)
OTHER_PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 MicroMessenger/8.0.50"
)
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
SITE = "https://fraud.example.org"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def campaign(county):
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name_zh="校园反诈月",
        name_en="School anti-fraud month",
        start=today - datetime.timedelta(days=10),
        end=today + datetime.timedelta(days=10),
        lead_unit=county["bureau"],
    )
    poster = make_material(
        kind="poster",
        slug="kit-poster",
        files=[("poster.pdf", _one_page_pdf(), "application/pdf", "zh")],
    )
    script = make_material(
        kind="broadcast_script",
        slug="kit-script",
        files=[("script.txt", "不听不信不转账".encode(), "text/plain", "zh")],
    )
    kit = Kit.objects.create(campaign=campaign)
    kit.materials.set([poster, script])
    return campaign


def _one_page_pdf():
    from weasyprint import HTML

    return HTML(string="<h1>海报</h1>").write_pdf()


def _codes_in(pdf):
    document = pypdfium2.PdfDocument(pdf)
    return [
        [barcode.text for barcode in zxingcpp.read_barcodes(document[index].render(scale=2).to_pil())]
        for index in range(len(document))
    ]


def test_export_kit_writes_a_pdf_whose_every_page_holds_the_units_address(campaign, county, settings, tmp_path):
    settings.SITE_URL = SITE
    output = tmp_path / "kit.pdf"
    call_command("export_kit", campaign=campaign.name_zh, unit="school-a", lang="zh-hans", output=str(output))
    code = KitCode.objects.get(kit__campaign=campaign, unit=county["school_a"])
    pages = _codes_in(output.read_bytes())
    assert len(pages) == 3  # the cover, the poster, the script
    # Each page carries the kit's code and the quiz's ("测一测").
    assert [sorted(page) for page in pages] == [[f"{SITE}/k/{code.code}/", f"{SITE}/k/{code.code}/quiz/"]] * 3
    # A second export for the same unit keeps its code; another unit gets its own.
    call_command("export_kit", campaign=str(campaign.pk), unit="school-a", lang="en", output=str(output))
    assert KitCode.objects.get(unit=county["school_a"]).code == code.code
    call_command("export_kit", campaign=str(campaign.pk), unit="school-b", lang="en", output=str(output))
    assert KitCode.objects.get(unit=county["school_b"]).code != code.code


def test_export_kit_refuses_what_it_cannot_print(campaign, county, settings, tmp_path):
    output = str(tmp_path / "kit.pdf")
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="DJANGO_SITE_URL"):
        call_command("export_kit", campaign=str(campaign.pk), unit="school-a", output=output)
    settings.SITE_URL = SITE
    with pytest.raises(CommandError, match="No unit"):
        call_command("export_kit", campaign=str(campaign.pk), unit="nowhere", output=output)
    with pytest.raises(CommandError, match="No campaign"):
        call_command("export_kit", campaign="no such campaign", unit="school-a", output=output)
    campaign.units.set([county["a"]])
    with pytest.raises(CommandError, match="does not take part"):
        call_command("export_kit", campaign=str(campaign.pk), unit="school-b", output=output)


def _scan(client, code, agent, address="203.0.113.7", method="get", **headers):
    return getattr(client, method)(f"/k/{code.code}/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **headers)


def test_scans_count_once_per_phone_and_never_for_head_or_bots(each_edge_day, client, campaign, county, administrator):
    code = campaign.kit.code_for(county["school_a"])
    for _ in range(3):
        response = _scan(client, code, PHONE)
        assert response.status_code == 302
        assert response["Location"] == f"/zh-hans/kits/{campaign.kit.pk}/"
        assert "no-store" in response["Cache-Control"]
    assert _scan(client, code, PHONE, address="198.51.100.9", method="head").status_code == 302
    assert _scan(client, code, BOT, address="198.51.100.10").status_code == 302
    assert _scan(client, code, OTHER_PHONE, address="198.51.100.11").status_code == 302
    today = timezone.localdate()
    assert KitScan.objects.get(code=code, day=today).count == 2

    # In the report CSV: the total, the day's month and the unit's rows, for the unit's
    # report and the whole organisation's, under the computed indicator qr_scans.
    client.force_login(administrator)
    period = {"date_from": f"{today:%Y-%m-%d}", "date_to": f"{today:%Y-%m-%d}", "format": "csv"}
    rows = _csv(client.get(reverse("reports:export"), {**period, "org": "station-a"}))
    scans = {(row["section"], row["group"]): row["value"] for row in rows if row["indicator"] == "qr_scans"}
    assert scans == {("total", ""): "2", ("month", f"{today:%Y-%m}"): "2", ("org_unit", "school-a"): "2"}
    rows = _csv(client.get(reverse("reports:export"), period))
    scans = {(row["section"], row["group"]): row["value"] for row in rows if row["indicator"] == "qr_scans"}
    assert scans == {("total", ""): "2", ("month", f"{today:%Y-%m}"): "2", ("org_unit", "county"): "2"}

    # On the campaign page: the unit's scans today and in all.
    with translation.override("en"):
        page = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    row = page.split('data-unit="school-a"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="text-end scans-today">2</td>' in row
    assert '<td class="text-end scans-total">2</td>' in row
    kit = page.split('id="kit-title"', 1)[1]
    assert 'period: <span class="figure-value">2</span>' in kit


def _csv(response):
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_the_redirect_follows_the_readers_language(client, campaign, county):
    code = campaign.kit.code_for(county["a"])
    response = _scan(client, code, PHONE, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == f"/en/kits/{campaign.kit.pk}/"
    response = _scan(client, code, PHONE, HTTP_ACCEPT_LANGUAGE="zh-HK,zh;q=0.9")
    assert response["Location"] == f"/zh-hant/kits/{campaign.kit.pk}/"


def test_unknown_codes_and_empty_user_agents(client, campaign, county):
    assert client.get("/k/zzzzzz/", HTTP_USER_AGENT=PHONE).status_code == 404
    code = campaign.kit.code_for(county["a"])
    assert _scan(client, code, "").status_code == 302
    assert not KitScan.objects.exists()
    assert client.post(f"/k/{code.code}/", HTTP_USER_AGENT=PHONE).status_code == 405


def test_a_flood_from_one_address_is_capped(client, campaign, county, settings):
    settings.KIT_SCANS_PER_ADDRESS_PER_HOUR = 3
    code = campaign.kit.code_for(county["a"])
    for number in range(8):
        _scan(client, code, f"{PHONE} build/{number}")
    _scan(client, code, OTHER_PHONE, address="192.0.2.44")
    assert KitScan.objects.get(code=code).count == 4  # three from the flooding address, one from another


def test_a_scan_refused_by_the_hourly_cap_counts_when_the_phone_scans_again_next_hour(
    client, campaign, county, settings
):
    settings.KIT_SCANS_PER_ADDRESS_PER_HOUR = 1
    code = campaign.kit.code_for(county["a"])
    with time_machine.travel(datetime.datetime(2026, 11, 10, 10, 30, tzinfo=SHANGHAI), tick=False) as clock:
        _scan(client, code, PHONE)
        _scan(client, code, OTHER_PHONE)  # over the cap for this hour: not counted
        assert KitScan.objects.get(code=code).count == 1
        clock.shift(datetime.timedelta(hours=1))
        _scan(client, code, OTHER_PHONE)
        _scan(client, code, PHONE)  # counted already today
    assert KitScan.objects.get(code=code, day=datetime.date(2026, 11, 10)).count == 2


def test_behind_the_proxy_phones_are_told_apart_by_their_own_address(client, campaign, county):
    code = campaign.kit.code_for(county["a"])
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.1"):
        _scan(client, code, PHONE, address="127.0.0.1", HTTP_X_FORWARDED_FOR=address)
    assert KitScan.objects.get(code=code).count == 2


def test_scans_are_a_computed_indicator_never_typed(client, staff_a, county):
    scans = Indicator.objects.get(code="qr_scans")
    assert scans.computed and scans.name_zh == "扫码人次"
    assert scans not in Indicator.objects.typed()
    client.force_login(staff_a)
    form = client.get(reverse("campaigns:activity-new")).content.decode()
    assert 'name="figure_participants"' in form
    assert "qr_scans" not in form


def test_campaign_progress_counts_scans_against_a_scans_target(campaign, county):
    from campaigns.reports import summary

    CampaignTarget.objects.create(campaign=campaign, indicator=Indicator.objects.get(code="qr_scans"), value=10)
    code = campaign.kit.code_for(county["school_b"])
    KitScan.objects.create(code=code, day=timezone.localdate(), count=4)
    KitScan.objects.create(code=code, day=campaign.start - datetime.timedelta(days=1), count=50)  # before it began
    progress = summary.campaign_progress(campaign)
    assert progress.scans == 4
    assert [(indicator.code, target, done) for indicator, target, done in progress.targets] == [("qr_scans", 10, 4)]
    (running,) = summary.running_campaigns_progress(Campaign.objects.filter(pk=campaign.pk))
    assert [done for _indicator, _target, done in running[1]] == [4]
    # Only the units asked about: school A has no scans.
    assert summary.campaign_progress(campaign, units=[county["a"]]).scans == 0


def test_a_report_limited_to_one_activity_type_has_no_scans(campaign, county, staff_a):
    from campaigns.models import ActivityType
    from campaigns.reports.summary import ReportFilters, build

    KitScan.objects.create(code=campaign.kit.code_for(county["a"]), day=timezone.localdate(), count=3)
    make_activity(county["a"], staff_a, status="approved", date=timezone.localdate(), figures={"participants": 5})
    today = timezone.localdate()
    assert build(ReportFilters(start=today, end=today)).total.values["qr_scans"] == 3
    typed = ReportFilters(start=today, end=today, activity_type=ActivityType.objects.get(code="street_booth"))
    assert "qr_scans" not in build(typed).total.values


def test_the_kit_pdf_in_the_app_is_for_units_of_ones_own(client, campaign, county, staff_a, settings):
    settings.SITE_URL = SITE
    client.force_login(staff_a)
    url = reverse("campaigns:kit-pdf", args=[campaign.pk, "school-a", "en"])
    # The unit has no code yet: the first print makes it, with a POST.
    made = client.post(url)
    assert made.status_code == 302 and made["Location"] == url
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    code = KitCode.objects.get(unit=county["school_a"])
    assert sorted(_codes_in(response.content)[0]) == [f"{SITE}/k/{code.code}/", f"{SITE}/k/{code.code}/quiz/"]
    assert client.post(url).status_code == 302
    assert KitCode.objects.get(unit=county["school_a"]).code == code.code  # printed again, the same code
    other = reverse("campaigns:kit-pdf", args=[campaign.pk, "school-b", "en"])
    assert client.get(other).status_code == 403
    assert client.post(other).status_code == 403
    outsider = make_user("outsider", (county["b"], "staff"))
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert KitCode.objects.count() == 1


def test_a_get_never_makes_a_kit_or_a_code(client, county, staff_a, reviewer):
    """Another site can make a signed-in browser GET any address: a GET only asks."""
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name_zh="无资料包的活动", name_en="No kit yet", start=today, end=today, lead_unit=county["bureau"]
    )
    client.force_login(reviewer)
    with translation.override("en"):
        edit = client.get(reverse("campaigns:kit-edit", args=[campaign.pk]))
        assert edit.status_code == 200 and 'name="intro_zh"' in edit.content.decode()
        client.force_login(staff_a)
        url = reverse("campaigns:kit-pdf", args=[campaign.pk, "school-a", "zh-hans"])
        asked = client.get(url)
        page = asked.content.decode()
    assert asked.status_code == 200
    assert "East Town Middle School has no QR code for this campaign" in page
    assert f'<form method="post" action="{url}">' in page
    assert not Kit.objects.filter(campaign=campaign).exists()
    assert not KitCode.objects.exists()

    assert client.post(url).status_code == 302
    assert KitCode.objects.get(kit__campaign=campaign).unit == county["school_a"]


def test_the_campaign_page_offers_uncoded_units_a_button_not_a_link(client, campaign, county, staff_a):
    client.force_login(staff_a)
    with translation.override("en"):
        page = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
        url = reverse("campaigns:kit-pdf", args=[campaign.pk, "station-a", "en"])  # staff A's own unit
    assert f'<form class="d-inline" method="post" action="{url}">' in page
    assert f'href="{url}"' not in page
    assert not KitCode.objects.exists()


def test_the_kit_page_shows_its_material_and_scam_types_in_fixed_queries(
    client, campaign, catalogue, django_assert_max_num_queries
):
    from scams.models import ScamType

    campaign.kit.scam_types.set(ScamType.objects.published()[:3])
    url = reverse("kit", args=[campaign.kit.pk])
    with django_assert_max_num_queries(8):
        page = client.get(url).content.decode()
    assert "tel:110" in page and reverse("check") in page
    for scam in ScamType.objects.published()[:3]:
        assert scam.get_absolute_url() in page
    assert reverse("materials:detail", args=["kit-poster"]) in page
    assert client.get(reverse("kit", args=[campaign.kit.pk + 100])).status_code == 404


def test_reviewers_choose_the_kits_material(client, campaign, reviewer, staff_a):
    other = make_material(kind="leaflet", slug="another-leaflet")
    client.force_login(staff_a)
    assert client.get(reverse("campaigns:kit-edit", args=[campaign.pk])).status_code == 403
    client.force_login(reviewer)
    response = client.post(
        reverse("campaigns:kit-edit", args=[campaign.pk]), {"materials": [other.pk], "intro_zh": "请张贴"}
    )
    assert response.status_code == 302
    campaign.kit.refresh_from_db()
    assert list(campaign.kit.materials.all()) == [other]
    assert campaign.kit.intro_zh == "请张贴"


def test_an_import_cannot_type_scans(staff_a):
    from campaigns.importing import import_activities
    from tests.campaigns.test_import import HEADER, csv_file, row

    with translation.override("en"):
        report = import_activities(csv_file([row(qr_scans="500")], header=[*HEADER, "qr_scans"]), "f.csv", staff_a)
        assert not report.ok
        assert [(error.column, error.message) for error in report.errors] == [
            ("qr_scans", "this figure is computed by the app and cannot be imported")
        ]
        # An empty column is no harm.
        assert import_activities(csv_file([row()], header=[*HEADER, "qr_scans"]), "f.csv", staff_a).ok


def test_the_kit_holds_the_units_own_letter_to_parents(campaign, county, settings, tmp_path):
    settings.SITE_URL = SITE
    letter = make_material(
        kind="letter_to_parents",
        slug="letter-to-parents",
        files=[("letter-to-parents-zh.pdf", _one_page_pdf(), "application/pdf", "zh")],
    )
    campaign.kit.materials.add(letter)
    output = tmp_path / "kit.pdf"
    call_command("export_kit", campaign=str(campaign.pk), unit="school-a", lang="zh-hans", output=str(output))
    document = pypdfium2.PdfDocument(output.read_bytes())
    pages = [
        document[index].get_textpage().get_text_range().replace("\r", "").replace("\n", "")
        for index in range(len(document))
    ]
    (letter_page,) = [text for text in pages if "家长" in text and "回执" in text]
    # Every page's QR band names the unit once; its letter names it again, with the campaign.
    assert letter_page.count("东城中学") >= 2
    assert "校园反诈月" in letter_page
    assert [text.count("东城中学") for text in pages if text is not letter_page][1:] == [1, 1]  # poster, script


def test_nothing_about_the_phone_is_kept(client, campaign, county):
    from unittest import mock

    from fraudwatch.core import daily

    code = campaign.kit.code_for(county["a"])
    with mock.patch.object(daily.cache, "add", wraps=daily.cache.add) as cache_add:
        _scan(client, code, PHONE)
    keys = " ".join(str(call.args[0]) for call in cache_add.call_args_list)
    for secret in ("203.0.113.7", "Android", "Pixel"):
        assert secret not in keys
    assert {field.name for field in KitScan._meta.get_fields()} == {"id", "code", "day", "count"}


@pytest.mark.parametrize(
    ("language", "intro_zh", "intro_en", "shown"),
    [
        ("zh-hans", "请张贴海报", "", "<p>请张贴海报</p>"),
        ("zh-hant", "请张贴海报", "", "<p>請張貼海報</p>"),
        ("en", "请张贴海报", "", '<p><span lang="zh-Hans" class="fallback">请张贴海报</span></p>'),
        ("en", "请张贴海报", "Put the posters up", "<p>Put the posters up</p>"),
        ("zh-hant", "", "Put the posters up", '<p><span lang="en">Put the posters up</span></p>'),
    ],
)
def test_the_kit_page_shows_its_intro_in_the_pages_language(client, campaign, language, intro_zh, intro_en, shown):
    Kit.objects.filter(campaign=campaign).update(intro_zh=intro_zh, intro_en=intro_en)
    with translation.override(language):
        url = reverse("kit", args=[campaign.kit.pk])
    assert shown in client.get(url).content.decode()
