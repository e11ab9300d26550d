"""A long type's leaflet shows fewer items, never smaller type (scams.leaflet_fit)."""

import pytest
from django.utils import translation

from scams import leaflet_fit
from scams.models import ScamType
from tests.conftest import make_scam_type

pytestmark = pytest.mark.django_db

SHORT = "短句"
LONG = "这是一条很长很长的提醒，" * 9


def lines(text, count):
    return "\n".join(f"{text}{number}" for number in range(count))


def fitted(scam, language="zh-hans"):
    with translation.override(language):
        return leaflet_fit.fit(ScamType.objects.get(pk=scam.pk), with_recovery=True)


def test_a_short_type_keeps_the_most_of_each_list():
    scam = make_scam_type(**{f"{name}_zh": lines(SHORT, 5) for name in leaflet_fit.MOST})
    chosen = fitted(scam)
    assert {name: len(getattr(chosen, name)) for name in leaflet_fit.MOST} == leaflet_fit.MOST


def test_a_long_type_leaves_off_the_last_items_of_each_list_in_turn_never_the_first():
    scam = make_scam_type(**{f"{name}_zh": lines(LONG, 5) for name in leaflet_fit.MOST})
    chosen = fitted(scam)
    counts = {name: len(getattr(chosen, name)) for name in leaflet_fit.MOST}
    assert all(count >= 1 for count in counts.values())
    assert sum(counts.values()) < sum(leaflet_fit.MOST.values())
    for name in leaflet_fit.MOST:
        assert [str(item) for item in getattr(chosen, name)] == [f"{LONG}{number}" for number in range(counts[name])]
    # In turn: no list is down to one item while another, earlier in the turn, has more than two.
    assert max(counts.values()) - min(counts.values()) <= 2


def test_the_page_is_estimated_higher_the_longer_its_lists():
    scam = make_scam_type(**{f"{name}_zh": lines(LONG, 3) for name in leaflet_fit.MOST})
    with translation.override("zh-hans"):
        scam = ScamType.objects.get(pk=scam.pk)
        page = leaflet_fit._Page(scam, (), leaflet_fit.SCRIPTS["zh"], with_recovery=True)
        full = leaflet_fit.Fit(**{name: scam.t.lines(name) for name in leaflet_fit.MOST})
        shorter = leaflet_fit.Fit(**{name: scam.t.lines(name)[:1] for name in leaflet_fit.MOST})
        assert page.height(full) > page.height(shorter)


def test_the_leaflet_prints_the_items_the_rule_chose(client):
    scam = make_scam_type(**{f"{name}_zh": lines(f"{LONG}{name}", 5) for name in leaflet_fit.MOST})
    chosen = fitted(scam)
    html = client.get(f"/zh-hans/scams/{scam.slug}/print/").content.decode()
    html = html[html.index('<div class="leaflet-advice">') :]  # not the picture's red flags, which quote signs too
    for name in leaflet_fit.MOST:
        printed = [number for number in range(5) if f"{LONG}{name}{number}</li>" in html]
        assert printed == list(range(len(getattr(chosen, name)))), name
        assert printed, name
