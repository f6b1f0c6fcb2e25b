"""Hand-typed and vendor-sent files a user feeds crmselect (helper s13): each is refused in one
line naming the file, the line and the field, in English and Turkish, or read as it was meant."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from clirun import checksums, run

from crmselect.kpi import load_kpis, read_inputs


def test_a_utf16_kpi_file_is_read_like_every_other_yaml_file(tmp_path: Path):
    """Notepad's "Unicode" is UTF-16: the file was parsed, then read again as UTF-8 (traceback)."""
    path = tmp_path / "anket.yaml"
    path.write_bytes("promoters: 1.200\ndetractors: 30\ntotal_responses: 2.000\n"
                     .encode("utf-16"))
    assert read_inputs(path, load_kpis()["nps"], decimal_comma=True) == {
        "promoters": 1200, "detractors": 30, "total_responses": 2000}
    code, err = run("kpi", "compute", "nps", "--file", path, lang="tr")
    assert (code, err) == (0, "")


def test_a_price_offer_joins_technical_answers_saved_as_utf16(tmp_path: Path):
    """Two envelopes: responses/odoo.yaml re-saved in Notepad as UTF-16 loads (the project
    accepts it), but the price offer's import read it again as UTF-8 and blamed the workbook
    ("damaged or not an .xlsx workbook (UnicodeDecodeError)")."""
    import shutil

    from test_response_envelopes import DATA, PRICING, _fill, _technical, _two_envelopes

    from crmselect.documents.workbook import write_workbook
    from crmselect.responseimport import import_responses

    project = tmp_path / "project"
    shutil.copytree(DATA / "project", project)
    _two_envelopes(project)
    _technical(project, tmp_path)
    saved = project / "responses" / "odoo.yaml"
    saved.write_bytes(saved.read_text(encoding="utf-8").encode("utf-16"))
    pricing = write_workbook(project, vendor="odoo", pricing=True).path
    filled = _fill(pricing, tmp_path / "prices.xlsx", pricing=PRICING,
                   costs={"OPS-MKT-001": 1800})
    import_responses(project, filled, "odoo")
    response = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert response["responses"]["OPS-MKT-001"] == {
        "compliance": "third_party", "third_party_product": "Mailchimp",
        "third_party_cost_per_year": 1800}
    assert response["pricing"]["currency"] == "EUR"


def test_the_setup_pages_edit_a_utf16_project_yaml(new_project: Path, app_factory) -> None:
    """The project loads from a UTF-16 project.yaml, so `crmselect setup` starts; each setup
    page then read the file again as UTF-8: an error page (500) instead of the form."""
    from test_web_setup import ORGANISATION, post

    path = new_project / "project.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    client = app_factory(new_project, SETUP=True).test_client()
    client.as_user("selin")
    assert client.get("/setup/organisation").status_code == 200
    response = post(client, "/setup/organisation", ORGANISATION)
    assert response.status_code == 302, response.text[:2000]
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))  # saved back as UTF-8
    assert saved["organisation"]["name"] == "Acme Makina A.Ş."


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


DECIMAL_EN = ("use a decimal point (4.0)", "ondalık ayırıcı olarak nokta kullanın (4.0)")


def test_a_decimal_comma_in_a_one_line_exchange_rate_is_one_problem_explained(
        sample_project: Path):
    """``{EUR: 37,5, USD: 34.5}`` is ``EUR: 37`` and a key ``5``: two puzzling problems
    ("expected text, got 5" and "expected a number, got None") and no word of the comma."""
    _edit(sample_project / "project.yaml", "{EUR: 37.5,", "{EUR: 37,5,")
    before = checksums(sample_project)
    for lang, advice in zip(("en", "tr"), DECIMAL_EN, strict=True):
        code, err = run("validate", sample_project, lang=lang)
        lines = err.splitlines()
        assert code == 1 and len(lines) == 1, err
        assert lines[0].startswith(f"{sample_project / 'project.yaml'}:38:26: exchange_rates[5]: ")
        assert advice in lines[0]
    assert checksums(sample_project) == before


def test_a_decimal_comma_in_one_line_prices_is_explained_at_the_duplicate_key(
        sample_project: Path):
    """``{standard: 31,1, light: 31,1}`` repeats the key ``1``: the duplicate was reported
    without a word of the decimal comma that made it."""
    response = sample_project / "responses" / "odoo.yaml"
    _edit(response, "{standard: 31.1, light: 31.1}", "{standard: 31,1, light: 31,1}")
    for lang, advice in zip(("en", "tr"), DECIMAL_EN, strict=True):
        code, err = run("validate", sample_project, lang=lang)
        assert code == 1 and err.startswith(f"{response}:13:46: "), err
        assert advice in err.splitlines()[0]
    _edit(response, "{standard: 31,1, light: 31,1}", "{standard: 31,1, light: 31.1}")
    code, err = run("validate", sample_project)
    assert code == 1 and err.startswith(f"{response}:13:33: pricing.per_user_month[1]: ")
    assert DECIMAL_EN[0] in err.splitlines()[0] and len(err.splitlines()) == 1, err


def test_a_decimal_comma_in_a_one_line_kpi_file_is_explained(tmp_path: Path):
    path = tmp_path / "anket.yaml"
    path.write_text("{promoters: 120,5, detractors: 30, total_responses: 300}\n",
                    encoding="utf-8")
    for lang, advice in zip(("en", "tr"), DECIMAL_EN, strict=True):
        code, err = run("kpi", "compute", "nps", "--file", path, lang=lang)
        assert code == 1 and err.startswith(f"{path}:1:17: [5]: "), err
        assert advice in err


@pytest.mark.parametrize(("typed", "meant"), [
    ("Yapılandırılabilir", "configurable"), ("yapilandirilablir", "configurable"),
    ("Standart", "native"), ("Üçüncü taraf", "third_party"), ("third party", "third_party"),
    ("Yol haritasında", "roadmap"), ("Özel geliştirme", "custom")])
def test_a_compliance_level_typed_as_the_workbook_labels_it_gets_its_code(
        sample_project: Path, typed: str, meant: str):
    """A response typed by hand with the Turkish workbook's words got the list of codes only,
    not which code the word stands for."""
    response = sample_project / "responses" / "odoo.yaml"
    _edit(response, "compliance: configurable", f"compliance: {typed}")
    code, err = run("validate", sample_project, lang="tr")
    assert code == 1
    assert err.splitlines() == [
        f"{response}:28:17: responses.CUS-SRV-001.compliance: '{typed}' geçerli değil; şunlardan "
        "biri olmalı: native, configurable, third_party, custom, roadmap, none (şunu mu demek "
        f"istediniz: {meant}?)"]


def test_a_currency_code_that_names_no_currency_is_refused_where_it_is_typed(
        sample_project: Path):
    """``currency: TLL`` was taken; the only problem told was at a vendor's price in TRY, with
    the advice to add an exchange rate for TRY, the currency the project meant."""
    project = sample_project / "project.yaml"
    _edit(project, "currency: TRY", "currency: TLL")
    _edit(project, "{EUR: 37.5, USD: 34.5}", "{EUR: 37.5, USD: 34.5, ABC: 1}")
    before = checksums(sample_project)
    code, err = run("validate", sample_project)
    assert code == 1
    assert err.splitlines() == [
        f"{project}:37:11: currency: 'TLL' is not a currency code in use: write its "
        "three-letter ISO 4217 code (did you mean TRY?)",
        f"{project}:38:40: exchange_rates.ABC: 'ABC' is not a currency code in use: write its "
        "three-letter ISO 4217 code, like EUR or TRY",
        "Error: 2 problems in 1 file; nothing was loaded."]
    code, err = run("validate", sample_project, lang="tr")
    assert err.splitlines()[0] == (
        f"{project}:37:11: currency: 'TLL' geçerli bir para birimi kodu değil: üç harfli ISO "
        "4217 kodunu yazın (şunu mu demek istediniz: TRY?)")
    assert checksums(sample_project) == before


def test_a_price_in_the_old_turkish_lira_is_refused_at_the_response(sample_project: Path):
    response = sample_project / "responses" / "odoo.yaml"
    _edit(response, "currency: EUR", "currency: TRL")
    code, err = run("validate", sample_project)
    assert (code, err.splitlines()) == (1, [
        f"{response}:11:13: pricing.currency: 'TRL' is not a currency code in use: write its "
        "three-letter ISO 4217 code (did you mean TRY?)"])


def test_the_currencies_in_use_are_known_and_retired_ones_are_not():
    from crmselect.currencies import ISO_CODES

    assert {"TRY", "EUR", "USD", "GBP", "CHF", "JPY", "AED", "SAR"} <= ISO_CODES
    assert not {"TRL", "XXX", "XTS", "BGN", "XAU"} & ISO_CODES


def test_a_copied_scoring_sheet_with_other_scores_is_refused(basic: Path):
    """An evaluator copies "Requirements" (Excel's "Requirements (2)") and scores there: the
    copy was skipped without a word and its scores were lost."""
    from openpyxl import load_workbook
    from test_scoring_sheet import import_errors, row_of, template
    from test_scoring_sheet import run as run_out

    path = template(basic, "zeynep")
    wb = load_workbook(path)
    ws = wb["Requirements"]
    r = row_of(ws, "INT-API-001")
    ws[f"E{r}"] = 4
    copy = wb.copy_worksheet(ws)
    copy.title = "Requirements (2)"
    copy[f"E{r}"] = 2
    wb.save(path)
    assert import_errors(basic, path) == [
        "FILE: Requirements (2)!A1: the sheet 'Requirements (2)' is a copy of 'Requirements' "
        "with other content, which is not read: put the scores into 'Requirements' and delete "
        "the copy"]
    code, _, err = run_out("scores", "import", basic, path, "--lang", "tr")
    assert code == 1 and "'Requirements (2)' sayfası, 'Requirements' sayfasının içeriği " \
        "değiştirilmiş bir kopyası ve okunmaz: puanları 'Requirements' sayfasına yazın" in err
    copy[f"E{r}"] = 4  # a copy with the same content loses nothing: read as before
    wb.save(path)
    code, out, err = run_out("scores", "import", basic, path)
    assert code == 0 and "1 added" in out, err


def test_a_negative_monte_carlo_seed_is_refused_at_its_line(sample_project: Path):
    """``seed: -1`` was taken, then sensitivity, score and report stopped with numpy's
    traceback ("expected non-negative integer"); ``--seed -5`` too."""
    project = sample_project / "project.yaml"
    _edit(project, "seed: 2027", "seed: -1")
    for command in ("validate", "sensitivity"):
        code, err = run(command, sample_project)
        assert (code, err.splitlines()) == (1, [
            f"{project}:255:9: scoring.seed: -1 must be >= 0"]), err
    _edit(project, "seed: -1", "seed: 2027")
    code, err = run("sensitivity", sample_project, "--seed", "-5", lang="tr")
    assert code == 2 and "Hata: '--seed' için geçersiz değer: -5, x>=0 aralığında değil." in err


@pytest.mark.parametrize(("old", "new", "where"), [
    ("horizon_years: 5", "horizon_years: true", "47:18: tco.horizon_years"),  # 1 year
    ("samples: 2000", "samples: true", "254:24: scoring.monte_carlo_samples"),
    ("in_rfp: true", "in_rfp: true\n  demo_minutes_per_vendor: true",
     "260:28: evaluation.demo_minutes_per_vendor")])
def test_true_is_not_a_number_of_years_samples_or_minutes(sample_project: Path, old: str,
                                                          new: str, where: str):
    """``horizon_years: true`` was a one-year horizon (the "first year free" trap the
    horizon check is there to catch), ``demo_minutes_per_vendor: true`` one minute."""
    project = sample_project / "project.yaml"
    _edit(project, old, new)
    code, err = run("validate", sample_project)
    assert code == 1 and err.startswith(f"{project}:{where}: expected a whole number, got true")


def test_a_monte_carlo_concentration_out_of_range_is_told_at_its_line(sample_project: Path):
    """It was refused only when sampling, without the file or line of the setting."""
    project = sample_project / "project.yaml"
    _edit(project, "seed: 2027", "seed: 2027\n  monte_carlo_concentration: 1e308")
    code, err = run("sensitivity", sample_project)
    assert (code, err.splitlines()) == (1, [
        f"{project}:256:30: scoring.monte_carlo_concentration: '1e308' must be <= 10,000"])


def test_the_json_schemas_bound_numbers_with_json_schema_words():
    """Editors check ``minimum``/``maximum``; pydantic wrote ``ge``/``le`` for every number
    that refuses true/false (prices, counts, weights), so an editor checked none of them."""
    import json

    from crmselect.scaffold import json_schemas

    def keys(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from keys(value)
        elif isinstance(node, list):
            for item in node:
                yield from keys(item)

    schemas = {kind: json.loads(text) for kind, text in json_schemas().items()}
    for kind, schema in schemas.items():
        assert not {"ge", "le", "gt", "lt"} & set(keys(schema)), kind
    training = schemas["response"]["$defs"]["Pricing"]["properties"]["training"]
    assert (training["minimum"], training["maximum"]) == (0, 1e15)
    tco = schemas["project"]["$defs"]["Tco"]["properties"]["horizon_years"]
    assert (tco["minimum"], tco["maximum"], tco["type"]) == (1, 15, "integer")


def test_an_out_that_is_a_file_is_named_not_the_project_folder(basic: Path):
    """``crmselect build`` with a file named ``out`` said the project folder was "a file, not a
    folder"."""
    (basic / "out").write_text("notes\n", encoding="utf-8")
    for lang, said in (("en", "is a file, not a folder"), ("tr", "bir dosya, klasör değil")):
        code, err = run("build", basic, lang=lang)
        assert code == 1 and err.splitlines()[0].endswith(f"{basic / 'out'} {said}"), err
    assert (basic / "out").read_text(encoding="utf-8") == "notes\n"


def test_a_day_first_date_is_answered_with_the_date_it_names(sample_project: Path):
    """``submitted: 04.02.2027`` (as a Turkish reader writes a date) got only the pattern; the
    hint now writes the date meant in the form asked for. ``31.02.2027`` names no day: no hint."""
    response = sample_project / "responses" / "odoo.yaml"
    _edit(response, "submitted: 2027-02-04", "submitted: 04.02.2027")
    _edit(sample_project / "scores.yaml", "at: '2027-02-23T13:42:00+03:00'",
          "at: 23.02.2027 13:42")
    _edit(sample_project / "project.yaml", "rfp_issued: 2027-01-11", "rfp_issued: 31.02.2027")
    code, err = run("validate", sample_project, lang="tr")
    lines = err.splitlines()
    assert code == 1
    assert f"{response}:5:12: submitted: 2026-12-31 biçiminde bir tarih bekleniyordu; verilen " \
           "değer: '04.02.2027' (şunu mu demek istediniz: 2027-02-04?)" in lines, err
    assert any(line.endswith("verilen değer: '23.02.2027 13:42' (şunu mu demek istediniz: "
                             "2027-02-23T13:42:00?)") for line in lines), err
    assert any(line.endswith("verilen değer: '31.02.2027'") for line in lines), err


def test_a_scoring_sheet_and_a_response_workbook_given_to_the_other_import_are_named(
        basic: Path):
    """A scoring sheet given to `responses import` gave 15 column problems ("expected the
    column 'Custom effort (days)' here"); a response workbook given to `scores import` was
    told to make a scoring sheet. Each is now named, with the command that imports it."""
    from test_scoring_sheet import template

    from crmselect.documents.workbook import write_workbook

    sheet = template(basic, "zeynep")
    before = checksums(basic)
    code, err = run("responses", "import", basic, sheet, "--vendor", "alpha")
    assert (code, err.splitlines()) == (1, [
        f"{sheet}: this is an evaluator's scoring sheet, not a vendor's response "
        "workbook (import it with: crmselect scores import DIR FILE)"]), err
    workbook = write_workbook(basic, vendor="alpha").path
    code, err = run("scores", "import", basic, workbook, lang="tr")
    assert (code, err.splitlines()) == (1, [
        f"{workbook}: bu çalışma kitabı bir crmselect puanlama formu değil (bu bir "
        "tedarikçi yanıt çalışma kitabı: crmselect responses import DIR FILE --vendor VENDOR "
        "komutuyla içe aktarın)"]), err
    assert checksums(basic) == before


def test_a_file_in_the_way_of_a_new_project_or_scoring_sheet_is_a_message(tmp_path: Path,
                                                                            basic: Path):
    """``init notes.txt/acme --sample`` and ``scores template --out notes.txt/x.xlsx`` made the
    folders with a bare mkdir: NotADirectoryError's traceback."""
    blocking = tmp_path / "notes.txt"
    blocking.write_text("mine\n", encoding="utf-8")
    code, err = run("init", blocking / "acme", "--sample", lang="tr")
    assert (code, err.splitlines()) == (1, [
        f"{blocking / 'acme' / 'project.yaml'}: dosya yazılamıyor: {blocking} bir dosya, "
        "klasör değil"]), err
    code, err = run("scores", "template", basic, "--evaluator", "zeynep", "--out",
                    blocking / "x.xlsx")
    assert (code, err.splitlines()) == (1, [
        f"{blocking / 'x.xlsx'}: cannot write the file: {blocking} is a file, not a folder"])
    assert blocking.read_text(encoding="utf-8") == "mine\n"


def test_an_unknown_ahp_item_is_told_at_its_line_by_validate(sample_project: Path):
    """``items: [operational, analitik]`` passed `validate`; `score` then named the item
    without a line ("project.yaml: weights.ahp.areas.items.1: …")."""
    project = sample_project / "project.yaml"
    _edit(project, "  areas: {operational: 50, analytical: 15, collaborative: 20, e_crm: 15}\n",
          "  ahp:\n    areas:\n      items: [operational, analitik]\n"
          "      matrix: [[1, 3], [1/3, 1]]\n")
    for command in ("validate", "score"):
        code, err = run(command, sample_project)
        assert (code, err.splitlines()) == (1, [
            f"{project}:251:28: weights.ahp.areas.items[1]: 'analitik' is not one of the areas "
            "of this project (did you mean analytical?)"]), err


@pytest.mark.parametrize(("typed", "hint"), [
    ("9.000.000", " (sayıyı yalın biçimde yazın: 9000000)"),
    ("9 000 000", " (sayıyı yalın biçimde yazın: 9000000)"),
    ('"9.000.000,50"', " (sayıyı yalın biçimde yazın: 9000000.5)"),
    ("12.5.2027", ""), ("9.000.000 TL", "")])  # no number, or a currency said elsewhere
def test_a_number_with_thousands_separators_is_answered_with_the_plain_number(
        sample_project: Path, typed: str, hint: str):
    """``target_budget: 9.000.000`` (as a Turkish reader writes nine million) got "expected a
    number" and no word of what to write."""
    project = sample_project / "project.yaml"
    _edit(project, "target_budget: 9000000", f"target_budget: {typed}")
    code, err = run("validate", sample_project, lang="tr")
    shown = typed.strip('"')
    assert (code, err.splitlines()) == (1, [
        f"{project}:48:18: tco.target_budget: sayı bekleniyordu; verilen değer: '{shown}'"
        f"{hint}"]), err


def test_a_percentage_typed_with_its_sign_in_a_pct_field_gets_the_plain_number(
        sample_project: Path):
    response = sample_project / "responses" / "odoo.yaml"
    _edit(response, "yearly_increase_pct: 5", "yearly_increase_pct: 5%")
    _edit(sample_project / "project.yaml", "unverified_discount: 0.2", "unverified_discount: 20%")
    code, err = run("validate", sample_project)
    assert code == 1
    assert f"{response}:14:24: pricing.yearly_increase_pct: expected a number, got '5%' (write " \
           "it as a plain number: 5)" in err.splitlines(), err
    assert any(line.endswith("scoring.unverified_discount: expected a number, got '20%' (write it "
                             "without the percent sign: a share is written as a fraction (0.2), "
                             "other numbers as they are)")
               for line in err.splitlines()), err  # a share from 0 to 1: 20 would be wrong
