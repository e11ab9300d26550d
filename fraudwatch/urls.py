from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from campaigns.kits import views as kit_views
from fraudwatch import views as project_views
from fraudwatch.accounts import AdminSignInForm, SignInView
from scams import views as scam_views

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("healthz", project_views.healthz, name="healthz"),
    # The short address printed as a QR code on each unit's campaign kit: no language
    # prefix, so it stays short; it redirects to the kit's page in the reader's language.
    path("k/<str:code>/", kit_views.kit_scan, name="kit-scan"),
    # The kit's second code, "测一测": the unit's quiz.
    path("k/<str:code>/quiz/", kit_views.kit_quiz_scan, name="kit-quiz-scan"),
]
if settings.BENCH_ENDPOINTS:
    urlpatterns.append(path("bench/fortunes/", project_views.fortunes, name="bench-fortunes"))

urlpatterns += i18n_patterns(
    path("", project_views.home, name="home"),
    path("text-size/", project_views.text_size, name="text-size"),
    path("scams/", include("scams.urls")),
    # The checker reads the catalogue but answers at a short address of its own.
    path("check/", scam_views.check, name="check"),
    path("quiz/", scam_views.quiz_page, name="quiz"),
    path("quiz/<int:correct>-of-<int:total>/", scam_views.quiz_shared, name="quiz-shared"),
    path("alerts/", include("campaigns.alerts.urls")),
    path("materials/", include("campaigns.materials.urls")),
    path("kits/<int:pk>/", kit_views.kit_landing, name="kit"),
    path("kits/quiz/<str:code>/", kit_views.kit_quiz, name="kit-quiz"),
    path("campaigns/", include("campaigns.urls")),
    path("reports/", include("campaigns.reports.urls")),
    path(
        "accounts/login/",
        # Django's class-based views answer OPTIONS themselves, and LoginView takes PUT.
        require_http_methods(["GET", "HEAD", "POST"])(SignInView.as_view()),
        name="login",
    ),
    path("accounts/logout/", require_POST(auth_views.LogoutView.as_view()), name="logout"),
)

handler400 = "fraudwatch.views.bad_request"

admin.site.login_form = AdminSignInForm
admin.site.site_header = _("FraudWatch administration")
admin.site.site_title = _("FraudWatch")
