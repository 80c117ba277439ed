"""Share links: the owner makes a link in the video page's share dialog, a fresh signed-out browser opens it and
plays the video, and once the owner revokes it the link is gone."""

from __future__ import annotations

import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import studio
from studio import assert_no_console_errors, by_label, button, visible, visit, wait


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def open_dialog(driver):
    button(driver, "Share", exact=True).click()
    dialog = wait(driver).until(lambda d: visible(d, ".share-dialog"), "the share dialog did not open")
    wait(driver).until(lambda d: not dialog.find_elements(By.CSS_SELECTOR, ".loading"), "the links did not load")
    return dialog


def test_share_a_video(driver, server, ready_video):
    account, video = ready_video["account"], ready_video["video"]
    studio.sign_in(driver, server, account["email"])
    visit(driver, server, f"/videos/{video['id']}")
    wait(driver).until(lambda d: d.execute_script(
        "const v = document.querySelector('main video'); return v && v.readyState >= 1;"),
        "the preview player did not load the video")

    dialog = open_dialog(driver)
    Select(by_label(dialog, "The link works for")).select_by_visible_text("1 day")
    button(dialog, "Create link").click()
    item = wait(driver).until(lambda d: visible(d, ".share-dialog .share-item"), "the new link is not listed")
    url = item.find_element(By.CSS_SELECTOR, ".share-url").get_attribute("value")
    assert url.startswith(server.url + "/s/") and len(url) == len(server.url) + 3 + 43, url
    assert "0 views" in item.find_element(By.CSS_SELECTOR, ".share-meta").text
    for layout in ("desktop", "phone"):
        studio.set_layout(driver, layout)
        assert not studio.horizontal_overflow(driver), f"the share dialog scrolls sideways at {layout} width"
        studio.screenshot(driver, "share-dialog")
    studio.set_layout(driver, "desktop")

    # A fresh browser that has never signed in.
    visitor = studio.new_driver()
    try:
        visitor.get(url)
        assert visitor.execute_script("return localStorage.getItem('pixora.session')") is None
        heading = wait(visitor).until(lambda d: visible(d, "main h1"), "the share page shows no title")
        assert heading.text == video["title"]
        og_video = visitor.find_element(By.CSS_SELECTOR, 'meta[property="og:video"]').get_attribute("content")
        assert og_video == url + "/video.mp4"
        wait(visitor, 60).until(lambda d: d.execute_script(
            "const v = document.querySelector('video'); return v && v.readyState >= 1 && v.duration > 0;"),
            "the shared video did not load")
        duration = visitor.execute_script("return document.querySelector('video').duration")
        assert abs(duration - video["durationSeconds"]) < 0.5, duration
        played = visitor.execute_async_script(
            "const done = arguments[arguments.length - 1]; const v = document.querySelector('video');"
            "v.muted = true; v.play().then(() => done(true), (e) => done(String(e)));")
        assert played is True, played
        wait(visitor, 30).until(lambda d: d.execute_script(
            "return document.querySelector('video').currentTime > 0.3;"), "the shared video does not play")
        for layout in ("desktop", "phone"):
            studio.set_layout(visitor, layout)
            assert not studio.horizontal_overflow(visitor), f"the share page scrolls sideways at {layout} width"
            studio.screenshot(visitor, "share-page", theme="light")

        # The owner sees the view, then revokes the link.
        dialog.find_element(By.XPATH, ".//button[normalize-space()='Close']").click()
        dialog = open_dialog(driver)
        item = wait(driver).until(lambda d: visible(d, ".share-dialog .share-item"), "the link is not listed")
        assert "1 view " in item.find_element(By.CSS_SELECTOR, ".share-meta").text + " "
        button(item, "Revoke").click()
        wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".share-dialog .share-item"),
                           "the revoked link is still listed")
        assert "No links yet" in dialog.text
        assert_no_console_errors(driver)

        visitor.get(url)
        heading = wait(visitor).until(lambda d: visible(d, "main h1"), "the revoked link shows no page")
        assert heading.text == "Link not found"
        assert not visitor.find_elements(By.CSS_SELECTOR, "video")
        assert status_of(url) == 404 and status_of(url + "/video.mp4") == 404
    finally:
        visitor.quit()
