"""Security headers on every response, and the cookie settings.

The Content-Security-Policy allows scripts and styles only from the app's own static files
(no inline script, no inline style attribute), so text a vendor or evaluator typed can never
run as code even if escaping were missed somewhere.
"""

from __future__ import annotations

import hmac
import logging
import time
from typing import Any

from flask import Flask, Request, Response, current_app, g, request, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect, same_origin
from itsdangerous import BadData, BadSignature, SignatureExpired, URLSafeTimedSerializer
from wtforms import ValidationError

logger = logging.getLogger("flask_wtf.csrf")  # where Flask-WTF logs a refused token

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


_LOWER = tuple((name.lower(), name, value) for name, value in HEADERS.items())


def _add_headers(response: Response) -> Response:
    headers = response.headers
    # The headers a view set itself stay (as with setdefault, but one pass over the headers
    # instead of one per name: this runs for every save).
    present = {name.lower() for name, _ in headers}
    for lower, name, value in _LOWER:
        if lower not in present:
            headers.add(name, value)
    if request.endpoint != "static":
        # Scores and names must not stay in shared caches or the browser's back button cache.
        headers["Cache-Control"] = "no-store"
    if current_app.config.get("BEHIND_HTTPS"):
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


class Verified:
    """Signed strings (session cookies, CSRF tokens) already verified by one serializer, with
    what they carry and when they were signed.

    Why: every save sends the same cookie and the same token as the request before it, and
    verifying them (HMAC, base64, zlib, JSON) cost more than Flask's own work for the request.
    The outcome of verifying one string with one key never changes, so it is kept; the age is
    checked on every use, as the serializer checks it. Only strings that verified are kept (a
    forged one is verified, and refused, every time), so the size is bounded by the sessions
    in use; when full it starts again.
    """

    def __init__(self, serializer: URLSafeTimedSerializer, size: int = 4096) -> None:
        self.serializer = serializer
        self._size = size
        self._seen: dict[str, tuple[Any, int]] = {}

    def loads(self, signed: str, max_age: int | None) -> Any:
        """What ``signed`` carries; raises :class:`itsdangerous.BadData` (or
        :class:`~itsdangerous.SignatureExpired`) exactly as ``serializer.loads`` would."""
        found = self._seen.get(signed)
        if found is None:
            value, when = self.serializer.loads(signed, max_age=max_age, return_timestamp=True)
            found = (_frozen(value), int(when.timestamp()))
            if found[0] is not None:
                if len(self._seen) >= self._size:
                    self._seen.clear()
                self._seen[signed] = found
            else:
                return value
        value, signed_at = found
        if max_age is not None:  # the serializer's own check, in whole seconds
            age = int(time.time()) - signed_at
            if age > max_age or age < 0:
                raise SignatureExpired(f"Signature age {age} is not within 0–{max_age} seconds")
        return value.value if isinstance(value, _Kept) else dict(value)


class _Kept:
    __slots__ = ("value",)

    def __init__(self, value: str | int | float | bool | None) -> None:
        self.value = value


_SCALARS = (str, int, float, bool, type(None))


def _frozen(value: Any) -> _Kept | tuple[tuple[str, Any], ...] | None:
    """``value`` as something that can be handed out again and again: a string or number as
    it is, a dict of those as a tuple of its items (a new dict each time); None for anything
    else (a list of flashed messages, say, which Flask changes in place): not kept."""
    if isinstance(value, _SCALARS):
        return _Kept(value)
    if isinstance(value, dict) and all(isinstance(v, _SCALARS) for v in value.values()):
        return tuple(value.items())
    return None


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookies, with the signing serializer made once per key.

    Why: Flask makes a new serializer for every request (and every save is a request); it
    keeps no state but the keys, so one per key is enough. A new key (or fallback keys) makes
    a new one, and cookies signed with a key no longer listed stop working as before.
    """

    def __init__(self) -> None:
        self._made: tuple[Any, Verified] | None = None

    def _verified(self, app: Flask) -> Verified | None:
        if not app.secret_key:
            return None
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        made = self._made
        if made is None or made[0] != keys:
            made = self._made = (keys, Verified(super().get_signing_serializer(app)))
        return made[1]

    def get_signing_serializer(self, app: Flask) -> Any:
        verified = self._verified(app)
        return None if verified is None else verified.serializer

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """Flask's ``open_session``, with a cookie verified before taken as it was then."""
        verified = self._verified(app)
        if verified is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            return self.session_class(verified.loads(cookie, max_age))
        except BadSignature:
            return self.session_class()

    def save_session(self, app: Flask, session: Any, response: Response) -> None:
        """Flask's ``save_session``, which reads the cookie settings first even when the
        session is only read (every save): then it only adds ``Vary: Cookie``."""
        if session and not session.modified and not self.should_set_cookie(app, session):
            if session.accessed:
                response.vary.add("Cookie")
            return
        super().save_session(app, session, response)


class CsrfProtect(CSRFProtect):
    """Flask-WTF's CSRF protection with the token's serializer made once per key, and a token
    verified before taken as it was then (:class:`Verified`).

    Why: Flask-WTF makes a new serializer and verifies the token's signature anew for every
    form post, and every score saved is one. The checks are Flask-WTF's: the token from the
    form field or the header, signed with the key and salt Flask-WTF uses, within
    ``WTF_CSRF_TIME_LIMIT``, equal to the session's; over https the referrer of this host.
    """

    SALT = "wtf-csrf-token"  # Flask-WTF's: its generate_csrf signs the tokens pages show

    def __init__(self) -> None:
        super().__init__()
        self._made: tuple[Any, Verified] | None = None

    def _verified(self) -> Verified:
        key = current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
        if not key:
            raise RuntimeError("A secret key is required to use CSRF.")
        made = self._made
        if made is None or made[0] != key:
            made = self._made = (key, Verified(URLSafeTimedSerializer(key, salt=self.SALT)))
        return made[1]

    def validate(self, data: str | None) -> None:
        """Flask-WTF's ``validate_csrf`` (the same reasons in :class:`ValidationError`)."""
        config = current_app.config
        field = config["WTF_CSRF_FIELD_NAME"]
        if not data:
            raise ValidationError("The CSRF token is missing.")
        if field not in session:
            raise ValidationError("The CSRF session token is missing.")
        try:
            token = self._verified().loads(data, config["WTF_CSRF_TIME_LIMIT"])
        except SignatureExpired as e:
            raise ValidationError("The CSRF token has expired.") from e
        except BadData as e:
            raise ValidationError("The CSRF token is invalid.") from e
        if not isinstance(token, str) or not hmac.compare_digest(session[field], token):
            raise ValidationError("The CSRF tokens do not match.")

    def protect(self, apply_exemptions: bool = False) -> None:
        if apply_exemptions and (not request.endpoint or self._is_exempt()):
            return
        if request.method not in current_app.config["WTF_CSRF_METHODS"]:
            return
        try:
            self.validate(self._get_csrf_token())
        except ValidationError as e:
            logger.info(e.args[0])
            self._error_response(e.args[0])
        if request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]:
            if not request.referrer:
                self._error_response("The referrer header is missing.")
            if not same_origin(request.referrer, f"https://{request.host}/"):
                self._error_response("The referrer does not match the host.")
        g.csrf_valid = True  # as Flask-WTF marks a request whose token was checked


def init_app(app: Flask) -> None:
    app.session_interface = SessionCookies()
    app.after_request(_add_headers)
