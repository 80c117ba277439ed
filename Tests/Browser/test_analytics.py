"""The analytics page: videos per day drawn from the account's real history (one ready today, one failed
yesterday), success rate, stage times and credits as charts with their numbers in text, at desktop and phone
width; an administrator's "All users" view with the accounts, the queue and the failures."""

from __future__ import annotations

import datetime
import sqlite3

from selenium.webdriver.common.by import By

import studio
from studio import assert_no_console_errors, capture, visible, visit, wait, wait_path

PROMPT = "A short calm video about lighthouses guiding ships at night"


def utc_day(offset: int = 0) -> str:
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=offset)).strftime("%Y-%m-%d")


def label(driver, css: str) -> str:
    element = wait(driver).until(lambda d: visible(d, css), f"{css} is not shown")
    return element.get_attribute("aria-label") or ""


def no_sideways_scroll(driver, layout, theme):
    if layout == "phone":
        overflow = studio.horizontal_overflow(driver)
        assert not overflow, f"/analytics scrolls sideways at {studio.PHONE[0]} px: {overflow}"


def test_analytics_page_shows_the_history(driver, server):
    account = server.register(studio.unique_email("analytics"), name="Analytics Tester")
    token = account["accessToken"]
    ids = []
    for key in ("analytics-1", "analytics-2"):
        video = server.api("POST", "/videos", {
            "prompt": PROMPT, "settings": {"durationSeconds": 5, "aspectRatio": "16:9", "quality": "480p"},
        }, token=token, headers={"Idempotency-Key": key})
        ids.append(video["id"])
    for video_id in ids:
        assert server.wait_for_video(token, video_id)["status"] == "completed"
    # The second video becomes yesterday's failure, written straight into the server's SQLite file; the account
    # becomes an administrator for the "All users" view.
    with sqlite3.connect(server.data / "pixora.sqlite", timeout=30) as db:
        db.execute("UPDATE videos SET status = 'failed', error = 'a test failure', created_at = created_at - 86400000 "
                   "WHERE id = ?", (ids[1],))
        db.execute("UPDATE users SET role = 'admin' WHERE id = ?", (account["user"]["id"],))

    studio.sign_in(driver, server, account["email"])
    studio.link(driver, "Analytics").click()
    wait_path(driver, "/analytics")
    today, yesterday = utc_day(), utc_day(-1)

    def ready(d):
        wait(d).until(lambda d: visible(d, f'.analytics-day[data-date="{today}"]'), "the day chart did not draw")
        studio.wait_idle(d)

    ready(driver)
    days = driver.find_elements(By.CSS_SELECTOR, ".analytics-day")
    assert len(days) == 30, f"{len(days)} days drawn"
    today_bar = driver.find_element(By.CSS_SELECTOR, f'.analytics-day[data-date="{today}"]')
    assert today_bar.get_attribute("data-total") == "1"
    assert [r.get_attribute("data-status") for r in today_bar.find_elements(By.CSS_SELECTOR, "rect")] == ["completed"]
    assert "1 ready" in today_bar.get_attribute("aria-label")
    failed_bar = driver.find_element(By.CSS_SELECTOR, f'.analytics-day[data-date="{yesterday}"]')
    assert failed_bar.get_attribute("data-total") == "1" and "1 failed" in failed_bar.get_attribute("aria-label")
    assert sum(int(day.get_attribute("data-total")) for day in days) == 2

    values = {item.get_attribute("data-stat"): item.find_element(By.CSS_SELECTOR, ".analytics-value").text
              for item in driver.find_elements(By.CSS_SELECTOR, ".analytics-stat")}
    assert values["videos"] == "2" and values["success"] == "50%" and values["credits"] == "10", values
    assert "50% succeeded (1 of 2)" in driver.find_element(By.CSS_SELECTOR, ".meter-text").text
    stages = driver.find_elements(By.CSS_SELECTOR, '[data-card="analytics-stages"] .analytics-bar')
    assert [s.get_attribute("data-key") for s in stages] == ["plan", "voices", "pictures", "clips", "music", "render"]
    for stage in stages:
        assert "2 runs" in stage.get_attribute("aria-label"), stage.get_attribute("aria-label")
    assert "10 credits spent (10 charged, 0 refunded)" in label(
        driver, '[data-card="analytics-credits"] .analytics-bar[data-key="videos"]')
    assert "embedded" in label(driver, '[data-card="analytics-models"] .analytics-bar')

    capture(driver, "analytics", ready=ready, check=no_sideways_scroll)
    assert_no_console_errors(driver)

    # The administrator's view of every account.
    driver.find_element(By.CSS_SELECTOR, "#analytics-everyone").click()
    wait_path(driver, "/analytics")
    wait(driver).until(lambda d: "scope=all" in d.current_url, "the switch did not change the view")
    wait(driver).until(lambda d: visible(d, '[data-card="analytics-users"]'), "the accounts card did not show")
    assert "all users" in driver.find_element(By.CSS_SELECTOR, "main h1").text
    everyone = sum(int(day.get_attribute("data-total")) for day in driver.find_elements(By.CSS_SELECTOR, ".analytics-day"))
    assert everyone >= 2
    assert driver.find_element(By.CSS_SELECTOR, '[data-card="analytics-queue"]').is_displayed()
    capture(driver, "analytics-admin", themes=("light",), check=no_sideways_scroll,
            ready=lambda d: wait(d).until(lambda d: visible(d, '[data-card="analytics-users"]')))
    assert_no_console_errors(driver)
