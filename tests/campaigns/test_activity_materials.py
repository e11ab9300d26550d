"""Activities say which material they used: chosen on the log/edit form from the published
library and the user's units' own material, shown on the activity's page, kept in its history."""

import pytest

from campaigns.models import Activity, ActivityEvent, ActivityType
from tests.campaigns.test_activity_edit import activity_form, url
from tests.conftest import make_activity, make_material


@pytest.fixture
def library(county, staff_a, staff_b):
    class_meeting = ActivityType.objects.get(code="class_meeting")
    suggested = make_material(slug="class-slides", title_en="Class meeting slides", kind="slides")
    suggested.activity_types.set([class_meeting])
    return {
        "published": make_material(slug="poster-one", title_en="Poster one"),
        "suggested": suggested,
        "own_draft": make_material(county["a"], staff_a, status="draft", slug="east-draft", title_en="East draft"),
        "foreign_draft": make_material(county["b"], staff_b, status="draft", slug="west-draft", title_en="West draft"),
    }


@pytest.fixture
def as_staff_a(client, staff_a):
    client.force_login(staff_a)
    return client


def test_the_form_offers_published_and_own_material_as_checkboxes(as_staff_a, library):
    content = as_staff_a.get(url("activity-new")).content.decode()

    for material in ("published", "suggested", "own_draft"):
        assert f'type="checkbox" class="form-check-input"  name="materials" value="{library[material].pk}"' in content
    assert "West draft" not in content
    assert "Poster one · Poster" in content  # the title and the kind


def test_staff_log_the_material_they_used_and_see_it_on_the_page(as_staff_a, county, library):
    chosen = [library["published"].pk, library["own_draft"].pk]

    response = as_staff_a.post(url("activity-new"), activity_form(county["school_a"], materials=chosen))

    activity = Activity.objects.get()
    assert response.status_code == 302
    assert set(activity.materials.values_list("slug", flat=True)) == {"poster-one", "east-draft"}
    page = as_staff_a.get(activity.get_absolute_url()).content.decode()
    assert "Material used" in page
    assert f'href="{library["published"].get_absolute_url()}">Poster one</a>' in page
    assert "East draft" in page  # a draft: named, not linked to a public page
    assert "Class meeting slides" not in page


def test_another_units_draft_is_not_accepted(as_staff_a, county, library):
    response = as_staff_a.post(
        url("activity-new"), activity_form(county["school_a"], materials=[library["foreign_draft"].pk])
    )

    assert response.status_code == 200
    assert "materials" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_an_edit_of_the_material_used_is_in_the_history(client, county, staff_a, reviewer, library):
    activity = make_activity(county["a"], staff_a, activity_type=ActivityType.objects.get(code="class_meeting"))
    activity.materials.set([library["published"]])
    client.force_login(staff_a)
    form = activity_form(county["a"], materials=[library["suggested"].pk], version=activity.version)

    response = client.post(url("activity-edit", activity.pk), form)

    assert response.status_code == 302
    event = ActivityEvent.objects.get(activity=activity, action=ActivityEvent.Action.EDITED)
    assert {"field": "materials", "old": "poster-one", "new": "class-slides"} in event.changes
    client.force_login(reviewer)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Material used: poster-one → class-slides" in page


def test_material_suggested_for_the_activity_type_comes_first_when_editing(as_staff_a, county, staff_a, library):
    activity = make_activity(county["a"], staff_a, activity_type=ActivityType.objects.get(code="class_meeting"))

    content = as_staff_a.get(url("activity-edit", activity.pk)).content.decode()

    assert content.index("Class meeting slides") < content.index("Poster one")


def test_material_an_activity_names_stays_offered_after_it_leaves_the_library(
    as_staff_a, county, staff_a, library, reviewer
):
    returned = make_material(county["b"], reviewer, status="returned", slug="was-public", title_en="Was public")
    activity = make_activity(county["a"], staff_a)
    activity.materials.set([returned])

    content = as_staff_a.get(url("activity-edit", activity.pk)).content.decode()

    checkbox = f'name="materials" value="{returned.pk}"'
    assert checkbox in content
    assert "checked" in content.split(checkbox)[1].split(">")[0]
