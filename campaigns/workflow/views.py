"""The review pages' view helpers, which activities, alerts and material share: check that the
user may change or review the object they fetched, ask first (a confirmation page, or a page
asking for a reason) on GET, and on POST try the model's step and say how it went.

A page that asks first carries the version of the object it showed; the step is taken on that
version, so a step from a page opened before someone else changed the object is refused."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import WorkflowError
from campaigns.org.roles import Roles
from campaigns.workflow.forms import ReasonForm


def editable(request, obj, refusal):
    """`obj`, already fetched for the user (404 for outsiders), if they may change it now:
    it is in an editable state and under a unit they log for. 403 with `refusal` otherwise."""
    if not obj.is_editable or obj.unit_id is None or not Roles.for_request(request).can_log(obj.unit):
        raise PermissionDenied(refusal)
    return obj


def reviewable(request, obj):
    """`obj`, already fetched for the user, if they review its unit; 403 otherwise."""
    if obj.unit_id is None or not Roles.for_request(request).can_review(obj.unit):
        raise PermissionDenied(_("Only a reviewer for this unit can do that."))
    return obj


def approvable(request, obj):
    """403 for the object's own authors: four eyes (the model's `may_be_approved_by`)."""
    if not obj.may_be_approved_by(request.user):
        raise PermissionDenied(obj.FOUR_EYES_REFUSAL)
    return obj


def as_seen(request, obj):
    """`obj` at the version the page that asked showed, when it says which."""
    seen = request.POST.get("seen_version", "")
    if seen.isdigit():
        obj.version = int(seen)
    return obj


def try_step(request, obj, step, success, back=None, then=None):
    """Run `step`, a model's workflow step on `obj`, at the version the page showed. A step the
    model refuses (someone changed the object meanwhile, it is in the wrong state, or a rule
    forbids it) is shown as an error rather than a server error. Then go `back` (a URL or an
    object with a page; `obj` when not given), or on success where `then()` says."""
    as_seen(request, obj)
    try:
        step()
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
        if then:
            return then()
    return redirect(back or obj)


def confirm_page(request, obj, action, title, question, *, name, back_url, queue=None, about=None):
    """Ask `question` before the step the URL named `action` does to `obj`, shown as `name`
    linking to `back_url`, or as `about` (HTML) when given. `queue` is the review queue's
    place, carried on when it is given."""
    context = {
        "title": title,
        "question": question,
        "action_url": reverse(action, args=[obj.pk]),
        "version": getattr(obj, "version", None),
        "name": name,
        "back_url": back_url,
        "queue": queue,
        "about": about,
    }
    return render(request, "campaigns/workflow/workflow_confirm.html", context)


def reason_page(request, obj, action, title, form, *, name, back_url, queue=None, about=None):
    """Ask for the reason (`form`) before the step the URL named `action` does to `obj`;
    `queue` and `about` as for confirm_page."""
    context = {
        "title": title,
        "form": form,
        "action_url": reverse(action, args=[obj.pk]),
        "version": obj.version,
        "name": name,
        "back_url": back_url,
        "queue": queue,
        "about": about,
    }
    return render(request, "campaigns/workflow/workflow_reason.html", context)


def with_reason(request, obj, action, title, step, success, *, help_text=None, then=None, **page):
    """The reason page on GET (or with the form's errors); on a valid POST, try `step(reason)`."""
    form = ReasonForm(request.POST or None)
    if help_text:
        form.fields["reason"].help_text = help_text
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        return try_step(request, obj, lambda: step(reason), success, back=page.get("back_url"), then=then)
    return reason_page(request, obj, action, title, form, **page)
