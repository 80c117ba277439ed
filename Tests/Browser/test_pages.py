"""Every page renders at desktop and phone width, in light and dark, without console errors and without sideways
scrolling on a phone; a screenshot of each is saved in test-output/screenshots. Plus the landing page's keyboard
basics."""

from __future__ import annotations

import sqlite3
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import studio
from studio import assert_no_console_errors, by_label, button, capture, fill, visible, visit, wait, wait_path


def no_sideways_scroll(driver, layout, theme):
    if layout == "phone":
        overflow = studio.horizontal_overflow(driver)
        assert not overflow, f"{studio.path_of(driver)} scrolls sideways at {studio.PHONE[0]} px: {overflow}"


def heading_shows(text: str):
    """`ready` for capture(): the page's <h1> says `text`."""
    def ready(driver):
        wait(driver).until(lambda d: any(h.is_displayed() and text.lower() in h.text.lower()
                                         for h in d.find_elements(By.CSS_SELECTOR, "main h1")),
                           f"no <h1> with {text!r}")
        studio.wait_idle(driver)
        studio.wait_images(driver)
    return ready


def render_everywhere(driver, name: str, ready, allow=()) -> None:
    capture(driver, name, ready=ready, check=no_sideways_scroll)
    assert_no_console_errors(driver, allow)


# --- Signed out --------------------------------------------------------------------------------------------

PUBLIC = [
    ("landing", "/", "Turn an idea into a narrated video"),
    ("signin", "/signin", "Welcome back"),
    ("signup", "/signup", "Create your account"),
    ("forgot-password", "/forgot-password", "Forgot your password?"),
    ("reset-password", "/reset-password?token=not-a-real-token", "Choose a new password"),
    ("reset-password-incomplete", "/reset-password", "This link is incomplete"),
    ("not-found", "/no-such-page", "Page not found"),
]


@pytest.mark.parametrize("name,path,heading", PUBLIC, ids=[page[0] for page in PUBLIC])
def test_public_page(driver, server, name, path, heading):
    visit(driver, server, path)
    render_everywhere(driver, name, heading_shows(heading))


def test_landing_keyboard(driver, server):
    visit(driver, server, "/")
    # The prompt box has the focus on load, so a visitor can start typing at once.
    wait(driver).until(lambda d: d.switch_to.active_element.get_attribute("id") == "prompt",
                       "the prompt box is not focused on load")
    driver.switch_to.active_element.send_keys("A video about tides")
    assert driver.find_element(By.ID, "prompt").get_attribute("value") == "A video about tides"

    # Tab goes through the example prompts to the Generate button, whose focus is visible.
    for _ in range(20):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        if focused.tag_name == "button" and focused.text.startswith("Generate"):
            break
    else:
        pytest.fail("Tab never reached the Generate button")
    assert focused.get_attribute("type") == "submit"
    assert driver.execute_script(
        "const el = arguments[0]; const s = getComputedStyle(el);"
        "return el.matches(':focus-visible') && (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0"
        " || s.boxShadow !== 'none');", focused), "the focused Generate button shows no focus ring"
    studio.screenshot(driver, "landing-focus-generate")
    assert_no_console_errors(driver)


def test_landing_validates_before_sending(driver, server):
    visit(driver, server, "/")
    button(driver, "Generate").click()
    # An empty prompt is refused in the page, with words next to the field, and the focus goes back to it.
    message = wait(driver).until(lambda d: visible(d, "#prompt ~ .field-error, .prompt-field .field-error"))
    assert "Write what the video should be about" in message.text
    assert driver.find_element(By.ID, "prompt").get_attribute("aria-invalid") == "true"
    assert driver.switch_to.active_element.get_attribute("id") == "prompt"
    assert studio.path_of(driver) == "/"
    assert_no_console_errors(driver)


# --- Signed in ---------------------------------------------------------------------------------------------


@pytest.fixture
def empty_account(server):
    return server.register(studio.unique_email("empty"), name="Empty Account")


def test_pages_of_a_new_account(driver, server, empty_account):
    studio.sign_in(driver, server, empty_account["email"])

    visit(driver, server, "/dashboard")
    render_everywhere(driver, "dashboard-empty", heading_shows("My videos"))
    assert "No videos yet" in driver.find_element(By.ID, "main").text

    visit(driver, server, "/profile")
    render_everywhere(driver, "profile-empty", heading_shows("Profile"))

    # The breakdown needs a prompt: written on the landing page, as people do.
    visit(driver, server, "/")
    fill(by_label(driver, "What is your video about?"), "Why the sky is blue: light, air and scattering, for curious kids.")
    fill(driver.find_element(By.ID, "duration"), "10")
    button(driver, "Generate").click()
    wait_path(driver, "/new")
    wait(driver, 60).until(lambda d: visible(d, "#plan-title"), "the breakdown did not show a plan")
    render_everywhere(driver, "breakdown", heading_shows("Review your scenes"))


def test_pages_with_a_video(driver, server, ready_video):
    account, video = ready_video["account"], ready_video["video"]
    studio.sign_in(driver, server, account["email"])

    visit(driver, server, "/dashboard")

    def dashboard_ready(d):
        heading_shows("My videos")(d)
        wait(d).until(lambda d: visible(d, f'.video-card[data-id="{video["id"]}"]'), "the video is not listed")
        # The default retention, 7 days, counted from when the video completed.
        expiry = d.find_element(By.CSS_SELECTOR, f'.video-card[data-id="{video["id"]}"] [data-role="expiry"]')
        assert expiry.text == "expires in 7 days", expiry.text
    render_everywhere(driver, "dashboard", dashboard_ready)

    visit(driver, server, f"/videos/{video['id']}")

    def preview_ready(d):
        wait(d).until(lambda d: d.execute_script(
            "const v = document.querySelector('main video'); return v && v.readyState >= 1;"),
            "the preview player did not load the video")
        wait(d).until(lambda d: visible(d, ".version-list"), "the versions did not load")
        heading_shows(video["title"])(d)
        expiry = d.find_element(By.CSS_SELECTOR, '.video-header [data-role="expiry"]')
        assert expiry.text == "expires in 7 days", expiry.text
    render_everywhere(driver, "video-preview", preview_ready)

    visit(driver, server, f"/videos/{video['id']}/edit")

    def editor_ready(d):
        wait(d, 60).until(lambda d: visible(d, ".timeline .clip"), "the timeline shows no clips")
        # The versions sit behind the Assets panel's "Versions" tab: loaded, not necessarily shown.
        wait(d).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".editor-page .version-list .version-item"),
                      "the editor's versions did not load")
        studio.wait_idle(d)
    render_everywhere(driver, "editor", editor_ready)

    visit(driver, server, "/profile")

    def profile_ready(d):
        heading_shows("Profile")(d)
        # The history lists the video's charge: 5 credits spent.
        wait(d).until(lambda d: any(cell.text.strip().endswith("5") for cell in d.find_elements(
            By.CSS_SELECTOR, ".history-table td.delta.minus")), "the transaction history does not show the charge")
    render_everywhere(driver, "profile", profile_ready)


def test_an_expired_video(driver, server):
    """A video past its retention: the worker's cleanup marks it expired, and its page and card say so."""
    account = server.register(studio.unique_email("expired"), name="Expiry Tester")
    token = account["accessToken"]
    video = server.api("POST", "/videos", {
        "prompt": "A short calm video about lighthouses guiding ships at night",
        "settings": {"durationSeconds": 5, "aspectRatio": "16:9", "quality": "480p"},
    }, token=token)
    assert server.wait_for_video(token, video["id"])["status"] == "completed"
    # The retention ends now: written straight into the server's SQLite file.
    with sqlite3.connect(server.data / "pixora.sqlite", timeout=30) as db:
        db.execute("UPDATE videos SET expires_at = ? WHERE id = ?", (int(time.time() * 1000) - 1000, video["id"]))
    deadline = time.monotonic() + 90
    while server.api("GET", f"/videos/{video['id']}", token=token)["status"] != "expired":
        assert time.monotonic() < deadline, "the cleanup did not expire the video"
        time.sleep(0.5)

    studio.sign_in(driver, server, account["email"])
    visit(driver, server, f"/videos/{video['id']}")
    heading = wait(driver).until(lambda d: visible(d, ".outcome-card h2"), "the expired page did not show")
    assert heading.text == "Video expired"
    assert "its files were deleted" in driver.find_element(By.CSS_SELECTOR, ".outcome-card .reason").text
    visit(driver, server, "/dashboard")
    card = wait(driver).until(lambda d: visible(d, f'.video-card[data-id="{video["id"]}"]'), "the video is not listed")
    assert "Expired" in card.get_attribute("textContent")
