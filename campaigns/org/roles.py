"""Who may do what where. Roles are granted on a unit and cover its subtree."""

from django.db.models import Q

from .models import ADMINISTRATORS_GROUP, Membership, subtree_q


class Roles:
    """One user's roles, read once per request (see `for_request`)."""

    def __init__(self, user):
        self.user = user
        if not user.is_authenticated:
            self.is_admin, self.memberships = False, []
            return
        self.is_admin = user.is_superuser or user.groups.filter(name=ADMINISTRATORS_GROUP).exists()
        self.memberships = list(
            Membership.objects.filter(user=user, unit__active=True).select_related("unit", "unit__kind")
        )

    @classmethod
    def for_request(cls, request):
        if not hasattr(request, "_roles"):
            request._roles = cls(request.user)
        return request._roles

    def units(self, role=None):
        """Units the user holds `role` on (any role when None), without duplicates."""
        wanted = {Membership.Role.REVIEWER} if role == Membership.Role.REVIEWER else set(Membership.Role)
        return [membership.unit for membership in self.memberships if membership.role in wanted]

    def can_see(self, unit):
        return self.is_admin or any(held.contains(unit) for held in self.units())

    def can_log(self, unit):
        """Staff and reviewers log and edit activities anywhere in their subtrees."""
        return self.can_see(unit)

    def can_review(self, unit):
        return self.is_admin or any(held.contains(unit) for held in self.units(Membership.Role.REVIEWER))

    def can_import_approved(self):
        """Importing as approved skips review, so it is only for administrators loading
        historic records: anyone else would be approving their own work."""
        return self.is_admin

    @property
    def is_reviewer(self):
        return self.is_admin or bool(self.units(Membership.Role.REVIEWER))

    def visible(self, field="unit__path"):
        """A Q limiting rows to the units this user can see (everything for administrators)."""
        if self.is_admin:
            return Q()
        return subtree_q(self.units(), field)

    def reviewable(self, field="unit__path"):
        if self.is_admin:
            return Q()
        return subtree_q(self.units(Membership.Role.REVIEWER), field)
