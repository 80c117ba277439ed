"""Sample-video remix in the studio: sign up → upload a sample made here by ffmpeg (three shots with two hard cuts
and a tone) → the analysis page (keyframe strip, pacing chart, palette, sound lanes, description) → make a plan →
two chat messages change it (versions 2 and 3) → generate one variant → its video page finishes and plays.
Plus: an upload the server refuses (a text file named .mp4) shows the server's words and creates nothing.
Screenshots at 1280×800 and 390×844 go to test-output/screenshots/remix-*."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

import studio
from studio import LONG, Expected, assert_no_console_errors, button, fill, visible, wait, wait_path

FFMPEG = "/usr/bin/ffmpeg"
TOPIC = "How bees make honey, for curious kids"
# The screenshots of this suite: a 1280×800 desktop window and a 390×844 phone.
DESKTOP_800 = (1280, 800)


def make_sample(folder: Path) -> Path:
    """6 s at 25 fps: a red shot, a green shot and ffmpeg's test pattern (hard cuts at 2 s and 4 s), with a 440 Hz
    tone under all of it."""
    path = folder / "sample.mp4"
    graph = ("[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[2:v]format=yuv420p[c];"
             "[a][b][c]concat=n=3:v=1:a=0[v]")
    subprocess.run([
        FFMPEG, "-v", "error", "-y",
        "-f", "lavfi", "-i", "color=c=0xc0392b:s=320x240:r=25:d=2",
        "-f", "lavfi", "-i", "color=c=0x27ae60:s=320x240:r=25:d=2",
        "-f", "lavfi", "-i", "testsrc=s=320x240:r=25:d=2",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=6:sample_rate=48000",
        "-filter_complex", graph, "-map", "[v]", "-map", "3:a",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path),
    ], check=True, timeout=60)
    return path


def screenshots(driver, name: str) -> list[Path]:
    """The page at 1280×800 and at 390×844 (light theme), full length."""
    paths = []
    studio.set_layout(driver, "desktop")
    driver.set_window_size(*DESKTOP_800)
    studio.settle(driver)
    paths.append(studio.screenshot(driver, name, "light"))
    studio.set_layout(driver, "phone")
    overflow = studio.horizontal_overflow(driver)
    assert not overflow, f"{name} scrolls sideways at {studio.PHONE[0]} px: {overflow}"
    paths.append(studio.screenshot(driver, name, "light"))
    studio.set_layout(driver, "desktop")
    driver.set_window_size(*DESKTOP_800)
    return paths


def plan_state(driver) -> dict:
    """What the plan card shows: version, scene durations and moods, total length."""
    return driver.execute_script("""
        const card = document.querySelector('.plan-view');
        if (!card) return null;
        return {
          version: Number(card.dataset.version),
          durations: [...card.querySelectorAll('.scene-duration')].map((e) => e.textContent),
          moods: [...card.querySelectorAll('.scene-mood')].map((e) => e.textContent),
          length: card.querySelector('.plan-length').textContent,
        };""")


def send_chat(driver, message: str, version: int) -> dict:
    before = plan_state(driver)
    fill(driver.find_element(By.ID, "chat-message"), message)
    driver.find_element(By.ID, "chat-send").click()
    wait(driver, 60).until(lambda d: (plan_state(d) or {}).get("version") == version,
                           f"“{message}” did not make plan version {version} (still {plan_state(driver)})")
    after = plan_state(driver)
    assert after != before
    replies = driver.find_elements(By.CSS_SELECTOR, ".chat-message.role-assistant")
    assert replies and replies[-1].text.strip(), "the chat shows no reply"
    assert "Made version" in replies[-1].text
    return after


@pytest.mark.slow
def test_remix_journey(driver, server, tmp_path):
    sample = make_sample(tmp_path)
    email = studio.unique_email("remix")

    # --- 1. Sign up, then the nav's "Remix" → "Remix a video" ----------------------------------------------
    studio.sign_up(driver, server, email, name="Remix Tester")
    driver.set_window_size(*DESKTOP_800)
    studio.visit(driver, server, "/projects")
    wait(driver).until(lambda d: "No remix projects yet" in d.find_element(By.TAG_NAME, "main").text)
    button(driver, "Remix a video").click()
    wait_path(driver, "/remix")
    assert_no_console_errors(driver)

    # --- 2. The upload: the sample, a topic; the progress bar, then the project page -----------------------
    driver.find_element(By.ID, "sample").send_keys(str(sample))
    wait(driver).until(lambda d: "sample.mp4" in d.find_element(By.CSS_SELECTOR, ".file-chosen").text)
    fill(driver.find_element(By.ID, "topic"), TOPIC)
    screenshots(driver, "remix-new")
    button(driver, "Upload and analyze").click()
    project_path = wait_path(driver, re.compile(r"/projects/[^/]+"), 60)
    project_id = project_path.rsplit("/", 1)[1]
    token = studio.access_token(driver)

    # --- 3. The analysis: live progress, then the report ---------------------------------------------------
    saw_progress = bool(driver.find_elements(By.CSS_SELECTOR, ".analysis-progress"))
    if saw_progress:
        try:  # best effort: a 6-second sample is often analyzed before the picture is taken
            studio.screenshot(driver, "remix-analyzing", "light")
        except (AssertionError, StaleElementReferenceException):
            pass
    wait(driver, LONG).until(lambda d: visible(d, ".shot-strip") or visible(d, ".outcome-card"),
                             "the analysis did not finish")
    assert not visible(driver, ".outcome-card"), driver.find_element(By.TAG_NAME, "main").text
    print(f"analysis progress shown: {saw_progress}")
    project = server.api("GET", f"/projects/{project_id}", token=token)
    analysis = project["analysis"]
    shots = analysis["shots"]
    assert len(shots) >= 2, f"the analysis found {len(shots)} shot(s) in a sample with two hard cuts"
    keyframes = driver.find_elements(By.CSS_SELECTOR, ".shot-strip .shot img.keyframe")
    assert len(keyframes) == len(shots), f"{len(keyframes)} keyframes for {len(shots)} shots"
    studio.wait_images(driver)
    assert all(driver.execute_script("return arguments[0].naturalWidth > 0", image) for image in keyframes), \
        "a keyframe picture did not load"
    assert len(driver.find_elements(By.CSS_SELECTOR, ".shot.entry-cut")) == sum(s["entry"] == "cut" for s in shots)
    # Each tile is as wide as its shot is long (the first and the last 2-second shots are about equal).
    widths = driver.execute_script(
        "return [...document.querySelectorAll('.shot-strip .shot')].map((e) => e.getBoundingClientRect().width)")
    lengths = [s["end"] - s["start"] for s in shots]
    ratio = (widths[0] / widths[-1]) / (lengths[0] / lengths[-1])
    assert 0.7 < ratio < 1.4, f"tile widths {widths} do not follow shot lengths {lengths}"
    bars = driver.find_elements(By.CSS_SELECTOR, ".pacing-svg .pacing-bar")
    assert len(bars) == len(analysis["pacing"]["rhythm"]) > 0, "the pacing chart has no bar per window"
    assert "Cuts per minute" in driver.find_element(By.CSS_SELECTOR, ".pacing .stat-list").text
    swatches = driver.find_elements(By.CSS_SELECTOR, ".palette .swatch")
    assert len(swatches) == len(analysis["palette"]) > 0, "the palette shows no swatches"
    if analysis["audio"]["present"]:
        assert "LUFS" in driver.find_element(By.CSS_SELECTOR, ".sound").text or \
            analysis["audio"].get("integratedLoudness") is None
        assert len(driver.find_elements(By.CSS_SELECTOR, ".sound-lane .lane-segment")) == len(analysis["audio"]["segments"])
    assert driver.find_element(By.CSS_SELECTOR, ".description-summary").text == analysis["description"]["summary"]
    player = driver.find_element(By.CSS_SELECTOR, ".sample-player")
    wait(driver, 30).until(lambda d: d.execute_script("return arguments[0].readyState >= 1", player),
                           "the sample does not load in its player")
    assert_no_console_errors(driver)
    screenshots(driver, "remix-analysis")

    # --- 4. Make a plan ------------------------------------------------------------------------------------
    button(driver, "Make a plan").click()
    wait(driver, 60).until(lambda d: (plan_state(d) or {}).get("version") == 1, "no plan version 1")
    first = plan_state(driver)
    assert first["durations"], "the plan has no scenes"
    generators = driver.find_elements(By.CSS_SELECTOR, ".plan-scene .scene-generator")
    print(f"plan v1: {first}; scenes naming their generator: {len(generators)}")
    assert "credits per video" in driver.find_element(By.CSS_SELECTOR, ".plan-price").text
    assert_no_console_errors(driver)

    # --- 5. Two chat messages change the plan ---------------------------------------------------------------
    second = send_chat(driver, "make it 10 seconds", 2)
    assert second["length"] != first["length"] or second["durations"] != first["durations"], \
        f"“make it 10 seconds” changed no length: {first} → {second}"
    seconds = float(second["length"].split()[0])
    assert seconds <= 12, f"the plan lasts {seconds} s after “make it 10 seconds”"
    third = send_chat(driver, "more dramatic", 3)
    assert any(mood == "Dramatic" for mood in third["moods"]), f"no dramatic scene after “more dramatic”: {third}"
    assert driver.find_element(By.CSS_SELECTOR, ".versions-count").text == "3 versions"
    # Compare version 3 with version 2: the server's sentences.
    driver.find_element(By.CSS_SELECTOR, ".plan-version[data-number='3'] .version-actions button").click()
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".plan-version[data-number='3'] .version-changes li"),
                       "comparing version 3 with version 2 showed no change")
    # A message the plan cannot follow says so and changes nothing.
    fill(driver.find_element(By.ID, "chat-message"), "sing me a lullaby about the moon")
    driver.find_element(By.ID, "chat-send").click()
    wait(driver, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".chat-message")) == 6,
                           "no reply to a message the plan cannot follow")
    assert "Nothing changed" in driver.find_elements(By.CSS_SELECTOR, ".chat-message.role-assistant")[-1].text
    assert plan_state(driver) == third
    assert_no_console_errors(driver)
    screenshots(driver, "remix-plan")

    # --- 6. Generate one variant: price and balance first ---------------------------------------------------
    price = int(re.match(r"([\d,]+) credit", driver.find_element(By.ID, "generate-price").text).group(1).replace(",", ""))
    assert driver.find_element(By.ID, "generate-balance").text == "100 credits"
    generate = driver.find_element(By.ID, "generate-videos")
    assert generate.text == f"Generate 1 video · {price} {'credit' if price == 1 else 'credits'}"
    generate.click()
    wait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".project-video"), "no video listed after Generate")
    videos = server.api("GET", f"/projects/{project_id}/videos", token=token)["items"]
    assert len(videos) == 1
    credits = server.api("GET", "/users/me/credits", token=token)["balance"]
    assert credits == 100 - price, f"charged {100 - credits}, the page said {price}"
    assert_no_console_errors(driver)

    # --- 7. Its video page: live progress, then the finished video plays ------------------------------------
    driver.find_element(By.CSS_SELECTOR, ".project-video a.button").click()
    wait_path(driver, f"/videos/{videos[0]['id']}")

    def finished(d):
        try:
            return bool(d.find_elements(By.CSS_SELECTOR, "main video")) or bool(d.find_elements(By.CSS_SELECTOR, ".outcome-card"))
        except StaleElementReferenceException:
            return False
    wait(driver, LONG).until(finished, "the remix video did not finish")
    assert not driver.find_elements(By.CSS_SELECTOR, ".outcome-card"), driver.find_element(By.TAG_NAME, "main").text
    player = driver.find_element(By.CSS_SELECTOR, "main video")
    wait(driver, 30).until(lambda d: d.execute_script("return arguments[0].readyState >= 1", player))
    played = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "arguments[0].play().then(() => done(true), (e) => done(String(e)));", player)
    assert played is True, f"the video refused to play: {played}"
    wait(driver, 30).until(lambda d: d.execute_script("return arguments[0].currentTime", player) > 0.5)
    assert driver.execute_script("return arguments[0].duration", player) > 0
    driver.execute_script("arguments[0].pause()", player)
    video = server.api("GET", f"/videos/{videos[0]['id']}", token=token)
    assert video["settings"]["aspectRatio"] == "9:16"
    assert_no_console_errors(driver)
    screenshots(driver, "remix-video")

    # --- 8. Back on the project: the video is listed as ready, and the project list counts it --------------
    studio.visit(driver, server, project_path)
    wait(driver, 30).until(lambda d: "Ready" in " ".join(e.get_attribute("textContent")
                                                       for e in d.find_elements(By.CSS_SELECTOR, ".project-video .badge")))
    # Restoring version 2 makes version 4 with the 10-second plan from before "more dramatic".
    driver.find_element(By.CSS_SELECTOR, ".plan-version[data-number='2'] button[aria-label='Restore version 2']").click()
    wait(driver, 30).until(lambda d: (plan_state(d) or {}).get("version") == 4, "restoring version 2 made no version 4")
    assert plan_state(driver)["moods"] == second["moods"]
    assert driver.find_element(By.CSS_SELECTOR, ".versions-count").text == "4 versions"
    studio.visit(driver, server, "/projects")
    wait(driver).until(lambda d: "1 video" in d.find_element(By.CSS_SELECTOR, ".project-card").text)
    screenshots(driver, "remix-projects")

    # Rename in place, then delete: the project goes, its video stays.
    driver.find_element(By.CSS_SELECTOR, ".project-card .rename-button").click()
    title = driver.find_element(By.CSS_SELECTOR, ".project-card input[aria-label='Project title']")
    fill(title, "Bees remix")
    button(driver, "Save", exact=True).click()
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, ".project-card .project-title").text == "Bees remix")
    assert server.api("GET", f"/projects/{project_id}", token=token)["title"] == "Bees remix"
    driver.find_element(By.CSS_SELECTOR, ".project-card button[aria-label='Delete Bees remix']").click()
    button(driver, "Delete project", exact=True).click()
    wait(driver).until(lambda d: "No remix projects yet" in d.find_element(By.TAG_NAME, "main").text)
    server.api("GET", f"/projects/{project_id}", token=token, expect=404)
    assert server.api("GET", f"/videos/{videos[0]['id']}", token=token)["status"] == "completed"
    assert_no_console_errors(driver)


def refused_upload(server, token: str, path: Path) -> tuple[int, dict]:
    """POSTs `path` as the sample the way the page does, and returns the server's status and error."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nremix\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"sample\"; filename=\"{path.name}\"\r\n"
            "Content-Type: video/mp4\r\n\r\n").encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(server.url + "/api/v1/projects", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())["error"]


def test_remix_refuses_a_text_file(driver, server, tmp_path):
    fake = tmp_path / "holiday.mp4"
    fake.write_text("This is a shopping list, not a video.\n" * 20)
    studio.sign_up(driver, server, studio.unique_email("remix-bad"), name="Remix Refused")
    token = studio.access_token(driver)
    status, expected = refused_upload(server, token, fake)
    assert status in (415, 422), f"the server accepted a text file as a video ({status})"

    studio.visit(driver, server, "/remix")
    driver.find_element(By.ID, "sample").send_keys(str(fake))
    button(driver, "Upload and analyze").click()
    wait(driver, 30).until(lambda d: visible(d, ".remix-form > .form-error"), "no error after a refused upload")
    shown = driver.find_element(By.CSS_SELECTOR, ".remix-form > .form-error").text
    assert shown == expected["message"], f"the page says {shown!r}, the server said {expected['message']!r}"
    assert studio.path_of(driver) == "/remix"
    assert not driver.find_element(By.ID, "upload").get_attribute("disabled"), "the form stayed busy"
    assert server.api("GET", "/projects", token=token)["items"] == [], "a refused upload left a project"
    assert_no_console_errors(driver, allow=(Expected("/api/v1/projects", status, "the refused upload"),))
    screenshots(driver, "remix-refused")
