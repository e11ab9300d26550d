"""Request bodies are bounded before they are read: a request over the ceiling is
refused from its Content-Length, so none of it reaches the disk."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse
from django.utils import translation

from campaigns.models import Activity, Evidence
from tests.campaigns.test_activity_edit import activity_form

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
