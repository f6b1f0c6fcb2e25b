"""Turkish plurals on web pages (issue 12): the web catalog and the shared crmselect catalog are
merged into one, so they must declare one plural rule and give every plural entry all its forms;
otherwise a count other than 1 falls back to the English text ("Odoo: 3 requirements")."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask, render_template_string

from crmselect.i18n import LOCALE_DIR
from crmselect.resources import bundled_dir

WEB_PO = bundled_dir("web") / "translations" / "tr" / "LC_MESSAGES" / "messages.po"
CORE_PO = LOCALE_DIR / "tr" / "LC_MESSAGES" / "crmselect.po"


def _catalog(path: Path):
    with open(path, "rb") as f:
        return read_po(f)


def _plural_entries(path: Path):
    return [m for m in _catalog(path) if m.id and m.pluralizable]


def test_both_catalogs_declare_one_plural_rule_and_every_plural_entry_has_all_forms() -> None:
    web, core = _catalog(WEB_PO), _catalog(CORE_PO)
    assert web.plural_forms == core.plural_forms == "nplurals=2; plural=(n != 1);"
    for path in (WEB_PO, CORE_PO):
        entries = _plural_entries(path)
        assert entries, path
        for entry in entries:
            forms = list(entry.string)
            assert len(forms) == 2 and all(forms), f"{path.name}: {entry.id[0]!r} lacks a form"


def _set_turkish(app: Flask) -> None:
    app.extensions["babel"].locale_selector = lambda: "tr"


@pytest.mark.parametrize("count", [1, 3])
def test_every_web_plural_reads_turkish_for_any_count(app: Flask, count: int) -> None:
    """Each plural text of the web catalog, rendered on a Turkish page, is the Turkish text."""
    _set_turkish(app)
    for entry in _plural_entries(WEB_PO):
        singular, plural = entry.id
        with app.test_request_context():
            shown = render_template_string("{{ ngettext(s, p, n) }}", s=singular, p=plural,
                                           n=count)
        assert shown == entry.string[0 if count == 1 else 1] % {"num": count}
        assert shown != plural % {"num": count}, shown


def test_turkish_results_page_with_several_unverified_claims_shows_no_english(
        app: Flask) -> None:
    """The results page's list of unverified claims: "Odoo: 3 gereksinim", never
    "Odoo: 3 requirements"."""
    _set_turkish(app)
    with app.test_request_context():
        page = render_template_string(
            "{% for vendor, n in claims.items() %}<li>{{ vendor }}: "
            "{{ ngettext('%(num)d requirement', '%(num)d requirements', n) }}</li>{% endfor %}"
            "{{ ngettext('%(num)d scorer', '%(num)d scorers', 4) }} "
            "{{ ngettext('%(num)d disagreement to discuss in the consensus meeting', "
            "'%(num)d disagreements to discuss in the consensus meeting', 2) }}",
            claims={"Odoo": 3, "Northwind": 1})
    assert "Odoo: 3 gereksinim" in page and "Northwind: 1 gereksinim" in page
    assert "4 değerlendirici" in page and "2 görüş ayrılığı" in page
    for english in ("requirement", "scorer", "disagreement"):
        assert english not in page


def test_the_turkish_results_page_counts_claims_in_turkish(make_client) -> None:
    """The real results page of the test project: Odoo has 3 native claims nobody saw live."""
    for person in ("ayse", "mehmet"):
        make_client(person).save_score("odoo", "INT-FIN-001", 3)
    page = make_client("selin", lang="tr").get("/results/").text
    assert "<li>Odoo: 3 gereksinim</li>" in page
    assert "requirements</li>" not in page
