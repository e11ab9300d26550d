"""Units as forms offer them: only those within the user's reach."""

from campaigns.models import OrgUnit


def unit_choices(roles):
    """Units a user may log activities for: their subtrees (all units for administrators)."""
    units = OrgUnit.objects.active().select_related("kind")
    return units if roles.is_admin else units.filter(roles.visible("path"))
