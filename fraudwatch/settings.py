"""FraudWatch settings, read from the environment.

Every value comes from an environment variable with a safe default; a bad value
stops start-up with ImproperlyConfigured rather than running half-configured.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import bootstrap as xstatic_bootstrap

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "Set it to a long random string, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Addresses of the reverse proxies in front, whose X-Forwarded-For is believed (its last entry).
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "treebeard",
    "fraudwatch.vendors.AxesConfig",  # django-axes, named in the admin's language
    "fraudwatch",
    "scams",
    "campaigns",
    "csp",
    "django_tasks",
    "fraudwatch.vendors.TaskResultsConfig",  # django_tasks.backends.database, likewise
]

MIDDLEWARE = [
    "fraudwatch.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the CSRF check, which would answer PUT or DELETE with 403 instead of 405.
    "fraudwatch.methods.UnservedMethodsMiddleware",
    # Around everything that may query: the session, the user, the views.
    "fraudwatch.outage.DatabaseOutageMiddleware",
    # Public pages kept whole are served to visitors from here, before the session and the
    # rest (fraudwatch.core.pagecache): only the layers above run for them.
    "fraudwatch.core.pagecache.PublicResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fraudwatch.accounts.IdleSessionMiddleware",
    "fraudwatch.core.pagecache.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one user name from one address lock that pair out for 15 minutes,
# and ten from one address, whatever the user names, lock the address out (see
# fraudwatch.accounts.failure_limit for how one axes limit gives both).
AXES_FAILURE_LIMIT = "fraudwatch.accounts.failure_limit"
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# A success does not wipe the failures: axes would wipe every failure from the address,
# so anyone with an account could unlock a name they were guessing, or the address, by
# signing in themselves. Failures simply age out after AXES_COOLOFF_TIME.
AXES_RESET_ON_SUCCESS = False
# Behind the proxy, lockouts follow the client's address (fraudwatch.core.clients).
AXES_CLIENT_IP_CALLABLE = "fraudwatch.core.clients.client_address"

# Sessions end after 30 minutes without a request.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_SECONDS", 30 * 60)

ROOT_URLCONF = "fraudwatch.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fraudwatch.context_processors.language_links",
                "fraudwatch.context_processors.text_size",
                "fraudwatch.context_processors.call_bar",
                "campaigns.context_processors.work",
            ],
        },
    },
]

WSGI_APPLICATION = "fraudwatch.wsgi.application"

# Reports may read from a replica: REPORTS_DATABASE_URL names it (default: the main database).
REPORTS_DATABASE = "reports" if os.environ.get("REPORTS_DATABASE_URL") else "default"

VAR_DIR = BASE_DIR / "var"
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)  # home of the default SQLite file
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'fraudwatch.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# SQLite, the embedded default, opens every transaction as IMMEDIATE: a writer takes the
# write lock when its transaction begins, so two writers queue behind the busy timeout
# (seconds) rather than one failing with "database is locked" when its read lock cannot
# be upgraded. `make run` serves with threads, so two saves can meet.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
if REPORTS_DATABASE == "reports":
    DATABASES["reports"] = dj_database_url.parse(
        os.environ["REPORTS_DATABASE_URL"], conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
# PostgreSQL's JIT compiler pays off for queries that run for many seconds; ours run for
# milliseconds. A report's edge-day read is estimated far above its real size, which set
# off a compilation that took longer than the query itself (850 ms for a 300 ms read).
# It is set when a connection starts; behind a pooler that does not pass startup options
# on, set jit = off in postgresql.conf instead.
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the daily counters and their per-address caps, and the versions that
# tell every process the catalogue changed: all app processes must share it. Redis when
# REDIS_URL is set (shared by every app server); otherwise files in DJANGO_CACHE_DIR,
# shared by every process on this machine (fraudwatch.core.filecache). Only under DEBUG, where
# `make run` serves from one process, is it kept in that process's memory.
# `check --deploy` warns about a per-process cache (fraudwatch.checks).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "fraudwatch.core.filecache.SharedFileCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR") or str(VAR_DIR / "cache"),
            # Django's default of 300 is a few minutes of visitors' keys on a busy day.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

# Content-Security-Policy (django-csp): nothing from other hosts, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Bootstrap's form controls draw their arrows as data: SVG images.
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The load benchmark's yardstick view (/bench/fortunes/); off unless asked for.
BENCH_ENDPOINTS = env_bool("DJANGO_BENCH_ENDPOINTS")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Simplified Chinese is the primary language; English is the second. Traditional Chinese
# is generated from the Simplified text (fraudwatch.core.bilingual, `make messages`).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic_bootstrap.BASE_DIR),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"

# Request bodies. The largest upload is evidence: files of up to 10 MB each, at most 25 MB
# in one save. fraudwatch.core.uploads refuses a bigger request from its Content-Length, before
# reading any of it; the proxy in front should refuse it too (nginx: client_max_body_size 25m).
UPLOAD_MAX_REQUEST_BYTES = 25 * 1024 * 1024
# The material upload has its own ceiling (fraudwatch.core.uploads.body_limit): its largest
# file, a 200 MB video (campaigns/materials/files.py), and the form's other fields. The
# proxy gives that one address the same limit (nginx.conf.example: client_max_body_size 201m).
MATERIAL_UPLOAD_MAX_REQUEST_BYTES = 201 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "fraudwatch.core.uploads.BoundedRequestHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)  # a larger request's files wait in a temporary file
FILE_UPLOAD_TEMP_DIR = os.environ.get("DJANGO_UPLOAD_TEMP_DIR") or None  # None: the system's temporary folder
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # everything but the files: the longest form is far below this
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# The evidence form takes 10 files and says so; a few more still reach the form to hear it.
DATA_UPLOAD_MAX_NUMBER_FILES = 20

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "login"
# Each person lands on their own daily page; the view picks it by role.
LOGIN_REDIRECT_URL = "campaigns:home-for-user"
LOGOUT_REDIRECT_URL = "home"

# Background tasks (e-mail) wait in the database until `manage.py db_worker` runs them:
# no other service is needed, and without a worker they simply wait.
TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}

# E-mail goes out only when a mail server is named; otherwise notifications stay in the app.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_ENABLED = bool(EMAIL_HOST)
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Where links in e-mail point, e.g. https://fraud.example.gov.cn (no trailing slash).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/")
# Printed campaign kits carry QR codes for SITE_URL/k/<code>/. Scans from one address
# beyond this many an hour are not counted (campaigns.kits.scans).
KIT_SCANS_PER_ADDRESS_PER_HOUR = env_int("DJANGO_KIT_SCANS_PER_ADDRESS_PER_HOUR", 200)

# Security. Behind a TLS-terminating proxy the proxy sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "fraudwatch.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "fraudwatch.requestlog.RequestContextFilter"}},
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s request=%(request_id)s user=%(user_id)s "
            "path=%(path)s %(message)s"
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request"], "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes reports every sign-in at INFO; failures and lockouts are warnings.
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every step of a PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The admin lives at a path of the operator's choosing, not the well-known one.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
AXES_VERBOSE = False
