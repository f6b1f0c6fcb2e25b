"""Instant commands, seventh round (issue 15, targets 1 and 2): steps that ``rfp`` and
``score`` no longer take, with the same output. No test measures time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_cli_startup import HEAVY, imported_by

from crmselect import loading
from crmselect.cli import main
from crmselect.errors import CrmselectError
from crmselect.project import desk_research, find_vendor_files, load_project, load_vendor
from crmselect.resources import bundled_dir


def test_rfp_imports_no_numpy(sample_project, tmp_path):
    # project.py imports scorechecks, which imported numpy (and the score columns) at the top;
    # only the score checks need it, and the rfp reads no scores
    names = imported_by("rfp", str(sample_project), "--out", str(tmp_path / "rfp.docx"),
                        cache=tmp_path / "cache")
    assert "numpy" not in names, sorted(names & {"numpy"})
    assert "docx" in names  # the trace is of a run that wrote the document


def test_score_still_imports_numpy_and_no_document_library(sample_project, tmp_path):
    names = imported_by("score", str(sample_project), cache=tmp_path / "cache")
    assert "numpy" in names and not names & HEAVY


# --- the project's vendor profiles come without their answers ---------------------------------

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
