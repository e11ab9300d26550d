"""The import_activities command: it prints every problem and exits non-zero, says what it
created or would create, and refuses the approved status to all but administrators."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from campaigns.models import Activity
from tests.campaigns.test_import import csv_file, row


@pytest.fixture(autouse=True)
def english():
    # The messages are asserted in English whatever the catalogue later translates.
    with translation.override("en"):
        yield


def test_command_prints_every_error_and_exits_non_zero(staff_a, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_file([row(org_unit="station-b"), row(title="", participants="-1")]))
    stderr = StringIO()

    with pytest.raises(CommandError, match="3 problem"):
        call_command("import_activities", str(path), user="staff_a", stdout=StringIO(), stderr=stderr)

    printed = stderr.getvalue()
    assert "row 2, org_unit: unknown unit 'station-b', or not one of yours" in printed
    assert "row 3, title: title is required" in printed
    assert "row 3, participants: -1 is negative" in printed
    assert not Activity.objects.exists()


def test_command_reports_how_many_activities_it_created(staff_a, tmp_path):
    path = tmp_path / "good.csv"
    path.write_bytes(csv_file([row(), row(title="二")]))
    stdout = StringIO()

    call_command("import_activities", str(path), "--user", "staff_a", stdout=stdout)

    assert "Created 2 activities" in stdout.getvalue()
    assert Activity.objects.count() == 2


def test_command_dry_run_says_nothing_was_written(staff_a, tmp_path):
    path = tmp_path / "good.csv"
    path.write_bytes(csv_file([row(), row(title="二")]))
    stdout = StringIO()

    call_command("import_activities", str(path), "--user", "staff_a", "--dry-run", stdout=stdout)

    assert "2 activities would be created; dry run: nothing written" in stdout.getvalue()
    assert not Activity.objects.exists()


def test_command_refuses_approved_status_for_staff_and_reviewers_and_unknown_users(staff_a, reviewer, tmp_path):
    path = tmp_path / "good.csv"
    path.write_bytes(csv_file([row()]))

    for username in ("staff_a", "reviewer"):
        with pytest.raises(CommandError, match="only an administrator may import activities as approved"):
            call_command("import_activities", str(path), user=username, status="approved", stderr=StringIO())
    with pytest.raises(CommandError, match="No active user"):
        call_command("import_activities", str(path), user="ghost")
    assert not Activity.objects.exists()
