"""Browser tests: Playwright driving the system Chromium against live_server.

Without Chromium they skip with one line of reason; with FRAUDWATCH_REQUIRE_BROWSER=1
(as CI sets) a missing browser or tool fails instead of skipping.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
REQUIRED = os.environ.get("FRAUDWATCH_REQUIRE_BROWSER") == "1"

# Browser tests share the live server's database through real transactions.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def require(condition, reason):
    if condition:
        return
    if REQUIRED:
        pytest.fail(f"{reason} (FRAUDWATCH_REQUIRE_BROWSER=1 forbids skipping)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A phone-sized page that records every request it makes."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, base_url=live_server.url)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, live_server):
    """A phone-sized page that lets axe-core be injected despite our CSP, and records
    every request it makes."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    yield page
    context.close()


@pytest.fixture
def axe_source():
    require(AXE_JS.exists(), "axe-core is not installed (npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def vnu():
    require(VNU_JAR.exists(), "vnu-jar is not installed (npm ci)")
    require(shutil.which("java") is not None, "no Java runtime for the Nu HTML checker")
    return VNU_JAR


def hosts_of(urls):
    return {urlsplit(url).netloc for url in urls if not url.startswith(("data:", "blob:", "about:"))}


@pytest.fixture
def loaded_catalogue(transactional_db):
    from tests.reuse import load_catalogue

    load_catalogue()
