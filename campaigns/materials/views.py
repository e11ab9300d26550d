"""Staff pages for material: list, upload, see, submit, publish, return, feature."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns.forms import ReasonForm, unit_choices
from campaigns.models import Material, WorkflowError
from campaigns.roles import Roles

from . import thumbs
from .forms import MaterialForm

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
    material = _get_material_for(request, pk)
    roles = Roles.for_request(request)
    if not material.is_editable or material.is_bundled or not roles.can_log(material.unit):
        raise PermissionDenied(_("This material cannot be changed now."))
    return material


def _get_material_reviewable(request, pk):
    material = _get_material_for(request, pk)
    roles = Roles.for_request(request)
    if material.is_bundled or not roles.can_review(material.unit):
        raise PermissionDenied(_("Only a reviewer for this unit can do that."))
    return material


@login_required
@require_safe
def material_list(request):
    materials = _materials_for(request).order_by("-created_at", "-pk")[:200]
    return render(request, "campaigns/material_list.html", {"materials": materials})


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
    return render(request, "campaigns/material_form.html", {"form": form})


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
        "may_return": may_review and material.status in (Material.Status.SUBMITTED, Material.Status.PUBLISHED),
        "may_feature": roles.is_admin and material.status == Material.Status.PUBLISHED,
    }
    return render(request, "campaigns/material_detail.html", context)


def _move(request, material, move, success):
    try:
        move()
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(material.get_staff_url())


def _confirm(request, material, action, title, question):
    return render(
        request,
        "campaigns/material_confirm.html",
        {"material": material, "action": action, "title": title, "question": question},
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
    return _move(request, material, lambda: material.submit(by=request.user), _("Submitted for review."))


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
    return _move(request, material, lambda: material.publish(by=request.user), _("Published."))


@login_required
@require_form_methods
def material_return(request, pk):
    material = _get_material_reviewable(request, pk)
    form = ReasonForm(request.POST or None)
    form.fields["reason"].help_text = _("The uploader sees this reason. Published material leaves the public pages.")
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        return _move(
            request,
            material,
            lambda: material.return_to_author(by=request.user, reason=reason),
            _("Returned to the uploader."),
        )
    return render(request, "campaigns/material_reason.html", {"material": material, "form": form})


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
