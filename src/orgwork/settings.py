"""OrgWork settings. Everything a deployment changes comes from environment variables."""

import os
from pathlib import Path

# python-docx installs lxml; openpyxl would then switch to its lxml writer and reader. Keep the
# measured pure-Python path (core.xlsx_speed, core.imports.readers) whatever else is installed.
os.environ.setdefault("OPENPYXL_LXML", "False")

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
PRODUCTION = env_bool("ORGWORK_PRODUCTION", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "orgwork.core",
    "orgwork.accounts",
    "orgwork.orgs",
    "orgwork.people",
    "orgwork.training",  # training: classes, sessions, attendance, hours (issue 6)
    "orgwork.members",
    "orgwork.grassroots",
    "orgwork.demo",
    "orgwork.notifications",
    "orgwork.casework",
    "orgwork.cadres",  # cadres app (issue 6)
    "orgwork.talent",  # talent app (issue 8)
    "orgwork.selfservice",  # "我的": a user's own records (accounts.User.person)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "orgwork.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "orgwork.core.middleware.PrivateNoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "orgwork.accounts.middleware.SecurityPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "orgwork.urls"
WSGI_APPLICATION = "orgwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "orgwork.core.context_processors.navigation",
            ],
        },
    }
]

# SQLite (WAL) is the embedded default; PostgreSQL is production. DATABASE_URL selects.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "sqlite:///{}".format(PROJECT_DIR / "db.sqlite3")),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A PostgreSQL streaming replica for background exports and reports (core.db_routing); optional.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["orgwork.core.db_routing.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            # A 64 MB page cache (allocated as used; the default is 2 MB) and reads by mmap: an import
            # of 100,000 people updates a dozen indexes that outgrow 2 MB.
            "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a real file (not shared-cache memory) so that concurrent connections behave as in
    # production: WAL, busy timeout and serialized writers.
    _name = str(DATABASES["default"]["NAME"])
    DATABASES["default"]["TEST"] = {
        "NAME": (_name[: -len(".sqlite3")] if _name.endswith(".sqlite3") else _name) + "-test.sqlite3"
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Password policy defaults follow MLPS 2.0 level 3 (shared/reference/PEERS.md §4.2).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Length (default 10) and character classes (default 3 of 4) come from the run-time security policy.
    {"NAME": "orgwork.accounts.validators.PolicyPasswordValidator"},
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]

# Sessions: the idle and absolute limits are the policy middleware's (accounts.middleware). It notes
# the user's activity once a minute, and only then writes the session: a write (and a commit) per
# request would be a third of the database's work under load. The middleware has the store keep a
# session a minute longer than the idle limit (30 minutes by default), so that it is the one deciding.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "orgwork.core.views.csrf_failure"

# django-axes: 5 failures lock the account for 30 minutes.
# The limit and cool-off come from the run-time security policy (accounts.policy, defaults 5 / 30 min).
AXES_FAILURE_LIMIT = "orgwork.accounts.policy.axes_failure_limit"
AXES_COOLOFF_TIME = "orgwork.accounts.policy.axes_cooloff_time"
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "orgwork.accounts.views.lockout_response"
AXES_VERBOSE = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# No inline script, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as 2026-11-24 in Chinese too: what Excel users type and sort.
FORMAT_MODULE_PATH = ["orgwork.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = PROJECT_DIR / "media"

DJANGO_TABLES2_TEMPLATE = "core/table.html"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "orgwork.core.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["orgwork.core.api.filtering.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "orgwork.core.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "orgwork.core.api.schema.OrgWorkAutoSchema",
    "EXCEPTION_HANDLER": "orgwork.core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "orgwork.core.api.throttling.ApiUserThrottle",
        "orgwork.core.api.throttling.ApiAnonThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_RATE_USER", "3000/min"),
        "anon": os.environ.get("API_RATE_ANON", "60/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OrgWork API",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its viewers are served to signed-in users and token holders only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc from drf-spectacular-sidecar's copies: nothing from the internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# cadres app (issue 6): defaults of what no public rule fixes (五维 dimensions, ranking weights, the
# 1333 cohort targets, days before an assignment's end); see orgwork.cadres.rules.DEFAULTS. A
# core.Setting row "cadres.<key>" overrides a key at run time.
CADRES: dict = {}
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
    "CadreRankEnum": "orgwork.cadres.choices.Rank",
    "AssignmentKindEnum": "orgwork.cadres.choices.AssignmentKind",
}
# Personal API tokens (accounts.ApiToken): validity when issued, by default and at most.
API_TOKEN_DEFAULT_DAYS = int(os.environ.get("API_TOKEN_DEFAULT_DAYS", "90"))
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Settings of the field that users may change at run time live in core.Setting; these are the defaults.
# Background jobs: django-tasks with its database backend; `manage.py db_worker` runs them
# (started by `make demo` beside the server). No Redis needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Job input and result files (uploads to import, exports to download); kept JOB_FILE_DAYS days.
JOB_FILES_DIR = Path(os.environ.get("ORGWORK_JOB_FILES", PROJECT_DIR / "var" / "jobs"))

ORGWORK = {
    "AUDIT_RETENTION_DAYS": 365,  # at least 180 (MLPS 2.0 level 3), default one year
    "SESSION_ABSOLUTE_HOURS": 12,
    "PASSWORD_MAX_AGE_DAYS": 90,
    "TOTP_REQUIRED_ROLES": ["system_admin", "security_admin", "auditor"],
    "TOTP_ISSUER": "OrgWork",
    "JOB_RETENTION_DAYS": 7,  # uploaded and exported files of finished jobs (`manage.py purge_jobs`)
}

# Lockout is per account (MLPS: 5 failures, 30 minutes). Locking by IP too would lock whole offices
# behind one NAT address of a government intranet.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]


# --- grassroots: evidence files of secretary projects, outside the web root (served only by the
# scoped download view grassroots:evidence_download).
GRASSROOTS_EVIDENCE_ROOT = Path(os.environ.get("ORGWORK_EVIDENCE_DIR", PROJECT_DIR / "var" / "evidence"))
# casework + notifications (issue 7): channels that get an outbox copy of every in-app notice.
NOTIFICATIONS_OUTBOX_CHANNELS = ["default"]
