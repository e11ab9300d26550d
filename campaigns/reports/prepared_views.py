"""The pages of a prepared document: the offer to prepare one, its page (which refreshes
itself while the worker builds the file), its download and a retry after a failure. Only
its owner ever sees a prepared document: anyone else, other staff and administrators
included, gets a 404."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from campaigns.models import PreparedDocument
from campaigns.reports.prepared_model import KEEP_FOR

from . import documents, exports, prepared

REFRESH_SECONDS = 5
KEEP_HOURS = int(KEEP_FOR.total_seconds() // 3600)


def offer(request, filters, file_format):
    """GET: what preparing means, and a button; POST: queue it (or find the one already
    queued) and go to its page."""
    if request.method == "POST":
        query = prepared.queued_query(request.GET, filters.start, filters.end)
        document = prepared.request_report(request.user, query, file_format, get_language())
        return redirect(document)
    back = [(key, value) for key, value in request.GET.items() if key != "format"]
    return render(
        request,
        "campaigns/workflow/workflow_confirm.html",
        {
            "title": _("Prepare the file"),
            "name": documents.filename(filters, file_format, get_language()),
            "question": _(
                "This report covers more than a county's and takes a while to build. It will be prepared in "
                "the background: its page updates itself until the file is ready, and the file waits for you "
                "for %(hours)d hours."
            )
            % {"hours": KEEP_HOURS},
            "action_url": request.get_full_path(),
            "back_url": reverse("reports:report") + "?" + urlencode(back),
        },
    )


def _get_document_for(request, pk):
    """The request's user's own document, or a 404 for anyone else. An expired one is
    removed here, file and all, if the command has not done it yet."""
    document = PreparedDocument.objects.owned_by(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404(_("No such document among yours."))
    if document.is_expired():
        document.remove()
        raise Http404(_("That document has expired and was removed."))
    return document


@login_required
@require_safe
def document_page(request, pk):
    document = _get_document_for(request, pk)
    return render(
        request,
        "campaigns/reports/prepared.html",
        {
            "document": document,
            "refresh": REFRESH_SECONDS if document.is_waiting else None,
            "stalled": document.is_stalled(),
            "format": document.parameters.get("format", "").upper(),
            "report_url": reverse("reports:report") + "?" + urlencode(document.parameters.get("query", [])),
        },
    )


@login_required
@require_safe
def document_download(request, pk):
    document = _get_document_for(request, pk)
    if document.status != PreparedDocument.Status.READY:
        raise Http404(_("The file is not ready."))
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from storage.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.file_name,
        content_type=exports.CONTENT_TYPES[document.parameters["format"]],
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def document_retry(request, pk):
    document = _get_document_for(request, pk)
    if document.may_retry():
        prepared.retry(document)
    return redirect(document)
