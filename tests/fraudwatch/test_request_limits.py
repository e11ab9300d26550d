"""Request bodies are bounded before they are read: a request over the ceiling is
refused from its Content-Length, so none of it reaches the disk."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from campaigns.models import Activity, Evidence, Material, MaterialKind
from tests.campaigns.test_activity_edit import activity_form
from tests.campaigns.test_material_upload import form_data as material_upload_form

MB = 1024 * 1024


def new_activity_url():
    with translation.override("en"):
        return reverse("campaigns:activity-new")


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return settings.FILE_UPLOAD_TEMP_DIR


@pytest.fixture
def spooled(monkeypatch):
    """The names of the files Django spools to FILE_UPLOAD_TEMP_DIR during the test.
    (They are deleted when the request ends, so an empty folder afterwards proves nothing.)"""
    names = []
    original = TemporaryUploadedFile.__init__

    def spy(self, name, *args, **kwargs):
        names.append(name)
        original(self, name, *args, **kwargs)

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", spy)
    return names


def test_a_50_mb_upload_is_refused_before_anything_is_written(client, county, staff_a, upload_dir, spooled, media_root):
    client.force_login(staff_a)
    huge = SimpleUploadedFile("huge.pdf", b"%PDF-1.7" + b"0" * (50 * MB))
    response = client.post(new_activity_url(), {**activity_form(county["a"]), "evidence": [huge]})
    assert response.status_code == 413
    page = response.content.decode()
    assert "The upload is too large" in page and "上传内容过大" in page
    assert "at most 25 MB" in page
    assert spooled == []
    assert list(upload_dir.iterdir()) == []
    assert not media_root.exists() or list(media_root.rglob("*")) == []
    assert not Activity.objects.exists()
    assert not Evidence.objects.exists()


def test_an_upload_under_the_ceiling_reaches_the_form_which_judges_each_file(
    client, county, staff_a, upload_dir, spooled
):
    client.force_login(staff_a)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.7" + b"0" * (12 * MB))
    response = client.post(new_activity_url(), {**activity_form(county["a"]), "evidence": [big]})
    assert response.status_code == 200
    assert "big.pdf is larger than 10 MB." in response.context["form"].errors["evidence"]
    assert spooled == ["big.pdf"]  # this one was read, to a temporary file
    assert not Evidence.objects.exists()


def test_too_many_files_in_one_request_are_refused(client, county, staff_a):
    client.force_login(staff_a)
    count = settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1
    files = [SimpleUploadedFile(f"{number}.pdf", b"%PDF-1.7") for number in range(count)]
    response = client.post(new_activity_url(), {**activity_form(county["a"]), "evidence": files})
    assert response.status_code == 413
    assert not Activity.objects.exists()


def test_eleven_files_are_a_form_error_not_a_refused_request(client, county, staff_a):
    client.force_login(staff_a)
    files = [SimpleUploadedFile(f"{number}.pdf", b"%PDF-1.7") for number in range(11)]
    response = client.post(new_activity_url(), {**activity_form(county["a"]), "evidence": files})
    assert response.status_code == 200
    assert "Attach at most 10 files at a time." in response.context["form"].errors["evidence"]


def test_form_fields_over_their_limit_are_refused(client, county, staff_a):
    client.force_login(staff_a)
    response = client.post(new_activity_url(), {**activity_form(county["a"]), "notes": "x" * (2 * MB)})
    assert response.status_code == 413
    assert not Activity.objects.exists()


def material_form(county):
    return {key: value for key, value in material_upload_form(county, None).items() if key != "files"}


def material_upload_url():
    with translation.override("en"):
        return reverse("campaigns:material-new")


def test_a_video_over_the_general_ceiling_is_taken_by_the_material_upload(client, county, staff_a, spooled):
    """Videos may be 200 MB: the material upload has its own ceiling (201 MB), so a body
    just over the general 25 MB reaches the form, which stores the video."""
    client.force_login(staff_a)
    video = SimpleUploadedFile("talk.mp4", b"\0\0\0\x18ftypmp42" + b"\0" * (26 * MB), content_type="video/mp4")
    data = {**material_form(county), "kind": MaterialKind.objects.get(code="video").pk, "files": video}
    response = client.post(material_upload_url(), data)
    assert response.status_code == 302
    assert spooled == ["talk.mp4"]
    assert Material.objects.get().files.get().size == 26 * MB + 12


def test_the_material_upload_ceiling_is_its_own_and_only_its_own(county, staff_a):
    """A declared length decides before anything is read, so no large body need be sent:
    over 201 MB is refused at the material upload; 30 MB is refused anywhere else. The
    CSRF check is enforced, as for a browser: it is the first to read the body."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_a)
    client.get(material_upload_url())  # the form, and with it the CSRF cookie
    token = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    small = {**material_form(county), **token, "files": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")}
    over = client.post(material_upload_url(), small, CONTENT_LENGTH=str(202 * MB))
    assert over.status_code == 413
    assert "at most 201 MB" in over.content.decode()
    assert "Each file may be up to" not in over.content.decode()  # the form states each kind's limit
    elsewhere = client.post(new_activity_url(), {**activity_form(county["a"]), **token}, CONTENT_LENGTH=str(30 * MB))
    assert elsewhere.status_code == 413
    assert "at most 25 MB" in elsewhere.content.decode()
    assert not Material.objects.exists() and not Activity.objects.exists()


def test_the_material_ceiling_holds_the_largest_file_the_library_takes(settings):
    from campaigns.materials import files

    largest = max(files.MAX_BYTES.values())
    assert largest < settings.MATERIAL_UPLOAD_MAX_REQUEST_BYTES
    assert (
        settings.MATERIAL_UPLOAD_MAX_REQUEST_BYTES - largest >= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )  # the other fields
