"""The Billing page against Stripe's emulator: the plan and usage, the plans, buying a credit pack through
(emulated) Stripe Checkout with the webhook granting it, the invoice listed, upgrading to Pro, the portal; and the
page of a server without Stripe. Phone and desktop widths."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By

import studio
from stripe_emulator import StripeEmulator


@pytest.fixture(scope="module")
def stripe_server():
    emulator = StripeEmulator()
    try:
        server = studio.Server.start(extra_env={
            "STRIPE_SECRET_KEY": emulator.key, "STRIPE_WEBHOOK_SECRET": emulator.webhook_secret,
            "STRIPE_API_BASE": emulator.url,
        })
    except RuntimeError as error:
        emulator.stop()
        pytest.fail(str(error))
    yield server, emulator
    server.stop()
    emulator.stop()


def balance(server, token: str) -> int:
    return server.api("GET", "/users/me/credits", token=token)["balance"]


def test_billing(stripe_server, driver):
    server, stripe = stripe_server
    email = studio.unique_email("billing")
    studio.sign_up(driver, server, email)
    token = studio.access_token(driver)
    studio.visit(driver, server, "/billing")
    wait = studio.wait(driver)
    wait.until(lambda d: studio.visible(d, "#billing-plan"), "the current plan did not show")
    assert driver.find_element(By.ID, "billing-plan").text == "Free"
    assert driver.find_elements(By.CSS_SELECTOR, "[data-limit='monthlyCredits']"), "no usage bar for credits"
    plans = [e.get_attribute("data-plan-card") for e in driver.find_elements(By.CSS_SELECTOR, "[data-plan-card]")]
    assert plans == ["free", "pro", "enterprise"]
    studio.capture(driver, "billing", ready=lambda d: studio.visible(d, "[data-pack='small']"))
    for layout in ("phone", "desktop"):
        studio.set_layout(driver, layout)
        assert not studio.horizontal_overflow(driver), f"the billing page overflows at {layout} width"

    # Buy the small pack: the page sends the browser to Stripe's (emulated) checkout.
    start = balance(server, token)
    studio.button(driver, "Buy for $5.00").click()
    wait.until(lambda d: studio.visible(d, "#emulated-checkout"), "the browser did not go to the checkout")
    session_id = re.search(r"/c/pay/(cs_test_\w+)", driver.current_url).group(1)
    assert stripe.sessions[session_id]["metadata"]["pixora_credits"] == "500"
    for payload in stripe.pay(session_id):
        assert stripe.deliver(server.url, payload)["received"] is True
    assert balance(server, token) == start + 500

    # Back from Stripe: the invoice is listed and the ledger names the purchase.
    studio.visit(driver, server, "/billing?checkout=success")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".billing-invoices tbody tr"), "no invoice listed")
    row = driver.find_element(By.CSS_SELECTOR, ".billing-invoices tbody tr").text
    assert "$5.00" in row and "paid" in row
    ledger = server.api("GET", "/users/me/credits/transactions", token=token)["items"]
    assert ledger[0]["reason"] == "credit_purchase" and ledger[0]["delta"] == 500

    # Upgrade to Pro: a subscription checkout; its invoice sets the plan and grants the month's credits.
    # The "payment received" toast may cover the button: click it as a person would after reading the toast.
    upgrade = driver.find_element(By.CSS_SELECTOR, "button[data-plan='pro']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", upgrade)
    wait.until(lambda d: studio.visible(d, "#emulated-checkout"), "the upgrade did not go to the checkout")
    session_id = re.search(r"/c/pay/(cs_test_\w+)", driver.current_url).group(1)
    for payload in stripe.pay(session_id):
        stripe.deliver(server.url, payload)
    studio.visit(driver, server, "/billing")
    wait.until(lambda d: studio.visible(d, "#billing-plan") and d.find_element(By.ID, "billing-plan").text == "Pro",
               "the plan did not become Pro")
    assert balance(server, token) == start + 500 + 1500
    # The profile names the plan and links to its usage.
    studio.visit(driver, server, "/profile")
    wait.until(lambda d: studio.visible(d, "#profile-plan-name"), "the profile did not name the plan")
    assert driver.find_element(By.ID, "profile-plan-name").text == "Pro"
    driver.find_element(By.ID, "profile-usage-link").click()
    wait.until(lambda d: d.current_url.endswith("/billing") and studio.visible(d, "#billing-plan"),
               "the usage link did not open the billing page")
    assert driver.find_elements(By.CSS_SELECTOR, "[data-limit='concurrentJobs']"), "no usage bars"
    # A Stripe subscriber changes plan in the portal.
    driver.find_element(By.ID, "billing-portal").click()
    wait.until(lambda d: studio.visible(d, "#emulated-portal"), "the portal did not open")
    studio.assert_no_console_errors(driver)


def test_billing_without_stripe(server, driver):
    studio.sign_up(driver, server, studio.unique_email("nobilling"))
    studio.visit(driver, server, "/billing")
    wait = studio.wait(driver)
    wait.until(lambda d: studio.visible(d, "#billing-off"), "the page did not say payments are off")
    assert driver.find_element(By.ID, "billing-plan").text == "Self-hosted"
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-pack]")
    studio.visit(driver, server, "/profile")
    wait.until(lambda d: studio.visible(d, "#profile-plan-name"), "the profile did not name the plan")
    assert driver.find_element(By.ID, "profile-plan-name").text == "Self-hosted"
    assert driver.find_element(By.ID, "profile-usage-link").get_attribute("href").endswith("/billing")
    studio.visit(driver, server, "/billing")
    wait.until(lambda d: studio.visible(d, "#billing-off"), "the page did not say payments are off")
    studio.capture(driver, "billing-off", ready=lambda d: studio.visible(d, "#billing-off"))
    studio.assert_no_console_errors(driver)
