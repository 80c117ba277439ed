"""Helpers shared by the browser suite: the server under test, the Chromium driver, screenshots, console checks,
the mail outbox and checks of downloaded videos.

Selectors follow what a person sees: labels, button texts, roles and the ids the pages really have.
"""

from __future__ import annotations

import base64
import email
import email.policy
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
OUTPUT = Path(os.environ.get("PIXORA_TEST_OUTPUT") or REPO / "test-output")
SCREENSHOTS = OUTPUT / "screenshots"
DOWNLOADS = OUTPUT / "downloads"
FAILURES = OUTPUT / "failures"

CHROMIUM = os.environ.get("PIXORA_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("PIXORA_CHROMEDRIVER", "/usr/bin/chromedriver")
FFPROBE = os.environ.get("PIXORA_FFPROBE", "/usr/bin/ffprobe")

DESKTOP = (1280, 900)
PHONE = (390, 844)

# Generating a 10-second video on SQLite with the embedded generators takes 30-90 s on a 2-core machine and a
# version render 20-40 s; these limits leave room for a slow machine without ever sleeping as an assertion.
LONG = int(os.environ.get("PIXORA_TEST_LONG_TIMEOUT", "300"))
SHORT = 20

PASSWORD = "correct horse battery"


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


# --- The server ----------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ApiFailure(AssertionError):
    def __init__(self, status: int, body, method: str, path: str):
        super().__init__(f"{method} {path} answered {status}: {body}")
        self.status = status
        self.body = body


@dataclass
class Server:
    """A `pixora serve` on SQLite in a temporary folder, started for the test session."""

    binary: Path
    port: int
    root: Path
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    env: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def outbox(self) -> Path:
        return self.data / "outbox"

    @classmethod
    def start(cls, extra_env: dict | None = None, name: str = "server") -> "Server":
        """`extra_env` adds settings a test needs on a server of its own (a sign-in provider), which logs into
        test-output/<name>.log."""
        override = os.environ.get("PIXORA_BIN")
        binary = Path(override) if override else REPO / ".build" / "debug" / "pixora"
        if not binary.is_file():
            raise RuntimeError(f"{binary} does not exist: run `swift build` first (or set PIXORA_BIN).")
        root = Path(tempfile.mkdtemp(prefix="pixora-browser-"))
        port = free_port()
        OUTPUT.mkdir(parents=True, exist_ok=True)
        # Only what a process needs from the outside: no DATABASE_URL, SMTP or provider keys (OPENAI_API_KEY,
        # FAL_KEY, ELEVENLABS_API_KEY, PIXORA_*_PROVIDER …), so the server runs on SQLite with the embedded
        # generators and writes mails to its outbox whatever the shell has set.
        keep = {"PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "LD_LIBRARY_PATH",
                "PIXORA_SOUNDFONT", "PIXORA_WEB_DIR", "PIXORA_LOG_LEVEL"}
        env = {name: value for name, value in os.environ.items() if name in keep or name.startswith("LC_")}
        env.update({
            "PIXORA_BCRYPT_COST": "4",
            "PIXORA_PUBLIC_URL": f"http://127.0.0.1:{port}",
            # A fixed test secret (40+ characters); the real one is generated into <data>/jwt-secret.
            "PIXORA_JWT_SECRET": "browser-suite-secret-" + "x" * 40,
            "PIXORA_CACHE_DIR": str(root / "cache"),
            # The suite signs in many times from one address; the limit itself is covered by the Swift tests.
            "PIXORA_LOGIN_LIMIT": "50",
            # The webhook test's receiver listens on 127.0.0.1, which a deployment refuses by default.
            "PIXORA_WEBHOOK_ALLOW_PRIVATE": "1",
        })
        env.update(extra_env or {})
        # A copied binary does not find the web files bundled next to .build/debug/pixora: serve the sources.
        if override and not env.get("PIXORA_WEB_DIR"):
            env["PIXORA_WEB_DIR"] = str(REPO / "Sources" / "PixoraServer" / "Web")
        # The server runs in its temporary folder: a relative PIXORA_WEB_DIR means the caller's folder.
        if env.get("PIXORA_WEB_DIR"):
            env["PIXORA_WEB_DIR"] = os.path.abspath(env["PIXORA_WEB_DIR"])
        server = cls(binary=binary, port=port, root=root, env=env)
        server.log_path = OUTPUT / f"{name}.log"
        try:
            with open(server.log_path, "wb") as log:
                server.process = subprocess.Popen(
                    [str(binary), "serve", "--port", str(port), "--data", str(server.data)],
                    stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
            server.wait_healthy()
        except (OSError, RuntimeError) as error:
            server.stop()
            raise RuntimeError(f"pixora serve ({binary}) could not start: {error}") from error
        return server

    def wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pixora serve exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"pixora serve did not answer /healthz within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)

    # API, for arranging accounts and checking what the pages did.

    def api(self, method: str, path: str, body=None, token: str | None = None, headers: dict | None = None,
            expect: int | tuple = (200, 201, 202, 204)):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + "/api/v1" + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        try:
            answer = json.loads(raw) if raw else None
        except ValueError:
            answer = raw.decode(errors="replace")
        expected = expect if isinstance(expect, tuple) else (expect,)
        if status not in expected:
            raise ApiFailure(status, answer, method, path)
        return answer

    def register(self, email_address: str | None = None, password: str = PASSWORD, name: str | None = None) -> dict:
        email_address = email_address or unique_email("api")
        body = {"email": email_address, "password": password}
        if name:
            body["name"] = name
        answer = self.api("POST", "/auth/register", body)
        answer["email"] = email_address
        answer["password"] = password
        return answer

    def wait_for_video(self, token: str, video_id: str, timeout: float = LONG) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            video = self.api("GET", f"/videos/{video_id}", token=token)
            job = video.get("job") or {}
            if video["status"] not in ("queued", "running") and job.get("state") not in ("queued", "running"):
                return video
            if time.monotonic() > deadline:
                raise AssertionError(f"video {video_id} still {video['status']} after {timeout} s: {job}")
            time.sleep(1)

    # The mail outbox: one RFC 5322 .eml file per mail, named <yyyyMMdd-HHmmss>-<random>.eml, written under a
    # dot-name and renamed, so a listed .eml file is always complete.

    def mails_to(self, address: str) -> list[email.message.EmailMessage]:
        if not self.outbox.is_dir():
            return []
        found = []
        for path in sorted(self.outbox.glob("*.eml"), key=lambda p: (p.stat().st_mtime, p.name)):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if address.lower() in str(message["To"]).lower():
                found.append(message)
        return found

    def newest_mail(self, address: str, after: int = 0, timeout: float = SHORT) -> email.message.EmailMessage:
        """The newest mail to `address` once more than `after` mails have reached it."""
        deadline = time.monotonic() + timeout
        while True:
            mails = self.mails_to(address)
            if len(mails) > after:
                return mails[-1]
            if time.monotonic() > deadline:
                raise AssertionError(f"no new mail to {address} in {self.outbox} within {timeout} s")
            time.sleep(0.2)


def mail_text(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",)) if message.is_multipart() else message
    return part.get_content()


def reset_link(message: email.message.EmailMessage) -> str:
    match = re.search(r"https?://[^\s<>\"]+/reset-password\?token=[^\s<>\"]+", mail_text(message))
    assert match, f"no reset link in the mail:\n{mail_text(message)}"
    return match.group(0)


# --- The browser ---------------------------------------------------------------------------------------------


def new_driver() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--autoplay-policy=no-user-gesture-required",
                     "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    driver.console = []  # every browser log entry read so far, for reports
    driver.console_checked = 0  # entries already checked by assert_no_console_errors
    driver.layout = "desktop"
    return driver


def wait(driver, timeout: float = SHORT) -> WebDriverWait:
    return WebDriverWait(driver, timeout, poll_frequency=0.2,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))


def act(driver, action, message: str, timeout: float = SHORT) -> None:
    """Runs `action(driver)`, which finds the elements it uses afresh, again whenever the page re-rendered one of
    them under it (a stale element) before it was done. Only for actions that are safe to repeat from the start:
    finding, filling, a click that did not happen."""
    wait(driver, timeout).until(lambda d: action(d) or True, message)


def visit(driver, server: Server, path: str) -> None:
    driver.get(server.url + path)
    wait_idle(driver)


def wait_idle(driver, timeout: float = 30) -> None:
    """The page module has rendered: the document is loaded and no loading indicator shows in <main>."""
    wait(driver, timeout).until(lambda d: d.execute_script(
        "const main = document.getElementById('main');"
        "if (document.readyState !== 'complete' || !main || !main.firstElementChild) return false;"
        "return ![...main.querySelectorAll('.loading')].some((e) => e.offsetParent !== null);"))


def settle(driver) -> None:
    """Two animation frames and the fonts: what the next screenshot shows has been painted."""
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));")


def wait_images(driver, timeout: float = SHORT) -> None:
    """Every visible <img> in <main> has finished loading (or failed: that is for the console check)."""
    wait(driver, timeout).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('main img')].every((img) => img.complete);"))


def set_layout(driver, layout: str) -> None:
    """Desktop (1280x900) or phone (390x844, a mobile viewport through the DevTools protocol)."""
    if layout == driver.layout:
        return
    if layout == "phone":
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 1, "mobile": True})
    else:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.set_window_size(*DESKTOP)
    driver.layout = layout
    expected = PHONE[0] if layout == "phone" else None
    wait(driver).until(lambda d: expected is None or d.execute_script("return innerWidth") == expected)
    settle(driver)


def phone(driver) -> None:
    set_layout(driver, "phone")


def desktop(driver) -> None:
    set_layout(driver, "desktop")


def current_theme(driver) -> str:
    return driver.execute_script("return document.documentElement.dataset.theme")


def set_theme(driver, theme: str) -> None:
    """Light or dark through the header's theme button (it cycles system → light → dark)."""
    toggle = driver.find_element(By.ID, "theme-toggle")
    for _ in range(4):
        preference = driver.execute_script("return localStorage.getItem('pixora.theme')")
        if preference == theme and current_theme(driver) == theme:
            break
        toggle.click()
    assert current_theme(driver) == theme, f"the theme button did not reach {theme}"
    settle(driver)


def screenshot(driver, name: str, theme: str | None = None) -> Path:
    """A full-page PNG: test-output/screenshots/<name>-<desktop|phone>-<light|dark>.png."""
    theme = theme or current_theme(driver)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{driver.layout}-{theme}.png"
    # The clip is measured from the top of the document: start there (sticky headers stay in place).
    scrolled = driver.execute_script("const y = scrollY; scrollTo(0, 0); return y;")
    settle(driver)
    try:
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        viewport = metrics.get("cssLayoutViewport") or metrics["layoutViewport"]
        width = viewport["clientWidth"]
        height = min(max(size["height"], viewport["clientHeight"]), 8000)
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        path.write_bytes(base64.b64decode(shot["data"]))
    except WebDriverException:
        driver.save_screenshot(str(path))
    driver.execute_script("scrollTo(0, arguments[0]);", scrolled)
    assert path.stat().st_size > 1000, f"{path} is empty"
    return path


def capture(driver, name: str, layouts=("desktop", "phone"), themes=("light", "dark"), ready=None,
            check=None) -> list[Path]:
    """Screenshots of the current page in each layout and theme; `ready(driver)` waits for the page's content,
    `check(driver, layout, theme)` asserts more (e.g. no sideways scrolling on a phone). Ends on desktop, light."""
    paths = []
    for layout in layouts:
        set_layout(driver, layout)
        if ready:
            ready(driver)
        for theme in themes:
            set_theme(driver, theme)
            if check:
                check(driver, layout, theme)
            paths.append(screenshot(driver, name, theme))
    set_layout(driver, "desktop")
    set_theme(driver, "light")
    return paths


def horizontal_overflow(driver) -> list[str]:
    """Elements that stick out to the right of the viewport (a phone would have to scroll sideways)."""
    return driver.execute_script(
        "const width = document.documentElement.clientWidth;"
        "if (document.documentElement.scrollWidth <= width + 1) return [];"
        "const out = [];"
        "for (const el of document.querySelectorAll('body *')) {"
        "  const r = el.getBoundingClientRect();"
        "  if (r.width && r.right > width + 1 && getComputedStyle(el).position !== 'fixed') {"
        "    let clipped = false;"
        "    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {"
        "      const o = getComputedStyle(p).overflowX; if (o !== 'visible') { clipped = true; break; } }"
        "    if (!clipped) out.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + [...el.classList].join('.')) + ' right=' + Math.round(r.right));"
        "  }"
        "}"
        "return out.length ? out.slice(0, 8) : ['document scrollWidth ' + document.documentElement.scrollWidth + ' > ' + width];")


# --- Console ------------------------------------------------------------------------------------------------

FAILED_LOAD = re.compile(r"^(\S+) - Failed to load resource: the server responded with a status of (\d+)")


@dataclass(frozen=True)
class Expected:
    """A console error the test caused on purpose: a failed request to exactly `path` answered with `status`."""

    path: str
    status: int
    reason: str = ""

    def matches(self, entry: dict) -> bool:
        found = FAILED_LOAD.match(entry.get("message", ""))
        if not found:
            return False
        return urllib.parse.urlsplit(found.group(1)).path == self.path and int(found.group(2)) == self.status


def read_console(driver) -> list[dict]:
    try:
        entries = driver.get_log("browser")
    except WebDriverException:
        entries = []
    driver.console.extend(entries)
    return entries


def console_errors(driver, allow=()) -> list[dict]:
    """SEVERE entries logged since the last check, except the expected ones."""
    read_console(driver)
    fresh = driver.console[driver.console_checked:]
    driver.console_checked = len(driver.console)
    return [entry for entry in fresh
            if entry.get("level") == "SEVERE" and not any(expected.matches(entry) for expected in allow)]


def assert_no_console_errors(driver, allow=()) -> None:
    errors = console_errors(driver, allow)
    assert not errors, "console errors:\n" + "\n".join(f"  {e.get('source')}: {e.get('message')}" for e in errors)


# --- Finding things the way people do -----------------------------------------------------------------------


def by_label(driver_or_element, text: str) -> WebElement:
    """The form control labelled `text` (the label's own text, ignoring hints such as "(optional)")."""
    labels = driver_or_element.find_elements(
        By.XPATH, f".//label[normalize-space()={xpath_literal(text)} or normalize-space(text())={xpath_literal(text)}]")
    for label in labels:
        target = label.get_attribute("for")
        if target:
            return label.parent.find_element(By.ID, target)
        inner = label.find_elements(By.CSS_SELECTOR, "input, select, textarea")
        if inner:
            return inner[0]
    raise NoSuchElementException(f"no control labelled {text!r}")


def button(driver_or_element, text: str, exact: bool = False) -> WebElement:
    """A <button> whose visible text is `text` (or starts with it), else a link drawn as a button. On the whole
    page the header is left out (its "Sign in" link would shadow the form's "Sign in" button)."""
    literal = xpath_literal(text)
    test = f"normalize-space()={literal}" if exact else f"starts-with(normalize-space(), {literal})"
    scope = ".//" if isinstance(driver_or_element, WebElement) else "//*[self::main or self::dialog]//"
    for kind in (f"button[{test}]", f"a[contains(@class, 'button')][{test}]"):
        found = [e for e in driver_or_element.find_elements(By.XPATH, scope + kind) if e.is_displayed()]
        if found:
            return found[0]
    raise NoSuchElementException(f"no button {text!r}")


def link(driver_or_element, text: str) -> WebElement:
    return driver_or_element.find_element(By.XPATH, f".//a[normalize-space()={xpath_literal(text)}]")


def xpath_literal(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


def fill(element: WebElement, text: str) -> None:
    """Replaces a field's text by typing, as a person would (select all, type)."""
    element.click()
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(text)


def visible(driver, css: str) -> WebElement | bool:
    for element in driver.find_elements(By.CSS_SELECTOR, css):
        try:
            if element.is_displayed():
                return element
        except StaleElementReferenceException:
            continue
    return False


def path_of(driver) -> str:
    return urllib.parse.urlsplit(driver.current_url).path


def wait_path(driver, path: str | re.Pattern, timeout: float = SHORT) -> str:
    """Waits until the address is `path` and its page has rendered (the URL changes before the page module ran)."""
    def arrived(d):
        current = path_of(d)
        return current if (path.fullmatch(current) if isinstance(path, re.Pattern) else current == path) else False
    found = wait(driver, timeout).until(arrived, f"the page did not go to {path} (at {driver.current_url})")
    wait_idle(driver)
    return found


def active_element(driver) -> WebElement:
    return driver.switch_to.active_element


def session(driver) -> dict:
    """The session the studio keeps in localStorage (tokens and user)."""
    return driver.execute_script("return JSON.parse(localStorage.getItem('pixora.session') || 'null')") or {}


def access_token(driver) -> str:
    token = session(driver).get("accessToken")
    assert token, "not signed in"
    return token


# --- Accounts through the pages ------------------------------------------------------------------------------


def sign_up(driver, server: Server, email_address: str, password: str = PASSWORD, name: str | None = "Test Person",
            path: str = "/signup") -> None:
    if path is not None:
        visit(driver, server, path)
    if name:
        fill(by_label(driver, "Name"), name)
    fill(by_label(driver, "Email"), email_address)
    fill(by_label(driver, "Password"), password)
    fill(by_label(driver, "Confirm password"), password)
    button(driver, "Create account", exact=True).click()
    wait(driver).until(lambda d: session(d).get("refreshToken"), "the account was not created")


def sign_in(driver, server: Server, email_address: str, password: str = PASSWORD, path: str = "/signin") -> None:
    if path is not None:
        visit(driver, server, path)
    fill(by_label(driver, "Email"), email_address)
    fill(by_label(driver, "Password"), password)
    button(driver, "Sign in", exact=True).click()
    wait(driver).until(lambda d: session(d).get("refreshToken"), "sign-in did not succeed")
    wait_path(driver, re.compile(r"/(?!signin).*"))


# --- Downloads ----------------------------------------------------------------------------------------------


def absolute(server: Server, href: str) -> str:
    return urllib.parse.urljoin(server.url + "/", href)


def download(server: Server, href: str, name: str) -> Path:
    """Fetches a link the page shows (signed, no header needed) into test-output/downloads/<name>."""
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    target = DOWNLOADS / name
    with urllib.request.urlopen(absolute(server, href), timeout=120) as response:
        assert response.status == 200, f"{href} answered {response.status}"
        target.write_bytes(response.read())
    return target


def probe(path: Path) -> dict:
    result = subprocess.run(
        [FFPROBE, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"ffprobe failed on {path}: {result.stderr}"
    return json.loads(result.stdout)


def assert_mp4(path: Path, min_seconds: float = 5) -> dict:
    data = path.read_bytes()
    assert len(data) > 1000, f"{path} has only {len(data)} bytes"
    assert data[4:8] == b"ftyp", f"{path} is not an MP4 (bytes 4-8: {data[4:8]!r})"
    info = probe(path)
    duration = float(info["format"]["duration"])
    assert duration > min_seconds, f"{path} lasts {duration} s"
    assert any(stream.get("codec_type") == "video" for stream in info["streams"]), f"{path} has no video stream"
    return info
