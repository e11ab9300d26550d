from django.urls import path

from . import views

app_name = "scams"
urlpatterns = [
    path("", views.catalogue, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/print/", views.leaflet, name="print"),
    path("<slug:slug>/seen/", views.seen, name="seen"),
]
