"""The document strings loader (below the documents layer): its problems are message codes
that the edge writes in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect.cli import main
from crmselect.documentstrings import load_strings, read_strings_file
from crmselect.errors import CrmselectError
from crmselect.i18n import text


def test_a_bad_strings_file_is_reported_in_turkish(tmp_path: Path) -> None:
    path = tmp_path / "rfp.yaml"
    path.write_text("title:\n  en: Tender\nintro: {en: A, tr: B, de: C}\n7: {en: x, tr: y}\n"
                    "body: {en: [1], tr: B}\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as info:
        read_strings_file(path)
    assert [i.message.code for i in info.value.issues] == [
        "strings_missing_language", "strings_extra_key", "strings_bad_name", "strings_not_text"]
    tr = [i.format(lambda m: text(m, "tr")) for i in info.value.issues]
    assert tr[:2] == [f"{path}:2:3: title: tr metni eksik",
                      f"{path}:3:23: intro.de: dillerin yanında beklenmeyen de: bir metin "
                      "yalnızca en ve tr içerir"]
    assert tr[2].endswith("metin adı yazı olmalı; verilen: 7")
    assert tr[3].endswith("metin ya da metin listesi bekleniyordu")
    assert text(info.value.summary, "tr") == "rfp.yaml dosyasında 4 sorun"
    assert text(info.value.summary, "en") == "4 problems in rfp.yaml"


def test_an_unknown_language_is_a_code_too() -> None:
    with pytest.raises(CrmselectError) as info:
        load_strings("de")
    assert info.value.lines(lambda m: text(m, "tr")) == [
        "'de' diye bir dil yok (şunlardan biri olmalı: en, tr)"]


def test_the_cli_writes_a_projects_bad_strings_in_its_language(sample_project: Path) -> None:
    folder = sample_project / "templates" / "strings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rfp.yaml").write_text("rfp:\n  title:\n    en: Tender\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rfp", str(sample_project), "--lang", "tr"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "rfp.yaml:3:5: rfp.title: tr metni eksik" in result.output
    assert not (sample_project / "out" / "rfp.docx").exists()


def _project_with_rfp_strings(tmp_path: Path, text_: str) -> Path:
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "p")]).exit_code == 0
    folder = tmp_path / "p" / "templates" / "strings"
    folder.mkdir(parents=True)
    (folder / "rfp.yaml").write_text(text_, encoding="utf-8")
    return tmp_path / "p"


@pytest.mark.parametrize("override, expected", [
    # one text where the bundled file has a group: the RFP stopped with a traceback
    ("intro: {en: A, tr: B}\n",
     "rfp.yaml:1:8: intro: the bundled file has a group of strings here"),
    # a list for one text: the RFP's title was printed as ['a', 'b']
    ("title: {en: [a, b], tr: x}\n", "rfp.yaml:1:13: title.en: expected one text, not a list"),
    ("title: {x: {en: a, tr: b}}\n",
     "rfp.yaml:1:8: title: the bundled file has one text here (en and tr), not a group"),
    # two labels for the default plan's four instalments: the RFP stopped with a traceback
    ("contract:\n  default_plan: {en: [A, B], tr: [Bir, İki, Üç, Dört]}\n",
     "rfp.yaml:2:22: contract.default_plan.en: expected 4 texts, one per instalment"),
    # placeholders the RFP does not fill in: KeyError, IndexError or ValueError tracebacks,
    # and an attribute of the project object printed into the document
    ("subtitle: {en: \"CRM for {customer}\", tr: x}\n",
     "rfp.yaml:1:16: subtitle.en: {customer} is not filled in: the placeholders of this text "
     "are {project}"),
    ("subtitle: {en: \"{project}\", tr: \"CRM {project.__class__}\"}\n",
     "subtitle.tr: {project.__class__} is not filled in"),
    ("subtitle: {en: \"CRM {0}\", tr: x}\n", "subtitle.en: {0} is not filled in"),
    ("subtitle: {en: \"CRM {\", tr: x}\n",
     "rfp.yaml:1:16: subtitle.en: a brace opens no placeholder here"),
    ("contract:\n  default_plan: {en: [a], tr: b}\n",
     "rfp.yaml:2:31: contract.default_plan.tr: expected a list of texts"),
])
def test_a_projects_strings_of_another_shape_are_named_not_rendered(
        tmp_path: Path, override: str, expected: str) -> None:
    project = _project_with_rfp_strings(tmp_path, override)
    result = CliRunner().invoke(main, ["rfp", str(project)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert expected in result.output
    assert not (project / "out" / "rfp.md").exists()


def test_a_projects_own_names_and_same_shaped_strings_are_used(tmp_path: Path) -> None:
    project = _project_with_rfp_strings(
        tmp_path, "mine: {en: a, tr: b}\ntitle: {en: \"Our tender {x}\", tr: İhale}\n"
        "subtitle: {en: \"Ours — {project}\", tr: \"Bizim — {project}\"}\n"
        "contract:\n  default_plan: {en: [A, B, C, D], tr: [Bir, İki, Üç, Dört]}\n")
    result = CliRunner().invoke(main, ["rfp", str(project)])
    assert result.exit_code == 0, result.output
    markdown = (project / "out" / "rfp.md").read_text(encoding="utf-8")
    assert "# Our tender {x}" in markdown and "Ours — " in markdown
    # read again by the next command, changed in between
    (project / "templates" / "strings" / "rfp.yaml").write_text(
        "title: {en: Second, tr: İkinci}\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["rfp", str(project), "--force"]).exit_code == 0
    assert "# Second" in (project / "out" / "rfp.md").read_text(encoding="utf-8")
