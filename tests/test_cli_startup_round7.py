"""Instant commands, seventh round (issue 15, targets 1 and 2): steps that ``rfp`` and
``score`` no longer take, with the same output. No test measures time."""

from __future__ import annotations

from test_cli_startup import HEAVY, imported_by


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
