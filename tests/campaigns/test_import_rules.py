"""What an import may hold and who may make it: units within the importer's subtree,
the approved status for administrators only, known columns, whole non-negative figures,
active codes and campaigns by their exact name (the file helpers are in test_import)."""

import datetime

import pytest
from django.utils import translation

from campaigns import importing
from campaigns.importing import import_activities
from campaigns.models import Activity, ActivityEvent, ActivityType, AudienceGroup, Campaign, Figure, Indicator
from tests.campaigns.test_import import DAY, HEADER, csv_file, problems, row
from tests.conftest import make_activity, make_user


@pytest.fixture(autouse=True)
def english():
    # The messages are asserted in English whatever the catalogue later translates.
    with translation.override("en"):
        yield


@pytest.fixture
def campaign(county):
    return Campaign.objects.create(
        name_zh="全民反诈在行动",
        name_en="Everyone Against Fraud",
        start=DAY - datetime.timedelta(days=60),
        end=DAY + datetime.timedelta(days=60),
        lead_unit=county["bureau"],
    )


def test_unit_outside_the_importers_subtree_is_an_error(staff_a, staff_b):
    data = csv_file([row(org_unit="station-b", title="越权导入")])

    report = import_activities(data, "b.csv", staff_a)

    assert [(error.row, error.column) for error in report.errors] == [(2, "org_unit")]
    assert "station-b" in report.errors[0].message
    assert not Activity.objects.exists()
    assert import_activities(data, "b.csv", staff_b).created == 1


def test_user_without_any_role_cannot_import(county):
    nobody = make_user("nobody")

    report = import_activities(csv_file([row()]), "x.csv", nobody)

    assert problems(report) == {(2, "org_unit")}


def test_administrator_may_import_into_any_unit(administrator, county):
    data = csv_file([row(org_unit="station-b"), row(org_unit="county", title="全局活动")])

    report = import_activities(data, "all.csv", administrator, status="approved")

    assert report.ok, report.errors
    assert set(Activity.objects.values_list("status", flat=True)) == {"approved"}


def test_approved_import_is_recorded_as_imported_as_approved_by_the_administrator(administrator, county):
    report = import_activities(csv_file([row(ref="OLD-2019")]), "2019.csv", administrator, status="approved")

    assert report.ok, report.errors
    activity = Activity.objects.get()
    assert (activity.status, activity.reviewed_by, activity.created_by) == ("approved", administrator, administrator)
    assert activity.reviewed_at is not None
    [event] = activity.events.all()
    assert (event.action, event.actor, event.reason) == ("imported", administrator, "import: 2019.csv")
    assert event.changes == [{"field": "status", "old": "", "new": "approved"}]
    assert event.imported_as_approved


@pytest.mark.parametrize("importer", ["staff_a", "reviewer"])
def test_only_an_administrator_may_import_as_approved(db, request, importer):
    user = request.getfixturevalue(importer)
    data = csv_file([row(title="一"), row(title="二", org_unit="school-a")])

    report = import_activities(data, "a.csv", user, status="approved")

    assert [(error.row, error.column) for error in report.errors] == [(0, "")]
    assert "only an administrator may import activities as approved" in report.errors[0].message
    assert not Activity.objects.exists()
    # The same file as drafts is fine: only the status was refused.
    assert import_activities(data, "a.csv", user).created == 2


def test_submitted_status_is_allowed_for_staff(staff_a):
    report = import_activities(csv_file([row()]), "a.csv", staff_a, status="submitted")

    assert report.ok, report.errors
    assert Activity.objects.get().status == "submitted"


def test_unknown_header_column_is_an_error_and_the_rows_are_still_checked(staff_a):
    data = csv_file([row(), row(title="二", org_unit="nowhere")], header=[*HEADER, "colour"])

    report = import_activities(data, "a.csv", staff_a)

    assert [(error.row, error.column) for error in report.errors] == [(1, "colour"), (3, "org_unit")]
    assert "unknown column 'colour'" in report.errors[0].message
    assert not Activity.objects.exists()


def test_missing_required_column_is_an_error_but_optional_columns_may_be_left_out(staff_a):
    minimal = ["date", "org_unit", "activity_type", "title"]
    assert import_activities(csv_file([row()], header=minimal), "a.csv", staff_a).created == 1

    report = import_activities(csv_file([row()], header=["date", "org_unit", "title"]), "b.csv", staff_a)

    assert problems(report) == {(1, "activity_type")}


def test_indicator_added_by_an_administrator_is_a_column_and_a_retired_one_is_refused(staff_a):
    Indicator.objects.create(
        code="hotline_calls", name_zh="热线来电", name_en="Hotline calls", unit_zh="次", unit_en="calls"
    )
    Indicator.objects.filter(code="receipts").update(active=False)
    header = ["date", "org_unit", "activity_type", "title", "hotline_calls"]
    assert import_activities(csv_file([row(hotline_calls="9")], header=header), "a.csv", staff_a).ok
    assert Figure.objects.get().indicator.code == "hotline_calls"

    report = import_activities(csv_file([row(title="新")], header=[*header, "receipts"]), "b.csv", staff_a)

    assert problems(report) == {(1, "receipts")}


@pytest.mark.parametrize(("cell", "value"), [("1,200", 1200), (" 7 ", 7), ("\uff10", 0), ("12,345,678", 12345678)])
def test_figures_tolerate_thousands_separators_and_spaces(staff_a, cell, value):
    report = import_activities(csv_file([row(participants=cell)]), "a.csv", staff_a)

    assert report.ok, report.errors
    assert Figure.objects.get().value == value


@pytest.mark.parametrize("cell", ["1.5", "-3", "abc", "1,20", "10000000000001", "1e3"])
def test_figures_that_are_not_whole_non_negative_numbers_are_refused(staff_a, cell):
    report = import_activities(csv_file([row(participants=cell)]), "a.csv", staff_a)

    assert problems(report) == {(2, "participants")}


def test_audience_and_type_codes_that_were_retired_are_refused(staff_a):
    AudienceGroup.objects.filter(code="parents").update(active=False)
    ActivityType.objects.filter(code="broadcast").update(active=False)
    data = csv_file([row(audiences="parents"), row(title="广播", activity_type="broadcast")])

    report = import_activities(data, "a.csv", staff_a)

    assert problems(report) == {(2, "audiences"), (3, "activity_type")}


def test_campaign_matches_either_name_exactly(staff_a, campaign):
    data = csv_file(
        [
            row(campaign="全民反诈在行动"),
            row(title="二", campaign="Everyone Against Fraud"),
            row(title="三", campaign="everyone against fraud"),
        ]
    )

    report = import_activities(data, "a.csv", staff_a)

    assert problems(report) == {(4, "campaign")}


def test_a_ref_taken_by_a_concurrent_import_is_reported_not_raised(staff_a, county, monkeypatch):
    # Another import may commit the same ref between the check and the write; the
    # unique constraint then stops this one, which must write nothing and say so.
    make_activity(county["a"], staff_a, ref="R-1")
    monkeypatch.setattr(importing.check.Checker, "find_already_imported", lambda checker, rows: None)

    report = import_activities(csv_file([row(title="新", ref="R-2"), row(ref="R-1")]), "a.csv", staff_a)

    assert [(error.row, error.column) for error in report.errors] == [(0, "")]
    assert "another import" in report.errors[0].message
    assert list(Activity.objects.values_list("ref", flat=True)) == ["R-1"]
    assert not ActivityEvent.objects.exists()
