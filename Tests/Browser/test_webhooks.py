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
        card = studio.wait(driver).until(lambda d: studio.visible(d, ".profile-webhooks"), "no Webhooks card")
        studio.wait(driver).until(lambda d: d.find_elements("css selector", "#webhook-list .empty"),
                                  "the empty list did not load")

        # A URL the server refuses is shown next to the field.
        studio.fill(studio.by_label(card, "Endpoint URL"), "ftp://example.com/x")
        studio.button(card, "Add endpoint").click()
        studio.wait(driver).until(lambda d: "must use" in card.find_element("css selector", ".form-error").text,
                                  "the refusal was not shown")

        studio.fill(studio.by_label(card, "Endpoint URL"), url)
        studio.button(card, "Add endpoint").click()
        secret_box = studio.wait(driver).until(lambda d: studio.visible(d, "#webhook-secret"), "no secret shown")
        secret = secret_box.find_element("css selector", "#webhook-secret-value").text
        assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 32
        studio.wait(driver).until(lambda d: url in card.find_element("css selector", "#webhook-list").text,
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

        studio.button(card, "Deliveries").click()
        row = studio.wait(driver).until(lambda d: studio.visible(d, "tr.delivery.succeeded"), "no delivered row")
        assert "HTTP 200" in row.text and "video.completed" in row.text and "received" in row.text
        studio.button(row, "Replay").click()
        wait_for(lambda: len(receiver.received) >= 2, "the replay was not delivered", timeout=studio.SHORT)
        second = receiver.received[1]
        assert second["headers"]["webhook-id"] == first["headers"]["webhook-id"] and verified(second, secret)
        studio.wait(driver).until(lambda d: len(d.find_elements("css selector", "tr.delivery")) == 2,
                                  "the replay is not in the log")

        def no_overflow(d, layout, theme):
            assert not studio.horizontal_overflow(d), f"{layout}: {studio.horizontal_overflow(d)}"
        studio.capture(driver, "profile-webhooks", themes=("light",), check=no_overflow)

        toggle = card.find_element("css selector", ".webhook input[type=checkbox]")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", toggle)
        toggle.click()
        wait_for(lambda: not server.api("GET", "/webhooks", token=token)["webhooks"][0]["enabled"],
                 "the switch did not turn the endpoint off", timeout=studio.SHORT)

        delete = studio.button(card, "Delete")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", delete)
        delete.click()
        dialog = studio.wait(driver).until(lambda d: studio.visible(d, "dialog[open]"), "no confirmation")
        studio.button(dialog, "Delete", exact=True).click()
        studio.wait(driver).until(lambda d: d.find_elements("css selector", "#webhook-list .empty"),
                                  "the endpoint was not removed")
        assert server.api("GET", "/webhooks", token=token)["webhooks"] == []
        refused = studio.Expected("/api/v1/webhooks", 422, "the ftp:// URL, refused on purpose")
        studio.assert_no_console_errors(driver, allow=(refused,))
    finally:
        receiver.shutdown()
