"""What a new user stumbled on when following the README with a project of their own (a
Turkish spare-parts distributor in a folder with spaces and Turkish letters), each fixed."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner

from crmselect.cli import main
from crmselect.i18n import text


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_init_comment_quotes_a_folder_with_spaces(tmp_path):
    # The comment tells the user the next command; copied as written it must work.
    target = tmp_path / "Müşteri Projeleri" / "Kuzey Yedek Parça"
    code, out = run("init", target, "--lang", "tr")
    assert code == 0, out
    second = (target / "project.yaml").read_text(encoding="utf-8").splitlines()[1]
    assert second.endswith("crmselect validate " + shlex.quote(str(target)))
    assert shlex.split(second.split("çalıştırın: ")[1])[2] == str(target)


def test_status_commands_quote_a_folder_with_spaces(tmp_path, basic):
    root = tmp_path / "Kuzey Yedek Parça"
    shutil.move(basic, root)
    code, out = run("status", root, "--today", "2027-03-20")
    assert code == 0, out
    commands = [line.strip()[2:] for line in out.splitlines() if line.strip().startswith("$ ")]
    assert commands
    for command in commands:
        if str(root) in command:
            assert shlex.quote(str(root)) in command
            assert str(root) in shlex.split(command)


def test_area_table_and_monte_carlo_name_vendors_as_the_ranking_does(basic):
    # The ranking says "Alpha CRM"; the tables under it said "alpha".
    code, out = run("score", basic)
    assert code == 0, out
    header = next(line for line in out.splitlines() if line.startswith("Area "))
    assert "Alpha CRM" in header and not re.search(r"\balpha\b", header)
    code, out = run("sensitivity", basic, "--samples", "200")
    assert code == 0, out
    rows = out[out.index("Monte Carlo"):]
    assert re.search(r"^Alpha CRM\s+\d", rows, re.M)
    assert not re.search(r"^alpha\s", rows, re.M)


def test_scores_csv_with_excels_trailing_separators_is_read(tmp_path):
    # Turkish Excel's "CSV (noktalı virgülle ayrılmış)" keeps ';;' for columns once used and
    # now empty, in the header too; they were refused as an unknown column named "".
    from crmselect.scorescsv import read_csv_rows

    path = tmp_path / "puanlar.csv"
    path.write_bytes(("evaluator;vendor;target;score;note;;\r\n"
                      "murat;odoo;OPS-SFA-001;4,0;Çağrı merkezi şık;;\r\n"
                      ";;;;;;\r\n"
                      "murat;odoo;OPS-SFA-002;5;Mükemmel; gerçekten;;\r\n").encode("cp1254"))
    scores, lines, issues = read_csv_rows(path)
    assert [(s.target, s.score, s.note) for s in scores.scores] == [
        ("OPS-SFA-001", 4.0, "Çağrı merkezi şık")]
    assert lines["scores"] == [2]
    # a note with an unquoted ';' is still one clear problem at its line
    (issue,) = issues
    assert issue.line == 4
    assert "başlıkta 5 sütun" in text(issue.message, "tr")


def test_a_wrong_project_currency_is_one_problem_not_one_per_bid(basic):
    # 'TL' for TRY failed in project.yaml, and every bid in the project's own currency then
    # got "no exchange rate for EUR: add exchange_rates: {EUR: ...}" — the wrong fix.
    for name, old, new in (("project.yaml", "currency: EUR", "currency: TL"),
                           ("responses/alpha.yaml", "currency: EUR", "currency: TRY")):
        path = basic / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, out = run("validate", basic)
    assert code == 1
    problems = [line for line in out.splitlines() if re.match(r".+:\d+:\d+: ", line)]
    assert len(problems) == 1 and "project.yaml:5:" in problems[0] and "'TL'" in problems[0]


def test_an_ahp_judgement_off_the_scale_is_one_problem_in_the_projects_language(basic):
    # A 50 typed for 5 gave the cell's problem in English in a Turkish project, and a second,
    # false one: "the matrix must be 6×6" (the cell left out made its row short).
    path = basic / "project.yaml"
    text = path.read_text(encoding="utf-8").replace("language: en", "language: tr")
    text = text.replace("requirements:\n", """weights:
  ahp:
    criteria:
      items: [functional, integration, cost]
      matrix: [[1, 3, 50], [1/3, 1, 3], [1/5, 1/3, 1]]
requirements:
""", 1)
    path.write_text(text, encoding="utf-8")
    code, out = run("validate", basic)
    assert code == 1
    problems = [line for line in out.splitlines() if re.match(r".+:\d+:\d+: ", line)]
    assert len(problems) == 1, out
    assert "weights.ahp.criteria.matrix[0][2]: 50 Saaty ölçeğinde değil" in problems[0]


def test_the_ahp_command_speaks_turkish_in_numbers_and_errors(tmp_path):
    # Wikipedia's leader example: the weights and λmax, CI, RI, CR were printed 0.548 and
    # 4.118 in a Turkish run, and a bad matrix was explained in English.
    good = tmp_path / "lider.yaml"
    good.write_text("items: [deneyim, eğitim, karizma, yaş]\nmatrix:\n  - [1, 4, 3, 7]\n"
                    "  - [1/4, 1, 1/3, 3]\n  - [1/3, 3, 1, 5]\n  - [1/7, 1/3, 1/5, 1]\n",
                    encoding="utf-8")
    code, out = run("ahp", good, "--lang", "tr")
    assert code == 0, out
    assert re.search(r"^deneyim\s+0,548$", out, re.M)
    assert "λmax = 4,118, CI = 0,039, RI = 0,90, CR = 0,0439" in out
    bad = tmp_path / "karsilikli.yaml"
    bad.write_text("items: [a, b]\nmatrix:\n  - [1, 3]\n  - [0.5, 1]\n", encoding="utf-8")
    code, out = run("ahp", bad, "--lang", "tr")
    assert code == 1
    assert ("AHP matrisi karşılıklı (resiprok) değil: (1, 2) (a – b) hücresi 3, "
            "(2, 1) (b – a) hücresi ise 0,5; beklenen 1/3 ≈ 0,333") in out
    code, out = run("ahp", bad, "--lang", "en")
    assert ("AHP matrix is not reciprocal: cell (1, 2) (a vs b) is 3 but cell (2, 1) (b vs a) "
            "is 0.5; expected 1/3 ≈ 0.333") in out
    short = tmp_path / "kisa.yaml"
    short.write_text("items: [a, b, c]\nmatrix:\n  - [1, 3, 5]\n  - [1/3, 1]\n"
                     "  - [1/5, 1, 1]\n", encoding="utf-8")
    code, out = run("ahp", short, "--lang", "tr")
    assert code == 1 and "AHP matrisi pozitif sayılardan oluşan kare bir tablo olmalı" in out


def test_a_turkish_scoring_sheet_names_the_expected_header_in_turkish(basic):
    # A column inserted into "Gereksinimler" was reported as "expected 'Requirement'", the
    # English header, in a sheet whose headers are all Turkish.
    from openpyxl import load_workbook

    path = basic / "scoring-ayse.xlsx"
    code, out = run("scores", "template", basic, "--evaluator", "ayse", "--out", path,
                    "--lang", "tr")
    assert code == 0, out
    wb = load_workbook(path)
    ws = wb["Gereksinimler"]
    ws.protection.sheet = False
    ws.insert_cols(3)
    ws["C1"] = "Yorumum"
    wb.save(path)
    code, out = run("scores", "import", basic, path, "--lang", "tr")
    assert code == 1
    assert "Gereksinimler!C1: sütun başlığı 'Yorumum', beklenen 'Gereksinim'" in out


def test_a_turkish_response_workbook_names_the_expected_column_in_turkish(small, tmp_path):
    # A column inserted into a Turkish workbook's "Gereksinimler" was reported as "expected
    # 'group'" (an English label, lower-cased), next to "expected 'gereksinim'".
    from openpyxl import load_workbook

    from crmselect.documents.workbook import write_workbook

    path = write_workbook(small, vendor="odoo", lang="tr").path
    wb = load_workbook(path)
    ws = wb["Gereksinimler"]
    ws.protection.sheet = False
    ws.insert_cols(3)
    ws["C1"] = "Bizim not"
    wb.save(tmp_path / "eklenmis.xlsx")
    code, out = run("responses", "import", small, tmp_path / "eklenmis.xlsx", "--vendor",
                    "odoo", "--lang", "tr")
    assert code == 1
    assert "Gereksinimler!C1: burada 'Grup' sütunu bekleniyordu, bulunan: 'Bizim not'" in out
    assert "Gereksinimler!D1: burada 'Gereksinim' sütunu bekleniyordu" in out


def test_a_formula_no_spreadsheet_computed_is_a_problem_not_an_empty_cell(small, tmp_path):
    # A vendor's tool wrote '=5*2' days without a stored result (openpyxl, some exporters,
    # a file never opened in Excel): the cell was read as empty, the effort silently lost.
    from openpyxl import load_workbook

    from crmselect.documents.workbook import write_workbook

    path = write_workbook(small, vendor="odoo").path
    wb = load_workbook(path)
    ws = wb["Requirements"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 9).value = "Custom development"
        ws.cell(row, 14).value = 3
    ws["N2"] = "=5*2"
    pricing = wb["Pricing"]
    pricing["B2"] = "EUR"
    wb.save(tmp_path / "formul.xlsx")
    before = sorted(p.name for p in (small / "responses").glob("*"))
    code, out = run("responses", "import", small, tmp_path / "formul.xlsx", "--vendor", "odoo")
    assert code == 1
    assert "Requirements!N2: a formula without a saved result ('=5*2')" in out
    assert sorted(p.name for p in (small / "responses").glob("*")) == before
