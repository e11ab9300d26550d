import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from fraudwatch.core.forms import add_css_classes

from . import search
from .models import ScamType, Tag


class ScamTypeFilter(django_filters.FilterSet):
    """Catalogue search and filters. Choices come from rows the view has already
    loaded, so validating and rendering the form costs no query of its own."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. refund, police, loan")}),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), method="filter_category", empty_label=_("All categories")
    )
    channel = django_filters.ChoiceFilter(label=_("Contact channel"), method="filter_tag", empty_label=_("Any channel"))
    audience = django_filters.ChoiceFilter(label=_("Who it targets"), method="filter_tag", empty_label=_("Anyone"))

    class Meta:
        model = ScamType
        fields = []

    def __init__(self, data, queryset, *, categories, tags, language):
        super().__init__(data, queryset=queryset)
        self.language = language
        self.categories = {category.code: category for category in categories}
        self.tags = {(tag.kind, tag.code): tag for tag in tags}
        self.filters["category"].extra["choices"] = [
            (category.code, category.t.name if category.parent_id is None else f"— {category.t.name}")
            for category in categories
        ]
        for name, kind in (("channel", Tag.Kind.CHANNEL), ("audience", Tag.Kind.AUDIENCE)):
            self.filters[name].extra["choices"] = [(tag.code, tag.t.name) for tag in tags if tag.kind == kind]

    @property
    def form(self):
        form = super().form
        add_css_classes(form.fields)
        return form

    @property
    def searched(self):
        """The words searched for, once the form has accepted them."""
        return self.form.is_valid() and self.form.cleaned_data.get("q")

    def filter_search(self, queryset, name, value):
        # Cap the work one request can ask for: a search box holds a question, not an essay.
        return queryset.in_order(search.search(value[:200], self.language))

    def filter_category(self, queryset, name, value):
        return queryset.in_category(self.categories[value])

    def filter_tag(self, queryset, name, value):
        kind = Tag.Kind.CHANNEL if name == "channel" else Tag.Kind.AUDIENCE
        return queryset.tagged(self.tags[(kind, value)])
