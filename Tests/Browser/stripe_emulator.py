"""Stripe's API as the browser test needs it, on a local port: customers, Checkout Sessions, billing portal
sessions and the invoice list (the same shapes as Tests/Support/StripeEmulator.swift), a page standing in for
Stripe's hosted checkout, and `pay(session_id)`, which plays the customer paying and returns the events Stripe
would send, signed for Pixora's webhook."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import itertools
import json
import threading
import time
import urllib.parse
import urllib.request


class StripeEmulator(http.server.ThreadingHTTPServer):
    def __init__(self, key: str = "sk_test_browser_emulated", webhook_secret: str = "whsec_browser_emulated"):
        self.key = key
        self.webhook_secret = webhook_secret
        self.customers: dict[str, dict] = {}
        self.sessions: dict[str, dict] = {}
        self.invoices: list[dict] = []
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.counter = itertools.count(1)
        super().__init__(("127.0.0.1", 0), StripeHandler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def next_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self.counter):06d}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def pay(self, session_id: str, at: int | None = None) -> list[dict]:
        """The customer pays: the session completes, an invoice is made, and Stripe's events come back."""
        at = at or int(time.time())
        with self.lock:
            session = self.sessions[session_id]
            session.update(status="complete", payment_status="paid")
            form = session.pop("_form")
            customer = session["customer"]
            amount = int(form.get("line_items[0][price_data][unit_amount]", "0"))
            invoice = {
                "id": self.next_id("in"), "object": "invoice", "customer": customer, "status": "paid",
                "amount_paid": amount, "amount_due": amount, "currency": "usd", "created": at,
                "number": f"EMU-{len(self.invoices) + 1}", "hosted_invoice_url": f"{self.url}/i/{len(self.invoices)}",
            }
            events = [event(self.next_id("evt"), "checkout.session.completed", session, at)]
            if session["mode"] == "subscription":
                metadata = nested(form, "subscription_data[metadata]")
                subscription = self.next_id("sub")
                invoice.update(subscription=subscription, subscription_details={"metadata": metadata},
                               lines={"object": "list", "data": [{"period": {"start": at, "end": at + 30 * 86400},
                                                                  "metadata": metadata}]})
            self.invoices.append(invoice)
            events.append(event(self.next_id("evt"), "invoice.paid", invoice, at))
            return events

    def deliver(self, server_url: str, payload: dict) -> dict:
        """Posts one event to Pixora's webhook, signed as Stripe signs it."""
        body = json.dumps(payload).encode()
        timestamp = int(time.time())
        mac = hmac.new(self.webhook_secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        request = urllib.request.Request(server_url + "/api/v1/billing/webhook", data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        request.add_header("Stripe-Signature", f"t={timestamp},v1={mac}")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())


def event(event_id: str, kind: str, obj: dict, created: int) -> dict:
    return {"id": event_id, "object": "event", "type": kind, "created": created, "livemode": False,
            "data": {"object": dict(obj)}}


def nested(form: dict, prefix: str) -> dict:
    return {key[len(prefix) + 1:-1]: value for key, value in form.items()
            if key.startswith(prefix + "[") and key.endswith("]") and "[" not in key[len(prefix) + 1:-1]}


def error(kind: str, message: str, param: str | None = None) -> dict:
    body = {"type": kind, "message": message}
    if param:
        body["param"] = param
    return {"error": body}


class StripeHandler(http.server.BaseHTTPRequestHandler):
    server: StripeEmulator

    def log_message(self, *args):
        pass

    def answer(self, status: int, body, content_type: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802
        parsed = urllib.parse.urlparse(self.path)
        if parsed.path == "/favicon.ico":  # asked for by the browser on the emulated pages
            self.answer(200, "", "image/x-icon")
            return
        if parsed.path.startswith("/c/pay/"):
            # Stripe's hosted checkout page, in a word: the test pays through `pay`, not through this page.
            session_id = parsed.path.rsplit("/", 1)[-1]
            self.answer(200, f"<!doctype html><title>Stripe Checkout (emulated)</title>"
                             f"<h1 id='emulated-checkout'>Emulated checkout {session_id}</h1>", "text/html")
            return
        if parsed.path.startswith("/p/session/"):
            self.answer(200, "<!doctype html><title>Stripe portal (emulated)</title>"
                             "<h1 id='emulated-portal'>Emulated customer portal</h1>", "text/html")
            return
        if not self.authorized():
            return
        if parsed.path == "/v1/invoices":
            query = dict(urllib.parse.parse_qsl(parsed.query))
            with self.server.lock:
                data = [i for i in reversed(self.server.invoices) if i["customer"] == query.get("customer")]
            self.answer(200, {"object": "list", "data": data[: int(query.get("limit", "10"))], "has_more": False})
            return
        self.answer(404, error("invalid_request_error", f"Unrecognized request URL (GET: {parsed.path})."))

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
        if not self.authorized():
            return
        emulator = self.server
        with emulator.lock:
            emulator.requests.append({"path": self.path, "form": form})
            if self.path == "/v1/customers":
                customer = {"id": emulator.next_id("cus"), "object": "customer", "email": form.get("email"),
                            "metadata": nested(form, "metadata")}
                emulator.customers[customer["id"]] = customer
                self.answer(200, customer)
            elif self.path == "/v1/checkout/sessions":
                if "mode" not in form:
                    self.answer(400, error("invalid_request_error", "Missing required param: mode.", "mode"))
                    return
                session_id = emulator.next_id("cs_test")
                session = {"id": session_id, "object": "checkout.session", "mode": form["mode"], "status": "open",
                           "payment_status": "unpaid", "customer": form.get("customer"),
                           "client_reference_id": form.get("client_reference_id"),
                           "metadata": nested(form, "metadata"), "url": f"{emulator.url}/c/pay/{session_id}"}
                emulator.sessions[session_id] = {**session, "_form": form}
                self.answer(200, session)
            elif self.path == "/v1/billing_portal/sessions":
                if form.get("customer") not in emulator.customers:
                    self.answer(400, error("invalid_request_error", "No such customer", "customer"))
                    return
                portal_id = emulator.next_id("bps")
                self.answer(200, {"id": portal_id, "object": "billing_portal.session",
                                  "url": f"{emulator.url}/p/session/{portal_id}"})
            else:
                self.answer(404, error("invalid_request_error", f"Unrecognized request URL (POST: {self.path})."))

    def authorized(self) -> bool:
        if self.headers.get("Authorization") != f"Bearer {self.server.key}":
            self.answer(401, error("invalid_request_error", "Invalid API Key provided"))
            return False
        return True
