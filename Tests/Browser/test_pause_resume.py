"""Pause and resume on the progress page: Pause stops the generation (the badge, the button and the note say so,
nothing is refunded or charged), the library lists the paused video under its own filter, and Resume continues it
to a finished video."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

import studio
from studio import LONG, assert_no_console_errors, button, capture, visible, wait


def badge_text(driver) -> str:
    return driver.execute_script(
        "const b = document.querySelector('.video-meta .badge'); return b ? b.textContent.trim() : '';")


def test_pause_resume(driver, server):
    account = server.register(studio.unique_email("pause"), name="Pause Person")
    token = account["accessToken"]
    video = server.api("POST", "/videos", {
        "prompt": "A long documentary about lighthouses, their lenses and the keepers who watched the sea",
        "settings": {"durationSeconds": 30, "quality": "480p"},
    }, token=token)
    studio.sign_in(driver, server, account["email"])
    studio.visit(driver, server, f"/videos/{video['id']}")
    wait(driver, 60).until(lambda d: visible(d, ".progress-card"), "no progress view for a new video")

    # Pause: the page says so at once, and the server holds the video.
    button(driver, "Pause", exact=True).click()
    wait(driver, 30).until(lambda d: badge_text(d) == "Paused", "the badge does not say Paused")
    wait(driver).until(lambda d: visible(d, "[data-role=resume]"), "no Resume button after pausing")
    assert visible(driver, ".paused-note"), "the paused note is not shown"
    assert driver.find_element(By.ID, "stage-name").text == "Paused"
    held = server.api("GET", f"/videos/{video['id']}", token=token)
    assert held["status"] == "paused" and held["job"]["state"] == "paused", held
    assert driver.find_element(By.ID, "credits-pill").text == "70 credits", "pausing changed the balance"
    capture(driver, "video-paused", themes=("light",))

    # A reload finds it paused, on the progress page.
    driver.refresh()
    wait(driver, 30).until(lambda d: visible(d, "[data-role=resume]"), "a reload lost the paused progress page")
    assert badge_text(driver) == "Paused"

    # The library: a Paused badge, and the status filter finds it.
    studio.visit(driver, server, "/dashboard")
    card = wait(driver).until(lambda d: visible(d, f".video-card[data-id='{video['id']}']"), "the video is not listed")
    assert "Paused" in card.text and "Watch progress" in card.text, card.text
    Select(driver.find_element(By.ID, "dash-status")).select_by_visible_text("Paused")
    wait(driver).until(lambda d: "status=paused" in d.current_url or d.execute_script(
        "return [...document.querySelectorAll('.video-card')].every((c) => c.classList.contains('status-paused'))"),
        "the status filter did not apply")
    wait(driver).until(lambda d: visible(d, f".video-card.status-paused[data-id='{video['id']}']"),
                       "the paused filter does not list the paused video")
    capture(driver, "library-paused", themes=("light",))

    # Resume: it continues to a finished video that plays.
    studio.visit(driver, server, f"/videos/{video['id']}")
    wait(driver, 30).until(lambda d: visible(d, "[data-role=resume]"), "no Resume button on the paused video")
    button(driver, "Resume", exact=True).click()
    wait(driver, 30).until(lambda d: badge_text(d) in ("Queued", "Generating"), "resuming did not queue the video")
    wait(driver).until(lambda d: visible(d, "[data-role=pause]"), "no Pause button after resuming")
    done = server.wait_for_video(token, video["id"], timeout=LONG)
    assert done["status"] == "completed", done
    wait(driver, 60).until(lambda d: visible(d, "video"), "the finished video does not show its preview")
    assert driver.find_element(By.ID, "credits-pill").text == "70 credits"
    assert_no_console_errors(driver)
