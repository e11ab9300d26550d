"""Staff pages for material: list, upload, see, submit, publish, return, feature."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Q, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.models import Material
from campaigns.org.forms import unit_choices
from campaigns.org.roles import Roles
from campaigns.workflow.views import confirm_page, editable, reviewable, try_step, with_reason
from fraudwatch.core.uploads import body_limit

from . import downloads, letters, public, thumbs
from .forms import MaterialForm, letter_form

require_form_methods = require_http_methods(["GET", "HEAD", "POST"])


def _materials_for(request):
    """Material under the units the user sees, and all bundled material for administrators."""
    roles = Roles.for_request(request)
    visible = Q() if roles.is_admin else roles.visible() & Q(unit__isnull=False)
    return Material.objects.filter(visible).select_related("kind", "unit", "created_by")


def _get_material_for(request, pk):
    """The material if the user may see it; 404 for everyone else."""
    return get_object_or_404(_materials_for(request), pk=pk)


def _get_material_editable(request, pk):
    """Bundled material (no unit) is nobody's to change."""
    return editable(request, _get_material_for(request, pk), _("This material cannot be changed now."))


def _get_material_reviewable(request, pk):
    return reviewable(request, _get_material_for(request, pk))


@login_required
@require_safe
def material_list(request):
    """Staff's material: their units' work not yet published (returned first), the
    fill-in letters for their units, and then the published library, filtered as the
    public list is."""
    in_progress = (
        _materials_for(request)
        .exclude(status=Material.Status.PUBLISHED)
        .order_by(
            Case(When(status=Material.Status.RETURNED, then=0), When(status=Material.Status.DRAFT, then=1), default=2),
            "-created_at",
            "-pk",
        )[:200]
    )
    filtered, library = public.library(request.GET)
    letters_to_fill = []
    for material in library:
        form = letter_form(request, material) if letters.is_fillable(material) else None
        if form is not None:
            form.auto_id = f"id_{material.slug}_%s"  # several forms on one page
            letters_to_fill.append((material, form))
    context = {"in_progress": in_progress, "filter": filtered, "materials": library, "letters_to_fill": letters_to_fill}
    return render(request, "campaigns/materials/material_list.html", context)


@body_limit("MATERIAL_UPLOAD_MAX_REQUEST_BYTES")
@login_required
@require_form_methods
def material_new(request):
    roles = Roles.for_request(request)
    if not roles.is_admin and not roles.units():
        raise PermissionDenied(_("You have no unit to upload material for. Ask an administrator for a role."))
    form = MaterialForm(request.POST or None, request.FILES or None, units=unit_choices(roles))
    if request.method == "POST" and form.is_valid():
        material = form.save_by(request.user)
        messages.success(request, _("Material saved as a draft. Submit it for review when it is ready."))
        return redirect(material.get_staff_url())
    return render(request, "campaigns/materials/material_form.html", {"form": form})


@login_required
@require_safe
def material_detail(request, pk):
    material = _get_material_for(request, pk)
    roles = Roles.for_request(request)
    may_review = not material.is_bundled and roles.can_review(material.unit)
    context = {
        "material": material,
        "files": material.files.all(),
        "may_submit": material.is_editable and not material.is_bundled and roles.can_log(material.unit),
        "may_publish": may_review and material.may_be_published_by(request.user),
        "may_return": may_review and material.may_take("return"),
        "may_feature": roles.is_admin and material.status == Material.Status.PUBLISHED,
        "letter_form": letter_form(request, material),
        "steps": material.step_history(),
    }
    return render(request, "campaigns/materials/material_detail.html", context)


@login_required
@require_safe
def material_letter(request, pk):
    """A fill-in letter as a DOCX or PDF attachment; the form again, with its errors, when
    the query is not valid."""
    material = get_object_or_404(Material.objects.published().select_related("kind"), pk=pk)
    if not letters.is_fillable(material):
        raise Http404(_("This material has no letter to fill in."))
    form = letter_form(request, material, request.GET or None)
    if form is None:
        raise PermissionDenied(_("You have no unit to fill letters in for. Ask an administrator for a role."))
    if not form.is_valid():
        return render(request, "campaigns/materials/material_letter.html", {"material": material, "letter_form": form})
    wanted = form.cleaned_data
    if not Roles.for_request(request).can_log(wanted["unit"]):
        raise PermissionDenied(_("You can fill letters in only for the units you hold a role on."))
    data, content_type, name = letters.render(
        material,
        wanted["format"],
        wanted["language"],
        unit=wanted["unit"],
        day=wanted["date"],
        campaign=wanted["campaign"],
    )
    downloads.record(request, material)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _confirm(request, material, action, title, question):
    return confirm_page(
        request, material, action, title, question, name=material.t.title, back_url=material.get_staff_url()
    )


@login_required
@require_form_methods
def material_submit(request, pk):
    material = _get_material_editable(request, pk)
    if request.method != "POST":
        return _confirm(
            request,
            material,
            "campaigns:material-submit",
            _("Submit for review"),
            _("Send this material to a reviewer?"),
        )
    return try_step(
        request,
        material,
        lambda: material.submit(by=request.user),
        _("Submitted for review."),
        material.get_staff_url(),
    )


@login_required
@require_form_methods
def material_publish(request, pk):
    material = _get_material_reviewable(request, pk)
    if not material.may_be_published_by(request.user):
        raise PermissionDenied(_("You cannot publish material you uploaded, or that is not waiting for review."))
    if request.method != "POST":
        return _confirm(
            request,
            material,
            "campaigns:material-publish",
            _("Publish"),
            _("Publish this material? Everyone will be able to download it."),
        )
    thumbs.forget(material)
    return try_step(
        request, material, lambda: material.publish(by=request.user), _("Published."), material.get_staff_url()
    )


@login_required
@require_form_methods
def material_return(request, pk):
    material = _get_material_reviewable(request, pk)
    return with_reason(
        request,
        material,
        "campaigns:material-return",
        _("Return to the uploader"),
        lambda reason: material.return_to_author(by=request.user, reason=reason),
        _("Returned to the uploader."),
        help_text=_("The uploader sees this reason. Published material leaves the public pages."),
        name=material.t.title,
        back_url=material.get_staff_url(),
    )


@login_required
@require_form_methods
def material_feature(request, pk):
    material = _get_material_for(request, pk)
    if not Roles.for_request(request).is_admin:
        raise PermissionDenied(_("Only administrators feature material."))
    featured = not material.featured
    if request.method != "POST":
        question = _("Feature this material at the top of the library?") if featured else _("Stop featuring it?")
        return _confirm(request, material, "campaigns:material-feature", _("Feature"), question)
    material.set_featured(featured)
    messages.success(request, _("Featured.") if featured else _("No longer featured."))
    return redirect(material.get_staff_url())
