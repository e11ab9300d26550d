"""Property test: for random quiz counts (online, per kit code and day, and on paper, per
activity) over a random tree, the awareness rate of every level, month and unit row of
the report equals the rate computed from the raw counts it covers: never an average."""

import datetime
from collections import defaultdict

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import (
    Activity,
    ActivityType,
    Campaign,
    Kit,
    KitCode,
    KitQuiz,
    KitQuizAnswer,
    PaperTally,
    PaperTallyLine,
)
from campaigns.reports.measured import rate
from campaigns.reports.summary import ReportFilters, build
from tests.campaigns.reports.test_summary_properties import BASE, ancestors, build_tree
from tests.conftest import make_question, make_scam_type


@st.composite
def answers(draw):
    answered = draw(st.integers(1, 500))
    return answered, draw(st.integers(0, answered))


online = st.fixed_dictionaries(
    {
        "unit": st.integers(0, 7),
        "day": st.integers(0, 90),
        "takers": st.integers(0, 200),
        "question": st.integers(0, 1),
        "answers": answers(),
    }
)
paper = st.fixed_dictionaries(
    {
        "unit": st.integers(0, 7),
        "day": st.integers(0, 90),
        "status": st.sampled_from(["approved", "submitted", "draft"]),
        "sheets": st.integers(1, 300),
        "right": st.lists(st.floats(0, 1), min_size=1, max_size=2),
    }
)
scenario = st.fixed_dictionaries(
    {
        "parents": st.lists(st.integers(0, 6), min_size=7, max_size=7),
        "online": st.lists(online, max_size=15),
        "paper": st.lists(paper, max_size=8),
        "start": st.integers(-5, 90),
        "length": st.integers(0, 100),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=scenario)
def test_every_levels_rate_is_the_rate_of_its_raw_counts(db, django_user_model, data):
    with transaction.atomic():
        run_scenario(django_user_model, data)
        transaction.set_rollback(True)


def write_paper_tallies(user, units, questions, paper):
    """Activities with a paper quiz tally; their raw rows (unit index, day, status, takers,
    answered, correct)."""
    raw = []
    kind = ActivityType.objects.get(code="class_meeting")
    for item in paper:
        activity = Activity.objects.create(
            unit=units[item["unit"]],
            activity_type=kind,
            title="t",
            date=BASE + datetime.timedelta(days=item["day"]),
            status=item["status"],
            created_by=user,
            updated_by=user,
        )
        tally = PaperTally.objects.create(activity=activity, sheets=item["sheets"])
        correct = 0
        for question, share in zip(questions, item["right"], strict=False):
            right = int(share * item["sheets"])
            PaperTallyLine.objects.create(tally=tally, question=question, correct=right)
            correct += right
        answered = item["sheets"] * len(item["right"])
        raw.append((item["unit"], item["day"], item["status"], item["sheets"], answered, correct))
    return raw


def run_scenario(django_user_model, data):
    user = django_user_model.objects.create(username="maker")
    units, parent_of = build_tree(data["parents"])
    questions = [make_question(make_scam_type(f"t{number}")) for number in range(2)]
    campaign = Campaign.objects.create(
        name_zh="活动", name_en="C", start=BASE, end=BASE + datetime.timedelta(days=90), lead_unit=units[0]
    )
    kit = Kit.objects.create(campaign=campaign)
    codes = [KitCode.objects.create(kit=kit, unit=unit, code=f"c{index}") for index, unit in enumerate(units)]
    raw = []  # (unit index, day, status, takers, answered, correct)
    cells = defaultdict(lambda: [0, 0, 0])
    for item in data["online"]:
        key = (item["unit"], item["day"], item["question"])
        answered, correct = item["answers"]
        cells[key][0] += answered
        cells[key][1] += correct
        raw.append((item["unit"], item["day"], "approved", 0, answered, correct))
    for (unit, day, question), (answered, correct, _unused) in cells.items():
        KitQuizAnswer.objects.create(
            code=codes[unit],
            day=BASE + datetime.timedelta(days=day),
            question=questions[question],
            answered=answered,
            correct=correct,
        )
    takers = defaultdict(int)
    for item in data["online"]:
        takers[(item["unit"], item["day"])] += item["takers"]
    for (unit, day), count in takers.items():
        KitQuiz.objects.create(code=codes[unit], day=BASE + datetime.timedelta(days=day), count=count)
        raw.append((unit, day, "approved", count, 0, 0))
    raw += write_paper_tallies(user, units, questions, data["paper"])

    start = BASE + datetime.timedelta(days=data["start"])
    end = start + datetime.timedelta(days=data["length"])

    def expected(keep):
        chosen = [row for row in raw if row[2] == "approved" and keep(row)]
        chosen = [row for row in chosen if start <= BASE + datetime.timedelta(days=row[1]) <= end]
        return sum(row[3] for row in chosen), rate(sum(row[5] for row in chosen), sum(row[4] for row in chosen))

    def figures(row):
        return row.values.get("quiz_takers", 0), row.values.get("awareness_rate")

    for chosen in [None, *range(len(units))]:
        report = build(ReportFilters(start=start, end=end, unit=None if chosen is None else units[chosen]))

        def under(unit, row):
            return unit in ancestors(row[0], parent_of)

        scope = (lambda row: True) if chosen is None else (lambda row, chosen=chosen: under(chosen, row))
        assert figures(report.total) == expected(scope), chosen
        for row in report.breakdowns["month"].rows:
            month = row.label

            def in_month(raw_row, month=month, scope=scope):
                day = BASE + datetime.timedelta(days=raw_row[1])
                return scope(raw_row) and (day.year, day.month) == (month.year, month.month)

            assert figures(row) == expected(in_month), (chosen, row.key)
        for row in report.breakdowns["org_unit"].rows:
            index = units.index(row.label)
            if row.own:
                keep = lambda raw_row, index=index: raw_row[0] == index  # noqa: E731
            else:
                keep = lambda raw_row, index=index: under(index, raw_row)  # noqa: E731
            assert figures(row) == expected(keep), (chosen, row.key)
        # The unit rows split the scope: none is left out, none counted twice.
        rows = report.breakdowns["org_unit"].rows
        assert sum(figures(row)[0] for row in rows) == figures(report.total)[0], chosen
        assert sum(row.measures.answered for row in rows) == report.total.measures.answered, chosen
