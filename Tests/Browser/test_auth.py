"""Accounts through the pages: a password reset with the link from the mail outbox, and a visitor's prompt that
survives signing up (or signing in)."""

from __future__ import annotations

import re
import urllib.parse

from selenium.webdriver.common.by import By

import studio
from studio import (
    Expected,
    assert_no_console_errors,
    button,
    by_label,
    capture,
    fill,
    link,
    screenshot,
    visible,
    visit,
    wait,
    wait_path,
)

OLD_PASSWORD = "the old password 1"
NEW_PASSWORD = "a brand new password 2"

# A refused sign-in is a 401 the page explains in words; Chromium also logs the failed request.
WRONG_PASSWORD = Expected("/api/v1/auth/login", 401, "signing in with the old password on purpose")
USED_LINK = Expected("/api/v1/auth/reset-password", 400, "opening a reset link a second time on purpose")


def form_error(driver):
    return wait(driver).until(lambda d: visible(d, "form .form-error"), "no message in the form")


def test_password_reset_through_the_outbox(driver, server):
    account = server.register(studio.unique_email("reset"), password=OLD_PASSWORD, name="Reset Person")
    email = account["email"]
    mails_before = len(server.mails_to(email))

    # Ask for the link from the sign-in page.
    visit(driver, server, "/signin")
    link(driver, "Forgot password?").click()
    wait_path(driver, "/forgot-password")
    fill(by_label(driver, "Email"), email)
    button(driver, "Send reset link", exact=True).click()
    done = wait(driver).until(lambda d: visible(d, ".auth-done"), "no confirmation after asking for the link")
    assert "Check your inbox" in done.text and email in done.text
    assert_no_console_errors(driver)

    # The mail is in the outbox with a link to this server.
    mail = server.newest_mail(email, after=mails_before)
    assert "password" in str(mail["Subject"]).lower()
    reset = studio.reset_link(mail)
    assert reset.startswith(f"{server.url}/reset-password?token="), reset

    # Open the link and choose a new password; the form checks the confirmation before sending.
    driver.get(reset)
    wait(driver).until(lambda d: visible(d, "main h1") and "Choose a new password" in d.find_element(By.CSS_SELECTOR, "main h1").text)
    assert studio.active_element(driver).get_attribute("name") == "password", "the new password field is not focused"
    fill(by_label(driver, "New password"), NEW_PASSWORD)
    fill(by_label(driver, "Confirm new password"), NEW_PASSWORD + "x")
    button(driver, "Change password", exact=True).click()
    mismatch = wait(driver).until(lambda d: visible(d, "#confirm ~ .field-error, .field .field-error"))
    assert "do not match" in mismatch.text
    capture(driver, "reset-password-mismatch", themes=("light",))
    fill(by_label(driver, "Confirm new password"), NEW_PASSWORD)
    button(driver, "Change password", exact=True).click()
    wait_path(driver, "/signin")
    toast = wait(driver).until(lambda d: visible(d, "#toasts .toast.success"))
    assert "password is changed" in toast.text
    assert_no_console_errors(driver)

    # The new password signs in.
    studio.sign_in(driver, server, email, NEW_PASSWORD, path=None)
    wait_path(driver, "/dashboard")
    assert_no_console_errors(driver)

    # Signed out, the old password fails with a visible message and nobody is signed in.
    driver.find_element(By.ID, "signout").click()
    wait(driver).until(lambda d: not studio.session(d).get("refreshToken"))
    visit(driver, server, "/signin")
    fill(by_label(driver, "Email"), email)
    fill(by_label(driver, "Password"), OLD_PASSWORD)
    button(driver, "Sign in", exact=True).click()
    message = form_error(driver)
    assert message.text.strip(), "the refused sign-in shows an empty message"
    assert re.search(r"password", message.text, re.I), f"the message does not explain the refusal: {message.text!r}"
    assert studio.path_of(driver) == "/signin"
    assert not studio.session(driver).get("refreshToken")
    capture(driver, "signin-wrong-password", themes=("light",))
    assert_no_console_errors(driver, allow=[WRONG_PASSWORD])

    # The link works once: a second use is explained, with a way to ask for a new one.
    driver.get(reset)
    wait(driver).until(lambda d: visible(d, "#password"))
    fill(by_label(driver, "New password"), "yet another password 3")
    fill(by_label(driver, "Confirm new password"), "yet another password 3")
    button(driver, "Change password", exact=True).click()
    used = form_error(driver)
    assert "not valid any more" in used.text
    assert link(used, "Ask for a new link").get_attribute("href").endswith("/forgot-password")
    assert_no_console_errors(driver, allow=[USED_LINK])


PROMPT = "A cheerful video about how snails build their shells"


def start_as_visitor(driver, server):
    """A visitor writes a prompt, picks settings and presses Generate: the studio asks them to sign up."""
    visit(driver, server, "/")
    fill(by_label(driver, "What is your video about?"), PROMPT)
    fill(by_label(driver, "Duration"), "12")
    driver.find_element(By.CSS_SELECTOR, "label[for='aspectRatio-916']").click()
    button(driver, "Generate").click()
    wait_path(driver, "/signup")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)
    assert query.get("next") == ["/new"], driver.current_url
    note = wait(driver).until(lambda d: visible(d, ".draft-note"), "the sign-up page does not mention the prompt")
    assert "Your prompt is waiting" in note.text and PROMPT in note.text


def assert_breakdown_of_the_prompt(driver):
    wait_path(driver, "/new")
    wait(driver, 60).until(lambda d: visible(d, "#plan-title"), "no plan for the visitor's prompt")
    shown = driver.find_element(By.CSS_SELECTOR, "details.plan-prompt p").get_attribute("textContent")
    assert shown == PROMPT
    chips = [chip.text for chip in driver.find_elements(By.CSS_SELECTOR, ".plan-card .chips li")]
    assert "12 s" in chips and "9:16" in chips, f"the visitor's settings were lost: {chips}"


def test_visitor_prompt_survives_sign_up(driver, server):
    start_as_visitor(driver, server)
    capture(driver, "signup-with-prompt", themes=("light",))
    studio.sign_up(driver, server, studio.unique_email("visitor"), name="New Visitor", path=None)
    assert_breakdown_of_the_prompt(driver)
    assert driver.find_element(By.ID, "credits-pill").text == "100 credits"
    screenshot(driver, "breakdown-after-signup")
    assert_no_console_errors(driver)


def test_visitor_prompt_survives_sign_in(driver, server):
    account = server.register(studio.unique_email("returning"))
    start_as_visitor(driver, server)
    # "Sign in" instead of signing up keeps the way to the breakdown.
    link(driver.find_element(By.CSS_SELECTOR, "main .auth-switch"), "Sign in").click()
    wait_path(driver, "/signin")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query).get("next") == ["/new"]
    assert "Your prompt is waiting" in driver.find_element(By.CSS_SELECTOR, ".draft-note").text
    studio.sign_in(driver, server, account["email"], path=None)
    assert_breakdown_of_the_prompt(driver)
    assert_no_console_errors(driver)
