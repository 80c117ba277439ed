"""The profile's "Your data" card: export everything and download the zip, clear the videos and projects with the
typed confirmation, delete the account with the password, at phone and desktop widths."""

from __future__ import annotations

import json
import zipfile

import studio


def test_export_download_and_clear_data(server, driver):
    account = server.register(studio.unique_email("data"))
    token = account["accessToken"]
    video = server.api("POST", "/videos", {"prompt": "a 5-second video about bees making honey",
                                           "settings": {"durationSeconds": 5, "quality": "480p"}}, token=token)
    server.wait_for_video(token, video["id"])
    studio.sign_in(driver, server, account["email"], account["password"])
    studio.visit(driver, server, "/profile")
    studio.desktop(driver)
    card = studio.wait(driver).until(lambda d: studio.visible(d, ".profile-data"), "no Your data card")
    studio.wait(driver).until(lambda d: studio.button(card, "Export my data"), "the export state did not load")

    studio.button(card, "Export my data").click()
    download = studio.wait(driver, studio.LONG).until(
        lambda d: studio.visible(d, "#export-download"), "the export did not become ready")
    href = download.get_attribute("href")
    assert "/api/v1/users/me/export/download?access=" in href
    path = studio.download(server, href, "export.zip")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {"README.md", "account.json", f"videos/{video['id']}/video.json",
                f"videos/{video['id']}/video.mp4"} <= names, sorted(names)
        profile = json.loads(archive.read("account.json"))["profile"]
        assert profile["email"] == account["email"]
        assert "password" not in archive.read("account.json").decode().lower()
        rendered = archive.read(f"videos/{video['id']}/video.mp4")
    mp4 = studio.DOWNLOADS / "export-video.mp4"
    mp4.write_bytes(rendered)
    studio.assert_mp4(mp4, min_seconds=4)

    def no_overflow(d, layout, theme):
        assert not studio.horizontal_overflow(d), f"{layout}: {studio.horizontal_overflow(d)}"
    studio.capture(driver, "profile-your-data", themes=("light",), check=no_overflow)

    # Clearing stays disabled until the email is typed, and asks once more. (The field is brought to the middle
    # of the screen: the "export ready" notification's toast sits over the bottom corner for a few seconds.)
    card = studio.wait(driver).until(lambda d: studio.visible(d, ".profile-data"), "no Your data card")
    clear = studio.button(card, "Delete my videos and projects")
    assert not clear.is_enabled()
    confirm = studio.by_label(driver, "Type your email to confirm")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", confirm)
    studio.fill(confirm, "someone@example.com")
    assert not clear.is_enabled()
    studio.fill(confirm, account["email"].upper())
    studio.wait(driver).until(lambda d: clear.is_enabled(), "typing the email did not enable clearing")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", clear)
    clear.click()
    dialog = studio.wait(driver).until(lambda d: studio.visible(d, "dialog[open]"), "no confirmation")
    studio.button(dialog, "Delete them", exact=True).click()
    studio.wait(driver).until(
        lambda d: server.api("GET", "/videos", token=studio.access_token(d))["items"] == [],
        "the videos were not deleted")
    assert server.api("GET", "/users/me/export", token=studio.access_token(driver))["status"] == "none"
    credits = server.api("GET", "/users/me/credits", token=studio.access_token(driver))
    assert credits["balance"] >= 0
    studio.assert_no_console_errors(driver)


def test_delete_account_needs_the_password(server, driver):
    account = server.register(studio.unique_email("leave"))
    studio.sign_in(driver, server, account["email"], account["password"])
    studio.visit(driver, server, "/profile")
    studio.phone(driver)
    card = studio.wait(driver).until(lambda d: studio.visible(d, ".profile-data"), "no Your data card")
    password = studio.by_label(card, "Password")

    studio.fill(password, "not my password")
    studio.button(card, "Delete my account").click()
    dialog = studio.wait(driver).until(lambda d: studio.visible(d, "dialog[open]"), "no confirmation")
    studio.button(dialog, "Delete my account", exact=True).click()
    studio.wait(driver).until(lambda d: password.get_attribute("aria-invalid") == "true", "no wrong-password error")
    assert server.api("GET", "/users/me/profile", token=studio.access_token(driver))["email"] == account["email"]

    studio.fill(password, account["password"])
    studio.button(card, "Delete my account").click()
    dialog = studio.wait(driver).until(lambda d: studio.visible(d, "dialog[open]"), "no confirmation")
    studio.button(dialog, "Delete my account", exact=True).click()
    studio.wait_path(driver, "/")
    assert not studio.session(driver)
    server.api("POST", "/auth/login", {"email": account["email"], "password": account["password"]}, expect=401)
    # The email is free again.
    server.register(account["email"])
    wrong = studio.Expected("/api/v1/users/me", 403, "the wrong password, on purpose")
    studio.assert_no_console_errors(driver, allow=[wrong])
