"""Monthly case figures: the import (file, command and page), and units' populations."""

import datetime
import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from campaigns.importing.cases import import_cases
from campaigns.importing.units import UnitImportError, import_units
from campaigns.models import CaseStat, OrgUnit
from tests.conftest import PINNED_NOW, make_user

HEADER = "month,org_unit,scam_type,cases,losses"
LAST_MONTH = (PINNED_NOW.date().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
NEXT_MONTH = (PINNED_NOW.date().replace(day=28) + datetime.timedelta(days=5)).replace(day=1)


def csv_bytes(*lines, encoding="utf-8"):
    return "\r\n".join([HEADER, *lines]).encode(encoding)


def figures():
    return {
        (stat.month.isoformat(), stat.unit.code, stat.scam_type.slug): (stat.cases, stat.losses)
        for stat in CaseStat.objects.select_related("unit", "scam_type")
    }


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def scams(catalogue):
    return catalogue


def test_known_figures_are_written_as_given(reviewer, scams):
    report = import_cases(
        csv_bytes(
            '2026-03,station-a,order-brushing,4,"120,000"',
            "2026-03,school-b,game-trading,1,800",
            "2026-04,station-a,order-brushing,0,0",
        ),
        "cases.csv",
        reviewer,
    )
    assert report.ok, report.errors
    assert (report.rows, report.created, report.replaced) == (3, 3, 0)
    assert figures() == {
        ("2026-03-01", "station-a", "order-brushing"): (4, 120000),
        ("2026-03-01", "school-b", "game-trading"): (1, 800),
        ("2026-04-01", "station-a", "order-brushing"): (0, 0),
    }
    assert CaseStat.objects.filter(imported_by=reviewer).count() == 3


def test_a_file_with_bad_rows_writes_nothing_and_names_each_row_and_column(reviewer, scams):
    report = import_cases(
        csv_bytes(
            "2026-03,station-a,order-brushing,4,1000",  # good
            "2026-13,station-a,order-brushing,1,1",  # no such month
            "2026-03,nowhere,order-brushing,1,1",  # unknown unit
            "2026-03,station-a,no-such-scam,1,1",  # unknown type
            "2026-03,station-b,tax-refund,-2,1",  # negative
            "2026-03,station-b,fake-kidnapping,1,12.5",  # not whole yuan
            f"{NEXT_MONTH:%Y-%m},station-b,tax-refund,1,1",  # future
            "2026-03,station-a,order-brushing,2,2",  # repeats row 2
            ",station-b,,,",  # everything missing
        ),
        "cases.csv",
        reviewer,
    )
    assert not report.ok
    named = {(error.row, error.column) for error in report.errors}
    assert named == {
        (3, "month"),
        (4, "org_unit"),
        (5, "scam_type"),
        (6, "cases"),
        (7, "losses"),
        (8, "month"),
        (9, ""),
        (10, "month"),
        (10, "scam_type"),
        (10, "cases"),
        (10, "losses"),
    }
    messages = {(error.row, error.column): error.message for error in report.errors}
    assert messages[(3, "month")] == "'2026-13' is not a month; write YYYY-MM"
    assert messages[(6, "cases")] == "-2 is negative"
    assert messages[(7, "losses")] == "12.5 is not a whole number"
    assert messages[(9, "")] == "same month, unit and scam type as row 2"
    assert str(report.errors[0]).startswith("row 3, month:")
    assert not CaseStat.objects.exists()


def test_reimporting_the_same_month_unit_and_type_replaces_rather_than_adds(reviewer, scams):
    assert import_cases(csv_bytes("2026-03,station-a,order-brushing,4,1000"), "a.csv", reviewer).ok
    report = import_cases(
        csv_bytes("2026-03,station-a,order-brushing,6,1500", "2026-03,station-a,tax-refund,1,10"), "b.csv", reviewer
    )
    assert report.ok and (report.created, report.replaced) == (1, 1)
    assert figures() == {
        ("2026-03-01", "station-a", "order-brushing"): (6, 1500),
        ("2026-03-01", "station-a", "tax-refund"): (1, 10),
    }


def test_gbk_csv_and_xlsx_with_a_date_cell_for_the_month_are_read(reviewer, scams):
    gbk = "\r\n".join(["month,org_unit,scam_type,cases,losses", "2026年3月,station-a,game-trading,2,300"])
    assert import_cases(gbk.encode("gbk"), "cases.csv", reviewer).ok

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append([datetime.datetime(2026, 4, 1), "station-a", "game-trading", 5, 700.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_cases(buffer.getvalue(), "cases.xlsx", reviewer).ok
    assert figures() == {
        ("2026-03-01", "station-a", "game-trading"): (2, 300),
        ("2026-04-01", "station-a", "game-trading"): (5, 700),
    }


def test_dry_run_counts_what_it_would_write_and_writes_nothing(reviewer, scams):
    import_cases(csv_bytes("2026-03,station-a,order-brushing,4,1000"), "a.csv", reviewer)
    report = import_cases(
        csv_bytes("2026-03,station-a,order-brushing,9,9", "2026-04,station-a,order-brushing,1,1"),
        "b.csv",
        reviewer,
        dry_run=True,
    )
    assert report.ok and (report.created, report.replaced) == (1, 1)
    assert figures() == {("2026-03-01", "station-a", "order-brushing"): (4, 1000)}


def test_units_outside_the_reviewers_subtree_read_as_unknown(county, scams):
    reviewer_a = make_user("reviewer_a", (county["a"], "reviewer"))
    report = import_cases(csv_bytes("2026-03,station-b,order-brushing,1,1"), "a.csv", reviewer_a)
    assert [str(error) for error in report.errors] == [
        "row 2, org_unit: unknown unit 'station-b', or not one you review"
    ]
    assert not CaseStat.objects.exists()


def test_wrong_or_missing_columns_are_named(reviewer, scams):
    report = import_cases(b"month,org_unit,scam,cases\r\n2026-03,station-a,order-brushing,1", "a.csv", reviewer)
    assert {(error.row, error.column) for error in report.errors} == {(1, "scam"), (1, "scam_type"), (1, "losses")}


def test_command_imports_and_lists_every_problem(reviewer, staff_a, scams, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes("2026-03,station-a,order-brushing,4,1000"))
    bad.write_bytes(csv_bytes("2026-03,station-a,order-brushing,x,1", "2026-03,nowhere,order-brushing,1,1"))

    out = StringIO()
    call_command("import_cases", str(good), user="reviewer", dry_run=True, stdout=out)
    assert "1 rows: 1 would be added and 0 would be replaced; dry run" in out.getvalue()
    assert not CaseStat.objects.exists()
    call_command("import_cases", str(good), user="reviewer", stdout=StringIO())
    assert figures() == {("2026-03-01", "station-a", "order-brushing"): (4, 1000)}

    stderr = StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_cases", str(bad), user="reviewer", stdout=StringIO(), stderr=stderr)
    assert "row 2, cases: 'x' is not a number" in stderr.getvalue()
    assert "row 3, org_unit: unknown unit 'nowhere'" in stderr.getvalue()
    with pytest.raises(CommandError, match="neither a reviewer nor an administrator"):
        call_command("import_cases", str(good), user="staff_a", stdout=StringIO())


# The upload page: anonymous → sign-in, staff → 403, reviewer and administrator → 200/302.


def page():
    with translation.override("en"):
        return reverse("campaigns:import-cases")


def upload(client, data, dry_run=False):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = {"file": SimpleUploadedFile("cases.csv", data, content_type="text/csv")}
    if dry_run:
        form["dry_run"] = "on"
    return client.post(page(), form)


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(page())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_staff_get_403_and_write_nothing(client, staff_a, scams):
    client.force_login(staff_a)
    assert client.get(page()).status_code == 403
    assert upload(client, csv_bytes("2026-03,station-a,order-brushing,4,1000")).status_code == 403
    assert not CaseStat.objects.exists()


def test_a_reviewer_uploads_and_is_told_what_was_done(client, reviewer, scams):
    client.force_login(reviewer)
    response = client.get(page())
    assert "month,org_unit,scam_type,cases,losses" in response.content.decode()

    checked = upload(client, csv_bytes("2026-03,station-a,order-brushing,4,1000"), dry_run=True)
    assert "1 rows checked: no problems. Importing them adds 1 and replaces 0." in checked.content.decode()
    assert not CaseStat.objects.exists()

    response = upload(client, csv_bytes("2026-03,station-a,order-brushing,4,1000"))
    assert response.status_code == 302
    assert "1 added, 0 replaced" in client.get(response["Location"]).content.decode()
    assert figures() == {("2026-03-01", "station-a", "order-brushing"): (4, 1000)}


def test_a_reviewer_of_another_subtree_learns_nothing_about_its_units(client, county, scams):
    client.force_login(make_user("reviewer_b", (county["b"], "reviewer")))
    response = upload(client, csv_bytes("2026-03,station-a,order-brushing,4,1000"))
    assert response.status_code == 200
    assert "unknown unit &#x27;station-a&#x27;, or not one you review" in response.content.decode()
    assert not CaseStat.objects.exists()


def test_an_administrator_uploads_for_any_unit(client, administrator, county, scams):
    client.force_login(administrator)
    assert upload(client, csv_bytes(f"{LAST_MONTH:%Y-%m},school-b,tax-refund,2,50")).status_code == 302
    assert CaseStat.objects.get().unit == county["school_b"]


def test_the_activity_import_page_links_reviewers_to_it(client, reviewer, staff_a):
    with translation.override("en"):
        activity_import = reverse("campaigns:import")
    client.force_login(reviewer)
    assert page() in client.get(activity_import).content.decode()
    client.force_login(staff_a)
    assert page() not in client.get(activity_import).content.decode()


# Populations in the unit import.


def test_five_column_unit_files_keep_working_and_leave_population_alone(county):
    OrgUnit.objects.filter(code="station-a").update(population=52000)
    import_units("code,name_zh,name_en,kind,parent_code\nstation-a,东城所,East,police_station,county\n".encode())
    assert OrgUnit.objects.get(code="station-a").population == 52000
    assert OrgUnit.objects.get(code="station-a").name_zh == "东城所"


def test_a_sixth_column_sets_population(county):
    data = (
        "code,name_zh,name_en,kind,parent_code,population\n"
        'station-a,东城派出所,East,police_station,county,"52,000"\n'
        "station-b,西城派出所,West,police_station,county,\n"
    )
    OrgUnit.objects.filter(code="station-b").update(population=1)
    import_units(data.encode())
    assert dict(OrgUnit.objects.filter(code__startswith="station").values_list("code", "population")) == {
        "station-a": 52000,
        "station-b": None,
    }


@pytest.mark.parametrize("value", ["-5", "many", "0", "1.5"])
def test_a_bad_population_is_refused_with_its_row(county, value):
    header = "code,name_zh,name_en,kind,parent_code,population"
    data = f"{header}\nstation-a,东城派出所,East,police_station,county,{value}\n"
    with pytest.raises(UnitImportError) as refused:
        import_units(data.encode())
    assert refused.value.problems[0].startswith("row 2, population:")
    assert OrgUnit.objects.get(code="station-a").population is None
