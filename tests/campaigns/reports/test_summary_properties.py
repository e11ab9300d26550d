"""Property test: for random trees and activities, every figure of the report equals a
naive Python computation over the same data, the audience and scam type tables included."""

import datetime
from collections import Counter, defaultdict

from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from campaigns.models import Activity, ActivityType, AudienceGroup, Figure, Indicator, OrgUnit, UnitKind
from campaigns.reports import summary_rebuild
from campaigns.reports.summary import ReportFilters, build
from scams.models import ScamType

BASE = datetime.date(2025, 11, 1)
STATUSES = ["approved", "submitted", "draft", "returned"]
TYPES = ["class_meeting", "street_booth", "online_push"]
INDICATORS = ["participants", "materials", "online_reach"]
AUDIENCES = ["students", "parents", "elderly"]
SCAMS = ["order-brushing", "tax-refund", "police-impersonation"]

activity = st.fixed_dictionaries(
    {
        "unit": st.integers(0, 7),
        "day": st.integers(0, 120),
        "status": st.sampled_from(STATUSES),
        "type": st.sampled_from(TYPES),
        "figures": st.fixed_dictionaries({}, optional={code: st.integers(0, 10**6) for code in INDICATORS}),
        "audiences": st.sets(st.sampled_from(AUDIENCES)),
        "scams": st.sets(st.sampled_from(SCAMS)),
    }
)
scenario = st.fixed_dictionaries(
    {
        # parents[i] is the parent of unit i + 1; unit 0 is the root.
        "parents": st.lists(st.integers(0, 6), min_size=7, max_size=7),
        "activities": st.lists(activity, max_size=25),
        "start": st.integers(-5, 120),
        "length": st.integers(0, 130),
        "unit": st.none() | st.integers(0, 7),
        "include_submitted": st.booleans(),
    }
)


def build_tree(parents):
    kind = UnitKind.objects.get(code="other")
    units = [OrgUnit.objects.add_root(create_kwargs={"code": "u0", "name_zh": "根", "kind": kind})]
    parent_of = {0: None}
    for index, parent in enumerate(parents, start=1):
        parent = min(parent, index - 1)  # a parent always comes before its children
        target = OrgUnit.objects.get(pk=units[parent].pk)
        units.append(
            OrgUnit.objects.add_child(
                target, create_kwargs={"code": f"u{index}", "name_zh": f"单位{index}", "kind": kind}
            )
        )
        parent_of[index] = parent
    return [OrgUnit.objects.get(pk=unit.pk) for unit in units], parent_of


def ancestors(index, parent_of):
    chain = [index]
    while parent_of[chain[-1]] is not None:
        chain.append(parent_of[chain[-1]])
    return chain


def tagged(unit, day, figures, audiences=(), scams=()):
    return {
        "unit": unit,
        "day": day,
        "status": "approved",
        "type": TYPES[0],
        "figures": figures,
        "audiences": set(audiences),
        "scams": set(scams),
    }


def chain(unit):
    """A tree where unit i hangs under unit i - 1 (depth i + 1), an activity on every
    unit on both sides of the month's cut, and a report on `unit` from 16 November to
    12 December."""
    return {
        "parents": list(range(7)),
        "activities": [
            tagged(index, day, {"participants": index + day}, [AUDIENCES[index % 3]], [SCAMS[day % 3]])
            for index in range(8)
            for day in (10, 20, 35, 45)
        ],
        "start": 15,
        "length": 26,
        "unit": unit,
        "include_submitted": False,
    }


# A period from 16 November to 12 December: November is read whole from the summaries
# and its first fortnight taken away (one tagged activity there, two inside); December's
# first twelve days are read from the activities (one inside, two after).
@example(
    data={
        "parents": [0] * 7,
        "activities": [
            tagged(1, 10, {"participants": 5}, ["students"], ["tax-refund"]),
            tagged(2, 20, {"participants": 7, "materials": 3}, ["students", "parents"], ["order-brushing"]),
            tagged(2, 25, {"materials": 4}, ["parents"]),
            tagged(3, 40, {"participants": 2}, ["elderly"], ["tax-refund"]),
            tagged(3, 45, {"online_reach": 9}, ["elderly"]),
            tagged(4, 50, {"participants": 1}, scams=["police-impersonation"]),
        ],
        "start": 15,
        "length": 26,
        "unit": None,
        "include_submitted": False,
    }
)
# A chain eight units deep, read at a city (depth 2: by unit from the rollups with the cut
# months' days from the leaf facts, by tag from the facts), a county (depth 3, all from
# the facts), and a unit at depth 7, below the facts' deepest level (from the activities).
@example(data=chain(1))
@example(data=chain(2))
@example(data=chain(6))
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=scenario)
def test_every_breakdown_matches_a_naive_computation(catalogue, django_user_model, data):
    with transaction.atomic():
        run_scenario(django_user_model, data)
        transaction.set_rollback(True)


def write_activities(user, units, activities):
    types = {code: ActivityType.objects.get(code=code) for code in TYPES}
    indicators = {indicator.code: indicator for indicator in Indicator.objects.filter(code__in=INDICATORS)}
    audiences = AudienceGroup.objects.in_bulk(AUDIENCES, field_name="code")
    scams = ScamType.objects.in_bulk(SCAMS, field_name="slug")
    for item in activities:
        activity = Activity.objects.create(
            unit=units[item["unit"]],
            activity_type=types[item["type"]],
            title="t",
            date=BASE + datetime.timedelta(days=item["day"]),
            status=item["status"],
            created_by=user,
            updated_by=user,
        )
        for code, value in item["figures"].items():
            Figure.objects.create(activity=activity, indicator=indicators[code], value=value)
        activity.audiences.set([audiences[code] for code in item["audiences"]])
        activity.scam_types.set([scams[slug] for slug in item["scams"]])


def run_scenario(django_user_model, data):
    units, parent_of = build_tree(data["parents"])
    write_activities(django_user_model.objects.create(username="maker"), units, data["activities"])
    # The activities were written straight into their tables: count them into the summaries.
    summary_rebuild.rebuild()

    start = BASE + datetime.timedelta(days=data["start"])
    end = start + datetime.timedelta(days=data["length"])
    chosen = data["unit"]
    report = build(
        ReportFilters(
            start=start,
            end=end,
            unit=None if chosen is None else units[chosen],
            include_submitted=data["include_submitted"],
        )
    )

    statuses = {"approved", "submitted"} if data["include_submitted"] else {"approved"}
    counted = [
        item
        for item in data["activities"]
        if item["status"] in statuses
        and start <= BASE + datetime.timedelta(days=item["day"]) <= end
        and (chosen is None or chosen in ancestors(item["unit"], parent_of))
    ]

    # Totals.
    assert report.total.activities == len(counted)
    expected_totals = Counter()
    for item in counted:
        expected_totals.update(item["figures"])
    assert {code: report.total.values.get(code, 0) for code in INDICATORS} == {
        code: expected_totals.get(code, 0) for code in INDICATORS
    }

    def naive(group_of):
        counts, sums = Counter(), defaultdict(Counter)
        for item in counted:
            group = group_of(item)
            counts[group] += 1
            sums[group].update(item["figures"])
        return counts, sums

    def check_partition(section, group_of):
        rows = report.breakdowns[section].rows
        counts, sums = naive(group_of)
        assert {row.key: row.activities for row in rows} == dict(counts), section
        for row in rows:
            assert {c: row.values.get(c, 0) for c in INDICATORS} == {c: sums[row.key].get(c, 0) for c in INDICATORS}
        # A partition adds up to the total.
        assert sum(row.activities for row in rows) == report.total.activities
        for code in INDICATORS:
            assert sum(row.values.get(code, 0) for row in rows) == report.total.values.get(code, 0)

    check_partition("month", lambda item: f"{BASE + datetime.timedelta(days=item['day']):%Y-%m}")
    check_partition("activity_type", lambda item: item["type"])

    def child_of(item):
        chain = ancestors(item["unit"], parent_of)[::-1]  # root first
        if chosen is None:
            return units[chain[0]].code
        position = chain.index(chosen)
        return units[chain[position + 1]].code if position + 1 < len(chain) else units[chosen].code

    check_partition("org_unit", child_of)

    check_tags(report, counted)
    own = [row for row in report.breakdowns["org_unit"].rows if row.own]
    assert all(row.key == units[chosen].code for row in own)


def check_tags(report, counted):
    """An activity counts once under each of its audiences and scam types, and not at all
    in these tables when it has none."""
    for section, tags in (("audience", "audiences"), ("scam_type", "scams")):
        counts, sums = Counter(), defaultdict(Counter)
        for item in counted:
            for tag in item[tags]:
                counts[tag] += 1
                sums[tag].update(item["figures"])
        rows = report.breakdowns[section].rows
        assert {row.key: row.activities for row in rows if row.activities} == dict(counts), section
        for row in rows:
            assert {c: row.values.get(c, 0) for c in INDICATORS} == {c: sums[row.key].get(c, 0) for c in INDICATORS}
