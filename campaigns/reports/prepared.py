"""Report files larger than a county's, built by the task queue instead of the request.

A request that would take too long (is_large says which) becomes a PreparedDocument;
`manage.py db_worker` builds it with the same code the immediate export runs
(views.gather and exports.write) and stores the file for its owner for 24 hours. The
booklet stays immediate: it is public, for visitors without an account to own a file,
and scams/printing.py already keeps it in the cache per catalogue version.
"""

import logging
import tempfile

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.http import Http404, QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns.models import OrgUnit, PreparedDocument
from campaigns.models.prepared import KEEP_FOR
from campaigns.roles import Roles

from . import documents, exports

logger = logging.getLogger(__name__)

# The formats laid out as documents: the CSV streams line by line and is never queued.
QUEUED_FORMATS = ("xlsx", "pdf", "docx")
# A large county's quarter: 200 units (the bench's synthetic counties hold about a
# hundred, the demo county a few dozen) over 92 days. make bench shows why not a year:
# a county's yearly PDF passes the 4 s a request may take.
COUNTY_UNIT_DAYS = 200 * 92


def is_large(filters):
    """Larger than a county's: the units in scope (the whole tree when no unit is chosen)
    times the days in the period exceed COUNTY_UNIT_DAYS. So a county's quarter, or a small
    county's year, comes in the request; a county of a hundred units over a year, or a
    province over a month, is queued. The one rule that decides it."""
    days = (filters.end - filters.start).days + 1
    units = OrgUnit.objects.filter(path__startswith=filters.unit.path) if filters.unit else OrgUnit.objects.all()
    allowed = COUNTY_UNIT_DAYS // days  # the most units this period keeps immediate
    return units[: allowed + 1].count() > allowed


def queued_query(data, start, end):
    """The report's query as the worker reads it: without the format, and with the period
    as dates, so that "this year" means the year it was asked in."""
    query = [(key, value) for key, value in data.items() if key not in ("format", "preset", "date_from", "date_to")]
    return sorted([*query, ("date_from", start.isoformat()), ("date_to", end.isoformat())])


def request_report(owner, query, file_format, language):
    """The owner's document for this report, format and language: the one already queued
    or ready, else a new one, queued once the transaction commits."""
    parameters = {"query": query, "format": file_format}
    existing = (
        PreparedDocument.objects.owned_by(owner)
        .live()
        .exclude(status=PreparedDocument.Status.FAILED)
        .filter(kind=PreparedDocument.Kind.REPORT, language=language, parameters=parameters)
        .first()
    )
    if existing is not None:
        return existing
    now = timezone.now()
    document = PreparedDocument.objects.create(
        owner=owner,
        kind=PreparedDocument.Kind.REPORT,
        parameters=parameters,
        language=language,
        created_at=now,
        expires_at=now + KEEP_FOR,
    )
    enqueue(document)
    return document


def enqueue(document):
    from campaigns.tasks import prepare_document  # the task module imports this one

    transaction.on_commit(lambda: prepare_document.enqueue(str(document.pk)))


def retry(document):
    document.requeue()
    enqueue(document)


class BuildError(Exception):
    """A reason the owner can read (already translated) why the file was not built."""


def build(document_id):
    """Build the queued document `document_id` (the worker's task). A document removed or
    expired meanwhile is left alone; a failure is recorded on it for its page to show."""
    # Claimed in one UPDATE, so that two workers (or a retry while the first still runs)
    # never build the same document twice.
    claimed = PreparedDocument.objects.live().filter(pk=document_id, status=PreparedDocument.Status.QUEUED)
    if not claimed.update(status=PreparedDocument.Status.BUILDING):
        return None
    document = PreparedDocument.objects.select_related("owner").get(pk=document_id)
    with translation.override(document.language):
        try:
            _build_report(document)
        except BuildError as error:
            document.fail(str(error))
        except Exception:
            logger.exception("prepared document %s could not be built", document.pk)
            document.fail(_("Something went wrong while preparing it."))
    return document.status


def _build_report(document):
    from .views import filters_for, gather  # the views import this module

    file_format = document.parameters["format"]
    data = QueryDict(mutable=True)
    for key, value in document.parameters["query"]:
        data.appendlist(key, value)
    try:
        form, filters, campaigns = filters_for(Roles(document.owner), data)
    except (Http404, PermissionDenied):
        raise BuildError(_("You no longer hold a role on the units this report covers.")) from None
    if filters is None:
        raise BuildError(_("The report's filters are not valid."))
    context = gather(filters, campaigns, file_format, chart=form.cleaned_data["chart"])
    with tempfile.TemporaryFile() as spool:
        exports.write(context["report"], file_format, spool, language=document.language, context=context)
        spool.seek(0)
        document.save_file(documents.filename(filters, file_format, document.language), File(spool))


def remove_expired(now=None):
    """Remove expired documents and their files; returns how many."""
    expired = list(PreparedDocument.objects.expired(now))
    for document in expired:
        document.remove()
    return len(expired)
