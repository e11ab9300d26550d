"""gunicorn sends a response's head together with its body (fraudwatch/serving.py), so a
proxy never holds the head of a response whose server died before the body."""

import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config
from gunicorn.http import wsgi

from fraudwatch.serving import hold_headers_until_body

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


class RecordingSocket:
    def __init__(self):
        self.writes = []

    def sendall(self, data):
        self.writes.append(bytes(data))


def respond(method="GET", version=(1, 1), headers=(), body=()):
    socket = RecordingSocket()
    request = SimpleNamespace(method=method, version=version, should_close=lambda: False, headers=[], uri="/")
    response = wsgi.Response(request, socket, Config())
    response.start_response("200 OK", list(headers))
    for chunk in body:
        response.write(chunk)
    response.close()
    return socket.writes


@pytest.fixture(autouse=True)
def holding_headers(monkeypatch):
    for name in ("send_headers", "_emit_body", "close"):
        monkeypatch.setattr(wsgi.Response, name, getattr(wsgi.Response, name))
    monkeypatch.delattr(wsgi.Response, "_fraudwatch_holds_headers", raising=False)
    hold_headers_until_body()


def test_the_head_and_a_whole_page_leave_in_one_write():
    writes = respond(headers=[("Content-Type", "text/html"), ("Content-Length", "5")], body=[b"hello"])

    assert len(writes) == 1
    head, body = writes[0].split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"Content-Length: 5" in head
    assert body == b"hello"


def test_later_chunks_of_a_streamed_body_follow_on_their_own():
    writes = respond(headers=[("Content-Length", "6")], body=[b"abc", b"def"])

    assert len(writes) == 2
    assert writes[0].endswith(b"\r\n\r\nabc")
    assert writes[1] == b"def"


def test_a_chunked_body_keeps_its_framing():
    writes = respond(headers=[("Content-Type", "text/csv")], body=[b"a,b\r\n", b"1,2\r\n"])

    wire = b"".join(writes)
    head, body = wire.split(b"\r\n\r\n", 1)
    assert b"Transfer-Encoding: chunked" in head
    assert body == b"5\r\na,b\r\n\r\n5\r\n1,2\r\n\r\n0\r\n\r\n"
    assert writes[0].endswith(b"5\r\na,b\r\n\r\n")  # the head went out with the first chunk


def test_a_response_without_a_body_still_sends_its_head():
    writes = respond(method="HEAD", headers=[("Content-Length", "5")], body=[b"hello"])

    assert len(writes) == 1
    assert writes[0].startswith(b"HTTP/1.1 200 OK\r\n")
    assert writes[0].endswith(b"\r\n\r\n")


def test_gunicorn_alone_would_write_the_head_apart_from_the_body(monkeypatch):
    # The reason for the change: without it, the head is a write of its own.
    monkeypatch.undo()
    writes = respond(headers=[("Content-Length", "5")], body=[b"hello"])

    assert len(writes) == 2
    assert writes[1] == b"hello"


def test_the_served_configuration_turns_it_on():
    namespace = runpy.run_path(str(CONFIG))

    assert namespace["sendfile"] is False  # sendfile writes the head on its own
    namespace["post_fork"](None, None)
    assert wsgi.Response._fraudwatch_holds_headers


def test_it_is_turned_on_whatever_folder_the_app_is_served_from(tmp_path):
    # The bench's yardstick, a Django project of its own, is served from its own folder
    # with these settings, where the project is not on the import path.
    check = (
        "import runpy, sys; from gunicorn.http import wsgi; "
        f"runpy.run_path({str(CONFIG)!r})['post_fork'](None, None); "
        "sys.exit(0 if getattr(wsgi.Response, '_fraudwatch_holds_headers', False) else 1)"
    )
    run = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, env={}, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
