"""The administrators' overview: year on year as two reports run by hand, sub-units ranked,
silent units, lagging campaigns and the review lists, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Campaign, CampaignTarget, Indicator, OrgUnit
from campaigns.reports.periods import month_end, year_earlier
from campaigns.reports.summary import ReportFilters, build
from tests.conftest import EDGE_DAYS, beijing_morning, make_activity, make_unit


def overview_url():
    with translation.override("en"):
        return reverse("reports:overview")


def populate(county, staff_a, staff_b, today, copies=1):
    last_year = year_earlier(today)
    for _ in range(copies):
        make_activity(county["a"], staff_a, status="approved", date=today, figures={"participants": 300})
        make_activity(county["school_b"], staff_b, status="approved", date=today, figures={"participants": 100})
        make_activity(county["a"], staff_a, status="approved", date=last_year, figures={"participants": 200})
        make_activity(county["a"], staff_a, status="submitted", date=today, title="Waiting one")
        make_activity(county["b"], staff_b, status="returned", date=today, title="Returned one")


def test_year_on_year_equals_two_reports_run_by_hand(client, county, staff_a, staff_b, administrator, each_edge_day):
    today = timezone.localdate()
    assert today == each_edge_day
    populate(county, staff_a, staff_b, today)
    later_last_year = year_earlier(today) + datetime.timedelta(days=1)
    if later_last_year.year < today.year:  # after today's date last year: not counted
        make_activity(county["a"], staff_a, status="approved", date=later_last_year, figures={"participants": 9999})
    this = build(ReportFilters(start=datetime.date(today.year, 1, 1), end=today, unit=county["bureau"]))
    last = build(
        ReportFilters(
            start=datetime.date(today.year - 1, 1, 1),
            end=year_earlier(today),
            unit=county["bureau"],
        )
    )
    client.force_login(administrator)
    response = client.get(overview_url())
    rows = {str(row["label"]): row for row in response.context["rows"]}
    participants = rows["In-person participants"]
    assert (participants["now"], participants["before"]) == (
        this.total.value("participants"),
        last.total.value("participants"),
    )
    assert (participants["now"], participants["before"], participants["change"]) == (400, 200, 100)
    activities = rows["Number of activities"]
    assert (activities["now"], activities["before"]) == (this.total.activities, last.total.activities)
    page = response.content.decode()
    assert "Year on year" in page and "+100%" in page


def test_the_overview_ranks_sub_units_and_lists_silent_units_and_review_items(
    client, county, staff_a, staff_b, administrator
):
    today = timezone.localdate()
    populate(county, staff_a, staff_b, today)
    quiet = make_unit("station-c", county["bureau"], name_zh="北城派出所", name_en="North Station")
    client.force_login(administrator)
    response = client.get(overview_url())
    assert [row["unit"].code for row in response.context["ranking"]] == ["station-a", "station-b"]
    assert [unit.code for unit in response.context["silent"]] == [quiet.code]
    page = response.content.decode()
    assert "Waiting one" in page and "Returned one" in page and "North Station" in page


def test_sub_units_rank_per_10000_residents_and_those_without_a_population_come_last(
    client, county, staff_a, staff_b, administrator
):
    today = timezone.localdate()
    # A: more people reached, but among many more residents; B: fewer, in a small place.
    OrgUnit.objects.filter(pk=county["a"].pk).update(population=200_000)
    OrgUnit.objects.filter(pk=county["b"].pk).update(population=8_000)
    unknown = make_unit("station-c", county["bureau"], name_zh="北城派出所", name_en="North Station")
    make_activity(county["a"], staff_a, status="approved", date=today, figures={"participants": 900})
    make_activity(county["b"], staff_b, status="approved", date=today, figures={"participants": 40})
    make_activity(unknown, staff_a, status="approved", date=today, figures={"participants": 5000})
    client.force_login(administrator)
    response = client.get(overview_url())
    assert response.context["ranked_by"].code == "participants"
    ranking = response.context["ranking"]
    assert [row["unit"].code for row in ranking] == ["station-b", "station-a", "station-c"]
    assert [row["rate"] for row in ranking] == [50.0, 45.0, None]
    assert [row["value"] for row in ranking] == [40, 900, 5000]
    page = response.content.decode()
    assert "In-person participants per 10,000 residents" in page
    items = page.split('<ol class="ranking">')[1].split("</ol>")[0].split("<li>")[1:]
    assert "50.0" in items[0] and "per 10,000 residents" in items[0] and "40" in items[0]
    assert "45.0" in items[1] and "900" in items[1]
    assert "North Station" in items[2] and "population unknown" in items[2] and "5,000" in items[2]
    assert "population unknown" not in items[0] + items[1]


def test_a_campaign_behind_its_time_progress_is_listed(each_edge_day, client, county, staff_a, administrator):
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name_zh="落后的活动",
        name_en="Lagging drive",
        start=today - datetime.timedelta(days=30),
        end=today + datetime.timedelta(days=1),
        lead_unit=county["bureau"],
    )
    CampaignTarget.objects.create(campaign=campaign, indicator=Indicator.objects.get(code="participants"), value=1000)
    make_activity(county["a"], staff_a, status="approved", date=today, campaign=campaign, figures={"participants": 100})
    on_track = Campaign.objects.create(
        name_zh="正常的活动",
        name_en="On-track drive",
        start=today,
        end=today + datetime.timedelta(days=99),
        lead_unit=county["a"],
    )
    CampaignTarget.objects.create(campaign=on_track, indicator=Indicator.objects.get(code="participants"), value=10)
    make_activity(county["a"], staff_a, status="approved", date=today, campaign=on_track, figures={"participants": 10})
    client.force_login(administrator)
    page = client.get(overview_url()).content.decode()
    assert "Lagging drive" in page and "On-track drive" not in page


def overview_queries(today):
    """What the overview costs on `today`: 40 queries when both of its periods (this year
    so far, and the same days last year) end on a month's last day (of which 7 a report
    read the measured figures: scans, online quizzes and their answers, paper tallies and
    their lines, and answers by scam type). Each period that ends
    within a month reads that month's days from the leaf facts: 3 more (one to plan the
    edge, one for the units the facts name, one to read the facts, with their tags, for
    all three parts)."""
    last_year = year_earlier(today)
    return 40 + 3 * sum(day != month_end(day) for day in (today, last_year))


@pytest.mark.parametrize("copies", [1, 8])
@pytest.mark.parametrize(
    ("day", "queries"),
    [(EDGE_DAYS["month-end"], 40), (EDGE_DAYS["mid-month"], 46)],
    ids=["whole-months", "cut-month"],
)
def test_the_overview_costs_the_same_number_of_queries_whatever_the_data(
    client, county, staff_a, staff_b, administrator, copies, day, queries, clock, django_assert_num_queries
):
    clock.move_to(beijing_morning(day), tick=True)
    populate(county, staff_a, staff_b, timezone.localdate(), copies=copies)
    client.force_login(administrator)
    client.get(overview_url())
    # Each of the two reports (this year, last year) reads its QR code scans in one query.
    with django_assert_num_queries(queries):
        response = client.get(overview_url())
    assert response.context["rows"][0]["now"] == 2 * copies


def test_the_overview_costs_what_the_shape_of_its_periods_says_on_every_edge_day(
    client, county, staff_a, staff_b, administrator, each_edge_day, django_assert_num_queries
):
    populate(county, staff_a, staff_b, each_edge_day, copies=2)
    client.force_login(administrator)
    client.get(overview_url())
    with django_assert_num_queries(overview_queries(each_edge_day)):
        response = client.get(overview_url())
    assert response.context["rows"][0]["now"] == 4


def test_only_administrators_see_the_overview(client, reviewer):
    client.force_login(reviewer)
    assert client.get(overview_url()).status_code == 403
    client.logout()
    response = client.get(overview_url())
    assert response.status_code == 302 and reverse("login") in response["Location"]


def sign_in(client, user):
    from tests.conftest import PASSWORD

    with translation.override("en"):
        return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


def test_administrators_land_on_the_overview_after_signing_in(client, administrator):
    response = sign_in(client, administrator)
    assert response.status_code == 302 and response["Location"] == overview_url()


def test_reviewers_land_on_their_queue_and_staff_on_their_own_work(client, reviewer, staff_a):
    with translation.override("en"):
        queue, activities = reverse("campaigns:review"), reverse("campaigns:my-work")
    assert sign_in(client, reviewer)["Location"] == queue
    client.logout()
    assert sign_in(client, staff_a)["Location"] == activities


def test_a_page_asked_for_still_wins_over_the_landing_page(client, administrator):
    from tests.conftest import PASSWORD

    with translation.override("en"):
        login, wanted = reverse("login"), reverse("campaigns:campaign-list")
    response = client.post(f"{login}?next={wanted}", {"username": "chief", "password": PASSWORD})
    assert response["Location"] == wanted


def test_the_report_opens_on_this_year_and_shows_the_dates_it_used(client, county, staff_a):
    today = timezone.localdate()
    make_activity(
        county["a"], staff_a, status="approved", date=today, title="Counted today", figures={"participants": 4242}
    )
    client.force_login(staff_a)
    with translation.override("en"):
        page = client.get(reverse("reports:report")).content.decode()
    assert f'value="{today.year}-01-01"' in page and f'value="{today.isoformat()}"' in page
    assert "4,242" in page


def test_the_overviews_first_row_is_the_number_of_activities_as_the_exports_call_it(client, administrator, county):
    from campaigns.reports import summary

    client.force_login(administrator)
    with translation.override("zh-hans"):
        label = str(summary.ACTIVITIES_LABEL)
        page = client.get(reverse("reports:overview")).content.decode()
    assert label == "活动数"
    table = page.split("<tbody>")[1]
    first_row = table.split("</th>")[0]
    assert "活动数" in first_row
    assert "活动列表" not in table
