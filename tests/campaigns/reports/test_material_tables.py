"""The report's material tables: material used by the counted activities of the report's
scope and period, and material downloads in the period (site-wide)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import MaterialDownload
from campaigns.reports import summary
from tests.conftest import make_activity, make_material

OCTOBER = {"start": datetime.date(2026, 10, 1), "end": datetime.date(2026, 10, 31)}


@pytest.fixture
def used(county, staff_a, staff_b):
    """Poster one is used by two counted activities under station A and one under station
    B; slides by one under A. Drafts, returned and out-of-period work do not count."""
    poster = make_material(slug="poster-one", title_en="Poster one")
    slides = make_material(slug="slides-one", title_en="Slides one", kind="slides")
    idle = make_material(slug="never-used", title_en="Never used")
    counted = [
        (make_activity(county["school_a"], staff_a, status="approved"), [poster, slides]),
        (make_activity(county["a"], staff_a, status="approved", date=datetime.date(2026, 10, 31)), [poster]),
        (make_activity(county["b"], staff_b, status="approved"), [poster]),
        (make_activity(county["a"], staff_a, status="draft"), [poster, slides, idle]),
        (make_activity(county["a"], staff_a, status="returned"), [slides]),
        (make_activity(county["a"], staff_a, status="submitted"), [slides]),
        (make_activity(county["a"], staff_a, status="approved", date=datetime.date(2026, 9, 30)), [slides, idle]),
        (make_activity(county["a"], staff_a, status="approved", date=datetime.date(2026, 11, 1)), [idle]),
    ]
    for activity, materials in counted:
        activity.materials.set(materials)
    return {"poster": poster, "slides": slides, "idle": idle}


def table(report, section):
    return [(row.key, row.value) for row in report.materials[section]]


def test_approved_activities_in_the_unit_and_period_count_largest_first(county, used):
    report = summary.build(summary.ReportFilters(unit=county["a"], **OCTOBER))

    assert table(report, "material_used") == [("poster-one", 2), ("slides-one", 1)]


def test_the_whole_organisation_counts_every_unit(county, used):
    report = summary.build(summary.ReportFilters(**OCTOBER))

    assert table(report, "material_used") == [("poster-one", 3), ("slides-one", 1)]


def test_another_units_activities_do_not_count_for_a_unit(county, used):
    report = summary.build(summary.ReportFilters(unit=county["b"], **OCTOBER))

    assert table(report, "material_used") == [("poster-one", 1)]


def test_submitted_activities_count_when_asked_for(county, used):
    report = summary.build(summary.ReportFilters(unit=county["a"], include_submitted=True, **OCTOBER))

    assert table(report, "material_used") == [("poster-one", 2), ("slides-one", 2)]


def test_the_campaign_and_type_filters_apply(county, used, staff_a):
    from campaigns.models import ActivityType

    class_meeting = ActivityType.objects.get(code="class_meeting")
    make_activity(county["a"], staff_a, status="approved", activity_type=class_meeting).materials.set([used["idle"]])

    report = summary.build(summary.ReportFilters(unit=county["a"], activity_type=class_meeting, **OCTOBER))

    assert table(report, "material_used") == [("never-used", 1)]


@pytest.fixture
def downloads(used):
    for material, day, count in [
        (used["slides"], datetime.date(2026, 10, 1), 3),
        (used["slides"], datetime.date(2026, 10, 31), 2),
        (used["poster"], datetime.date(2026, 10, 15), 4),
        (used["poster"], datetime.date(2026, 9, 30), 100),
        (used["idle"], datetime.date(2026, 11, 1), 100),
    ]:
        MaterialDownload.objects.create(material=material, day=day, count=count)
    return used


def test_downloads_in_the_period_are_counted_whatever_the_unit(county, downloads):
    for unit in (county["a"], county["b"], None):
        report = summary.build(summary.ReportFilters(unit=unit, **OCTOBER))
        assert table(report, "material_downloads") == [("slides-one", 5), ("poster-one", 4)]


@pytest.mark.parametrize("many", [False, True])
def test_the_material_tables_cost_two_queries_whatever_the_data(
    county, staff_a, downloads, many, django_assert_num_queries
):
    if many:
        for number in range(30):
            material = make_material(slug=f"extra-{number}")
            MaterialDownload.objects.create(material=material, day=datetime.date(2026, 10, 2), count=number + 1)
            activity = make_activity(county["school_a"], staff_a, status="approved")
            activity.materials.set([material, downloads["poster"]])
    filters = summary.ReportFilters(unit=county["a"], **OCTOBER)

    with django_assert_num_queries(2):
        tables = summary.material_tables(filters)

    assert len(tables["material_used"]) == (32 if many else 2)
    assert tables["material_used"][0].value == (32 if many else 2)


def report_url(name):
    with translation.override("en"):
        return reverse(f"reports:{name}")


PERIOD = {"date_from": "2026-10-01", "date_to": "2026-10-31"}


def test_the_page_shows_both_tables_and_says_downloads_are_not_the_units(client, county, staff_a, downloads):
    client.force_login(staff_a)

    html = client.get(report_url("report"), PERIOD).content.decode()

    assert '<h2 id="section-material_used" class="h4">Material used</h2>' in html
    assert '<h2 id="section-material_downloads" class="h4">Material downloads</h2>' in html
    assert "not limited to the unit chosen for the report" in html
    used_table = html.split('id="section-material_used"')[1].split("</section>")[0]
    assert '<th scope="row" class="fw-normal">Poster one</th><td class="text-end">2</td>' in used_table
    downloads_table = html.split('id="section-material_downloads"')[1].split("</section>")[0]
    assert '<th scope="row" class="fw-normal">Slides one</th><td class="text-end">5</td>' in downloads_table


def test_the_csv_has_material_sections(client, county, staff_a, downloads):
    client.force_login(staff_a)

    response = client.get(report_url("export"), {**PERIOD, "format": "csv"})

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "material_used,poster-one,activities,2,Poster one,Number of activities" in body
    assert "material_used,slides-one,activities,1,Slides one,Number of activities" in body
    assert "material_downloads,slides-one,downloads,5,Slides one,Downloads" in body
    assert "material_downloads,poster-one,downloads,4,Poster one,Downloads" in body
    assert "never-used" not in body


def test_the_workbook_and_the_word_file_have_the_tables(client, county, staff_a, downloads):
    import openpyxl
    from docx import Document

    client.force_login(staff_a)

    xlsx = client.get(report_url("export"), {**PERIOD, "format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    sheet = book["Material used"]
    assert ["Poster one", 2] in [list(row) for row in sheet.iter_rows(values_only=True)]
    assert ["Slides one", 5] in [list(row) for row in book["Material downloads"].iter_rows(values_only=True)]
    codes = [row[:3] for row in book["Codes"].iter_rows(values_only=True)]
    assert ("Material", "Poster one", "poster-one") in codes and ("Material", "Slides one", "slides-one") in codes

    word = client.get(report_url("export"), {**PERIOD, "format": "docx"})
    document = Document(io.BytesIO(b"".join(word.streaming_content)))
    headings = [paragraph.text for paragraph in document.paragraphs]
    assert "Material used" in headings and "Material downloads" in headings
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Poster one", "2"] in cells
