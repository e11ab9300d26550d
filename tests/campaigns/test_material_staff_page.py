"""Staff's material page: their units' material not yet published (returned first), the
fill-in letters for their units, and the published library with the public filters."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_material


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def shelf(county, staff_a, staff_b):
    return {
        "bundled": make_material(title_en="Bundled poster", kind="poster"),
        "letter": make_material(slug="letter-to-parents", kind="letter_to_parents", title_en="A letter to parents"),
        "other_unit": make_material(county["b"], staff_b, title_en="West poster", kind="leaflet"),
        "draft": make_material(county["a"], staff_a, status="draft", title_en="Our draft"),
        "returned": make_material(
            county["a"], staff_a, status="returned", title_en="Our returned one", return_reason="Fix the hotline"
        ),
        "foreign_draft": make_material(county["b"], staff_b, status="draft", title_en="West draft"),
    }


def test_staff_see_the_published_library_below_their_units_work(client, staff_a, shelf):
    client.force_login(staff_a)
    page = client.get(url("campaigns:material-list")).content.decode()
    assert "No material yet." not in page
    work, library = page.split('id="library-title"')
    # Their unit's unpublished material, the returned one first with its reason.
    assert work.index("Our returned one") < work.index("Our draft")
    assert "Fix the hotline" in work
    assert "West draft" not in page
    # The whole published library, whoever published it.
    for title in ["Bundled poster", "A letter to parents", "West poster"]:
        assert title in library
    assert "Our draft" not in library
    assert "3 items found." in library


def test_the_library_filters_as_the_public_one_does(client, staff_a, shelf):
    client.force_login(staff_a)
    page = client.get(url("campaigns:material-list"), {"kind": "leaflet"}).content.decode()
    library = page.split('id="library-title"')[1]
    assert "West poster" in library and "Bundled poster" not in library
    assert "1 item found." in library


def test_the_fill_in_letters_are_offered_for_the_staff_members_units(client, staff_a, shelf, county):
    client.force_login(staff_a)
    page = client.get(url("campaigns:material-list")).content.decode()
    letters = page.split('id="letters-title"')[1].split('id="library-title"')[0]
    assert "A letter to parents" in letters
    assert f'action="{url("campaigns:material-letter", shelf["letter"].pk)}"' in letters
    assert county["a"].name_en in letters and county["b"].name_en not in letters
    # Each form's fields have ids of their own.
    assert 'id="id_letter-to-parents_unit"' in letters


def test_the_page_runs_a_fixed_number_of_queries(client, staff_a, shelf, county, django_assert_max_num_queries):
    client.force_login(staff_a)
    client.get(url("campaigns:material-list"))
    for number in range(30):
        make_material(title_en=f"Poster {number}")
        make_material(county["a"], staff_a, status="draft", title_en=f"Draft {number}")
    with django_assert_max_num_queries(20):
        response = client.get(url("campaigns:material-list"))
    assert "Poster 29" in response.content.decode() and "Draft 29" in response.content.decode()
