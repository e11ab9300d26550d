"""A cold cache for the benchmarks: PostgreSQL restarted (its shared buffers and cached
plans gone) and the kernel's page cache dropped, so that the next read comes from disk.

That needs root and a local cluster run by pg_ctlcluster (Debian's); elsewhere, or with
BENCH_COLD=0, only the connection is replaced (new session, no cached plans) and the
caches stay warm. `make` targets never restart a database the tests use: the bench has
its own (report_bench.py)."""

import os
import shutil
import subprocess
import time
from pathlib import Path

from django.db import OperationalError, connection, connections

DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def _cluster():
    clusters = sorted(
        Path("/etc/postgresql").glob("*/main"), key=lambda path: [int(part) for part in path.parent.name.split(".")]
    )
    return clusters[-1].parent.name if clusters else None


def possible():
    return (
        os.environ.get("BENCH_COLD", "1") == "1"
        and os.geteuid() == 0
        and shutil.which("pg_ctlcluster") is not None
        and _cluster() is not None
        and connection.settings_dict["HOST"] in ("127.0.0.1", "localhost", "")
    )


def cold_start():
    """Empty the caches as far as this machine allows; return what was done."""
    connections.close_all()
    if not possible():
        return "new connection only (caches warm)"
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", _cluster(), "main", "restart"], check=True)
    os.sync()
    DROP_CACHES.write_text("3\n")
    deadline = time.monotonic() + 60
    while True:
        try:
            connection.ensure_connection()
            return "PostgreSQL restarted, page cache dropped"
        except OperationalError:
            if time.monotonic() > deadline:
                raise
            connections.close_all()
            time.sleep(0.2)
