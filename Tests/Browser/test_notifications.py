"""Settings and notifications in the studio: the settings page (reached from the profile) changes what the landing
page's form starts from and the theme; the header's bell counts a finished video live, lists it, marks it read
and opens the video."""

from __future__ import annotations

from selenium.webdriver.common.by import By

import studio
from studio import LONG, assert_no_console_errors, button, capture, visible, wait, wait_path


def bell_count(driver) -> str:
    badge = driver.find_element(By.ID, "bell-count")
    return badge.text if badge.is_displayed() else ""


def test_settings_and_bell(driver, server):
    studio.sign_up(driver, server, studio.unique_email("bell"), name="Bell Tester")
    wait_path(driver, "/")
    wait(driver).until(lambda d: visible(d, "#bell"), "the header shows no bell")
    assert bell_count(driver) == ""

    # --- Settings, from the profile ---------------------------------------------------------------------------
    studio.visit(driver, server, "/profile")
    wait(driver).until(lambda d: visible(d, "#settings-link")).click()
    wait_path(driver, "/settings")
    wait(driver).until(lambda d: visible(d, "#settings-save"))
    driver.find_element(By.CSS_SELECTOR, "label[for='aspectRatio-916']").click()
    duration = driver.find_element(By.ID, "durationSeconds")
    duration.clear()
    duration.send_keys("12")
    driver.find_element(By.CSS_SELECTOR, "label[for='quality-480p']").click()
    driver.find_element(By.ID, "exportReady-mail").click()
    driver.find_element(By.CSS_SELECTOR, "label[for='theme-dark']").click()
    capture(driver, "settings", themes=("light",))
    driver.find_element(By.ID, "settings-save").click()
    wait(driver).until(lambda d: "Settings saved." in d.find_element(By.ID, "toasts").text, "no saved toast")
    assert studio.current_theme(driver) == "dark"
    token = studio.access_token(driver)
    saved = server.api("GET", "/users/me/settings", token=token)
    assert saved["defaults"]["aspectRatio"] == "9:16" and saved["defaults"]["durationSeconds"] == 12
    assert saved["notifications"]["exportReady"] == {"inApp": True, "mail": False}
    assert saved["theme"] == "dark"

    # --- The landing page's form starts from them (a fresh load, as on another visit) ----------------------------
    studio.visit(driver, server, "/")
    wait(driver).until(lambda d: visible(d, "#prompt"))
    assert driver.find_element(By.ID, "aspectRatio-916").is_selected()
    assert driver.find_element(By.ID, "duration").get_attribute("value") == "12"
    assert driver.find_element(By.ID, "quality-480p").is_selected()
    assert studio.current_theme(driver) == "dark"

    # --- A video finishes: the bell counts it without a reload --------------------------------------------------
    video = server.api("POST", "/videos", {
        "prompt": "A short video about owls hunting at night",
        "settings": {"durationSeconds": 5, "aspectRatio": "16:9", "quality": "480p"},
    }, token=token, headers={"Idempotency-Key": "bell-video"})
    wait(driver, LONG).until(lambda d: bell_count(d) == "1", "the bell did not count the finished video")
    driver.find_element(By.ID, "bell").click()
    panel = wait(driver).until(lambda d: visible(d, "#bell-panel"))
    wait(driver).until(lambda d: "Your video is ready" in panel.text)
    capture(driver, "notifications", themes=("dark",),
            ready=lambda d: visible(d, "#bell-panel") or d.find_element(By.ID, "bell").click())
    if not visible(driver, "#bell-panel"):
        driver.find_element(By.ID, "bell").click()
    panel = wait(driver).until(lambda d: visible(d, "#bell-panel"))
    button(panel, "Mark read").click()
    wait(driver).until(lambda d: bell_count(d) == "", "marking read did not clear the count")
    assert not driver.find_elements(By.CSS_SELECTOR, "#bell-panel .notification.unread")

    # Opening it goes to the video.
    driver.find_element(By.CSS_SELECTOR, "#bell-panel .notification-open").click()
    wait_path(driver, f"/videos/{video['id']}")
    assert not visible(driver, "#bell-panel")
    assert_no_console_errors(driver)
