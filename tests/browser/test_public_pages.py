import gzip

import pytest
from django.utils import timezone

from tests.browser.conftest import hosts_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/{lang}/",
    "/{lang}/scams/",
    "/{lang}/scams/police-impersonation/",
    "/{lang}/scams/police-impersonation/print/",
    "/{lang}/check/",
    "/{lang}/alerts/",
    "/{lang}/materials/",
    "/{lang}/materials/poster-police/",
    "/{lang}/kits/{kit}/",
]
LANGUAGES = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}
WEIGHT_LIMIT = 60 * 1024


@pytest.fixture
def alert_and_sightings(loaded_catalogue):
    """A current alert about police impersonation, a week of reports of it and a poster
    about it, so the pages show their alert, sighting and material sections too; and a
    campaign kit with the poster. Returns what the paths need besides the language."""
    from scams.models import ScamType, Sighting
    from tests.conftest import make_alert, make_material, make_unit, make_user

    scam = ScamType.objects.get(slug="police-impersonation")
    unit = make_unit("station-east", name_zh="东城派出所", name_en="East Town Station")
    make_alert(
        unit,
        make_user("alert-author", (unit, "staff")),
        status="approved",
        scam_types=[scam],
        title_zh="近期有人冒充公安民警来电",
        title_en="Calls from people posing as police officers",
    )
    Sighting.objects.create(scam_type=scam, day=timezone.localdate(), count=37)
    poster = make_material(
        slug="poster-police",
        title_zh="海报：警惕冒充公检法",
        title_en="Poster: beware of fake police",
        description_zh="张贴在社区的提醒。",
        description_en="A reminder for notice boards.",
        scam_types=[scam],
        files=[("script.txt", "请挂断电话。\n".encode(), "text/plain; charset=utf-8", "zh")],
    )
    kit = _kit(unit, scam, poster)
    return {"kit": kit.pk}


def _kit(unit, scam, material):
    import datetime

    from campaigns.models import Campaign, Kit

    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name_zh="东城反诈宣传月",
        name_en="East Town anti-fraud month",
        slogan_zh="不听不信不转账",
        slogan_en="Don't listen, don't believe, don't pay",
        start=today - datetime.timedelta(days=5),
        end=today + datetime.timedelta(days=25),
        lead_unit=unit,
    )
    kit = Kit.objects.create(campaign=campaign, intro_zh="扫码看看这些骗局。", intro_en="Scan to see these scams.")
    kit.materials.set([material])
    kit.scam_types.set([scam])
    return kit


def visit(page, path):
    weights = []

    def record(response):
        if response.request.resource_type in ("document", "stylesheet", "script"):
            weights.append(len(gzip.compress(response.body(), compresslevel=6)))

    page.on("response", record)
    response = page.goto(path)
    page.wait_for_load_state("load")
    page.remove_listener("response", record)
    assert response.status == 200
    return sum(weights)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", PAGES)
def test_public_page_is_light_local_fits_a_phone_and_axe_finds_no_serious_violation(
    axe_page, live_server, alert_and_sightings, axe_source, template, language
):
    """One load of the page for all four checks. The page lets axe-core in despite our
    CSP; nothing else differs, and any request to another host is made, and so caught,
    rather than blocked by the policy."""
    page = axe_page
    weight = visit(page, template.format(lang=language, **alert_and_sightings))

    assert page.locator("html").get_attribute("lang") == LANGUAGES[language]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert hosts_of(page.requests_seen) == {live_server.url.split("//")[1]}
    assert weight <= WEIGHT_LIMIT, f"{weight} bytes compressed"
    assert serious_violations(page, axe_source) == []


def serious_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']}: {violation['help']} (first of {len(violation['nodes'])}: {violation['nodes'][0]['html']})"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


CHECKED_MESSAGES = {
    ("zh-hans", "match"): "我是市公安局的民警，你的银行卡涉嫌洗钱，这件事不要告诉家人，马上把钱转到安全账户。",
    ("zh-hans", "no match"): "今晚吃饺子还是面条？",
    ("zh-hant", "match"): "我是市公安局的民警，你的銀行卡涉嫌洗錢，這件事不要告訴家人，馬上把錢轉到安全賬戶。",
    ("zh-hant", "no match"): "今晚吃餃子還是麵條？",
    ("en", "match"): "This is the city police. Your bank card is involved in money laundering. "
    "Do not tell your family and transfer your savings to the safe account now.",
    ("en", "no match"): "Happy birthday! Have a lovely day.",
}


def submit_check(page, language, state):
    page.goto(f"/{language}/check/")
    page.locator("textarea[name=text]").fill(CHECKED_MESSAGES[(language, state)])
    page.locator("form.check-form button[type=submit]").click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("state", ["match", "no match"])
def test_axe_finds_no_serious_violation_in_a_check_answer(axe_page, loaded_catalogue, axe_source, language, state):
    submit_check(axe_page, language, state)
    assert axe_page.locator("#matches").count() == (1 if state == "match" else 0)
    assert axe_page.locator(".check-answer").count() == 1
    assert serious_violations(axe_page, axe_source) == []


def test_the_checker_works_without_javascript(browser, live_server, loaded_catalogue):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    submit_check(page, "zh-hans", "match")
    assert page.url.endswith("/zh-hans/check/")
    first = page.locator("#matches > li").first
    assert first.get_by_role("link").get_attribute("href") == "/zh-hans/scams/police-impersonation/"
    assert page.get_by_text("“安全账户”", exact=True).count() == 1
    context.close()


def test_search_works_without_javascript(browser, live_server, loaded_catalogue):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/zh-hans/")
    page.get_by_label("搜索诈骗类型").fill("刷单")
    page.get_by_role("button", name="搜索").click()
    assert "/zh-hans/scams/?q=" in page.url
    assert page.get_by_role("link", name="刷单返利诈骗").count() + page.locator(".scam-card").count() >= 1
    titles = page.locator(".scam-card .card-title").all_inner_texts()
    assert any("刷单" in title for title in titles), titles
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/scams/?q=%E5%88%B7%E5%8D%95")
    context.close()


def test_i_got_this_too_works_without_javascript(browser, live_server, loaded_catalogue):
    from scams.models import Sighting

    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/zh-hans/scams/police-impersonation/")
    page.get_by_role("button", name="我也遇到过").click()
    assert page.get_by_role("heading", level=1).inner_text() == "谢谢你告诉我们"
    page.get_by_role("link", name="返回该诈骗类型").click()
    assert page.url.endswith("/zh-hans/scams/police-impersonation/")
    page.get_by_role("button", name="我也遇到过").click()  # from the cached page, with its own token
    assert page.get_by_role("heading", level=1).inner_text() == "谢谢你告诉我们"
    assert Sighting.objects.get().count == 1
    context.close()


def test_language_switch_keeps_the_detail_page(page, loaded_catalogue):
    page.goto("/zh-hans/scams/tax-refund/")
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/scams/tax-refund/")
    assert "tax refund" in page.locator("h1").inner_text().lower()


def test_the_content_security_policy_blocks_nothing_of_ours(page, loaded_catalogue):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    for path in ("/zh-hans/", "/en/scams/", "/en/scams/tax-refund/", "/en/scams/tax-refund/print/"):
        visit(page, path)
    assert violations == []
