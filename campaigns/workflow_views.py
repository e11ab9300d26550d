"""The pages around a workflow step (submit, approve, publish, return...) that activities, alerts
and material share: a GET asks first on a confirmation page or a page asking for a reason, and the
POST tries the model's step and says how it went."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from campaigns.models import WorkflowError


def try_move(request, move, success, back, then=None):
    """Run `move`, a model's workflow step. A step the model refuses (someone changed the object
    meanwhile, or it is in the wrong state) is shown as an error rather than a server error.
    Then go `back` (a URL or an object with a page), or on success where `then()` says."""
    try:
        move()
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
        if then:
            return then()
    return redirect(back)


def confirm_page(request, obj, action, title, question, *, name, back_url, queue=None, about=None):
    """Ask `question` before the step the URL named `action` does to `obj`, shown as `name`
    linking to `back_url`, or as `about` (HTML) when given. `queue` is the review queue's
    place, carried on when it is given."""
    context = {
        "title": title,
        "question": question,
        "action_url": reverse(action, args=[obj.pk]),
        "name": name,
        "back_url": back_url,
        "queue": queue,
        "about": about,
    }
    return render(request, "campaigns/workflow_confirm.html", context)


def reason_page(request, obj, action, title, form, *, name, back_url):
    """Ask for the reason (`form`) before the step the URL named `action` does to `obj`."""
    context = {
        "title": title,
        "form": form,
        "action_url": reverse(action, args=[obj.pk]),
        "name": name,
        "back_url": back_url,
    }
    return render(request, "campaigns/workflow_reason.html", context)
