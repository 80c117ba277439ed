"""The whole journey through the studio in one browser: sign up → prompt → edit the breakdown → generate a
10-second video → live progress until done → the preview plays → in the editor change a transition, add a text
overlay, lower the music → save → version 2 renders and downloads → the dashboard finds it by search."""

from __future__ import annotations

import re
import uuid

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

import studio
from studio import (
    LONG,
    assert_mp4,
    assert_no_console_errors,
    button,
    by_label,
    capture,
    fill,
    screenshot,
    visible,
    wait,
    wait_path,
)

PROMPT = "How lighthouses work: the lamp, the lens and the keeper who watches over the ships, for curious kids."
OVERLAY_TEXT = "Made by the browser suite"


@pytest.mark.slow
def test_journey(driver, server):
    # Problems that should not stop the rest of the journey are collected and reported at the end.
    problems = []

    def check(condition, message):
        if not condition:
            problems.append(message)

    marker = "Kestrel" + uuid.uuid4().hex[:6]  # a word only this video's title contains, to search for
    title = f"Lighthouses {marker}"
    email = studio.unique_email("journey")

    # --- 1. Sign up (the header's "Sign up" button, then the form) ---------------------------------------------
    studio.visit(driver, server, "/")
    driver.find_element(By.CSS_SELECTOR, "header a[href='/signup']").click()
    wait_path(driver, "/signup")
    studio.sign_up(driver, server, email, name="Journey Tester", path=None)
    wait_path(driver, "/")
    wait(driver).until(lambda d: visible(d, "#credits-pill"), "the header does not show the credits")
    assert driver.find_element(By.ID, "credits-pill").text == "100 credits"
    assert_no_console_errors(driver)

    # --- 2. The prompt: words, a 10-second duration and 480p, then Generate ------------------------------------
    wait(driver).until(lambda d: visible(d, "#prompt"))
    fill(by_label(driver, "What is your video about?"), PROMPT)
    fill(by_label(driver, "Duration"), "10")
    driver.find_element(By.CSS_SELECTOR, "label[for='quality-480p']").click()
    assert driver.find_element(By.ID, "quality-480p").is_selected()
    assert "costs 10 credits" in driver.find_element(By.ID, "duration-hint").text
    button(driver, "Generate").click()

    # --- 3. The breakdown: rename, rewrite a narration, move that scene down with the keyboard -----------------
    wait_path(driver, "/new")
    wait(driver, 60).until(lambda d: visible(d, "#plan-title"), "no plan was made")
    studio.wait_idle(driver)
    assert_no_console_errors(driver)
    chips = [chip.text for chip in driver.find_elements(By.CSS_SELECTOR, ".plan-card .chips li")]
    assert "10 s" in chips and "480p" in chips, f"the plan's settings are not the chosen ones: {chips}"
    cards = driver.find_elements(By.CSS_SELECTOR, "li.scene-card")
    assert len(cards) >= 2, "a 10-second plan should have at least two scenes (the journey changes a transition)"
    scene_ids = [card.get_attribute("data-id") for card in cards]

    fill(by_label(driver, "Title"), title)
    narration = f"Every lighthouse has a lamp and a lens, and this one is called {marker}."
    first_narration = by_label(cards[0], "Narration")
    fill(first_narration, narration)
    assert driver.find_element(By.CSS_SELECTOR, "li.scene-card").get_attribute("data-id") == scene_ids[0]
    driver.execute_script("arguments[0].focus();", driver.find_element(By.CSS_SELECTOR, "li.scene-card"))
    ActionChains(driver).key_down(Keys.ALT).send_keys(Keys.ARROW_DOWN).key_up(Keys.ALT).perform()
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.scene-card")[1].get_attribute("data-id") == scene_ids[0],
                       "Alt+↓ did not move the first scene down")
    moved = driver.find_elements(By.CSS_SELECTOR, "li.scene-card")[1]
    assert by_label(moved, "Narration").get_attribute("value") == narration
    assert studio.active_element(driver).get_attribute("data-id") == scene_ids[0], "the moved scene lost the focus"
    # The price and the balance show before Generate.
    price_text = driver.find_element(By.CSS_SELECTOR, ".price-card .price").text
    price = int(re.match(r"(\d+) credits", price_text).group(1))
    assert "100 credits" in driver.find_element(By.CSS_SELECTOR, ".price-card .price-list").text
    generate = driver.find_element(By.ID, "generate")
    assert generate.text == f"Generate · {price} credits"
    screenshot(driver, "journey-breakdown-edited")
    assert_no_console_errors(driver)

    # The edits survive a reload (they live in the draft).
    driver.refresh()
    wait(driver, 60).until(lambda d: visible(d, "#plan-title"))
    assert driver.find_element(By.ID, "plan-title").get_attribute("value") == title
    assert driver.find_elements(By.CSS_SELECTOR, "li.scene-card")[1].get_attribute("data-id") == scene_ids[0]
    driver.find_element(By.ID, "generate").click()

    # --- 4. Generation: the progress page follows the server live -----------------------------------------------
    video_path = wait_path(driver, re.compile(r"/videos/[^/]+"), 30)
    video_id = video_path.rsplit("/", 1)[1]
    seen = set()  # the progress bar's values
    pictures = set()  # scenes whose picture showed on the progress page

    def record(d):
        """Notes what the progress view shows; true once the preview has replaced it."""
        try:
            bar = d.find_elements(By.CSS_SELECTOR, ".progress-card [role=progressbar]")
            if bar:
                seen.add(int(bar[0].get_attribute("aria-valuenow") or 0))
                for image in d.find_elements(By.CSS_SELECTOR, ".scene-progress .thumb img"):
                    if d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image):
                        pictures.add(image.get_attribute("alt"))
        except StaleElementReferenceException:
            pass  # redrawn between two calls: the next poll reads it again
        return bool(d.find_elements(By.CSS_SELECTOR, "main video"))

    def progress_view(d):
        return len(d.find_elements(By.CSS_SELECTOR, ".scene-progress")) == len(scene_ids) and \
            d.find_element(By.CSS_SELECTOR, ".connection").text == "Live"

    # The progress view: an overall bar, one card per scene (picture, clip, voice, music), the live stream.
    wait(driver, 60).until(lambda d: record(d) or progress_view(d), "no live progress with a card per scene")
    if not record(driver):
        capture(driver, "journey-progress", themes=("light",))
        # A reload during generation loses nothing: the page reconnects, and the stream's first message holds
        # the whole picture.
        before = max(seen)
        driver.refresh()
        wait(driver, 60).until(lambda d: record(d) or progress_view(d), "the progress page did not come back after a reload")
        bars = driver.find_elements(By.CSS_SELECTOR, ".progress-card [role=progressbar]")
        try:
            value = int(bars[0].get_attribute("aria-valuenow")) if bars else None
        except StaleElementReferenceException:
            value = None  # the video finished at that moment and the preview replaced the bar
        assert value is None or value >= before, f"the progress went back from {before} % to {value} % after a reload"

    wait(driver, LONG).until(record, "the video did not finish")
    print(f"progress values seen: {sorted(seen)}; scene pictures seen while generating: {sorted(pictures)}")
    assert max(seen) > 0, "the progress bar never moved"
    assert len(seen) >= 2, f"the progress bar did not move live: {sorted(seen)}"
    check(pictures, "no scene picture showed on the progress page while the video was generating")
    badge = driver.find_element(By.CSS_SELECTOR, ".video-meta .badge")
    assert badge.get_attribute("textContent") == "Ready", f"the video ended as {badge.get_attribute('textContent')}"
    assert driver.find_element(By.CSS_SELECTOR, "h1.video-title").text == title
    assert_no_console_errors(driver)

    # The server has the edited breakdown, and charged the price the breakdown showed.
    token = studio.access_token(driver)
    video = server.api("GET", f"/videos/{video_id}", token=token)
    check(video["creditsUsed"] == price,
          f"the breakdown showed a price of {price} credits but the server charged {video['creditsUsed']}")
    pill = driver.find_element(By.ID, "credits-pill").text
    assert pill == f"{100 - video['creditsUsed']} credits", f"the header shows {pill} after the charge"
    assert video["plan"]["scenes"][1]["narration"] == narration
    assert video["title"] == title

    # --- 5. The preview plays ------------------------------------------------------------------------------
    player = driver.find_element(By.CSS_SELECTOR, "main video")
    wait(driver, 30).until(lambda d: d.execute_script("return arguments[0].readyState >= 1", player))
    played = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "arguments[0].play().then(() => done(true), (e) => done(String(e)));", player)
    assert played is True, f"the preview refused to play: {played}"
    wait(driver, 30).until(lambda d: d.execute_script("return arguments[0].currentTime", player) > 1,
                           "the preview did not play past 1 s")
    assert driver.execute_script("return arguments[0].error", player) is None
    driver.execute_script("arguments[0].pause()", player)
    version_one = studio.download(server, link_href(driver, "Download MP4"), f"{video_id}-v1.mp4")
    assert_mp4(version_one)
    capture(driver, "journey-preview", themes=("light",))
    assert_no_console_errors(driver)

    # --- 6. The editor: a transition, a text overlay, quieter music ------------------------------------------
    driver.find_element(By.XPATH, "//a[contains(normalize-space(), 'Edit in timeline')]").click()
    wait_path(driver, f"/videos/{video_id}/edit")
    wait(driver, 60).until(lambda d: visible(d, ".timeline .cut-chip"), "the editor shows no cut between clips")
    studio.wait_idle(driver)
    status = driver.find_element(By.CSS_SELECTOR, ".editor-status")
    assert status.text == "No unsaved changes"

    chip = driver.find_element(By.CSS_SELECTOR, ".cut-chip[data-cut='0']")
    old_kind = next(c for c in chip.get_attribute("class").split() if c.startswith("kind-"))[5:]
    new_kind = "wipeleft" if old_kind != "wipeleft" else "dissolve"
    chip.click()
    inspector = driver.find_element(By.CSS_SELECTOR, ".inspector")
    wait(driver).until(lambda d: "Transition 1" in inspector.text)
    Select(by_label(inspector, "Kind")).select_by_value(new_kind)
    wait(driver).until(lambda d: f"kind-{new_kind}" in d.find_element(By.CSS_SELECTOR, ".cut-chip[data-cut='0']").get_attribute("class"),
                       "the transition did not change on the timeline")

    button(driver, "+ Add text", exact=True).click()
    text_field = wait(driver).until(lambda d: visible(d, ".inspector textarea[name='overlayText']"))
    fill(text_field, OVERLAY_TEXT)
    text_field.send_keys(Keys.TAB)  # the text is sent when the field is left
    wait(driver).until(lambda d: any(block.text == OVERLAY_TEXT for block in d.find_elements(By.CSS_SELECTOR, ".timeline .segment.overlay")),
                       "the text overlay is not on the timeline")
    wait(driver).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('.preview *')].some((e) => e.children.length === 0 && e.textContent === arguments[0])",
        OVERLAY_TEXT), "the preview does not show the text")

    button(driver.find_element(By.CSS_SELECTOR, ".timeline-toolbar"), "Audio mix", exact=True).click()
    wait(driver).until(lambda d: by_label(d.find_element(By.CSS_SELECTOR, ".inspector"), "Music track"))

    def music_percent(d):
        return int(d.find_element(By.CSS_SELECTOR, ".tl-row[data-row='music'] .tl-label-value").text.rstrip(" %"))

    start = wait(driver).until(lambda d: (music_percent(d),))[0]
    level = start
    for _ in range(4):  # four steps down with the arrow key, each applied by the server before the next
        by_label(driver.find_element(By.CSS_SELECTOR, ".inspector"), "Music track").send_keys(Keys.ARROW_LEFT)
        before = level
        level = wait(driver).until(lambda d: music_percent(d) < before and (music_percent(d),),
                                   f"the music track did not go below {before} %")[0]
    assert level < start
    music_volume = level / 100
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".editor-status").text != "Applying…")
    assert "dirty" in driver.find_element(By.CSS_SELECTOR, ".editor-status").get_attribute("class")
    capture(driver, "journey-editor-edited", themes=("light",))
    capture(driver, "journey-editor-edited", layouts=("desktop",), themes=("dark",))
    assert_no_console_errors(driver)

    # --- 7. Save: version 2 renders on the server and downloads ----------------------------------------------
    button(driver, "Save version", exact=True).click()
    wait(driver, 30).until(lambda d: visible(d, ".editor-banner.progress") or visible(d, ".editor-banner.success"),
                           "no rendering banner after saving")
    success = wait(driver, LONG).until(lambda d: visible(d, ".editor-banner.success") or visible(d, ".editor-banner.error"),
                                       "version 2 did not finish rendering")
    assert "Version 2 is ready." in success.text, success.text
    assert "dirty" not in driver.find_element(By.CSS_SELECTOR, ".editor-status").get_attribute("class"), \
        "the editor still has unsaved changes after saving"
    version_two = studio.download(server, link_href(success, "Open the MP4"), f"{video_id}-v2.mp4")
    assert_mp4(version_two)
    assert version_two.read_bytes() != version_one.read_bytes(), "version 2 is the same file as version 1"
    screenshot(driver, "journey-editor-saved", "light")
    assert_no_console_errors(driver)

    # Version 2 holds the three edits.
    editor = server.api("GET", f"/videos/{video_id}/editor?version=2", token=studio.access_token(driver))
    state = editor["editorState"]
    assert state["transitions"][0]["kind"] == new_kind
    assert [overlay["text"] for overlay in state["overlays"]] == [OVERLAY_TEXT]
    assert abs(state["audio"]["music"]["volume"] - music_volume) < 1e-6
    assert editor["version"]["current"] is True

    # The video page now shows version 2, and its download is version 2.
    success.find_element(By.XPATH, ".//a[normalize-space()='Watch it']").click()
    wait_path(driver, f"/videos/{video_id}")
    wait(driver, 30).until(lambda d: visible(d, "main video"))
    wait(driver).until(lambda d: "v2" in d.find_element(By.CSS_SELECTOR, ".details-list").text, "the details do not say v2")
    current = studio.download(server, link_href(driver, "Download MP4"), f"{video_id}-current.mp4")
    assert_mp4(current)
    assert current.read_bytes() == version_two.read_bytes(), "the video's download is not version 2"
    assert_no_console_errors(driver)

    # --- 8. The dashboard finds it by search ------------------------------------------------------------------
    driver.find_element(By.CSS_SELECTOR, "nav a[href='/dashboard']").click()
    wait_path(driver, "/dashboard")
    studio.wait_idle(driver)
    fill(by_label(driver, "Search"), marker.lower())
    wait(driver).until(lambda d: f"q={marker.lower()}" in d.current_url, "the search is not in the address")
    wait(driver).until(lambda d: [c.get_attribute("data-id") for c in d.find_elements(By.CSS_SELECTOR, ".video-card")] == [video_id],
                       "the search does not find exactly this video")
    card = driver.find_element(By.CSS_SELECTOR, ".video-card")
    assert card.find_element(By.CSS_SELECTOR, ".video-title").text == title
    assert "Ready" in card.get_attribute("textContent")
    capture(driver, "journey-dashboard-search", themes=("light",))
    # And a word no video has finds nothing, with a way back.
    fill(by_label(driver, "Search"), "nothing-has-this-word")
    wait(driver).until(lambda d: "Nothing matches" in d.find_element(By.ID, "main").text)
    assert_no_console_errors(driver)

    assert not problems, "the journey went through, but:\n" + "\n".join(f"  - {p}" for p in problems)


def link_href(scope, text: str) -> str:
    element = scope.find_element(By.XPATH, f".//a[contains(normalize-space(), {studio.xpath_literal(text)})]")
    href = element.get_attribute("href")
    assert href, f"the link {text!r} has no address"
    return href


def test_cancel_refunds_and_delete_asks_first(driver, server):
    """Cancelling on the progress page explains the outcome and the refund; deleting from the dashboard asks
    for confirmation first."""
    account = server.register(studio.unique_email("cancel"), name="Cancel Person")
    video = server.api("POST", "/videos", {
        "prompt": "A long documentary about glaciers, ice ages and the sea level",
        "settings": {"durationSeconds": 30, "quality": "480p"},
    }, token=account["accessToken"], headers={"Idempotency-Key": "cancel-me"})
    studio.sign_in(driver, server, account["email"])
    assert driver.find_element(By.ID, "credits-pill").text == "70 credits"

    # Cancel while it is generating: a confirmation, then the outcome with the refund.
    studio.visit(driver, server, f"/videos/{video['id']}")
    wait(driver, 60).until(lambda d: visible(d, ".progress-card"), "no progress view for a new video")
    button(driver, "Cancel", exact=True).click()
    dialog = wait(driver).until(lambda d: visible(d, "dialog[open]"), "cancelling does not ask first")
    assert "Cancel this video?" in dialog.text and "30 credits" in dialog.text
    button(dialog, "Cancel video", exact=True).click()
    outcome = wait(driver, 60).until(lambda d: visible(d, ".outcome-card.cancelled"), "no cancelled outcome")
    assert "Generation cancelled" in outcome.text
    refund = wait(driver).until(lambda d: visible(d, ".outcome-card .refund.ready"), "the refund is not explained")
    assert "30 credits" in refund.text and "returned" in refund.text, refund.text
    wait(driver).until(lambda d: d.find_element(By.ID, "credits-pill").text == "100 credits", "the header still shows the charge")
    capture(driver, "video-cancelled", themes=("light",))
    assert_no_console_errors(driver)

    # Delete it from the dashboard: "Keep it" keeps it, "Delete video" removes it.
    studio.visit(driver, server, "/dashboard")
    card = wait(driver).until(lambda d: visible(d, f".video-card[data-id='{video['id']}']"))
    assert "refunded" in card.text
    card.find_element(By.CSS_SELECTOR, "button[aria-label^='Delete']").click()
    dialog = wait(driver).until(lambda d: visible(d, "dialog[open]"))
    assert "Delete this video?" in dialog.text
    button(dialog, "Keep it", exact=True).click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    assert driver.find_elements(By.CSS_SELECTOR, f".video-card[data-id='{video['id']}']")
    driver.find_element(By.CSS_SELECTOR, f".video-card[data-id='{video['id']}'] button[aria-label^='Delete']").click()
    dialog = wait(driver).until(lambda d: visible(d, "dialog[open]"))
    button(dialog, "Delete video", exact=True).click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f".video-card[data-id='{video['id']}']"),
                       "the deleted video is still listed")
    wait(driver).until(lambda d: "No videos yet" in d.find_element(By.ID, "main").text)
    server.api("GET", f"/videos/{video['id']}", token=account["accessToken"], expect=404)
    assert_no_console_errors(driver)
