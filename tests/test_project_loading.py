"""Loading a project folder: every problem found, placed at its file, line and column.

Also: values no model takes (NaN, booleans as numbers, values beyond their bounds, a key that is
a number), control characters that would forge an output line, ``.yml`` response files, a
country by its name, and the bundled vendor profiles a project gets without their answers.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from clirun import run
from rendered import english

from crmselect import loading
from crmselect.cli import main
from crmselect.errors import CrmselectError
from crmselect.i18n import text as render_text
from crmselect.project import desk_research, find_vendor_files, load_project, load_vendor
from crmselect.resources import bundled_dir

MINIMAL = """\
name: Test selection
organisation:
  name: Test A.Ş.
language: tr
currency: TRY
exchange_rates: {EUR: 37.5}
requirements:
  - INT-MKT-001
  - {id: INT-MKT-002, priority: must}
custom_requirements:
  - id: CUS-ERP-001
    area: integration
    group: finance_integrations
    title: Credit limit from our own ERP
    description: The credit limit of a customer is shown on the account.
    phases: [retention]
    priority: must
evaluators:
  - {id: ayse, name: Ayşe Yılmaz, role: facilitator}
  - {id: can, name: Can Demir}
vendors: [suitecrm, odoo]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def errors(folder: Path) -> list[str]:
    with pytest.raises(CrmselectError) as info:
        load_project(folder)
    return [line.replace(str(folder) + "/", "") for line in info.value.lines(english)]


def test_minimal_project_loads(tmp_path: Path):
    write(tmp_path, "project.yaml", MINIMAL)
    lp = load_project(tmp_path)
    assert list(lp.requirements) == ["INT-MKT-001", "INT-MKT-002", "CUS-ERP-001"]
    assert lp.requirements["INT-MKT-002"].priority == "must"
    assert lp.requirements["CUS-ERP-001"].custom
    assert set(lp.vendors) == {"suitecrm", "odoo"}
    assert lp.language == "tr"


def test_field_errors_are_all_reported_with_positions(tmp_path: Path):
    text = MINIMAL.replace("{id: INT-MKT-002, priority: must}",
                           "{id: INT-MKT-002, priority: mustt}")
    text = text.replace("language: tr", "language: tr\nlangauge: en\ntco: {horizon_years: five}")
    write(tmp_path, "project.yaml", text)
    assert errors(tmp_path) == [
        "project.yaml:5:1: langauge: unknown key (did you mean language?)",
        "project.yaml:6:22: tco.horizon_years: expected a whole number, got 'five'",
        "project.yaml:11:33: requirements[1].priority: 'mustt' is not one of must, should, "
        "could, wont (did you mean must?)",
    ]


def test_cross_file_references(tmp_path: Path):
    text = MINIMAL.replace("  - INT-MKT-001\n",
                           "  - INT-MKT-001\n  - INT-MKT-001\n  - OPS-SFA-999\n")
    text = text.replace("vendors: [suitecrm, odoo]",
                        "vendors: [suitecrm, odooo]\nscenarios: [SCN-ZZZZ]")
    write(tmp_path, "project.yaml", text)
    found = errors(tmp_path)
    assert "project.yaml:9:5: requirements[1]: requirement INT-MKT-001 is selected twice" in found
    assert any(line.startswith("project.yaml:10:5: requirements[2]: no such requirement "
                               "OPS-SFA-999 in the catalog") for line in found)
    assert "project.yaml:23:21: vendors[1]: no such vendor 'odooo' (did you mean odoo?)" in found
    assert "project.yaml:24:13: scenarios[0]: no such scenario SCN-ZZZZ" in found


def test_response_for_requirement_not_in_project(tmp_path: Path):
    write(tmp_path, "project.yaml", MINIMAL)
    write(tmp_path, "responses/odoo.yaml", """\
        vendor: odoo
        responses:
          INT-MKT-001: {compliance: native}
          INT-MKT-003: {compliance: none}
          CUS-ERP-001: {compliance: yes}
        """)
    found = errors(tmp_path)  # the schema error and the cross-file one, in one run (issue 14)
    assert found[1] == ("responses/odoo.yaml:5:29: responses.CUS-ERP-001.compliance: 'yes' is "
                        "not one of native, configurable, third_party, custom, roadmap, none")
    assert found[0].startswith("responses/odoo.yaml:4:3: responses.INT-MKT-003: INT-MKT-003 is "
                               "not a requirement of this project")
    assert len(found) == 2
    write(tmp_path, "responses/odoo.yaml", """\
        vendor: odoo
        responses:
          INT-MKT-001: {compliance: native}
          INT-MKT-003: {compliance: none}
        """)
    (line,) = errors(tmp_path)
    # the same words as `responses import` (crmselect.responsechecks)
    assert line.startswith("responses/odoo.yaml:4:3: responses.INT-MKT-003: INT-MKT-003 is not "
                           "a requirement of this project")


def test_weight_tree_that_sums_to_zero(tmp_path: Path):
    text = MINIMAL + textwrap.dedent("""\
        weights:
          criteria: {functional: 0, integration: 0, non_functional: 0, test_drive: 0, cost: 0,
                     references: 0}
        """)
    write(tmp_path, "project.yaml", text)
    assert errors(tmp_path) == [
        "project.yaml:23:13: weights.criteria: all top-level criteria weigh 0: the weight tree "
        "sums to zero",
    ]


def test_duplicate_ids(tmp_path: Path):
    text = MINIMAL.replace("  - {id: can, name: Can Demir}", "  - {id: can, name: Can Demir}\n"
                           "  - {id: can, name: Can Öz}")
    write(tmp_path, "project.yaml", text)
    assert errors(tmp_path) == ["project.yaml:21:5: evaluators[2]: duplicate id 'can'"]


def test_scores_reference_unknown_things(tmp_path: Path):
    write(tmp_path, "project.yaml", MINIMAL)
    write(tmp_path, "scores.yaml", """\
        scores:
          - {evaluator: can, vendor: odoo, target: INT-MKT-001, score: 4}
          - {evaluator: cann, vendor: odoo, target: INT-MKT-001, score: 4}
          - {evaluator: can, vendor: acme, target: INT-MKT-001, score: 4}
          - {evaluator: can, vendor: odoo, target: INT-MKT-009, score: 4}
          - {evaluator: can, vendor: odoo, target: INT-MKT-002, score: 7}
        """)
    assert errors(tmp_path) == [  # schema and cross-file problems in one run (issue 14)
        "scores.yaml:3:17: scores[1].evaluator: no such evaluator 'cann' (did you mean can?)",
        "scores.yaml:4:30: scores[2].vendor: no such vendor 'acme' in the project",
        "scores.yaml:5:44: scores[3].target: INT-MKT-009 is not a requirement of this project "
        "(did you mean INT-MKT-002?)",
        "scores.yaml:6:64: scores[4].score: 7 must be <= 5",
    ]
    write(tmp_path, "scores.yaml", """\
        scores:
          - {evaluator: cann, vendor: odoo, target: INT-MKT-001, score: 4}
          - {evaluator: can, vendor: acme, target: INT-MKT-001, score: 4}
          - {evaluator: can, vendor: odoo, target: INT-MKT-009, score: 4}
        """)
    assert errors(tmp_path) == [
        "scores.yaml:2:17: scores[0].evaluator: no such evaluator 'cann' (did you mean can?)",
        "scores.yaml:3:30: scores[1].vendor: no such vendor 'acme' in the project",
        "scores.yaml:4:44: scores[2].target: INT-MKT-009 is not a requirement of this project "
        "(did you mean INT-MKT-002?)",
    ]


def test_folder_without_project_yaml(tmp_path: Path):
    (line,) = errors(tmp_path)
    assert line.endswith("not a crmselect project: there is no project.yaml here "
                         "(create one with 'crmselect init DIR')")


def test_missing_folder(tmp_path: Path):
    (line,) = errors(tmp_path / "nope")
    assert line.endswith("nope: no such project folder")


def test_version_number_read_as_float_is_rejected(tmp_path: Path):
    write(tmp_path, "project.yaml", MINIMAL.replace("name: Test selection", "name: 1.10"))
    # the number as written, not as read
    assert errors(tmp_path) == ["project.yaml:1:7: name: expected text, got 1.10 (quote it)"]


def test_an_unquoted_comma_in_a_flow_mapping_gets_a_hint(tmp_path: Path):
    text = MINIMAL.replace("  - {id: can, name: Can Demir}",
                           "  - {id: can, name: Can Demir (IT, Ankara)}")
    write(tmp_path, "project.yaml", text)
    [line] = errors(tmp_path)
    assert line.startswith("project.yaml:20:36: evaluators[1].Ankara): unknown key (a comma "
                           "inside {...} ends the value: put a text with a comma in quotes")


# --- the project's vendor profiles come without their answers --------------------------------


def _bundled_reads(monkeypatch) -> list[Path]:
    """Records every bundled vendor profile that loading.load_file gives (file or full entry)."""
    read: list[Path] = []
    real = loading.load_file
    vendors = bundled_dir("vendors").resolve()

    def spy(path, model):
        if Path(path).resolve().parent == vendors:
            read.append(Path(path))
        return real(path, model)

    monkeypatch.setattr(loading, "load_file", spy)
    return read


def test_a_loaded_projects_profiles_have_no_answers_and_load_vendor_keeps_them(sample_project,
                                                                                cache):
    lp = load_project(sample_project)
    files = find_vendor_files(sample_project)
    for vid, vendor in lp.vendors.items():
        assert vendor.profile.responses == {}
        full = load_vendor(files[vid])
        assert len(full.responses) > 100  # the bundled profiles declare their compliance
        assert full.model_copy(update={"responses": {}}) == vendor.profile
        assert vendor.responded and vendor.responses  # the answers are the response's


@pytest.mark.parametrize("setting", ["filled", "off"])
def test_the_same_project_with_the_cache_filled_or_off(sample_project, cache, monkeypatch,
                                                       setting):
    first = load_project(sample_project)
    if setting == "off":
        monkeypatch.setenv("CRMSELECT_CACHE_DIR", "off")
    read = _bundled_reads(monkeypatch)
    again = load_project(sample_project)
    if setting == "filled":  # the profiles without answers are entries of their own
        assert read == []
    else:
        assert len(read) == len(first.vendors)
    for vid, vendor in first.vendors.items():
        assert again.vendors[vid].profile == vendor.profile
        assert again.vendors[vid].responses == vendor.responses


def test_desk_research_still_answers_from_the_whole_profiles(sample_project, cache):
    lp = load_project(sample_project)  # fills the entries without answers first
    desk = desk_research(lp)
    files = find_vendor_files(sample_project)
    for vid, vendor in desk.vendors.items():
        assert vendor.responses == dict(load_vendor(files[vid]).responses)
        assert vendor.responses and vendor.profile.responses


def test_vendors_show_and_compare_still_count_the_profiles_answers(sample_project, cache):
    load_project(sample_project)
    shown = CliRunner().invoke(main, ["vendors", "show", "odoo", "--project", str(sample_project),
                                      "--format", "json"])
    assert shown.exit_code == 0, shown.output
    files = find_vendor_files(sample_project)
    assert len(json.loads(shown.output)["responses"]) == len(load_vendor(files["odoo"]).responses)
    compared = CliRunner().invoke(main, ["vendors", "compare", str(sample_project),
                                         "--format", "json"])
    assert compared.exit_code == 0, compared.output
    json.loads(compared.output)


def test_a_projects_own_profile_is_still_checked_whole(basic, cache):
    path = basic / "vendors" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "responses:\n  SAL-001: {compliance: maybe}\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as caught:
        load_project(basic)
    assert any(i.file.endswith("alpha.yaml") and i.line >= 9 for i in caught.value.issues)


def test_a_projects_profile_of_another_id_is_still_reported(basic, cache):
    path = basic / "vendors" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: alpha", "id: beta"),
                    encoding="utf-8")
    with pytest.raises(CrmselectError) as caught:
        load_project(basic)
    assert any(i.file.endswith("alpha.yaml") and i.line == 1 for i in caught.value.issues)


# --- a wrong project currency: one problem, not one per bid ----------------------------------


def run_cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_a_wrong_project_currency_is_one_problem_not_one_per_bid(basic):
    # 'TL' for TRY failed in project.yaml, and every bid in the project's own currency then
    # got "no exchange rate for EUR: add exchange_rates: {EUR: ...}" — the wrong fix.
    for name, old, new in (("project.yaml", "currency: EUR", "currency: TL"),
                           ("responses/alpha.yaml", "currency: EUR", "currency: TRY")):
        path = basic / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, out = run_cli("validate", basic)
    assert code == 1
    problems = [line for line in out.splitlines() if re.match(r".+:\d+:\d+: ", line)]
    assert len(problems) == 1 and "project.yaml:5:" in problems[0] and "'TL'" in problems[0]


# --- values no model takes: NaN, a huge text, a number as a key, a broken profile ------------


def test_a_lone_surrogate_in_a_project_fails_validate_not_build(sample_project):
    path = sample_project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(
        "name: {en: Ege Endüstri CRM selection 2027, tr: Ege Endüstri CRM seçimi 2027}",
        'name: "Ege \\uD800 CRM"', 1), encoding="utf-8")
    code, err = run("validate", sample_project)
    assert code == 1 and "project.yaml:3:7: " in err and "\\uD800" in err
    code, err = run("build", sample_project)
    assert code == 1 and "project.yaml:3:7: " in err


@pytest.mark.parametrize("value", ["nan", ".nan", "inf", "-Infinity", "1e999", "'NaN'"])
def test_nan_and_infinity_are_not_numbers(small, value):
    path = small / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{EUR: 37.5,", f"{{EUR: {value},"), encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(small)
    [issue] = info.value.issues
    assert issue.where == "exchange_rates.EUR" and "expected a number" in english(issue.message)


def test_a_huge_wrong_value_is_shortened_in_its_message(small):
    path = small / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("currency: TRY", "currency: " + "X" * 1_000_000, 1),
                    encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(small)
    assert all(len(i.format(english)) < 300 for i in info.value.issues)


def test_a_number_as_top_level_key_is_explained(small, monkeypatch):
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    path = small / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "12: a\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(small)
    lines = info.value.lines(lambda message: render_text(message, "tr"))
    assert any("anahtar metin olmalı; verilen değer: 12" in line for line in lines)
    assert not any("Keys should be" in i.format(english) for i in info.value.issues)


def test_a_broken_vendor_profile_is_reported_once_not_per_score(basic):
    (basic / "vendors" / "alpha.yaml").write_text("id: alpha\nname: !!binary aGk=\n",
                                                  encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(basic)
    assert [Path(i.file).name for i in info.value.issues] == ["alpha.yaml"]
    assert "!!binary" in english(info.value.issues[0].message)


@pytest.mark.parametrize("folder", ["vendors", "responses", "scenarios"])
def test_a_file_where_a_folder_belongs_is_an_error_not_skipped(basic, folder):
    if (basic / folder).exists():
        shutil.rmtree(basic / folder)
    (basic / folder).write_text("x", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        load_project(basic)
    assert any(Path(i.file).name == folder and "must be a folder" in english(i.message)
               for i in info.value.issues)


# --- numbers, dates and booleans beyond their bounds -----------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _validate(project: Path, lang: str = "en") -> list[str]:
    code, err = run("validate", project, lang=lang)
    assert code == 1
    return err.strip().splitlines()


@pytest.mark.parametrize("file, old, new, expected", [
    ("scores.yaml", "target: OPS-SFA-001, score: 5,", "target: OPS-SFA-001, score: true,",
     "score: expected a number, got true"),
    ("scores.yaml", "target: OPS-SFA-001, score: 4}", "target: OPS-SFA-001, score: false}",
     "score: expected a number, got false"),
    ("project.yaml", "scoring: {", "weights: {criteria: {functional: true}}\nscoring: {",
     "weights.criteria.functional: expected a number, got true"),
    ("responses/alpha.yaml", "yearly_increase_pct: 5", "yearly_increase_pct: true",
     "pricing.yearly_increase_pct: expected a number, got true"),
], ids=["score-true", "score-false", "weight-true", "percent-true"])
def test_a_yaml_boolean_is_not_a_number(basic, file, old, new, expected):
    _edit(basic / file, old, new)
    lines = _validate(basic)
    assert any(file in line and expected in line for line in lines), lines


@pytest.mark.parametrize("file, old, new, expected", [
    ("responses/alpha.yaml", "implementation: 30000", "implementation: 1.7e308",
     "pricing.implementation: '1.7e308' must be <= 1,000,000,000,000,000"),
    ("responses/alpha.yaml", "third_party_cost_per_year: 1200", "third_party_cost_per_year: 1e16",
     "third_party_cost_per_year: '1e16' must be <= 1,000,000,000,000,000"),
    ("responses/alpha.yaml", "standard: 40,", "standard: 1e300,",
     "pricing.per_user_month.standard: '1e300' must be <= 1,000,000,000,000,000"),
    ("project.yaml", "target_budget: 100000", "target_budget: 1e20",
     "tco.target_budget: '1e20' must be <= 1,000,000,000,000,000"),
    ("project.yaml", "scoring: {", "weights: {criteria: {functional: 1e308}}\nscoring: {",
     "weights.criteria.functional: '1e308' must be <= 1,000,000"),
    ("project.yaml", "scoring: {", "weights: {priority: {must: 2000000}}\nscoring: {",
     "weights.priority.must: 2000000 must be <= 1,000,000"),
    ("project.yaml", "scoring: {", "timeline: {go_live: 9999-12-31}\nscoring: {",
     "timeline.go_live: 9999-12-31 must be <= 31 December 2100"),
    ("project.yaml", "scoring: {", "timeline: {rfp_issued: 1900-01-01}\nscoring: {",
     "timeline.rfp_issued: 1900-01-01 must be >= 1 January 1990"),
    ("responses/alpha.yaml", "roadmap_date: 2027-06-30", "roadmap_date: 9999-06-30",
     "roadmap_date: 9999-06-30 must be <= 31 December 2100"),
    ("responses/alpha.yaml", "implementation_weeks: 12", "implementation_weeks: 1e12",
     "implementation_weeks: '1e12' must be <= 520"),
], ids=["price-1.7e308", "cost-1e16", "licence-1e300", "budget-1e20", "weight-1e308",
        "priority-weight", "go-live-9999", "rfp-1900", "roadmap-9999", "weeks"])
def test_a_value_beyond_its_bound_names_the_bound_and_the_value(basic, file, old, new, expected):
    _edit(basic / file, old, new)
    lines = _validate(basic)
    assert any(expected in line for line in lines), lines


def test_a_bound_is_explained_in_turkish_too(basic):
    _edit(basic / "project.yaml", "scoring: {", "timeline: {go_live: 9999-12-31}\nscoring: {")
    lines = _validate(basic, lang="tr")
    assert any("en fazla 31 Aralık 2100 olabilir; verilen değer: 9999-12-31" in line
               for line in lines), lines
    _edit(basic / "project.yaml", "target_budget: 100000", "target_budget: 1e20")
    lines = _validate(basic, lang="tr")
    assert any("tco.target_budget: en fazla 1.000.000.000.000.000 olabilir; verilen değer: "
               "'1e20'" in line for line in lines), lines


# --- control characters in keys and names cannot forge an output line ------------------------


def test_a_newline_in_a_yaml_key_cannot_forge_an_output_line(basic):
    _edit(basic / "responses" / "alpha.yaml", "  OPS-SFA-001: {compliance: native}",
          '  "OPS-SFA-001\\nforged.yaml:1:1: fine": {compliance: native}')
    lines = _validate(basic)
    assert not any(line.startswith("forged") for line in lines), lines
    assert any("OPS-SFA-001\\nforged.yaml:1:1: fine" in line for line in lines), lines


@pytest.mark.parametrize("key", ["odd[key", "[x", "a]b["])
def test_an_unknown_key_with_a_bracket_is_named_at_its_line(basic, key):
    _edit(basic / "project.yaml", "language: en\n", f'language: en\n"{key}": 1\n')
    lines = _validate(basic)
    assert any(line.endswith(f"project.yaml:5:1: {key}: unknown key") for line in lines), lines


def test_a_newline_in_a_vendor_name_cannot_forge_a_table_row(basic):
    _edit(basic / "vendors" / "alpha.yaml", "name: ", 'name: "Alpha\\nforged  row"\nxname: ')
    text = (basic / "vendors" / "alpha.yaml").read_text(encoding="utf-8")
    (basic / "vendors" / "alpha.yaml").write_text(text.replace("xname: ", "# ", 1),
                                                  encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(basic)], env={"CRMSELECT_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert "Alpha\\nforged  row" in result.output
    assert not any(line.startswith("forged") for line in result.output.splitlines())


# --- .yml response files ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["alpha.yml", "alpha.YAML", "alpha.YML"])
def test_a_response_file_named_yml_is_read(basic, name):
    from crmselect.project import load_project

    source = basic / "responses" / "alpha.yaml"
    text = source.read_text(encoding="utf-8").replace("implementation: 30000",
                                                      "implementation: 31000")
    source.unlink()
    (basic / "responses" / name).write_text(text, encoding="utf-8")
    vendor = load_project(basic).vendors["alpha"]
    assert vendor.response_file == basic / "responses" / name
    assert vendor.pricing.implementation == 31000


def test_two_response_files_for_one_vendor_are_an_error(basic):
    source = basic / "responses" / "alpha.yaml"
    (basic / "responses" / "alpha.yml").write_bytes(source.read_bytes())
    lines = _validate(basic)
    assert any("alpha.yml: this file and alpha.yaml are for the same thing" in line
               for line in lines), lines


def test_importing_over_a_yml_response_replaces_it_not_doubles_it(basic, tmp_path):
    source = basic / "responses" / "alpha.yaml"
    yml = basic / "responses" / "alpha.yml"
    source.rename(yml)
    new = tmp_path / "alpha.yaml"
    new.write_bytes(yml.read_bytes())
    code, err = run("responses", "import", basic, new, "--vendor", "alpha")
    assert code == 1 and "alpha.yml" in err  # exists: --force needed
    code, err = run("responses", "import", basic, new, "--vendor", "alpha", "--force")
    assert code == 0, err
    assert sorted(p.name for p in (basic / "responses").iterdir()) == [
        "alpha.yml", "beta.yaml", "gamma.yaml"]


# --- the country: Türkiye --------------------------------------------------------------------


@pytest.mark.parametrize("typed, stored", [
    ("Türkiye", "TR"), ("TÜRKİYE", "TR"), ("Turkey", "TR"), ("turkiye", "TR"), ("tr", "TR"),
    ("de", "DE"), ("Germany", "DE")])  # a name stands for its code
def test_turkiye_by_its_name_is_the_code_the_kvkk_tasks_and_holidays_look_for(small, typed,
                                                                              stored):
    """`country: Türkiye` left the migration plan without its KVKK tasks and the plans
    without Turkish public holidays: they look for TR."""
    path = small / "project.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("organisation:\n", f"organisation:\n  country: {typed}\n", 1) if (
        "country:" not in text) else text.replace("country: TR", f"country: {typed}", 1)
    path.write_text(text, encoding="utf-8")
    assert load_project(small).project.organisation.country == stored
