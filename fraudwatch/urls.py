from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from scams import views as scam_views

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", scam_views.home, name="home"),
    path("scams/", include("scams.urls")),
)
