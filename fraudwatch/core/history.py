"""django-simple-history's HistoricalRecords with names a reader sees in their language.

The library names its history models in English ("historical campaign",
"HistoricalCampaign_units"), and the admin shows those names in its permission lists;
here they go through the project's catalogue instead, and stay lazy so that each page
shows them in its reader's language."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TranslatedHistoricalRecords(HistoricalRecords):
    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        if not self.user_set_verbose_name:
            options["verbose_name"] = format_lazy(_("historical {}"), model._meta.verbose_name)
        if not self.user_set_verbose_name_plural:
            options["verbose_name_plural"] = format_lazy(_("historical {}"), model._meta.verbose_name_plural)
        return options

    def get_meta_options_m2m(self, through_model):
        options = super().get_meta_options_m2m(through_model)
        # An automatic through model names, in `auto_created`, the model holding the field.
        source = through_model._meta.auto_created
        field = next(
            (field for field in source._meta.many_to_many if field.remote_field.through is through_model), None
        )
        if field is not None:
            name = format_lazy(
                _("history of {model}: {field}"), model=source._meta.verbose_name, field=field.verbose_name
            )
            options["verbose_name"] = options["verbose_name_plural"] = name
        return options
