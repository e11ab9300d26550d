import pytest
from django.urls import reverse

from scams.models import ScamType


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def change_url(scam):
    return reverse("admin:scams_scamtype_change", args=[scam.pk])


def form_data(scam, **changes):
    """The change form as the admin would post it back."""
    data = {
        field.name: getattr(scam, field.attname)
        for field in ScamType._meta.concrete_fields
        if field.editable and field.name != "id"
    }
    data["category"] = scam.category_id
    data["last_reviewed"] = scam.last_reviewed.isoformat()
    data["published"] = "on" if scam.published else ""
    data["featured"] = "on" if scam.featured else ""
    data["tags"] = [tag.pk for tag in scam.tags.all()]
    data["related"] = [other.pk for other in scam.related.all()]
    data.update(
        {"cases-TOTAL_FORMS": 0, "cases-INITIAL_FORMS": 0, "cases-MIN_NUM_FORMS": 0, "cases-MAX_NUM_FORMS": 1000}
    )
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


def test_anonymous_visitors_are_sent_to_the_admin_login(client, catalogue):
    response = client.get(reverse("admin:scams_scamtype_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_changelist_searches_both_languages(admin_client, catalogue):
    url = reverse("admin:scams_scamtype_changelist")
    assert "tax-refund" in admin_client.get(url, {"q": "退税"}).content.decode()
    english = admin_client.get(url, {"q": "kidnap"}).content.decode()
    assert "fake-kidnapping" in english
    assert "tax-refund" not in english


def test_change_form_links_to_the_public_page(admin_client, catalogue):
    scam = ScamType.objects.get(slug="order-brushing")
    html = admin_client.get(change_url(scam)).content.decode()
    assert "View on site" in html
    shortcut = admin_client.get(reverse("admin:view_on_site", args=[_content_type_id(scam), scam.pk]))
    assert shortcut.status_code == 302
    assert shortcut["Location"].endswith("/scams/order-brushing/")


def _content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_edits_are_kept_in_a_history_with_who_when_and_what(admin_client, administrator, catalogue):
    scam = ScamType.objects.get(slug="order-brushing")
    response = admin_client.post(change_url(scam), form_data(scam, summary_en="Rewritten by the county bureau."))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response

    latest, previous = scam.history.all()[:2]
    assert latest.history_user == administrator
    assert latest.history_date is not None
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(previous).changes}
    assert changes["summary_en"][1] == "Rewritten by the county bureau."

    html = admin_client.get(reverse("admin:scams_scamtype_history", args=[scam.pk])).content.decode()
    assert "chief" in html
    assert "Summary (English)" in html
    assert "Rewritten by the county bureau." in html


def test_publishing_without_english_is_refused(admin_client, catalogue):
    scam = ScamType.objects.get(slug="tax-refund")
    response = admin_client.post(change_url(scam), form_data(scam, summary_en=""))
    assert response.status_code == 200
    assert "needs this text in both languages" in response.content.decode()
    scam.refresh_from_db()
    assert scam.summary_en
