from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FraudwatchConfig(AppConfig):
    """The project itself: the home page, health check, sign-in, backup and restore."""

    name = "fraudwatch"
    verbose_name = _("FraudWatch")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)

        _name_the_empty_choice()


# What an unchosen select reads, in the reader's language, instead of Django's "---------".
EMPTY_CHOICE = _("— choose —")


def _name_the_empty_choice():
    """Django draws the empty choice of every select (model fields with choices, foreign
    keys, the admin's actions) as "---------", which says nothing, in any language, and
    offers no setting to change it. Its one shared list is changed in place, so the
    default arguments that already hold it see the new label, and ModelChoiceField's
    default empty label follows."""
    from django.db.models import fields
    from django.forms import models as form_models

    fields.BLANK_CHOICE_DASH[:] = [("", EMPTY_CHOICE)]
    form_models.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = EMPTY_CHOICE
