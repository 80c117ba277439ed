"""The library on the dashboard: star a video and show only favorites, make a collection (its name shown as text,
never markup), put a video in it and show only that collection; every filter survives a reload, at phone and
desktop widths. On the projects page: star a project and show only favorites."""

from __future__ import annotations

import urllib.parse

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import studio
from studio import assert_no_console_errors, button, fill, visible, visit, wait


def card(driver, title: str):
    return driver.execute_script(
        "return [...document.querySelectorAll('.video-card')].find((c) => "
        "c.querySelector('.video-title').textContent.trim() === arguments[0]) || null;", title)


def shown_titles(driver) -> list[str]:
    # Read in one script: the status poll may swap a card between two WebDriver calls.
    return driver.execute_script(
        "return [...document.querySelectorAll('.video-card .video-title')].map((e) => e.textContent.trim());")


def wait_titles(driver, titles: list[str], why: str) -> None:
    wait(driver).until(lambda d: sorted(shown_titles(d)) == sorted(titles) and not d.find_elements(
        By.CSS_SELECTOR, ".dash-results[aria-busy='true']"), f"{why}: the list shows {shown_titles(driver)}")


def query(driver) -> dict:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(driver.current_url).query))


def test_favorites_and_collections(driver, server):
    account = server.register(studio.unique_email("library"), name="Library Tester")
    token = account["accessToken"]
    titles = {"owls": "Owls at night 100%_", "foxes": "Foxes in the snow"}
    ids = {key: server.api("POST", "/videos", {
        "prompt": f"a short video about {key}", "settings": {"durationSeconds": 5, "quality": "480p"},
    }, token=token)["id"] for key in titles}
    # Renamed once made: planning gives a video its plan's title.
    for key, title in titles.items():
        server.wait_for_video(token, ids[key])
        server.api("PATCH", f"/videos/{ids[key]}", {"title": title}, token=token)

    studio.sign_in(driver, server, account["email"])
    visit(driver, server, "/dashboard")
    wait_titles(driver, list(titles.values()), "both videos are listed")

    star = card(driver, titles["owls"]).find_element(By.CSS_SELECTOR, "[data-role='star']")
    assert star.get_attribute("aria-pressed") == "false"
    star.click()
    wait(driver).until(lambda d: card(d, titles["owls"]).find_element(
        By.CSS_SELECTOR, "[data-role='star']").get_attribute("aria-pressed") == "true", "the star did not stick")
    driver.find_element(By.ID, "dash-favorite").click()
    wait_titles(driver, [titles["owls"]], "favorites only")
    assert query(driver).get("favorite") == "true"
    driver.refresh()
    wait_titles(driver, [titles["owls"]], "favorites only after a reload")
    assert driver.find_element(By.ID, "dash-favorite").get_attribute("aria-pressed") == "true"
    for layout in ("desktop", "phone"):
        studio.set_layout(driver, layout)
        studio.screenshot(driver, "library-favorites")
        assert not studio.horizontal_overflow(driver), f"{layout}: {studio.horizontal_overflow(driver)}"
    studio.set_layout(driver, "desktop")
    driver.find_element(By.ID, "dash-favorite").click()
    wait_titles(driver, list(titles.values()), "every video again")

    # A collection whose name looks like markup is shown as the text it is.
    name = "Trips <b>& more</b>"
    driver.find_element(By.ID, "dash-manage-collections").click()
    dialog = wait(driver).until(lambda d: visible(d, ".collections-dialog"), "the collections dialog did not open")
    fill(dialog.find_element(By.ID, "new-collection"), name)
    button(dialog, "Create").click()
    wait(driver).until(lambda d: dialog.find_elements(By.CSS_SELECTOR, ".collection-row"), "the collection is not listed")
    assert dialog.find_element(By.CSS_SELECTOR, ".collection-row input").get_attribute("value") == name
    assert not dialog.find_elements(By.CSS_SELECTOR, ".collection-row b")
    studio.screenshot(driver, "library-collections-dialog")
    button(dialog, "Done", exact=True).click()
    wait(driver).until(lambda d: not visible(d, ".collections-dialog"), "the dialog did not close")

    # The library re-renders once the dialog closes: find the card again until the click lands on a live one.
    def open_collections(d):
        try:
            card(d, titles["foxes"]).find_element(By.CSS_SELECTOR, "[data-role='collections']").click()
            return True
        except StaleElementReferenceException:
            return False

    wait(driver).until(open_collections, "the video's collections button did not answer")
    dialog = wait(driver).until(lambda d: visible(d, ".collections-dialog"), "the video's collections did not open")
    choice = dialog.find_element(By.CSS_SELECTOR, ".collection-choice")
    assert choice.find_element(By.TAG_NAME, "label").text == name
    choice.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
    wait(driver).until(lambda d: choice.find_element(By.CSS_SELECTOR, "input").is_enabled(), "the tick did not save")
    button(dialog, "Done", exact=True).click()
    wait(driver).until(lambda d: "In 1" in card(d, titles["foxes"]).find_element(
        By.CSS_SELECTOR, "[data-role='collections']").text, "the card does not show its collection")

    # The toolbar re-renders when a collection changes: pick from the live select.
    def pick_collection(d):
        try:
            Select(d.find_element(By.ID, "dash-collection")).select_by_visible_text(name)
            return True
        except StaleElementReferenceException:
            return False

    wait(driver).until(pick_collection, "the collection filter did not answer")
    wait_titles(driver, [titles["foxes"]], "the collection only")
    collection = query(driver).get("collection")
    assert collection
    driver.refresh()
    wait_titles(driver, [titles["foxes"]], "the collection only after a reload")
    assert Select(driver.find_element(By.ID, "dash-collection")).first_selected_option.text == name

    # Search is literal: % and _ are plain characters.
    search = driver.find_element(By.ID, "dash-search")
    select = Select(driver.find_element(By.ID, "dash-collection"))
    select.select_by_visible_text("All videos")
    wait_titles(driver, list(titles.values()), "every video")
    fill(search, "100%_")
    wait_titles(driver, [titles["owls"]], "the literal search")
    for layout in ("desktop", "phone"):
        studio.set_layout(driver, layout)
        studio.screenshot(driver, "library-search")
        assert not studio.horizontal_overflow(driver), f"{layout}: {studio.horizontal_overflow(driver)}"
    assert_no_console_errors(driver)


def test_favorite_projects(driver, server):
    account = server.register(studio.unique_email("library-projects"), name="Library Tester")
    token = account["accessToken"]
    for topic in ("how bees make honey", "why the sky is blue"):
        server.api("POST", "/projects", {"kind": "studio", "topic": topic}, token=token)
    studio.sign_in(driver, server, account["email"])
    visit(driver, server, "/projects")
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".project-card")) == 2, "both projects listed")
    first = driver.find_elements(By.CSS_SELECTOR, ".project-card")[0]
    title = first.find_element(By.CSS_SELECTOR, ".project-title").text
    first.find_element(By.CSS_SELECTOR, "[data-role='star']").click()
    wait(driver).until(lambda d: d.execute_script(
        "return document.querySelector('.project-card [data-role=star][aria-pressed=true]') !== null"),
        "the star did not stick")
    driver.find_element(By.ID, "projects-favorite").click()

    def only_starred(d):
        titles = d.execute_script(
            "return [...document.querySelectorAll('.project-card .project-title')].map((e) => e.textContent.trim());")
        return titles == [title]
    wait(driver).until(only_starred, "favorites only")
    assert query(driver).get("favorite") == "true"
    driver.refresh()
    wait(driver).until(only_starred, "favorites only after a reload")
    for layout in ("desktop", "phone"):
        studio.set_layout(driver, layout)
        studio.screenshot(driver, "library-projects")
        assert not studio.horizontal_overflow(driver), f"{layout}: {studio.horizontal_overflow(driver)}"
    assert_no_console_errors(driver)
