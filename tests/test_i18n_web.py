"""The web app shares the crmselect gettext catalog (issue 12.2) and shows core messages in the
person's language, not the server's (issue 12)."""

from __future__ import annotations

from flask import Flask
from flask_babel import pgettext

from crmselect.errors import msg


def test_web_uses_the_shared_catalog_and_renders_core_messages_per_request(
        app: Flask, monkeypatch) -> None:
    from crmselect.webapp import i18n

    monkeypatch.setenv("CRMSELECT_LANG", "en")  # the server's language must not leak
    with app.test_request_context(headers={"Accept-Language": "tr"}):
        monkeypatch.setattr(i18n, "select_language", lambda: "tr")
        app.extensions["babel"].locale_selector = lambda: "tr"
        assert pgettext("criterion_functional", "functional fit") == "fonksiyonel uyum"
        message = msg("project_no_vendor", id="odooo")
        assert i18n.core_text(message) == "'odooo' tedarikçisi bulunamadı"
        assert "no such" not in i18n.core_text(message)
