from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from fraudwatch.core.bilingual import BilingualModel

ADMINISTRATORS_GROUP = "administrators"

# Sent in the transaction of a unit's move, before its subtree moves, with `unit`: what
# keeps figures by unit (the reports' summary tables, whose room connects to it) reads
# the unit's old place and returns what to run once the subtree hangs in its new one.
# The room of units need not know who keeps what, and every way of moving a unit (the
# admin's drag and drop and form, imports, the shell) passes through the manager's move.
unit_moving = Signal()


class UnitKind(BilingualModel, models.Model):
    """Bureau, town, police station, school …; administrators can add more."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("unit kind")
        verbose_name_plural = _("unit kinds")
        ordering = ["position", "code"]

    def __str__(self):
        return str(self.t.name)


class OrgUnitQuerySet(MP_NodeQuerySet):
    def active(self):
        return self.filter(active=True)

    def subtree_of(self, *units):
        """These units and everything under them: one indexed prefix match per unit."""
        return self.filter(subtree_q(units))


class OrgUnitManager(MP_NodeManager.from_queryset(OrgUnitQuerySet)):
    """treebeard's manager (add_root, add_child, move) returning our queryset."""

    def get_queryset(self):
        return OrgUnitQuerySet(self.model, using=self._db).order_by("path")

    def move(self, node, target, pos=None):
        """treebeard's move (the admin, its drag and drop, and unit imports all come here),
        with whatever `unit_moving`'s receivers keep by unit following the subtree."""
        with transaction.atomic():
            afterwards = [after for _, after in unit_moving.send(sender=self.model, unit=node) if after]
            moved = super().move(node, target, pos)
            for after in afterwards:
                after()
        return moved


def subtree_q(units, field="path"):
    """A Q matching rows whose `field` lies in the subtree of any of `units`."""
    condition = models.Q(pk__in=[])
    for unit in units:
        condition |= models.Q(**{f"{field}__startswith": unit.path})
    return condition


class OrgUnit(BilingualModel, MP_Node):
    """A unit of the organisation tree, stored as a materialised path (django-treebeard):
    a unit's subtree is every row whose path starts with its path."""

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Short unique code, e.g. a station number. Letters, digits, hyphens and underscores."),
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    kind = models.ForeignKey(UnitKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="units")
    active = models.BooleanField(_("active"), default=True)
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Residents the unit serves, for case and outreach rates per 10,000 residents; blank if unknown."),
    )

    objects = OrgUnitManager()

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]

    def __str__(self):
        # People read a unit's name; its code is for imports and the admin's search.
        return str(self.t.name)

    def ancestor_paths(self):
        """Paths of this unit's ancestors, root first, computed without a query."""
        step = self.steplen
        return [self.path[:end] for end in range(step, len(self.path), step)]

    def contains(self, other):
        """True when `other` is this unit or lies under it."""
        return other.path.startswith(self.path)


class Membership(models.Model):
    """A role held on a unit; it covers the unit's whole subtree."""

    class Role(models.TextChoices):
        STAFF = "staff", _("staff")
        REVIEWER = "reviewer", _("reviewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["user", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_one_per_user_and_unit"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} @ {self.unit}"
