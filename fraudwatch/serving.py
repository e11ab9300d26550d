"""gunicorn, made to put a response's head and the start of its body on the wire together.

gunicorn writes the status line and headers with one `sendall` and the body with
another. When an app server dies between the two (SIGKILL, out of memory), the proxy in
front has already received the head: it is committed to that response and cannot retry
the request on another server, so the client gets a broken answer. With the head held
back until the first body bytes (or the end of the response), the proxy either gets the
whole of a normal-sized page or nothing at all, and then retries the request elsewhere
(see nginx.conf.example's `proxy_next_upstream`).

gunicorn has no setting for this, so `hold_headers_until_body()` replaces three small
methods of its Response class; gunicorn.conf.py calls it. It relies on gunicorn's
internal Response API, which is why requirements.txt pins gunicorn exactly and
tests/fraudwatch/test_serving_writes.py checks the wire format against it.
"""


def hold_headers_until_body():
    from gunicorn.http import wsgi

    response = wsgi.Response
    if getattr(response, "_fraudwatch_holds_headers", False):
        return
    original_send_headers = response.send_headers
    original_close = response.close

    def send_headers(self):
        if self.headers_sent:
            return
        sock = self.sock
        held = _HeldSocket()
        self.sock = held
        try:
            original_send_headers(self)  # renders the head into `held`, marks it sent
        finally:
            self.sock = sock
        self._held_head = held.data

    def _emit_body(self, data):
        head = self.__dict__.pop("_held_head", b"")
        if self.chunked:
            data = b"%X\r\n%s\r\n" % (len(data), data)
        self.sock.sendall(head + data)

    def close(self):
        if not self.headers_sent:
            send_headers(self)
        head = self.__dict__.pop("_held_head", b"")
        if head:
            self.sock.sendall(head)
        original_close(self)

    response.send_headers = send_headers
    response._emit_body = _emit_body
    response.close = close
    response._fraudwatch_holds_headers = True


class _HeldSocket:
    """Collects what gunicorn would have sent, instead of sending it."""

    def __init__(self):
        self.data = b""

    def sendall(self, data):
        self.data += data
