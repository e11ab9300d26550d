"""Slow clients on loopback: connections that send their request one byte at a time,
while a probe checks that /healthz and a catalogue page still answer within a second.

Half the connections send their request line and headers a byte at a time (and never
finish them); the other half send their headers at once and then a form body a byte at
a time. Every connection sends its next byte INTERVAL seconds after the last, and the
connections take turns, so a byte arrives every INTERVAL / COUNT seconds. The run is
bounded in connections and in seconds, and talks to 127.0.0.1 only.
"""

import http.client
import selectors
import socket
import statistics
import threading
import time
from dataclasses import dataclass, field

TARGET = 1.0  # seconds: every probe must be answered within this
SLOW_HEADERS = b"GET /zh-hans/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow-client\r\nX-Padding: " + b"a" * 4000
SLOW_BODY_HEAD = (
    b"POST /zh-hans/check/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow-client\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
)
SLOW_BODY = b"message=" + b"a" * 99992


@dataclass
class SlowConnection:
    kind: str  # "headers" or "body"
    sock: socket.socket
    pending: bytes
    sent: int = 0
    closed_after: float | None = None  # seconds after opening, when the server hung up
    answer: str = ""  # the status line the server sent before hanging up, if any


@dataclass
class Probes:
    latencies: dict = field(default_factory=dict)  # path: [seconds]
    failures: dict = field(default_factory=dict)  # path: [what went wrong]


def open_slow(port, kind):
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    if kind == "body":
        sock.sendall(SLOW_BODY_HEAD)
        pending = SLOW_BODY
    else:
        pending = SLOW_HEADERS
    sock.setblocking(False)
    return SlowConnection(kind, sock, pending)


def drip(connections, seconds, interval, started):
    """Send each open connection's next byte in turn, one every interval / count seconds,
    until `seconds` have passed; note when and how the server hangs up on one."""
    watch = selectors.DefaultSelector()
    for connection in connections:
        watch.register(connection.sock, selectors.EVENT_READ, connection)
    step = interval / len(connections)
    turn = 0
    while time.monotonic() - started < seconds:
        for key, _events in watch.select(timeout=step):
            hung_up(key.data, started, watch)
        connection = connections[turn % len(connections)]
        turn += 1
        if connection.closed_after is not None:
            continue
        try:
            connection.sock.send(connection.pending[connection.sent : connection.sent + 1])
            connection.sent += 1
        except OSError:
            hung_up(connection, started, watch)
    for connection in connections:
        connection.sock.close()


def hung_up(connection, started, watch):
    try:
        data = connection.sock.recv(4096)
    except OSError:
        data = b""
    if data:
        connection.answer = data.split(b"\r\n", 1)[0].decode("latin-1")
    connection.closed_after = time.monotonic() - started
    watch.unregister(connection.sock)
    connection.sock.close()


def probe(port, paths, seconds, started, probes):
    """GET each path in turn on a new connection, a few times a second, until `seconds` pass."""
    while time.monotonic() - started < seconds:
        for path in paths:
            began = time.monotonic()
            client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                client.request("GET", path, headers={"User-Agent": "probe"})
                response = client.getresponse()
                response.read()
                if response.status != 200:
                    probes.failures.setdefault(path, []).append(f"{response.status}")
            except OSError as error:
                probes.failures.setdefault(path, []).append(type(error).__name__)
            finally:
                client.close()
            probes.latencies.setdefault(path, []).append(time.monotonic() - began)
        time.sleep(0.2)


def run(port, paths, count, seconds, interval):
    """`count` slow connections to 127.0.0.1:port for `seconds`, probing `paths` meanwhile.
    Returns (the connections, the probes)."""
    connections = [open_slow(port, "headers" if number % 2 == 0 else "body") for number in range(count)]
    started = time.monotonic()
    probes = Probes()
    prober = threading.Thread(target=probe, args=(port, paths, seconds, started, probes))
    prober.start()
    drip(connections, seconds, interval, started)
    prober.join()
    return connections, probes


def report(title, connections, probes):
    """Prints the figures; returns how many probes failed or took longer than TARGET."""
    print(title)
    for kind in ("headers", "body"):
        chosen = [connection for connection in connections if connection.kind == kind]
        cut = [connection for connection in chosen if connection.closed_after is not None]
        answers = sorted({connection.answer or "no answer" for connection in cut})
        after = ""
        if cut:
            times = [connection.closed_after for connection in cut]
            after = f" after {min(times):.0f}-{max(times):.0f} s"
        print(
            f"  slow {kind}: {len(chosen)} connections, {sum(c.sent for c in chosen)} bytes sent; "
            f"{len(cut)} hung up by the server{after} ({'; '.join(answers) or '-'})"
        )
    missed = 0
    for path, latencies in probes.latencies.items():
        failures = probes.failures.get(path, [])
        late = sum(latency > TARGET for latency in latencies)
        missed += late + len(failures)
        print(
            f"  {path:22} {len(latencies):4d} probes, p50 {statistics.median(latencies) * 1000:7.1f} ms, "
            f"max {max(latencies) * 1000:7.1f} ms, over {TARGET:.0f} s: {late}, failed: {len(failures)}"
            + (f" ({', '.join(sorted(set(failures)))})" if failures else "")
        )
    return missed
