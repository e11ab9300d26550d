"""Staff pages for alerts: list, write, edit, submit, approve, return."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.models import Alert
from campaigns.org.forms import unit_choices
from campaigns.org.roles import Roles
from campaigns.workflow.views import approvable, confirm_page, editable, reviewable, try_step, with_reason

from .forms import AlertForm

PAGE_SIZE = 25
require_form_methods = require_http_methods(["GET", "HEAD", "POST"])


def _alerts_for(request):
    return Alert.objects.visible_to(Roles.for_request(request)).select_related("unit")


def _get_alert_for(request, pk):
    """The alert if the user may see it; 404 for everyone else, who learn nothing of it.
    Its authors come along: may_be_approved_by reads them."""
    queryset = _alerts_for(request).select_related("created_by", "updated_by", "reviewed_by")
    return get_object_or_404(queryset.prefetch_related("authors"), pk=pk)


def _get_alert_editable(request, pk):
    """404 for outsiders; 403 for someone who may see it but not change it now."""
    return editable(request, _get_alert_for(request, pk), _("This alert cannot be edited while a reviewer has it."))


def _get_alert_reviewable(request, pk):
    return reviewable(request, _get_alert_for(request, pk))


@login_required
@require_safe
def alert_list(request):
    alerts = _alerts_for(request)
    status = request.GET.get("status", "")
    if status in Alert.Status.values:
        alerts = alerts.filter(status=status)
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = f"status={status}" if status in Alert.Status.values else ""
    return render(
        request,
        "campaigns/alerts/alert_list.html",
        {"page": page, "statuses": Alert.Status.choices, "status": status, "query": query},
    )


@login_required
@require_form_methods
def alert_new(request):
    roles = Roles.for_request(request)
    if not roles.is_admin and not roles.units():
        raise PermissionDenied(_("You have no unit to write alerts for. Ask an administrator for a role."))
    form = AlertForm(request.POST or None, units=unit_choices(roles))
    if request.method == "POST" and form.is_valid():
        alert = form.save_by(request.user)
        messages.success(request, _("Alert saved as a draft. Submit it for review when it is ready."))
        return redirect(alert)
    return render(request, "campaigns/alerts/alert_form.html", {"form": form})


@login_required
@require_form_methods
def alert_edit(request, pk):
    alert = _get_alert_editable(request, pk)
    was_approved = alert.status == Alert.Status.APPROVED
    form = AlertForm(request.POST or None, instance=alert, units=unit_choices(Roles.for_request(request)))
    if request.method == "POST" and form.is_valid():
        form.save_by(request.user)
        if was_approved:
            messages.warning(request, _("Changes saved. The alert is off the public pages until it is approved again."))
        else:
            messages.success(request, _("Changes saved."))
        return redirect(alert)
    return render(
        request, "campaigns/alerts/alert_form.html", {"form": form, "alert": alert, "was_approved": was_approved}
    )


@login_required
@require_safe
def alert_detail(request, pk):
    alert = _get_alert_for(request, pk)
    roles = Roles.for_request(request)
    may_review = roles.can_review(alert.unit)
    context = {
        "alert": alert,
        "scam_types": alert.scam_types.all(),
        "is_current": alert.is_current(),
        "may_edit": alert.is_editable and roles.can_log(alert.unit),
        "may_submit": alert.may_take("submit") and roles.can_log(alert.unit),
        "may_review": may_review and alert.may_take("approve"),
        "may_approve": may_review and alert.may_be_approved_by(request.user),
        "may_withdraw": may_review and alert.status == Alert.Status.APPROVED,
        "steps": alert.step_history(),
    }
    return render(request, "campaigns/alerts/alert_detail.html", context)


def _confirm(request, alert, action, title, question):
    return confirm_page(request, alert, action, title, question, name=alert.t.title, back_url=alert.get_absolute_url())


@login_required
@require_form_methods
def alert_submit(request, pk):
    alert = _get_alert_editable(request, pk)
    if request.method != "POST":
        return _confirm(
            request, alert, "campaigns:alert-submit", _("Submit for review"), _("Send this alert to a reviewer?")
        )
    return try_step(request, alert, lambda: alert.submit(by=request.user), _("Submitted for review."))


@login_required
@require_form_methods
def alert_approve(request, pk):
    alert = approvable(request, _get_alert_reviewable(request, pk))
    if request.method != "POST":
        return _confirm(
            request,
            alert,
            "campaigns:alert-approve",
            _("Approve"),
            _("Approve this alert? It will be shown to the public from its first day to its last."),
        )
    return try_step(request, alert, lambda: alert.approve(by=request.user), _("Approved."))


@login_required
@require_form_methods
def alert_return(request, pk):
    alert = _get_alert_reviewable(request, pk)
    return with_reason(
        request,
        alert,
        "campaigns:alert-return",
        _("Return to the author"),
        lambda reason: alert.return_to_author(by=request.user, reason=reason),
        _("Returned to the author."),
        help_text=_("The author sees this reason. An approved alert leaves the public pages."),
        name=alert.t.title,
        back_url=alert.get_absolute_url(),
    )
