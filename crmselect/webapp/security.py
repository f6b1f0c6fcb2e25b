"""Security headers on every response, and the cookie settings.

The Content-Security-Policy allows scripts and styles only from the app's own static files
(no inline script, no inline style attribute), so text a vendor or evaluator typed can never
run as code even if escaping were missed somewhere.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, request
from flask.sessions import SecureCookieSessionInterface

CSP = "; ".join((
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
))

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Invitation links carry a token: never send it to another site. Same-origin requests
    # keep the referrer, which the CSRF check requires over https.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        # Scores and names must not stay in shared caches or the browser's back button cache.
        response.headers["Cache-Control"] = "no-store"
    if current_app.config.get("BEHIND_HTTPS"):
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookies, with the signing serializer made once per key.

    Why: Flask makes a new serializer for every request (and every save is a request); it
    keeps no state but the keys, so one per key is enough. A new key (or fallback keys) makes
    a new one, and cookies signed with a key no longer listed stop working as before.
    """

    def __init__(self) -> None:
        self._made: tuple[Any, Any] | None = None

    def get_signing_serializer(self, app: Flask) -> Any:
        if not app.secret_key:
            return None
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        made = self._made
        if made is None or made[0] != keys:
            made = self._made = (keys, super().get_signing_serializer(app))
        return made[1]


def init_app(app: Flask) -> None:
    app.session_interface = SessionCookies()
    app.after_request(_add_headers)
