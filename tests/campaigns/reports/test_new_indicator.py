"""An indicator an administrator adds in the admin is counted everywhere the default
ones are: the activity form, the narrative, every export, the import template and, when
marked public, the home page. Nothing in the code knows the default codes."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from pypdf import PdfReader

from campaigns.models import Activity, Indicator
from tests.campaigns.test_activity_edit import activity_form

NEW = {
    "code": "short_videos",
    "name_zh": "发布反诈短视频",
    "name_en": "Anti-fraud short videos",
    "unit_zh": "条",
    "unit_en": "videos",
    "position": "50",
    "active": "on",
    "public": "on",
    "description_zh": "在短视频平台发布的反诈视频。",
    "description_en": "Anti-fraud videos published on short-video platforms.",
    "narrative_zh": "",  # left empty: the summary words it from its name and unit
    "narrative_en": "",
}
VALUE = 4321  # written 4,321 wherever digits are grouped


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def counted(client, county, staff_a, reviewer, administrator):
    """The indicator added through the admin, and an activity logged, submitted and
    approved through the staff pages with a figure for it."""
    client.force_login(administrator)
    response = client.post(reverse("admin:campaigns_indicator_add"), NEW)
    assert response.status_code == 302, response.context["adminform"].form.errors
    indicator = Indicator.objects.get(code="short_videos")
    assert indicator.public and indicator.active

    client.force_login(staff_a)
    form = activity_form(county["a"], date=timezone.localdate().isoformat(), figure_short_videos=str(VALUE))
    assert client.post(url("campaigns:activity-new"), form).status_code == 302
    activity = Activity.objects.get()
    client.post(url("campaigns:activity-submit", activity.pk))
    client.force_login(reviewer)
    client.post(url("campaigns:activity-approve", activity.pk))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.APPROVED
    assert activity.figures.get(indicator=indicator).value == VALUE
    return indicator


def get_export(client, file_format, language):
    with translation.override(language):
        path = reverse("reports:export")
    response = client.get(path, {"preset": "this_year", "format": file_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_narrative_mentions_it_in_both_languages(client, counted):
    phrases = {"en": "“Anti-fraud short videos” came to 4,321 videos", "zh-hans": "发布反诈短视频4,321条"}
    for language, phrase in phrases.items():
        with translation.override(language):
            response = client.get(reverse("reports:report"), {"preset": "this_year"})
        assert phrase in " ".join(response.context["paragraphs"])
        assert phrase in response.content.decode()


def test_the_csv_has_its_code_name_and_value(client, counted):
    rows = list(csv.reader(io.StringIO(get_export(client, "csv", "en").decode("utf-8-sig"))))
    assert ["total", "", "short_videos", str(VALUE), "", "Anti-fraud short videos"] in rows
    assert ["org_unit", "station-a", "short_videos", str(VALUE), "East Town Station", "Anti-fraud short videos"] in rows


def test_the_xlsx_has_its_name_and_value(client, counted):
    workbook = openpyxl.load_workbook(io.BytesIO(get_export(client, "xlsx", "en")))
    total = {row[0]: row[1] for row in workbook["Total"].iter_rows(min_row=3, values_only=True)}
    assert total["Anti-fraud short videos"] == VALUE
    _title, header, *body = workbook["By month"].iter_rows(values_only=True)
    column = header.index("Anti-fraud short videos")
    assert [row[column] for row in body] == [VALUE]
    definitions = [row[:2] for row in workbook["Definitions"].iter_rows(values_only=True)]
    assert ("Anti-fraud short videos", "videos") in definitions
    codes = [row[:4] for row in workbook["Codes"].iter_rows(values_only=True)]
    assert ("Indicator", "Anti-fraud short videos", "short_videos", "short_videos") in codes


def test_the_docx_has_its_name_and_value_in_the_narrative_and_the_totals(client, counted):
    document = Document(io.BytesIO(get_export(client, "docx", "zh-hans")))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "发布反诈短视频4,321条" in text
    totals = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert ["发布反诈短视频 (条)", "4,321", "0"] in totals  # with last year's figure beside it


def test_the_pdf_has_its_name_and_value(client, counted):
    reader = PdfReader(io.BytesIO(get_export(client, "pdf", "en")))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Anti-fraud short videos" in text
    assert "4,321" in text


def test_the_home_page_shows_it_while_it_is_public(client, counted, administrator, django_capture_on_commit_callbacks):
    with translation.override("en"):
        home = reverse("home")
    client.logout()
    page = client.get(home).content.decode()
    assert "Anti-fraud short videos" in page and "4,321" in page

    client.force_login(administrator)
    change = reverse("admin:campaigns_indicator_change", args=[counted.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change, {**NEW, "public": ""}).status_code == 302
    client.logout()
    page = client.get(home).content.decode()  # the cached page was retired by the edit
    assert "Anti-fraud short videos" not in page and "4,321" not in page


def test_the_import_template_has_a_column_for_it(client, counted):
    response = client.get(url("campaigns:import-template", "csv"))
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "short_videos" in header


def test_the_summary_uses_the_wording_an_administrator_gives_it(client, counted, administrator):
    client.force_login(administrator)
    change = reverse("admin:campaigns_indicator_change", args=[counted.pk])
    wording = {"narrative_zh": "发布反诈短视频{n}条", "narrative_en": "{n} short anti-fraud videos were posted"}
    assert client.post(change, {**NEW, **wording}).status_code == 302
    with translation.override("en"):
        response = client.get(reverse("reports:report"), {"preset": "this_year"})
    assert "4,321 short anti-fraud videos were posted" in " ".join(response.context["paragraphs"])


def test_wording_without_a_place_for_the_number_is_refused(client, administrator, db):
    client.force_login(administrator)
    response = client.post(reverse("admin:campaigns_indicator_add"), {**NEW, "narrative_en": "Many videos"})
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["narrative_en"]
    assert not Indicator.objects.filter(code="short_videos").exists()
