"""The permission ladder for every campaigns URL: anonymous → login, outsider → 404,
may see but not act → 403, allowed → 200/302. A route missing here fails the test."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from campaigns.models import Activity, Campaign, Evidence
from tests.campaigns.test_activity_edit import picture
from tests.conftest import make_activity, make_alert, make_material, make_user

ACTORS = ["anonymous", "staff_a", "staff_b", "reviewer", "administrator"]
PNG = picture("PNG", (8, 8))  # a real picture: its thumbnail is made from it

# url name -> (argument builder, {actor: expected GET status})
LOGIN = "login"
GET_TABLE = {
    "campaign-list": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "campaign-detail": (
        lambda w: [w["campaign"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "campaign-new": (lambda w: [], {"staff_a": 403, "staff_b": 403, "reviewer": 200, "administrator": 200}),
    "campaign-edit": (
        lambda w: [w["campaign"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "campaign-close": (
        lambda w: [w["campaign"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "kit-edit": (
        lambda w: [w["campaign"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "kit-pdf": (
        lambda w: [w["campaign"].pk, "station-a", "zh-hans"],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "activity-list": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "activity-new": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "activity-detail": (
        lambda w: [w["draft"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "activity-edit": (
        lambda w: [w["draft"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "activity-submit": (
        lambda w: [w["draft"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "activity-approve": (
        lambda w: [w["submitted"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "activity-return": (
        lambda w: [w["submitted"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "activity-reopen": (
        lambda w: [w["approved"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 403, "administrator": 200},
    ),
    "evidence": (
        lambda w: [w["draft"].pk, w["evidence"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "evidence-delete": (
        lambda w: [w["draft"].pk, w["evidence"].pk],
        {"staff_a": 405, "staff_b": 405, "reviewer": 405, "administrator": 405},
    ),
    "alert-list": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "material-list": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "material-new": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "material-detail": (
        lambda w: [w["material_draft"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "material-submit": (
        lambda w: [w["material_draft"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "material-publish": (
        lambda w: [w["material_submitted"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "material-return": (
        lambda w: [w["material_submitted"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "material-feature": (
        lambda w: [w["material_published"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 403, "administrator": 200},
    ),
    # The bundled letter's fill-in form: anyone with a unit (each fills in only their own units).
    "material-letter": (
        lambda w: [w["letter"].pk],
        {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200},
    ),
    "alert-new": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "alert-detail": (
        lambda w: [w["alert_draft"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "alert-edit": (
        lambda w: [w["alert_draft"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "alert-submit": (
        lambda w: [w["alert_draft"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "alert-approve": (
        lambda w: [w["alert_submitted"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "alert-return": (
        lambda w: [w["alert_submitted"].pk],
        {"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    "review": (lambda w: [], {"staff_a": 403, "staff_b": 403, "reviewer": 200, "administrator": 200}),
    "review-approve": (lambda w: [], {"staff_a": 403, "staff_b": 403, "reviewer": 200, "administrator": 200}),
    "import": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "import-template": (lambda w: ["csv"], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "home-for-user": (lambda w: [], {"staff_a": 302, "staff_b": 302, "reviewer": 302, "administrator": 302}),
    "my-work": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "notifications": (lambda w: [], {"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    "evidence-thumb": (
        lambda w: [w["draft"].pk, w["evidence"].pk],
        {"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200},
    ),
    # Case figures are entered by reviewers and administrators, not by a unit's staff.
    "import-cases": (lambda w: [], {"staff_a": 403, "staff_b": 403, "reviewer": 200, "administrator": 200}),
}

# State changes: url name -> (argument builder, POST data, {actor: expected POST status})
POST_TABLE = {
    "campaign-close": (lambda w: [w["campaign"].pk], {}, {"staff_b": 404, "staff_a": 403, "reviewer": 302}),
    "review-approve": (lambda w: [], {"ids": ["1"]}, {"staff_b": 403, "staff_a": 403, "reviewer": 302}),
    "activity-submit": (lambda w: [w["draft"].pk], {}, {"staff_b": 404, "staff_a": 302}),
    "activity-approve": (lambda w: [w["submitted"].pk], {}, {"staff_b": 404, "staff_a": 403, "reviewer": 302}),
    "activity-return": (
        lambda w: [w["submitted"].pk],
        {"reason": "Add the sign-in sheet."},
        {"staff_b": 404, "staff_a": 403, "reviewer": 302},
    ),
    "activity-reopen": (
        lambda w: [w["approved"].pk],
        {"reason": "Wrong figures."},
        {"staff_b": 404, "staff_a": 403, "reviewer": 403, "administrator": 302},
    ),
    "evidence-delete": (
        lambda w: [w["draft"].pk, w["evidence"].pk],
        {},
        {"staff_b": 404, "staff_a": 302},
    ),
    "activity-edit": (lambda w: [w["approved"].pk], {}, {"staff_b": 404, "staff_a": 403}),
    "alert-submit": (lambda w: [w["alert_draft"].pk], {}, {"staff_b": 404, "staff_a": 302}),
    "alert-approve": (lambda w: [w["alert_submitted"].pk], {}, {"staff_b": 404, "staff_a": 403, "reviewer": 302}),
    "alert-return": (
        lambda w: [w["alert_submitted"].pk],
        {"reason": "Say which number they call from."},
        {"staff_b": 404, "staff_a": 403, "reviewer": 302},
    ),
    "alert-edit": (lambda w: [w["alert_submitted"].pk], {}, {"staff_b": 404, "staff_a": 403}),
}


@pytest.fixture
def world(county, staff_a, staff_b, reviewer, administrator):
    campaign = Campaign.objects.create(
        name_zh="东城专项行动",
        name_en="East Town drive",
        start=datetime.date(2026, 10, 1),
        end=datetime.date(2026, 10, 31),
        lead_unit=county["a"],
    )
    draft = make_activity(county["a"], staff_a, title="Draft at A", campaign=campaign)
    evidence = Evidence.objects.create(
        activity=draft,
        file=ContentFile(PNG, name="sheet.png"),
        original_name="sheet.png",
        content_type="image/png",
        size=len(PNG),
        uploaded_by=staff_a,
    )
    return {
        "campaign": campaign,
        "draft": draft,
        "evidence": evidence,
        "submitted": make_activity(county["school_a"], staff_a, title="Submitted at A", status="submitted"),
        "approved": make_activity(county["a"], staff_a, title="Approved at A", status="approved"),
        "alert_draft": make_alert(county["a"], staff_a, title_en="Alert draft at A", title_zh="东城草稿提醒"),
        "alert_submitted": make_alert(
            county["school_a"], staff_a, status="submitted", title_en="Alert submitted at A", title_zh="东城待审提醒"
        ),
        "material_draft": make_material(county["a"], staff_a, status="draft", title_en="Material draft at A"),
        "material_submitted": make_material(county["school_a"], staff_a, status="submitted", title_en="Material at A"),
        "material_published": make_material(county["a"], staff_a, status="published"),
        "letter": make_material(slug="letter-to-parents", kind="letter_to_parents"),
        "users": {"staff_a": staff_a, "staff_b": staff_b, "reviewer": reviewer, "administrator": administrator},
    }


def client_for(client, world, actor):
    if actor != "anonymous":
        client.force_login(world["users"][actor])
    return client


def url_for(name, args):
    with translation.override("en"):
        return reverse(f"campaigns:{name}", args=args)


def test_every_campaigns_route_is_in_the_table():
    from campaigns import urls

    assert {pattern.name for pattern in urls.urlpatterns} == set(GET_TABLE)


@pytest.mark.parametrize("name", sorted(GET_TABLE))
@pytest.mark.parametrize("actor", ACTORS)
def test_get_ladder(client, world, name, actor):
    build, expected = GET_TABLE[name]
    url = url_for(name, build(world))
    response = client_for(client, world, actor).get(url)
    if actor == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(LOGIN))
        return
    assert response.status_code == expected[actor], f"{actor} GET {url}"
    if response.status_code == 404:
        body = response.content.decode()
        secrets = ("Draft at A", "Submitted at A", "Approved at A", "东城专项行动", "sheet.png")
        for secret in (
            *secrets,
            "Alert draft at A",
            "Alert submitted at A",
            "东城草稿提醒",
            "东城待审提醒",
            "Material",
        ):
            assert secret not in body


@pytest.mark.parametrize(
    ("name", "actor"),
    [(name, actor) for name, (_, _, expected) in sorted(POST_TABLE.items()) for actor in ["anonymous", *expected]],
)
def test_post_ladder(client, world, name, actor):
    build, data, expected = POST_TABLE[name]
    url = url_for(name, build(world))
    response = client_for(client, world, actor).post(url, data)
    if actor == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(LOGIN))
        return
    assert response.status_code == expected[actor], f"{actor} POST {url}"


def test_user_without_a_role_may_not_log_or_import(client, world):
    nobody = make_user("nobody")
    client.force_login(nobody)
    assert client.get(url_for("activity-new", [])).status_code == 403
    assert client.get(url_for("import", [])).status_code == 403
    assert client.get(url_for("activity-detail", [world["draft"].pk])).status_code == 404
    listing = client.get(url_for("activity-list", [])).content.decode()
    assert "Draft at A" not in listing


def test_sibling_staff_see_nothing_of_the_other_unit_in_lists(client, world):
    client.force_login(world["users"]["staff_b"])
    listing = client.get(url_for("activity-list", [])).content.decode()
    campaigns = client.get(url_for("campaign-list", [])).content.decode()
    assert "Draft at A" not in listing and "Submitted at A" not in listing
    assert "东城专项行动" not in campaigns and "East Town drive" not in campaigns
    # Tampering with the unit filter cannot widen the view either.
    tampered = client.get(url_for("activity-list", []), {"unit": "station-a"})
    assert "Draft at A" not in tampered.content.decode()
    assert Activity.objects.count() == 3
