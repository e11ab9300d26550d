import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from campaigns import services
from campaigns.reports.forms import ReportForm
from tests.conftest import make_activity, make_unit, make_user


def url(name):
    with translation.override("en"):
        return reverse(f"reports:{name}")


@pytest.fixture
def figures(county, staff_a, staff_b):
    make_activity(county["a"], staff_a, status="approved", title="Secret A", figures={"participants": 111})
    make_activity(county["b"], staff_b, status="approved", title="Secret B", figures={"participants": 2468})
    return county


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for name in ("report", "export"):
        response = client.get(url(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_staff_report_covers_only_their_subtree(client, figures, staff_a):
    client.force_login(staff_a)
    response = client.get(url("report"), {"preset": "this_year", "date_from": "2026-01-01"})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.filters.unit.code == "station-a"
    assert report.total.values["participants"] == 111
    assert "2468" not in response.content.decode() and "Secret B" not in response.content.decode()


@pytest.mark.parametrize("org", ["station-b", "school-b", "county"])
def test_tampering_with_org_is_a_404(client, figures, staff_a, org):
    client.force_login(staff_a)
    assert client.get(url("report"), {"org": org}).status_code == 404
    for file_format in ("csv", "xlsx", "pdf", "docx"):
        assert client.get(url("export"), {"org": org, "format": file_format}).status_code == 404


def test_unknown_org_code_is_a_404_not_an_error(client, figures, staff_a):
    client.force_login(staff_a)
    assert client.get(url("report"), {"org": "no-such-unit"}).status_code == 404


def test_user_without_a_role_gets_403(client, figures):
    client.force_login(make_user("nobody"))
    assert client.get(url("report")).status_code == 403
    assert client.get(url("export"), {"format": "csv"}).status_code == 403


def test_reviewer_above_both_sees_both(client, figures, reviewer):
    client.force_login(reviewer)
    response = client.get(url("export"), {"format": "csv", "date_from": "2026-01-01", "date_to": "2026-12-31"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "total,,participants,2579" in body


def test_bad_dates_are_a_form_error(client, figures, staff_a):
    client.force_login(staff_a)
    response = client.get(url("report"), {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert response.status_code == 200
    assert "The end of the period is before its start." in response.content.decode()
    assert client.get(url("export"), {"date_from": "2026-13-01", "format": "csv"}).status_code == 404


@pytest.mark.parametrize("actor", ["staff_a", "administrator"])
def test_report_page_runs_a_fixed_number_of_queries(client, county, staff_a, administrator, catalogue, actor):
    client.force_login(staff_a if actor == "staff_a" else administrator)
    path = url("report") + "?date_from=2025-01-01&date_to=2026-12-31"

    def count():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    make_activity(county["a"], staff_a, status="approved", figures={"participants": 1})
    small = count()
    for day in range(60):
        make_activity(
            county["school_a"],
            staff_a,
            status="approved",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day * 9),
            figures={"participants": day, "materials": 2},
        )
    assert count() == small


def test_home_page_shows_public_year_to_date_totals(client, county, staff_a):
    today = datetime.date.today()
    make_activity(county["a"], staff_a, status="approved", date=today, figures={"participants": 1234, "materials": 5})
    make_activity(county["a"], staff_a, status="submitted", date=today, figures={"participants": 99999})
    make_activity(
        county["a"], staff_a, status="approved", date=today.replace(year=today.year - 1), figures={"participants": 7}
    )
    html = client.get("/en/").content.decode()
    assert "Outreach so far in" in html
    assert ">1,234<" in html
    assert "99,999" not in html and "1,241" not in html
    assert "Outreach at station-a" not in html  # no titles, units or people


def test_campaigns_of_other_subtrees_stay_out_of_the_report(client, figures, staff_a):
    from campaigns.models import Campaign, CampaignTarget, Indicator

    foreign = Campaign.objects.create(
        name_zh="西城专项",
        name_en="West drive",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        lead_unit=figures["b"],
    )
    CampaignTarget.objects.create(campaign=foreign, indicator=Indicator.objects.get(code="participants"), value=777777)
    client.force_login(staff_a)
    response = client.get(url("report"), {"date_from": "2026-01-01", "date_to": "2026-12-31"})
    html = response.content.decode()
    assert "West drive" not in html and "777,777" not in html
    assert response.context["report"].campaigns == []


def test_a_cached_report_changes_as_soon_as_an_activity_is_approved(
    client, county, staff_a, reviewer, django_capture_on_commit_callbacks
):
    pending = make_activity(county["a"], staff_a, status="submitted", figures={"participants": 4321})
    client.force_login(reviewer)
    query = {"date_from": "2026-01-01", "date_to": "2026-12-31"}
    assert "4,321" not in client.get(url("report"), query).content.decode()
    assert "4,321" not in client.get(url("report"), query).content.decode()  # now from the cache
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(pending, by=reviewer)
    assert "4,321" in client.get(url("report"), query).content.decode()


@pytest.fixture
def deep_county(county):
    """The county with a class under school A: a unit at depth 4."""
    county["class"] = make_unit("class-8-3", county["school_a"], kind="other", name_en="Grade 8, class 3")
    return county


def test_an_administrator_can_pick_a_unit_at_any_depth(client, deep_county, staff_a, administrator):
    make_activity(deep_county["class"], staff_a, status="approved", figures={"participants": 45})
    make_activity(deep_county["school_a"], staff_a, status="approved", figures={"participants": 600})
    client.force_login(administrator)
    page = client.get(url("report")).content.decode()
    assert '<option value="class-8-3">' in page
    assert 'type="text" name="org"' not in page

    response = client.get(url("report"), {"org": "class-8-3", "date_from": "2026-01-01", "date_to": "2026-12-31"})
    assert response.context["report"].filters.unit == deep_county["class"]
    assert response.context["report"].total.values["participants"] == 45


def test_staff_can_pick_every_unit_in_their_subtree_and_no_other(client, deep_county, staff_a):
    client.force_login(staff_a)
    page = client.get(url("report")).content.decode()
    assert '<option value="class-8-3">' in page
    assert '<option value="school-a">' in page
    assert 'value="station-b"' not in page and 'value="county"' not in page


@pytest.mark.parametrize("actor", ["administrator", "staff_a"])
def test_too_many_units_for_a_list_become_a_typed_code_that_still_works(
    client, deep_county, staff_a, administrator, monkeypatch, actor
):
    monkeypatch.setattr(ReportForm, "MAX_UNIT_CHOICES", 2)  # staff A sees three units, the administrator six
    make_activity(deep_county["class"], staff_a, status="approved", figures={"participants": 45})
    client.force_login(administrator if actor == "administrator" else staff_a)
    page = client.get(url("report")).content.decode()
    assert 'type="text" name="org"' in page
    assert "<option value=" not in page.split('name="org"', 1)[1].split("</div>", 1)[0]
    empty = "the whole organisation" if actor == "administrator" else "the highest unit you hold a role on"
    assert f"Type the unit&#x27;s code; leave empty for {empty}." in page

    response = client.get(url("report"), {"org": "class-8-3", "date_from": "2026-01-01", "date_to": "2026-12-31"})
    assert response.status_code == 200
    assert response.context["report"].total.values["participants"] == 45
    assert client.get(url("report"), {"org": "no-such-unit"}).status_code == 404
    if actor == "staff_a":
        assert client.get(url("report"), {"org": "station-b"}).status_code == 404
        assert client.get(url("export"), {"org": "school-b", "format": "csv"}).status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "pdf", "docx"])
def test_head_on_an_export_answers_without_building_it(client, figures, reviewer, monkeypatch, file_format):
    from campaigns.reports import summary

    def must_not_build(*args, **kwargs):
        raise AssertionError("HEAD built the report")

    monkeypatch.setattr(summary, "build", must_not_build)
    client.force_login(reviewer)
    query = {"format": file_format, "date_from": "2026-01-01", "date_to": "2026-12-31"}
    response = client.head(url("export"), query)
    assert response.status_code == 200
    # The file is named for the unit and the months, in the report's language.
    what = "figures" if file_format in ("csv", "xlsx") else "work-report"
    filename = f"Demo-County-Bureau-2026-01-to-2026-12-{what}.{file_format}"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert b"".join(response.streaming_content) == b""
    with pytest.raises(AssertionError, match="HEAD built the report"):
        client.get(url("export"), query)  # the same request as a GET does build it


def test_head_on_an_export_still_checks_access(client, figures, staff_a):
    client.force_login(staff_a)
    assert client.head(url("export"), {"format": "csv", "org": "station-b"}).status_code == 404
    client.force_login(make_user("nobody"))
    assert client.head(url("export"), {"format": "csv"}).status_code == 403


def test_a_chinese_export_is_named_in_chinese_with_an_rfc_6266_filename(client, figures, reviewer):
    from urllib.parse import quote

    client.force_login(reviewer)
    with translation.override("zh-hans"):
        path = reverse("reports:export")
    response = client.head(path, {"format": "docx", "date_from": "2026-01-01", "date_to": "2026-11-29"})
    name = "示范县公安局-2026年1-11月-工作汇报.docx"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(name)}"


def test_a_cached_report_page_is_served_whole_without_building_the_form_again(client, figures, staff_a, staff_b):
    query = {"preset": "this_year", "org": "station-a"}
    client.force_login(staff_a)
    with CaptureQueriesContext(connection) as built:
        first = client.get(url("report"), query)
    with CaptureQueriesContext(connection) as cached:
        second = client.get(url("report"), query)
    assert first.status_code == second.status_code == 200
    # The same form and report (the frame around them carries a fresh CSRF token).
    assert second.content.split(b"<h1>", 1)[1] == first.content.split(b"<h1>", 1)[1]
    page = second.content.decode()
    assert '<option value="this_year" selected>' in page and ">111<" in page  # the form as left, and the figures
    # Neither the form's choices (activity types, indicators) nor the report are read again.
    read = " ".join(query["sql"] for query in cached.captured_queries)
    assert "campaigns_activitytype" not in read and "campaigns_indicator" not in read
    assert "campaigns_activitytype" in " ".join(query["sql"] for query in built.captured_queries)
    # Another reader's scope is another page: the same query is theirs to answer.
    client.force_login(staff_b)
    assert client.get(url("report"), query).status_code == 404
    assert ">2,468<" in client.get(url("report"), {**query, "org": "station-b"}).content.decode()
