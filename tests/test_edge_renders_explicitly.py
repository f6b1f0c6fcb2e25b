"""Issue 12.1: the edge (CLI, web app, documents) renders a core message explicitly in the
language it was given; it never relies on ``str()`` of a :class:`~crmselect.errors.Message`.

``str()`` of a message is only its debugging form, the code with its parameters
(``scoring_no_price(vendor=gamma, …)``): the tests look for that form in what a reader gets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect import errors
from crmselect.cli import main
from crmselect.i18n import render_messages
from crmselect.project import load_project
from crmselect.reporting.comparison_context import build_comparison_context
from crmselect.scoring import evaluate_project

ROOT = Path(__file__).resolve().parent.parent
#: A message left in its debugging form: ``code(param=value, …)`` or a bare known code.
DEBUG_FORM = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\([a-z_]+=")


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    return result.output + (result.stderr if result.stderr_bytes else "")


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_score_warnings_are_rendered_by_the_cli(basic: Path, lang: str) -> None:
    out = _run("score", str(basic), "--lang", lang)
    assert "! " in out  # the basic project has warnings (gamma gave no price)
    assert not DEBUG_FORM.search(out), out
    assert ("Gamma CRM" in out) and (("fiyat vermedi" in out) == (lang == "tr"))


def test_validate_json_problems_are_rendered_in_the_language(tmp_path: Path) -> None:
    (tmp_path / "project.yaml").write_text("name: x\nlanguage: tr\ntco: {horizon_years: five}\n",
                                           encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path), "--format", "json",
                                       "--lang", "tr"])
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert problems and not any(DEBUG_FORM.search(p["message"]) for p in problems), problems
    assert all(p["message"] != p["message_code"] for p in problems)


def test_the_comparison_context_holds_messages_that_the_documents_render(basic: Path) -> None:
    lp = load_project(basic)
    ctx = build_comparison_context(lp, evaluate_project(lp), "tr")
    assert all(isinstance(w["message"], errors.Message) for w in ctx["warnings"])
    shown = render_messages(ctx, "tr")
    texts = [w["message"] for w in shown["warnings"]]
    assert texts and all(type(t) is str for t in texts)
    assert any("fiyat vermedi" in t for t in texts)
    english = render_messages(ctx, "en")["warnings"]
    assert any("gave no price" in w["message"] or "no price" in w["message"] for w in english)


def test_composed_kpi_messages_stay_messages() -> None:
    """'unknown KPI (did you mean …)' is one message with a nested hint, not a string frozen
    in the language of the moment."""
    from crmselect.i18n import text
    from crmselect.kpi import find_kpi, load_kpis

    with pytest.raises(errors.CrmselectError) as info:
        find_kpi(load_kpis(), "lead conversion ratee")
    issue = info.value.issues[0]
    assert isinstance(issue.message, errors.Message) and issue.message.code == "kpi_unknown"
    assert isinstance(issue.hint, errors.Message)
    assert issue.hint.code in ("kpi_did_you_mean", "kpi_known")
    assert text(issue.message, "en") != text(issue.message, "tr")


def test_there_is_no_renderer_hook() -> None:
    """No global renderer: nothing installs one, and a message cannot render itself (the edge
    calls ``crmselect.i18n.text(message, lang)``)."""
    package = ROOT / "crmselect"
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        # a name of its own, not matplotlib's canvas.get_renderer() (charts measure text)
        found = re.search(r"set_renderer|(?<![A-Za-z])_renderer", source)
        assert found is None, f"{path.relative_to(package)} has {found and found.group()}"
    assert not hasattr(errors, "set_renderer") and not hasattr(errors.Message, "text")


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_scores_push_reports_kept_records_in_the_language(sample_project: Path,
                                                         lang: str) -> None:
    def push(*args: object):
        result = CliRunner().invoke(main, ["scores", "push", str(sample_project),
                                           *map(str, args), "--lang", lang])
        assert result.exit_code == 0, result.output
        return result.stderr

    push()
    changed = sample_project / "changed.yaml"
    changed.write_text("scores:\n- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001,"
                       " score: 2, note: seen again}\n", encoding="utf-8")
    err = push(changed)
    assert "murat › suitecrm › OPS-SFA-001" in err and not DEBUG_FORM.search(err), err
    assert ("--force" in err) and (("veritabanı" in err.lower()) == (lang == "tr")), err


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_responses_import_warnings_are_rendered_in_the_language(small: Path,
                                                                lang: str) -> None:
    made = CliRunner().invoke(main, ["workbook", str(small), "--vendor", "suitecrm",
                                     "--lang", lang])
    assert made.exit_code == 0, made.output
    workbook = made.output.strip().splitlines()[-1]
    result = CliRunner().invoke(main, ["responses", "import", str(small), workbook,
                                       "--vendor", "suitecrm", "--format", "json",
                                       "--lang", lang])
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.stdout)["warnings"]
    # unanswered requirements, no price, unanswered questionnaire
    assert len(warnings) == 3 and result.stderr.splitlines() == warnings
    assert not any(DEBUG_FORM.search(w) for w in warnings), warnings
    assert ("requirements have no answer" in warnings[0]) == (lang == "en"), warnings


def test_str_of_a_message_is_its_debugging_form_whatever_the_environment(monkeypatch) -> None:
    """``str()`` of a message is its code with its parameters, whatever CRMSELECT_LANG or the
    locale say and whether or not the edge was imported; readers get ``text(m, lang)``."""
    from crmselect.i18n import text

    for env in ("tr", "en"):
        monkeypatch.setenv("CRMSELECT_LANG", env)
        message = errors.msg("project_no_vendor", id="odooo")
        assert str(message) == "project_no_vendor(id=odooo)" == f"{message}"
        assert text(message, "en") == "no such vendor 'odooo'"
        assert text(message, "tr") == "'odooo' tedarikçisi bulunamadı"
    assert str(errors.msg("did_you_mean")) == "did_you_mean"
    warning = errors.msg("scoring_no_price", vendor="gamma", _names={"gamma": "Gamma CRM"})
    assert str(warning) == "scoring_no_price(vendor=gamma)"  # the helper tables left out
    assert text(warning, "en").startswith("Vendor 'Gamma CRM'")
    issue = errors.Issue(file="", message=errors.msg("project_no_vendor", id="x"), where="vendor")
    assert str(issue) == "vendor: project_no_vendor(id=x)"
    assert issue.format(lambda m: text(m, "tr")) == "vendor: 'x' tedarikçisi bulunamadı"


@pytest.mark.parametrize("lang, label, header", [
    ("en", "currency", "area"), ("tr", "para birimi", "alan")])
def test_validate_json_summary_is_written_in_the_language(sample_project: Path, lang: str,
                                                          label: str, header: str) -> None:
    """The summary's labels, table headers and vendor rows are messages that validate renders
    (in the JSON too), not text the core wrote in the language of the moment."""
    result = CliRunner().invoke(main, ["validate", str(sample_project), "--format", "json",
                                       "--lang", lang])
    assert result.exit_code == 0, result.output
    assert not DEBUG_FORM.search(result.output), result.output
    data = json.loads(result.output)
    assert label in [key for key, _ in data["facts"]]
    assert data["headers"]["groups"][0] == header and len(data["headers"]["vendors"]) > 1
    assert all(not v["responses"].startswith("summary_") for v in data["vendors"])


@pytest.mark.parametrize("lang, words", [("en", "Imported by crmselect from"),
                                         ("tr", "crmselect tarafından")])
def test_the_imported_response_file_says_where_it_came_from_in_the_project_language(
        small: Path, lang: str, words: str) -> None:
    from crmselect.responseimport import import_responses

    project = small / "project.yaml"
    project.write_text(re.sub(r"(?m)^language: \w+", f"language: {lang}",
                              project.read_text("utf-8")), "utf-8")
    made = CliRunner().invoke(main, ["workbook", str(small), "--vendor", "suitecrm"])
    assert made.exit_code == 0, made.output
    workbook = Path(made.output.strip().splitlines()[-1])
    result = CliRunner().invoke(main, ["responses", "import", str(small), str(workbook),
                                       "--vendor", "suitecrm", "--lang", "en"])
    assert result.exit_code == 0, result.output
    written = (small / "responses" / "suitecrm.yaml").read_text("utf-8")
    assert words in written and "import_header" not in written, written[:300]
    # A program calling the core without the edge's render function gets no prose at all.
    import_responses(small, workbook, "suitecrm", force=True)
    written = (small / "responses" / "suitecrm.yaml").read_text("utf-8")
    assert words not in written and "import_header" not in written, written[:300]
