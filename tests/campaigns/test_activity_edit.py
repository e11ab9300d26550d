import datetime
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, Image

from campaigns.models import Activity, ActivityEvent, ActivityType, Campaign, Evidence, Figure
from tests.conftest import make_activity

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (39.0, 54.0, 15.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (116.0, 23.0, 30.0),
}
JUNK = b"<?php system($_GET['c']); ?>"


def picture(image_format, size=(40, 20), mode="RGB", exif=None, **options):
    """A small picture as a phone might send it, EXIF included when given."""
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30, 255)[: len(mode)]).save(out, image_format, exif=exif or b"", **options)
    return out.getvalue()


def phone_exif(orientation=1):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Phone maker"
    exif[ExifTags.IFD.GPSInfo] = GPS
    return exif


PNG = picture("PNG", (8, 8))


def url(name, *args):
    with translation.override("en"):
        return reverse(f"campaigns:{name}", args=args)


def activity_form(unit, **overrides):
    data = {
        "unit": unit.pk,
        "activity_type": ActivityType.objects.get(code="class_meeting").pk,
        "title": "Class meeting on order-brushing scams",
        "date": "2026-10-20",
        "end_date": "",
        "location": "Grade 8, class 3",
        "notes": "",
        "figure_participants": "45",
        "figure_commitments": "45",
        "figure_online_reach": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def as_staff_a(client, staff_a):
    client.force_login(staff_a)
    return client


class TestLogging:
    def test_staff_logs_an_activity_with_figures_and_a_photo(self, as_staff_a, county, staff_a, media_root):
        photo = SimpleUploadedFile("meeting.png", PNG, content_type="image/png")
        response = as_staff_a.post(url("activity-new"), {**activity_form(county["school_a"]), "evidence": [photo]})
        activity = Activity.objects.get()
        assert response.status_code == 302
        assert response["Location"] == url("activity-detail", activity.pk)
        assert activity.status == Activity.Status.DRAFT
        assert (activity.created_by, activity.updated_by) == (staff_a, staff_a)
        figures = dict(activity.figures.values_list("indicator__code", "value"))
        assert figures == {"participants": 45, "commitments": 45}  # an empty figure is not recorded
        evidence = Evidence.objects.get()
        assert evidence.original_name == "meeting.png"
        assert evidence.content_type == "image/png"
        stored = media_root / evidence.file.name
        assert Image.open(stored).tobytes() == Image.open(io.BytesIO(PNG)).tobytes()
        assert "meeting" not in evidence.file.name  # stored under a generated name
        assert list(activity.events.values_list("action", flat=True)) == [ActivityEvent.Action.CREATED]

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"date": "2999-01-01"}, "date", "The date cannot be in the future."),
            ({"end_date": "2026-10-01"}, "end_date", "The end date cannot be before the start date."),
            ({"figure_participants": "-3"}, "figure_participants", "greater than or equal to 0"),
            ({"figure_participants": "lots"}, "figure_participants", "Enter a whole number."),
            ({"title": ""}, "title", "This field is required."),
        ],
    )
    def test_bad_input_is_a_clear_form_error(self, as_staff_a, county, changes, field, message):
        response = as_staff_a.post(url("activity-new"), activity_form(county["a"], **changes))
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert not Activity.objects.exists()

    def test_a_unit_outside_the_subtree_cannot_be_chosen(self, as_staff_a, county):
        response = as_staff_a.post(url("activity-new"), activity_form(county["b"]))
        assert "unit" in response.context["form"].errors
        assert not Activity.objects.exists()

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("photo.png", b"MZ\x90\x00 not an image", "is not a JPEG, PNG or WebP photo or a PDF"),
            ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "photo.png could not be read as a picture."),
            ("photo.jpg", picture("JPEG")[:300], "photo.jpg could not be read as a picture."),  # cut short
            ("photo.webp", b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 64, "photo.webp could not be read as a picture."),
            ("huge.pdf", b"%PDF-1.7" + b"0" * (10 * 1024 * 1024), "is larger than 10 MB"),
        ],
    )
    def test_evidence_is_checked_by_content_and_size(self, as_staff_a, county, name, content, message):
        upload = SimpleUploadedFile(name, content)
        response = as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "evidence": [upload]})
        assert message in " ".join(response.context["form"].errors["evidence"])
        assert not Evidence.objects.exists()


class TestWorkflow:
    def test_submit_return_fix_resubmit_approve(self, client, county, staff_a, reviewer):
        activity = make_activity(county["a"], staff_a, figures={"participants": 10})
        client.force_login(staff_a)
        assert client.post(url("activity-submit", activity.pk)).status_code == 302
        client.force_login(reviewer)
        client.post(url("activity-return", activity.pk), {"reason": "Participants look low: check the sheet."})
        activity.refresh_from_db()
        assert activity.status == Activity.Status.RETURNED
        assert activity.return_reason == "Participants look low: check the sheet."

        client.force_login(staff_a)
        page = client.get(url("activity-edit", activity.pk)).content.decode()
        assert "Participants look low: check the sheet." in page
        form = activity_form(county["a"], title=activity.title, figure_participants="120", version=activity.version)
        assert client.post(url("activity-edit", activity.pk), form).status_code == 302
        client.post(url("activity-submit", activity.pk))
        client.force_login(reviewer)
        client.post(url("activity-approve", activity.pk))
        activity.refresh_from_db()
        assert activity.status == Activity.Status.APPROVED
        assert activity.reviewed_by == reviewer
        assert Figure.objects.get(activity=activity, indicator__code="participants").value == 120
        actions = list(activity.events.values_list("action", flat=True))
        assert actions == ["submitted", "returned", "edited", "submitted", "approved"]

        history = client.get(url("activity-detail", activity.pk)).content.decode()
        assert "In-person participants: 10 → 120" in history
        assert "Status: Submitted → Approved" in history

    def test_reviewer_cannot_approve_an_activity_they_last_edited(self, client, county, staff_a, reviewer):
        activity = make_activity(county["a"], staff_a, status="submitted")
        activity.updated_by = reviewer
        activity.save()
        client.force_login(reviewer)
        assert client.post(url("activity-approve", activity.pk)).status_code == 403
        activity.refresh_from_db()
        assert activity.status == Activity.Status.SUBMITTED

    def test_returning_needs_a_reason(self, client, county, staff_a, reviewer):
        activity = make_activity(county["a"], staff_a, status="submitted")
        client.force_login(reviewer)
        response = client.post(url("activity-return", activity.pk), {"reason": "   "})
        assert response.status_code == 200
        assert "This field is required." in response.content.decode()
        activity.refresh_from_db()
        assert activity.status == Activity.Status.SUBMITTED

    def test_an_approved_activity_is_locked_until_an_administrator_reopens_it(
        self, client, county, staff_a, administrator
    ):
        activity = make_activity(county["a"], staff_a, status="approved")
        client.force_login(staff_a)
        assert client.get(url("activity-edit", activity.pk)).status_code == 403
        assert client.post(url("activity-submit", activity.pk)).status_code == 403
        client.force_login(administrator)
        client.post(url("activity-reopen", activity.pk), {"reason": "The date was wrong."})
        activity.refresh_from_db()
        assert activity.status == Activity.Status.RETURNED
        event = activity.events.get(action="reopened")
        assert (event.actor, event.reason) == (administrator, "The date was wrong.")
        client.force_login(staff_a)
        assert client.get(url("activity-edit", activity.pk)).status_code == 200

    def test_a_stale_status_change_is_refused(self, county, staff_a, reviewer):
        activity = make_activity(county["a"], staff_a, status="submitted")
        other_copy = Activity.objects.get(pk=activity.pk)
        activity.approve(by=reviewer)
        from campaigns.models import WorkflowError

        with pytest.raises(WorkflowError):
            other_copy.return_to_author(by=reviewer, reason="late")
        activity.refresh_from_db()
        assert activity.status == Activity.Status.APPROVED


class TestConcurrentEdits:
    def test_the_second_save_is_refused_with_a_clear_message(self, client, county, staff_a, reviewer):
        activity = make_activity(county["a"], staff_a, title="Original", figures={"materials": 100})
        version = activity.version
        client.force_login(reviewer)
        first = activity_form(county["a"], title="Reviewer's fix", figure_materials="150", version=version)
        assert client.post(url("activity-edit", activity.pk), first).status_code == 302

        client.force_login(staff_a)
        second = activity_form(county["a"], title="Staff's change", figure_materials="90", version=version)
        response = client.post(url("activity-edit", activity.pk), second)
        assert response.status_code == 200
        assert "reviewer saved this activity" in response.content.decode()
        assert "Your changes were not saved" in response.content.decode()
        activity.refresh_from_db()
        assert activity.title == "Reviewer's fix"
        assert Figure.objects.get(activity=activity, indicator__code="materials").value == 150
        assert activity.events.filter(action="edited").count() == 1

    def test_the_refusal_gives_the_other_save_in_local_time(self, client, county, staff_a, reviewer):
        activity = make_activity(county["a"], staff_a)
        # Someone else saved it at 23:05 UTC, which is 07:05 the next morning in Shanghai.
        saved_at = datetime.datetime(2026, 10, 20, 23, 5, tzinfo=datetime.UTC)
        Activity.objects.filter(pk=activity.pk).update(version=2, updated_by=reviewer, updated_at=saved_at)
        client.force_login(staff_a)
        form = activity_form(county["a"], title="Staff's change", version=1)
        response = client.post(url("activity-edit", activity.pk), form)
        assert "reviewer saved this activity at 2026-10-21 07:05 while" in response.content.decode()
        activity.refresh_from_db()
        assert activity.title != "Staff's change"


class TestEvidence:
    def test_download_is_inline_with_the_original_name_and_private(self, client, county, staff_a):
        activity = make_activity(county["a"], staff_a)
        client.force_login(staff_a)
        client.post(
            url("activity-edit", activity.pk),
            {
                **activity_form(county["a"], title=activity.title, version=activity.version),
                "evidence": [SimpleUploadedFile("签到表.png", PNG)],
            },
        )
        evidence = Evidence.objects.get()
        response = client.get(evidence.get_absolute_url())
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("inline")
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == evidence.file.open("rb").read()
        assert activity.events.filter(action="edited").exists()

    def test_a_photo_is_stored_and_served_without_exif_gps_or_trailing_bytes(self, client, county, staff_a):
        activity = make_activity(county["a"], staff_a)
        sent = picture("JPEG", exif=phone_exif(), comment=b"Taken at home") + JUNK
        assert Image.open(io.BytesIO(sent)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test sends GPS
        client.force_login(staff_a)
        client.post(
            url("activity-edit", activity.pk),
            {
                **activity_form(county["a"], title=activity.title, version=activity.version),
                "evidence": [SimpleUploadedFile("IMG_0001.jpg", sent)],
            },
        )
        evidence = Evidence.objects.get()
        stored = evidence.file.open("rb").read()
        served = b"".join(client.get(evidence.get_absolute_url()).streaming_content)
        for copy in (stored, served):
            image = Image.open(io.BytesIO(copy))
            assert image.format == "JPEG"
            assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
            assert dict(image.getexif()) == {}
            assert "comment" not in image.info
            assert copy.endswith(b"\xff\xd9")  # the image's last marker is the file's last bytes
            assert JUNK not in copy and b"Phone maker" not in copy
        assert (evidence.content_type, evidence.size) == ("image/jpeg", len(stored))
        assert evidence.original_name == "IMG_0001.jpg"

    def test_a_photo_is_turned_upright_before_its_exif_is_dropped(self, as_staff_a, county):
        sideways = picture("JPEG", size=(40, 20), exif=phone_exif(orientation=6))  # shot rotated 90°
        upload = SimpleUploadedFile("sideways.jpg", sideways)
        as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "evidence": [upload]})
        image = Image.open(Evidence.objects.get().file.open("rb"))
        assert image.size == (20, 40)
        assert ExifTags.Base.Orientation not in image.getexif()

    @pytest.mark.parametrize(
        ("image_format", "mode", "content_type"),
        [("PNG", "RGBA", "image/png"), ("PNG", "L", "image/png"), ("WEBP", "RGB", "image/webp")],
    )
    def test_png_stays_png_and_webp_stays_webp_without_their_exif(
        self, as_staff_a, county, image_format, mode, content_type
    ):
        sent = picture(image_format, mode=mode, exif=phone_exif()) + JUNK
        upload = SimpleUploadedFile(f"photo.{image_format.lower()}", sent)
        as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "evidence": [upload]})
        evidence = Evidence.objects.get()
        stored = evidence.file.open("rb").read()
        image = Image.open(io.BytesIO(stored))
        assert (image.format, image.mode, evidence.content_type) == (image_format, mode, content_type)
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert JUNK not in stored and b"Phone maker" not in stored

    @pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
    @pytest.mark.parametrize("size", [(40, 30), (100, 100)])  # over the limit; over twice the limit
    def test_a_picture_with_too_many_pixels_is_a_form_error(self, as_staff_a, county, monkeypatch, size):
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
        upload = SimpleUploadedFile("bomb.png", picture("PNG", size=size))
        response = as_staff_a.post(url("activity-new"), {**activity_form(county["a"]), "evidence": [upload]})
        assert response.status_code == 200
        assert "bomb.png has more than" in " ".join(response.context["form"].errors["evidence"])
        assert not Evidence.objects.exists()

    def test_a_pdf_is_downloaded_as_an_attachment_and_left_as_sent(self, client, county, staff_a):
        activity = make_activity(county["a"], staff_a)
        pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        client.force_login(staff_a)
        client.post(
            url("activity-edit", activity.pk),
            {
                **activity_form(county["a"], title=activity.title, version=activity.version),
                "evidence": [SimpleUploadedFile("签到表.pdf", pdf)],
            },
        )
        response = client.get(Evidence.objects.get().get_absolute_url())
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content) == pdf


def count_queries(client, path):
    client.get(path)  # settles the once-a-minute session refresh
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("actor", ["staff_a", "reviewer", "administrator"])
def test_staff_pages_run_a_fixed_number_of_queries(client, county, staff_a, reviewer, administrator, actor):
    client.force_login({"staff_a": staff_a, "reviewer": reviewer, "administrator": administrator}[actor])
    for number in range(3):
        make_activity(county["a"], staff_a, title=f"A {number}", status="submitted", figures={"participants": 5})
    activity = Activity.objects.first()
    pages = [
        url("activity-list"),
        url("activity-list") + "?status=submitted&unit=station-a&activity_type=street_booth",
        url("campaign-list"),
        url("activity-detail", activity.pk),
        url("activity-new"),
    ]
    if actor != "staff_a":
        pages.append(url("review"))
    small = [count_queries(client, page) for page in pages]
    for number in range(80):
        make_activity(county["school_a"], staff_a, title=f"B {number}", status="submitted", figures={"materials": 3})
    large = [count_queries(client, page) for page in pages]
    assert small == large
    # Ten for the page, plus one for the navigation's counts of the user's own work, plus one
    # for the material used (the detail page's list, the form's choices), plus one for the
    # questions of the paper quiz sheet (the form's tally), and one on the form for the
    # campaigns running for the unit (asked for in its first section).
    assert max(large) <= 14, dict(zip(pages, large, strict=True))


class TestBoundaries:
    def test_a_campaign_of_another_unit_is_neither_offered_nor_accepted(self, as_staff_a, county):
        foreign = Campaign.objects.create(
            name_zh="西城专项",
            name_en="West drive",
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
            lead_unit=county["b"],
        )
        page = as_staff_a.get(url("activity-new")).content.decode()
        assert "West drive" not in page and "西城专项" not in page
        response = as_staff_a.post(url("activity-new"), activity_form(county["a"], campaign=foreign.pk))
        assert "campaign" in response.context["form"].errors
        assert not Activity.objects.exists()

    def test_a_future_end_date_is_refused(self, as_staff_a, county):
        response = as_staff_a.post(url("activity-new"), activity_form(county["a"], end_date="2999-01-01"))
        assert "The date cannot be in the future." in response.context["form"].errors["end_date"]

    def test_moving_an_activity_onto_a_taken_reference_is_a_form_error(self, client, county, staff_a):
        make_activity(county["school_a"], staff_a, ref="001")
        moving = make_activity(county["a"], staff_a, ref="001")
        client.force_login(staff_a)
        form = activity_form(county["school_a"], title=moving.title, version=moving.version)
        response = client.post(url("activity-edit", moving.pk), form)
        assert response.status_code == 200
        assert "already has an activity with reference 001" in response.content.decode()

    def test_a_reviewer_who_edited_cannot_approve_even_after_someone_else_edits(
        self, client, county, staff_a, reviewer
    ):
        activity = make_activity(county["a"], staff_a, figures={"participants": 10})
        client.force_login(reviewer)
        client.post(
            url("activity-edit", activity.pk),
            activity_form(county["a"], title=activity.title, figure_participants="99999", version=1),
        )
        client.force_login(staff_a)
        client.post(
            url("activity-edit", activity.pk),
            activity_form(county["a"], title="Touched", figure_participants="99999", version=2),
        )
        client.post(url("activity-submit", activity.pk))
        client.force_login(reviewer)
        assert client.post(url("activity-approve", activity.pk)).status_code == 403
        activity.refresh_from_db()
        assert activity.status == Activity.Status.SUBMITTED

    def test_removing_evidence_counts_as_an_edit(
        self, client, county, staff_a, media_root, django_capture_on_commit_callbacks
    ):
        activity = make_activity(county["a"], staff_a)
        client.force_login(staff_a)
        client.post(
            url("activity-edit", activity.pk),
            {
                **activity_form(county["a"], title=activity.title, version=1),
                "evidence": [SimpleUploadedFile("a.png", PNG)],
            },
        )
        evidence = Evidence.objects.get()
        stored = media_root / evidence.file.name
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url("evidence-delete", activity.pk, evidence.pk)).status_code == 302
        assert not stored.exists()
        activity.refresh_from_db()
        assert activity.version == 3
        stale = client.post(url("activity-edit", activity.pk), activity_form(county["a"], title="Stale", version=2))
        assert "Your changes were not saved" in stale.content.decode()
