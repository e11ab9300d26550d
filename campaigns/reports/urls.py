from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("export/", views.report_export, name="export"),
    path("sightings/", views.sightings_page, name="sightings"),
    path("overview/", views.overview, name="overview"),
]
