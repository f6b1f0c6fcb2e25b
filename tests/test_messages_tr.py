"""Messages a user reads exist in English and Turkish; validation speaks the CLI's language."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import string
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from crmselect.cli import main
from crmselect.documents.workbook import write_workbook
from crmselect.errors import CrmselectError, did_you_mean
from crmselect.i18n import text as render_text
from crmselect.i18n import translations
from crmselect.i18n.source import SOURCE
from crmselect.loading import _PATTERN_KEYS
from crmselect.model import FILE_KINDS
from crmselect.project import load_project
from crmselect.responseimport import import_responses
from crmselect.yamlfile import parse_text

WORKBOOK_PROJECT = Path(__file__).parent / "data" / "documents" / "project"

BAD_PROJECT = """\
name: Test selection
organisation:
  name: Test A.Ş.
language: tr
currency: TRY
tco: {horizon_years: five}
requirements:
  - INT-MKT-01
  - {id: INT-MKT-002, priority: mustt}
evaluators:
  - {id: Ayse, name: Ayşe Yılmaz}
vendors: [odoo]
scenarios: [SCN-lead]
"""


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_english_and_turkish_with_the_same_placeholders():
    catalog = translations("tr")
    for key, source in SOURCE.items():
        forms = source if isinstance(source, tuple) else (source,)
        for i, english in enumerate(forms):
            if len(forms) == 2:
                turkish = catalog.npgettext(key, forms[0], forms[1], 1 if i == 0 else 2)
            else:
                turkish = catalog.pgettext(key, english)
            entry = f"{key}\x04{forms[0]}"
            known = entry in catalog._catalog or (entry, 0) in catalog._catalog
            assert english.strip() and known, key
            # Turkish nouns stay singular after a number; plurals are gettext plural forms
            assert _placeholders(turkish) <= _placeholders(english), key
            assert "(s)" not in english and "{s}" not in english, key
            for text in (english, turkish):
                params = {name: "x" for name in _placeholders(text)}
                assert all(name.isidentifier() for name in params), (key, params)
                text.format(**params)


def test_no_id_pattern_reaches_the_user():
    """Every pattern in the models has a message that says what is expected, with an example."""
    patterns: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for model in FILE_KINDS.values():
        walk(model.model_json_schema())
    assert patterns and patterns <= set(_PATTERN_KEYS)


def _lines(folder: Path, lang: str) -> list[str]:
    """The problems as the edge writes them in ``lang`` (explicitly, not through str())."""
    with pytest.raises(CrmselectError) as info:
        load_project(folder)
    return [line.replace(str(folder) + "/", "")
            for line in info.value.lines(lambda message: render_text(message, lang))]


def _write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_same_bad_project_in_english_and_turkish(tmp_path: Path, monkeypatch):
    _write(tmp_path, "project.yaml", BAD_PROJECT)
    monkeypatch.setenv("CRMSELECT_LANG", "tr")  # the environment does not leak into the text
    assert _lines(tmp_path, "en") == [
        "project.yaml:6:22: tco.horizon_years: expected a whole number, got 'five'",
        "project.yaml:8:5: requirements[0].id: expected an id like OPS-SFA-001, got 'INT-MKT-01'",
        "project.yaml:9:33: requirements[1].priority: 'mustt' is not one of must, should, "
        "could, wont (did you mean must?)",
        "project.yaml:11:10: evaluators[0].id: expected lower-case letters a–z, digits and _ "
        "starting with a letter, like ayse or sales_manager, got 'Ayse'",
        "project.yaml:13:13: scenarios[0]: expected a scenario id like SCN-LEAD2DEAL, got "
        "'SCN-lead'",
    ]
    monkeypatch.setenv("CRMSELECT_LANG", "en")
    assert _lines(tmp_path, "tr") == [
        "project.yaml:6:22: tco.horizon_years: tam sayı bekleniyordu; verilen değer: 'five'",
        "project.yaml:8:5: requirements[0].id: OPS-SFA-001 biçiminde bir kimlik bekleniyordu; "
        "verilen değer: 'INT-MKT-01'",
        "project.yaml:9:33: requirements[1].priority: 'mustt' geçerli değil; şunlardan biri "
        "olmalı: must, should, could, wont (şunu mu demek istediniz: must?)",
        "project.yaml:11:10: evaluators[0].id: harfle başlayan, küçük harf (a–z, Türkçe karakter "
        "olmadan), rakam ve _ içeren bir ad bekleniyordu, örneğin ayse ya da sales_manager; "
        "verilen değer: 'Ayse'",
        "project.yaml:13:13: scenarios[0]: SCN-LEAD2DEAL biçiminde bir senaryo kimliği "
        "bekleniyordu; verilen değer: 'SCN-lead'",
    ]


def test_cross_file_checks_in_turkish(tmp_path: Path, monkeypatch):
    text = BAD_PROJECT.replace("tco: {horizon_years: five}\n", "").replace(
        "  - INT-MKT-01\n", "  - INT-MKT-001\n  - INT-MKT-001\n").replace("mustt", "must")
    text = text.replace("Ayse", "ayse").replace("[odoo]", "[odooo]").replace(
        "SCN-lead", "SCN-LEADDEAL")
    _write(tmp_path, "project.yaml", text)
    _write(tmp_path, "scores.yaml", """\
        scores:
          - {evaluator: ayse, vendor: odoo, target: INT-MKT-001, score: 7}
        """)
    monkeypatch.setenv("CRMSELECT_LANG", "en")
    assert _lines(tmp_path, "tr") == [
        "project.yaml:8:5: requirements[1]: INT-MKT-001 gereksinimi iki kez seçilmiş",
        "project.yaml:12:11: vendors[0]: 'odooo' tedarikçisi bulunamadı (şunu mu demek "
        "istediniz: odoo?)",
        "project.yaml:13:13: scenarios[0]: SCN-LEADDEAL senaryosu bulunamadı (şunu mu demek "
        "istediniz: SCN-LEAD2DEAL?)",
        "scores.yaml:2:65: scores[0].score: en fazla 5 olabilir; verilen değer: 7",
    ]


def test_cli_prints_turkish_lines_and_summary(tmp_path: Path):
    _write(tmp_path, "project.yaml", BAD_PROJECT)
    result = CliRunner(env={"CRMSELECT_LANG": "tr"}).invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (f"{tmp_path}/project.yaml:6:22: tco.horizon_years: tam sayı "
                        "bekleniyordu; verilen değer: 'five'")
    assert lines[-1] == "Hata: 1 dosyada 5 sorun; hiçbir şey yüklenmedi."
    assert not re.search(r"[\^$]|\\d|\{\d", result.stderr)  # no regular expression


@pytest.mark.parametrize(("text", "english", "turkish"), [
    ("name: a\nother: 1\nname: b\n",
     "f.yaml:3:1: duplicate key 'name' (first at line 1); YAML keeps only one of them",
     "f.yaml:3:1: 'name' anahtarı tekrar ediyor (ilki 1. satırda); YAML bunlardan yalnızca "
     "birini tutar"),
    ("a: 1\n\tb: 2\n", "f.yaml:2:1: malformed YAML: a tab character; indent with spaces",
     "f.yaml:2:1: YAML söz dizimi hatası: sekme (tab) karakteri; girintide boşluk kullanın"),
    ("", "f.yaml:1:1: the file is empty", "f.yaml:1:1: dosya boş"),
])
def test_yaml_problems_in_both_languages(monkeypatch, text: str, english: str, turkish: str):
    for lang, expected in (("en", english), ("tr", turkish)):
        monkeypatch.setenv("CRMSELECT_LANG", "tr" if lang == "en" else "en")  # not read
        with pytest.raises(CrmselectError) as info:
            parse_text(text, Path("f.yaml"))
        assert info.value.lines(lambda message, lang=lang: render_text(message, lang)
                                ) == [expected]
        # str(): the debugging form (codes with parameters), in no reader's language
        assert str(info.value).startswith("f.yaml:") and english not in str(info.value)


def test_did_you_mean_is_a_code_the_edge_renders(monkeypatch):
    hint = did_you_mean("mustt", ["must", "should"])
    assert (hint.code, hint.params) == ("did_you_mean", {"name": "must"})
    assert render_text(hint, "en") == "did you mean must?"
    assert render_text(hint, "tr") == "şunu mu demek istediniz: must?"
    monkeypatch.setenv("CRMSELECT_LANG", "tr")  # str() is the code whatever the environment
    assert did_you_mean("odooo", ["odoo"]) == "did_you_mean(name=odoo)"
    assert render_text(did_you_mean("odooo", ["odoo"]), "tr") == "şunu mu demek istediniz: odoo?"
    assert did_you_mean("zzz", ["odoo"]) == ""


def test_workbook_import_problems_in_turkish(tmp_path: Path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(WORKBOOK_PROJECT, project)
    workbook = write_workbook(project, vendor="odoo", lang="tr").path
    wb = load_workbook(workbook)
    ws = wb.worksheets[2]
    ws["I2"] = "Evet"
    ws["J3"] = "bir yanıt"
    wb.save(workbook)
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, workbook, "odoo")
    sheet = ws.title
    assert [i.format(lambda message: render_text(message, "tr"))
            for i in info.value.issues] == [
        f"{workbook}: {sheet}!I2: 'Evet' bir karşılama düzeyi değil (Standart (hazır); "
        "Yapılandırılabilir; Üçüncü taraf; Özel geliştirme; Yol haritasında; Yok)",
        f"{workbook}: {sheet}!I3: OPS-SFA-002 için yanıt var ama karşılama düzeyi seçilmemiş",
    ]
    assert render_text(info.value.summary, "tr") == "2 sorun; hiçbir şey yazılmadı."


def run(*args: object, lang: str = "en") -> tuple[int, str, str]:
    """The CLI in ``lang``: (exit code, stdout, stderr); a traceback fails the test."""
    result = CliRunner().invoke(main, [*(str(a) for a in args), "--lang", lang],
                                env={"CRMSELECT_LANG": lang})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- a day in a sentence is written in the reader's long form ------------------------------


@pytest.mark.parametrize("lang, expected", [
    ("en", "go_live: 9999-12-31 must be <= 31 December 2100"),
    ("tr", "en fazla 31 Aralık 2100 olabilir; verilen değer: 9999-12-31"),
])
def test_a_day_bound_is_a_day_in_the_readers_language(basic, lang, expected):
    _edit(basic / "project.yaml", "scoring: {", "timeline: {go_live: 9999-12-31}\nscoring: {")
    code, _, err = run("validate", basic, lang=lang)
    assert code == 1 and expected in err, err
    assert "2100-12-31" not in err


@pytest.mark.parametrize("lang, expected", [
    ("en", "Alpha CRM › OPS-MKT-001: on the roadmap for 30 June 2027"),
    ("tr", "Alpha CRM › OPS-MKT-001: 30 Haziran 2027 için yol haritasında"),
])
def test_a_roadmap_commitment_names_its_day_in_the_readers_language(basic, lang, expected):
    code, out, err = run("score", basic, lang=lang)
    assert code == 0, err
    assert expected in out and "2027-06-30" not in out, out


# --- validate's first line: every count reads right --------------------------------------


@pytest.mark.parametrize("lang, line", [
    ("en", "valid — 8 requirements, 3 vendors, 1 scenario, 3 people who score."),
    ("tr", "geçerli — 8 gereksinim, 3 tedarikçi, 1 senaryo, puan veren 3 kişi."),
])
def test_validate_counts_each_in_its_own_number(basic, lang, line):
    code, out, err = run("validate", basic, lang=lang)
    assert code == 0, err
    assert out.splitlines()[0] == f"{basic}: {line}"


def test_one_of_each_is_singular_in_english_and_plain_in_turkish():
    from crmselect.errors import msg
    from crmselect.i18n import translate

    ones = {"requirements": msg("count_requirements", n=1), "vendors": msg("count_vendors", n=1),
            "scenarios": msg("count_scenarios", n=1), "scorers": msg("count_scorers", n=1)}
    assert translate("valid_counts", "en", path="p", **ones) == (
        "p: valid — 1 requirement, 1 vendor, 1 scenario, 1 person who scores.")
    assert translate("valid_counts", "tr", path="p", **ones) == (
        "p: geçerli — 1 gereksinim, 1 tedarikçi, 1 senaryo, puan veren 1 kişi.")


# --- a row label with a dash of its own reads right before its message --------------------


@pytest.mark.parametrize("lang, expected", [
    ("en", "row “Subscription per user per month — Standard (25 users)”: 'abc' is not a number"),
    ("tr", "“Kullanıcı başına aylık abonelik — Standart (25 kullanıcı)” satırı: "
           "'abc' bir sayı değil"),
])
def test_a_licence_row_label_with_a_dash_is_quoted_not_dashed_again(small, tmp_path, lang,
                                                                     expected):
    from openpyxl import load_workbook
    from test_responseimport_package import COL

    from crmselect.documents.workbook import write_workbook

    wb = load_workbook(write_workbook(small, vendor="odoo", lang=lang).path)
    requirements, pricing = wb.worksheets[2], wb.worksheets[3]
    level = {"en": "Configurable", "tr": "Yapılandırılabilir"}[lang]
    for row in range(2, requirements.max_row + 1):
        if requirements[f"A{row}"].value:
            requirements[f"{COL['compliance']}{row}"] = level
    rows = {pricing[f"D{r}"].value: r for r in range(2, pricing.max_row + 1)}
    pricing[f"B{rows['currency']}"] = "EUR"
    pricing[f"B{rows['per_user_month.standard']}"] = "abc"
    wb.save(tmp_path / "l.xlsx")
    code, _, err = run("responses", "import", small, tmp_path / "l.xlsx", "--vendor", "odoo",
                       lang=lang)
    assert code == 1
    cell = f"{pricing.title}!B{rows['per_user_month.standard']}"
    assert f"{tmp_path / 'l.xlsx'}: {cell}: {expected}" in err.splitlines(), err
    assert ") — '" not in err


# --- a project.yaml saved as UTF-16 is refused in the project's language -----------------


@pytest.mark.parametrize("coding", ["utf-16-le", "utf-16-be"])  # without a BOM
@pytest.mark.parametrize("lang, expected", [
    ("tr", "dosya UTF-8 metin değil; UTF-8 olarak kaydedin"),
    ("en", "the file is not UTF-8 text; save it as UTF-8"),
])
def test_a_utf16_project_file_is_refused_in_the_language_it_names(basic, coding, lang,
                                                                  expected):
    """No --lang, an English environment: the project's ``language:`` is still found."""
    path = basic / "project.yaml"
    text = path.read_text("utf-8")
    text = (text.replace("language: en", f"language: {lang}") if "language: en" in text
            else f"language: {lang}\n{text}") + "# Türkçe: ğüşıöç\n"
    path.write_bytes(text.encode(coding))
    other = {"tr": "en", "en": "tr"}[lang]
    result = CliRunner().invoke(main, ["validate", str(basic)],
                                env={"CRMSELECT_LANG": other, "LC_ALL": "", "LANG": ""})
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr


# --- a database without a fingerprint gets a database's advice ---------------------------


@pytest.mark.parametrize("lang, expected", [
    ("en", "run 'crmselect scores pull' and then 'crmselect scores push' on the project folder"),
    ("tr", "önce 'crmselect scores pull', sonra 'crmselect scores push' komutunu çalıştırın"),
])
def test_a_database_without_a_fingerprint_is_advised_a_pull_and_a_push(basic, lang, expected):
    import sqlite3

    code, _, err = run("scores", "push", basic, lang=lang)
    assert code == 0, err
    with sqlite3.connect(basic / "evaluation.db") as con:
        con.execute("delete from setting where key = 'weights_fingerprint'")
    code, out, err = run("score", basic, "--from-db", lang=lang)
    assert code == 0, err
    assert expected in out and "scores.yaml" not in out, out
    # the advice works: after a pull and a push the database has its fingerprint
    for command in ("pull", "push"):
        code, _, err = run("scores", command, basic, lang=lang)
        assert code == 0, err
    code, out, _ = run("score", basic, "--from-db", lang=lang)
    assert expected not in out


# --- a cell a row's kind does not read is refused, not dropped ----------------------------


def _csv_with_unused_cells(basic: Path, out: Path) -> dict[str, int]:
    """``basic``'s scores as CSV with flags on its first demo and consensus rows and a score
    on its second demo row; the line of each."""
    import csv

    code, _, err = run("scores", "export", basic, out)
    assert code == 0, err
    with out.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    kinds = [r[0] for r in rows]
    demo, consensus = kinds.index("demo"), kinds.index("consensus")
    rows[demo][header.index("flags")] = "changed_after_reveal"
    rows[consensus][header.index("flags")] = "interest_allowed"
    rows[demo + 1][header.index("score")] = "4"
    with out.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return {"demo": demo + 1, "consensus": consensus + 1, "demo_score": demo + 2}


@pytest.mark.parametrize("lang, flags, score", [
    ("en", "'changed_after_reveal' would be ignored: a demo row has no flags; leave the cell empty",
     "'4' would be ignored: a demo row has no score"),
    ("tr", "'changed_after_reveal' yok sayılırdı: demo satırında flags sütunu kullanılmaz; "
           "hücreyi boş bırakın",
     "'4' yok sayılırdı: demo satırında score sütunu kullanılmaz"),
])
def test_flags_on_a_demo_or_consensus_row_are_refused_with_line_and_field(basic, tmp_path, lang,
                                                                          flags, score):
    out = tmp_path / "scores.csv"
    at = _csv_with_unused_cells(basic, out)
    before = (basic / "scores.yaml").read_bytes()
    code, _, err = run("scores", "import", basic, out, lang=lang)
    assert code == 1 and "Traceback" not in err, err
    assert f"{out}:{at['demo']}: flags: {flags}" in err, err
    assert f"{out}:{at['consensus']}: flags: 'interest_allowed'" in err, err
    assert f"{out}:{at['demo_score']}: score: {score}" in err, err
    assert (basic / "scores.yaml").read_bytes() == before
    # the project's own scores.csv (its fast reader) says the same
    (basic / "scores.yaml").unlink()
    (basic / "scores.csv").write_bytes(out.read_bytes())
    code, _, err = run("validate", basic, lang=lang)
    assert code == 1, err
    assert f"scores.csv:{at['consensus']}: flags: 'interest_allowed'" in err, err
    assert f"scores.csv:{at['demo']}: flags: {flags}" in err, err


# --- a malformed requirement key in responses/ gets the import's "did you mean" -----------


@pytest.mark.parametrize("lang, hint", [
    ("en", "(did you mean OPS-MKT-001?)"),
    ("tr", "(şunu mu demek istediniz: OPS-MKT-001?)"),
])
@pytest.mark.parametrize("written", ["OPS-MKT-0001", "ops-mkt-001"])
def test_a_malformed_answer_key_in_the_project_gets_a_did_you_mean(basic, lang, hint, written):
    _edit(basic / "responses" / "alpha.yaml", "  OPS-MKT-001:", f"  {written}:")
    code, _, err = run("validate", basic, lang=lang)
    assert code == 1
    [line] = [x for x in err.splitlines() if f"responses.{written}" in x]
    assert line.startswith(f"{basic / 'responses' / 'alpha.yaml'}:15:3: ") and hint in line, err


# --- a bad key and its bad value: two problems, each at its place -------------------------


@pytest.mark.parametrize("lang, key, value", [
    ("en", "expected a three-letter currency code like EUR or TRY, got 'EURO'",
     "expected a number, got 'abc'"),
    ("tr", "EUR veya TRY gibi üç harfli bir para birimi kodu bekleniyordu; verilen değer: 'EURO'",
     "sayı bekleniyordu; verilen değer: 'abc'"),
])
def test_a_bad_key_does_not_hide_its_bad_value(basic, lang, key, value):
    _edit(basic / "project.yaml", "exchange_rates: {USD: 0.9}",
          "exchange_rates: {EURO: abc, USD: 0.9}")
    code, _, err = run("validate", basic, lang=lang)
    assert code == 1
    path = basic / "project.yaml"
    lines = [x for x in err.splitlines() if "exchange_rates" in x]
    assert lines == [f"{path}:6:18: exchange_rates.EURO: {key}",  # at the key
                     f"{path}:6:24: exchange_rates.EURO: {value}"], err  # at the value


def test_a_bad_value_under_good_keys_is_said_once(basic):
    """The union of a rate (one number, or one a year) fails twice: still one problem."""
    _edit(basic / "project.yaml", "exchange_rates: {USD: 0.9}", "exchange_rates: {USD: abc}")
    code, _, err = run("validate", basic)
    assert code == 1
    assert [x for x in err.splitlines() if "exchange_rates" in x] == [
        f"{basic / 'project.yaml'}:6:23: exchange_rates.USD: expected a number, got 'abc'"], err


# --- organisation.country: an ISO 3166 country, or refused ---------------------------------


def _country(project: Path, typed: str) -> None:
    _edit(project / "project.yaml", "organisation: {name: Fixture Ltd}",
          f"organisation: {{name: Fixture Ltd, country: {typed}}}")


@pytest.mark.parametrize("typed, stored", [
    ("TUR", "TR"), ("tur", "TR"), ("Türkiye", "TR"), ("TÜRKİYE", "TR"), ("gb", "GB"),
    ("UK", "GB"), ("DEU", "DE"), ("Almanya", "DE"), ("Germany", "DE"), ("'United States'", "US"),
])
def test_a_country_name_or_three_letter_code_is_stored_as_its_two_letter_code(basic, typed,
                                                                            stored):
    from crmselect.project import load_project

    _country(basic, typed)
    assert load_project(basic).project.organisation.country == stored


@pytest.mark.parametrize("lang, typed, said", [
    ("en", "TRK", "'TRK' is not a country: write its two-letter ISO 3166 code, such as TR, DE "
                  "or GB"),
    ("tr", "TRK", "'TRK' bir ülke değil: ülkenin iki harfli ISO 3166 kodunu yazın (TR, DE, GB "
                  "gibi)"),
    ("en", "XX", "'XX' is not a country"),
    ("en", "Germny", "'Germny' is not a country: write its two-letter ISO 3166 code "
                     "(did you mean DE, Germany?)"),
    ("tr", "Germny", "'Germny' bir ülke değil: ülkenin iki harfli ISO 3166 kodunu yazın "
                     "(şunu mu demek istediniz: DE, Almanya?)"),
    ("tr", "Turkiyee", "(şunu mu demek istediniz: TR, Türkiye?)"),
])
def test_a_country_that_is_none_is_refused_with_a_did_you_mean(basic, lang, typed, said):
    _country(basic, typed)
    code, _, err = run("validate", basic, lang=lang)
    assert code == 1
    [line] = [x for x in err.splitlines() if "organisation.country" in x]
    assert line.startswith(f"{basic / 'project.yaml'}:3:44: organisation.country: '{typed}'")
    assert said in line, err


@pytest.mark.parametrize("lang, expected", [
    ("en", "timeline.contract: 2 April 2027 is before decision (19 December 2027)"),
    ("tr", "2 Nisan 2027, kendisinden önce gelen decision tarihinden (19 Aralık 2027) önce"),
])
def test_milestones_out_of_order_are_named_as_days(basic, lang, expected):
    _edit(basic / "project.yaml", "scoring: {",
          "timeline: {decision: 2027-12-19, contract: 2027-04-02}\nscoring: {")
    code, _, err = run("validate", basic, lang=lang)
    assert code == 1 and expected in err, err


# --- who scores, and a day in a message ------------------------------------------------------


@pytest.mark.parametrize("lang, line", [
    ("en", "valid — 8 requirements, 3 vendors, 1 scenario, {n} people who score."),
    ("tr", "geçerli — 8 gereksinim, 3 tedarikçi, 1 senaryo, puan veren {n} kişi.")])
def test_validate_counts_who_scores_the_same_before_and_after_the_scores(basic, lang, line):
    """A facilitator and three evaluators: '4 değerlendirici' before scores.yaml existed and
    '3' after; the facilitator does not score unless the project says so."""
    def first_line() -> str:
        result = CliRunner().invoke(main, ["validate", str(basic), "--lang", lang])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[0]

    assert first_line() == f"{basic}: {line.format(n=3)}"
    (basic / "scores.yaml").unlink()
    assert first_line() == f"{basic}: {line.format(n=3)}"
    path = basic / "project.yaml"
    path.write_text(path.read_text("utf-8").replace(
        "scoring: {", "evaluation: {facilitator_scores: true}\nscoring: {"), "utf-8")
    assert first_line() == f"{basic}: {line.format(n=4)}"


@pytest.mark.parametrize("lang, line", [
    ("en", "Imported by crmselect from a.xlsx on 6 December 2026."),
    ("tr", "crmselect tarafından a.xlsx dosyasından 6 Aralık 2026 tarihinde içe aktarıldı.")])
def test_a_day_in_a_message_is_written_in_the_language(lang, line):
    from crmselect.errors import msg
    from crmselect.i18n import render

    header = msg("import_header", file="a.xlsx", date=dt.date(2026, 12, 6))
    assert render(header, lang) == line
    # a moment is not a day: it is left to whoever passed it
    assert render(dt.datetime(2026, 12, 6, 9, 30), lang) == dt.datetime(2026, 12, 6, 9, 30)
