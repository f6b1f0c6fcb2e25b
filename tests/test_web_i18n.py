"""English and Turkish: complete, current catalogs; the language chosen per person and kept;
numbers and dates formatted for the language."""

from __future__ import annotations

import datetime as dt
from datetime import UTC
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from sqlalchemy import select

from crmselect.evaluationdb.schema import Account, Score
from crmselect.resources import bundled_dir

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = bundled_dir("web") / "translations"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def catalog(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_compiled_catalogs_are_current(lang: str) -> None:
    """The committed .mo holds exactly the .po's translations (run ``pybabel compile``).

    Compared message by message, not byte by byte: the header names the Babel version that
    compiled it, which changes with every release."""
    def plain(x):
        return tuple(x) if isinstance(x, list | tuple) else x

    def texts(cat) -> dict:
        return {plain(m.id): plain(m.string) for m in cat if m.id and not m.fuzzy}

    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as f:
        committed = read_mo(f)
    assert texts(committed) == texts(catalog(lang)), (
        f"{lang}: run pybabel compile -d web/translations")


def _extracted() -> set[str | tuple[str, ...]]:
    found: set[str | tuple[str, ...]] = set()
    for folder, method in ((ROOT / "crmselect" / "webapp", "python"),
                           (ROOT / "web" / "templates", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _file, _line, message, _comments, _context in extract_from_dir(
            folder, method_map=[(pattern, method)], keywords=KEYWORDS,
        ):
            found.add(message)
    return found


def test_every_text_of_the_interface_is_translated_to_turkish() -> None:
    tr = catalog("tr")
    missing = []
    for message in _extracted():
        entry = tr.get(message if isinstance(message, str) else message[0])
        strings = [] if entry is None else (
            [entry.string] if isinstance(entry.string, str) else list(entry.string))
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(message)
    assert missing == [], "untranslated (update web/translations, see babel.cfg)"
    assert list(tr.check()) == []  # placeholders match the English text
    used = {m if isinstance(m, str) else m[0] for m in _extracted()}
    stale = [m.id for m in tr if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in used]
    assert stale == [], "no longer in the interface: remove from the .po and compile"


def test_turkish_uses_the_glossary_terms() -> None:
    tr = catalog("tr")
    assert tr.get("Vendor").string == "Tedarikçi"
    assert tr.get("Evaluator").string == "Değerlendirici"
    assert tr.get("Consensus").string == "Uzlaşı"
    assert tr.get("Facilitator").string == "Moderatör"
    assert tr.get("Knock-out").string == "Eleme kriteri"
    assert tr.get("Test drive").string == "Uygulamalı demo"
    assert tr.get("Acceptance criteria").string == "Kabul kriterleri"
    assert tr.get("Native").string == "Standart (hazır)"
    assert tr.get("On the roadmap").string == "Yol haritasında"


def test_language_comes_from_the_project_then_from_the_persons_choice(app, make_client
                                                                       ) -> None:
    mehmet = make_client("mehmet", lang=None)  # language: tr in project.yaml
    page = mehmet.get("/vendors").text
    assert '<html lang="tr"' in page
    assert "Puanlanacak tedarikçiler" in page and "Gereksinimleri puanla" in page
    ayse = make_client("ayse", lang=None)  # language: en
    assert "Vendors to score" in ayse.get("/vendors").text
    # Switching is stored with the account: a new session of the same person keeps it.
    assert ayse.post("/language", data={"lang": "tr", "next": "/vendors"}
                     ).headers["Location"] == "/vendors"
    with app.extensions["crmselect"].db.read() as s:
        assert s.get(Account, "ayse").language == "tr"
    later = make_client("ayse", lang=None)
    assert "Puanlanacak tedarikçiler" in later.get("/vendors").text


def test_catalog_texts_follow_the_interface_language(make_client) -> None:
    page = make_client("mehmet", lang=None).get("/vendors/odoo").text
    assert "Muhasebe sisteminden cari hesap, fatura ve bakiye bilgisi" in page
    assert "Muhasebe, ERP ve ödeme entegrasyonları" in page
    assert "Standart (hazır)" in page and "Kabul kriterleri" in page


def test_anonymous_visitors_get_the_browsers_language(client) -> None:
    page = client.get("/login", headers={"Accept-Language": "tr-TR,tr;q=0.9,en;q=0.5"}).text
    assert "Giriş yap" in page and '<html lang="tr"' in page
    assert "Sign in" in client.get("/login", headers={"Accept-Language": "de"}).text
    client.post("/language", data={"lang": "tr"})
    assert "Giriş yap" in client.get("/login", headers={"Accept-Language": "en"}).text


def test_form_errors_are_in_the_persons_language(make_client) -> None:
    response = make_client("mehmet", lang="tr").save_score("odoo", "INT-FIN-001", 5)
    assert response.get_json()["error"] == "5 puanı için nedenini açıklayan bir not yazılmalıdır."


def test_a_saves_time_is_sent_as_iso_8601_for_the_page_to_format(app, make_client) -> None:
    # The page's script shows it in the page's language (issue 10: a save formats no date).
    saved = {}
    for person, lang in (("ayse", "en"), ("mehmet", "tr")):
        body = make_client(person, lang=lang).save_score("odoo", "INT-FIN-001", 3).get_json()
        saved[person] = body["saved_at"]
    with app.extensions["crmselect"].db.read() as s:
        for row in s.scalars(select(Score)):
            at = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=UTC)
            assert dt.datetime.fromisoformat(saved[row.evaluator_id]) == at.replace(microsecond=0)


def test_numbers_are_formatted_for_the_language(make_client) -> None:
    for person in ("ayse", "mehmet"):
        make_client(person).save_score("odoo", "INT-FIN-001", 3)
    english = make_client("selin", lang="en").get("/results/").text
    turkish = make_client("selin", lang="tr").get("/results/").text
    # The integration score of Odoo with two decimals, and the verified share as a percentage.
    assert "4.00" in english and "4,00" in turkish
    assert "%" in turkish and "Doğrulanan" in turkish
    assert "Sıralama" in turkish and "Ranking" in english


def test_switching_language_on_a_refused_form_goes_back_to_its_page(make_client) -> None:
    """A page shown in answer to a post (here a score refused without JavaScript) has the
    post's address; switching the language there must not end on 'not allowed' (405)."""
    ayse = make_client("ayse")
    refused = ayse.post("/vendors/odoo/score", data={"target": "INT-FIN-001", "score": "5"},
                        headers={"Referer": "http://localhost/vendors/odoo"})
    assert refused.status_code == 422
    assert 'name="next" value="/vendors/odoo"' in refused.text
    back = ayse.post("/language", data={"lang": "tr", "next": "/vendors/odoo"})
    assert back.headers["Location"] == "/vendors/odoo"
    # A next that is no page (a post-only address, an unknown one) leads to the start page.
    for target in ("/vendors/odoo/score", "/facilitator/reveal", "/no/such/page"):
        assert ayse.post("/language", data={"lang": "en", "next": target}
                         ).headers["Location"] == "/", target
    assert ayse.get("/").status_code == 302


def test_departments_are_named_in_the_interface_language(make_client) -> None:
    turkish = make_client("selin", lang="tr").get("/facilitator/").text
    assert "Değerlendirici · Satış" in turkish and "Bilgi teknolojileri (BT)" in turkish
    english = make_client("selin", lang="en").get("/facilitator/").text
    assert "Evaluator · Sales" in english and "Evaluator · IT" in english


def test_audit_values_are_numbers_of_the_language(make_client) -> None:
    make_client("ayse").save_score("odoo", "INT-FIN-001", 4, "after the demo")
    turkish = make_client("selin", lang="tr").get("/facilitator/audit").text
    assert '<span class="k">puan</span> 4</span>' in turkish
    # (not "4.0" anywhere on the page: the audit's time 14.07.41 holds it from 14:00 to 14:09)
    assert '</span> 4.0' not in turkish and '</span> 4,0' not in turkish



def test_every_audit_action_has_a_label_in_both_languages(app) -> None:
    """The audit page names each action in words (no raw ``setup_organisation``)."""
    import re

    from flask_babel import force_locale

    from crmselect.webapp.labels import LABELS

    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in Path("crmselect").rglob("*.py"))
    sections = set(re.findall(r'commit\(\s*"[a-z_]+",\s*\w+,\s*"([a-z_]+)"', source))
    actions = set(re.findall(r'action="([a-z_]+)"', source)) | {
        f"setup_{s}" for s in sections} | {"permit_reopen", "permit_interest"}
    assert sections and actions <= set(LABELS["action"]), actions - set(LABELS["action"])
    with app.test_request_context(), force_locale("tr"):
        turkish = {a: str(LABELS["action"][a]) for a in actions}
    with app.test_request_context(), force_locale("en"):
        assert all(text != str(LABELS["action"][a]) for a, text in turkish.items()), turkish


def test_the_language_chosen_on_the_sign_in_page_is_kept_after_signing_in(app,
                                                                          client) -> None:
    """Ayşe (English in project.yaml) picks Türkçe on the sign-in page: signing in kept the
    person's English and the page she chose switched back. Now the choice is kept for her
    account, as a switch in the header is; the language a person signing out leaves behind
    is not given to the next one who signs in there."""
    assert client.post("/language", data={"lang": "tr", "next": "/login"}).status_code == 302
    client.sign_in("ayse")
    assert '<html lang="tr"' in client.get("/vendors").text
    with app.extensions["crmselect"].db.read() as s:
        assert s.get(Account, "ayse").language == "tr"
    client.post("/logout")
    assert '<html lang="tr"' in client.get("/login").text  # the page stays in her language
    client.sign_in("omer")  # English in project.yaml, chose nothing
    assert '<html lang="en"' in client.get("/").text
    with app.extensions["crmselect"].db.read() as s:
        assert s.get(Account, "omer").language is None


@pytest.mark.parametrize("lang, said", [
    ("en", ["Per user per month (Standard)", "Per user per month (Light)"]),
    ("tr", ["Kullanıcı başına aylık (Standart)", "Kullanıcı başına aylık (Kısıtlı)"]),
])
def test_the_price_summary_names_licence_types_in_the_page_language(make_client, web_project,
                                                                   lang: str,
                                                                   said: list[str]) -> None:
    """A price list with "standard" and "light" users: the scoring page wrote the file's
    keys ("(standard)") on the Turkish page too."""
    response = web_project / "responses" / "odoo.yaml"
    response.write_text(response.read_text(encoding="utf-8").replace(
        "per_user_month: {standard: 31}", "per_user_month: {standard: 31, light: 12}"),
        encoding="utf-8")
    page = make_client("ayse", lang=lang).get("/vendors/odoo").text
    for text in said:
        assert text in page
    assert "(standard)" not in page and "(light)" not in page
