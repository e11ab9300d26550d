"""The case figures' import page: monthly case counts and losses per unit and scam type, for
reviewers and administrators. Reading and checking the file is campaigns/importing/cases.py,
which shares the activity import's reader."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaigns.importing.cases import import_cases as import_case_file
from campaigns.importing.cases import may_import_cases
from campaigns.org.roles import Roles

from .forms import CaseImportForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_cases(request):
    """Monthly case figures, beside the activity import: for reviewers and administrators."""
    roles = Roles.for_request(request)
    if not may_import_cases(roles):
        raise PermissionDenied(_("Case figures are imported by reviewers and administrators."))
    form = CaseImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_case_file(upload.read(), upload.name, request.user, dry_run=form.cleaned_data["dry_run"])
        if report.ok and not report.dry_run:
            messages.success(
                request,
                _("Case figures imported: %(created)d added, %(replaced)d replaced.")
                % {"created": report.created, "replaced": report.replaced},
            )
            return redirect("campaigns:import-cases")
    return render(request, "campaigns/cases/import_cases.html", {"form": form, "report": report})
