"""The outside services of scripts/contract-test.sh, on local ports: Stripe (the browser suite's emulator) and an
OpenID Connect provider that serves only its discovery document, enough for a sign-in to start (a callback with
schemathesis' made-up state is refused before any token or key is asked for). Prints each one's URL on a line
(Stripe, then the provider) and serves until it is stopped."""

from __future__ import annotations

import http.server
import json
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Browser"))
from stripe_emulator import StripeEmulator  # noqa: E402


class Discovery(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path != "/.well-known/openid-configuration":
            self.send_error(404)
            return
        body = json.dumps({
            "issuer": issuer, "authorization_endpoint": f"{issuer}/authorize", "token_endpoint": f"{issuer}/token",
            "jwks_uri": f"{issuer}/jwks", "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    stripe = StripeEmulator()
    provider = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Discovery)
    threading.Thread(target=provider.serve_forever, daemon=True).start()
    print(stripe.url)
    print(f"http://127.0.0.1:{provider.server_address[1]}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
