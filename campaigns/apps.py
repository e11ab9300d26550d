from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from scams import panels

        from .alerts.public import scam_type_panel
        from .materials.public import scam_type_panel as material_panel

        panels.register(scam_type_panel)
        panels.register(material_panel)
