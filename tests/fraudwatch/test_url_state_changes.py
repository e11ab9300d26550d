"""Every state change in the project against a table of expected answers for each kind
of visitor, and every request a view does not serve (no CSRF token, a method it does not
name) refused on every route (the routes and the GET table are in test_url_permissions)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.fraudwatch import test_url_permissions
from tests.fraudwatch.test_url_permissions import (
    ACTORS,
    LOGIN,
    TABLE,
    admin_url,
    all_routes,
    client_as,
    signed_in,
)

# The routes' world: the shared one, with the letter to parents and a prepared report file.
world = test_url_permissions.world

# State changes: name -> (URL arguments, POST data, {actor: POST status}); an actor left out is
# not tried (what it would do is the same step the ones listed already make).
POST_TABLE = {
    # Printing a unit's kit: a POST makes its code if it has none, then sends to the PDF.
    "campaigns:kit-pdf": (
        lambda w: [w["campaign"].pk, w["kit_code"].unit.code, "en"],
        {},
        signed_in({"staff_a": 302, "staff_b": 404, "reviewer": 302, "administrator": 302}),
    ),
    "campaigns:campaign-close": (
        lambda w: [w["campaign"].pk],
        {},
        signed_in({"staff_b": 404, "staff_a": 403, "reviewer": 302}),
    ),
    "campaigns:review-approve": (
        lambda w: [],
        {"ids": ["1"]},
        signed_in({"staff_b": 403, "staff_a": 403, "reviewer": 302}),
    ),
    "campaigns:activity-submit": (lambda w: [w["draft"].pk], {}, signed_in({"staff_b": 404, "staff_a": 302})),
    "campaigns:activity-approve": (
        lambda w: [w["submitted"].pk],
        {},
        signed_in({"staff_b": 404, "staff_a": 403, "reviewer": 302}),
    ),
    "campaigns:activity-return": (
        lambda w: [w["submitted"].pk],
        {"reason": "Add the sign-in sheet."},
        signed_in({"staff_b": 404, "staff_a": 403, "reviewer": 302}),
    ),
    "campaigns:activity-reopen": (
        lambda w: [w["approved"].pk],
        {"reason": "Wrong figures."},
        signed_in({"staff_b": 404, "staff_a": 403, "reviewer": 403, "administrator": 302}),
    ),
    "campaigns:evidence-delete": (
        lambda w: [w["draft"].pk, w["evidence"].pk],
        {},
        signed_in({"staff_b": 404, "staff_a": 302}),
    ),
    "campaigns:activity-undo-approval": (
        lambda w: [w["approved_by_reviewer"].pk],
        {},
        signed_in({"staff_b": 404, "staff_a": 403, "administrator": 403, "reviewer": 302}),
    ),
    "campaigns:activity-edit": (lambda w: [w["approved"].pk], {}, signed_in({"staff_b": 404, "staff_a": 403})),
    "campaigns:alert-submit": (lambda w: [w["alert_draft"].pk], {}, signed_in({"staff_b": 404, "staff_a": 302})),
    "campaigns:alert-approve": (
        lambda w: [w["alert_submitted"].pk],
        {},
        signed_in({"staff_b": 404, "staff_a": 403, "reviewer": 302}),
    ),
    "campaigns:alert-return": (
        lambda w: [w["alert_submitted"].pk],
        {"reason": "Say which number they call from."},
        signed_in({"staff_b": 404, "staff_a": 403, "reviewer": 302}),
    ),
    "campaigns:alert-edit": (lambda w: [w["alert_submitted"].pk], {}, signed_in({"staff_b": 404, "staff_a": 403})),
    "reports:prepared-retry": (
        lambda w: [w["prepared"].pk],
        {},
        signed_in({"staff_b": 404, "reviewer": 404, "administrator": 404, "staff_a": 302}),
    ),
}


@pytest.mark.parametrize(
    ("name", "actor"),
    [(name, actor) for name, (_, _, expected) in POST_TABLE.items() for actor in expected],
)
def test_post_answers_match_the_table(world, name, actor):
    arguments, data, expected = POST_TABLE[name]
    with translation.override("en"):
        url = reverse(name, args=arguments(world))
    response = client_as(world, actor).post(url, data)
    if expected[actor] == LOGIN:
        assert response.status_code == 302, f"{actor} POST {url}"
        assert response["Location"].startswith(reverse(LOGIN)), f"{actor} POST {url}"
    else:
        assert response.status_code == expected[actor], f"{actor} POST {url}: {response.status_code}"


@pytest.mark.parametrize("actor", ACTORS)
def test_every_post_without_a_csrf_token_is_refused(world, actor):
    client = client_as(world, actor, enforce_csrf_checks=True)
    for name, pattern in all_routes().items():
        if name in TABLE:
            with translation.override("en"):
                url = reverse(name, args=TABLE[name][0](world))
        else:
            url = admin_url(name, pattern)
        response = client.post(url, {"reason": "x", "username": "staff_a", "password": "x"})
        assert response.status_code == 403, f"{actor} POST {url} without a CSRF token: {response.status_code}"


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("actor", ACTORS)
def test_methods_no_view_serves_are_refused_before_the_view_runs(world, actor, method):
    """Every view names the methods it serves (GET and HEAD, and POST where it acts);
    anything else is a 405 on every route, the admin's included, for a visitor as for
    staff, and before the CSRF check, which would make it a 403 (the client checks CSRF
    tokens as a browser's request meets them). Django's own OPTIONS answer from
    class-based views is refused too."""
    client = client_as(world, actor, enforce_csrf_checks=True)
    urls = []
    for name, pattern in all_routes().items():
        if name in TABLE:
            with translation.override("en"):
                urls.append(reverse(name, args=TABLE[name][0](world)))
        else:
            urls.append(admin_url(name, pattern))
    for url in urls:
        response = client.generic(method, url)
        assert response.status_code == 405, f"{actor} {method} {url}: {response.status_code}"
        assert "OPTIONS" not in response["Allow"] and "TRACE" not in response["Allow"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_put_and_delete_get_405_on_public_staff_and_post_only_pages(world, method):
    with translation.override("en"):
        pages = {
            "public": reverse("scams:list"),
            "staff": reverse("campaigns:activity-list"),
            "POST-only": reverse("scams:seen", args=[world["scam"].slug]),
        }
    for actor in ("anonymous", "staff_a"):
        client = client_as(world, actor, enforce_csrf_checks=True)
        answers = {kind: client.generic(method, url).status_code for kind, url in pages.items()}
        assert answers == {"public": 405, "staff": 405, "POST-only": 405}, actor
