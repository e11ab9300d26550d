import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from fraudwatch.core import pagecache
from scams.models import ScamType, SharedMessage, Synonym
from tests.conftest import make_scam_type


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


class TestPublicPagesFollowEveryAdminChange:
    """Visitors get cached public pages; whatever an administrator changes about a scam
    type shows on the next visit, not minutes later."""

    @pytest.fixture
    def scam(self):
        return make_scam_type(summary_en="The first summary.")

    @pytest.fixture
    def visitor(self):
        return Client(HTTP_ACCEPT_LANGUAGE="en")

    def page(self, visitor, scam):
        with translation.override("en"):
            return visitor.get(reverse("scams:detail", args=[scam.slug]))

    def test_reverting_from_the_history_page_shows_the_old_text(
        self, admin_client, visitor, scam, django_capture_on_commit_callbacks
    ):
        first = scam.history.get()
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(change_url(scam), form_data(scam, summary_en="A second summary."))
        assert "A second summary." in self.page(visitor, scam).content.decode()  # now cached

        revert_url = reverse("admin:scams_scamtype_simple_history", args=[scam.pk, first.history_id])
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(revert_url, form_data(first.instance))
        assert response.status_code == 302

        html = self.page(visitor, scam).content.decode()
        assert "The first summary." in html
        assert "A second summary." not in html
        scam.refresh_from_db()
        assert scam.summary_en == "The first summary."

    def test_editing_only_a_case_story_inline_shows_the_new_case(
        self, admin_client, visitor, scam, django_capture_on_commit_callbacks
    ):
        assert "A case from the county" not in self.page(visitor, scam).content.decode()
        case = {
            "cases-TOTAL_FORMS": 1,
            "cases-0-position": 0,
            "cases-0-title_zh": "县里的案例",
            "cases-0-body_zh": "故事",
            "cases-0-title_en": "A case from the county",
            "cases-0-body_en": "The story",
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(change_url(scam), {**form_data(scam), **case})
        assert response.status_code == 302
        assert "A case from the county" in self.page(visitor, scam).content.decode()
        assert scam.cases.get().title_en == "A case from the county"

    def test_deleting_takes_the_page_down(self, admin_client, visitor, scam, django_capture_on_commit_callbacks):
        assert self.page(visitor, scam).status_code == 200
        delete_url = reverse("admin:scams_scamtype_delete", args=[scam.pk])
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(delete_url, {"post": "yes"})
        assert self.page(visitor, scam).status_code == 404
        assert not ScamType.objects.filter(pk=scam.pk).exists()

    def test_deleting_from_the_list_takes_the_page_down(
        self, admin_client, visitor, scam, django_capture_on_commit_callbacks
    ):
        assert self.page(visitor, scam).status_code == 200
        action = {"action": "delete_selected", "_selected_action": [scam.pk], "post": "yes"}
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(reverse("admin:scams_scamtype_changelist"), action)
        assert self.page(visitor, scam).status_code == 404
        assert not ScamType.objects.filter(pk=scam.pk).exists()


def test_administrators_extend_synonyms_and_the_public_pages_follow(admin_client, django_capture_on_commit_callbacks):
    before = pagecache.version()
    data = {"code": "scam-call", "terms_zh": "骚扰电话\n诈骗电话", "terms_en": "nuisance call\nscam call"}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:scams_synonym_add"), data)
    assert response.status_code == 302
    assert Synonym.objects.get(code="scam-call").terms("zh") == ["骚扰电话", "诈骗电话"]
    assert pagecache.version() != before


def test_staff_moderate_shared_messages_in_the_admin(admin_client):
    first = SharedMessage.share("请回电13812345678，把钱转到安全账户", language="zh-hans")
    second = SharedMessage.share("Pay the unfreezing fee today", language="en")
    changelist = reverse("admin:scams_sharedmessage_changelist")
    html = admin_client.get(changelist, {"status__exact": "new"}).content.decode()
    assert "请回电138****5678，把钱转到安全账户" in html
    assert "Pay the unfreezing fee today" in html
    assert "13812345678" not in html

    admin_client.post(changelist, {"action": "accept", "_selected_action": [first.pk]})
    admin_client.post(changelist, {"action": "reject", "_selected_action": [second.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SharedMessage.Status.ACCEPTED, SharedMessage.Status.REJECTED)
    # Messages come from residents only: staff cannot make one up.
    assert admin_client.get(reverse("admin:scams_sharedmessage_add")).status_code == 403
