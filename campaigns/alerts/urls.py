"""The public alert pages, mounted at /<lang>/alerts/. Staff pages are in campaigns.urls."""

from django.urls import path

from . import public

app_name = "alerts"
urlpatterns = [
    path("", public.alert_list, name="list"),
    path("feed/", public.alert_feed, name="feed"),
    path("<int:pk>/", public.alert_detail, name="detail"),
]
