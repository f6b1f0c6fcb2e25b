"""A bad ``--lang`` value is told in the language the rest of the command line resolves to."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from crmselect.cli import main

NO_LOCALE = {"CRMSELECT_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}


def _turkish_project(tmp_path: Path) -> Path:
    (tmp_path / "project.yaml").write_text("name: Konya\nlanguage: tr\n", encoding="utf-8")
    return tmp_path


def test_a_turkish_project_hears_about_a_bad_lang_in_turkish(tmp_path: Path):
    folder = str(_turkish_project(tmp_path))
    for args in (["status", folder, "--lang", "xx"], ["status", folder, "--lang"],
                 ["--lang=xx", "validate", folder]):
        result = CliRunner(env=NO_LOCALE).invoke(main, args)
        assert result.exit_code == 2
        assert result.stderr.strip() == "Hata: --lang şu değerlerden birini alır: en, tr"


def test_crmselect_lang_tr_hears_it_in_turkish():
    result = CliRunner(env={**NO_LOCALE, "CRMSELECT_LANG": "tr"}).invoke(
        main, ["--lang", "xx", "status"])
    assert result.stderr.strip() == "Hata: --lang şu değerlerden birini alır: en, tr"


def test_an_english_locale_hears_english_and_nothing_known_hears_both():
    english = CliRunner(env={**NO_LOCALE, "LANG": "en_GB.UTF-8"}).invoke(main, ["--lang", "xx"])
    assert english.stderr.strip() == "Error: --lang takes one of: en, tr"
    both = CliRunner(env=NO_LOCALE).invoke(main, ["--lang", "xx"])
    assert both.exit_code == 2
    assert "--lang takes one of: en, tr" in both.stderr
    assert "--lang şu değerlerden birini alır: en, tr" in both.stderr
