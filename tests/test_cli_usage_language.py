"""The usage line of every command in the language of the run (crmselect/cli/language.py):
click writes ``[OPTIONS]`` and ``COMMAND [ARGS]...`` as constants, outside its catalog; and the
language of a project whose file is too big to load is still read from its head."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect.cli import main

NO_LOCALE = {"CRMSELECT_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}


@pytest.mark.parametrize("args, usage", [
    (["--help"], "Kullanım: crmselect [SEÇENEKLER] KOMUT [ARGÜMANLAR]..."),
    (["score", "--help"], "Kullanım: crmselect score [SEÇENEKLER] [KLASÖR]"),
    (["scores", "--help"], "Kullanım: crmselect scores [SEÇENEKLER] KOMUT [ARGÜMANLAR]..."),
    (["catalog", "--help"], "Kullanım: crmselect catalog [SEÇENEKLER] [KOMUT] [ARGÜMANLAR]..."),
    (["catalog", "search", "--help"], "Kullanım: crmselect catalog search [SEÇENEKLER] METİN"),
])
def test_the_usage_line_is_turkish_with_lang_tr_and_crmselect_lang(args, usage):
    for env, extra in (({**NO_LOCALE, "CRMSELECT_LANG": "tr"}, []), (NO_LOCALE, ["--lang", "tr"])):
        result = CliRunner(env=env).invoke(main, [*args, *extra], prog_name="crmselect")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[0] == usage


def test_a_usage_error_in_turkish_has_a_turkish_usage_line():
    result = CliRunner(env={**NO_LOCALE, "CRMSELECT_LANG": "tr"}).invoke(
        main, ["score", "--format", "xml"], prog_name="crmselect")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Kullanım: crmselect score [SEÇENEKLER] [KLASÖR]"


def test_english_keeps_clicks_usage_line_after_a_turkish_run():
    CliRunner(env=NO_LOCALE).invoke(main, ["score", "--help", "--lang", "tr"])
    result = CliRunner(env=NO_LOCALE).invoke(main, ["scores", "--help", "--lang", "en"],
                                             prog_name="crmselect")
    assert result.output.splitlines()[0] == "Usage: crmselect scores [OPTIONS] COMMAND [ARGS]..."


def test_argument_names_follow_the_language_and_come_back_in_english():
    """KLASÖR, DOSYA, GEREKSİNİM_KİMLİĞİ in Turkish (the Turkish help texts name them so);
    brackets of an optional one kept; English again in the next English run."""
    tr = CliRunner(env=NO_LOCALE).invoke(main, ["scores", "push", "--help", "--lang", "tr"],
                                         prog_name="crmselect")
    usage = "Kullanım: crmselect scores push [SEÇENEKLER] KLASÖR [DOSYA]"
    assert tr.output.splitlines()[0] == usage
    assert "DOSYA'yı (.yaml, .csv ya da .xlsx puanlama formu" in tr.output
    missing = CliRunner(env=NO_LOCALE).invoke(main, ["catalog", "show", "--lang", "tr"],
                                              prog_name="crmselect")
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[-1] == "Hata: Eksik bağımsız değişken 'GEREKSİNİM_KİMLİĞİ'."
    en = CliRunner(env=NO_LOCALE).invoke(main, ["scores", "push", "--help", "--lang", "en"],
                                         prog_name="crmselect")
    assert en.output.splitlines()[0] == "Usage: crmselect scores push [OPTIONS] DIRECTORY [FILE]"


def test_option_types_follow_the_language_and_come_back_in_english():
    """click writes an option's type after it: "--host TEXT", "--samples INTEGER RANGE"."""
    tr = CliRunner(env=NO_LOCALE).invoke(main, ["score", "--help", "--lang", "tr"],
                                         prog_name="crmselect")
    assert "--samples TAMSAYI ARALIĞI" in tr.output and "--seed TAMSAYI " in tr.output
    assert "INTEGER" not in tr.output and "TEXT" not in tr.output
    serve = CliRunner(env=NO_LOCALE).invoke(main, ["serve", "--help", "--lang", "tr"],
                                            prog_name="crmselect")
    assert "--host METİN" in serve.output
    en = CliRunner(env=NO_LOCALE).invoke(main, ["score", "--help", "--lang", "en"],
                                         prog_name="crmselect")
    assert "--samples INTEGER RANGE" in en.output and "--seed INTEGER " in en.output


def test_a_project_file_too_big_to_load_is_refused_in_its_language(tmp_path: Path):
    text = "name: Konya\nlanguage: tr\n# " + "x" * (11 * 1024 * 1024) + "\n"
    (tmp_path / "project.yaml").write_text(text, encoding="utf-8")
    result = CliRunner(env=NO_LOCALE).invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert "bir YAML dosyası en fazla 10 MB olabilir" in line, line
