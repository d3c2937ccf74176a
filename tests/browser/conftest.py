"""Fixtures of the browser test: one JupyterLab server and one headless Chromium per session.

Skipped with a clear reason when Chromium or Playwright is absent, except in CI (``CI`` set),
where that is a failure: the browser test must really run there.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from .lab import CHROMIUM, CHROMIUM_ARGS, LabServer

NOTEBOOKS = Path(__file__).parent.parent.parent / "notebooks"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="dlnotes-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )  # fmt: skip
        page = context.new_page()
        version = page.evaluate("navigator.userAgent")
        page.close()
        print(f"\nbrowser: {CHROMIUM} ({version})")
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def lab(browser):
    server = LabServer(NOTEBOOKS).start()
    yield server
    server.stop()
    leftovers = server.leftover_processes()
    server.cleanup()
    assert not leftovers, f"processes left behind: {leftovers}"


@pytest.fixture
def page(browser, request):
    page = browser.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        shot = Path(tempfile.mkdtemp(prefix="dlnotes-browser-")) / f"{request.node.name}.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"\nscreenshot of the failure: {shot}")
    page.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.when == "call":
        item.rep_call = rep
