"""``crmselect setup DIR`` and ``crmselect serve DIR --setup`` (issue 14): a new project from
an empty (or missing) folder, and a one-time link with which its facilitator signs in."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from crmselect.cli import main
from crmselect.project import load_project


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner(env={"CRMSELECT_LANG": lang}).invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr




def test_setup_creates_the_folder_and_prints_a_working_sign_in_link(
        tmp_path: Path, fake_waitress: dict) -> None:
    folder = tmp_path / "new" / "acme"
    code, _, err = run("setup", str(folder), "--facilitator", "Selin Aydın")
    assert code == 0, err
    loaded = load_project(folder)
    assert [(p.id, p.name, p.role) for p in loaded.project.evaluators] == [
        ("selin", "Selin Aydın", "facilitator")]
    assert (folder / "schemas" / "project.schema.json").exists()
    assert (folder / ".gitignore").exists()
    assert "http://127.0.0.1:8124/setup/" in err
    link = re.search(r"http://127\.0\.0\.1:8124(/invite/\S+)", err).group(1)
    app = fake_waitress["app"]
    assert app.config["SETUP"] is True
    client = app.test_client()
    page = client.get(link)
    assert page.status_code == 200 and "Selin Aydın" in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    done = client.post(link, data={"password": "plum tractor meadow",
                                   "confirm": "plum tractor meadow", "csrf_token": token})
    assert done.status_code == 302
    assert client.get("/setup/").status_code == 200


def test_setup_opens_an_existing_project_as_it_is(tmp_path: Path, fake_waitress: dict) -> None:
    folder = tmp_path / "acme"
    assert run("setup", str(folder))[0] == 0
    text = (folder / "project.yaml").read_text(encoding="utf-8") + "# mine\n"
    (folder / "project.yaml").write_text(text, encoding="utf-8")
    code, _, err = run("setup", str(folder))
    assert code == 0
    assert (folder / "project.yaml").read_text(encoding="utf-8") == text
    assert "Created" not in err


def test_setup_in_turkish(tmp_path: Path, fake_waitress: dict) -> None:
    folder = tmp_path / "acme"
    code, _, err = run("setup", str(folder), "--lang", "tr", lang="tr")
    assert code == 0
    assert "tek kullanımlık giriş bağlantısı" in err and "kurulum sayfaları" in err
    loaded = load_project(folder)
    assert loaded.project.language == "tr" and loaded.project.currency == "TRY"


def test_setup_refuses_a_file_in_place_of_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    target.write_text("x", encoding="utf-8")
    code, _, err = run("setup", str(target))
    assert code == 1
    assert "Traceback" not in err and str(target) in err


def test_serve_with_setup_offers_the_pages_and_no_link_to_a_facilitator_with_a_password(
        web_project: Path, fake_waitress: dict, app_factory) -> None:
    app_factory(web_project)  # everyone gets an account with a password
    code, _, err = run("serve", str(web_project), "--setup")
    assert code == 0
    assert "/setup/" in err and "/invite/" not in err
    code, _, err = run("serve", str(web_project))
    assert "/setup/" not in err
    assert fake_waitress["app"].config["SETUP"] is False


def test_setup_help_has_examples_in_both_languages() -> None:
    code, out, _ = run("setup", "--help")
    assert code == 0 and "crmselect setup acme" in out and "[default: 127.0.0.1]" in out
    code, out, _ = run("setup", "--help", "--lang", "tr", lang="tr")
    assert "Projeyi tarayıcıda kurar" in out and "Yeni projenin moderatörünün adı." in out
    assert not re.search(r"\b(the|and|of|with|Usage)\b", out), out
    _, out, _ = run("serve", "--help", "--lang", "tr", lang="tr")
    assert "Proje kurulum sayfalarını da (/setup)" in out
