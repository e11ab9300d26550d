"""The public sees an alert only once it is approved, and only from its first day to its
last: on the alert list, the alert's own page, the home page, the pages of its scam types
and the Atom feed."""

import datetime
from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree as ET
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import beijing_morning, make_alert, make_scam_type, make_user

ATOM = "{http://www.w3.org/2005/Atom}"


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def public_texts(client, scam):
    """Every public page an alert may appear on, as one text per place."""
    return {
        "list": client.get(url("alerts:list")).content.decode(),
        "home": client.get(url("home")).content.decode(),
        "scam type": client.get(scam.get_absolute_url()).content.decode(),
        "feed": client.get(url("alerts:feed")).content.decode(),
    }


def places_showing(client, scam, title):
    return sorted(place for place, text in public_texts(client, scam).items() if title in text)


def count_queries(client, path):
    cache.clear()  # measure the uncached path
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.fixture
def scam(db):
    with translation.override("en"):
        return make_scam_type()


@pytest.fixture
def author(county):
    return make_user("author", (county["a"], "staff"))


def test_a_current_approved_alert_is_shown_everywhere(client, county, author, scam):
    alert = make_alert(county["a"], author, status="approved", scam_types=[scam], title_en="Fake police calls")
    assert places_showing(client, scam, "Fake police calls") == ["feed", "home", "list", "scam type"]
    page = client.get(url("alerts:detail", alert.pk))
    assert page.status_code == 200
    assert "People are calling as the police" in page.content.decode()


@pytest.mark.parametrize(
    ("status", "days"),
    [
        ("approved", (-10, -1)),  # ended yesterday
        ("approved", (1, 5)),  # starts tomorrow
        ("draft", (-1, 7)),
        ("submitted", (-1, 7)),
        ("returned", (-1, 7)),
    ],
)
def test_an_alert_outside_its_dates_or_not_approved_is_shown_nowhere(client, county, author, scam, status, days):
    alert = make_alert(county["a"], author, status=status, days=days, scam_types=[scam], title_en="Hidden alert")
    assert places_showing(client, scam, "Hidden alert") == []
    assert client.get(url("alerts:detail", alert.pk)).status_code == 404


def test_an_alert_appears_on_its_first_day_and_goes_after_its_last(each_edge_day, clock, client, county, author, scam):
    today = timezone.localdate()
    make_alert(county["a"], author, status="approved", days=(1, 2), scam_types=[scam], title_en="Alert from tomorrow")
    assert places_showing(client, scam, "Alert from tomorrow") == []  # and the pages are now cached
    for offset, shown in ((1, True), (2, True), (3, False)):
        day = today + datetime.timedelta(days=offset)
        # Just after midnight in Beijing: in UTC it is still the day before.
        clock.move_to(beijing_morning(day, 0, 5), tick=False)
        places = places_showing(client, scam, "Alert from tomorrow")
        assert places == (["feed", "home", "list", "scam type"] if shown else []), day


def test_approving_refreshes_the_cached_public_pages(
    client, county, author, reviewer, scam, django_capture_on_commit_callbacks
):
    alert = make_alert(county["a"], author, status="submitted", scam_types=[scam], title_en="Fresh alert")
    assert places_showing(client, scam, "Fresh alert") == []  # cached without it
    with django_capture_on_commit_callbacks(execute=True):
        alert.approve(by=reviewer)
    assert places_showing(client, scam, "Fresh alert") == ["feed", "home", "list", "scam type"]


def test_editing_or_withdrawing_an_approved_alert_takes_it_off_at_once(
    client, county, author, reviewer, scam, django_capture_on_commit_callbacks
):
    from tests.campaigns.test_alerts import alert_form

    edited = make_alert(county["a"], author, status="approved", scam_types=[scam], title_en="Edited alert")
    withdrawn = make_alert(county["a"], author, status="approved", scam_types=[scam], title_en="Withdrawn alert")
    assert places_showing(client, scam, "Edited alert") == ["feed", "home", "list", "scam type"]
    staff = type(client)()
    staff.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        form = alert_form(county["a"], title_en="Edited alert", body_en="Changed.", scam_types=[scam.pk])
        assert staff.post(url("campaigns:alert-edit", edited.pk), form).status_code == 302
    assert places_showing(client, scam, "Edited alert") == []
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.return_to_author(by=reviewer, reason="Not in our area.")
    assert places_showing(client, scam, "Withdrawn alert") == []


def test_the_list_is_newest_first_and_the_home_page_shows_the_latest_three(client, county, author):
    for offset in range(4):
        make_alert(county["a"], author, status="approved", days=(-offset, 5), title_en=f"Alert started {offset} ago")
    listing = client.get(url("alerts:list")).content.decode()
    positions = [listing.index(f"Alert started {offset} ago") for offset in range(4)]
    assert positions == sorted(positions)
    home = client.get(url("home")).content.decode()
    assert [f"Alert started {offset} ago" in home for offset in range(4)] == [True, True, True, False]


def test_a_scam_type_page_shows_only_its_own_alerts(client, county, author, scam):
    other = make_scam_type()
    make_alert(county["a"], author, status="approved", scam_types=[scam], title_en="About this type")
    make_alert(county["a"], author, status="approved", scam_types=[other], title_en="About another type")
    with translation.override("en"):
        page = client.get(scam.get_absolute_url()).content.decode()
    assert "About this type" in page
    assert "About another type" not in page


def test_an_alert_in_one_language_shows_in_it_on_both_pages_marked(client, county, author):
    make_alert(county["a"], author, status="approved", title_zh="", body_zh="", title_en="Only English", body_en="Text")
    make_alert(county["a"], author, status="approved", title_en="", body_en="", title_zh="只有中文", body_zh="正文")
    chinese = client.get(url("alerts:list", language="zh-hans")).content.decode()
    english = client.get(url("alerts:list")).content.decode()
    assert '<span lang="en">Only English</span>' in chinese
    assert '<span lang="zh-Hans" class="fallback">只有中文</span>' in english


def test_alert_text_is_escaped(client, county, author):
    make_alert(county["a"], author, status="approved", title_en="<script>x</script>", body_en="<b>bold</b>")
    page = client.get(url("alerts:list")).content.decode()
    feed = client.get(url("alerts:feed")).content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page
    assert "<b>" not in feed and "&amp;lt;b&amp;gt;" in feed  # escaped HTML, escaped again as XML


class TestFeed:
    @pytest.fixture
    def feed(self, client, county, author, scam):
        make_alert(county["a"], author, status="approved", scam_types=[scam], title_en="First alert")
        make_alert(county["b"], author, status="approved", days=(-3, 1), title_en="Second alert", body_en="Line\nTwo")
        make_alert(county["a"], author, status="approved", days=(-9, -2), title_en="Expired alert")
        response = client.get(url("alerts:feed"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        return ET.fromstring(response.content)

    def test_is_atom_with_the_required_feed_elements(self, feed):
        assert feed.tag == f"{ATOM}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        for name in ("id", "title", "updated"):
            assert len(feed.findall(f"{ATOM}{name}")) == 1, name
            assert feed.find(f"{ATOM}{name}").text.strip(), name
        assert urlsplit(feed.find(f"{ATOM}id").text).scheme == "http"  # an absolute IRI
        # RFC 4287: an author for the feed, unless every entry names one.
        assert feed.find(f"{ATOM}author/{ATOM}name").text == "FraudWatch"
        links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        assert links == {"alternate": "http://testserver/en/alerts/", "self": "http://testserver/en/alerts/feed/"}

    def test_entries_have_id_title_updated_and_a_link_to_the_alert_page(self, client, feed):
        entries = feed.findall(f"{ATOM}entry")
        assert [entry.find(f"{ATOM}title").text for entry in entries] == ["First alert", "Second alert"]
        ids = set()
        for entry in entries:
            for name in ("id", "title", "updated"):
                assert len(entry.findall(f"{ATOM}{name}")) == 1, name
            updated = entry.find(f"{ATOM}updated").text
            assert datetime.datetime.fromisoformat(updated).tzinfo is not None  # RFC 3339, with a zone
            (link,) = entry.findall(f"{ATOM}link")
            assert link.get("rel") == "alternate"
            page = client.get(urlsplit(link.get("href")).path)
            assert page.status_code == 200
            assert entry.find(f"{ATOM}title").text in page.content.decode()
            ids.add(entry.find(f"{ATOM}id").text)
        assert len(ids) == len(entries)
        assert feed.find(f"{ATOM}updated").text == max(entry.find(f"{ATOM}updated").text for entry in entries)

    def test_summary_keeps_the_area_dates_and_lines(self, feed):
        second = feed.findall(f"{ATOM}entry")[1]
        summary = second.find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        assert "West Town Station" in summary.text
        assert "Line<br>Two" in summary.text

    def test_an_empty_feed_is_still_valid(self, client, db):
        feed = ET.fromstring(client.get(url("alerts:feed")).content)
        assert feed.find(f"{ATOM}updated").text
        assert feed.findall(f"{ATOM}entry") == []

    def test_the_chinese_feed_speaks_chinese(self, client, county, author):
        make_alert(county["a"], author, status="approved", title_zh="中文标题")
        feed = ET.fromstring(client.get(url("alerts:feed", language="zh-hans")).content)
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"
        assert feed.find(f"{ATOM}entry/{ATOM}title").text == "中文标题"
        assert feed.find(f"{ATOM}link").get("href").endswith("/zh-hans/alerts/")


def test_an_entry_is_dated_when_it_reached_the_public_not_when_it_was_approved(client, county, author):
    approved_at = timezone.now() - datetime.timedelta(days=5)
    alert = make_alert(county["a"], author, status="approved", days=(-1, 3), reviewed_at=approved_at)
    first_day = timezone.make_aware(datetime.datetime.combine(alert.start, datetime.time.min))
    assert alert.published_at() == first_day


@pytest.mark.parametrize("name", ["alerts:list", "home", "scams:detail", "alerts:feed"])
def test_public_pages_run_a_fixed_number_of_queries(client, county, author, scam, name):
    make_alert(county["a"], author, status="approved", scam_types=[scam])
    path = scam.get_absolute_url() if name == "scams:detail" else url(name)
    few = count_queries(client, path)
    others = [make_scam_type() for _ in range(3)]
    for number in range(30):
        make_alert(
            county["school_a"] if number % 2 else county["b"],
            author,
            status="approved",
            scam_types=[scam, others[number % 3]],
        )
    assert count_queries(client, path) == few
    budgets = {"alerts:list": 3, "alerts:feed": 1}  # list: count, page, scam types
    if name in budgets:
        assert few == budgets[name]


def test_the_scam_type_panel_is_one_query(county, author, scam, rf, django_assert_num_queries):
    from campaigns.alerts.public import scam_type_panel

    for _ in range(5):
        make_alert(county["a"], author, status="approved", scam_types=[scam])
    with translation.override("en"), django_assert_num_queries(1):
        html = scam_type_panel(rf.get("/"), scam)
    assert html.count('class="card alert-card') == 5
