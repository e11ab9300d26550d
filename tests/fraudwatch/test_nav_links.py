"""For every role, every link in the navigation answers 200 for that role: the menus
offer only what the person may use."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_user


class NavLinks(HTMLParser):
    """The href of every <a> inside a <header> or <nav>."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in ("header", "nav"):
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("header", "nav"):
            self.depth -= 1


def nav_links(html):
    parser = NavLinks()
    parser.feed(html)
    return [link for link in parser.links if not link.startswith("#")]


def pages_for(actor):
    """Pages whose navigation the actor sees: the home page, and the staff pages."""
    names = ["home"] if actor == "anonymous" else ["home", "campaigns:my-work", "campaigns:activity-list"]
    urls = []
    for language in ("en", "zh-hans"):
        with translation.override(language):
            urls.extend(reverse(name) for name in names)
    return urls


@pytest.mark.parametrize("actor", ["anonymous", "staff_a", "staff_b", "reviewer", "administrator", "no_role"])
def test_every_link_in_the_navigation_answers_200_for_that_role(world, actor):
    client = Client()
    if actor == "no_role":
        client.force_login(make_user("nobody"))
    elif actor != "anonymous":
        client.force_login(world["users"][actor])
    links = set()
    for page in pages_for(actor):
        response = client.get(page)
        assert response.status_code == 200, page
        links.update(nav_links(response.content.decode()))
    assert len(links) >= 6, links
    answers = {}
    for link in sorted(links):
        response = client.get(link)
        if "size=" in link and response.status_code == 302:
            # The text-size link sets the size in one tap and goes back to the page.
            response = client.get(response["Location"])
        answers[link] = response.status_code
    assert {link: status for link, status in answers.items() if status != 200} == {}


def subnav_labels(client):
    with translation.override("en"):
        html = client.get(reverse("campaigns:activity-list")).content.decode()
    return html.split('<nav class="subnav', 1)[1].split("</nav>", 1)[0]


def test_staff_see_no_review_queue_and_reviewers_do(client, world):
    client.force_login(world["users"]["staff_a"])
    staff = subnav_labels(client)
    client.force_login(world["users"]["reviewer"])
    reviewer = subnav_labels(client)
    assert "Review queue" not in staff and "Log an activity" in staff and "Import" in staff
    assert "Review queue" in reviewer


def test_someone_without_a_role_is_offered_neither_logging_nor_import(client, world):
    client.force_login(make_user("nobody"))
    nav = subnav_labels(client)
    assert "Log an activity" not in nav and "Import" not in nav and "Review queue" not in nav
    assert "Activities" in nav and "Campaigns" in nav
