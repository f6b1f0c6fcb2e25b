"""A vendor's response is checked once (crmselect.responsechecks): `responses import` and the
project loader find the same problems in the same words (issue #17 point 1); a YAML response
gets every problem and warning of the workbook in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from clirun import checksums, run
from openpyxl import load_workbook
from rendered import english
from test_responseimport_package import COL, _answer_all

from crmselect.errors import CrmselectError
from crmselect.project import load_project
from crmselect.responseimport import import_responses

RESPONSE = {
    "vendor": "alpha",
    "pricing": {"currency": "GBP", "per_user_month": {"standard": 40}},
    "responses": {
        "OPS-SFA-001": {"compliance": "native"},
        "OPS-SFA-099": {"compliance": "native"},
        "OPS-SFA-002": {"compliance": "roadmap"},
    },
}
EXPECTED = [
    "responses.OPS-SFA-099: OPS-SFA-099 is not a requirement of this project",
    "responses.OPS-SFA-002: OPS-SFA-002 is on the roadmap but has no promised date",
    "pricing.currency: prices in GBP, but project.yaml has no exchange rate for GBP",
]


def problems(exc: CrmselectError, file: Path) -> list[str]:
    found = []
    for issue in exc.issues:
        if issue.file and Path(issue.file).name == file.name:
            text = issue.format(english)
            found.append(text[text.index(": responses.") + 2 if ": responses." in text
                              else text.index(": pricing.") + 2:])
    return found


def matches(found: list[str]) -> bool:
    return len(found) == len(EXPECTED) and all(
        any(line.startswith(wanted) for line in found) for wanted in EXPECTED)


def test_the_import_and_the_project_find_the_same_problems(basic, tmp_path):
    source = tmp_path / "alpha.yaml"
    source.write_text(yaml.safe_dump(RESPONSE), encoding="utf-8")
    with pytest.raises(CrmselectError) as imported:
        import_responses(basic, source, "alpha", force=True)
    assert matches(problems(imported.value, source)), problems(imported.value, source)
    target = basic / "responses" / "alpha.yaml"
    target.write_text(yaml.safe_dump(RESPONSE), encoding="utf-8")
    with pytest.raises(CrmselectError) as loaded:
        load_project(basic)
    assert matches(problems(loaded.value, target)), problems(loaded.value, target)


def test_a_response_of_an_unlisted_vendor(basic):
    (basic / "responses" / "delta.yaml").write_text(
        yaml.safe_dump({"vendor": "delta", "responses": {}}), encoding="utf-8")
    with pytest.raises(CrmselectError) as loaded:
        load_project(basic)
    [issue] = [i for i in loaded.value.issues if "delta" in i.file]
    assert "vendor 'delta' is not in the project's vendors list" in issue.format(english)


# --- a YAML response: read as sent, every problem and warning in one run ---------------------


def test_a_utf16_response_file_is_imported_as_it_was_validated(sample_project, tmp_path):
    source = sample_project / "responses" / "odoo.yaml"
    text = source.read_text(encoding="utf-8")
    source.unlink()
    sent = tmp_path / "odoo.yaml"
    sent.write_bytes(text.encode("utf-16"))  # Notepad's "Unicode"
    code, err = run("responses", "import", sample_project, sent, "--vendor", "odoo")
    assert code == 0, err
    written = source.read_text(encoding="utf-8")  # written as UTF-8, the same text
    assert written.endswith(text.split("\n", 1)[1])
    assert load_project(sample_project).vendors["odoo"].response_file == source
    assert run("score", sample_project)[0] == 0


def test_a_yaml_response_reports_its_schema_and_project_problems_in_one_run(small, tmp_path):
    """A roadmap answer without its date came out only after a typo elsewhere was fixed."""
    answer = tmp_path / "odoo.yaml"
    answer.write_text("vendor: odoo\n"
                      "responses:\n"
                      "  OPS-SFA-001: {compliance: roadmap}\n"
                      "  OPS-SFA-002: {compliance: third_party, third_party_cost_per_year: 1e309}\n"
                      "  OPS-SFA-003: {compliance: nativ}\n", encoding="utf-8")
    before = checksums(small)
    code, err = run("responses", "import", small, answer, "--vendor", "odoo")
    assert code == 1
    lines = err.strip().splitlines()
    assert [line.split(": ")[1] for line in lines[:3]] == [
        "responses.OPS-SFA-001", "responses.OPS-SFA-002.third_party_cost_per_year",
        "responses.OPS-SFA-003.compliance"]
    assert "OPS-SFA-001 is on the roadmap but has no promised date" in lines[0]
    assert lines[-1] == "Error: 3 problems; nothing was written."
    assert checksums(small) == before


_OPEN_ANSWERS = {  # requirement → (compliance code, workbook cells by column key)
    "OPS-SFA-001": ("third_party", {"third_party_cost_per_year": 900}),
    "OPS-SFA-002": ("custom", {}),
    "OPS-SFA-003": ("native", {"custom_effort_days": 5}),
}


@pytest.mark.parametrize("lang, words", [
    ("en", ["warning: OPS-SFA-001 needs a third-party product, but none is named",
            "warning: OPS-SFA-002 needs custom development, but no effort in days is given",
            "warning: OPS-SFA-003 is answered '{native}', so this development effort is kept "
            "but not counted; was the compliance meant to be '{custom}'?"]),
    ("tr", ["uyarı: OPS-SFA-001 üçüncü taraf bir ürün gerektiriyor, ancak ürün adı verilmemiş",
            "uyarı: OPS-SFA-002 özel geliştirme gerektiriyor, ancak gün cinsinden efor "
            "verilmemiş",
            "uyarı: OPS-SFA-003 için '{native}' yanıtı verilmiş; bu geliştirme eforu saklanır "
            "ama hesaba katılmaz."])])
def test_a_yaml_response_gets_the_same_answer_warnings_as_the_workbook(small, workbook, tmp_path,
                                                                       lang, words):
    """A third-party answer without a product, a custom one without effort days, an effort
    beside a native answer: the workbook import warned, a YAML response of the same answers
    was imported without a word."""
    from crmselect.documentstrings import load_namespace

    labels = load_namespace("common")["compliance"]
    answer = tmp_path / "odoo.yaml"
    answer.write_text("vendor: odoo\nresponses:\n" + "".join(
        f"  {rid}: {{compliance: {level}"
        + "".join(f", {k}: {v}" for k, v in cells.items()) + "}\n"
        for rid, (level, cells) in _OPEN_ANSWERS.items()), encoding="utf-8")
    code, err = run("responses", "import", small, answer, "--vendor", "odoo", lang=lang)
    assert code == 0, err
    lines = err.splitlines()
    for n, (word, field) in enumerate(zip(words, (
            "third_party_product", "custom_effort_days", "custom_effort_days"), strict=True)):
        expected = f"{answer}:{n + 3}:"  # line of the answer, then its field
        shown = word.format(native="native", custom="custom")
        assert any(line.startswith(expected) and f"responses.OPS-SFA-00{n + 1}.{field}: {shown}"
                   in line for line in lines), (shown, err)
    # the workbook of the same answers: the same warnings at its cells, levels as labelled
    wb = load_workbook(_answer_all(workbook, tmp_path / "all.xlsx"))
    ws = wb["Requirements"]
    rows = {ws[f"A{r}"].value: r for r in range(2, ws.max_row + 1)}
    for rid, (level, cells) in _OPEN_ANSWERS.items():
        ws[f"{COL['compliance']}{rows[rid]}"] = labels[level]["en"]
        for key, value in cells.items():
            ws[f"{COL[key]}{rows[rid]}"] = value
    wb.save(tmp_path / "open.xlsx")
    code, err = run("responses", "import", small, tmp_path / "open.xlsx", "--vendor", "odoo",
                    "--force", lang=lang)
    assert code == 0, err
    for word in words:
        shown = word.format(native=labels["native"]["en"], custom=labels["custom"]["en"])
        assert shown in err, (shown, err)


@pytest.mark.parametrize("lang, expected, meant", [
    ("en", "expected an id like OPS-SFA-001, got '{key}'", "(did you mean {id}?)"),
    ("tr", "OPS-SFA-001 biçiminde bir kimlik bekleniyordu; verilen değer: '{key}'",
     "(şunu mu demek istediniz: {id}?)")])
def test_a_malformed_answer_key_in_yaml_gets_did_you_mean(small, tmp_path, lang, expected,
                                                          meant):
    answer = tmp_path / "odoo.yaml"
    answer.write_text("vendor: odoo\nresponses:\n  OPS-SRV-0002: {compliance: native}\n"
                      "  ops-sfa-001: {compliance: native}\n  XYZ: {compliance: native}\n",
                      "utf-8")
    before = checksums(small)
    code, err = run("responses", "import", small, answer, "--vendor", "odoo", lang=lang)
    assert code == 1 and "Traceback" not in err
    lines = err.splitlines()
    assert lines[:3] == [
        f"{answer}:3:3: responses.OPS-SRV-0002: "
        f"{expected.format(key='OPS-SRV-0002')} {meant.format(id='OPS-SRV-002')}",
        f"{answer}:4:3: responses.ops-sfa-001: "
        f"{expected.format(key='ops-sfa-001')} {meant.format(id='OPS-SFA-001')}",
        f"{answer}:5:3: responses.XYZ: {expected.format(key='XYZ')}"]  # nothing close
    assert checksums(small) == before
