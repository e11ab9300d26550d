"""nginx.conf.example: nginx accepts it, it sets what the app relies on, and in front of
two stand-in app servers it sends a failed GET to the other one but never a POST."""

import http.client
import http.server
import re
import runpy
import shutil
import socket
import subprocess
import threading

import pytest
from django.urls import reverse
from django.utils import translation

from tests.bench import proxy
from tests.conftest import require_tool


@pytest.fixture
def nginx():
    return require_tool(proxy.nginx_binary(), "nginx")


@pytest.fixture
def example():
    return proxy.parse(proxy.EXAMPLE.read_text())


def self_signed_certificate(folder):
    openssl = require_tool(shutil.which("openssl"), "openssl")
    certificate, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"),
            *("-keyout", str(key), "-out", str(certificate), "-days", "1", "-subj", "/CN=fraud.example.gov.cn"),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def test_nginx_accepts_the_example_with_real_certificates(nginx, example, tmp_path):
    certificate, key = self_signed_certificate(tmp_path)
    config = proxy.with_certificate(proxy.with_files_in(example, tmp_path), certificate, key)
    (tmp_path / "nginx.conf").write_text(proxy.dump(config))
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def directives(config, name):
    return [directive.args for directive in proxy.walk(config) if directive.name == name]


def test_plain_http_only_redirects_to_https(example):
    http = proxy.find(example, "http")[0]
    plain = [server for server in proxy.find(http.block, "server") if ["80"] in directives(server.block, "listen")]
    assert [directives(server.block, "return") for server in plain] == [[["301", "https://$server_name$request_uri"]]]
    assert ["443", "ssl", "http2"] in directives(proxy.proxying_server(example).block, "listen")


def test_the_proxy_serves_nothing_itself_and_sets_what_the_app_trusts(example):
    assert not directives(example, "root") and not directives(example, "alias")
    server = proxy.proxying_server(example)
    locations = proxy.find(server.block, "location")
    assert [location.args[0] for location in locations] == ["/", "~"]
    assert directives(server.block, "proxy_pass") == [["http://fraudwatch"]] * 2
    # Set once for the server, so every location sends the same headers.
    assert not any(directives(location.block, "proxy_set_header") for location in locations)
    headers = dict(args for args in directives(server.block, "proxy_set_header"))
    assert headers["X-Forwarded-Proto"] == "$scheme"
    assert headers["X-Forwarded-For"] == "$remote_addr"  # not the client's list
    assert headers["X-Request-ID"] == "$request_id"  # never the client's id


def megabytes(value):
    return int(value.removesuffix("m")) * 1024 * 1024


def test_the_body_caps_are_the_apps_own_and_the_upload_has_its_own_address(example, settings):
    http = proxy.find(example, "http")[0]
    [general] = proxy.find(http.block, "client_max_body_size")
    assert megabytes(general.args[0]) == settings.UPLOAD_MAX_REQUEST_BYTES
    locations = proxy.find(proxy.proxying_server(example).block, "location")
    [upload] = [location for location in locations if location.args[0] == "~"]
    [[size]] = directives(upload.block, "client_max_body_size")
    assert megabytes(size) == settings.MATERIAL_UPLOAD_MAX_REQUEST_BYTES
    pattern = re.compile(upload.args[1])
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            assert pattern.fullmatch(reverse("campaigns:material-new"))
            assert not pattern.fullmatch(reverse("campaigns:activity-new"))


def test_only_idempotent_requests_are_retried_on_another_server(example):
    retried_on = directives(example, "proxy_next_upstream")
    assert retried_on == [["error", "timeout", "http_502"]]
    assert directives(example, "proxy_next_upstream_tries") == [["3"]]
    upstream = next(directive for directive in proxy.walk(example) if directive.name == "upstream")
    assert len(proxy.find(upstream.block, "server")) >= 2
    assert proxy.find(upstream.block, "keepalive")


def seconds(value):
    return int(value.removesuffix("s"))


def test_nginx_drops_idle_app_connections_before_gunicorn_does(example):
    gunicorn = runpy.run_path(str(proxy.EXAMPLE.parent / "gunicorn.conf.py"))
    upstream = next(directive for directive in proxy.walk(example) if directive.name == "upstream")
    [[idle]] = directives(upstream.block, "keepalive_timeout")
    assert seconds(idle) < gunicorn["keepalive"]
    [[read_timeout]] = directives(example, "proxy_read_timeout")
    assert seconds(read_timeout) > gunicorn["timeout"]  # the app decides when a request took too long


class StandInHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.server.seen.append(("GET", dict(self.headers)))
        if not self.server.healthy:
            self.close_connection = True  # read the request, then hang up without an answer
            return
        body = b"healthy"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-ID", "the-app-echoes-this")
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.server.seen.append(("POST", dict(self.headers)))
        self.close_connection = True

    def log_message(self, *args):
        pass


class StandIn(http.server.ThreadingHTTPServer):
    """An app server that records what it is sent. A broken one hangs up on every request
    after reading it; a healthy one answers GET and hangs up on POST."""

    daemon_threads = True

    def __init__(self, healthy):
        self.healthy, self.seen = healthy, []
        super().__init__(("127.0.0.1", 0), StandInHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def proxied(nginx, tmp_path):
    broken, healthy = StandIn(healthy=False), StandIn(healthy=True)
    port = proxy.free_port()
    process = proxy.start(tmp_path, port, [broken.server_address[1], healthy.server_address[1]])
    yield port, broken, healthy
    proxy.stop(process)
    broken.shutdown()
    healthy.shutdown()


def request(port, method, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, "/zh-hans/", body=body, headers=headers or {})
    response = connection.getresponse()
    answer = response.status, response.getheader("X-Request-ID"), response.read()
    connection.close()
    return answer


def test_a_get_a_server_drops_is_answered_by_the_other(proxied):
    port, broken, healthy = proxied
    answers = [request(port, "GET", {"X-Request-ID": "forged-by-client", "X-Forwarded-For": "10.9.9.9"})]
    answers += [request(port, "GET") for _ in range(3)]
    assert [(status, body) for status, _, body in answers] == [(200, b"healthy")] * 4
    assert broken.seen, "round robin never reached the broken server"
    sent = healthy.seen[0][1]
    assert re.fullmatch(r"[0-9a-f]{32}", sent["X-Request-ID"])
    assert answers[0][1] == sent["X-Request-ID"]  # the client sees nginx's id, once
    assert sent["X-Forwarded-For"] == "127.0.0.1"
    assert sent["X-Forwarded-Proto"] == "http"  # plain HTTP in this loopback copy


def test_a_post_that_reached_a_server_is_never_sent_again(proxied):
    port, broken, healthy = proxied
    # Both servers are up, so nginx could send it on if it were willing to.
    status, request_id, _ = request(port, "POST", {"Content-Type": "text/plain"}, b"save me once")
    assert status == 502
    sent = [headers["X-Request-ID"] for method, headers in broken.seen + healthy.seen if method == "POST"]
    assert sent == [request_id]  # one server saw it, once; nginx's own error page has the id too


def answer_to_a_large_body(port, path, size):
    """nginx's first answer to the head of a POST of `size` bytes that waits to be told to
    send its body (Expect: 100-continue): 100 if nginx would take it, 413 if not. No body
    is sent, so nothing is buffered or passed on."""
    head = f"POST {path} HTTP/1.1\r\nHost: fraud.example.gov.cn\r\nContent-Length: {size}\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"{head}Expect: 100-continue\r\n\r\n".encode())
        return int(connection.recv(1024).split(b" ", 2)[1])


def test_only_the_upload_address_takes_a_body_over_25_mb(proxied):
    port, _broken, _healthy = proxied
    just_over = 26 * 1024 * 1024
    assert answer_to_a_large_body(port, "/zh-hans/campaigns/activities/new/", just_over) == 413
    assert answer_to_a_large_body(port, "/zh-hans/campaigns/materials/new/", just_over) == 100
    assert answer_to_a_large_body(port, "/en/campaigns/materials/new/", 200 * 1024 * 1024) == 100
    assert answer_to_a_large_body(port, "/en/campaigns/materials/new/", 202 * 1024 * 1024) == 413
