"""What every type page says about life after the loss: support, checks and numbers."""

import pytest
from django.core.exceptions import ValidationError

from scams import catalogue, hotlines
from scams.models import ScamType
from tests.conftest import make_scam_type

SUPPORT = {
    "zh-hans": "谁都可能被骗，越早告诉别人，越能挽回损失。",
    "en": "It can happen to anyone; the sooner you tell someone, the more can be saved.",
}
RECOVERY_TITLE = {"zh-hans": "查一查、关一关以你名义开通的业务", "en": "Check and close what was opened in your name"}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_type_page_and_leaflet_has_the_support_line_and_the_always_numbers(client, catalogue, language):
    for slug in ScamType.objects.published().values_list("slug", flat=True):
        page = client.get(f"/{language}/scams/{slug}/").content.decode()
        leaflet = client.get(f"/{language}/scams/{slug}/print/").content.decode()
        assert SUPPORT[language] in page and SUPPORT[language] in leaflet, slug
        for number in ("110", "96110", "12381"):
            assert f'href="tel:{number}"' in page, (slug, number)
        assert "12381" in leaflet, slug


def test_the_recovery_checks_name_the_services(client, catalogue):
    html = client.get("/zh-hans/scams/fake-base-station-sms/").content.decode()
    assert RECOVERY_TITLE["zh-hans"] in html
    for service in ("一证通查", "一键查卡", "中国人民银行征信中心", "挂失"):
        assert service in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_recovery_checks_follow_the_type_flag(client, language):
    shown, hidden = make_scam_type(), make_scam_type(recovery=False)
    assert RECOVERY_TITLE[language] in client.get(f"/{language}/scams/{shown.slug}/").content.decode()
    assert RECOVERY_TITLE[language] not in client.get(f"/{language}/scams/{hidden.slug}/").content.decode()
    assert "一证通查" not in client.get(f"/{language}/scams/{hidden.slug}/print/").content.decode()


@pytest.mark.parametrize(
    ("slug", "number", "description"),
    [
        ("tax-refund", "12366", "Ask the tax authority itself whether a tax refund is real."),
        (
            "shopping-refund",
            "12315",
            "Complain about goods, refunds, sellers and paid services to the market regulator.",
        ),
        ("fake-base-station-sms", "12321", "Report scam text messages, calls and links so that they can be blocked."),
    ],
)
def test_a_type_names_its_official_line_with_the_shared_description(client, catalogue, slug, number, description):
    html = client.get(f"/en/scams/{slug}/").content.decode()
    assert f'<a class="hotline-number" href="tel:{number}">{number}</a>' in html
    assert description in html
    assert description in client.get(f"/en/scams/{slug}/print/").content.decode()


def test_types_without_an_official_line_name_none(client, catalogue):
    html = client.get("/en/scams/fake-kidnapping/").content.decode()
    for number in hotlines.OFFICIAL_LINES:
        assert f"tel:{number}" not in html


@pytest.mark.django_db
def test_an_unknown_official_line_is_refused():
    scam = make_scam_type(official_lines="12366 99999")
    with pytest.raises(ValidationError) as error:
        scam.full_clean()
    assert "official_lines" in error.value.message_dict


def test_a_bundle_naming_an_unknown_line_is_refused(tmp_path):
    import shutil

    shutil.copytree(catalogue.CATALOGUE_DIR, tmp_path / "catalogue")
    path = tmp_path / "catalogue" / "tax-refund.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('["12366"]', '["12366", "99999"]'), encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.read_bundle(tmp_path / "catalogue")
    assert any("'99999' is not a line" in problem for problem in error.value.problems)


def test_no_blame_is_left_in_the_catalogue():
    for path in catalogue.CATALOGUE_DIR.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        for blame in ("贪小便宜", "不贪", "Don't be tempted", "greedy"):
            assert blame not in text, (path.name, blame)


NEVER_ASKS = {
    "zh-hans": ("它从不要你转账、报验证码、下载软件或共享屏幕。", "两者都从不要你转账、报验证码、下载软件或共享屏幕。"),
    "en": (
        "It never asks you for money, verification codes, app downloads or screen sharing.",
        "Neither ever asks for money, verification codes, app downloads or screen sharing.",
    ),
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_where_96110_and_12381_are_called_genuine_they_are_said_never_to_ask_for_money_or_codes(
    client, catalogue, language
):
    each, both = NEVER_ASKS[language]
    page = client.get(f"/{language}/scams/police-impersonation/").content.decode()
    numbers = page[page.index('id="numbers-title"') :]
    for number in ("96110", "12381"):
        item = numbers[numbers.index(f'href="tel:{number}"') :]
        assert each in item[: item.index("</li>")], number
    leaflet = client.get(f"/{language}/scams/police-impersonation/print/").content.decode()
    assert both in leaflet
