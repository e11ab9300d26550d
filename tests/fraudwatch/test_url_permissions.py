"""Every URL pattern in the project, from the resolver, against a table of expected
answers for each kind of visitor. A new route that is not in the table fails here."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from campaigns.models import Activity, PreparedDocument
from tests.conftest import make_material, make_user

# Documents printed once for the module and the process (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdfs_rendered_once")

ACTORS = ["anonymous", "staff_a", "staff_b", "reviewer", "administrator"]
LOGIN = "login"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            yield from walk(pattern.url_patterns, f"{namespace}:{inner}" if namespace and inner else inner or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern


def all_routes():
    return dict(walk(get_resolver().url_patterns))


def everyone(status):
    return dict.fromkeys(ACTORS, status)


def signed_in(statuses):
    return {"anonymous": LOGIN, **statuses}


# name -> (URL arguments from the world, {actor: GET status, or LOGIN for a redirect to sign-in})
TABLE = {
    "healthz": (lambda w: [], everyone(200)),
    "home": (lambda w: [], everyone(200)),
    "scams:list": (lambda w: [], everyone(200)),
    "scams:detail": (lambda w: [w["scam"].slug], everyone(200)),
    "scams:print": (lambda w: [w["scam"].slug], everyone(200)),
    "text-size": (lambda w: [], everyone(200)),
    "check": (lambda w: [], everyone(200)),
    "scams:seen": (lambda w: [w["scam"].slug], everyone(405)),  # reporting a sighting is POST only
    "alerts:list": (lambda w: [], everyone(200)),
    "alerts:detail": (lambda w: [w["alert_current"].pk], everyone(200)),
    "alerts:feed": (lambda w: [], everyone(200)),
    "scams:print-pdf": (lambda w: [w["scam"].slug], everyone(200)),
    "scams:booklet": (lambda w: [], everyone(200)),
    "materials:list": (lambda w: [], everyone(200)),
    "materials:detail": (lambda w: [w["material_published"].slug], everyone(200)),
    "materials:thumbnail": (lambda w: [w["material_published"].slug], everyone(200)),
    # An address whose token is not the preview's current one is sent on to the current one.
    "materials:preview": (lambda w: [w["material_published"].slug, "0", 240, "webp"], everyone(302)),
    "materials:download": (
        lambda w: [w["material_published"].slug, w["material_published"].files.get().pk],
        everyone(200),
    ),
    "kit": (lambda w: [w["kit"].pk], everyone(200)),
    "kit-scan": (lambda w: [w["kit_code"].code], everyone(302)),  # counts the scan, then the kit's page
    "kit-quiz-scan": (lambda w: [w["kit_code"].code], everyone(302)),  # the kit's quiz in the reader's language
    "kit-quiz": (lambda w: [w["kit_code"].code], everyone(200)),
    "quiz": (lambda w: [], everyone(200)),
    "quiz-shared": (lambda w: [4, 5], everyone(200)),
    # The paper quiz sheet (here the catalogue-wide one): for staff of any unit.
    "campaigns:quiz-sheet": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "login": (lambda w: [], {"anonymous": 200, "staff_a": 302, "staff_b": 302, "reviewer": 302, "administrator": 302}),
    "logout": (lambda w: [], everyone(405)),  # signing out is POST only
    "campaigns:campaign-list": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:campaign-detail": (
        lambda w: [w["campaign"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:campaign-new": (
        lambda w: [],
        signed_in({"staff_a": 403, "staff_b": 403, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:campaign-edit": (
        lambda w: [w["campaign"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:campaign-close": (
        lambda w: [w["campaign"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:kit-edit": (
        lambda w: [w["campaign"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:kit-pdf": (
        lambda w: [w["campaign"].pk, w["kit_code"].unit.code, "en"],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:activity-list": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:activity-new": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:activity-detail": (
        lambda w: [w["draft"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:activity-edit": (
        lambda w: [w["draft"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:activity-submit": (
        lambda w: [w["draft"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:activity-approve": (
        lambda w: [w["submitted"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:activity-return": (
        lambda w: [w["submitted"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:activity-reopen": (
        lambda w: [w["approved"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 403, "administrator": 200}),
    ),
    "campaigns:activity-undo-approval": (  # only the reviewer who approved it, for ten minutes
        lambda w: [w["approved_by_reviewer"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 403}),
    ),
    "campaigns:evidence": (
        lambda w: [w["draft"].pk, w["evidence"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:evidence-delete": (
        lambda w: [w["draft"].pk, w["evidence"].pk],
        signed_in({"staff_a": 405, "staff_b": 405, "reviewer": 405, "administrator": 405}),
    ),
    "campaigns:alert-list": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:alert-new": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:alert-detail": (
        lambda w: [w["alert_draft"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:alert-edit": (
        lambda w: [w["alert_draft"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:alert-submit": (
        lambda w: [w["alert_draft"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:alert-approve": (
        lambda w: [w["alert_submitted"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:alert-return": (
        lambda w: [w["alert_submitted"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:material-list": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:material-new": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:material-detail": (
        lambda w: [w["material_draft"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:material-submit": (
        lambda w: [w["material_draft"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:material-publish": (
        lambda w: [w["material_submitted"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:material-return": (
        lambda w: [w["material_submitted"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:material-feature": (
        lambda w: [w["material_published"].pk],
        signed_in({"staff_a": 403, "staff_b": 404, "reviewer": 403, "administrator": 200}),
    ),
    # Uploaded material has no letter to fill in (the bundled letter's form is in ALSO).
    "campaigns:material-letter": (
        lambda w: [w["material_published"].pk],
        signed_in({"staff_a": 404, "staff_b": 404, "reviewer": 404, "administrator": 404}),
    ),
    "campaigns:review": (
        lambda w: [],
        signed_in({"staff_a": 403, "staff_b": 403, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:review-approve": (
        lambda w: [],
        signed_in({"staff_a": 403, "staff_b": 403, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:import": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:import-cases": (
        lambda w: [],
        signed_in({"staff_a": 403, "staff_b": 403, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:import-template": (
        lambda w: ["xlsx"],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:home-for-user": (
        lambda w: [],
        signed_in({"staff_a": 302, "staff_b": 302, "reviewer": 302, "administrator": 302}),
    ),
    "campaigns:my-work": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:notifications": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "campaigns:evidence-thumb": (
        lambda w: [w["draft"].pk, w["evidence"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 200, "administrator": 200}),
    ),
    "reports:report": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "reports:sightings": (
        lambda w: [],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
    "reports:overview": (
        lambda w: [],
        signed_in({"staff_a": 403, "staff_b": 403, "reviewer": 403, "administrator": 200}),
    ),
    "reports:export": (
        lambda w: [],
        signed_in({"staff_a": 404, "staff_b": 404, "reviewer": 404, "administrator": 404}),  # no format given
    ),
    # A prepared report file is its owner's (staff_a's) alone: administrators included, nobody else sees it.
    "reports:prepared": (
        lambda w: [w["prepared"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 404, "administrator": 404}),
    ),
    "reports:prepared-download": (
        lambda w: [w["prepared"].pk],
        signed_in({"staff_a": 200, "staff_b": 404, "reviewer": 404, "administrator": 404}),
    ),
    "reports:prepared-retry": (
        lambda w: [w["prepared"].pk],
        signed_in({"staff_a": 405, "staff_b": 405, "reviewer": 405, "administrator": 405}),  # POST only
    ),
}
# Routes whose answer depends on the kind of object: (name, URL arguments, {actor: GET status}).
ALSO = [
    # The bundled letter's fill-in form: anyone with a unit (each fills in only their own units).
    (
        "campaigns:material-letter",
        lambda w: [w["letter"].pk],
        signed_in({"staff_a": 200, "staff_b": 200, "reviewer": 200, "administrator": 200}),
    ),
]

# The admin site: only administrators get in; everyone else is sent to the admin sign-in.
ADMIN_RULE = {"anonymous": "admin-login", "staff_a": "admin-login", "staff_b": "admin-login", "reviewer": "admin-login"}
ADMIN_OPEN = {"admin:login", "admin:logout", "admin:jsi18n", "admin:view_on_site", "admin:autocomplete"}


def admin_url(name, pattern):
    """A URL for an admin route: ids where it takes ids, an app label where it takes that."""
    groups = pattern.pattern.regex.groups
    for value in ("1", "scams"):
        try:
            return reverse(name, args=[value] * groups)
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build a URL for {name}")


def is_open_admin_route(name):
    # Sign-in, sign-out and the JavaScript translation catalogues are public by design.
    return name in ADMIN_OPEN or name.endswith("_jsi18n") or name == "admin:javascript-catalog"


@pytest.fixture
def world(world):
    """The shared world, the bundled letter to parents, whose fill-in form every unit may use,
    and a report file prepared for staff_a."""
    prepared = PreparedDocument.objects.create(
        owner=world["users"]["staff_a"],
        parameters={"format": "pdf", "query": []},
        language="en",
        expires_at=timezone.now() + datetime.timedelta(hours=24),
    )
    prepared.save_file("report.pdf", ContentFile(b"%PDF-1.7"))
    return {**world, "letter": make_material(slug="letter-to-parents", kind="letter_to_parents"), "prepared": prepared}


def unit_a_secrets(world):
    """The names of unit A's unpublished things: a 404 must not give away even that they exist."""
    activities = [world[key].title for key in ("draft", "submitted", "approved", "approved_by_reviewer")]
    texts = [world[key].title_en for key in ("alert_draft", "alert_submitted", "material_draft", "material_submitted")]
    texts += [world[key].title_zh for key in ("alert_draft", "alert_submitted", "material_draft", "material_submitted")]
    return [*activities, *texts, world["campaign"].name_zh, world["campaign"].name_en, world["evidence"].original_name]


def client_as(world, actor, **options):
    client = Client(**options)
    if actor != "anonymous":
        client.force_login(world["users"][actor])
    return client


def test_every_route_is_in_the_table():
    names = set(all_routes())
    missing = {name for name in names if not name.startswith("admin:")} - set(TABLE)
    assert missing == set(), f"routes with no expected answers: {sorted(missing)}"
    assert set(TABLE) <= names, f"stale table rows: {sorted(set(TABLE) - names)}"


@pytest.mark.parametrize("actor", ACTORS)
def test_get_answers_match_the_table(world, actor):
    client = client_as(world, actor)
    secrets = unit_a_secrets(world)
    rows = [(name, arguments, expected) for name, (arguments, expected) in TABLE.items()]
    for name, arguments, expected in [*rows, *ALSO]:
        with translation.override("en"):
            url = reverse(name, args=arguments(world))
        response = client.get(url)
        want = expected[actor]
        if want == LOGIN:
            assert response.status_code == 302, f"{actor} GET {url}"
            assert response["Location"].startswith(reverse(LOGIN)), f"{actor} GET {url}"
        else:
            assert response.status_code == want, f"{actor} GET {url}: {response.status_code}, expected {want}"
        if response.status_code == 404:
            body = response.content.decode()
            assert [secret for secret in secrets if secret in body] == [], f"{actor} GET {url}"


def test_a_user_without_a_role_may_not_log_or_import_and_sees_no_unit_work(client, world):
    client.force_login(make_user("nobody"))
    with translation.override("en"):
        assert client.get(reverse("campaigns:activity-new")).status_code == 403
        assert client.get(reverse("campaigns:import")).status_code == 403
        assert client.get(reverse("campaigns:activity-detail", args=[world["draft"].pk])).status_code == 404
        listing = client.get(reverse("campaigns:activity-list")).content.decode()
    assert world["draft"].title not in listing


def test_sibling_staff_see_nothing_of_the_other_unit_in_lists(client, world):
    client.force_login(world["users"]["staff_b"])
    with translation.override("en"):
        activities = reverse("campaigns:activity-list")
        campaigns = client.get(reverse("campaigns:campaign-list")).content.decode()
    listing = client.get(activities).content.decode()
    assert world["draft"].title not in listing and world["submitted"].title not in listing
    assert world["campaign"].name_zh not in campaigns and world["campaign"].name_en not in campaigns
    # Tampering with the unit filter cannot widen the view either.
    tampered = client.get(activities, {"unit": world["draft"].unit.code})
    assert world["draft"].title not in tampered.content.decode()
    assert Activity.objects.filter(unit=world["draft"].unit).count() == 4


@pytest.mark.parametrize("actor", ACTORS)
def test_admin_routes_let_in_only_administrators(world, actor):
    client = client_as(world, actor)
    for name, pattern in all_routes().items():
        if not name.startswith("admin:") or is_open_admin_route(name):
            continue
        url = admin_url(name, pattern)
        response = client.get(url)
        if actor == "administrator":
            # 403 where the admin itself forbids an action (adding axes lockout records, say).
            assert response.status_code in (200, 302, 403, 404), f"{name} {url}: {response.status_code}"
        else:
            assert response.status_code == 302, f"{actor} GET {url}"
            assert reverse("admin:login") in response["Location"], f"{actor} GET {url}"
