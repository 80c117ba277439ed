"""Pausing a guided-studio step: a paused hero step shows its Paused badge, a card with Resume and Cancel, and keeps
the other steps from running; Resume takes it on to review with its charge unchanged; Cancel (confirmed) ends
another run with its credits returned and the step failed with the reason. The runs are started and paused
through the API so that the pause lands before the worker finishes them."""

from __future__ import annotations

from selenium.webdriver.common.by import By

import studio
from studio import LONG, assert_no_console_errors, button, capture, visible, wait


def project(server, token, project_id):
    return server.api("GET", f"/projects/{project_id}", token=token)


def hero(server, token, project_id):
    return next(step for step in project(server, token, project_id)["workflow"]["steps"] if step["step"] == "hero")


def wait_state(server, token, project_id, step, states, timeout=LONG):
    """Waits (a net of minutes) until `step` is in one of `states`; the project as it then is."""
    def reached(_):
        current = project(server, token, project_id)
        view = next(s for s in current["workflow"]["steps"] if s["step"] == step)
        return current if view["state"] in states else None
    return wait(None, timeout).until(reached, f"the {step} step never reached {states}")


def balance(server, token):
    return server.api("GET", "/users/me/credits", token=token)["balance"]


def test_studio_pause(driver, server):
    account = server.register(studio.unique_email("studio-pause"), name="Studio Pause")
    token = account["accessToken"]
    created = server.api("POST", "/projects", {
        "kind": "studio", "topic": "Lighthouse keepers and their lamps",
        "settings": {"durationSeconds": 5, "quality": "480p"},
    }, token=token)
    pid = created["id"]
    for step, choice in (("idea", {"choice": 0}), ("storyboard", None)):
        server.api("POST", f"/projects/{pid}/steps/{step}", {}, token=token)
        wait_state(server, token, pid, step, ("review",))
        server.api("POST", f"/projects/{pid}/steps/{step}/approve", choice, token=token)
    before = balance(server, token)

    # A hero run, paused at once: the page shows it paused, with Resume and Cancel.
    server.api("POST", f"/projects/{pid}/steps/hero", {}, token=token)
    paused = server.api("POST", f"/projects/{pid}/steps/hero/pause", token=token)
    assert paused["job"]["state"] == "paused", paused["job"]
    charged = balance(server, token)
    assert charged < before, "the hero run charged nothing"
    studio.sign_in(driver, server, account["email"])
    studio.visit(driver, server, f"/studio/{pid}?step=hero")
    wait(driver, 60).until(lambda d: visible(d, ".step-progress.paused"), "no paused card for the hero step")
    card = driver.find_element(By.CSS_SELECTOR, ".step-progress")
    assert "paused" in card.find_element(By.CSS_SELECTOR, ".stage-name").text
    assert visible(driver, ".step-panel[data-state=paused] .step-badge.step-paused")
    assert visible(driver, "[data-role=resume]") and visible(driver, "[data-role=cancel]")
    assert not visible(driver, "[data-role=pause]")
    assert driver.find_element(By.CSS_SELECTOR, ".run-step").get_attribute("disabled") is not None
    capture(driver, "studio-step-paused", themes=("light",))

    # Another step says why it cannot run.
    studio.visit(driver, server, f"/studio/{pid}?step=frames")
    wait(driver, 30).until(lambda d: "The Hero shot step is paused" in d.find_element(
        By.CSS_SELECTOR, ".step-panel").text, "the frames panel does not say the hero step is paused")

    # Resume: it goes on to review, and the charge stays as it was.
    studio.visit(driver, server, f"/studio/{pid}?step=hero")
    wait(driver, 60).until(lambda d: visible(d, "[data-role=resume]"), "no Resume button")
    button(driver, "Resume", exact=True).click()
    wait_state(server, token, pid, "hero", ("review",))
    wait(driver, LONG).until(lambda d: visible(d, ".step-panel[data-state=review]"), "the page did not show review")
    assert balance(server, token) == charged, "pausing and resuming changed the charge"

    # Another run (a new seed: new pictures, charged), paused, then cancelled from the page: refunded, the step
    # failed with the reason.
    server.api("POST", f"/projects/{pid}/steps/hero", {"seed": 7}, token=token)
    server.api("POST", f"/projects/{pid}/steps/hero/pause", token=token)
    assert balance(server, token) < charged
    studio.visit(driver, server, f"/studio/{pid}?step=hero")
    wait(driver, 60).until(lambda d: visible(d, "[data-role=cancel]"), "no Cancel button on the paused run")
    button(driver, "Cancel the run", exact=True).click()
    wait(driver).until(lambda d: visible(d, "dialog[open]"), "no confirmation before cancelling")
    button(driver.find_element(By.CSS_SELECTOR, "dialog[open]"), "Cancel the run", exact=True).click()
    wait(driver, 30).until(lambda d: visible(d, ".step-panel[data-state=failed] .failed-note"),
                           "the cancelled step does not show as failed")
    assert "You cancelled this run." in driver.find_element(By.CSS_SELECTOR, ".failed-note").text
    assert hero(server, token, pid)["state"] == "failed"
    assert balance(server, token) == charged, "the cancelled run was not refunded"
    wait(driver).until(lambda d: d.find_element(By.ID, "credits-pill").text == f"{charged} credits",
                       "the balance shown was not refreshed after the refund")
    assert_no_console_errors(driver)
