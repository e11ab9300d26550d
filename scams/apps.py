from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScamsConfig(AppConfig):
    name = "scams"
    verbose_name = _("Scam catalogue")
