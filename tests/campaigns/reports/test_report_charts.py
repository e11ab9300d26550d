"""The report's breakdown charts: the number of activities by default, or any indicator
picked in the filter form, with the choice in the link (and so in the cached body's key)."""

import colorsys
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.reports import charts
from tests.conftest import make_activity

DAY = datetime.date(2026, 3, 10)
PERIOD = {"date_from": "2026-01-01", "date_to": "2026-12-31", "org": "county"}


@pytest.fixture
def work(county, staff_a, staff_b):
    make_activity(county["a"], staff_a, status="approved", date=DAY, figures={"participants": 300})
    make_activity(county["school_a"], staff_a, status="approved", date=DAY, figures={"participants": 100})
    make_activity(county["b"], staff_b, status="approved", date=DAY, figures={"participants": 70})


def report(client, user, **query):
    client.force_login(user)
    with translation.override("en"):
        response = client.get(reverse("reports:report"), {**PERIOD, **query})
    assert response.status_code == 200
    return response


def unit_chart(response):
    """The SVG of the By unit section."""
    section = response.context["body"].split('aria-labelledby="section-org_unit"')[1].split("</section>")[0]
    return re.search(r"<svg .*?</svg>", section, re.S).group(0)


def bars(svg):
    """{label: value} of the bars, from each bar's own <title>."""
    return dict(re.findall(r"<rect [^>]*><title>([^<]+): ([\d,]+)</title></rect>", svg))


def test_the_charts_show_the_number_of_activities_by_default(client, work, reviewer):
    svg = unit_chart(report(client, reviewer))
    assert bars(svg) == {"East Town Station": "2", "West Town Station": "1"}
    assert (
        "<title>By unit: Number of activities. East Town Station 2 activities; West Town Station 1 activity.</title>"
        in svg
    )


def test_the_charts_show_a_chosen_indicator(client, work, reviewer):
    svg = unit_chart(report(client, reviewer, chart="participants"))
    assert bars(svg) == {"East Town Station": "400", "West Town Station": "70"}
    assert ">In-person participants (person-times)</text>" in svg  # the caption above the bars
    # Its figures in words, for a screen reader and for the tagged PDF's alternative text.
    words = (
        "By unit: In-person participants (person-times). "
        "East Town Station 400 person-times; West Town Station 70 person-times."
    )
    assert f"<title>{words}</title>" in svg and f'aria-label="{words}"' in svg


def test_the_filter_form_offers_every_active_indicator_to_chart(client, work, reviewer):
    page = report(client, reviewer).content.decode()
    select = re.search(r'<select name="chart".*?</select>', page, re.S).group(0)
    assert '<option value="" selected>Number of activities</option>' in select
    assert '<option value="participants">In-person participants</option>' in select


@pytest.mark.parametrize("code", ["no-such-indicator", "activities", "<script>"])
def test_an_unknown_chart_code_charts_the_number_of_activities(client, work, reviewer, code):
    svg = unit_chart(report(client, reviewer, chart=code))
    assert bars(svg) == {"East Town Station": "2", "West Town Station": "1"}


def test_the_cached_body_is_kept_per_chart_choice(client, work, reviewer):
    assert bars(unit_chart(report(client, reviewer)))["East Town Station"] == "2"  # cached now
    assert bars(unit_chart(report(client, reviewer, chart="participants")))["East Town Station"] == "400"
    assert bars(unit_chart(report(client, reviewer)))["East Town Station"] == "2"


def test_the_export_links_keep_the_chart_choice(client, work, reviewer):
    body = report(client, reviewer, chart="participants").context["body"]
    links = re.findall(r'href="([^"]*format=(?:pdf|docx)[^"]*)"', body)
    assert len(links) == 2 and all("chart=participants" in link for link in links)


def test_the_bars_are_a_calm_colour_and_the_chart_has_a_title_and_description():
    red, green, blue = (int(charts.BAR[index : index + 2], 16) / 255 for index in (1, 3, 5))
    hue = colorsys.rgb_to_hsv(red, green, blue)[0] * 360
    assert 150 <= hue <= 250  # teal to blue, far from an alarm red
    svg = str(charts.bar_chart([("A", 3)], "Title", measure="Things", description="Described"))
    assert 'role="img"' in svg and "<title>Title</title><desc>Described</desc>" in svg
