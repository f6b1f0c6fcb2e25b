"""The project commands through click's runner: init, validate, catalog, vendors, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect import __version__
from crmselect.cli import main

BAD_INPUTS = {
    # name: (project.yaml bytes, the one line expected on stderr (after the folder prefix))
    "malformed": (b"name: [unclosed\norganisation: {name: x}\n",
                  "project.yaml:2:13: malformed YAML: a ',' or the closing bracket is missing "
                  "in a [ … ] or { … } list (found ':')"),
    "wrong_type": (b"name: x\norganisation: {name: x, employees: many}\n",
                   "project.yaml:2:36: organisation.employees: expected a whole number, got "
                   "'many'"),
    "unknown_key": (b"name: x\norganisation: {name: x}\nvendorz: [odoo]\n",
                    "project.yaml:3:1: vendorz: unknown key (did you mean vendors?)"),
    "duplicate_key": (b"name: x\norganisation: {name: x}\nname: y\n",
                      "project.yaml:3:1: duplicate key 'name' (first at line 1); YAML keeps only "
                      "one of them"),
    "python_tag": (b"name: !!python/object/apply:os.system ['touch /tmp/crmselect-pwned']\n",
                   "project.yaml:1:7: the YAML tag !!python/object/apply:os.system is not "
                   "allowed; the file was not read"),
    "empty": (b"", "project.yaml:1:1: the file is empty"),
    "not_utf8": ("name: Çağrı\norganisation: {name: x}\n".encode("cp1254"),
                 "project.yaml:1:7: the file is not UTF-8 text; save it as UTF-8"),
    "not_a_mapping": (b"- just\n- a list\n",
                      "project.yaml:1:1: expected a mapping of keys to values at the top"),
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_project_file(runner: CliRunner, tmp_path: Path, case: str):
    data, expected = BAD_INPUTS[case]
    (tmp_path / "project.yaml").write_bytes(data)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(runner, "validate", tmp_path)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"{tmp_path}/{expected}"
    assert "Traceback" not in result.output + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_alias_bomb_fails_fast(runner: CliRunner, tmp_path: Path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 10)}]")
    (tmp_path / "project.yaml").write_text("\n".join(lines) + "\n")
    result = run(runner, "validate", tmp_path)
    assert result.exit_code == 1
    assert "an alias bomb?" in result.stderr


def test_huge_file(runner: CliRunner, tmp_path: Path):
    with (tmp_path / "project.yaml").open("wb") as f:
        f.write(b"name: x\n# ")
        f.truncate(50 * 1024 * 1024)
    result = run(runner, "validate", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"{tmp_path}/project.yaml: the file is 52.4 MB; a YAML file "
                                     "may be at most 10 MB")


def test_folder_without_project(runner: CliRunner, tmp_path: Path):
    result = run(runner, "validate", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"{tmp_path}: not a crmselect project: there is no "
                                     "project.yaml here (create one with 'crmselect init DIR')")


def test_many_problems_end_with_a_summary(runner: CliRunner, tmp_path: Path):
    (tmp_path / "project.yaml").write_text(
        "name: x\norganisation: {name: x}\nlanguage: de\ncurrency: euro\n")
    result = run(runner, "validate", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == ("Error: 2 problems in 1 file; nothing was "
                                                     "loaded.")


def test_usage_error_exits_2(runner: CliRunner):
    assert run(runner, "validate", "--format", "xml").exit_code == 2
    assert run(runner, "no-such-command").exit_code == 2


def test_version(runner: CliRunner):
    result = run(runner, "--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_init_scaffold_then_validate(runner: CliRunner, tmp_path: Path):
    target = tmp_path / "acme"
    result = run(runner, "init", target, "--lang", "tr")
    assert result.exit_code == 0, result.stderr
    text = (target / "project.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/project.schema.json\n")
    assert "language: tr" in text
    assert (target / "schemas" / "project.schema.json").is_file()
    result = run(runner, "validate", target)
    assert result.exit_code == 0, result.stderr
    assert "geçerli" in result.output


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_init_names_the_bundled_vendors_and_scenarios_ready_to_use(runner: CliRunner,
                                                                  tmp_path: Path, lang: str):
    """A new user picks vendors and scenarios from the lists in the comments and it validates."""
    target = tmp_path / "acme"
    assert run(runner, "init", target, "--lang", lang).exit_code == 0
    path = target / "project.yaml"
    text = path.read_text(encoding="utf-8")
    listed = next(line for line in text.splitlines() if "vendors list" in line)
    named = set(listed.split(": ")[-1].split(", "))
    assert {"odoo", "suitecrm", "salesforce", "dynamics365"} <= named
    assert "SCN-LEAD2DEAL" in text
    text = text.replace("vendors: []", "vendors: [odoo, suitecrm]").replace(
        "scenarios: []", "scenarios: [SCN-LEAD2DEAL]").replace(
        "  # target_budget: 250000\n  # ceiling: 500000",
        "  target_budget: 250000\n  ceiling: 500000")
    path.write_text(text, encoding="utf-8")
    result = run(runner, "validate", target)
    assert result.exit_code == 0, result.stderr
    # before the vendors answer, the profiles are compared (desk research); score says so
    assert run(runner, "vendors", "compare", target).exit_code == 0
    result = run(runner, "score", target)
    assert result.exit_code == 1 and "crmselect vendors compare" in result.stderr


def test_init_refuses_non_empty_folder_and_never_deletes(runner: CliRunner, tmp_path: Path):
    (tmp_path / "notes.txt").write_text("keep me")
    result = run(runner, "init", tmp_path, "--sample")
    assert result.exit_code == 1
    assert "the folder is not empty; nothing was written" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    result = run(runner, "init", tmp_path, "--sample", "--force")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    assert (tmp_path / "project.yaml").is_file()


def test_init_into_a_file_is_refused(runner: CliRunner, tmp_path: Path):
    (tmp_path / "x").write_text("")
    result = run(runner, "init", tmp_path / "x")
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.output


def test_sample_project_validates(runner: CliRunner, tmp_path: Path):
    run(runner, "init", tmp_path / "s", "--sample")
    result = run(runner, "validate", tmp_path / "s")
    assert result.exit_code == 0, result.stderr
    result = run(runner, "validate", tmp_path / "s", "--format", "json")
    summary = json.loads(result.output)
    assert summary["counts"]["vendors"] >= 3
    assert summary["counts"]["evaluators"] >= 3


def test_catalog_counts_and_list(runner: CliRunner):
    result = run(runner, "catalog")
    assert result.exit_code == 0
    assert "sales_automation" in result.output and "requirements" in result.output
    result = run(runner, "catalog", "list", "--area", "integration", "--format", "json")
    items = json.loads(result.output)
    assert items and all(i["area"] == "integration" for i in items)
    assert all("integration" in i for i in items)


def test_catalog_filters_reject_unknown_values(runner: CliRunner):
    result = run(runner, "catalog", "list", "--area", "operationl")
    assert result.exit_code == 2
    assert "no such area 'operationl' (did you mean operational?)" in result.stderr


def test_catalog_show_in_both_languages(runner: CliRunner):
    en = run(runner, "catalog", "--lang", "en", "show", "INT-FIN-001", "--format", "json")
    tr = run(runner, "catalog", "--lang", "tr", "show", "int-fin-001", "--format", "json")
    assert json.loads(en.output)["id"] == json.loads(tr.output)["id"] == "INT-FIN-001"
    assert json.loads(en.output)["title"] != json.loads(tr.output)["title"]
    missing = run(runner, "catalog", "show", "INT-FIN-0001")
    assert missing.exit_code == 1 and "no such requirement INT-FIN-0001" in missing.stderr


def test_catalog_search_is_turkish_aware(runner: CliRunner):
    result = run(runner, "catalog", "search", "KVKK", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)
    upper = run(runner, "catalog", "--lang", "tr", "search", "İZİN", "--format", "json")
    lower = run(runner, "catalog", "--lang", "tr", "search", "izin", "--format", "json")
    assert upper.output == lower.output
    none = run(runner, "catalog", "search", "zzqqxx")
    assert none.exit_code == 1 and "no requirement matches 'zzqqxx'" in none.stderr


def test_vendors_list_and_show(runner: CliRunner):
    result = run(runner, "vendors", "list", "--format", "json")
    ids = {v["id"] for v in json.loads(result.output)}
    assert {"suitecrm", "odoo", "espocrm", "vtiger"} <= ids
    shown = run(runner, "vendors", "show", "odoo")
    assert shown.exit_code == 0 and "Odoo" in shown.output
    missing = run(runner, "vendors", "show", "odo")
    assert missing.exit_code == 1 and "did you mean odoo?" in missing.stderr


def test_schema_written_and_printed(runner: CliRunner, tmp_path: Path):
    result = run(runner, "schema", "--out", tmp_path)
    assert result.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "project.schema.json" in names and "vendor.schema.json" in names
    schema = json.loads((tmp_path / "project.schema.json").read_text())
    assert schema["additionalProperties"] is False
    printed = run(runner, "schema", "--kind", "scores")
    assert json.loads(printed.output)["title"] == "ScoresFile"
    bad = run(runner, "schema", "--kind", "projet")
    assert bad.exit_code == 1 and "did you mean project?" in bad.stderr


def test_committed_schemas_are_current():
    """The bundled catalog and vendor files point editors at ``schemas/`` in the repository;
    those files must match the models (regenerate with ``crmselect schema --out schemas``)."""
    from crmselect.scaffold import json_schemas

    root = Path(__file__).resolve().parents[1]
    for kind, text in json_schemas().items():
        path = root / "schemas" / f"{kind}.schema.json"
        assert path.is_file() and path.read_text(encoding="utf-8") == text, (
            f"{path} is out of date: run crmselect schema --out schemas")
    for data_file in [*root.glob("requirements_catalog/**/*.yaml"), *root.glob("vendors/*.yaml")]:
        first = data_file.read_text(encoding="utf-8").splitlines()[0]
        target = first.split("$schema=", 1)[1]
        assert (data_file.parent / target).resolve().is_file(), (data_file, target)


# --- loose ends (issue 17): validate --format json on an invalid project ----------------------


def test_validate_json_prints_the_problems_and_exits_1(runner: CliRunner, tmp_path: Path):
    (tmp_path / "project.yaml").write_text(
        "name: x\norganisation: {name: x}\nlanguage: de\nvendorz: []\n", encoding="utf-8")
    result = run(runner, "validate", tmp_path, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    file = f"{tmp_path}/project.yaml"
    assert data["problems"] == [
        {"file": file, "line": 3, "column": 11, "field": "language",
         "message": "'de' is not one of en, tr", "hint": None, "code": "literal_error",
         "message_code": "load_not_one_of", "params": {"value": "'de'", "choices": "en, tr"}},
        {"file": file, "line": 4, "column": 1, "field": "vendorz", "message": "unknown key",
         "hint": "did you mean vendors?", "code": "extra_forbidden",
         "message_code": "load_unknown_key", "params": {}},
    ]


def test_validate_json_of_a_malformed_file_and_of_a_valid_project(runner: CliRunner,
                                                                  tmp_path: Path):
    (tmp_path / "project.yaml").write_text("name: [x\n", encoding="utf-8")
    result = run(runner, "validate", tmp_path, "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["line"], problem["column"], problem["code"]) == (2, 1, "invalid")
    assert problem["message"].startswith("malformed YAML")
    run(runner, "init", tmp_path / "s", "--sample")
    result = run(runner, "validate", tmp_path / "s", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["valid"] is True


@pytest.mark.parametrize("args, last", [
    (["catalog", "search", "kredi limiti"], "5 requirements match 'kredi limiti'."),
    (["catalog", "--lang", "tr", "search", "kredi limiti"],
     "'kredi limiti' ile eşleşen 5 gereksinim bulundu."),
    (["catalog", "search", "OPS-SFA-001"], "1 requirement matches 'OPS-SFA-001'."),
    (["catalog", "list", "--area", "e_crm"], "42 requirements listed."),
    (["catalog", "--lang", "tr", "list", "--area", "e_crm"], "42 gereksinim listelendi."),
])
def test_catalog_count_line_is_a_sentence(runner: CliRunner, args: list[str], last: str):
    result = run(runner, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == last


def test_catalog_search_without_a_match_in_turkish(runner: CliRunner):
    result = run(runner, "catalog", "--lang", "tr", "search", "zzqqxx")
    assert result.exit_code == 1
    assert result.stderr.strip() == "'zzqqxx' ile eşleşen gereksinim yok"


@pytest.mark.parametrize("lang, words", [("en", "Equal is\n  # also the default"),
                                         ("tr", "Bu satır olmasa da alanlar eşit pay alır")])
def test_init_writes_the_area_weights_explicitly(runner: CliRunner, tmp_path: Path, lang: str,
                                                 words: str):
    assert run(runner, "init", tmp_path / "p", "--lang", lang).exit_code == 0
    text = (tmp_path / "p" / "project.yaml").read_text(encoding="utf-8")
    assert "\n  areas: {operational: 25, analytical: 25, collaborative: 25, e_crm: 25}\n" in text
    assert words in text
    result = run(runner, "validate", tmp_path / "p")
    assert result.exit_code == 0 and "weights.areas" not in result.stdout


@pytest.mark.parametrize("name", [" ", "a\nb", "\t", "x/ /y"])
def test_init_refuses_a_folder_name_that_cannot_be_seen_or_typed(runner, tmp_path, monkeypatch,
                                                                 name):
    # init " " and init $'a\nb' made such folders, and listed their files across broken lines
    monkeypatch.chdir(tmp_path)
    result = run(runner, "init", name)
    assert result.exit_code == 1
    assert "a project folder needs a name you can see and type" in result.output
    assert list(tmp_path.iterdir()) == []
