from django.urls import path

from . import views

app_name = "scams"
urlpatterns = [
    path("", views.catalogue, name="list"),
    path("booklet.pdf", views.booklet_pdf, name="booklet"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/print/", views.leaflet, name="print"),
    path("<slug:slug>/seen/", views.seen, name="seen"),
    path("<slug:slug>/print.pdf", views.leaflet_pdf, name="print-pdf"),
]
