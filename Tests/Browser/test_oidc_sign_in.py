"""Sign in with an OpenID Connect provider from the sign-in page: a local provider (discovery, a key set with an
RSA key made for the run, an authorization endpoint that signs its person in at once, a token endpoint checking
the client secret and the PKCE verifier), a server of its own configured for it, the "Continue with …" button at
phone and desktop widths, the round trip to the dashboard, and a refusal shown on the sign-in page."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import threading
import time
import urllib.parse
import uuid

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

import studio

CLIENT_ID = "browser-suite-client"
CLIENT_SECRET = "browser-suite-secret"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Provider(http.server.ThreadingHTTPServer):
    """The emulated provider; `person` signs in, `verified` says whether it vouches for the email."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), ProviderHandler)
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "browser-" + uuid.uuid4().hex[:8]
        self.grants: dict[str, dict] = {}
        self.person = {"sub": "browser-" + uuid.uuid4().hex, "email": studio.unique_email("oidc"),
                       "name": "Olive Provider"}
        self.verified = True
        self.token_calls = 0

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "sub": self.person["sub"], "email": self.person["email"],
                  "email_verified": self.verified, "name": self.person["name"], "nonce": grant["nonce"],
                  "iat": now, "exp": now + 600}
        signing = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        signature = self.key.sign(signing.encode(), padding.PKCS1v15(), hashes.SHA256())
        return signing + "." + b64url(signature)


class ProviderHandler(http.server.BaseHTTPRequestHandler):
    def answer(self, status: int, body: dict | None = None, location: str | None = None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        data = json.dumps(body or {}).encode()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802 (the standard library's name)
        provider: Provider = self.server
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/.well-known/openid-configuration":
            base = provider.issuer
            return self.answer(200, {
                "issuer": base, "authorization_endpoint": base + "/authorize", "token_endpoint": base + "/token",
                "jwks_uri": base + "/jwks", "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"]})
        if url.path == "/jwks":
            numbers = provider.key.public_key().public_numbers()
            return self.answer(200, {"keys": [{
                "kty": "RSA", "use": "sig", "alg": "RS256", "kid": provider.kid,
                "n": b64url(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
                "e": b64url(numbers.e.to_bytes(3, "big"))}]})
        if url.path == "/authorize":
            ok = (query.get("client_id") == CLIENT_ID and query.get("response_type") == "code"
                  and query.get("code_challenge_method") == "S256" and query.get("nonce") and query.get("state"))
            if not ok:
                return self.answer(400, {"error": "invalid_request"})
            code = uuid.uuid4().hex
            provider.grants[code] = {"nonce": query["nonce"], "challenge": query["code_challenge"],
                                     "redirect_uri": query["redirect_uri"]}
            back = query["redirect_uri"] + "?" + urllib.parse.urlencode({"code": code, "state": query["state"]})
            return self.answer(302, location=back)
        self.answer(404, {"error": "not_found"})

    def do_POST(self):  # noqa: N802
        provider: Provider = self.server
        provider.token_calls += 1
        form = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()))
        basic = self.headers.get("Authorization", "")
        client = (form.get("client_id"), form.get("client_secret"))
        if basic.startswith("Basic "):
            pair = base64.b64decode(basic[6:]).decode().split(":", 1)
            client = tuple(urllib.parse.unquote_plus(part) for part in pair)
        if client != (CLIENT_ID, CLIENT_SECRET):
            return self.answer(401, {"error": "invalid_client"})
        grant = provider.grants.pop(form.get("code", ""), None)
        challenge = b64url(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
        if not grant or grant["challenge"] != challenge or grant["redirect_uri"] != form.get("redirect_uri"):
            return self.answer(400, {"error": "invalid_grant"})
        self.answer(200, {"access_token": uuid.uuid4().hex, "token_type": "Bearer", "expires_in": 3600,
                          "id_token": provider.id_token(grant)})

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def provider():
    running = Provider()
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()


@pytest.fixture(scope="module")
def oidc_server(provider):
    try:
        running = studio.Server.start(extra_env={
            "PIXORA_OIDC_ISSUER": provider.issuer, "PIXORA_OIDC_CLIENT_ID": CLIENT_ID,
            "PIXORA_OIDC_CLIENT_SECRET": CLIENT_SECRET, "PIXORA_OIDC_NAME": "Emulated ID",
            "PIXORA_OIDC_ALLOW_PRIVATE": "1"}, name="server-oidc")
    except RuntimeError as error:
        pytest.fail(str(error))
    yield running
    running.stop()


def provider_button(driver):
    return studio.wait(driver).until(
        lambda d: studio.visible(d, ".provider-button"), "no 'Continue with' button on the sign-in page")


def test_oidc_sign_in(oidc_server, provider, driver):
    studio.visit(driver, oidc_server, "/signin")
    button = provider_button(driver)
    assert button.text.strip().endswith("Continue with Emulated ID")  # after the provider's mark
    studio.capture(driver, "signin-oidc", themes=("light",), ready=provider_button,
                   check=lambda d, layout, theme: not studio.horizontal_overflow(d) or pytest.fail(
                       f"sideways scrolling on {layout}: {studio.horizontal_overflow(d)}"))
    provider_button(driver).click()
    studio.wait(driver).until(lambda d: studio.session(d).get("refreshToken"), "the provider sign-in did not finish")
    studio.wait_path(driver, "/dashboard")
    assert "signin=" not in driver.current_url
    user = studio.session(driver)["user"]
    assert user["email"] == provider.person["email"] and user["name"] == "Olive Provider"
    assert provider.token_calls == 1
    studio.assert_no_console_errors(driver)

    # The same person again, from the sign-up page: the same account.
    driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    studio.visit(driver, oidc_server, "/signup")
    provider_button(driver).click()
    studio.wait(driver).until(lambda d: studio.session(d).get("refreshToken"), "the second sign-in did not finish")
    assert studio.session(driver)["user"]["id"] == user["id"]

    # A provider that does not vouch for the email: back on the sign-in page with the reason, not signed in.
    driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    provider.verified = False
    provider.person = {**provider.person, "sub": "browser-" + uuid.uuid4().hex, "email": studio.unique_email("nov")}
    studio.visit(driver, oidc_server, "/signin")
    provider_button(driver).click()
    alert = studio.wait(driver).until(lambda d: studio.visible(d, ".form-error"), "no reason shown")
    assert "Emulated ID has not verified your email address" in alert.text
    assert studio.path_of(driver) == "/signin" and not studio.session(driver)
    studio.screenshot(driver, "signin-oidc-refused")
    provider.verified = True
