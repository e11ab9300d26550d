"""The activity form as a phone user meets it: presets, names not codes, grouped chips,
counting units, optional parts folded away, save-and-submit, and photo thumbnails."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from campaigns.models import Activity, ActivityEvent, Evidence, OrgUnit
from scams.models import Category, ScamType
from tests.campaigns.test_activity_edit import activity_form, picture
from tests.conftest import make_activity, make_user


def url(name, *args):
    with translation.override("en"):
        return reverse(f"campaigns:{name}", args=args)


def options(html):
    """[(value, attributes, text)] of the unit select's options."""
    select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', select)


@pytest.fixture
def as_staff_a(client, staff_a):
    client.force_login(staff_a)
    return client


class TestUnits:
    def test_options_show_names_and_keep_codes_for_the_filter(self, as_staff_a, county):
        html = as_staff_a.get(url("activity-new")).content.decode()
        listed = options(html)
        codes = set(OrgUnit.objects.values_list("code", flat=True))
        assert [text.strip("\xa0") for _, _, text in listed] == ["East Town Station", "East Town Middle School"]
        assert not any(code in text for _, _, text in listed for code in codes)
        assert [re.search(r'data-code="([^"]+)"', attrs).group(1) for _, attrs, _ in listed] == [
            "station-a",
            "school-a",
        ]
        assert listed[1][2].startswith("\xa0")  # the school sits under its station

    def test_a_single_unit_staff_member_finds_their_unit_chosen(self, as_staff_a, county):
        listed = options(as_staff_a.get(url("activity-new")).content.decode())
        chosen = [value for value, attrs, _ in listed if "selected" in attrs]
        assert chosen == [str(county["a"].pk)]
        assert "Choose a unit" not in as_staff_a.get(url("activity-new")).content.decode()

    def test_someone_on_several_units_finds_the_one_they_log_most_for(self, client, county):
        both = make_user("both", (county["a"], "staff"), (county["b"], "staff"))
        make_activity(county["a"], both)
        for _ in range(3):
            make_activity(county["school_b"], both)
        client.force_login(both)
        listed = options(client.get(url("activity-new")).content.decode())
        assert [value for value, attrs, _ in listed if "selected" in attrs] == [str(county["school_b"].pk)]

    def test_with_no_history_someone_on_several_units_is_asked_to_choose(self, client, county):
        client.force_login(make_user("both", (county["a"], "staff"), (county["b"], "staff")))
        listed = options(client.get(url("activity-new")).content.decode())
        assert listed[0][0] == "" and listed[0][2] == "Choose a unit"
        assert not [value for value, attrs, _ in listed if "selected" in attrs and value]

    def test_a_unit_can_still_only_be_one_the_user_may_log_for(self, as_staff_a, county):
        response = as_staff_a.post(url("activity-new"), activity_form(county["b"]))
        assert "unit" in response.context["form"].errors
        assert not Activity.objects.exists()


class TestSaveAndSubmit:
    def test_the_second_button_saves_and_submits_in_one_step(self, as_staff_a, county, staff_a):
        response = as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "submit_for_review": "1"})
        activity = Activity.objects.get()
        assert response.status_code == 302
        assert response["Location"] == url("activity-detail", activity.pk)
        assert "Saved and submitted for review." in as_staff_a.get(response["Location"]).content.decode()
        assert activity.status == Activity.Status.SUBMITTED
        assert list(activity.events.values_list("action", flat=True)) == ["created", "submitted"]

    def test_the_first_button_only_saves_a_draft(self, as_staff_a, county):
        as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "save": "1"})
        assert Activity.objects.get().status == Activity.Status.DRAFT

    def test_a_returned_activity_is_fixed_and_resubmitted_in_one_step(self, as_staff_a, county, staff_a):
        activity = make_activity(county["a"], staff_a, status="returned", return_reason="Count again.")
        form = activity_form(county["a"], title="Counted again", version=activity.version)
        response = as_staff_a.post(url("activity-edit", activity.pk), {**form, "submit_for_review": "1"})
        assert response.status_code == 302
        activity.refresh_from_db()
        assert (activity.title, activity.status) == ("Counted again", Activity.Status.SUBMITTED)
        assert list(activity.events.values_list("action", flat=True)) == ["edited", "submitted"]

    def test_an_invalid_form_submits_nothing(self, as_staff_a, county):
        response = as_staff_a.post(
            url("activity-new"), {**activity_form(county["a"], title=""), "submit_for_review": "1"}
        )
        assert response.status_code == 200
        assert not Activity.objects.exists() and not ActivityEvent.objects.exists()


class TestLayout:
    def test_todays_date_is_preset(self, as_staff_a, county):
        html = as_staff_a.get(url("activity-new")).content.decode()
        assert f'name="date" value="{timezone.localdate():%Y-%m-%d}"' in html

    def test_the_evidence_field_offers_the_camera(self, as_staff_a, county):
        html = as_staff_a.get(url("activity-new")).content.decode()
        field = re.search(r'<input type="file" name="evidence"[^>]*>', html).group(0)
        assert 'accept="image/*,application/pdf"' in field
        assert "multiple" in field

    def test_figures_show_their_counting_unit(self, as_staff_a, county):
        html = as_staff_a.get(url("activity-new")).content.decode()
        assert re.search(r'id="id_figure_participants"[^>]*>\s*<span class="input-group-text"[^>]*>person-times<', html)
        assert re.search(r'id="id_figure_materials"[^>]*>\s*<span class="input-group-text"[^>]*>copies<', html)
        zh = as_staff_a.get(url("activity-new").replace("/en/", "/zh-hans/")).content.decode()
        assert re.search(r'id="id_figure_materials"[^>]*>\s*<span class="input-group-text"[^>]*>份<', zh)

    def test_optional_parts_wait_under_more(self, as_staff_a, county):
        html = as_staff_a.get(url("activity-new")).content.decode()
        more = re.search(r'<details class="mb-3 more">.*?</details>', html, re.S).group(0)
        for name in ("end_date", "location", "campaign", "notes", "figure_receipts", "figure_losses_averted"):
            assert f'name="{name}"' in more, name
        for name in ("figure_participants", "figure_materials", "title", "activity_type"):
            assert f'name="{name}"' not in more, name

    def test_more_opens_when_something_in_it_has_a_value(self, as_staff_a, county, staff_a):
        activity = make_activity(county["a"], staff_a, location="Market square")
        html = as_staff_a.get(url("activity-edit", activity.pk)).content.decode()
        assert '<details class="mb-3 more" open>' in html

    def test_scam_types_are_chips_grouped_by_category_in_fieldsets(self, as_staff_a, county, catalogue):
        html = as_staff_a.get(url("activity-new")).content.decode()
        groups = re.findall(
            r'<fieldset class="chips chip-group">\s*<legend class="h6">([^<]+)</legend>(.*?)</fieldset>', html, re.S
        )
        top = Category.objects.filter(parent=None, children__scam_types__in=ScamType.objects.published()).distinct()
        assert sorted(name for name, _ in groups) == sorted(category.name_en for category in top)
        chips = sum(chunk.count('type="checkbox" name="scam_types"') for _, chunk in groups)
        assert chips == ScamType.objects.published().count() >= 24
        for name, chunk in groups:
            expected = ScamType.objects.published().filter(category__parent__name_en=name)
            assert chunk.count('class="btn-check"') == expected.count(), name

    def test_the_form_names_no_unit_code_anywhere_a_person_reads(self, as_staff_a, county):
        html = as_staff_a.get(url("activity-new")).content.decode()
        readable = re.sub(r"<[^>]+>", " ", html)
        assert "station-a" not in readable and "school-a" not in readable


def photo_upload(name="booth.jpg", image_format="JPEG", size=(1200, 800), mode="RGB"):
    return SimpleUploadedFile(name, picture(image_format, size, mode=mode), content_type="image/jpeg")


class TestThumbnails:
    def test_a_photo_gets_a_small_thumbnail_kept_on_disk(self, as_staff_a, county, media_root):
        as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "evidence": [photo_upload()]})
        evidence = Evidence.objects.get()
        detail = as_staff_a.get(url("activity-detail", evidence.activity_id)).content.decode()
        thumb = url("evidence-thumb", evidence.activity_id, evidence.pk)
        assert f'<img class="evidence-thumb" src="{thumb}" alt="booth.jpg"' in detail

        response = as_staff_a.get(thumb)

        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, no-store"
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
            assert image.format == "JPEG"
            assert max(image.size) == 320 and image.size == (320, 213)
        cached = media_root / "thumbs" / (evidence.file.name.rsplit(".", 1)[0] + ".jpg")
        assert cached.exists()
        cached.write_bytes(b"\xff\xd8\xff from the cache")  # served as kept, not made again
        assert b"".join(as_staff_a.get(thumb).streaming_content) == b"\xff\xd8\xff from the cache"

    def test_a_picture_with_transparency_keeps_it_as_png(self, as_staff_a, county):
        upload = SimpleUploadedFile("logo.png", picture("PNG", (600, 600), mode="RGBA"), content_type="image/png")
        as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "evidence": [upload]})
        evidence = Evidence.objects.get()
        response = as_staff_a.get(url("evidence-thumb", evidence.activity_id, evidence.pk))
        assert response["Content-Type"] == "image/png"
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
            assert image.mode == "RGBA" and image.size == (320, 320)

    def test_a_pdf_shows_an_icon_and_has_no_thumbnail(self, as_staff_a, county):
        pdf = SimpleUploadedFile("sheet.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "evidence": [pdf]})
        evidence = Evidence.objects.get()
        detail = as_staff_a.get(url("activity-detail", evidence.activity_id)).content.decode()
        assert 'class="evidence-icon" src="/static/img/pdf.svg"' in detail
        assert url("evidence-thumb", evidence.activity_id, evidence.pk) not in detail
        assert as_staff_a.get(url("evidence-thumb", evidence.activity_id, evidence.pk)).status_code == 404

    def test_the_edit_form_shows_thumbnails_and_removing_the_photo_removes_its_thumbnail(
        self, as_staff_a, county, media_root, django_capture_on_commit_callbacks
    ):
        as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "evidence": [photo_upload()]})
        evidence = Evidence.objects.get()
        edit = as_staff_a.get(url("activity-edit", evidence.activity_id)).content.decode()
        assert url("evidence-thumb", evidence.activity_id, evidence.pk) in edit
        as_staff_a.get(url("evidence-thumb", evidence.activity_id, evidence.pk))
        assert list((media_root / "thumbs").rglob("*.jpg"))
        with django_capture_on_commit_callbacks(execute=True):
            as_staff_a.post(url("evidence-delete", evidence.activity_id, evidence.pk))
        assert not list((media_root / "thumbs").rglob("*.jpg"))

    def test_outsiders_get_no_thumbnail(self, client, county, staff_a, staff_b):
        client.force_login(staff_a)
        client.post(url("activity-new"), {**activity_form(county["a"]), "evidence": [photo_upload()]})
        evidence = Evidence.objects.get()
        client.force_login(staff_b)
        assert client.get(url("evidence-thumb", evidence.activity_id, evidence.pk)).status_code == 404
        client.logout()
        response = client.get(url("evidence-thumb", evidence.activity_id, evidence.pk))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
