"""The checker right after a fresh start of one worker (load_bench.py's first run)."""

import re
import time
import urllib.parse
import urllib.request

CHECKED = "您好，我是市公安局的，您名下的银行卡涉嫌洗钱，请把存款转到安全账户配合调查，不要告诉家人。" * 50


def first_checks(serving, base, count=10, text=CHECKED[:2000]):
    """The checker right after a fresh start of one worker: each check's time, first and
    tenth printed (the worker builds its indexes as it starts, so the first should not wait)."""
    with serving(workers=1):
        times = []
        for _ in range(count):
            with urllib.request.urlopen(f"{base}/zh-hans/check/", timeout=30) as response:
                page = response.read().decode()
                cookies = [header.split(";")[0] for header in response.headers.get_all("Set-Cookie") or []]
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "text": text}).encode()
            request = urllib.request.Request(
                f"{base}/zh-hans/check/", data=body, headers={"Cookie": "; ".join(cookies), "Referer": base}
            )
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:
                assert 'data-risk="high"' in response.read().decode()
            times.append((time.perf_counter() - started) * 1000)
    print(
        f"checker after a fresh start (one worker, a {len(text)}-character message): "
        f"first check {times[0]:.0f} ms, tenth {times[count - 1]:.0f} ms, slowest {max(times):.0f} ms",
        flush=True,
    )
