"""Every app process on the machine shares one cache (fraudwatch.core.filecache), so daily
counters, their caps and the catalogue's version are the same in every gunicorn worker."""

import datetime
import functools
import http.client
import multiprocessing
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import Warning, run_checks
from django.db import connection
from django.utils import timezone

from fraudwatch.core.filecache import SharedFileCache

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def count_in_a_process(folder, rounds, added):
    cache = SharedFileCache(folder, {})
    firsts = 0
    for number in range(rounds):
        cache.incr("counter")
        firsts += cache.add(f"first:{number}", 1)  # one process only may be first for each
    added.put(firsts)


def test_processes_counting_at_once_lose_no_count_and_add_each_key_once(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    cache.add("counter", 0)
    fork = multiprocessing.get_context("fork")
    added = fork.Queue()
    workers = [fork.Process(target=count_in_a_process, args=(str(tmp_path), 60, added)) for _ in range(4)]
    for worker in workers:
        worker.start()
    firsts = sum(added.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=10)
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    assert cache.get("counter") == 240
    assert firsts == 60


def test_expired_entries_leave_the_folder_on_a_later_write(tmp_path, clock, monkeypatch):
    cache = SharedFileCache(str(tmp_path), {})
    cache.set("visitor-key", 1, 60)
    cache.set("version", 7, None)
    clock.shift(datetime.timedelta(minutes=2))
    monkeypatch.setattr(SharedFileCache, "_next_sweep", 0.0)  # a minute has passed since the last sweep
    cache.set("page", b"<html>", 300)
    assert len(cache._list_cache_files()) == 2
    assert (cache.get("version"), cache.get("page")) == (7, b"<html>")


def test_sweeps_wait_a_minute_between_them(tmp_path, clock, monkeypatch):
    cache = SharedFileCache(str(tmp_path), {})
    monkeypatch.setattr(SharedFileCache, "_next_sweep", 0.0)
    cache.set("first", 1, 60)  # sweeps (nothing to sweep yet)
    clock.shift(datetime.timedelta(minutes=2))
    cache.set("second", 2, 60)  # too soon for another sweep: "first" stays on disk, though expired
    assert len(cache._list_cache_files()) == 2
    assert cache.get("first") is None


def test_the_default_cache_outside_debug_is_the_shared_one():
    from fraudwatch import settings as project_settings

    assert not project_settings.DEBUG
    assert project_settings.CACHES["default"]["BACKEND"] == "fraudwatch.core.filecache.SharedFileCache"


def deploy_warnings():
    return [message for message in run_checks(include_deployment_checks=True) if message.id == "fraudwatch.W001"]


def test_deploy_check_warns_of_a_cache_kept_in_each_process(settings):
    settings.CACHES = LOCMEM
    [warning] = deploy_warnings()
    assert isinstance(warning, Warning)
    assert "LocMemCache" in warning.msg


@pytest.mark.parametrize(
    "backend",
    ["fraudwatch.core.filecache.SharedFileCache", "django.core.cache.backends.redis.RedisCache"],
)
def test_deploy_check_is_quiet_for_a_shared_cache(settings, backend, tmp_path):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": str(tmp_path)}}
    assert deploy_warnings() == []


def test_deploy_check_is_quiet_under_debug(settings):
    settings.CACHES, settings.DEBUG = LOCMEM, True
    assert deploy_warnings() == []


# --- Three gunicorn workers on the default cache -------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131 Mobile Safari/537.36"
)
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
LINK_PREVIEW = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"
CAP = 5  # scans counted from one address in an hour
WORKERS = 3
SEARCHES = 36  # at each step, enough for every worker to answer some
# gunicorn's access log with the answering worker's process id (%(p)s) first.
LOG_FORMAT = "%(p)s %(m)s %(U)s?%(q)s %(s)s"
LOG_LINE = re.compile(r"^<(\d+)> \S+ (\S+) \d+$")

# The admin's change form saves through ScamTypeAdmin.save_model, which moves the public
# pages' version once the edit commits; this makes the same call, from another process.
ADMIN_EDIT = """
from types import SimpleNamespace
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import transaction
from scams.models import ScamType
scam = ScamType.objects.get(slug="parcel-refund")
scam.name_en = "Zanzibar parcel refund call"
editor = SimpleNamespace(user=get_user_model().objects.get(username="chief"))
with transaction.atomic():
    admin.site.get_model_admin(ScamType).save_model(editor, scam, None, True)
"""


@pytest.fixture
def served_database(transactional_db, tmp_path):
    """What processes outside the test read: the PostgreSQL test database itself, or for
    SQLite (in memory in tests) a file the test's rows are copied to and read back from.
    Returns (DATABASE_URL, publish the test's rows, read back the processes' writes)."""
    if connection.vendor == "postgresql":
        given = connection.settings_dict
        login = quote(given["USER"] or "") + (f":{quote(given['PASSWORD'])}" if given.get("PASSWORD") else "")
        url = f"postgres://{login}@{given['HOST'] or '127.0.0.1'}:{given['PORT'] or 5432}/{given['NAME']}"
        return url, lambda: None, lambda: None
    path = tmp_path / "served.sqlite3"
    connection.ensure_connection()

    def publish():
        with sqlite3.connect(path) as served:
            connection.connection.backup(served)

    def read_back():
        with sqlite3.connect(path) as served:
            served.backup(connection.connection)

    return f"sqlite:///{path}", publish, read_back


@pytest.fixture
def serve(served_database, tmp_path):
    """A function that starts gunicorn as `make serve` does (gunicorn.conf.py) on the test's
    data, with three workers and no REDIS_URL, so on the default cache. It returns the base
    URL, the access log and the environment the workers run in."""
    url, publish, _read_back = served_database
    port = free_port()
    log = tmp_path / "access.log"
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "GUNICORN_"))}
    environment.pop("REDIS_URL", None)
    environment.update(
        DATABASE_URL=url,
        DJANGO_SECRET_KEY="test-only-secret-key-for-the-served-workers",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
        DJANGO_KIT_SCANS_PER_ADDRESS_PER_HOUR=str(CAP),
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_WORKERS=str(WORKERS),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG=str(log),
    )
    started = []

    def start():
        publish()
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [str(gunicorn), "--config", "gunicorn.conf.py", "--access-logformat", LOG_FORMAT, "fraudwatch.wsgi"]
        server = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        started.append(server)
        base = f"http://127.0.0.1:{port}"
        for round_ in range(300):
            if server.poll() is not None:
                pytest.fail(f"gunicorn stopped: {server.stderr.read()}")
            # Each worker loads the app after the fork: wait until every one has answered.
            try:
                all_at_once([functools.partial(request, base, f"/healthz?ready={round_}") for _ in range(WORKERS * 2)])
            except OSError:
                time.sleep(0.1)
                continue
            if len(workers_that_answered(log, "ready=")) == WORKERS:
                return base, log, environment
        pytest.fail("not every gunicorn worker answered /healthz")

    yield start
    for server in started:
        server.terminate()
        server.wait(timeout=60)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(base, path, method="GET", headers=None):
    """(status, body) of one request on a connection of its own, which any worker may take."""
    port = int(base.rsplit(":", 1)[1])
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request(method, path, headers={"Connection": "close", **(headers or {})})
        response = client.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        client.close()


def all_at_once(calls, threads=9):
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda call: call(), calls))


def workers_that_answered(log, marker, expected=None):
    """The process ids of the workers that answered the requests whose query carries
    `marker`; with `expected`, there must be that many of these requests. gunicorn logs
    a request once it has answered it: this waits for the lines."""
    for _ in range(100):
        lines = [LOG_LINE.match(line) for line in log.read_text().splitlines()] if log.exists() else []
        pids = [line.group(1) for line in lines if line and marker in line.group(2)]
        if expected is None or len(pids) >= expected:
            break
        time.sleep(0.05)
    if expected is not None:
        assert len(pids) == expected
    return set(pids)


def hour_now():
    return timezone.localtime().strftime("%Y-%m-%d %H")


@pytest.mark.real_clock  # the workers date the scans by the machine's clock
def test_three_workers_share_the_scan_cap_and_see_a_catalogue_edit(serve, served_database):
    from campaigns.models import Campaign, Kit, KitScan
    from tests.conftest import PASSWORD, make_scam_type, make_unit

    unit = make_unit("station-a")
    campaign = Campaign.objects.create(
        name_zh="校园反诈月",
        name_en="School month",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        lead_unit=unit,
    )
    code = Kit.objects.create(campaign=campaign).code_for(unit)
    make_scam_type("parcel-refund", name_en="Parcel refund call")
    get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)
    base, log, environment = serve()

    # 100 scans from one address (as the proxy forwards it), each with a user agent of its
    # own, nine at a time; from another address HEAD, a bot and a link preview.
    scan = f"/k/{code.code}/"
    flood = {"X-Forwarded-For": "203.0.113.7"}
    calls = [
        functools.partial(request, base, f"{scan}?flood={n}", headers={**flood, "User-Agent": f"{PHONE} b/{n}"})
        for n in range(100)
    ]
    elsewhere = {"X-Forwarded-For": "198.51.100.2"}
    others = [("HEAD", PHONE), ("GET", BOT), ("GET", LINK_PREVIEW)] * 3
    calls += [
        functools.partial(request, base, f"{scan}?other={n}", method, {**elsewhere, "User-Agent": agent})
        for n, (method, agent) in enumerate(others)
    ]
    hours = {hour_now()}
    answers = all_at_once(calls)
    hours.add(hour_now())
    assert {status for status, _page in answers} == {302}
    assert len(workers_that_answered(log, "flood=", 100)) == WORKERS, "each worker must take some of the scans"
    _url, _publish, read_back = served_database
    read_back()
    counted = sum(KitScan.objects.filter(code=code).values_list("count", flat=True))
    assert counted == CAP * len(hours)  # the hour's cap (twice if the run crossed into the next hour)

    # Every worker searches, so builds its own index of the catalogue as it is...
    def searches(marker):
        return [functools.partial(request, base, f"/en/scams/?q=zanzibar&{marker}{n}") for n in range(SEARCHES)]

    pages = all_at_once(searches("before="))
    assert {status for status, _page in pages} == {200}
    assert not any("Zanzibar parcel refund call" in page for _status, page in pages)
    assert len(workers_that_answered(log, "before=", SEARCHES)) == WORKERS
    # ... an administrator edits a type ...
    edit = [sys.executable, "manage.py", "shell", "-c", ADMIN_EDIT]
    edited = subprocess.run(edit, cwd=ROOT, env=environment, capture_output=True, text=True)
    assert edited.returncode == 0, edited.stderr
    # ... and every worker's search finds it at once.
    pages = all_at_once(searches("after="))
    assert {status for status, _page in pages} == {200}
    assert all("Zanzibar parcel refund call" in page for _status, page in pages)
    assert len(workers_that_answered(log, "after=", SEARCHES)) == WORKERS
