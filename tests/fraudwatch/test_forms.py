"""The filter bars of both apps and the report's filters style their widgets one way."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from fraudwatch.core.forms import add_css_classes


def test_each_kind_of_widget_gets_its_bootstrap_class():
    class Sample(forms.Form):
        text = forms.CharField()
        choice = forms.ChoiceField(choices=[("a", "A")])
        many = forms.MultipleChoiceField(choices=[("a", "A")])
        ticked = forms.BooleanField()
        boxes = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
        own = forms.CharField(widget=forms.TextInput(attrs={"class": "mine"}))

    form = Sample()
    add_css_classes(form.fields)
    classes = {name: field.widget.attrs["class"] for name, field in form.fields.items()}
    assert classes == {
        "text": "form-control",
        "choice": "form-select",
        "many": "form-select",
        "ticked": "form-check-input",
        "boxes": "form-check-input",
        "own": "mine",
    }


@pytest.mark.parametrize(
    ("page", "select", "text"),
    [
        ("scams:list", 'name="category" class="form-select"', 'class="form-control" id="id_q"'),
        (
            "campaigns:activity-list",
            'name="status" class="form-select"',
            'type="date" name="date_from" class="form-control"',
        ),
        # The report opens on this year, so its date fields carry the dates it used.
        ("reports:report", 'name="preset" class="form-select"', 'class="form-control" id="id_date_from"'),
    ],
)
def test_the_filter_forms_render_with_those_classes(client, administrator, page, select, text):
    client.force_login(administrator)
    with translation.override("en"):
        body = client.get(reverse(page)).content.decode()
    assert select in body
    assert text in body
