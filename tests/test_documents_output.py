"""``--out`` (crmselect/documents/output.py): a document replaces only a file of its own kind that
crmselect wrote; any other file is kept unless ``--force`` is given, in the reader's language.
"""

from __future__ import annotations

import pytest
from clirun import checksums, run


@pytest.mark.parametrize("args, target", [
    (("workbook", "{p}", "--out", "{p}/project.yaml"), "project.yaml"),
    (("rfp", "{p}", "--out", "{p}/project.yaml"), "project.yaml"),
    (("rfp", "{p}", "--out", "{p}/notes.docx"), "notes.docx"),
    (("testdrive", "{p}", "--out", "{p}/scores.yaml"), "scores.yaml"),
    (("migration", "{p}", "--out", "{p}/plan.docx"), "plan.csv"),
    (("report", "{p}", "--out-dir", "{p}"), "comparison.html"),
], ids=["workbook-project", "rfp-project", "rfp-not-docx", "testdrive-scores", "migration-csv",
        "report-html"])
def test_out_never_replaces_a_file_of_another_kind_without_force(basic, args, target):
    (basic / "notes.docx").write_text("my notes, not a Word file", encoding="utf-8")
    (basic / "plan.csv").write_text("not;ours\n", encoding="utf-8")
    (basic / "comparison.html").write_text("<p>my own page</p>", encoding="utf-8")
    before = checksums(basic)
    code, err = run(*(a.format(p=basic) for a in args))
    assert code == 1, err
    assert f"{target}: the file exists and is not a ." in err
    assert "written by crmselect; it was kept (choose another --out, or add --force" in err
    assert checksums(basic) == before
    code, err = run(*(a.format(p=basic) for a in args), "--force")
    assert code == 0, err


def test_out_replaces_its_own_documents(basic, tmp_path):
    out = tmp_path / "offer.docx"
    assert run("rfp", basic, "--out", out)[0] == 0
    assert run("rfp", basic, "--out", out)[0] == 0
    assert run("workbook", basic, "--out", tmp_path / "wb.xlsx")[0] == 0
    assert run("workbook", basic, "--out", tmp_path / "wb.xlsx")[0] == 0


def test_out_refusal_is_in_turkish_too(basic):
    code, err = run("workbook", basic, "--out", basic / "project.yaml", lang="tr")
    assert code == 1
    assert "crmselect'in yazdığı bir .xlsx dosyası değil; dokunulmadı" in err
