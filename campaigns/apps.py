from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from scams import panels

        from .alerts.public import scam_type_panel
        from .materials.public import scam_type_panel as material_panel
        from .org.models import unit_moving
        from .reports.unit_moves import follow_unit_move

        panels.register(scam_type_panel)
        panels.register(material_panel)
        # The summary tables follow a unit's move (campaigns.org.models.unit_moving).
        unit_moving.connect(follow_unit_move, dispatch_uid="summaries-follow-unit-moves")
