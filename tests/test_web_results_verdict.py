"""The results page says the verdict ``crmselect score`` says (crmselect.scoring.verdict): a
clear winner, a tie, a lead too close to call, a lead the open disagreements could undo, a
first vendor nobody scored, nobody passing the knock-outs; with the same facts (leader,
runner-up, lead or swing), in English and Turkish. Only a named winner's row is highlighted.

The projects are the verdict tests' crafted ones (tests/verdictprojects.py); their scores go
into the evaluation database as ``crmselect scores push`` puts them there."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from verdictprojects import IDS, PRICING, answers, crafted_project, score

from crmselect.cli import main
from crmselect.evaluationdb.scoresfile import load_scores
from crmselect.project import load_project
from crmselect.scoresreader import read_source

#: The crafted projects' people, with a facilitator who does not score (sees results at once).
PEOPLE = [{"id": "ali", "name": "Ali Veli", "department": "it"},
          {"id": "oya", "name": "Oya Tan", "department": "sales"},
          {"id": "sel", "name": "Selin Aydın", "role": "facilitator"}]
THREE = ("odoo", "suitecrm", "espocrm")


def _winner(root: Path) -> Path:
    return crafted_project(root, {"odoo": answers("native"),
                                  "suitecrm": answers("configurable")}, evaluators=PEOPLE)


def _tie(root: Path) -> Path:
    return crafted_project(root, {"odoo": answers("native"), "suitecrm": answers("native")},
                           evaluators=PEOPLE)


def _too_close(root: Path) -> Path:
    """Odoo 91.2505, SuiteCRM 91.25 (test_verdict_close_calls' hair's breadth), no samples."""
    return crafted_project(root, {
        "odoo": answers("native"),
        "suitecrm": {**answers("native"), "OPS-SFA-001": {"compliance": "configurable"}}},
        pricing={"odoo": {**PRICING, "implementation": 279992}}, evaluators=PEOPLE)


def _within_disagreements(root: Path) -> Path:
    """Odoo leads by 2.5 points; Ali's 5 against Oya's 1 on NFR-SEC-001 are worth 5."""
    scores = [score("ali", "odoo", "NFR-SEC-001", 5), score("oya", "odoo", "NFR-SEC-001", 1),
              score("ali", "suitecrm", "NFR-SEC-001", 2),
              score("oya", "suitecrm", "NFR-SEC-001", 2)]
    return crafted_project(root, {"odoo": answers("native"), "suitecrm": answers("native")},
                           scores=scores, evaluators=PEOPLE)


def _unscored(root: Path) -> Path:
    """EspoCRM keeps its declared 4 while the others were scored 3: first, on its own word."""
    scores = [score(e, v, rid, 3) for e in ("ali", "oya") for v in ("odoo", "suitecrm")
              for rid in IDS]
    return crafted_project(root, {v: answers("configurable") for v in THREE}, scores=scores,
                           evaluators=PEOPLE)


def _none_pass(root: Path) -> Path:
    ids = ["OPS-SFA-001", "NFR-SEC-001"]  # INT-FIN-001 (a must) left blank by both
    return crafted_project(root, {"odoo": answers("native", ids),
                                  "suitecrm": answers("native", ids)}, evaluators=PEOPLE)


#: code → (project, English line, Turkish line, the vendor highlighted as the winner or None)
CASES = {
    "winner": (_winner, "Odoo ranks first with 100.0 out of 100.",
               "Odoo, 100 üzerinden 100,0 puanla ilk sırada.", "Odoo"),
    "tie": (_tie, "Odoo, SuiteCRM share first place with 100.0 out of 100: the scores do not "
                  "separate them.",
            "Odoo, SuiteCRM, 100 üzerinden 100,0 puanla birinciliği paylaşıyor: puanlar onları "
            "ayırmıyor.", None),
    "too_close": (_too_close, "Too close to call: Odoo (91.3 out of 100) leads SuiteCRM (91.3) "
                              "by less than 0.1 points. No winner is named on these scores: "
                              "break the tie first.",
                  "Kazanan belirlenemeyecek kadar yakın: Odoo (100 üzerinden 91,3), SuiteCRM "
                  "(91,3) karşısında 0,1'den az puan önde. Bu puanlarla kazanan ilan edilmiyor: "
                  "önce eşitliği bozun.", None),
    "lead_within_disagreements": (
        _within_disagreements,
        "No clear winner: Odoo (95.0 out of 100) leads SuiteCRM by less than the open "
        "evaluator disagreements are worth (5.0 points). Settle them in the consensus meeting "
        "first.",
        "Açık bir kazanan yok: Odoo (100 üzerinden 95,0), SuiteCRM karşısındaki farkı, "
        "çözülmemiş değerlendirici görüş ayrılıklarının etkisinden (5,0 puan) küçük. Önce "
        "bunları uzlaşı toplantısında çözün.", None),
    "unscored": (_unscored, "EspoCRM ranks first with 85.0 out of 100, but nobody scored it "
                            "while the others were scored: it is not recommended on its own "
                            "declarations. Score it before deciding.",
                 "EspoCRM, 100 üzerinden 85,0 puanla ilk sırada, ancak diğerleri puanlanırken "
                 "o hiç puanlanmadı: kendi beyanlarına dayanarak önerilmiyor. Karar vermeden "
                 "önce onu da puanlayın.", None),
    "no_winner": (_none_pass, "No vendor passes the knock-out criteria.",
                  "Hiçbir tedarikçi eleme kriterlerini geçemiyor.", None),
}

#: What ``crmselect score`` says of each case (the same facts as the page's line).
CLI_LINES = {
    "winner": "Winner: Odoo (100.0 points)",
    "tie": "Tie for first: Odoo, SuiteCRM (100.0 points)",
    "too_close": "Too close to call: Odoo (91.3 points) leads SuiteCRM (91.3 points) by less "
                 "than 0.1 points",
    "lead_within_disagreements": "No clear winner: Odoo (95.0 points) leads SuiteCRM by less "
                                 "than the open evaluator disagreements are worth (5.0 points)",
    "unscored": "First: EspoCRM (85.0 points), but nobody scored it while the others were "
                "scored: not recommended on its own declarations",
    "no_winner": "No vendor passes the knock-out.",
}


def results_app(root: Path, app_factory):  # noqa: ANN001, ANN201 - a Flask app
    """The web app over ``root``, with its scores.yaml pushed into the database."""
    app = app_factory(root)
    if (root / "scores.yaml").is_file():
        lp = load_project(root, scores=False)
        load_scores(app.extensions["crmselect"].db, lp,
                    read_source(root / "scores.yaml", lp, "en"))
        (root / "scores.yaml").unlink()  # the page's numbers come from the database alone
    return app


def results_page(app, lang: str) -> str:  # noqa: ANN001
    client = app.test_client()
    client.as_user("sel")
    assert client.post("/language", data={"lang": lang}).status_code == 302
    page = client.get("/results/")
    assert page.status_code == 200, page.text[:2000]
    return page.text


def verdict_line(page: str) -> tuple[str, str]:
    """(code, text) of the page's verdict paragraph."""
    found = re.search(r'<p class="lead verdict[^"]*" data-verdict="([a-z_]+)">(.*?)</p>', page,
                      re.S)
    assert found, page[:3000]
    return found.group(1), html.unescape(re.sub(r"\s+", " ", found.group(2)).strip())


def highlighted(page: str) -> list[str]:
    return re.findall(r'<tr class="winner">\s*<td class="rank">[^<]*</td>\s*<td><strong>'
                      r'([^<]+)</strong>', page)


@pytest.mark.parametrize("code", list(CASES))
def test_the_results_page_says_the_clis_verdict(code: str, tmp_path: Path,
                                                app_factory) -> None:
    make, english, turkish, winner = CASES[code]
    root = make(tmp_path / "p")
    cli = CliRunner().invoke(main, ["score", str(root), "--lang", "en"])
    assert cli.exit_code == 0, cli.output
    assert CLI_LINES[code] in cli.stdout.splitlines()
    app = results_app(root, app_factory)
    for lang, line in (("en", english), ("tr", turkish)):
        page = results_page(app, lang)
        assert verdict_line(page) == (code, line)
        assert highlighted(page) == ([winner] if winner else [])


def test_the_scores_in_the_database_decide_the_verdict(tmp_path: Path, app_factory) -> None:
    """The disagreement is open in the database; settled there by consensus (Oya's 1 agreed
    on), Odoo's lead goes and SuiteCRM is the winner, highlighted as such."""
    root = _within_disagreements(tmp_path / "p")
    app = results_app(root, app_factory)
    assert verdict_line(results_page(app, "en"))[0] == "lead_within_disagreements"
    from crmselect.evaluationdb import consensus, settings

    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "sel")
    with app.extensions["crmselect"].db.write() as s:
        consensus.record(s, actor="sel", vendor="odoo", target="NFR-SEC-001", score=1,
                         reason="agreed in the meeting", based_on=0)
    page = results_page(app, "en")
    assert verdict_line(page) == ("winner", "SuiteCRM ranks first with 92.5 out of 100.")
    assert highlighted(page) == ["SuiteCRM"]


@pytest.mark.parametrize("lang, lead", [("en", "15.0"), ("tr", "15,0")])
def test_a_visible_lead_that_loses_the_weight_samples_is_quoted(tmp_path: Path, app_factory,
                                                                lang: str, lead: str) -> None:
    """A close call from the simulations (the leader ranks first in fewer than half of them)
    has a lead the totals show: the page quotes it, in the page's language."""
    from crmselect.scoring.results import ScoringWarning
    from crmselect.webapp.context import project
    from crmselect.webapp.results import evaluation, results_context

    app = results_app(_winner(tmp_path / "p"), app_factory)
    with app.test_request_context("/results/", headers={"Accept-Language": lang}):
        ev = evaluation(project())
        lead_points = ev.ranking[0].total - ev.ranking[1].total
        ev.warnings.append(ScoringWarning("too_close_to_call", {
            "winner": "odoo", "runner_up": "suitecrm", "lead": lead_points, "p_first": 0.45}))
        ctx = results_context(project(), ev, sees_prices=True)
    assert ctx["verdict"]["code"] == "too_close" and ctx["verdict"]["lead"] == lead
    assert not any(r["winner"] for r in ctx["rows"])
