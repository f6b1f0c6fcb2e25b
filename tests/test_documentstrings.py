"""The document strings loader (below the documents layer): its problems are message codes
that the edge writes in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect import documentstrings
from crmselect.cli import main
from crmselect.documentstrings import load_namespace, load_strings, read_strings_file
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


# --- the bundled strings from the cache of the bundled data ----------------------------------


@pytest.fixture
def strings_copy(monkeypatch, tmp_path) -> Path:
    """The bundled templates/strings copied, and taken as the bundled ones."""
    import shutil

    from crmselect import documentstrings
    from crmselect.resources import bundled_dir

    target = tmp_path / "bundled" / "templates"
    shutil.copytree(bundled_dir("templates") / "strings", target / "strings")
    monkeypatch.setattr(documentstrings, "bundled_dir",
                        lambda name: target if name == "templates" else bundled_dir(name))
    documentstrings._read_strings_file.cache_clear()
    yield target / "strings"
    documentstrings._read_strings_file.cache_clear()


def _reads(monkeypatch) -> list[Path]:
    from crmselect import documentstrings

    read: list[Path] = []
    real = documentstrings.read_document
    monkeypatch.setattr(documentstrings, "read_document",
                        lambda path: read.append(path) or real(path))
    return read


def test_bundled_strings_are_read_once_and_the_same_from_the_cache(cache, strings_copy,
                                                                     monkeypatch):
    from crmselect import documentstrings

    read = _reads(monkeypatch)
    first = documentstrings.load_namespace("rfp")
    assert read == [strings_copy / "rfp.yaml"]
    documentstrings._read_strings_file.cache_clear()  # as another process would start
    again = documentstrings.load_namespace("rfp")
    assert read == [strings_copy / "rfp.yaml"] and again == first  # from the cache
    assert first["title"]["tr"] == "Teklif İsteme Dokümanı (RFP)"


def test_a_changed_bundled_strings_file_is_read_again(cache, strings_copy, monkeypatch):
    from crmselect import documentstrings

    documentstrings.load_namespace("workbook")
    path = strings_copy / "workbook.yaml"
    path.write_text("changed: {en: Changed, tr: Değişti}\n", encoding="utf-8")
    documentstrings._read_strings_file.cache_clear()
    assert documentstrings.load_namespace("workbook") == {
        "changed": {"en": "Changed", "tr": "Değişti"}}


def test_a_broken_bundled_strings_file_is_reported_and_not_cached(cache, strings_copy):
    from crmselect import documentstrings
    from crmselect.errors import CrmselectError

    (strings_copy / "workbook.yaml").write_text("title:\n  en: Only English\n", encoding="utf-8")
    for _ in range(2):
        documentstrings._read_strings_file.cache_clear()
        with pytest.raises(CrmselectError) as info:
            documentstrings.load_namespace("workbook")
        assert info.value.issues[0].message.code == "strings_missing_language"
    assert not list(cache.glob("*.pickle"))


def test_a_projects_own_strings_file_is_always_read(cache, strings_copy, monkeypatch, tmp_path):
    from crmselect import documentstrings

    own = tmp_path / "project" / "templates" / "strings"
    own.mkdir(parents=True)
    (own / "common.yaml").write_text("department: {x: {en: X, tr: İks}}\n", encoding="utf-8")
    documentstrings.load_namespace("common", tmp_path / "project")
    read = _reads(monkeypatch)
    documentstrings._read_strings_file.cache_clear()
    merged = documentstrings.load_namespace("common", tmp_path / "project")
    assert read == [own / "common.yaml"]  # the bundled one from the cache, the project's read
    assert merged["department"]["x"] == {"en": "X", "tr": "İks"}


def test_each_caller_gets_its_own_copy_of_the_strings(cache):
    import copy

    from crmselect import documentstrings
    from crmselect.resources import bundled_dir

    path = bundled_dir("templates") / "strings" / "rfp.yaml"
    first = documentstrings.read_strings_file(path)
    assert first == copy.deepcopy(first)

    def nodes(node, found):
        if isinstance(node, (dict, list)):
            found.append(node)
            for child in node.values() if isinstance(node, dict) else node:
                nodes(child, found)
        else:
            assert node is None or isinstance(node, str)
        return found

    again = documentstrings.read_strings_file(path)
    assert again == first
    assert not {id(n) for n in nodes(first, [])} & {id(n) for n in nodes(again, [])}
    first["title"]["en"] = "changed by a caller"
    first["fact"].clear()
    assert documentstrings.read_strings_file(path) == again  # the cached tree is untouched


def test_validate_reads_no_bundled_strings_file_once_cached(sample_project, cache,
                                                             monkeypatch):
    from click.testing import CliRunner

    from crmselect import documentstrings
    from crmselect.cli import main
    from crmselect.resources import bundled_dir

    documentstrings._read_strings_file.cache_clear()  # read by an earlier test of this process
    first = CliRunner().invoke(main, ["validate", str(sample_project)])
    assert first.exit_code == 0, first.output
    documentstrings._read_strings_file.cache_clear()  # as a new process starts
    read = _reads(monkeypatch)
    again = CliRunner().invoke(main, ["validate", str(sample_project)])
    assert again.exit_code == 0 and again.output == first.output
    strings = bundled_dir("templates") / "strings"
    assert not [p for p in read if p.parent == strings], read


# --- a document's strings: the project's own leaves over the bundled ones, never copied whole ---


def _user_strings(root: Path, text: str) -> Path:
    folder = root / "templates" / "strings"
    folder.mkdir(parents=True)
    (folder / "common.yaml").write_text(text, encoding="utf-8")
    return root


def test_a_documents_strings_are_selected_without_copying_the_files(tmp_path, monkeypatch):
    root = _user_strings(tmp_path, "yes: {en: Sure, tr: Tabii}\n"
                                   "steps: {en: [One, Two], tr: [Bir, İki]}\n")

    def no_copy(value):
        raise AssertionError("a document's strings were copied whole")

    monkeypatch.setattr(documentstrings, "_copy", no_copy)
    common = load_strings("tr", root)["common"]
    assert common["yes"] == "Tabii"  # the user's file overrides the bundled leaf
    assert common["no"] == load_strings("tr")["common"]["no"]  # the rest is the bundled file's
    assert common["steps"] == ["Bir", "İki"]


def test_a_list_changed_through_a_documents_strings_is_not_changed_for_the_next(tmp_path):
    root = _user_strings(tmp_path, "steps: {en: [One, Two], tr: [Bir, İki]}\n")
    first = load_strings("en", root)["common"]["steps"]
    first.append("Three")
    first[0] = "Changed"
    assert load_strings("en", root)["common"]["steps"] == ["One", "Two"]
    tree = load_namespace("common", root)  # the public loader still hands out a copy
    tree["steps"]["en"].append("Four")
    tree["yes"]["en"] = "Changed"
    assert load_strings("en", root)["common"]["steps"] == ["One", "Two"]
    assert load_namespace("common", root)["steps"]["en"] == ["One", "Two"]
    assert load_strings("en", root)["common"]["yes"] != "Changed"


def test_a_changed_strings_file_is_read_again_and_a_broken_one_still_refused(tmp_path):
    root = _user_strings(tmp_path, "yes: {en: Sure, tr: Tabii}\n")
    assert load_strings("en", root)["common"]["yes"] == "Sure"
    (root / "templates" / "strings" / "common.yaml").write_text(
        "yes: {en: Certainly!, tr: Elbette}\n", encoding="utf-8")
    assert load_strings("en", root)["common"]["yes"] == "Certainly!"
    (root / "templates" / "strings" / "common.yaml").write_text(
        "yes: {en: Only English}\n", encoding="utf-8")
    with pytest.raises(CrmselectError) as caught:
        load_strings("en", root)["common"]
    assert [i.message.code for i in caught.value.issues] == ["strings_missing_language"]


def test_no_english_document_string_writes_a_plural_with_s_in_brackets() -> None:
    """A client's report reads "Requirements left unanswered (3)", not "3 requirement(s)":
    an English string with a count is worded so that one and many both read well (Turkish
    nouns stay singular after a number)."""
    import yaml

    from crmselect.resources import bundled_dir

    def leaves(node: object, path: str):
        if isinstance(node, dict):
            if "en" in node and isinstance(node["en"], str):
                yield path, node["en"]
            for key, value in node.items():
                yield from leaves(value, f"{path}.{key}")

    found = []
    for file in sorted((bundled_dir("templates") / "strings").glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        found += [f"{file.name}{path}: {en}" for path, en in leaves(data, "") if "(s)" in en]
    assert not found, found
