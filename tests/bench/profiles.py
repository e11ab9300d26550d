"""Where the time of a request goes: cProfile over requests made in this process through
Django's full handler (every middleware, as gunicorn would call it), with the settings the
load benchmark serves with. Run by load_bench.py in a child process:

    python tests/bench/profiles.py pages [N]    # the public pages, N requests each (warm cache)
    python tests/bench/profiles.py report [N]   # the report page built N times, its cache retired each
                                                # time, then 4N times from its cache

Prints, for each, the time per request and the functions with the most cumulative time.
"""

import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_PAGES = [
    ("home", "/zh-hans/"),
    ("catalogue list", "/zh-hans/scams/"),
    ("type page", "/zh-hans/scams/tax-refund/"),
    ("checker form", "/zh-hans/check/"),
]
REPORT = "/zh-hans/reports/?preset=this_year"
TOP = int(os.environ.get("BENCH_PROFILE_TOP", 25))
SORT = os.environ.get("BENCH_PROFILE_SORT", "cumulative")


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudwatch.settings")
    import django

    django.setup()


def environ(path, cookie=""):
    """A WSGI request as gunicorn hands one to Django (plain HTTP, as behind the proxy)."""
    target, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": target,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "text/html",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def get(application, path, cookie=""):
    statuses = []
    response = application(environ(path, cookie), lambda status, headers, exc_info=None: statuses.append(status))
    try:
        b"".join(response)
    finally:
        response.close()
    assert statuses[0].startswith("200"), (path, statuses[0])


def profiled(application, path, count, cookie="", before=None):
    """(ms per request unprofiled, ms per request profiled, the profile's text) for `count` GETs."""
    get(application, path, cookie)  # warm: templates, connections, the page cache
    started = time.perf_counter()
    for _ in range(count):
        if before:
            before()
        get(application, path, cookie)
    plain = (time.perf_counter() - started) * 1000 / count
    profile = cProfile.Profile()
    started = time.perf_counter()
    for _ in range(count):
        if before:
            before()
        profile.enable()
        get(application, path, cookie)
        profile.disable()
    elapsed = (time.perf_counter() - started) * 1000 / count
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats(SORT).print_stats(TOP)
    return plain, elapsed, text.getvalue()


def trimmed(text):
    """The table of a pstats listing, without its preamble, paths shortened."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    shown = lines[start:]
    prefixes = sorted({str(ROOT) + "/", *(p + "/" for p in sys.path if p.endswith("-packages"))}, key=len)
    for prefix in reversed(prefixes):
        shown = [line.replace(prefix, "") for line in shown]
    return "\n".join(line for line in shown if line.strip())


def pages(count):
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    for name, path in PUBLIC_PAGES:
        plain, elapsed, text = profiled(application, path, count)
        print(f"== {name} {path}: {plain:.2f} ms a request in-process ({elapsed:.2f} profiled), {count} requests")
        print(trimmed(text), flush=True)


def report(count):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.wsgi import get_wsgi_application

    from campaigns.models import counted_changed

    application = get_wsgi_application()
    user = get_user_model().objects.get(username="demo-admin")
    session = SessionStore()
    session.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    session.save()
    cookie = f"sessionid={session.session_key}"
    plain, elapsed, text = profiled(application, REPORT, count, cookie, before=counted_changed)
    print(f"== report, uncached (demo-admin) {REPORT}: {plain:.0f} ms a build in-process ({elapsed:.0f} profiled)")
    print(trimmed(text), flush=True)
    plain, elapsed, text = profiled(application, REPORT, count * 4, cookie)
    print(f"== report, its body cached (demo-admin): {plain:.0f} ms a request in-process ({elapsed:.0f} profiled)")
    print(trimmed(text), flush=True)


if __name__ == "__main__":
    setup()
    what, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0
    {"pages": lambda: pages(count or 300), "report": lambda: report(count or 5)}[what]()
