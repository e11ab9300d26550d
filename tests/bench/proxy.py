"""nginx in front of app servers, as nginx.conf.example sets it up, for the scale-out
benchmark and the example's own test.

The example is parsed into directives rather than edited as text, so the configuration
that runs here is the example's, with only what must differ on a test machine changed:
loopback ports instead of 80/443, plain HTTP, and file paths inside a temporary folder.
"""

import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "nginx.conf.example"
TOKEN = re.compile(r"""#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[{};]|[^\s{};"'#]+""")
TEMP_PATHS = ["client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path"]


@dataclass
class Directive:
    name: str
    args: list = field(default_factory=list)
    block: list | None = None  # the directives inside { }, for a block directive


def parse(text):
    """The directives of an nginx configuration (comments dropped)."""
    stack = [[]]
    words = []
    for token in TOKEN.findall(text):
        if token.startswith("#"):
            continue
        if token == ";":
            stack[-1].append(Directive(words[0], words[1:]))
            words = []
        elif token == "{":
            directive = Directive(words[0], words[1:], [])
            stack[-1].append(directive)
            stack.append(directive.block)
            words = []
        elif token == "}":
            stack.pop()
        else:
            words.append(token)
    if len(stack) != 1 or words:
        raise ValueError("unbalanced nginx configuration")
    return stack[0]


def dump(directives, indent=""):
    lines = []
    for directive in directives:
        head = " ".join([directive.name, *directive.args])
        if directive.block is None:
            lines.append(f"{indent}{head};")
        else:
            lines += [f"{indent}{head} {{", dump(directive.block, indent + "    "), f"{indent}}}"]
    return "\n".join(line for line in lines if line)


def find(directives, name):
    return [directive for directive in directives if directive.name == name]


def walk(directives):
    """Every directive, blocks included, depth first."""
    for directive in directives:
        yield directive
        if directive.block is not None:
            yield from walk(directive.block)


def proxying_server(config):
    """The server block that proxies to the app."""
    http = find(config, "http")[0]
    return next(
        server
        for server in find(http.block, "server")
        if any(directive.name == "proxy_pass" for directive in walk(server.block))
    )


def with_files_in(config, folder):
    """The configuration with every file it writes (pid, logs, temporary files) under `folder`."""
    config = [directive for directive in config if directive.name not in ("pid", "error_log", "user")]
    config[0:0] = [Directive("pid", [f"{folder}/nginx.pid"]), Directive("error_log", [f"{folder}/error.log", "warn"])]
    http = find(config, "http")[0]
    for directive in find(http.block, "access_log"):
        directive.args[0] = f"{folder}/access.log"
    http.block[0:0] = [Directive(name, [f"{folder}/{name}"]) for name in TEMP_PATHS]
    return config


def with_certificate(config, certificate, key):
    for directive in walk(config):
        if directive.name == "ssl_certificate":
            directive.args = [str(certificate)]
        elif directive.name == "ssl_certificate_key":
            directive.args = [str(key)]
    return config


def on_loopback(config, port, app_ports):
    """Only the proxying server, on 127.0.0.1:port in plain HTTP, in front of app_ports.
    Each app server keeps the parameters the example gives its first one."""
    http = find(config, "http")[0]
    server = proxying_server(config)
    server.block = [
        directive
        for directive in server.block
        if directive.name != "listen" and not directive.name.startswith("ssl_") and directive.name != "http2"
    ]
    server.block.insert(0, Directive("listen", [f"127.0.0.1:{port}"]))
    upstream = next(directive for directive in find(http.block, "upstream") if directive.args == ["fraudwatch"])
    parameters = find(upstream.block, "server")[0].args[1:]
    upstream.block = [
        *(Directive("server", [f"127.0.0.1:{app_port}", *parameters]) for app_port in app_ports),
        *(directive for directive in upstream.block if directive.name != "server"),
    ]
    http.block = [directive for directive in http.block if directive.name != "server"] + [server]
    # One worker is enough for a benchmark on a shared machine.
    return [directive for directive in config if directive.name != "worker_processes"] + [
        Directive("worker_processes", ["1"])
    ]


def nginx_binary():
    """nginx on PATH, or where Debian puts it (/usr/sbin is not on every PATH)."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(folder, port, app_ports):
    """nginx from the example, on 127.0.0.1:port in front of app_ports, as a foreground
    child process with everything it writes in `folder`. Returns the process once nginx
    accepts connections."""
    folder = Path(folder)
    folder.chmod(0o755)  # nginx's workers drop root and must reach their temporary files
    config = on_loopback(with_files_in(parse(EXAMPLE.read_text()), folder), port, app_ports)
    (folder / "nginx.conf").write_text(dump(config) + "\n")
    command = [nginx_binary(), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")]
    process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"nginx did not start: {process.stderr.read().decode()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("nginx did not accept connections")


def stop(process):
    process.terminate()
    process.wait(timeout=10)


def upstream_outcomes(lines):
    """From access log lines: (requests, requests nginx sent to more than one app server,
    {app server: requests it answered})."""
    requests = retried = 0
    answered = {}
    for line in lines:
        requests += 1
        servers = re.search(r"upstream=(\S+(?:, \S+)*) upstream_status=", line).group(1).split(", ")
        retried += len(servers) > 1
        answered[servers[-1]] = answered.get(servers[-1], 0) + 1
    return requests, retried, answered


def cut_responses(error_log):
    """The request lines of the answers an app server began but never finished (nginx logs
    these "while reading upstream", after the response header): nginx has committed to them
    and cannot send the request elsewhere, so the client gets a broken response."""
    return re.findall(r'while reading upstream\b.*?request: "([^"]*)"', error_log)
