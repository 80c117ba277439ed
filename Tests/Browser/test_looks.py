"""The editor's Look panel and text animations: a warm look for the video, black and white for one clip, a text
that types itself in and fades out; the preview shows them (CSS filters and motion), a saved version holds them,
and the page works at phone width."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

import studio
from studio import LONG, assert_no_console_errors, button, by_label, capture, fill, visible, visit, wait


def test_looks_and_animation(driver, server):
    account = server.register(studio.unique_email("looks"), name="Look Tester")
    token = account["accessToken"]
    video = server.api("POST", "/videos", {
        "prompt": "A short video about autumn leaves falling in a park",
        "settings": {"durationSeconds": 5, "aspectRatio": "9:16", "quality": "480p"},
    }, token=token)
    finished = server.wait_for_video(token, video["id"])
    assert finished["status"] == "completed", finished.get("error")
    video_id = video["id"]

    studio.sign_in(driver, server, account["email"])
    visit(driver, server, f"/videos/{video_id}/edit")
    wait(driver, 60).until(lambda d: visible(d, ".timeline .clip"), "the editor shows no timeline")
    studio.wait_idle(driver)

    # The whole video: the warm look at 60 %.
    button(driver.find_element(By.CSS_SELECTOR, ".timeline-toolbar"), "Look", exact=True).click()
    wait(driver).until(lambda d: "The colour grade of the whole video" in d.find_element(By.CSS_SELECTOR, ".inspector").text)
    Select(by_label(driver.find_element(By.CSS_SELECTOR, ".inspector .look-panel"), "Look")).select_by_value("warm")
    for _ in range(8):  # 100 % → 60 % in steps of 5, each applied (and the panel redrawn) before the next
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".editor-status").text != "Applying…")
        wait(driver).until(lambda d: visible(d, ".inspector input[name='lookIntensity']")).send_keys(Keys.ARROW_LEFT)
    wait(driver).until(lambda d: "60 %" in d.find_element(By.CSS_SELECTOR, ".inspector .look-panel").text)
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".editor-status").text != "Applying…")
    wait(driver).until(lambda d: "sepia" in d.execute_script(
        "return [...document.querySelectorAll('.stage video')].map((v) => v.style.filter).join(' ')"),
        "the preview shows no warm filter")

    # The first clip: black and white.
    driver.find_element(By.CSS_SELECTOR, ".timeline .clip[data-index='0'] .clip-body").click()
    wait(driver).until(lambda d: by_label(d.find_element(By.CSS_SELECTOR, ".inspector"), "Look of this clip"))
    Select(by_label(driver.find_element(By.CSS_SELECTOR, ".inspector"), "Look of this clip")).select_by_value("bw")
    wait(driver).until(lambda d: "grayscale(1)" in d.execute_script(
        "return [...document.querySelectorAll('.stage video')].map((v) => v.style.filter).join(' ')"),
        "the preview shows no black and white")

    # A text that types itself in and fades out.
    button(driver, "+ Add text", exact=True).click()
    text_field = wait(driver).until(lambda d: visible(d, ".inspector textarea[name='overlayText']"))
    fill(text_field, "Autumn")
    text_field.send_keys(Keys.TAB)
    wait(driver).until(lambda d: any(b.text == "Autumn" for b in d.find_elements(By.CSS_SELECTOR, ".timeline .segment.overlay")))
    Select(by_label(driver.find_element(By.CSS_SELECTOR, ".inspector"), "Entrance")).select_by_value("typewriter")
    wait(driver).until(lambda d: visible(d, ".inspector input[name='animInDuration']"))
    Select(by_label(driver.find_element(By.CSS_SELECTOR, ".inspector"), "Exit")).select_by_value("fade")
    wait(driver).until(lambda d: visible(d, ".inspector input[name='animOutDuration']"))
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".editor-status").text != "Applying…")
    # The preview at the start of the text shows only its first letters.
    start = driver.find_element(By.CSS_SELECTOR, ".inspector input[name='start']").get_attribute("value")
    driver.execute_script(
        "const bar = document.querySelector('.seek-bar'); bar.value = arguments[0]; bar.dispatchEvent(new Event('input'))",
        start)
    wait(driver).until(lambda d: d.execute_script(
        "const o = document.querySelector('.stage-overlay'); return o && o.querySelector('.typewriter-rest') !== null"),
        "the preview does not type the text")
    capture(driver, "editor-looks", themes=("light",))
    assert_no_console_errors(driver)

    # Saved: version 2 holds the look, the clip's look and the animation, and renders.
    button(driver, "Save version", exact=True).click()
    done = wait(driver, LONG).until(lambda d: visible(d, ".editor-banner.success") or visible(d, ".editor-banner.error"),
                                    "version 2 did not finish rendering")
    assert "Version 2 is ready." in done.text, done.text
    editor = server.api("GET", f"/videos/{video_id}/editor?version=2", token=token)
    state = editor["editorState"]
    assert state["look"] == {"preset": "warm", "intensity": 0.6}
    assert state["clips"][0]["look"] == {"preset": "bw", "intensity": 1}
    animation = state["overlays"][0]["animation"]
    assert animation["in"]["type"] == "typewriter" and animation["out"]["type"] == "fade"
    assert animation["in"]["duration"] + animation["out"]["duration"] <= state["overlays"][0]["end"] - state["overlays"][0]["start"] + 1e-6
    assert_no_console_errors(driver)
