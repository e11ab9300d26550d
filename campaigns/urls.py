from django.urls import path

from . import views
from .activities import imports as imports_views
from .activities import review
from .activities import views as activities
from .alerts import views as alerts
from .cases import views as cases
from .kits import views as kit_views
from .materials import views as materials
from .programmes import views as programmes

app_name = "campaigns"
urlpatterns = [
    path("", programmes.campaign_list, name="campaign-list"),
    path("<int:pk>/", programmes.campaign_detail, name="campaign-detail"),
    path("new/", programmes.campaign_new, name="campaign-new"),
    path("<int:pk>/edit/", programmes.campaign_edit, name="campaign-edit"),
    path("<int:pk>/close/", programmes.campaign_close, name="campaign-close"),
    path("<int:campaign_pk>/kit/", kit_views.kit_edit, name="kit-edit"),
    path("<int:campaign_pk>/kit/<str:unit_code>/<str:language>.pdf", kit_views.kit_pdf, name="kit-pdf"),
    path("quiz-sheet.pdf", kit_views.quiz_sheet, name="quiz-sheet"),
    path("activities/", activities.activity_list, name="activity-list"),
    path("activities/new/", activities.activity_new, name="activity-new"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity-detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity-edit"),
    path("activities/<int:pk>/submit/", activities.activity_submit, name="activity-submit"),
    path("activities/<int:pk>/approve/", activities.activity_approve, name="activity-approve"),
    path("activities/<int:pk>/undo-approval/", activities.activity_undo_approval, name="activity-undo-approval"),
    path("activities/<int:pk>/return/", activities.activity_return, name="activity-return"),
    path("activities/<int:pk>/reopen/", activities.activity_reopen, name="activity-reopen"),
    path("activities/<int:pk>/evidence/<int:evidence_pk>/", activities.evidence_download, name="evidence"),
    path("activities/<int:pk>/evidence/<int:evidence_pk>/delete/", activities.evidence_delete, name="evidence-delete"),
    path("alerts/", alerts.alert_list, name="alert-list"),
    path("alerts/new/", alerts.alert_new, name="alert-new"),
    path("alerts/<int:pk>/", alerts.alert_detail, name="alert-detail"),
    path("alerts/<int:pk>/edit/", alerts.alert_edit, name="alert-edit"),
    path("alerts/<int:pk>/submit/", alerts.alert_submit, name="alert-submit"),
    path("alerts/<int:pk>/approve/", alerts.alert_approve, name="alert-approve"),
    path("alerts/<int:pk>/return/", alerts.alert_return, name="alert-return"),
    path("materials/", materials.material_list, name="material-list"),
    path("materials/new/", materials.material_new, name="material-new"),
    path("materials/<int:pk>/", materials.material_detail, name="material-detail"),
    path("materials/<int:pk>/submit/", materials.material_submit, name="material-submit"),
    path("materials/<int:pk>/publish/", materials.material_publish, name="material-publish"),
    path("materials/<int:pk>/return/", materials.material_return, name="material-return"),
    path("materials/<int:pk>/feature/", materials.material_feature, name="material-feature"),
    path("materials/<int:pk>/letter/", materials.material_letter, name="material-letter"),
    path("review/", review.review_queue, name="review"),
    path("review/approve/", review.review_bulk_approve, name="review-approve"),
    path("import/", imports_views.import_upload, name="import"),
    path("import/cases/", cases.import_cases, name="import-cases"),
    path("import/template.<str:file_format>", imports_views.import_template, name="import-template"),
    # The staff's daily work.
    path("home/", views.home_for_user, name="home-for-user"),
    path("my-work/", views.my_work, name="my-work"),
    path("notifications/", views.notification_list, name="notifications"),
    path("activities/<int:pk>/evidence/<int:evidence_pk>/thumb/", activities.evidence_thumb, name="evidence-thumb"),
]
