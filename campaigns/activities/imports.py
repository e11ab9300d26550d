"""The activity import: its upload page and its templates (the case figures' import is in
campaigns/cases/views.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.org.roles import Roles

from .. import importing
from ..importing.cases import may_import_cases
from .forms import ImportForm

PAGE_SIZE = 25
# Pages that show a form (or a confirmation) on GET and act on POST.
require_form_methods = require_http_methods(["GET", "HEAD", "POST"])


@login_required
@require_form_methods
def import_upload(request):
    roles = Roles.for_request(request)
    if not roles.is_admin and not roles.units():
        raise PermissionDenied(_("You have no unit to import activities for."))
    form = ImportForm(request.POST or None, request.FILES or None, may_import_approved=roles.can_import_approved())
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = importing.import_activities(
            upload.read(),
            upload.name,
            request.user,
            status=form.cleaned_data["status"],
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.ok and not report.dry_run:
            messages.success(request, _("%(count)d activities imported.") % {"count": report.created})
            return redirect("campaigns:activity-list")
    context = {"form": form, "report": report, "may_import_cases": may_import_cases(roles)}
    return render(request, "campaigns/activities/import.html", context)


@login_required
@require_safe
def import_template(request, file_format):
    if file_format == "csv":
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            importing.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="fraudwatch-activities-template.{file_format}"'
    return response
