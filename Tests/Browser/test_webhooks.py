"""The profile's Webhooks card: add an endpoint (the secret shown once), a finished video delivered to a local
receiver and verified with the published Standard Webhooks scheme, the delivery log, replay, the switch and delete,
at phone and desktop widths."""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import json
import threading
import time

import studio


class Receiver(http.server.ThreadingHTTPServer):
    """Records every POST and answers 200."""

    def __init__(self):
        self.received: list[dict] = []
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (the standard library's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.received.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                     "body": body})
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"received")

    def log_message(self, *args):
        pass


def verified(request: dict, secret: str) -> bool:
    """Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body", keyed by the secret's bytes after whsec_."""
    headers = request["headers"]
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + request["body"]
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return expected in headers["webhook-signature"].split(" ")


def wait_for(condition, message: str, timeout: float = studio.LONG):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(message)


def test_webhook_endpoint_deliveries_and_replay(server, driver):
    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{receiver.server_address[1]}/hooks/pixora"
        account = server.register(studio.unique_email("hooks"))
        studio.sign_in(driver, server, account["email"], account["password"])
        studio.visit(driver, server, "/profile")
        studio.desktop(driver)
        studio.wait(driver).until(lambda d: studio.visible(d, ".profile-webhooks"), "no Webhooks card")
        studio.wait(driver).until(lambda d: d.find_elements("css selector", "#webhook-list .empty"),
                                  "the empty list did not load")

        # The card re-renders as its lists load and change: every step finds its elements afresh.
        def card(d):
            return d.find_element("css selector", ".profile-webhooks")

        def add(address):
            def action(d):
                studio.fill(studio.by_label(card(d), "Endpoint URL"), address)
                studio.button(card(d), "Add endpoint").click()
            studio.act(driver, action, f"could not add {address}")

        # A URL the server refuses is shown next to the field.
        add("ftp://example.com/x")
        studio.wait(driver).until(lambda d: "must use" in card(d).find_element("css selector", ".form-error").text,
                                  "the refusal was not shown")

        add(url)
        def shown_secret(d):
            box = studio.visible(d, "#webhook-secret")
            return box and box.find_element("css selector", "#webhook-secret-value").text
        secret = studio.wait(driver).until(shown_secret, "no secret shown")
        assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 32
        studio.wait(driver).until(lambda d: url in card(d).find_element("css selector", "#webhook-list").text,
                                  "the endpoint is not listed")
        # Shown once: the API never answers it again.
        listed = server.api("GET", "/webhooks", token=studio.access_token(driver))
        assert secret not in json.dumps(listed) and listed["webhooks"][0]["events"] == ["video.completed", "video.failed"]

        token = studio.access_token(driver)
        video = server.api("POST", "/videos", {"prompt": "a 5-second video about bees making honey",
                                               "settings": {"durationSeconds": 5, "quality": "480p"}}, token=token)
        server.wait_for_video(token, video["id"])
        first = wait_for(lambda: receiver.received[:1], "the receiver got no delivery")[0]
        assert first["path"] == "/hooks/pixora" and verified(first, secret)
        body = json.loads(first["body"])
        assert body["type"] == "video.completed" and body["data"]["videoId"] == video["id"]

        studio.act(driver, lambda d: studio.button(card(d), "Deliveries").click(), "no Deliveries button")

        def replay(d):
            row = studio.visible(d, "tr.delivery.succeeded")
            if not row:
                return False
            text = row.text
            assert "HTTP 200" in text and "video.completed" in text and "received" in text, text
            studio.button(row, "Replay").click()
            return True
        studio.wait(driver).until(replay, "no delivered row to replay")
        wait_for(lambda: len(receiver.received) >= 2, "the replay was not delivered", timeout=studio.SHORT)
        second = receiver.received[1]
        assert second["headers"]["webhook-id"] == first["headers"]["webhook-id"] and verified(second, secret)
        studio.wait(driver).until(lambda d: len(d.find_elements("css selector", "tr.delivery")) == 2,
                                  "the replay is not in the log")

        def no_overflow(d, layout, theme):
            assert not studio.horizontal_overflow(d), f"{layout}: {studio.horizontal_overflow(d)}"
        studio.capture(driver, "profile-webhooks", themes=("light",), check=no_overflow)

        def switch_off(d):
            toggle = card(d).find_element("css selector", ".webhook input[type=checkbox]")
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", toggle)
            toggle.click()
        studio.act(driver, switch_off, "no switch")
        wait_for(lambda: not server.api("GET", "/webhooks", token=token)["webhooks"][0]["enabled"],
                 "the switch did not turn the endpoint off", timeout=studio.SHORT)

        def ask_delete(d):
            delete = studio.button(card(d), "Delete")
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", delete)
            delete.click()
        studio.act(driver, ask_delete, "no Delete button")
        dialog = studio.wait(driver).until(lambda d: studio.visible(d, "dialog[open]"), "no confirmation")
        studio.button(dialog, "Delete", exact=True).click()
        studio.wait(driver).until(lambda d: d.find_elements("css selector", "#webhook-list .empty"),
                                  "the endpoint was not removed")
        assert server.api("GET", "/webhooks", token=token)["webhooks"] == []
        refused = studio.Expected("/api/v1/webhooks", 422, "the ftp:// URL, refused on purpose")
        studio.assert_no_console_errors(driver, allow=(refused,))
    finally:
        receiver.shutdown()
