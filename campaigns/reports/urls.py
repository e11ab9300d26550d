from django.urls import path

from . import prepared_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("export/", views.report_export, name="export"),
    path("prepared/<uuid:pk>/", prepared_views.document_page, name="prepared"),
    path("prepared/<uuid:pk>/download/", prepared_views.document_download, name="prepared-download"),
    path("prepared/<uuid:pk>/retry/", prepared_views.document_retry, name="prepared-retry"),
    path("sightings/", views.sightings_page, name="sightings"),
    path("overview/", views.overview, name="overview"),
]
