"""HTML and script in every text a person can type or a project file can hold — the project's
and organisation's names, people's names, a vendor's name, product and comments, a requirement's
title, a scenario's title, notes, consensus and permit reasons, a declared interest — shown
back on every page, to every role, before and after the reveal, and in the comparison report:
never as markup. Each page is parsed (not searched for strings), so a payload escaped into
text passes and one that became a tag or an attribute fails."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from crmselect.evaluationdb import settings

#: Payloads for text, for a double-quoted attribute and for a single-quoted one.
EVIL = "<script>alert(1)</script>"
QUOTE = '"><img src=x onerror=alert(2)>'
APOS = "' onfocus='alert(3)' zz='"
ALL = f"{EVIL} {QUOTE} {APOS}"


class Markup(HTMLParser):
    """Every tag of a page with its attributes; what a payload would add if it became markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and not dict(attrs).get("src", "").startswith("/static/"):
            self.found.append(f"<script> {attrs}")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append(f"<img> {attrs}")
        self.found += [f"<{tag} {name}=…>" for name in names
                       if name.startswith("on") or name == "zz"]


def markup_from_payloads(page: str) -> list[str]:
    parser = Markup()
    parser.feed(page)
    parser.close()
    return parser.found


@pytest.fixture
def hostile_project(web_project: Path) -> Path:
    """The web test project with a payload in every free text it has."""
    path = web_project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] = f"Selection {ALL}"
    data["organisation"]["name"] = f"Org {ALL}"
    for person in data["evaluators"]:
        person["name"] = f"{person['name']} {ALL}"
    data["custom_requirements"][0]["title"] = {"en": f"Dealers {ALL}", "tr": f"Bayiler {ALL}"}
    data["vendors"].append("evil")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (web_project / "vendors").mkdir()
    (web_project / "vendors" / "evil.yaml").write_text(yaml.safe_dump({
        "id": "evil", "name": f"Evil {EVIL}", "product": f"Suite {ALL}",
        "deployment": ["cloud"], "licence": {"model": "subscription"}, "source": ALL,
        "as_of": "2026-11-01",
        "responses": {"INT-FIN-001": {"compliance": "native", "comment": ALL}},
    }, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scenarios = web_project / "scenarios" / "web.yaml"
    text = scenarios.read_text(encoding="utf-8")
    scenarios.write_text(text.replace("title: Warranty service request",
                                      f"title: {json.dumps(ALL)}"),
                         encoding="utf-8")
    return web_project


#: Pages by who reads them (``{v}``: each vendor). After the reveal everyone reads the results.
PAGES = {
    "ayse": ["/vendors", "/vendors/{v}", "/testdrive/{v}", "/testdrive/{v}/SCN-DEALER",
             "/testdrive/{v}/SCN-WARRANTY", "/results/", "/login"],
    "mehmet": ["/vendors/{v}", "/declaration", "/results/"],
    "omer": ["/", "/facilitator/", "/results/"],
    "selin": ["/facilitator/", "/facilitator/consensus", "/facilitator/audit", "/results/",
              "/status", "/setup/", "/setup/organisation", "/setup/budget",
              "/setup/requirements", "/setup/weights", "/setup/people", "/setup/vendors",
              "/setup/scenarios", "/workshop/decisions"],
}


def test_no_typed_text_becomes_markup_on_any_page(hostile_project: Path, app_factory) -> None:
    path = hostile_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "evaluation: {conflict_of_interest: "
                    "true}\n", encoding="utf-8")
    app = app_factory(hostile_project, SETUP=True)
    client = {who: app.test_client().as_user(who) for who in PAGES}
    for who in ("ayse", "mehmet"):
        assert client[who].post("/declaration", data={
            "choice": "declared", "confirm": "yes", "interests": f"My cousin {ALL}",
            "vendor": "suitecrm"}).status_code == 302
    for vendor, (ayse, mehmet) in {"odoo": (1, 5), "evil": (5, 1)}.items():
        assert client["ayse"].save_score(vendor, "INT-FIN-001", ayse, f"A {ALL}").status_code \
            == 200
        assert client["mehmet"].save_score(vendor, "INT-FIN-001", mehmet,
                                           f"M {ALL}").status_code == 200
    assert client["ayse"].save_score("evil", "CUS-SFA-001", 3, ALL).status_code == 200
    # Refused forms show what was typed: as text.
    refused = client["ayse"].save_score("odoo", "CUS-SFA-001", 5, "", json=False)
    assert refused.status_code == 422
    assert markup_from_payloads(refused.text) == []
    too_long = client["ayse"].save_score("odoo", "CUS-SFA-001", 0, ALL * 200, json=False)
    assert too_long.status_code == 400  # over 10,000 characters: shown back on the error page
    assert markup_from_payloads(too_long.text) == []

    def visit_all(after: str) -> None:
        for who, pages in PAGES.items():
            for page in pages:
                for vendor in (["odoo", "evil"] if "{v}" in page else [None]):
                    url = page.format(v=vendor)
                    response = client[who].get(url)
                    assert response.status_code in (200, 302, 403), (who, url, after)
                    if response.status_code == 200:
                        assert markup_from_payloads(response.text) == [], (who, url, after)

    visit_all("before the reveal")
    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "selin")
    consensus = client["selin"].post("/facilitator/consensus", data={
        "vendor": "odoo", "target": "INT-FIN-001", "score": "3", "reason": f"R {ALL}",
        "version": "0"})
    assert consensus.status_code in (200, 302), consensus.text[:500]
    permit = client["selin"].post("/facilitator/permit", data={
        "kind": "reopen", "evaluator": "ayse", "vendor": "evil", "reason": f"P {ALL}"},
        follow_redirects=True)
    assert permit.status_code == 200 and markup_from_payloads(permit.text) == []
    visit_all("after the reveal")
    report = client["selin"].get("/results/report.html")
    assert report.status_code == 200
    assert markup_from_payloads(report.text) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report.text  # the names are there


def test_the_check_finds_markup() -> None:
    """The parser check is not vacuous: a payload left unescaped is found."""
    assert markup_from_payloads(f"<p>{EVIL}</p>")
    assert markup_from_payloads(f'<p title="{QUOTE}">')
    assert markup_from_payloads(f"<input value='{APOS}'>")
    assert markup_from_payloads('<script src="/static/js/app.js"></script>') == []
