"""The guided studio in the browser, all eight steps through the pages: a new 5-second 480p project → a locked step
says what it waits for → idea (pick and edit a concept) → storyboard (Cancel on the estimate charges nothing) →
hero (choose the second look) → frames (redraw one start frame) → clips (a model chosen for a scene) → audio (an
effect described for a scene, prefilled after a reload) → edit (split a clip) → export WebM, which plays and
downloads as WebM. Every paid run is confirmed on its estimate and charges exactly the total it showed.
Screenshots of each step go to test-output/screenshots/studio-*; the navigator is checked at phone width."""

from __future__ import annotations

import re
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

import studio
from studio import (
    LONG,
    Expected,
    assert_no_console_errors,
    button,
    by_label,
    capture,
    fill,
    visible,
    wait,
    wait_path,
)

TOPIC = "How bees make honey, for curious kids"
STEPS = ["idea", "storyboard", "hero", "frames", "clips", "audio", "edit", "export"]
EBML = bytes.fromhex("1A45DFA3")


def centre(element):
    """Scrolls `element` to the middle of the window, clear of the sticky header and the toasts at the bottom."""
    element.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    return element


def click(element) -> None:
    centre(element).click()


def type_into(element, text: str) -> None:
    fill(centre(element), text)


def panel(driver):
    return driver.find_element(By.CSS_SELECTOR, ".step-panel")


def shown_step(driver) -> tuple[str, str]:
    """The step whose panel is shown, and its state as the panel says (read in one go: the panel is redrawn
    whenever the project changes, so an element found a moment ago may be gone)."""
    shown = driver.execute_script(
        "const p = document.querySelector('.step-panel'); return p ? [p.dataset.step, p.dataset.state] : null")
    return tuple(shown) if shown else (None, None)


def no_sideways_scroll(driver, layout, theme):
    if layout == "phone":
        overflow = studio.horizontal_overflow(driver)
        assert not overflow, f"the studio scrolls sideways at {studio.PHONE[0]} px: {overflow}"


def pictures(driver, name: str) -> None:
    """The page at desktop and phone width (light), images loaded, no sideways scrolling on the phone; the
    toasts of finished runs are dismissed first so that they hide nothing."""
    driver.execute_script("document.querySelectorAll('#toasts .toast').forEach((toast) => toast.remove())")
    capture(driver, name, themes=("light",), ready=studio.wait_images, check=no_sideways_scroll)


class Walk:
    """The project under test, seen both through the pages and through the API (to check what they did)."""

    def __init__(self, driver, server, token: str, project_id: str):
        self.driver, self.server, self.token, self.id = driver, server, token, project_id

    def project(self) -> dict:
        return self.server.api("GET", f"/projects/{self.id}", token=self.token)

    def step(self, name: str) -> dict:
        return next(view for view in self.project()["workflow"]["steps"] if view["step"] == name)

    def balance(self) -> int:
        return self.server.api("GET", "/users/me/credits", token=self.token)["balance"]

    def open(self, name: str) -> None:
        click(self.driver.find_element(By.CSS_SELECTOR, f".step-link[data-step='{name}']"))
        wait(self.driver).until(lambda d: shown_step(d)[0] == name, f"the {name} panel did not open")

    def run(self, name: str, control, paid: bool = True, cancel_first: bool = False, cached: bool = False) -> dict:
        """Clicks `control` (a run of step `name`), confirms the estimate when it is paid, waits for the run to end
        in review, and checks the charge is the total the confirmation showed."""
        before, runs = self.balance(), self.step(name)["runs"]
        total = 0
        if cancel_first:
            click(control)
            dialog = wait(self.driver).until(lambda d: visible(d, "dialog[open]"), "no estimate to confirm")
            button(dialog, "Cancel", exact=True).click()
            wait(self.driver).until(lambda d: not visible(d, "dialog[open]"))
            assert self.step(name)["runs"] == runs and self.balance() == before, "Cancel still ran the step"
        click(control)
        if paid:
            dialog = wait(self.driver).until(lambda d: visible(d, "dialog[open]"), f"no estimate before the {name} run")
            text = dialog.text
            total = int(re.search(r"Total: ([\d,]+) credits?", text).group(1).replace(",", ""))
            assert total > 0, f"a paid run of {name} asked about a free estimate:\n{text}"
            lines = dialog.find_elements(By.CSS_SELECTOR, ".estimate-lines tbody tr")
            assert lines, f"the {name} estimate lists no lines"
            if cached:
                made = dialog.find_elements(By.CSS_SELECTOR, ".estimate-lines tr.cached")
                assert made and all("already made" in row.text for row in made), f"nothing already made:\n{text}"
            studio.screenshot(self.driver, f"studio-{name}-estimate", "light")
            button(dialog, "Run").click()
            # Best effort: a short run often ends before the progress card can be seen.
            def progress_or_end(d):
                if visible(d, ".step-progress"):
                    return "shown"
                view = self.step(name)
                return "ended first" if view["runs"] > runs and view["state"] != "running" else None
            print(f"{name}: progress card {wait(self.driver, LONG).until(progress_or_end, 'the run did not start')}")
        else:
            assert not visible(self.driver, "dialog[open]"), f"a free {name} run asked for confirmation"

        def finished(_):
            view = self.step(name)
            return view if view["runs"] > runs and view["state"] != "running" else None
        view = wait(self.driver, LONG).until(finished, f"the {name} run did not finish")
        assert view["state"] == "review", f"the {name} run ended {view['state']}: {view.get('error')}"
        wait(self.driver, 60).until(lambda d: shown_step(d) == (name, "review"),
                                    f"the page did not show {name} in review (shows {shown_step(self.driver)})")
        assert self.balance() == before - total, f"{name}: charged {before - self.balance()}, the estimate said {total}"
        assert view["lastRunCredits"] == total
        return view

    def approve(self, name: str, label: str = "Approve") -> None:
        click(button(panel(self.driver), label))
        following = STEPS[STEPS.index(name) + 1] if name != STEPS[-1] else name
        wait(self.driver, 30).until(lambda d: self.step(name)["state"] == "done" and shown_step(d)[0] == following,
                                    f"approving {name} did not move on to {following}")


@pytest.mark.slow
def test_studio_walk(driver, server):
    studio.sign_up(driver, server, studio.unique_email("studio"), name="Studio Tester")
    token = studio.access_token(driver)

    # --- New project from the projects list: a 5-second 480p topic ----------------------------------------------
    studio.visit(driver, server, "/projects")
    button(driver, "New studio project").click()
    wait_path(driver, "/studio/new")
    type_into(by_label(driver, "Topic"), TOPIC)
    type_into(by_label(driver, "Duration (seconds)"), "5")
    driver.find_element(By.CSS_SELECTOR, "label[for='quality-480p']").click()
    pictures(driver, "studio-new")
    button(driver, "Create the project").click()
    project_id = wait_path(driver, re.compile(r"/studio/[0-9a-f-]{36}"), 30).rsplit("/", 1)[1]
    walk = Walk(driver, server, token, project_id)
    settings = walk.project()["workflow"]["settings"]
    assert (settings["durationSeconds"], settings["quality"]) == (5, "480p"), settings
    assert_no_console_errors(driver)

    # --- A locked step: its run button is disabled and says what it waits for ------------------------------------
    walk.open("frames")
    assert shown_step(driver) == ("frames", "locked")
    run = driver.find_element(By.CSS_SELECTOR, ".step-panel .run-step")
    assert not run.is_enabled(), "a locked step can be run"
    reason = driver.find_element(By.ID, run.get_attribute("aria-describedby")).text
    assert reason == "Waits for the Idea step to be approved.", reason
    assert "Waits for the Idea step" in driver.find_element(By.CSS_SELECTOR, ".step-link[data-step='frames']").text
    assert "Locked" in driver.find_element(By.CSS_SELECTOR, ".step-link[data-step='frames'] .step-badge").text
    pictures(driver, "studio-locked")

    # --- 1. Idea: three concepts (free: no confirmation); the first, retitled ------------------------------------
    walk.open("idea")
    walk.run("idea", button(panel(driver), "Write three concepts"), paid=False)
    cards = driver.find_elements(By.CSS_SELECTOR, ".concept-card")
    assert len(cards) == 3, f"{len(cards)} concept cards"
    click(cards[0])
    type_into(by_label(driver, "Title"), "Bees at dawn")
    pictures(driver, "studio-idea")
    walk.approve("idea", "Approve this concept")
    idea = walk.project()["workflow"]["outputs"]["idea"]
    assert idea["chosen"] == 0 and idea["concept"]["title"] == "Bees at dawn", idea

    # --- 2. Storyboard: Cancel on the estimate charges nothing; then run it --------------------------------------
    walk.run("storyboard", button(panel(driver), "Write the storyboard"), cancel_first=True)
    scenes = walk.project()["workflow"]["outputs"]["storyboard"]["plan"]["scenes"]
    assert len(driver.find_elements(By.CSS_SELECTOR, ".storyboard-scene")) == len(scenes) > 0
    assert by_label(driver, "Narration of scene 1").get_attribute("value") == scenes[0]["narration"]
    # The words changed in place are run again as the storyboard's plan.
    words = "Bees turn flower nectar into honey, one busy wingbeat at a time."
    type_into(by_label(driver, "Narration of scene 1"), words)
    walk.run("storyboard", button(panel(driver), "Run again with my words"))
    scenes = walk.project()["workflow"]["outputs"]["storyboard"]["plan"]["scenes"]
    assert scenes[0]["narration"] == words, scenes[0]
    assert by_label(driver, "Narration of scene 1").get_attribute("value") == words
    pictures(driver, "studio-storyboard")
    walk.approve("storyboard")

    # --- 3. Hero: candidates as pictures; the second look is chosen ----------------------------------------------
    walk.run("hero", button(panel(driver), "Paint the candidates"))
    studio.wait_images(driver)
    candidates = driver.find_elements(By.CSS_SELECTOR, ".hero-candidate img")
    assert len(candidates) == 3 and all(
        driver.execute_script("return arguments[0].naturalWidth > 0", image) for image in candidates)
    click(driver.find_element(By.CSS_SELECTOR, ".hero-candidate[data-index='1']"))
    pictures(driver, "studio-hero")
    walk.approve("hero", "Approve the chosen look")
    assert walk.project()["workflow"]["outputs"]["hero"]["chosen"] == 1

    # --- 4. Frames: a start/end pair per scene; redraw the start frame of scene 1 --------------------------------
    walk.run("frames", button(panel(driver), "Draw the frames"))
    rows = driver.find_elements(By.CSS_SELECTOR, ".frame-row")
    assert len(rows) == len(scenes)
    for row in rows:
        assert len(row.find_elements(By.CSS_SELECTOR, ".frame-start img")) == 1
        assert len(row.find_elements(By.CSS_SELECTOR, ".frame-end img")) == 1
    first = walk.project()["workflow"]["outputs"]["frames"]["scenes"][0]
    redraw = driver.find_element(By.CSS_SELECTOR, "button[aria-label='Redraw the start frame of scene 1']")
    walk.run("frames", redraw)
    again = walk.project()["workflow"]["outputs"]["frames"]["scenes"][0]
    assert again["startVariation"] == first["startVariation"] + 1, (first, again)
    assert again["endVariation"] == first["endVariation"], "redrawing the start frame changed the end frame"
    assert again["startFrame"].split("?")[0] != first["startFrame"].split("?")[0], "the start frame is the same file"
    studio.wait_images(driver)
    pictures(driver, "studio-frames")
    walk.approve("frames")

    # --- 5. Clips: a model chosen for scene 1 from the catalogue --------------------------------------------------
    models = server.api("GET", "/studio/models", token=token)["models"]
    chooser = Select(by_label(driver, "Model for scene 1"))
    unavailable = [model for model in models if not model["available"]]
    # A model this server has no key for shows what the estimate says before charging: it cannot be honoured.
    wanted = unavailable[0] if unavailable else next(model for model in models if model["available"])
    chooser.select_by_value(wanted["id"])
    about = driver.find_element(By.ID, "model-" + scenes[0]["id"] + "-about").text
    assert ("End frame: yes" if wanted["endFrame"] else "End frame: no") in about, about
    assert "per second" in about
    panel_button = button(panel(driver), "Make the clips")
    if unavailable:
        click(panel_button)
        dialog = wait(driver).until(lambda d: visible(d, "dialog[open]"))
        caveats = dialog.find_element(By.CSS_SELECTOR, ".caveats").text
        assert wanted["name"] in caveats, f"the estimate does not say {wanted['name']} cannot be used:\n{caveats}"
        button(dialog, "Cancel", exact=True).click()
        wait(driver).until(lambda d: not visible(d, "dialog[open]"))
    walk.run("clips", panel_button)
    players = driver.find_elements(By.CSS_SELECTOR, ".clip-player")
    assert len(players) == len(scenes) and all(player.get_attribute("src") for player in players)
    wait(driver, 30).until(lambda d: d.execute_script("return arguments[0].readyState >= 1", players[0]),
                           "the first clip does not load")
    clips = walk.project()["workflow"]["outputs"]["clips"]["scenes"]
    if unavailable:
        assert clips[0]["route"]["caveats"], "the route of scene 1 has no caveat"
        assert driver.find_elements(By.CSS_SELECTOR, ".clip-row .caveats li"), "the route's caveats are not shown"
    pictures(driver, "studio-clips")
    walk.approve("clips")

    # --- 6. Audio: a sound no effect matches is refused in the server's words and charges nothing; then an effect
    # described for scene 1, music on; a reload keeps it -----------------------------------------------------------
    odd = "a purple elephant singing opera"
    refused = server.api("POST", f"/projects/{project_id}/steps/audio/estimate", {"effects": {scenes[0]["id"]: odd}},
                         token=token, expect=422)["error"]["message"]
    before = walk.balance()
    type_into(by_label(driver, "Sound effect for scene 1"), odd)
    click(button(panel(driver), "Make the sounds"))
    shown = wait(driver).until(lambda d: visible(d, ".panel-message"), "a refused run shows no reason").text
    assert shown == refused, f"the page says {shown!r}, the server said {refused!r}"
    assert not visible(driver, "dialog[open]") and walk.balance() == before and walk.step("audio")["runs"] == 0
    assert_no_console_errors(driver, allow=(Expected(f"/api/v1/projects/{project_id}/steps/audio/estimate", 422),))
    type_into(by_label(driver, "Sound effect for scene 1"), "footsteps on gravel")
    walk.run("audio", button(panel(driver), "Make the sounds"))
    # Another sound: only the effect is made again; the music is already made and costs nothing.
    assert walk.project()["workflow"]["outputs"]["audio"]["music"], "the music is off"
    type_into(by_label(driver, "Sound effect for scene 1"), "rain on a window")
    walk.run("audio", button(panel(driver), "Make the sounds again"), cached=True)
    effects = walk.project()["workflow"]["outputs"]["audio"]["effects"]
    assert any(effect["sceneId"] == scenes[0]["id"] and effect["description"] == "rain on a window"
               for effect in effects)
    studio.visit(driver, server, f"/studio/{project_id}?step=audio")
    assert shown_step(driver) == ("audio", "review"), "a reload lost the step"
    assert by_label(driver, "Sound effect for scene 1").get_attribute("value") == "rain on a window"
    assert driver.find_elements(By.CSS_SELECTOR, ".effect-row audio"), "no effect player"
    pictures(driver, "studio-audio")
    walk.approve("audio")

    # --- 7. Edit: assemble (free), split clip 1, the effects lane listed --------------------------------------------
    walk.run("edit", button(panel(driver), "Assemble the timeline"), paid=False)
    state = walk.project()["workflow"]["outputs"]["edit"]["editorState"]
    count = len(state["clips"])
    assert len(driver.find_elements(By.CSS_SELECTOR, ".timeline-clip")) == count
    assert driver.find_elements(By.CSS_SELECTOR, ".lane-effect"), "the effects lane lists no effect"
    length = state["clips"][0]["duration"]
    type_into(by_label(driver, "Split clip 1 at (s)"), f"{length / 2:.1f}")
    walk.run("edit", driver.find_element(By.CSS_SELECTOR, "button[aria-label='Split clip 1']"), paid=False)
    split = walk.project()["workflow"]["outputs"]["edit"]["editorState"]["clips"]
    assert len(split) == count + 1, f"{count} clips became {len(split)}"
    assert abs(split[0]["duration"] - round(length / 2, 1)) < 0.05, split[0]
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".timeline-clip")) == count + 1)
    pictures(driver, "studio-edit")
    walk.approve("edit")

    # --- 8. Export WebM: the player has the file, the download is WebM -------------------------------------------
    click(driver.find_element(By.CSS_SELECTOR, "label[for='export-format-webm']"))
    click(driver.find_element(By.CSS_SELECTOR, "label[for='export-quality-480p']"))
    walk.run("export", button(panel(driver), "Export"))
    player = driver.find_element(By.CSS_SELECTOR, ".export-player")
    assert player.get_attribute("src"), "the export player has no source"
    wait(driver, 30).until(lambda d: d.execute_script("return arguments[0].readyState >= 1", player),
                           "the export does not load in its player")
    href = driver.find_element(By.CSS_SELECTOR, "a.download-export").get_attribute("href")
    with urllib.request.urlopen(studio.absolute(server, href), timeout=120) as response:
        assert response.status == 200
        disposition = response.headers.get("Content-Disposition", "")
        data = response.read()
    assert data[:4] == EBML, f"the download starts with {data[:4].hex()}, not the WebM/EBML magic"
    assert "attachment" in disposition, disposition
    (studio.DOWNLOADS).mkdir(parents=True, exist_ok=True)
    (studio.DOWNLOADS / "studio-export.webm").write_bytes(data)
    export = walk.project()["workflow"]["outputs"]["export"]
    assert export["format"] == "webm" and export["height"] == 480, export
    pictures(driver, "studio-export")
    walk.approve("export", "Approve the export")
    assert all(view["state"] == "done" for view in walk.project()["workflow"]["steps"])
    assert_no_console_errors(driver)

    # --- The navigator at phone width: eight steps, each with its state in words, nothing sideways ---------------
    studio.phone(driver)
    links = driver.find_elements(By.CSS_SELECTOR, ".step-link")
    assert len(links) == 8 and all(link.is_displayed() for link in links)
    width = driver.execute_script("return document.documentElement.clientWidth")
    for link in links:
        box = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.right];", link)
        assert box[0] >= 0 and box[1] <= width + 1, f"{link.text!r} sticks out: {box} (width {width})"
        assert "Done" in link.find_element(By.CSS_SELECTOR, ".step-badge").text
    capture(driver, "studio-navigator", layouts=("phone", "desktop"), check=no_sideways_scroll)

    # --- The projects list links the studio project to its studio page -------------------------------------------
    studio.visit(driver, server, "/projects")
    card = driver.find_element(By.CSS_SELECTOR, f".project-card[data-id='{project_id}']")
    assert card.find_element(By.CSS_SELECTOR, "a.button").get_attribute("href").endswith(f"/studio/{project_id}")
    assert "Guided studio" in card.text
    assert_no_console_errors(driver)
