"""The web form's commands: ``crmselect invite`` and ``crmselect serve``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env={"CRMSELECT_LANG": "en"}).invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_invite_prints_one_working_link_per_person(web_project: Path, app_factory) -> None:
    code, out, err = run("invite", str(web_project), "--base-url", "https://eval.example.com/")
    assert code == 0, err
    links = re.findall(r"^  (https://eval\.example\.com/invite/[A-Za-z0-9_-]{43})$", out, re.M)
    assert len(links) == 4
    assert "Selin Aydın (facilitator) <selin@deniz.example>" in out
    assert "Ömer Şahin (observer)\n" in out
    assert re.fullmatch(r"4 invitation links; each works once and expires on "
                        r"\d{4}-\d\d-\d\d \d\d:\d\d UTC\. Send each person only their own "
                        r"link\.\n", err)
    app = app_factory(web_project)
    client = app.test_client()
    for link in links:
        assert client.get(link.removeprefix("https://eval.example.com")).status_code == 200


def test_invite_one_person_as_json(web_project: Path) -> None:
    code, out, _ = run("invite", str(web_project), "--evaluator", "mehmet", "--days", "3",
                       "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["id"], r["name"], r["role"]) for r in rows] == [
        ("mehmet", "Mehmet Kaya", "evaluator")]
    assert rows[0]["url"].startswith("http://127.0.0.1:8000/invite/")


def test_invite_refuses_an_unknown_person(web_project: Path) -> None:
    code, out, err = run("invite", str(web_project), "--evaluator", "ayes",
                         "--evaluator", "mehmet")
    assert code == 1 and out == ""
    assert err == (f"{web_project / 'project.yaml'}: evaluators: no evaluator 'ayes' in "
                   "project.yaml (did you mean ayse?)\n")
    assert not (web_project / "evaluation.db").exists()


@pytest.mark.parametrize("url", ["notaurl", "ftp://eval.example.com", "https://", "http://:80"])
def test_invite_refuses_a_base_url_that_is_no_web_address(web_project: Path, url: str) -> None:
    """The links would start with it: "notaurl/invite/…" reaches nobody. A usage error (2),
    nothing stored."""
    code, out, err = run("invite", str(web_project), "--base-url", url)
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"'{url}' is not a web address: give one that starts with http:// or https://" in err
    assert not (web_project / "evaluation.db").exists()


def test_invite_needs_evaluators(web_project: Path) -> None:
    path = web_project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("evaluators:")], encoding="utf-8")
    code, _, err = run("invite", str(web_project))
    assert code == 1
    assert err == (f"{path}: evaluators: project.yaml lists no evaluators to invite\n")


def test_invite_in_turkish(web_project: Path) -> None:
    # the project says language: en, which outranks CRMSELECT_LANG; --lang outranks both
    result = CliRunner(env={"CRMSELECT_LANG": "tr"}).invoke(main, ["invite", str(web_project),
                                                                   "--lang", "tr"])
    assert result.exit_code == 0
    assert "4 davet bağlantısı; her biri bir kez kullanılabilir" in result.stderr
    # the expiry in Turkish: 15.01.2027 14.30 UTC (TDK: a full stop between hour and minute)
    assert re.search(r"\d\d\.\d\d\.\d{4} \d\d\.\d\d UTC", result.stderr), result.stderr
    assert "(değerlendirici)" in result.stdout and "(evaluator)" not in result.stdout


def test_serve_help_has_examples_and_a_loopback_default() -> None:
    code, out, _ = run("serve", "--help")
    assert code == 0
    assert "crmselect serve acme" in out
    assert "[default: 127.0.0.1]" in out
    assert re.search(r"\[default:\s+8000;", out)


def test_serve_starts_waitress_on_loopback(web_project: Path, fake_waitress: dict) -> None:
    code, _, err = run("serve", str(web_project))
    assert code == 0
    assert fake_waitress["host"] == "127.0.0.1" and fake_waitress["port"] == 8000
    assert fake_waitress["ran"]
    db = (web_project / "evaluation.db").resolve()
    assert err == (f"Serving 'Web form test project' at http://127.0.0.1:8124/ (evaluation "
                   f"database: sqlite:///{db}). Press Ctrl+C to stop.\n")
    assert db.exists()


def test_serve_warns_when_not_on_loopback_without_https(web_project: Path,
                                                       fake_waitress: dict) -> None:
    code, _, err = run("serve", str(web_project), "--host", "0.0.0.0")
    assert code == 0
    assert err.startswith("Warning: listening on 0.0.0.0 without --behind-https")
    code, _, err = run("serve", str(web_project), "--host", "0.0.0.0", "--behind-https")
    assert "Warning" not in err
    assert fake_waitress["app"].config["SESSION_COOKIE_SECURE"] is True


def test_serve_hides_the_database_password(web_project: Path, fake_waitress: dict,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import crmselect.webapp

    seen = {}
    real = crmselect.webapp.create_app

    def create_app(project_dir, db_url=None, test_config=None):  # noqa: ANN001, ANN202
        seen["url"] = db_url
        return real(project_dir, None, test_config)

    monkeypatch.setattr(crmselect.webapp, "create_app", create_app)
    url = "postgresql+psycopg://crm:s3cret@db.internal/acme"
    code, _, err = run("serve", str(web_project), "--db", url)
    assert code == 0 and seen["url"] == url
    assert "postgresql+psycopg://crm:***@db.internal/acme" in err and "s3cret" not in err


def test_serve_reports_a_broken_project(web_project: Path) -> None:
    (web_project / "project.yaml").write_text("name: x\norganisation: {}\n", encoding="utf-8")
    code, _, err = run("serve", str(web_project))
    assert code == 1
    assert "project.yaml:2:15: organisation.name: is required but missing" in err
