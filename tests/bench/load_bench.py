"""Load benchmark: gunicorn on PostgreSQL with the demo data, driven by wrk.

    make bench-load                 # 16 connections, 20 s per page
    BENCH_SOAK=1 make bench-load    # also a 10-minute soak with 50 connections,
                                    # restarting PostgreSQL half-way through

Every page is measured against a yardstick served by the same app in the same run:
/bench/fortunes/ renders twelve rows from one query through a template (like the
TechEmpower Fortunes test). Printed: requests per second and its ratio to the
yardstick, p50/p95/p99 latency, and every non-2xx answer or socket error.
"""

import concurrent.futures
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", 8765))
BASE = f"http://127.0.0.1:{PORT}"
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 16))
SECONDS = int(os.environ.get("BENCH_SECONDS", 20))
DATABASE = os.environ.get("BENCH_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fraudwatch_load")
RESULT = re.compile(r"RESULT (.*)")

ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE,
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    # wrk speaks plain HTTP to the app directly, as a TLS-terminating proxy would.
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_BENCH_ENDPOINTS": "1",
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    "GUNICORN_ACCESS_LOG": "/dev/null",
    "DJANGO_LOG_LEVEL": "WARNING",
}


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)


def prepare():
    import psycopg2

    name = DATABASE.rsplit("/", 1)[1]
    connection = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    manage("migrate", "--no-input")
    manage("load_catalogue")
    manage("load_demo", "--allow-without-debug")
    manage("collectstatic", "--no-input")


def session_cookie(username):
    """A signed-in session for `username`, made the way Django's login makes one."""
    script = (
        "from django.contrib.auth import get_user_model, HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY;"
        "from django.contrib.sessions.backends.db import SessionStore;"
        f"user = get_user_model().objects.get(username='{username}');"
        "s = SessionStore(); s[SESSION_KEY] = str(user.pk);"
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend';"
        "s[HASH_SESSION_KEY] = user.get_session_auth_hash(); s.set_expiry(3600); s.save(); print(s.session_key)"
    )
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    )
    return output.stdout.strip().splitlines()[-1]


def start_server():
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", "gunicorn.conf.py", "fraudwatch.wsgi"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not come up")


def wrk(path, connections, seconds, cookie=None):
    command = ["wrk", f"-t{min(connections, 4)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(ROOT / "tests" / "bench" / "percentiles.lua")]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run([*command, BASE + path], capture_output=True, text=True, check=True).stdout
    fields = dict(pair.split("=") for pair in RESULT.search(output).group(1).split())
    requests, duration = int(fields["requests"]), float(fields["seconds"])
    return {
        "rps": requests / duration,
        "p50": int(fields["p50_us"]) / 1000,
        "p95": int(fields["p95_us"]) / 1000,
        "p99": int(fields["p99_us"]) / 1000,
        "errors": int(fields["non2xx"]) + int(fields["socket_errors"]),
        "requests": requests,
    }


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian package wrk)")
    prepare()
    cookie = session_cookie("demo-reviewer")
    server = start_server()
    try:
        pages = [
            ("yardstick /bench/fortunes/", "/bench/fortunes/", None),
            ("home", "/zh-hans/", None),
            ("catalogue list", "/zh-hans/scams/", None),
            ("catalogue detail", "/zh-hans/scams/tax-refund/", None),
            ("report (demo county, this year)", "/zh-hans/reports/?preset=this_year", cookie),
        ]
        for _name, path, page_cookie in pages:  # warm caches and connections
            wrk(path, 4, 2, page_cookie)
        results = [(name, wrk(path, CONNECTIONS, SECONDS, page_cookie)) for name, path, page_cookie in pages]
        baseline = results[0][1]["rps"]
        print(f"gunicorn on PostgreSQL, {CONNECTIONS} connections, {SECONDS} s per page")
        print(f"{'page':34} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for name, result in results:
            print(
                f"{name:34} {result['rps']:8.0f} {result['rps'] / baseline:6.2f} {result['p50']:8.1f} "
                f"{result['p95']:8.1f} {result['p99']:8.1f} {result['errors']:7d}",
                flush=True,
            )
        if os.environ.get("BENCH_SOAK"):
            soak(cookie)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def soak(cookie, seconds=600, connections=50):
    """Ten minutes at 50 connections, half on a public page and half on the report,
    restarting PostgreSQL half-way; then a minute more, in which nothing may fail."""
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    restart = subprocess.Popen(
        ["bash", "-c", f"sleep {seconds // 2}; pg_ctlcluster --skip-systemctl-redirect {cluster} main restart"]
    )
    half = connections // 2
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        public = pool.submit(wrk, "/zh-hans/scams/tax-refund/", half, seconds)
        report = pool.submit(wrk, "/zh-hans/reports/?preset=this_year", half, seconds, cookie)
        public, report = public.result(), report.result()
    restart.wait()
    after = wrk("/zh-hans/reports/?preset=this_year", half, 60, cookie)
    print(
        f"soak: {seconds} s at {connections} connections, PostgreSQL restarted at {seconds // 2} s: "
        f"{public['requests'] + report['requests']} requests, {public['errors'] + report['errors']} failed "
        f"(while the database was down); the minute after: {after['requests']} requests, {after['errors']} failed"
    )


if __name__ == "__main__":
    main()
