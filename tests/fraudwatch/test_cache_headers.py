"""What a signed-in user is sent is marked private and not to be stored; visitors'
public pages are left to their own caching."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_activity, make_scam_type


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def pages(county, staff_a):
    make_activity(county["a"], staff_a, figures={"participants": 12}, status="approved")
    activity = make_activity(county["a"], staff_a)
    scam = make_scam_type()
    return [
        en("home"),
        en("scams:list"),
        en("scams:detail", scam.slug),
        en("campaigns:activity-list"),
        en("campaigns:activity-detail", activity.pk),
        en("campaigns:activity-edit", activity.pk),
        en("campaigns:campaign-list"),
        en("reports:report") + "?date_from=2026-01-01&date_to=2026-12-31",
    ]


def test_signed_in_pages_are_private_and_never_stored(client, staff_a, pages):
    client.force_login(staff_a)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert {"private", "no-store"} <= directives(response), page


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_signed_in_exports_are_private_and_never_stored(client, county, staff_a, file_format):
    make_activity(county["a"], staff_a, figures={"participants": 12}, status="approved")
    client.force_login(staff_a)
    response = client.get(
        en("reports:export"), {"format": file_format, "date_from": "2026-01-01", "date_to": "2026-12-31"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert directives(response) == {"private", "no-store"}


def test_redirects_after_a_signed_in_post_are_private_too(client, county, staff_a):
    activity = make_activity(county["a"], staff_a)
    client.force_login(staff_a)
    response = client.post(en("campaigns:activity-submit", activity.pk))
    assert response.status_code == 302
    assert {"private", "no-store"} <= directives(response)


def test_visitors_public_pages_keep_their_caching(client, pages):
    for page in pages[:3]:
        response = client.get(page)
        assert response.status_code == 200, page
        assert not {"private", "no-store"} & directives(response), page


def test_a_view_that_chose_its_cache_headers_keeps_them(client, staff_a):
    client.force_login(staff_a)
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert "max-age=0" in directives(response)  # never_cache's own header, not replaced
