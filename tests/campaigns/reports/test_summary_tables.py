"""The reports' summary tables stay equal to a fresh computation from the activities
through random sequences of everything that changes what reports count: logging,
submitting, approving (one by one and in bulk), undoing an approval, returning,
reopening, editing and resubmitting, importing as approved, and moving units in the
tree. After every step the tables are compared with the computation `check_summaries`
uses, and the report's figures with a naive count."""

import contextlib
import csv
import datetime
import io
from collections import Counter, defaultdict
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns import services
from campaigns.activities.forms import ActivityForm
from campaigns.importing import import_activities
from campaigns.models import (
    Activity,
    ActivityType,
    AudienceGroup,
    Campaign,
    Figure,
    Indicator,
    OrgUnit,
    Summary,
    WorkflowError,
)
from campaigns.reports import summary_rebuild, summary_tables
from campaigns.reports.summary import ReportFilters, build
from campaigns.services import approve_all, save_activity
from tests.conftest import PINNED_NOW, make_scam_type, make_unit

TODAY = PINNED_NOW.date()
BASE = TODAY - datetime.timedelta(days=100)  # imports refuse dates after today
TYPES = ["class_meeting", "street_booth"]
AUDIENCES = ["students", "parents", "elderly"]
INDICATORS = ["participants", "materials", "online_reach"]
UNITS = 5  # u0 the root; u1, u2 under it; u3 under u1; u4 under u2, until moves change that

day = st.integers(0, 95)
figures = st.fixed_dictionaries({}, optional={code: st.integers(0, 5000) for code in INDICATORS})
audiences = st.sets(st.sampled_from(AUDIENCES), max_size=2)
scams = st.sets(st.integers(0, 2), max_size=2)
pick = st.integers(0, 40)  # which activity, modulo how many there are
importing = st.tuples(st.just("import"), st.integers(0, UNITS - 1), day, figures, audiences, scams)
moving = st.tuples(st.just("move"), st.integers(1, UNITS - 1), st.integers(0, UNITS - 1))
# Imports and moves twice as often as the rest: a move only tells when counted activities
# lie under the unit moved.
step = st.one_of(
    importing,
    moving,
    st.tuples(st.just("create"), st.integers(0, UNITS - 1), day, st.sampled_from(TYPES), figures, audiences, scams),
    st.tuples(st.just("submit"), pick),
    st.tuples(st.just("approve"), pick),
    st.tuples(st.just("bulk"), st.lists(pick, min_size=2, max_size=4)),
    st.tuples(st.just("undo"), pick),
    st.tuples(st.just("return"), pick),
    st.tuples(st.just("reopen"), pick),
    st.tuples(st.just("edit"), pick, st.integers(0, UNITS - 1), day, figures, audiences, scams),
    importing,
    moving,
)
report_filters = st.fixed_dictionaries(
    {
        "start": st.integers(-3, 95),
        "length": st.integers(0, 100),
        "unit": st.none() | st.integers(0, UNITS - 1),
        "include_submitted": st.booleans(),
    }
)


class World:
    def __init__(self, django_user_model):
        self.maker = django_user_model.objects.create(username="maker")
        self.checker = django_user_model.objects.create(username="checker")
        root = make_unit("u0", kind="bureau")
        self.codes = ["u0"]
        for index, parent in ((1, "u0"), (2, "u0"), (3, "u1"), (4, "u2")):
            make_unit(f"u{index}", OrgUnit.objects.get(code=parent))
            self.codes.append(f"u{index}")
        self.maker.memberships.create(unit=root, role="staff")
        self.checker.memberships.create(unit=root, role="reviewer")
        self.administrator = django_user_model.objects.create(username="chief", is_superuser=True, is_staff=True)
        self.scams = [make_scam_type(f"scam-{index}") for index in range(3)]
        self.activities = []
        self.refs = 0

    def unit(self, index):
        return OrgUnit.objects.get(code=self.codes[index])

    def form(self, data, instance=None):
        return ActivityForm(
            data,
            instance=instance,
            units=OrgUnit.objects.all(),
            campaigns=Campaign.objects.all(),
            indicators=list(Indicator.objects.filter(active=True)),
        )

    def form_data(self, unit, when, values, groups, scam_indexes, activity_type="class_meeting", version=None):
        data = {
            "unit": self.unit(unit).pk,
            "activity_type": ActivityType.objects.get(code=activity_type).pk,
            "title": "Outreach",
            "date": (BASE + datetime.timedelta(days=when)).isoformat(),
            "audiences": [AudienceGroup.objects.get(code=code).pk for code in sorted(groups)],
            "scam_types": [self.scams[index].pk for index in sorted(scam_indexes)],
        }
        for code in INDICATORS:
            data[f"figure_{code}"] = str(values[code]) if code in values else ""
        if version is not None:
            data["version"] = str(version)
        return data

    def run(self, action, *arguments):
        if action == "create":
            unit, when, activity_type, values, groups, scam_indexes = arguments
            form = self.form(self.form_data(unit, when, values, groups, scam_indexes, activity_type))
            assert form.is_valid(), form.errors
            self.activities.append(save_activity(form, by=self.maker).pk)
        elif action == "import":
            self.import_one(*arguments)
        elif action == "move":
            self.move(*arguments)
        elif action == "bulk" and self.activities:
            chosen = {self.activities[index % len(self.activities)] for index in arguments[0]}
            approve_all(list(Activity.objects.filter(pk__in=chosen)), by=self.checker)
        elif self.activities:
            activity = Activity.objects.get(pk=self.activities[arguments[0] % len(self.activities)])
            with contextlib.suppress(WorkflowError):  # not allowed from its status: nothing may change
                self.act(activity, action, arguments[1:])

    def act(self, activity, action, arguments):
        if action == "submit":
            services.submit(activity, by=self.maker)
        elif action == "approve":
            services.approve(activity, by=self.checker)
        elif action == "undo":
            services.undo_approval(activity, by=self.checker)
        elif action == "return":
            services.return_to_author(activity, by=self.checker, reason="Add the sign-in sheet.")
        elif action == "reopen":
            services.reopen(activity, by=self.checker, reason="The figures were wrong.")
        elif action == "edit" and activity.is_editable:
            unit, when, values, groups, scam_indexes = arguments
            data = self.form_data(unit, when, values, groups, scam_indexes, version=activity.version)
            form = self.form(data, instance=activity)
            assert form.is_valid(), form.errors
            save_activity(form, by=self.maker)

    def import_one(self, unit, when, values, groups, scam_indexes):
        self.refs += 1
        header = ["date", "org_unit", "activity_type", "title", "audiences", "scam_types", "ref", *INDICATORS]
        row = {
            "date": (BASE + datetime.timedelta(days=when)).isoformat(),
            "org_unit": self.codes[unit],
            "activity_type": "street_booth",
            "title": "Imported outreach",
            "audiences": ";".join(sorted(groups)),
            "scam_types": ";".join(self.scams[index].slug for index in sorted(scam_indexes)),
            "ref": f"ref-{self.refs}",
            **{code: str(value) for code, value in values.items()},
        }
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerow(row)
        report = import_activities(buffer.getvalue().encode(), "week.csv", self.administrator, status="approved")
        assert report.ok, report.errors
        self.activities.append(Activity.objects.get(ref=f"ref-{self.refs}").pk)

    def move(self, unit, parent):
        node, target = self.unit(unit), self.unit(parent)
        if target.path.startswith(node.path) or OrgUnit.objects.get_parent(node) == target:
            return  # under itself, or where it already is
        OrgUnit.objects.move(node, target, "last-child")


def naive_figures(filters):
    """(activities, {indicator: sum}) per section group, counted in Python from the rows."""
    statuses = {"approved", "submitted"} if filters.include_submitted else {"approved"}
    prefix = filters.unit.path if filters.unit else ""
    step = OrgUnit.steplen
    counted = [
        activity
        for activity in Activity.objects.select_related("unit").prefetch_related("figures__indicator", "audiences")
        if activity.status in statuses
        and filters.start <= activity.date <= filters.end
        and activity.unit.path.startswith(prefix)
    ]
    units = dict(OrgUnit.objects.values_list("path", "code"))
    sections = {
        "total": lambda activity: [""],
        "month": lambda activity: [f"{activity.date:%Y-%m}"],
        "org_unit": lambda activity: [units[activity.unit.path[: len(prefix) + step]]],
        "activity_type": lambda activity: [activity.activity_type.code],
        "audience": lambda activity: [group.code for group in activity.audiences.all()],
        "scam_type": lambda activity: list(activity.scam_types.values_list("slug", flat=True)),
    }
    expected = {}
    for section, groups_of in sections.items():
        counts, sums = Counter(), defaultdict(Counter)
        for activity in counted:
            for group in groups_of(activity):
                counts[group] += 1
                sums[group].update({figure.indicator.code: figure.value for figure in activity.figures.all()})
        expected[section] = {group: (counts[group], dict(sums[group])) for group in counts}
    return expected


def report_figures(filters):
    report = build(filters)
    got = {"total": {"": (report.total.activities, report.total.values)} if report.total.activities else {}}
    for section, breakdown in report.breakdowns.items():
        got[section] = {row.key: (row.activities, row.values) for row in breakdown.rows}
    return got


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=8, max_size=20), looks=st.lists(report_filters, min_size=1, max_size=2))
def test_the_summaries_follow_every_change(db, django_user_model, steps, looks):
    with transaction.atomic():
        world = World(django_user_model)
        for number, (action, *arguments) in enumerate(steps):
            world.run(action, *arguments)
            assert summary_rebuild.differences() == [], f"after step {number}: {action}"
            look = looks[number % len(looks)]
            start = BASE + datetime.timedelta(days=look["start"])
            filters = ReportFilters(
                start=start,
                end=start + datetime.timedelta(days=look["length"]),
                unit=None if look["unit"] is None else world.unit(look["unit"]),
                include_submitted=look["include_submitted"],
            )
            assert report_figures(filters) == naive_figures(filters), f"after step {number}: {action}"
        transaction.set_rollback(True)


def test_a_move_carries_the_subtree_figures_to_the_new_parent(db, django_user_model):
    world = World(django_user_model)
    world.run("import", 3, 10, {"participants": 7}, {"students"}, {0})  # under u1
    assert build(ReportFilters(start=BASE, end=TODAY, unit=world.unit(1))).total.values == {"participants": 7}

    world.run("move", 3, 2)  # u3 now under u2

    assert build(ReportFilters(start=BASE, end=TODAY, unit=world.unit(1))).total.activities == 0
    moved = build(ReportFilters(start=BASE, end=TODAY, unit=world.unit(2)))
    assert moved.total.values == {"participants": 7}
    assert [row.key for row in moved.breakdowns["org_unit"].rows] == ["u3"]
    assert summary_rebuild.differences() == []


def test_a_unit_import_that_changes_a_parent_moves_the_figures(db, django_user_model):
    from campaigns.importing.units import import_units

    world = World(django_user_model)
    world.run("import", 3, 10, {"participants": 7}, {"students"}, {0})  # u3, under u1
    import_units("code,name_zh,name_en,kind,parent_code\r\nu3,单位3,Unit 3,police_station,u2\r\n".encode())

    assert OrgUnit.objects.get_parent(world.unit(3)).code == "u2"
    assert build(ReportFilters(start=BASE, end=TODAY, unit=world.unit(2))).total.values == {"participants": 7}
    assert summary_rebuild.differences() == []


def test_moves_in_the_admin_tree_move_the_figures(db, django_user_model, client):
    from django.urls import reverse

    world = World(django_user_model)
    world.run("import", 3, 10, {"participants": 7}, {"students"}, {0})  # u3, under u1
    world.run("import", 4, 11, {"participants": 5}, {"parents"}, {1})  # u4, under u2
    client.force_login(world.administrator)
    move = reverse("admin:campaigns_orgunit_changelist") + "move/"

    # Dragged under u2, then before u4 among u2's children (which renumbers u4's path).
    assert (
        client.post(move, {"node": world.unit(3).pk, "target": world.unit(2).pk, "relation": "child"}).status_code
        == 200
    )
    assert summary_rebuild.differences() == []
    assert (
        client.post(move, {"node": world.unit(3).pk, "target": world.unit(4).pk, "relation": "sibling"}).status_code
        == 200
    )
    assert summary_rebuild.differences() == []
    report = build(ReportFilters(start=BASE, end=TODAY, unit=world.unit(2)))
    assert {row.key: row.values for row in report.breakdowns["org_unit"].rows} == {
        "u3": {"participants": 7},
        "u4": {"participants": 5},
    }
    assert build(ReportFilters(start=BASE, end=TODAY, unit=world.unit(1))).total.activities == 0


def test_deleting_an_audience_group_or_scam_type_takes_its_rows_along(db, django_user_model):
    world = World(django_user_model)
    world.run("import", 3, 10, {"participants": 7}, {"students", "parents"}, {0, 1})
    AudienceGroup.objects.get(code="parents").delete()
    world.scams[1].delete()

    assert summary_rebuild.differences() == []
    report = build(ReportFilters(start=BASE, end=TODAY))
    assert [row.key for row in report.breakdowns["audience"].rows] == ["students"]
    assert [row.key for row in report.breakdowns["scam_type"].rows] == ["scam-0"]


def test_emptied_rows_are_found_by_their_keys_not_by_reading_every_ancestor(db, django_user_model):
    """A change takes away what an activity counted: the rows it empties go, looked up by
    their own keys. A row of another key under the same ancestors is not the change's to
    read, so an emptied row planted there (which no change of this activity made) stays."""
    world = World(django_user_model)
    world.run("import", 3, 10, {"participants": 7}, {"students"}, {0})
    root = world.unit(0)
    planted = Summary.objects.create(
        ancestor=root,
        month=datetime.date(2001, 1, 1),
        child=root,
        activity_type_id=ActivityType.objects.get(code="class_meeting").pk,
        campaign=summary_tables.NO_CAMPAIGN,
        status="approved",
        indicator=0,
        count=0,
        total=0,
    )
    before = Summary.objects.filter(ancestor=root, status="approved").exclude(pk=planted.pk).count()
    assert before > 0

    world.run("reopen", 0)

    assert Activity.objects.get(pk=world.activities[0]).status not in summary_tables.COUNTED
    assert not Summary.objects.filter(ancestor=root, status="approved").exclude(pk=planted.pk).exists()
    assert Summary.objects.filter(pk=planted.pk).exists()
    assert not Summary.objects.filter(count=0).exclude(pk=planted.pk).exists()


@pytest.fixture
def demo_loaded(db, settings):
    settings.DEBUG = True
    call_command("load_catalogue", verbosity=0)
    call_command("load_demo", activities=80, stdout=StringIO())


def test_check_summaries_passes_after_load_demo(demo_loaded):
    output = StringIO()
    call_command("check_summaries", stdout=output)
    assert "agree" in output.getvalue()
    assert Summary.objects.exists()


def test_check_summaries_fails_on_one_corrupted_row_and_rebuild_repairs_it(demo_loaded):
    row = Summary.objects.filter(indicator__gt=0).order_by("ancestor", "month", "child").first()
    Summary.objects.filter(pk=row.pk).update(total=row.total + 1)
    output = StringIO()
    with pytest.raises(CommandError, match="1 summary rows differ"):
        call_command("check_summaries", stdout=output)
    assert f"stored ({row.count}, {row.total + 1}), expected ({row.count}, {row.total})" in output.getvalue()

    call_command("rebuild_summaries", stdout=StringIO())
    call_command("check_summaries", stdout=StringIO())  # no CommandError
    assert Figure.objects.exists()


def test_a_move_refreshes_the_cached_report_page(db, django_user_model, client, django_capture_on_commit_callbacks):
    from django.urls import reverse
    from django.utils import translation

    world = World(django_user_model)
    world.run("import", 3, 10, {"participants": 7}, {"students"}, {0})  # u3, under u1
    client.force_login(world.administrator)
    with translation.override("en"):
        page = reverse("reports:report")
    query = {"org": "u2", "date_from": BASE.isoformat(), "date_to": TODAY.isoformat()}
    assert "Unit u3" not in client.get(page, query).context["body"]

    with django_capture_on_commit_callbacks(execute=True):
        world.run("move", 3, 2)

    assert "Unit u3" in client.get(page, query).context["body"]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_rebuild_summaries_vacuums_after_it_commits_on_postgresql(settings):
    settings.DEBUG = True
    call_command("load_catalogue", verbosity=0)
    call_command("load_demo", activities=40, stdout=StringIO())
    output = StringIO()
    call_command("rebuild_summaries", stdout=output)  # VACUUM would fail inside a transaction
    assert "Summary tables rebuilt" in output.getvalue()
    call_command("check_summaries", stdout=StringIO())
