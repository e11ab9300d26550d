"""Other apps add sections to a scam type's page through scams.panels."""

import pytest
from django.utils.html import format_html

from scams import panels
from tests.conftest import make_scam_type


@pytest.fixture
def only_these_panels(monkeypatch):
    monkeypatch.setattr(panels, "_panels", [])
    return panels


@pytest.mark.django_db
def test_a_registered_panel_shows_on_the_page_of_its_type(client, only_these_panels):
    @only_these_panels.register
    def greeting(request, scam):
        return format_html('<p class="panel-test">Panel for {}</p>', scam.slug)

    scam = make_scam_type()
    response = client.get(f"/en/scams/{scam.slug}/")
    assert f'<p class="panel-test">Panel for {scam.slug}</p>' in response.content.decode()


@pytest.mark.django_db
def test_a_panel_with_nothing_to_show_leaves_no_trace(client, only_these_panels):
    only_these_panels.register(lambda request, scam: "")
    scam = make_scam_type()
    response = client.get(f"/en/scams/{scam.slug}/")
    assert response.context["panels"] == []


def test_registering_twice_shows_a_panel_once(only_these_panels):
    def panel(request, scam):
        return "x"

    only_these_panels.register(panel)
    only_these_panels.register(panel)
    assert only_these_panels.render(None, None) == ["x"]
