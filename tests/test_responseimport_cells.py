"""What vendors type into the response workbook's cells (crmselect/responseimport.py): amounts with
VAT words, currency names or too many digits, compliance typed without the drop-down, ids with
invisible marks or a typo, dates far away, formulas; each is read as meant or is one problem at
its cell (with the row's label), in the workbook's language.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from clirun import checksums, run
from openpyxl import load_workbook
from rendered import english
from test_responseimport_package import COL, _answer_all

from crmselect.documents.workbook import write_workbook
from crmselect.errors import CrmselectError
from crmselect.responseimport import import_responses


def test_an_amount_too_large_for_a_number_names_its_cell(small, workbook, tmp_path):
    wb = load_workbook(workbook)
    row = next(r for r in range(2, wb["Requirements"].max_row + 1)
               if wb["Requirements"][f"A{r}"].value)
    filled = _answer_all(workbook, tmp_path / "filled.xlsx", **{
        f"{COL['compliance']}{row}": "Third party",
        f"{COL['third_party_product']}{row}": "X",
        f"{COL['third_party_cost_per_year']}{row}": "9" * 400,
    })
    with pytest.raises(CrmselectError) as info:
        import_responses(small, filled, "odoo")
    [issue] = [i for i in info.value.issues if "is not a number" in english(i.message)]
    assert issue.where == f"Requirements!{COL['third_party_cost_per_year']}{row}"


def test_invisible_marks_pasted_with_an_id_are_ignored(small, workbook, tmp_path):
    wb = load_workbook(workbook)
    ws = wb["Requirements"]
    rows = [r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value]
    first, second = rows[:2]
    filled = _answer_all(workbook, tmp_path / "filled.xlsx", **{
        f"A{first}": ws[f"A{first}"].value + "\u200b",
        f"A{second}": "\u202a" + ws[f"A{second}"].value,
    })
    result = import_responses(small, filled, "odoo")
    assert result.unanswered == 0


def test_an_amount_too_large_in_the_workbook_names_its_cell_and_the_limit(small, workbook,
                                                                         tmp_path):
    ws = load_workbook(workbook)["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value)
    bad = _answer_all(workbook, tmp_path / "bad.xlsx", **{
        f"{COL['compliance']}{row}": "Third party",
        f"{COL['third_party_product']}{row}": "X",
        f"{COL['third_party_cost_per_year']}{row}": 1.7e308,
    })
    with pytest.raises(CrmselectError) as info:
        import_responses(small, bad, "odoo")
    [issue] = info.value.issues
    assert issue.where == f"Requirements!{COL['third_party_cost_per_year']}{row}"
    assert english(issue.message) == "1.7e+308 is more than 1,000,000,000,000,000"


def test_a_newline_in_a_workbook_id_cannot_forge_an_output_line(small, workbook, tmp_path):
    ws = load_workbook(workbook)["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value)
    bad = _answer_all(workbook, tmp_path / "bad.xlsx", **{
        f"A{row}": "NOPE-X-001\nforged.xlsx: Requirements!A1: all answers accepted\r"})
    code, err = run("responses", "import", small, bad, "--vendor", "odoo")
    assert code == 1
    assert not any(line.startswith("forged") for line in err.splitlines())
    assert "NOPE-X-001\\nforged.xlsx: Requirements!A1: all answers accepted" in err
    assert "\r" not in err


def test_a_roadmap_date_far_away_in_the_workbook_names_its_cell(small, workbook, tmp_path):
    import datetime as dt

    ws = load_workbook(workbook)["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value)
    bad = _answer_all(workbook, tmp_path / "bad.xlsx", **{
        f"{COL['compliance']}{row}": "On the roadmap",
        f"{COL['roadmap_date']}{row}": dt.date(9999, 12, 31)})
    with pytest.raises(CrmselectError) as info:
        import_responses(small, bad, "odoo")
    [issue] = info.value.issues
    assert issue.where == f"Requirements!{COL['roadmap_date']}{row}"
    assert english(issue.message) == ("31 December 9999 is outside the dates a selection plans "
                                      "with (1 January 1990 to 31 December 2100)")


# --- prices with VAT words, words for nothing and currency names -----------------------------


def _priced(workbook: Path, out: Path, **prices: object) -> Path:
    """``workbook`` with every requirement answered and the Pricing sheet's rows (by their
    hidden key in column D) set to ``prices``."""
    filled = _answer_all(workbook, out)
    wb = load_workbook(filled)
    ws = wb["Pricing"]
    rows = {ws[f"D{r}"].value: r for r in range(2, ws.max_row + 1)}
    for key, value in prices.items():
        ws[f"B{rows[key]}"] = value
    wb.save(out)
    return out


def _cell(workbook: Path, key: str) -> str:
    ws = load_workbook(workbook)["Pricing"]
    return next(f"Pricing!B{r}" for r in range(2, ws.max_row + 1) if ws[f"D{r}"].value == key)


def test_a_price_plus_vat_in_the_workbook_is_imported_as_the_price(small, workbook, tmp_path):
    filled = _priced(workbook, tmp_path / "kdv.xlsx", **{
        "implementation": "18.500 TL + KDV", "training": "2.000 (KDV hariç)"})
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 0, err
    pricing = yaml.safe_load((small / "responses" / "odoo.yaml").read_text("utf-8"))["pricing"]
    # the small project's workbook is English: a lone "." before three digits is a decimal
    # point there, so "18.500" would be 18.5; TL in the cell and the Turkish form are not
    # what decides it, the workbook's language is (as for any other amount)
    assert pricing["implementation"] == 18.5
    assert pricing["training"] == 2.0


def test_a_price_with_vat_a_word_for_nothing_and_two_currencies_each_say_what_to_do(
        small, workbook, tmp_path):
    filled = _priced(workbook, tmp_path / "odd.xlsx", **{
        "implementation": "21,830 TL incl. VAT", "training": "N/A",
        "consulting": "€ 1,200 TL", "data_migration": "x" * 5000})
    before = checksums(small)
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 1
    lines = err.strip().splitlines()
    assert (f"{filled}: {_cell(filled, 'implementation')}: row “Implementation (one-off)”: "
            "'21,830 TL incl. VAT' is not a number "
            "(prices are given without VAT: write the amount without it)") in lines
    assert (f"{filled}: {_cell(filled, 'training')}: row “Training (one-off)”: 'N/A' is not a "
            "number (write 0 if it "
            "costs nothing, or leave the cell empty if it does not apply)") in lines
    assert (f"{filled}: {_cell(filled, 'consulting')}: row “Consulting (one-off)”: '€ 1,200 TL' "
            "is not a number (one "
            "currency per amount: the Pricing sheet's currency cell says which)") in lines
    long_line = next(line for line in lines if _cell(filled, "data_migration") + ":" in line)
    assert len(long_line) < len(str(filled)) + 150 and "x…'" in long_line  # with its label
    assert "Traceback" not in err
    assert checksums(small) == before


def test_the_hints_are_in_turkish_too(small, workbook, tmp_path):
    filled = _priced(workbook, tmp_path / "odd.xlsx", **{
        "implementation": "21.830 TL KDV dahil", "training": "Ücretsiz"})
    code, err = run("responses", "import", small, filled, "--vendor", "odoo", lang="tr")
    assert code == 1
    assert "(fiyatlar KDV hariç verilir: tutarı KDV'siz yazın)" in err
    assert "'Ücretsiz' bir sayı değil (ücretsizse 0 yazın;" in err


def test_a_price_in_euro_words_in_a_lira_bid_is_caught_as_another_currency(
        small, workbook, tmp_path):
    filled = _priced(workbook, tmp_path / "euro.xlsx", implementation="1.000 Euro")
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 1
    assert f"{_cell(filled, 'implementation')}: row “Implementation (one-off)”: '1.000 Euro'" in err
    assert "EUR" in err


# --- a formula quoted in a message -----------------------------------------------------------


def test_a_formula_quoted_in_a_message_is_cut_with_an_ellipsis(small, workbook, tmp_path):
    formula = '=HYPERLINK("http://example.com/a-long-address","click here")'
    filled = _answer_all(workbook, tmp_path / "f.xlsx", J2=formula)
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 1
    assert "'=HYPERLINK(\"http://example.com/a-long-a…')" in err


# --- compliance typed by hand, without the drop-down -----------------------------------------


def test_compliance_typed_without_turkish_letters_a_hyphen_or_the_brackets_is_read(
        small, tmp_path):
    path = write_workbook(small, vendor="odoo", lang="tr").path
    wb = load_workbook(path)
    ws = wb["Gereksinimler"]
    rows = [r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value]
    typed = ["Ucuncu taraf", "OZEL GELISTIRME", "Yol haritasinda", "standart", "third-party",
             "Yapilandirilabilir"]
    for row, value in zip(rows, typed * len(rows), strict=False):
        ws[f"I{row}"] = value
        ws[f"L{row}"] = "Ürün"  # a third-party answer names its product
        ws[f"N{row}"] = 3  # a custom one its effort
        ws[f"O{row}"] = "30.06.2027"  # a roadmap one its date
    wb.save(tmp_path / "elle.xlsx")
    code, err = run("responses", "import", small, tmp_path / "elle.xlsx", "--vendor", "odoo",
                    lang="tr")
    assert code == 0, err
    answers = yaml.safe_load((small / "responses" / "odoo.yaml").read_text("utf-8"))["responses"]
    got = [answers[ws[f"A{r}"].value]["compliance"] for r in rows[:6]]
    assert got == ["third_party", "custom", "roadmap", "native", "third_party", "configurable"]


@pytest.mark.parametrize("typed", ["Hazır", "N/A", "Evet", "yes"])
def test_an_answer_that_is_no_compliance_level_is_still_refused(small, tmp_path, typed):
    path = write_workbook(small, vendor="odoo", lang="tr").path
    wb = load_workbook(path)
    ws = wb["Gereksinimler"]
    for r in range(2, ws.max_row + 1):
        if ws[f"A{r}"].value:
            ws[f"I{r}"] = "Yapılandırılabilir"
    ws["I2"] = typed
    wb.save(tmp_path / "b.xlsx")
    code, err = run("responses", "import", small, tmp_path / "b.xlsx", "--vendor", "odoo",
                    lang="tr")
    assert code == 1
    assert f"Gereksinimler!I2: '{typed}' bir karşılama düzeyi değil" in err


def test_compliance_pasted_with_a_zero_width_space_is_read(small, workbook, tmp_path):
    filled = _answer_all(workbook, tmp_path / "zw.xlsx", I2="\u00a0Configurable\u200b")
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 0, err


# --- a column deleted or inserted in the Pricing or Company sheet ----------------------------


@pytest.mark.parametrize("sheet, change, cell", [
    ("Pricing", lambda ws: ws.delete_cols(3), "C2"),
    ("Pricing", lambda ws: ws.insert_cols(2), "E2"),
    ("Company", lambda ws: ws.delete_cols(3), "C2"),
], ids=["pricing-deleted", "pricing-inserted", "company-deleted"])
def test_a_moved_key_column_is_one_error_not_one_per_row(small, workbook, tmp_path, sheet,
                                                         change, cell):
    """Deleting the Pricing sheet's description column gave "row 6 was added to the sheet" for
    every price, and inserting one "unknown price row 'in the currency above'"."""
    filled = _priced(workbook, tmp_path / "priced.xlsx", **{
        "currency": "TRY", "implementation": 1000, "training": 500})
    wb = load_workbook(filled)
    ws = wb[sheet]
    ws.protection.sheet = False
    change(ws)
    wb.save(tmp_path / "moved.xlsx")
    before = checksums(small)
    code, err = run("responses", "import", small, tmp_path / "moved.xlsx", "--vendor", "odoo")
    assert code == 1
    letter = cell[0]
    assert err.strip().splitlines() == [
        f"{tmp_path / 'moved.xlsx'}: {sheet}!{cell}: the keys of this sheet's rows (hidden "
        f"column D) are in column {letter}: a column was deleted or inserted, so no row can be "
        "read; put the columns back as they were sent"]
    assert checksums(small) == before


def test_a_vendors_own_formula_beside_the_pricing_sheet_is_still_not_read(small, workbook,
                                                                         tmp_path):
    filled = _priced(workbook, tmp_path / "priced.xlsx", implementation=1000)
    wb = load_workbook(filled)
    wb["Pricing"]["F10"] = "=B10*1.2"  # the vendor's own VAT-included figure, not computed
    wb.save(tmp_path / "own.xlsx")
    code, err = run("responses", "import", small, tmp_path / "own.xlsx", "--vendor", "odoo")
    assert code == 0, err


# --- a Pricing or Company cell's message names its row ---------------------------------------


def _labelled_workbook(small: Path, lang: str, out: Path) -> tuple[Path, str, str]:
    """The small project's workbook in ``lang``, every requirement answered, 'N/A' as the
    training price and 0 weeks of implementation; with the two cells."""
    wb = load_workbook(write_workbook(small, vendor="odoo", lang=lang).path)
    requirements, pricing, company = wb.worksheets[2], wb.worksheets[3], wb.worksheets[4]
    level = {"en": "Configurable", "tr": "Yapılandırılabilir"}[lang]
    for row in range(2, requirements.max_row + 1):
        if requirements[f"A{row}"].value:
            requirements[f"{COL['compliance']}{row}"] = level
    cells = []
    for ws, key, value in ((pricing, "currency", "EUR"), (pricing, "training", "N/A"),
                           (company, "implementation_weeks", 0)):
        row = next(r for r in range(2, ws.max_row + 1) if ws[f"D{r}"].value == key)
        ws[f"B{row}"] = value
        cells.append(f"{ws.title}!B{row}")
    wb.save(out)
    return out, cells[1], cells[2]


@pytest.mark.parametrize("lang, training, weeks", [
    ("en", "row “Training (one-off)”: 'N/A' is not a number",
     "row “Implementation time until go-live (weeks)”: must be more than 0"),
    ("tr", "“Eğitim (tek seferlik)” satırı: 'N/A' bir sayı değil",
     "“Canlıya geçişe kadar kurulum ve uyarlama süresi (hafta)” satırı: 0'dan büyük olmalı")])
def test_a_pricing_or_company_error_names_the_rows_label_after_its_cell(small, tmp_path, lang,
                                                                         training, weeks):
    """'Company!B7: must be more than 0' said nothing to who fills the sheet in: the label of
    column A follows the cell, in the workbook's language."""
    filled, training_cell, weeks_cell = _labelled_workbook(small, lang, tmp_path / "l.xlsx")
    before = checksums(small)
    code, err = run("responses", "import", small, filled, "--vendor", "odoo", lang=lang)
    assert code == 1 and "Traceback" not in err
    lines = err.splitlines()
    assert any(line.startswith(f"{filled}: {training_cell}: {training}") for line in lines), err
    assert f"{filled}: {weeks_cell}: {weeks}" in lines, err
    assert checksums(small) == before


# --- days in the reader's language, ids pointed to the id they resemble ----------------------


def test_an_imported_responses_header_has_the_day_in_the_turkish_form(small, workbook,
                                                                       tmp_path):
    """'…2026-12-06 tarihinde içe aktarıldı' in a Turkish project's response file."""
    from crmselect.i18n.formatting import format_date

    project = small / "project.yaml"
    project.write_text(project.read_text("utf-8").replace("language: en", "language: tr"),
                       "utf-8")
    filled = _answer_all(workbook, tmp_path / "all.xlsx")
    before = dt.date.today()
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 0, err
    header = next(line for line in (small / "responses" / "odoo.yaml").read_text(
        "utf-8").splitlines() if "içe aktarıldı" in line)
    days = {format_date(day, "tr") for day in (before, dt.date.today())}
    assert any(f"{day} tarihinde içe aktarıldı" in header for day in days), header
    assert not re.search(r"\d{4}-\d\d-\d\d", header), header


# (an id of the project retyped in lower case, ops-srv-002, is read: test_responseimport_edits)
@pytest.mark.parametrize("typed", ["OPS-SRV-0002", "ops-srv-0002"])
def test_a_malformed_id_in_the_workbook_gets_did_you_mean(small, workbook, tmp_path, typed):
    filled = _answer_all(workbook, tmp_path / "ids.xlsx")
    wb = load_workbook(filled)
    ws = wb["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == "OPS-SRV-002")
    ws[f"A{row}"] = typed
    wb.save(filled)
    code, err = run("responses", "import", small, filled, "--vendor", "odoo")
    assert code == 1
    assert (f"{filled}: Requirements!A{row}: {typed} is not a requirement of this project "
            "(did you mean OPS-SRV-002?)") in err.splitlines(), err


def test_a_roadmap_date_out_of_range_is_written_in_the_turkish_form(small, workbook, tmp_path):
    ws = load_workbook(workbook)["Requirements"]
    row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value)
    bad = _answer_all(workbook, tmp_path / "far.xlsx", **{
        f"{COL['compliance']}{row}": "On the roadmap",
        f"{COL['roadmap_date']}{row}": dt.date(2150, 6, 30)})
    code, err = run("responses", "import", small, bad, "--vendor", "odoo", lang="tr")
    assert code == 1
    assert ("30 Haziran 2150, bir seçim sürecinde kullanılabilecek tarih aralığının dışında "
            "(1 Ocak 1990 ile 31 Aralık 2100 arası)") in err, err
