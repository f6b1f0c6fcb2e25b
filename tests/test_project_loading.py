"""Loading a project folder: every problem found, placed at its file, line and column."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from rendered import english

from crmselect import loading
from crmselect.cli import main
from crmselect.errors import CrmselectError
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
    assert errors(tmp_path) == ["project.yaml:1:7: name: expected text, got 1.1 (quote it)"]


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


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


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
