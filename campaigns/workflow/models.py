"""The review workflow as a model mixin.

A reviewed model declares its steps (`STEPS`: which statuses each starts from and where it
leads, whether it needs a reason, whether its author may take it, whether it records or
forgets the review), who its authors are (`author_ids()`) and its refusals' wording. The
mixin takes a step with one conditional UPDATE on the row's status and `version`, so a step
based on a copy someone changed meanwhile is refused, and then lets the model record its
own history (`record_step`) and tell whatever follows its status (`step_taken`).

The mixin is an abstract model: it gives the model `return_reason`, `reviewed_by`,
`reviewed_at` and `version`; the model declares `status` with its own choices. Each step is
recorded in the model's step history: a subclass of `ReviewStep` whose `subject` points at
the model with related_name "review_steps" (activities keep their own, richer history).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkflowError(Exception):
    """A step the object's current state, its version or the person's part in it does not allow."""


@dataclass(frozen=True)
class Step:
    sources: tuple  # the statuses the step starts from
    target: str  # the status it leads to
    reason: bool = False  # a reason is required, and kept as `return_reason`
    four_eyes: bool = False  # nobody takes it on their own work (`may_be_approved_by`)
    review: bool | None = False  # True: the actor becomes the reviewer; None: the review is forgotten
    event: str = ""  # what the model's history calls it: a ReviewStep.Event (ActivityEvent.Action for activities)


class Reviewed(models.Model):
    """Mixed into a model reviewed before it counts or is shown: see the module's docstring."""

    # The same columns, names and options each reviewed model declared for itself before:
    # moving them here changed no table.
    return_reason = models.TextField(_("reason for return"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # Bumped by every workflow step (and every edit); a step based on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    # Each model declares these: its steps by name, and its refusals in its own words.
    STEPS = {}  # name -> Step
    FOUR_EYES_REFUSAL = ""  # "You cannot approve an … you created …"
    STALE_REFUSAL = ""  # "This … has changed since you opened it …"
    REASON_REFUSAL = _("Please give a reason.")

    def author_ids(self):
        """The pks of everyone whose work this is: none of them may approve it."""
        raise NotImplementedError

    def may_be_approved_by(self, user):
        """Four eyes: nobody approves their own work. The one rule the model, views,
        templates and queues ask."""
        return user.pk not in self.author_ids()

    def may_take(self, name):
        """Whether the object's current status allows the step `name`."""
        return self.status in self.STEPS[name].sources

    def take_step(self, name, by, reason=""):
        """Take the step `name` as `by`, or raise WorkflowError and change nothing."""
        step = self.STEPS[name]
        if step.four_eyes and not self.may_be_approved_by(by):
            raise WorkflowError(self.FOUR_EYES_REFUSAL)
        if step.reason and not reason.strip():
            raise WorkflowError(self.REASON_REFUSAL)
        with transaction.atomic():
            self._update(step, by, reason)

    def _update(self, step, by, reason):
        """Change status only if nobody changed the object meanwhile (one conditional UPDATE)."""
        now = timezone.now()
        changes = {"status": step.target, "version": F("version") + 1}
        if reason:
            changes["return_reason"] = reason
        if step.review:
            changes.update(reviewed_by=by, reviewed_at=now)
        elif step.review is None:
            changes.update(reviewed_by=None, reviewed_at=None)
        old_status = self.status
        rows = type(self)._default_manager.filter(pk=self.pk, status__in=step.sources, version=self.version)
        if not rows.update(**changes):
            raise WorkflowError(self.STALE_REFUSAL)
        self.refresh_from_db()
        self.step_taken(old_status)
        self.record_step(step, by, old_status, reason, now)

    def step_taken(self, old_status):
        """After the UPDATE, in its transaction: tell what follows the status (caches, pages)."""

    def step_history(self):
        """The steps taken on it, oldest first, with who took them: one query."""
        return self.review_steps.select_related("actor")

    def record_step(self, step, by, old_status, reason, at):
        """After the UPDATE, in its transaction: the entry in the model's step history."""
        self.review_steps.create(
            actor=by, at=at, event=step.event, old_status=old_status, new_status=self.status, reason=reason
        )


class ReviewStep(models.Model):
    """One workflow step taken on a reviewed object: who took it, when, from which status to
    which, with the reason given. Each reviewed model has its own table, a subclass declaring

        subject = models.ForeignKey(TheModel, on_delete=models.CASCADE, related_name="review_steps")

    so that a history is one indexed lookup on a real foreign key, deleted with its object."""

    class Event(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    event = models.CharField(_("step"), max_length=20, choices=Event.choices)
    # Statuses as stored, so the history still reads right if a status is ever renamed.
    old_status = models.CharField(_("status before"), max_length=20)
    new_status = models.CharField(_("status after"), max_length=20)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.subject_id} {self.event} {self.at:%Y-%m-%d %H:%M}"

    def _status_label(self, value):
        statuses = self._meta.get_field("subject").related_model.Status
        return statuses(value).label if value in statuses.values else value

    @property
    def old_status_label(self):
        return self._status_label(self.old_status)

    @property
    def new_status_label(self):
        return self._status_label(self.new_status)
