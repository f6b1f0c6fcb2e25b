"""A scores file of the wrong kind (crmselect/scoresreader.py, crmselect/scoresio.py) is one
line naming the file once ("x.txt: x.txt: use a …" before), in the reader's language; and
click's own message for a date option (``status --today``) is Turkish in a Turkish run."""

from __future__ import annotations

from click.testing import CliRunner
from clirun import run

from crmselect.cli import main


def test_import_of_a_txt_names_the_file_once(small, tmp_path):
    path = tmp_path / "scores.txt"
    path.write_text("x\n", encoding="utf-8")
    for lang, said in (("en", "use a .yaml, .yml, .csv or .xlsx (scoring sheet) file"),
                       ("tr", ".yaml, .yml, .csv veya .xlsx (puanlama formu) uzantılı bir dosya "
                              "kullanın")):
        code, err = run("scores", "import", small, path, lang=lang)
        assert code == 1
        assert err == f"{path}: {said}\n"


def test_export_to_an_xlsx_names_the_file_once(basic, tmp_path):
    code, err = run("scores", "export", basic, tmp_path / "out.xlsx", lang="tr")
    assert code == 1
    assert err == f"{tmp_path / 'out.xlsx'}: .yaml, .yml veya .csv uzantılı bir dosya kullanın\n"


def test_a_bad_date_option_is_told_in_turkish():
    result = CliRunner(env={"CRMSELECT_LANG": "tr"}).invoke(
        main, ["status", ".", "--today", "2027-13-01"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Hata: '--today' için geçersiz değer: '2027-13-01' '%Y-%m-%d' biçiminde bir tarih değil.")
