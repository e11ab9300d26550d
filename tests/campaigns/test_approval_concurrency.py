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
from campaigns.reports import summary_rebuild, summary_tables
from campaigns.reports.summary import ReportFilters, build
from tests.conftest import make_activity, make_user

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def at_once(monkeypatch, *calls):
    """Run each call in a thread of its own (each with its own database connection).
    Each reads what its activities count at the start of its transaction; all wait there
    until every other has begun too, so their transactions overlap."""
    all_begun = threading.Barrier(len(calls), timeout=30)
    reading = summary_tables.facts
    met = threading.local()

    def facts_once_all_have_begun(activity_ids, seen=None):
        if not getattr(met, "done", False):
            met.done = True
            assert connection.in_atomic_block
            all_begun.wait()
        return reading(activity_ids, seen)

    monkeypatch.setattr(summary_tables, "facts", facts_once_all_have_begun)
    errors = []

    def run(call):
        try:
            call()
        except Exception as error:  # reported below, with the other threads' outcome
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    monkeypatch.undo()
    assert errors == []


def test_two_approvals_of_one_units_activities_at_once_both_count(county, staff_a, monkeypatch):
    first_reviewer = make_user("first_reviewer", (county["bureau"], "reviewer"))
    second_reviewer = make_user("second_reviewer", (county["bureau"], "reviewer"))
    talks = [
        make_activity(county["a"], staff_a, title=f"Talk {n}", status="submitted", figures={"participants": figure})
        for n, figure in ((1, 230), (2, 45))
    ]

    at_once(
        monkeypatch,
        *(
            lambda talk=talk, reviewer=reviewer: services.approve(Activity.objects.get(pk=talk.pk), by=reviewer)
            for talk, reviewer in zip(talks, (first_reviewer, second_reviewer), strict=True)
        ),
    )

    approved = Activity.objects.filter(pk__in=[talk.pk for talk in talks]).order_by("title")
    assert [(talk.status, talk.reviewed_by) for talk in approved] == [
        ("approved", first_reviewer),
        ("approved", second_reviewer),
    ]
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.APPROVED).count() == 2
    output = StringIO()
    call_command("check_summaries", stdout=output)
    assert "agree" in output.getvalue()
    assert summary_rebuild.differences() == []
    report = build(ReportFilters(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 10, 31), unit=county["a"]))
    assert (report.total.activities, report.total.values) == (2, {"participants": 275})


def test_two_bulk_approvals_in_sibling_units_at_once_both_count(county, staff_a, staff_b, monkeypatch):
    """Different units, so neither waits for the other's unit: both batches add to the
    bureau's rows (and the root's) at the same moment, and neither addition is lost."""
    reviewers = [make_user(f"reviewer_{side}", (county[side], "reviewer")) for side in ("a", "b")]
    batches = [
        [
            make_activity(
                county[side], author, title=f"Booth {side}{n}", status="submitted", figures={"participants": n}
            )
            for n in range(1, 11)
        ]
        for side, author in (("a", staff_a), ("b", staff_b))
    ]
    at_once(
        monkeypatch,
        *(
            lambda batch=batch, reviewer=reviewer: services.approve_all(
                list(Activity.objects.filter(pk__in=[activity.pk for activity in batch])), by=reviewer
            )
            for batch, reviewer in zip(batches, reviewers, strict=True)
        ),
    )

    assert Activity.objects.filter(status="approved").count() == 20
    assert summary_rebuild.differences() == []
    report = build(
        ReportFilters(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 10, 31), unit=county["bureau"])
    )
    assert (report.total.activities, report.total.values) == (20, {"participants": 110})
