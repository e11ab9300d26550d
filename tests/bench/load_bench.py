"""Load benchmark: gunicorn on PostgreSQL with the demo data, driven by wrk.

    make bench-load                 # the checker's first checks after a fresh start, 16 connections,
                                    # 20 s per page, the scale-out run, then the slow-client run
    BENCH_SOAK=1 make bench-load    # also a 10-minute soak with 50 connections,
                                    # restarting PostgreSQL half-way through
    .venv/bin/python tests/bench/load_bench.py slow-clients    # the slow-client run alone
    .venv/bin/python tests/bench/load_bench.py pages   # the pages and the report alone
    BENCH_SCALEOUT_RUNS=5 .venv/bin/python tests/bench/load_bench.py scale-out   # the scale-out run alone, 5 times
    .venv/bin/python tests/bench/profiles.py pages     # where a public page's time goes

Every page is measured against a yardstick in the same run: a minimal Django project of
its own (tests/bench/yardstick/: Django's default settings and middleware, one query for
twelve rows, a row added, sorted, one cached template, like the TechEmpower Fortunes test),
served by its own gunicorn with our gunicorn.conf.py on its own database. It is measured
first and last, and how far those two differ says how noisy the machine was. The in-app
/bench/fortunes/ (the same work behind all of FraudWatch's middleware) is measured too:
the gap between the two is what our middleware costs. Printed: requests per second and
its ratio to the standalone yardstick, p50/p95/p99 latency, and every failed answer;
then the report page under load (report_load.py: cached, and with its cache retired by
an approval every second, with a profile of an uncached build), and a closing table of
each page against its target.

The scale-out run puts nginx, configured as nginx.conf.example says, in front of two
gunicorn servers, kills one with SIGKILL a third of the way through and starts it again
a few seconds later. Not one request may fail: the script exits non-zero if any does.

The slow-client run puts nginx, as nginx.conf.example says, in front of gunicorn as
`make serve` starts it, opens 50 connections that send their headers or their body one
byte at a time (slow_clients.py), and probes /healthz and a catalogue page meanwhile:
every probe must be answered within a second, or the script exits non-zero. The same
clients are then pointed at gunicorn directly, for comparison: that is why gunicorn is
never reached without the proxy.

BENCH_SECONDS, BENCH_SCALEOUT_SECONDS, BENCH_SOAK_SECONDS and BENCH_SLOW_SECONDS shorten the runs.
"""

import concurrent.futures
import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import checker_start
import proxy
import report_load
import slow_clients

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", 8765))
BASE = f"http://127.0.0.1:{PORT}"
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 16))
SECONDS = int(os.environ.get("BENCH_SECONDS", 20))
SCALEOUT_SECONDS = int(os.environ.get("BENCH_SCALEOUT_SECONDS", 20))
SCALEOUT_RUNS = int(os.environ.get("BENCH_SCALEOUT_RUNS", 1))  # for `load_bench.py scale-out`
SOAK_SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", 600))
SLOW_CONNECTIONS = 50
SLOW_SECONDS = int(os.environ.get("BENCH_SLOW_SECONDS", 60))
SLOW_INTERVAL = 5  # seconds between two bytes of one slow connection
DATABASE = os.environ.get("BENCH_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fraudwatch_load")
YARDSTICK_DATABASE = os.environ.get(
    "BENCH_YARDSTICK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fraudwatch_load_yardstick"
)
YARDSTICK_PORT = PORT + 6
PUBLIC_RATIO, PUBLIC_P99_MS = 1.5, 50  # each public page: this many times the yardstick's req/s, p99 within
RESULT = re.compile(r"RESULT (.*)")
STATUSES = re.compile(r"STATUSES(.*)")
SOCKET_ERRORS = ("connect", "read", "write", "timeout")

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


def create_database(address):
    import psycopg2

    url = urllib.parse.urlsplit(address)
    name = url.path.lstrip("/")
    connection = psycopg2.connect(host=url.hostname, port=url.port or 5432, user=url.username, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def prepare():
    create_database(DATABASE)
    create_database(YARDSTICK_DATABASE)
    command = [PYTHON, "-m", "django", "migrate", "--no-input", "--settings", "yardstick.settings"]
    env = {**ENV, "YARDSTICK_DATABASE_URL": YARDSTICK_DATABASE}
    subprocess.run(command, cwd=ROOT / "tests" / "bench", env=env, check=True, stdout=subprocess.DEVNULL)
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


def start_server(port=PORT, workers=None, app="fraudwatch.wsgi"):
    """gunicorn (in its own process group) on 127.0.0.1:port, once /healthz answers. With
    app="yardstick.wsgi", the standalone yardstick, with the same gunicorn.conf.py."""
    env = {**ENV, "GUNICORN_BIND": f"127.0.0.1:{port}", "YARDSTICK_DATABASE_URL": YARDSTICK_DATABASE}
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"), app],
        cwd=ROOT / "tests" / "bench" if app == "yardstick.wsgi" else ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGKILL)
    raise SystemExit("gunicorn did not come up")


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@contextlib.contextmanager
def serving(port=PORT, workers=None, app="fraudwatch.wsgi"):
    server = start_server(port, workers, app)
    try:
        yield server
    finally:
        stop_server(server)


def wrk(path, connections, seconds, cookie=None, base=BASE, count_statuses=False):
    """wrk's figures for one page; with count_statuses, also the failed answers by status code
    (slightly slower: wrk then looks at every response)."""
    command = ["wrk", f"-t{min(connections, 4)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(ROOT / "tests" / "bench" / "percentiles.lua")]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    env = {**os.environ, "BENCH_COUNT_STATUSES": "1"} if count_statuses else None
    output = subprocess.run([*command, base + path], capture_output=True, text=True, check=True, env=env).stdout
    fields = dict(pair.split("=") for pair in RESULT.search(output).group(1).split())
    requests, duration = int(fields["requests"]), float(fields["seconds"])
    statuses = {}
    if count_statuses:
        statuses = {
            int(status): int(count)
            for status, count in (pair.split("=") for pair in STATUSES.search(output).group(1).split())
        }
    return {
        "rps": requests / duration,
        "p50": int(fields["p50_us"]) / 1000,
        "p95": int(fields["p95_us"]) / 1000,
        "p99": int(fields["p99_us"]) / 1000,
        "errors": int(fields["non2xx"]) + int(fields["socket_errors"]),
        "requests": requests,
        "statuses": statuses,
        "socket": {kind: int(fields[kind]) for kind in SOCKET_ERRORS},
    }


def combined(*results):
    """Requests, failures, failed answers by status and socket errors of several wrk runs."""
    statuses, socket_errors = {}, dict.fromkeys(SOCKET_ERRORS, 0)
    for result in results:
        for status, count in result["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
        for kind, count in result["socket"].items():
            socket_errors[kind] += count
    return {
        "requests": sum(result["requests"] for result in results),
        "errors": sum(result["errors"] for result in results),
        "statuses": statuses,
        "socket": socket_errors,
    }


def failures(result):
    """'N failed: by status 500: 0, 503: 12; socket errors: connect 0, read 0, write 0, timeout 0'.
    The count of 500s is always shown: a 500 is a bug, whatever else happened."""
    statuses = {500: 0, **result["statuses"]}
    by_status = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    sockets = ", ".join(f"{kind} {count}" for kind, count in result["socket"].items())
    return f"{result['errors']} failed: by status {by_status}; socket errors: {sockets}"


def main():
    only = sys.argv[1] if sys.argv[1:] else None
    if sys.argv[2:] or only not in (None, "slow-clients", "pages", "scale-out"):
        raise SystemExit("usage: load_bench.py [slow-clients | pages | scale-out]")
    only_slow_clients, only_pages = only == "slow-clients", only == "pages"
    if shutil.which("wrk") is None and not only_slow_clients:
        raise SystemExit("wrk is not installed (Debian package wrk)")
    if proxy.nginx_binary() is None:
        raise SystemExit("nginx is not installed (Debian package nginx)")
    prepare()
    if only_slow_clients:
        late = slow_client_run()
        if late:
            raise SystemExit(f"slow clients: {late} probes failed or took over {slow_clients.TARGET:.0f} s; none may")
        return
    if only == "scale-out":
        if lost := sum(scale_out(session_cookie("demo-reviewer")) for _ in range(SCALEOUT_RUNS)):
            raise SystemExit(f"scale-out: {lost} requests failed in {SCALEOUT_RUNS} runs; none may")
        return
    if not only_pages:
        checker_start.first_checks(serving, BASE)
    cookie = session_cookie("demo-reviewer")
    public = page_run()
    with serving():
        admin = session_cookie("demo-admin")
        # Warm every worker's threads: a worker's first report pays for its imports and connections.
        wrk(report_load.PATH, CONNECTIONS, 5, admin)
        figures = report_load.run(wrk, admin, CONNECTIONS, SECONDS, ENV)
    report_load.report(figures, CONNECTIONS, SECONDS)
    report_load.profile(ENV)
    report_load.closing_table(public, figures, PUBLIC, PUBLIC_RATIO, PUBLIC_P99_MS)
    if only_pages:
        return
    lost = scale_out(cookie)
    late = slow_client_run()
    if os.environ.get("BENCH_SOAK"):
        with serving():
            soak(cookie)
    if lost:
        raise SystemExit(f"scale-out: {lost} requests failed; none may")
    if late:
        raise SystemExit(f"slow clients: {late} probes failed or took over {slow_clients.TARGET:.0f} s; none may")


PAGES = [
    ("in-app fortunes (all our middleware)", "/bench/fortunes/"),
    ("home", "/zh-hans/"),
    ("catalogue list", "/zh-hans/scams/"),
    ("type page", "/zh-hans/scams/tax-refund/"),
    ("checker form", "/zh-hans/check/"),
]
PUBLIC = ("home", "catalogue list", "type page", "checker form")


def page_run():
    """The pages at CONNECTIONS connections, each run between two runs of the standalone
    yardstick, its ratio taken to the mean of those two (so that the machine's drift during
    the run moves both alike). Prints them; returns {name: figures with "ratio"}."""
    yardstick = f"http://127.0.0.1:{YARDSTICK_PORT}"
    with serving(YARDSTICK_PORT, app="yardstick.wsgi"), serving():
        wrk("/fortunes/", 4, 2, base=yardstick)
        for _name, path in PAGES:  # warm caches and connections
            wrk(path, 4, 2)
        sticks = [wrk("/fortunes/", CONNECTIONS, SECONDS, base=yardstick)]
        results = {}
        for name, path in PAGES:
            results[name] = wrk(path, CONNECTIONS, SECONDS)
            sticks.append(wrk("/fortunes/", CONNECTIONS, SECONDS, base=yardstick))
            results[name]["ratio"] = results[name]["rps"] * 2 / (sticks[-2]["rps"] + sticks[-1]["rps"])
    rates = [stick["rps"] for stick in sticks]
    mean = sum(rates) / len(rates)
    results["standalone yardstick (mean)"] = {
        **{field: sum(stick[field] for stick in sticks) / len(sticks) for field in ("rps", "p50", "p95", "p99")},
        "errors": sum(stick["errors"] for stick in sticks),
        "ratio": 1.0,
    }
    print(f"gunicorn on PostgreSQL, {CONNECTIONS} connections, {SECONDS} s per page. The standalone yardstick,")
    print(f"run before and after each page: {', '.join(f'{rate:.0f}' for rate in rates)} req/s (mean {mean:.0f},")
    print(f"spread {(max(rates) - min(rates)) / mean:.0%} of it: the machine's noise). Ratio: the page's req/s over")
    print("the mean of the yardstick's runs just before and after it.")
    print(f"{'page':38} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, result in results.items():
        print(
            f"{name:38} {result['rps']:8.0f} {result['ratio']:6.2f} {result['p50']:8.1f} "
            f"{result['p95']:8.1f} {result['p99']:8.1f} {result['errors']:7d}",
            flush=True,
        )
    return {"baseline": mean, **results}


def slow_client_run(seconds=SLOW_SECONDS):
    """50 connections sending a byte every 5 s, to nginx in front of gunicorn (as `make
    serve` starts it), while /healthz and a catalogue page are probed; then the same to
    gunicorn directly. Returns how many probes through nginx failed or took over a second."""
    app_port, proxy_port = PORT + 4, PORT + 5
    paths = ["/healthz", "/zh-hans/scams/"]
    arguments = (paths, SLOW_CONNECTIONS, seconds, SLOW_INTERVAL)
    with tempfile.TemporaryDirectory(prefix="fraudwatch-nginx-") as folder, serving(app_port):
        nginx = proxy.start(folder, proxy_port, [app_port])
        try:
            for path in paths:  # warm the page cache and the connections
                urllib.request.urlopen(f"http://127.0.0.1:{proxy_port}{path}", timeout=10).read()
            title = (
                f"slow clients through nginx: {SLOW_CONNECTIONS} connections, a byte every {SLOW_INTERVAL} s "
                f"each, for {seconds} s"
            )
            late = slow_clients.report(title, *slow_clients.run(proxy_port, *arguments))
        finally:
            proxy.stop(nginx)
    with serving(app_port):
        title = "the same clients to gunicorn directly (for comparison; never expose it like this)"
        slow_clients.report(title, *slow_clients.run(app_port, *arguments))
    return late


def scale_out(cookie, seconds=SCALEOUT_SECONDS, connections=CONNECTIONS):
    """nginx in front of two gunicorn servers, half the connections on a public page and
    half on the report; one server is killed (SIGKILL, workers and all) a third of the way
    through and started again three seconds later. Returns how many requests failed."""
    app_ports, proxy_port = [PORT + 1, PORT + 2], PORT + 3
    base = f"http://127.0.0.1:{proxy_port}"
    pages = [("/zh-hans/scams/tax-refund/", None), ("/zh-hans/reports/?preset=this_year", cookie)]
    servers, victim = {}, app_ports[-1]
    with tempfile.TemporaryDirectory(prefix="fraudwatch-nginx-") as folder:
        access_log, nginx = Path(folder) / "access.log", None
        try:
            for port in app_ports:
                servers[port] = start_server(port, workers=2)
            nginx = proxy.start(folder, proxy_port, app_ports)
            for path, page_cookie in pages:  # warm both servers
                wrk(path, 4, 2, page_cookie, base=base)
            access_log.write_text("")
            with concurrent.futures.ThreadPoolExecutor(len(pages)) as pool:
                runs = [
                    pool.submit(wrk, path, connections // 2, seconds, page_cookie, base, True)
                    for path, page_cookie in pages
                ]
                started = time.monotonic()
                time.sleep(seconds / 3)
                os.killpg(servers[victim].pid, signal.SIGKILL)
                servers[victim].wait()
                killed_at = time.monotonic() - started
                time.sleep(3)
                lines_before_restart = len(access_log.read_text().splitlines())
                servers[victim] = start_server(victim, workers=2)
                back_at = time.monotonic() - started
                result = combined(*(run.result() for run in runs))
            log = access_log.read_text().splitlines()
            cut = proxy.cut_responses((Path(folder) / "error.log").read_text())
        finally:
            if nginx is not None:
                proxy.stop(nginx)
            for server in servers.values():
                stop_server(server)
    seen, retried, answered = proxy.upstream_outcomes(log)
    _, _, answered_after = proxy.upstream_outcomes(log[lines_before_restart:])
    servers_answered = ", ".join(f"{server}: {count}" for server, count in sorted(answered.items()))
    print(
        f"scale-out: nginx in front of 2 gunicorn servers, {connections} connections for {seconds} s; "
        f"127.0.0.1:{victim} killed (SIGKILL) at {killed_at:.1f} s, started again at {killed_at + 3:.1f} s, "
        f"answering /healthz at {back_at:.1f} s",
        f"  {result['requests']} requests (nginx logged {seen}), {failures(result)}",
        f"  sent again to the other server by nginx: {retried}; answered by {servers_answered}; "
        f"by 127.0.0.1:{victim} after its restart: {answered_after.get(f'127.0.0.1:{victim}', 0)}",
        f"  answers the killed server had begun but not finished (nginx cannot resend those): {len(cut)}"
        + "".join(f"\n    {request}" for request in cut),
        sep="\n",
        flush=True,
    )
    return result["errors"]


def soak(cookie, seconds=SOAK_SECONDS, connections=50):
    """Ten minutes at 50 connections, half on a public page and half on the report,
    restarting PostgreSQL half-way; then a minute more, in which nothing may fail.
    Failures are printed by status code, with how long the site took to serve again
    once the database was back. BENCH_PG_CLUSTER names the cluster to restart
    ("version name", default: the newest version's main cluster)."""
    cluster = os.environ.get("BENCH_PG_CLUSTER") or f"{sorted(os.listdir('/etc/postgresql'))[-1]} main"
    half = connections // 2
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        recovery = pool.submit(restart_database, cluster, seconds // 2)
        public = pool.submit(wrk, "/zh-hans/scams/tax-refund/", half, seconds, None, BASE, True)
        report = pool.submit(wrk, "/zh-hans/reports/?preset=this_year", half, seconds, cookie, BASE, True)
        during = combined(public.result(), report.result())
        back_after = recovery.result()
    after = wrk("/zh-hans/reports/?preset=this_year", half, min(60, seconds), cookie, count_statuses=True)
    print(
        f"soak: {seconds} s at {connections} connections, PostgreSQL restarted at {seconds // 2} s: "
        f"{during['requests']} requests, {failures(during)}",
        f"  serving again {back_after:.1f} s after the database was back (target: within 5 s)",
        f"  the {min(60, seconds)} s after: {after['requests']} requests, {failures(after)}",
        sep="\n",
        flush=True,
    )


def restart_database(cluster, delay):
    """Restart the cluster after `delay` seconds; return how long after that /healthz answered."""
    time.sleep(delay)
    version, name = cluster.split()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"], check=True)
    back = time.monotonic()
    while time.monotonic() - back < 60:
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - back
        except OSError:
            pass
        time.sleep(0.1)
    return float("inf")


if __name__ == "__main__":
    main()
