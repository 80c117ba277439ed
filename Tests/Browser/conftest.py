"""Fixtures of the browser suite: one `pixora serve` for the session (SQLite in a temporary folder), a fresh
headless Chromium per test, and a finished video for the pages that need one.

Environment: PIXORA_BIN (server binary, default <repo>/.build/debug/pixora; a copied binary gets
PIXORA_WEB_DIR=<repo>/Sources/PixoraServer/Web unless set), PIXORA_TEST_OUTPUT (default <repo>/test-output),
PIXORA_TEST_LONG_TIMEOUT (seconds for generation and rendering, default 300). The server gets a clean
environment (no DATABASE_URL, SMTP or provider keys): SQLite, embedded generators, mails in <data>/outbox.
"""

from __future__ import annotations

import json
import re

import pytest

import studio


@pytest.fixture(scope="session")
def server():
    try:
        running = studio.Server.start()
    except RuntimeError as error:
        pytest.exit(str(error), returncode=1)
    yield running
    running.stop()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def driver(request):
    browser = studio.new_driver()
    yield browser
    failed = any(getattr(request.node, f"report_{when}", None) is not None
                 and getattr(request.node, f"report_{when}").failed for when in ("setup", "call"))
    try:
        if failed:
            save_failure(browser, request.node.name)
        save_console(browser, request.node.name)
    finally:
        browser.quit()


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def save_console(browser, name: str) -> None:
    """Every console entry of the test (all levels) in test-output/console/<test>.json, to read warnings."""
    try:
        studio.read_console(browser)
    except Exception:
        return
    folder = studio.OUTPUT / "console"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{safe_name(name)}.json").write_text(json.dumps(browser.console, indent=2))


def save_failure(browser, name: str) -> None:
    """What the page looked like when a test failed: a screenshot, the DOM and the whole console."""
    folder = studio.FAILURES
    folder.mkdir(parents=True, exist_ok=True)
    safe = safe_name(name)
    try:
        browser.save_screenshot(str(folder / f"{safe}.png"))
        (folder / f"{safe}.html").write_text(browser.page_source)
        studio.read_console(browser)
        (folder / f"{safe}.console.json").write_text(json.dumps(browser.console, indent=2))
        (folder / f"{safe}.url.txt").write_text(browser.current_url + "\n")
    except Exception as error:  # the browser may be gone; the test's own error matters more
        (folder / f"{safe}.error.txt").write_text(repr(error))


@pytest.fixture(scope="session")
def ready_video(server):
    """An account with one finished 5-second video, made through the API (the journey makes one through the
    pages): {account, video}."""
    account = server.register(studio.unique_email("pages"), name="Page Tester")
    token = account["accessToken"]
    video = server.api("POST", "/videos", {
        "prompt": "A short calm video about lighthouses guiding ships at night",
        "settings": {"durationSeconds": 5, "aspectRatio": "16:9", "quality": "480p"},
    }, token=token, headers={"Idempotency-Key": "ready-video"})
    finished = server.wait_for_video(token, video["id"])
    assert finished["status"] == "completed", f"the fixture video failed: {finished.get('error')}"
    return {"account": account, "video": finished}
