"""Two reviewers approve two activities of one unit at the same moment, on PostgreSQL:
neither approval is lost, and the reports' summaries still agree with the activities."""

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from campaigns import services
from campaigns.models import Activity, ActivityEvent
from campaigns.reports import summary_tables
from campaigns.reports.summary import ReportFilters, build
from tests.conftest import make_activity, make_user

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_approvals_of_one_units_activities_at_once_both_count(county, staff_a, monkeypatch):
    first_reviewer = make_user("first_reviewer", (county["bureau"], "reviewer"))
    second_reviewer = make_user("second_reviewer", (county["bureau"], "reviewer"))
    talks = [
        make_activity(county["a"], staff_a, title=f"Talk {n}", status="submitted", figures={"participants": figure})
        for n, figure in ((1, 230), (2, 45))
    ]

    # Each approval reads what its activity counts at the start of its transaction; both
    # wait there until the other has begun too, so the two transactions overlap.
    both_begun = threading.Barrier(2, timeout=30)
    reading = summary_tables.facts
    met = threading.local()

    def facts_once_both_have_begun(activity_ids):
        if not getattr(met, "done", False):
            met.done = True
            assert connection.in_atomic_block
            both_begun.wait()
        return reading(activity_ids)

    monkeypatch.setattr(summary_tables, "facts", facts_once_both_have_begun)
    errors = []

    def approve(activity, reviewer):
        try:
            services.approve(Activity.objects.get(pk=activity.pk), by=reviewer)
        except Exception as error:  # reported below, with the thread's other outcome
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(talk, reviewer))
        for talk, reviewer in zip(talks, (first_reviewer, second_reviewer), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    monkeypatch.undo()

    approved = Activity.objects.filter(pk__in=[talk.pk for talk in talks]).order_by("title")
    assert [(talk.status, talk.reviewed_by) for talk in approved] == [
        ("approved", first_reviewer),
        ("approved", second_reviewer),
    ]
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.APPROVED).count() == 2
    output = StringIO()
    call_command("check_summaries", stdout=output)
    assert "agree" in output.getvalue()
    assert summary_tables.differences() == []
    report = build(ReportFilters(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 10, 31), unit=county["a"]))
    assert (report.total.activities, report.total.values) == (2, {"participants": 275})
