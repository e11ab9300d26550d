from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FraudwatchConfig(AppConfig):
    """The project itself: the home page, health check, sign-in, backup and restore."""

    name = "fraudwatch"
    verbose_name = _("FraudWatch")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
