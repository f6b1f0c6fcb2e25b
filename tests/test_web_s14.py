"""The web form under hostile users and concurrent evaluators (session s14): defects found by
using it as a facilitator and evaluators would, and as an attacker would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect.cli import main
from crmselect.personid import person_id
from crmselect.project import load_project


@pytest.mark.parametrize("name, expected", [
    ("Selin Aydın", "selin"), ("İpek Çağlar", "ipek"), ("Şule Öztürk", "sule"),
    ("  Ümran Güneş ", "umran"), ("O'Neil Ayşe", "oneil"), ("3M Ali", "ali"), ("李明", ""),
])
def test_a_person_id_is_made_from_the_name(name: str, expected: str) -> None:
    assert person_id(name) == expected


@pytest.mark.parametrize("args, lang, login", [
    (["--facilitator", "Şule Öztürk"], "en", "sule"),
    ([], "en", "facilitator"),
    ([], "tr", "moderator"),
    (["--facilitator", "李明"], "en", "facilitator"),
])
def test_a_new_projects_facilitator_signs_in_with_an_id_from_her_name(
        tmp_path: Path, fake_waitress: dict, args: list[str], lang: str, login: str) -> None:
    """``crmselect setup`` made every facilitator ``facilitator``, whatever her name: the user
    name her invitation gave her and she signs in with."""
    folder = tmp_path / "acme"
    result = CliRunner(env={"CRMSELECT_LANG": lang}).invoke(
        main, ["setup", str(folder), "--lang", lang, *args])
    assert result.exit_code == 0, result.stderr
    (person,) = load_project(folder).project.evaluators
    assert (person.id, person.role) == (login, "facilitator")
    link = re.search(r"http://127\.0\.0\.1:8124(/invite/\S+)", result.stderr).group(1)
    page = fake_waitress["app"].test_client().get(link)
    assert page.status_code == 200
    said = "Your user name is" if lang == "en" else "Kullanıcı adınız:"
    assert f"{said} {login}." in page.text


def test_an_invitation_speaks_the_projects_language_to_a_person_without_one(
        tmp_path: Path, fake_waitress: dict) -> None:
    """A Turkish project's facilitator (no ``language`` of her own) read her invitation in her
    browser's English, and the pages after it in Turkish."""
    folder = tmp_path / "acme"
    result = CliRunner(env={"CRMSELECT_LANG": "tr"}).invoke(
        main, ["setup", str(folder), "--lang", "tr", "--facilitator", "Şule Öztürk"])
    assert result.exit_code == 0, result.stderr
    link = re.search(r"http://127\.0\.0\.1:8124(/invite/\S+)", result.stderr).group(1)
    client = fake_waitress["app"].test_client()
    page = client.get(link, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert page.status_code == 200
    assert "Kullanıcı adınız: sule." in page.text and '<html lang="tr"' in page.text


SHE = {"evaluators[0].id": "selin", "evaluators[0].name": "Selin Aydın",
       "evaluators[0].role": "facilitator"}


@pytest.mark.parametrize("change, field", [
    ({"evaluators[0].id": "sule"}, "evaluators[0].id"),  # her id renamed
    ({"evaluators[0].role": "evaluator"}, "evaluators[0].role"),  # another one facilitates
    ({"evaluators[0].id": "", "evaluators[0].name": ""}, "evaluators[0].id"),  # row cleared
])
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_evaluators_page_never_locks_out_the_facilitator_saving_it(
        setup_app, new_project: Path, lang: str, change: dict, field: str) -> None:
    """Saved without her id as a facilitator, the next page signed her out for good (no
    account has the new id's password); now refused, at her row, nothing written."""
    from test_web_setup import post

    fac = setup_app.test_client()
    fac.as_user("selin")
    assert fac.post("/language", data={"lang": lang}).status_code == 302
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    other = {"evaluators[1].id": "ayse", "evaluators[1].name": "Ayşe Yılmaz",
             "evaluators[1].role": "facilitator"}
    response = post(fac, "/setup/people", {**SHE, **other, **change})
    assert response.status_code == 422
    said = ("You are signed in as selin" if lang == "en"
            else "selin olarak giriş yaptınız")
    assert said in response.text
    cell = response.text[response.text.index(f'name="{field}"') - 400:][:800]
    assert 'aria-invalid="true"' in cell or "has-error" in cell
    assert (new_project / "project.yaml").read_text(encoding="utf-8") == before
    assert fac.get("/setup/people").status_code == 200  # still signed in
    # Keeping her row as it is, the others change freely.
    assert post(fac, "/setup/people", {**SHE, **other}).status_code == 302


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_declaring_again_does_not_lift_a_declared_interest(make_client, web_project: Path,
                                                            lang: str) -> None:
    """An evaluator who declared an interest in Odoo declared again "no conflict" (or
    unticked Odoo) and scored Odoo: unmarked, and nobody allowed it."""
    from test_web_rules import add_evaluation, declare

    add_evaluation(web_project, "{conflict_of_interest: true}")
    ayse = make_client("ayse", lang=lang)
    assert declare(ayse, "odoo").status_code == 302
    page = ayse.get("/declaration").text  # the form starts from the declaration
    assert re.search(r'value="declared" checked', page)
    assert ">My cousin sells it</textarea>" in page
    said = "You declared an interest in Odoo" if lang == "en" else \
        "Odoo ile ilgili bir çıkar beyan ettiniz"
    for again in ({"choice": "none", "confirm": "yes"},
                  {"choice": "declared", "confirm": "yes", "interests": "Cousin",
                   "vendor": ["espocrm"]}):
        refused = ayse.post("/declaration", data=again)
        assert refused.status_code == 422 and said in refused.text
        assert ayse.save_score("odoo", "INT-FIN-001", 5, "great").status_code == 403
    # Adding a vendor is a declaration like the first.
    more = ayse.post("/declaration", data={"choice": "declared", "confirm": "yes",
                                           "interests": "Cousin", "vendor": ["odoo", "espocrm"]})
    assert more.status_code == 302
    assert ayse.save_score("espocrm", "INT-FIN-001", 5, "great").status_code == 403


def test_the_store_keeps_a_declared_vendor(app) -> None:
    from crmselect.evaluationdb import scores

    db = app.extensions["crmselect"].db
    with db.write() as s:
        scores.declare(s, evaluator="ayse", interests="Cousin", language="en",
                       vendors=["odoo"])
    with db.write() as s:
        scores.declare(s, evaluator="ayse", interests="", language="en", vendors=())
    with db.read() as s:
        assert scores.declared_vendors(scores.declaration(s, "ayse")) == {"odoo"}


@pytest.mark.parametrize("lang, said", [("en", "declared interest, not allowed"),
                                        ("tr", "beyan edilen çıkar, izin yok")])
def test_a_score_of_a_vendor_with_an_interest_nobody_allowed_is_marked(
        make_client, app, web_project: Path, lang: str, said: str) -> None:
    """Scored before the interest was declared, or allowed and the allowance withdrawn: the
    score counted unmarked, as if there were no interest."""
    import yaml
    from test_web_rules import add_evaluation, declare, reveal

    from crmselect.model import ScoresFile

    add_evaluation(web_project, "{conflict_of_interest: true}")
    ayse, mehmet = make_client("ayse"), make_client("mehmet")
    selin = make_client("selin", lang=lang)
    assert ayse.post("/declaration", data={"choice": "none", "confirm": "yes"}).status_code \
        == 302
    assert ayse.save_score("odoo", "INT-FIN-001", 5, "great").status_code == 200
    assert declare(ayse, "odoo").status_code == 302  # the interest, declared afterwards
    assert declare(mehmet, "espocrm").status_code == 302
    permit = {"kind": "interest", "evaluator": "mehmet", "vendor": "espocrm", "reason": "ok"}
    assert selin.post("/facilitator/permit", data=permit).status_code == 302
    assert mehmet.save_score("espocrm", "INT-FIN-001", 1, "bad").status_code == 200
    assert mehmet.save_score("odoo", "INT-FIN-001", 1, "bad").status_code == 200
    assert selin.post("/facilitator/permit", data={**permit, "action": "withdraw"}
                      ).status_code == 302
    reveal(app)
    text = selin.get("/export/scores.yaml").text
    flags = {(r["evaluator"], r["vendor"]): r.get("flags")
             for r in yaml.safe_load(text)["scores"]}
    assert flags == {("ayse", "odoo"): ["interest_declared"],
                     ("mehmet", "espocrm"): ["interest_declared"], ("mehmet", "odoo"): None}
    assert ScoresFile.model_validate(yaml.safe_load(text))  # read back as written
    consensus = selin.get("/facilitator/consensus").text
    item = consensus[consensus.index('id="c-odoo-INT-FIN-001"'):]
    assert said in item[:item.index("</table>")]
    assert said in selin.get("/results/").text
    assert f"[{said}]" in selin.get("/results/report.html").text  # the disagreements


@pytest.mark.parametrize("lang, before, after", [
    ("en", "nobody else sees them until the facilitator reveals",
     "The scores are revealed: everyone sees them in the results."),
    ("tr", "moderatör puanları açıklayana kadar başka kimse göremez",
     "Puanlar açıklandı: herkes onları sonuçlarda görüyor."),
])
def test_the_vendor_list_no_longer_promises_secrecy_after_the_reveal(
        make_client, app, lang: str, before: str, after: str) -> None:
    from test_web_rules import reveal

    ayse = make_client("ayse", lang=lang)
    page = ayse.get("/vendors").text
    assert before in page and after not in page
    reveal(app)
    page = ayse.get("/vendors").text
    assert after in page and before not in page


@pytest.mark.parametrize("lang, said", [
    ("en", "You cannot give yourself a permit"), ("tr", "Kendinize izin veremezsiniz")])
def test_a_facilitator_who_scores_cannot_give_herself_a_permit(
        web_project: Path, app_factory, lang: str, said: str) -> None:
    """She allowed her own declared interest, or reopened her own scores after seeing
    everyone's: a check that checks nothing. Another facilitator can."""
    from test_web_rules import SELIN, add_evaluation, declare, reveal

    path = web_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(SELIN, SELIN + "\n  - {id: kemal, "
                    "name: Kemal Öz, role: facilitator, language: en}"), encoding="utf-8")
    add_evaluation(web_project, "{conflict_of_interest: true, facilitator_scores: true}")
    app = app_factory(web_project)
    selin, kemal = app.test_client().as_user("selin"), app.test_client().as_user("kemal")
    assert selin.post("/language", data={"lang": lang}).status_code == 302
    assert declare(selin, "odoo").status_code == 302
    permit = {"kind": "interest", "evaluator": "selin", "vendor": "odoo", "reason": "mine"}
    refused = selin.post("/facilitator/permit", data=permit)
    assert refused.status_code == 403 and said in refused.text
    assert selin.save_score("odoo", "INT-FIN-001", 5, "great").status_code == 403
    assert 'name="reason"' not in selin.get("/facilitator/").text.split(
        'name="evaluator" value="selin"')[1].split("</form>")[0]
    assert kemal.post("/facilitator/permit", data=permit).status_code == 302
    assert selin.save_score("odoo", "INT-FIN-001", 5, "great").status_code == 200
    reveal(app)
    reopen = {"kind": "reopen", "evaluator": "selin", "vendor": "espocrm", "reason": "typo"}
    assert selin.post("/facilitator/permit", data=reopen).status_code == 403
    assert '<option value="selin"' not in selin.get("/facilitator/").text
    assert kemal.post("/facilitator/permit", data=reopen).status_code == 302


def _at_once(*calls):  # noqa: ANN001, ANN202 - callables → their answers' status codes
    """Run ``calls`` in threads released together; their status codes, in order."""
    import threading

    barrier = threading.Barrier(len(calls))
    codes: list[int] = [0] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        codes[i] = calls[i]().status_code

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def test_two_first_saves_of_one_score_at_once_never_both_succeed(app, make_client) -> None:
    """Two tabs that both show no score save it at the same moment: one is saved, the other
    refused as stale (409), as when they do not overlap. On PostgreSQL both were saved (the
    later replacing the earlier unseen, the audit log saying it replaced nothing)."""
    tab1, tab2 = make_client("ayse"), make_client("ayse")
    targets = ["INT-FIN-001", "INT-ECM-001", "INT-ECM-002", "CUS-SFA-001"]
    for vendor in ("odoo", "espocrm", "suitecrm"):
        for target in targets:
            codes = _at_once(
                lambda: tab1.save_score(vendor, target, 3, "tab one", stamp=""),  # noqa: B023
                lambda: tab2.save_score(vendor, target, 4, "tab two", stamp=""))  # noqa: B023
            assert sorted(codes) == [200, 409], (vendor, target, codes)
    for vendor in ("odoo", "espocrm", "suitecrm"):
        codes = _at_once(*(
            lambda tab=tab, shown=shown, vendor=vendor: tab.post(
                f"/testdrive/{vendor}/SCN-DEALER/mark", headers={"Accept": "application/json"},
                data={"requirement": "CUS-SFA-001", "shown": shown, "stamp": ""})
            for tab, shown in ((tab1, "live"), (tab2, "slides"))))
        assert sorted(codes) == [200, 409], (vendor, codes)


def test_an_evaluator_added_by_name_alone_gets_an_id_from_it(setup_app, new_project) -> None:
    """A row with a name and no id was refused for the missing id."""
    import yaml
    from test_web_setup import post

    fac = setup_app.test_client()
    fac.as_user("selin")
    rows = {**SHE,
            "evaluators[1].name": "Ayşe Yılmaz", "evaluators[1].role": "evaluator",
            "evaluators[2].name": "Ayşe Kaya", "evaluators[2].role": "evaluator",
            "evaluators[3].id": "ozan", "evaluators[3].name": "Ozan Er",
            "evaluators[4].name": "Ozan Şen", "evaluators[4].role": "observer"}
    assert post(fac, "/setup/people", rows).status_code == 302
    saved = yaml.safe_load((new_project / "project.yaml").read_text(encoding="utf-8"))
    assert [(p["id"], p["name"]) for p in saved["evaluators"]] == [
        ("selin", "Selin Aydın"), ("ayse", "Ayşe Yılmaz"), ("ayse2", "Ayşe Kaya"),
        ("ozan", "Ozan Er"), ("ozan2", "Ozan Şen")]
    assert 'value="ayse2"' in fac.get("/setup/people").text


@pytest.mark.parametrize("typed", ["İlker", "İLKER", "ılker", " ilker ", "İlker@Deniz.example"])
def test_a_user_name_typed_on_a_turkish_phone_signs_in(web_project: Path, app_factory,
                                                      typed: str) -> None:
    """A Turkish phone writes the first letter capital, ``i`` as ``İ``: "İlker" was not
    "ilker" ("The name or password is not right")."""
    from conftest_web import PASSWORD
    from test_web_rules import SELIN

    path = web_project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(SELIN, SELIN + "\n  - {id: ilker, "
                    "name: İlker Tan, email: ilker@deniz.example}"), encoding="utf-8")
    client = app_factory(web_project).test_client()
    page = client.get("/login").text
    assert 'autocapitalize="none"' in page  # and the phone is told not to
    answer = client.post("/login", data={"username": typed, "password": PASSWORD})
    assert answer.status_code == 302, answer.text[:300]


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_evaluators_page_keeps_the_id_of_someone_who_has_scores(
        setup_app, new_project: Path, lang: str) -> None:
    """A row renamed or cleared left that person's scores under an id the project no longer
    had, and the person could no longer sign in; now refused at the row, nothing written."""
    from test_web_setup import post

    from crmselect.evaluationdb import scores

    fac = setup_app.test_client()
    fac.as_user("selin")
    assert fac.post("/language", data={"lang": lang}).status_code == 302
    ayse = {"evaluators[1].id": "ayse", "evaluators[1].name": "Ayşe Yılmaz",
            "evaluators[1].role": "evaluator"}
    assert post(fac, "/setup/people", {**SHE, **ayse}).status_code == 302
    with setup_app.extensions["crmselect"].db.write() as s:
        scores.save_score(s, actor="ayse", evaluator="ayse", vendor="odoo",
                          target="OPS-SFA-001", score=3, note="")
    before = (new_project / "project.yaml").read_text(encoding="utf-8")
    said = ("ayse has scores in the evaluation database" if lang == "en"
            else "ayse için değerlendirme veritabanında puanlar var")
    for change in ({"evaluators[1].id": "ayse2"}, {k: "" for k in ayse}):
        response = post(fac, "/setup/people", {**SHE, **ayse, **change})
        assert response.status_code == 422 and said in response.text
        assert (new_project / "project.yaml").read_text(encoding="utf-8") == before
    # renaming someone without scores stays free
    other = {"evaluators[2].id": "can", "evaluators[2].name": "Can Er",
             "evaluators[2].role": "evaluator"}
    assert post(fac, "/setup/people", {**SHE, **ayse, **other}).status_code == 302
    assert post(fac, "/setup/people", {**SHE, **ayse, **other,
                                       "evaluators[2].id": "cem"}).status_code == 302
