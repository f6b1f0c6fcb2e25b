"""Hostile cells and inputs a user feeds crmselect (helper s14): each is refused in one line
naming the file, the cell or line and the field, in English and Turkish, with nothing saved
changed; or read as it was meant."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
import yaml
from clirun import checksums, run
from openpyxl import load_workbook

# --- a percent sign typed where a score, an amount or a count is expected -------------------


def _scores_csv(project: Path, out: Path, score: str, row: int = 3) -> Path:
    """The project's scores exported as Turkish Excel saves a CSV (';', cp1254), one score
    replaced by ``score``."""
    code, err = run("scores", "export", project, out)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    rows[row][4] = score
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(rows)
    out.write_bytes(text.getvalue().encode("cp1254"))
    return out


@pytest.mark.parametrize("typed", ["%4", "4%", "%80"])
def test_a_score_typed_as_a_percentage_is_refused_in_a_scores_csv(
        sample_project: Path, tmp_path: Path, typed: str):
    """``%4`` was read as the score 4 without a word (the percent sign dropped), and ``%80``
    was told as "80 must be <= 5", as if 80 points had been meant."""
    path = _scores_csv(sample_project, tmp_path / "puanlar.csv", typed)
    before = checksums(sample_project)
    code, err = run("scores", "import", sample_project, path)
    assert (code, err.splitlines()) == (1, [
        f"{path}:4: score: expected a number, got '{typed}' (a score is a whole point from 0 "
        "to 5, not a percentage)"]), err
    code, err = run("scores", "import", sample_project, path, lang="tr")
    assert (code, err.splitlines()) == (1, [
        f"{path}:4: score: sayı bekleniyordu; verilen değer: '{typed}' (puan yüzde olarak "
        "değil, 0 ile 5 arasında tam puan olarak yazılır)"]), err
    assert checksums(sample_project) == before


def test_a_score_with_invisible_characters_is_read(sample_project: Path, tmp_path: Path):
    """A 4 pasted from a web page or a right-to-left text (``4\u200b``) was "not a number",
    shown with a mark nobody sees."""
    path = _scores_csv(sample_project, tmp_path / "puanlar.csv", "(4)")
    path.write_text(path.read_text(encoding="cp1254").replace("(4)", "\u200f4\u200b"),
                    encoding="utf-8")
    code, err = run("scores", "import", sample_project, path, "--force")
    assert code == 0, err
    scores = yaml.safe_load((sample_project / "scores.yaml").read_text(encoding="utf-8"))
    assert [s["score"] for s in scores["scores"] if (s["evaluator"], s["vendor"], s["target"])
            == ("murat", "suitecrm", "OPS-SFA-002")] == [4]


def _scoring_sheet(project: Path, out: Path, cells: dict[str, object],
                   errors: tuple[str, ...] = ()) -> Path:
    """Murat's scoring sheet with ``cells`` of its Requirements sheet set; ``errors``: cells
    that hold a formula's error result (``#N/A``)."""
    code, err = run("scores", "template", project)
    assert code == 0, err
    wb = load_workbook(project / "out" / "scoring" / "scoring-murat.xlsx")
    for ref, value in cells.items():
        wb["Requirements"][ref] = value
        if ref in errors:
            wb["Requirements"][ref].data_type = "e"
    wb.save(out)
    return out


@pytest.mark.parametrize(("typed", "en", "tr"), [
    (True, "'TRUE' is not a score", "'DOĞRU' bir puan değil"),
    (False, "'FALSE' is not a score", "'YANLIŞ' bir puan değil"),
    ("%4", "'%4' is not a score", "'%4' bir puan değil"),
    ("80%", "'80%' is not a score", "'80%' bir puan değil")])
def test_a_logical_or_percent_cell_of_a_scoring_sheet_is_no_score(
        sample_project: Path, tmp_path: Path, typed: object, en: str, tr: str):
    """A TRUE in a score cell was told as 'True' (Python's word, in a Turkish message too);
    ``%4`` was saved as the score 4."""
    path = _scoring_sheet(sample_project, tmp_path / "murat.xlsx", {"G3": typed})
    before = checksums(sample_project)
    for lang, said in (("en", en), ("tr", tr)):
        code, err = run("scores", "import", sample_project, path, "--force", lang=lang)
        assert code == 1 and err.splitlines()[0].startswith(
            f"{path}: Requirements!G3: {said}"), err
        assert len(err.splitlines()) == 1, err
    assert checksums(sample_project) == before


def test_an_error_result_in_a_score_cell_beside_its_note_is_one_problem(
        sample_project: Path, tmp_path: Path):
    """``#N/A`` in a score cell whose note is filled was also "a note without a score" at the
    same cell: two problems for one."""
    path = _scoring_sheet(sample_project, tmp_path / "murat.xlsx",
                          {"G3": "#N/A", "H3": "iyi"}, errors=("G3",))
    code, err = run("scores", "import", sample_project, path, "--force")
    assert (code, err.splitlines()) == (1, [
        f"{path}: Requirements!G3: a formula whose result is an error (#N/A) (type the value "
        "itself)"]), err


# --- a vendor's response workbook ---------------------------------------------------------


def _response_workbook(project: Path, out: Path, prices: dict[str, object],
                       costs: dict[str, object] | None = None) -> Path:
    """Odoo's one-envelope workbook, every requirement answered "native", the Pricing sheet's
    answers by row key and the third-party cost column by requirement row."""
    path = project / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "two_envelopes: true", "two_envelopes: false"), encoding="utf-8")
    code, err = run("workbook", project, "--vendor", "odoo", "--out", out)
    assert code == 0, err
    wb = load_workbook(out)
    requirements, pricing = wb["Requirements"], wb["Pricing"]
    for r in range(2, requirements.max_row + 1):
        requirements[f"I{r}"] = "Native (out of the box)"
    for r, value in (costs or {}).items():
        requirements[r] = value
    rows = {pricing[f"D{r}"].value: r for r in range(2, pricing.max_row + 1)}
    for key, value in {"licence_model": "Subscription", "per_user_month.standard": 30,
                       "per_user_month.light": 20, **prices}.items():
        pricing[f"B{rows[key]}"] = value
    wb.save(out)
    return out


STANDARD = "Subscription per user per month — Standard (51 users)"


@pytest.mark.parametrize(("typed", "en", "tr"), [
    (True, "TRUE is not a number", "DOĞRU bir sayı değil"),
    ("5%", "5% is a percentage; this cell asks for a number, not a percentage",
     "5% bir yüzde; bu hücreye yüzde değil, sayı yazılır"),
    ("%30", "%30 is a percentage; this cell asks for a number, not a percentage",
     "%30 bir yüzde; bu hücreye yüzde değil, sayı yazılır")])
def test_a_logical_or_percent_price_is_refused(sample_project: Path, tmp_path: Path,
                                               typed: object, en: str, tr: str):
    """A price of TRUE was "'True' is not a number"; ``5%`` typed as text in a price was saved
    as 5 (a percentage Excel stores as 0.05 was already refused)."""
    path = _response_workbook(sample_project, tmp_path / "odoo.xlsx",
                              {"per_user_month.standard": typed})
    before = checksums(sample_project)
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force")
    assert code == 1 and err.splitlines()[0] == (
        f"{path}: Pricing!B4: row “{STANDARD}”: {en}"), err
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force",
                    lang="tr")
    assert code == 1 and err.splitlines()[0] == (
        f"{path}: Pricing!B4: “{STANDARD}” satırı: {tr}"), err
    assert checksums(sample_project) == before


def test_a_percentage_and_invisible_marks_are_read_where_they_belong(
        sample_project: Path, tmp_path: Path):
    """``5%`` is still the yearly increase of 5; a price pasted with a right-to-left mark and a
    zero-width space was "'30\\u200b' is not a number"."""
    path = _response_workbook(sample_project, tmp_path / "odoo.xlsx", {
        "yearly_increase_pct": "5%", "per_user_month.standard": "\u200f30\u200b"})
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force")
    assert code == 0, err
    saved = yaml.safe_load((sample_project / "responses" / "odoo.yaml").read_text(
        encoding="utf-8"))["pricing"]
    assert (saved["yearly_increase_pct"], saved["per_user_month"]["standard"]) == (5, 30)


def test_a_logical_cell_in_a_date_column_is_named_as_the_sheet_shows_it(
        sample_project: Path, tmp_path: Path):
    path = _response_workbook(sample_project, tmp_path / "odoo.xlsx", {},
                              costs={"I3": "On the roadmap", "O3": True})
    for lang, said in (("en", "TRUE is not a date"), ("tr", "DOĞRU bir tarih değil")):
        code, err = run("responses", "import", sample_project, path, "--vendor", "odoo",
                        "--force", lang=lang)
        assert code == 1 and err.startswith(f"{path}: Requirements!O3: {said}"), err


# --- kpi compute -----------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "en", "tr"), [
    ("true", "must be a number, got true", "sayı olmalı, verilen değer: true"),
    ("FALSE", "must be a number, got FALSE", "sayı olmalı, verilen değer: FALSE"),
    ("", "must be a number, got nothing", "sayı olmalı, verilen değer: boş"),
    ("'%5'", "is not a percentage: write the number itself, not '%5'",
     "bir yüzde değil: '%5' yerine sayının kendisini yazın"),
    ("120%", "is not a percentage: write the number itself, not '120%'",
     "bir yüzde değil: '120%' yerine sayının kendisini yazın")])
def test_a_kpi_input_is_named_as_written(tmp_path: Path, written: str, en: str, tr: str):
    """``promoters: true`` was told as "got True" (Python's word, ``FALSE`` too), an empty one
    as "nothing"
    in a Turkish message too, and ``%5`` promoters were read as 5 people."""
    path = tmp_path / "anket.yaml"
    path.write_text(f"promoters: {written}\ndetractors: 30\ntotal_responses: 300\n",
                    encoding="utf-8")
    column = 12 if written else 11
    for lang, said in (("en", f"input 'promoters' {en}"), ("tr", f"'promoters' girdisi {tr}")):
        code, err = run("kpi", "compute", "nps", "--file", path, lang=lang)
        assert (code, err.splitlines()[0]) == (1, f"{path}:1:{column}: promoters: {said}"), err


def test_a_kpi_input_typed_with_a_percent_sign_on_the_command_line(tmp_path: Path):
    code, err = run("kpi", "compute", "marketing_roi", "--input", "attributable_revenue=%5",
                    "--input", "marketing_cost=100")
    assert code == 1 and err.splitlines()[0] == (
        "input 'attributable_revenue' is not a percentage: write the number itself, not '%5'")


@pytest.mark.parametrize(("sheet", "cells", "values", "en_rows", "tr_rows"), [
    ("Pricing", "B4:B5", {}, "row 5 reads", "5 numaralı satır"),
    ("Company", "B6:B7", {"B6": "2027-02-01"}, "row 7 reads", "7 numaralı satır"),
    ("Questionnaire", "D2:D4", {"D2": "Evet"}, "rows 3, 4 read", "3, 4 numaralı satırlar"),
    ("Optional prices", "C2:C3", {"C2": 5}, "row 3 reads", "3 numaralı satır")])
def test_an_answer_merged_over_several_item_rows_is_refused(
        sample_project: Path, tmp_path: Path, sheet: str, cells: str,
        values: dict[str, object], en_rows: str, tr_rows: str):
    """The standard licence's price merged over the light licence's row was imported without
    a word and saved without the light price the vendor typed (20): scoring then priced the 15
    light users at the standard price. A merged date, answer or optional price lost the rows
    below it the same way."""
    path = _response_workbook(sample_project, tmp_path / "odoo.xlsx", {})
    wb = load_workbook(path)
    for ref, value in values.items():
        wb[sheet][ref] = value
    wb[sheet].merge_cells(cells)
    wb.save(path)
    before = checksums(sample_project)
    first, last = (int("".join(c for c in ref if c.isdigit())) for ref in cells.split(":"))
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force")
    assert code == 1 and err.splitlines()[0] == (
        f"{path}: {sheet}!{cells}: the answer cells of rows {first}–{last} are merged: a "
        f"merged range keeps the value of its first row only, and {en_rows} as blank; "
        "unmerge the cells and fill each row"), err
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force",
                    lang="tr")
    assert code == 1 and err.splitlines()[0] == (
        f"{path}: {sheet}!{cells}: {first}–{last}. satırların yanıt hücreleri birleştirilmiş: "
        f"birleştirilmiş bir aralık yalnızca ilk satırın değerini tutar, {tr_rows} boş "
        "okunur; birleştirmeyi kaldırıp her satırı ayrı doldurun"), err
    assert checksums(sample_project) == before


def test_merged_labels_and_an_answer_merged_across_its_own_row_are_read(
        sample_project: Path, tmp_path: Path):
    path = _response_workbook(sample_project, tmp_path / "odoo.xlsx", {})
    wb = load_workbook(path)
    wb["Pricing"].merge_cells("A4:A5")  # the labels, for looks
    wb["Pricing"].merge_cells("B6:C6")  # one row's answer over its note
    wb.save(path)
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force")
    assert code == 0, err


def test_a_number_beyond_excels_days_in_a_date_cell_is_named_as_typed(
        sample_project: Path, tmp_path: Path):
    """3000000000 in a date-formatted cell (Excel shows #######) printed openpyxl's warning
    "Cell O3 is marked as a date but the serial value…" on stderr and was then told as
    '#VALUE!', which the vendor never typed; in an amount cell formatted as a date the number
    was lost the same way."""
    path = _response_workbook(sample_project, tmp_path / "odoo.xlsx", {},
                              costs={"I3": "On the roadmap", "O3": 3_000_000_000})
    for lang, said in (("en", "'3000000000' is not a date"),
                       ("tr", "'3000000000' bir tarih değil")):
        code, err = run("responses", "import", sample_project, path, "--vendor", "odoo",
                        "--force", lang=lang)
        assert code == 1 and err.startswith(f"{path}: Requirements!O3: {said} ("), err
        assert len(err.splitlines()) == 1, err
    path = _response_workbook(sample_project, tmp_path / "odoo2.xlsx", {})
    wb = load_workbook(path)
    wb["Pricing"]["B10"] = 4_000_000  # implementation, in a cell formatted as a date
    wb["Pricing"]["B10"].number_format = "dd.mm.yyyy"
    wb.save(path)
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force")
    assert code == 0, err
    saved = yaml.safe_load((sample_project / "responses" / "odoo.yaml").read_text(
        encoding="utf-8"))["pricing"]
    assert saved["implementation"] == 4_000_000


# --- a name longer than the file system holds --------------------------------------------


@pytest.mark.parametrize("command", [("init",), ("init", "--sample"), ("validate",),
                                     ("scores", "import", "PROJECT"),
                                     ("responses", "import", "PROJECT", "--vendor", "odoo")])
def test_a_name_longer_than_the_file_system_holds_is_one_line(
        sample_project: Path, tmp_path: Path, command: tuple[str, ...]):
    """A name of 300 characters (a path pasted twice, a generated one) ended every command in
    "OSError: [Errno 36] File name too long" and its traceback, at the first look at it."""
    name = tmp_path / ("ç" * 150 + ".xlsx")  # 300 bytes in UTF-8
    args = [sample_project if a == "PROJECT" else a for a in command]
    before = checksums(sample_project)
    for lang, said in (("en", "the file name is too long"), ("tr", "dosya adı çok uzun")):
        code, err = run(*args[:3], name, *args[3:], lang=lang)
        assert (code, err) == (1, f"{name}: {said}\n"), err
    assert checksums(sample_project) == before


# --- a score that differs from the one saved ---------------------------------------------


def test_a_conflicting_score_is_told_at_its_line_or_cell(sample_project: Path, tmp_path: Path):
    """"scores.yaml already has 5, the import has 4" named the record by its key alone: in a
    scoring sheet with twenty such rows, or a CSV of 800, the evaluator searched for each."""
    csv_file = _scores_csv(sample_project, tmp_path / "puanlar.csv", "4")
    yaml_file = tmp_path / "duzeltme.yaml"
    yaml_file.write_text("scores:\n  - {evaluator: murat, vendor: suitecrm, target: OPS-SFA-002,"
                         " score: 4}\n", encoding="utf-8")
    sheet = _scoring_sheet(sample_project, tmp_path / "murat.xlsx", {"G3": 1, "H3": "kötü"})
    before = checksums(sample_project)
    key = "murat › suitecrm › OPS-SFA-002: scores.yaml already has 5 (Senaryoda canlı " \
          "gösterildi, ek ayar gerekmedi.), the import has 4"
    for path, expected in (
            (csv_file, f"{csv_file}:4: {key} (Senaryoda canlı gösterildi, ek ayar gerekmedi.) "
                       "(use --force to overwrite)"),
            (yaml_file, f"{yaml_file}:2:70: {key} (use --force to overwrite)"),
            (sheet, f"{sheet}: Requirements!G3: scores.yaml already has 5 (Standart "
                    "ekranlarla, bizim örnek verimizle sorunsuz çalıştı.), the import has 1 "
                    "(kötü) (use --force to overwrite)")):
        code, err = run("scores", "import", sample_project, path)
        assert (code, err.splitlines()) == (1, [expected]), err
    code, err = run("scores", "import", sample_project, yaml_file, lang="tr")
    assert err.startswith(f"{yaml_file}:2:70: murat › suitecrm › OPS-SFA-002: scores.yaml "
                          "içinde zaten 5"), err
    assert checksums(sample_project) == before


def test_invisible_marks_around_a_cell_are_not_part_of_it(sample_project: Path, tmp_path: Path):
    """``EUR\\u200b`` (a zero-width space pasted with it) was "not a currency code", a date with
    a direction mark "not a date"; a contact, a comment or an answer made of invisible marks
    only was saved as given, and the question counted as answered."""
    path = _response_workbook(sample_project, tmp_path / "odoo.xlsx",
                              {"currency": "EUR\u200b"})
    wb = load_workbook(path)
    wb["Company"]["B3"] = "\u200b"  # contact person
    wb["Company"]["B6"] = "\u200f2027-02-01"  # date of the response
    wb["Requirements"]["J2"] = "\u200b\u200f"  # comment of OPS-SFA-001
    wb["Questionnaire"]["D2"] = "\u2066\u2069"  # answer to CO-1
    wb.save(path)
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force")
    assert code == 0, err
    assert "CO-1, " in err  # among the questions without an answer
    saved = yaml.safe_load((sample_project / "responses" / "odoo.yaml").read_text(
        encoding="utf-8"))
    assert (saved["pricing"]["currency"], saved["submitted"]) == ("EUR", dt.date(2027, 2, 1))
    assert "contact" not in saved and "CO-1" not in saved.get("questionnaire", {})
    assert saved["responses"]["OPS-SFA-001"] == {"compliance": "native"}


def test_ids_with_invisible_marks_in_a_scores_csv_are_read(sample_project: Path,
                                                           tmp_path: Path):
    """``murat\\u200b`` or ``\\u200fOPS-SFA-003`` (pasted from a chat or a right-to-left text)
    was "expected lower-case letters a–z…, got 'murat\\u200b'". A note of marks only is still
    no note for a 5 (both CSV readers now trim the marks alike)."""
    path = _scores_csv(sample_project, tmp_path / "puanlar.csv", "5")
    text = path.read_text(encoding="cp1254").replace("murat;", "murat\u200b;", 1).replace(
        ";OPS-SFA-003;", ";\u200fOPS-SFA-003;", 1)
    path.write_text(text, encoding="utf-8")
    before = checksums(sample_project)
    code, err = run("scores", "import", sample_project, path)
    assert (code, err) == (0, ""), err
    assert checksums(sample_project) == before  # nothing new: the file is left as it was
    rows = text.splitlines()
    path.write_text("\n".join([rows[0], rows[2].replace(
        "Standart ekranlarla, bizim örnek verimizle sorunsuz çalıştı.", "\u200b")]),
        encoding="utf-8")
    code, err = run("scores", "import", sample_project, path, "--force")
    assert (code, err) == (1, f"{path}:2: note: a score of 5 needs a note that says why (as in "
                              "the web form: 0, 1 and 5)\n"), err


def test_an_import_with_nothing_new_does_not_say_it_wrote(sample_project: Path,
                                                          tmp_path: Path):
    """"0 added, 0 updated, 1287 unchanged; written to scores.yaml": nothing was written."""
    from click.testing import CliRunner

    from crmselect.cli import main

    path = _scores_csv(sample_project, tmp_path / "puanlar.csv", "5")
    for lang, said in (("en", "1287 unchanged; {} is up to date"),
                       ("tr", "1287 değişmedi; {} zaten güncel")):
        result = CliRunner().invoke(main, ["scores", "import", str(sample_project), str(path),
                                           "--lang", lang])
        assert result.exit_code == 0, result.output
        assert result.stdout == f"{path}: {said.format(sample_project / 'scores.yaml')}\n"


def test_an_export_into_the_project_folder_makes_no_second_scores_file(sample_project: Path):
    """``scores export acme acme/scores.csv`` wrote a scores.csv beside scores.yaml, and every
    command then refused the project ("the project has both scores.csv and scores.yaml")."""
    before = checksums(sample_project)
    target = sample_project / "scores.csv"
    code, err = run("scores", "export", sample_project, target)
    assert (code, err) == (1, (
        f"{target}: the project keeps its scores in scores.yaml; a scores.csv beside it would "
        "be a second scores file, which every command refuses: export it to another folder, "
        f"for example {sample_project / 'out' / 'scores.csv'}\n")), err
    code, err = run("scores", "export", sample_project, target, "--force", lang="tr")
    assert code == 1 and err.startswith(f"{target}: proje puanlarını scores.yaml dosyasında "
                                        "tutuyor; "), err
    assert checksums(sample_project) == before and not target.exists()
    code, err = run("scores", "export", sample_project, sample_project / "out" / "scores.csv")
    assert (code, err) == (0, ""), err


def test_a_logical_test_drive_mark_is_named_as_the_sheet_shows_it(sample_project: Path,
                                                                 tmp_path: Path):
    code, err = run("scores", "template", sample_project)
    assert code == 0, err
    wb = load_workbook(sample_project / "out" / "scoring" / "scoring-murat.xlsx")
    wb["Test-drive marks"]["D2"] = True
    path = tmp_path / "murat.xlsx"
    wb.save(path)
    for lang, said in (("en", "TRUE is not one of live, slides, not shown"),
                       ("tr", "DOĞRU geçerli değil; şunlardan biri olmalı: live, slides, "
                              "not shown")):
        code, err = run("scores", "import", sample_project, path, lang=lang)
        assert (code, err) == (1, f"{path}: Test-drive marks!D2: {said}\n"), err


@pytest.mark.parametrize(("change", "en", "tr"), [
    (lambda wb: wb.remove(wb["Questionnaire"]),
     "the sheet 'Questionnaire' is missing, so the answers to the 30 questions of the "
     "questionnaire could not be read",
     "'Questionnaire' sayfası yok, bu yüzden soru formundaki 30 sorunun yanıtları okunmadı"),
    (lambda wb: setattr(wb["Questionnaire"], "title", "Sorular"),
     "the sheet 'Questionnaire' is missing, so the answers to the 30 questions of the "
     "questionnaire could not be read",
     "'Questionnaire' sayfası yok, bu yüzden soru formundaki 30 sorunun yanıtları okunmadı"),
    (lambda wb: wb.remove(wb["Optional prices"]),
     "the sheet 'Optional prices' is missing, so the 6 optional prices the RFP asks for could "
     "not be read",
     "'Optional prices' sayfası yok, bu yüzden RFP'de istenen 6 opsiyonel fiyat okunmadı")])
def test_a_sheet_of_answers_deleted_or_renamed_is_said(sample_project: Path, tmp_path: Path,
                                                       change, en: str, tr: str):
    """A vendor who deleted or renamed the Questionnaire sheet (its answers typed into
    'Sorular') had the workbook imported without a word: not even the warning an empty
    questionnaire gets."""
    path = _response_workbook(sample_project, tmp_path / "odoo.xlsx", {})
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    for lang, said in (("en", f"warning: {en}"), ("tr", f"uyarı: {tr}")):
        code, err = run("responses", "import", sample_project, path, "--vendor", "odoo",
                        "--force", lang=lang)
        assert code == 0 and err.startswith(f"{path}: {said} ("), err


def test_a_day_in_a_score_cell_is_shown_as_the_sheet_shows_it(sample_project: Path,
                                                             tmp_path: Path):
    """A score cell formatted as a date was told as '2027-01-04 00:00:00': a time nobody
    typed or sees."""
    path = _scoring_sheet(sample_project, tmp_path / "murat.xlsx",
                          {"G3": dt.datetime(2027, 1, 4)})
    code, err = run("scores", "import", sample_project, path)
    assert (code, err) == (1, f"{path}: Requirements!G3: '2027-01-04' is not a score; choose a "
                              "whole score from 0 to 5\n"), err


def test_logical_cells_in_text_answers_are_named_and_kept_as_the_sheet_shows_them(
        sample_project: Path, tmp_path: Path):
    """TRUE in the compliance, currency or licence cell was told as 'True', and a TRUE
    comment was saved as 'True' (Python's word, not the sheet's)."""
    path = _response_workbook(sample_project, tmp_path / "odoo.xlsx",
                              {"currency": True, "licence_model": False})
    wb = load_workbook(path)
    wb["Requirements"]["I2"] = True
    wb.save(path)
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force",
                    lang="tr")
    lines = err.splitlines()
    assert code == 1 and lines[0].startswith(f"{path}: Requirements!I2: DOĞRU bir karşılama "
                                             "düzeyi değil ("), err
    assert lines[1] == (f"{path}: Pricing!B2: “Currency (ISO code, e.g. EUR)” satırı: DOĞRU, "
                        "EUR gibi bir para birimi kodu değil"), err
    assert lines[2].startswith(f"{path}: Pricing!B3: “Licence model” satırı: YANLIŞ bir lisans "
                               "modeli değil ("), err
    path = _response_workbook(sample_project, tmp_path / "odoo2.xlsx", {})
    wb = load_workbook(path)
    wb["Requirements"]["J2"] = True  # comment
    wb.save(path)
    code, err = run("responses", "import", sample_project, path, "--vendor", "odoo", "--force")
    assert code == 0, err
    saved = yaml.safe_load((sample_project / "responses" / "odoo.yaml").read_text(
        encoding="utf-8"))
    assert saved["responses"]["OPS-SFA-001"]["comment"] == "TRUE"


def test_a_negative_zero_input_is_zero(tmp_path: Path):
    """``promoters: -0.0`` (or ``--input promoters=-0``) was shown as -0 among the inputs and
    gave "Net Promoter Score (NPS): -0"."""
    from click.testing import CliRunner

    from crmselect.cli import main

    path = tmp_path / "anket.yaml"
    path.write_text("promoters: -0.0\ndetractors: 0\ntotal_responses: 300\n", encoding="utf-8")
    for args in (("--file", str(path)), ("--input", "promoters=-0", "--input", "detractors=0",
                                         "--input", "total_responses=300")):
        result = CliRunner().invoke(main, ["kpi", "compute", "nps", *args, "--lang", "en"])
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert lines[0] == "Net Promoter Score (NPS): 0", result.stdout
        assert lines[4].split()[:2] == ["promoters", "0"], result.stdout


@pytest.mark.parametrize(("typed", "meant", "lang"), [
    ("destekçiler", "promoters", "tr"), ("Eleştirmenler", "detractors", "tr"),
    ("All survey responses", "total_responses", "en")])
def test_a_kpi_input_named_by_its_label_gets_its_name(typed: str, meant: str, lang: str):
    """``--input destekçiler=120`` (the label `kpi show` prints in Turkish) got only the list
    of input names, without a word of which one it is."""
    code, err = run("kpi", "compute", "nps", "--input", f"{typed}=1", lang=lang)
    said = {"en": f"unknown input '{typed}' for KPI nps (did you mean {meant}?)",
            "tr": f"'{typed}', nps KPI'sının girdilerinden biri değil ({meant} mi demek "
                  "istediniz?)"}[lang]
    assert code == 1 and err.splitlines()[0] == said, err
