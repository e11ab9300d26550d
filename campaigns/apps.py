from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from django.db.models.signals import post_delete, pre_delete

        from scams import panels
        from scams.models import ScamType

        from .alerts.public import scam_type_panel
        from .materials.public import scam_type_panel as material_panel
        from .org.models import unit_moving
        from .reports.tag_deletes import after_tag_delete, before_tag_delete
        from .reports.unit_moves import follow_unit_move

        panels.register(scam_type_panel)
        panels.register(material_panel)
        # The summary tables follow a unit's move (campaigns.org.models.unit_moving).
        unit_moving.connect(follow_unit_move, dispatch_uid="summaries-follow-unit-moves")
        # The leaf facts keep each activity's tags (campaigns.reports.tag_deletes).
        for tag in (self.get_model("AudienceGroup"), ScamType):
            pre_delete.connect(before_tag_delete, sender=tag, dispatch_uid=f"facts-before-{tag.__name__}-delete")
            post_delete.connect(after_tag_delete, sender=tag, dispatch_uid=f"facts-after-{tag.__name__}-delete")
