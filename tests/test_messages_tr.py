"""Messages a user reads exist in English and Turkish; validation speaks the CLI's language."""

from __future__ import annotations

import re
import shutil
import string
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from crmselect.cli import main
from crmselect.documents.workbook import write_workbook
from crmselect.errors import CrmselectError, did_you_mean
from crmselect.i18n import text as render_text
from crmselect.i18n import translations
from crmselect.i18n.source import SOURCE
from crmselect.loading import _PATTERN_KEYS
from crmselect.model import FILE_KINDS
from crmselect.project import load_project
from crmselect.responseimport import import_responses
from crmselect.yamlfile import parse_text

WORKBOOK_PROJECT = Path(__file__).parent / "data" / "documents" / "project"

BAD_PROJECT = """\
name: Test selection
organisation:
  name: Test A.Ş.
language: tr
currency: TRY
tco: {horizon_years: five}
requirements:
  - INT-MKT-01
  - {id: INT-MKT-002, priority: mustt}
evaluators:
  - {id: Ayse, name: Ayşe Yılmaz}
vendors: [odoo]
scenarios: [SCN-lead]
"""


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_english_and_turkish_with_the_same_placeholders():
    catalog = translations("tr")
    for key, source in SOURCE.items():
        forms = source if isinstance(source, tuple) else (source,)
        for i, english in enumerate(forms):
            if len(forms) == 2:
                turkish = catalog.npgettext(key, forms[0], forms[1], 1 if i == 0 else 2)
            else:
                turkish = catalog.pgettext(key, english)
            entry = f"{key}\x04{forms[0]}"
            known = entry in catalog._catalog or (entry, 0) in catalog._catalog
            assert english.strip() and known, key
            # Turkish nouns stay singular after a number; plurals are gettext plural forms
            assert _placeholders(turkish) <= _placeholders(english), key
            assert "(s)" not in english and "{s}" not in english, key
            for text in (english, turkish):
                params = {name: "x" for name in _placeholders(text)}
                assert all(name.isidentifier() for name in params), (key, params)
                text.format(**params)


def test_no_id_pattern_reaches_the_user():
    """Every pattern in the models has a message that says what is expected, with an example."""
    patterns: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for model in FILE_KINDS.values():
        walk(model.model_json_schema())
    assert patterns and patterns <= set(_PATTERN_KEYS)


def _lines(folder: Path, lang: str) -> list[str]:
    """The problems as the edge writes them in ``lang`` (explicitly, not through str())."""
    with pytest.raises(CrmselectError) as info:
        load_project(folder)
    return [line.replace(str(folder) + "/", "")
            for line in info.value.lines(lambda message: render_text(message, lang))]


def _write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_same_bad_project_in_english_and_turkish(tmp_path: Path, monkeypatch):
    _write(tmp_path, "project.yaml", BAD_PROJECT)
    monkeypatch.setenv("CRMSELECT_LANG", "tr")  # the environment does not leak into the text
    assert _lines(tmp_path, "en") == [
        "project.yaml:6:22: tco.horizon_years: expected a whole number, got 'five'",
        "project.yaml:8:5: requirements[0].id: expected an id like OPS-SFA-001, got 'INT-MKT-01'",
        "project.yaml:9:33: requirements[1].priority: 'mustt' is not one of must, should, "
        "could, wont (did you mean must?)",
        "project.yaml:11:10: evaluators[0].id: expected lower-case letters a–z, digits and _ "
        "starting with a letter, like ayse or sales_manager, got 'Ayse'",
        "project.yaml:13:13: scenarios[0]: expected a scenario id like SCN-LEAD2DEAL, got "
        "'SCN-lead'",
    ]
    monkeypatch.setenv("CRMSELECT_LANG", "en")
    assert _lines(tmp_path, "tr") == [
        "project.yaml:6:22: tco.horizon_years: tam sayı bekleniyordu; verilen değer: 'five'",
        "project.yaml:8:5: requirements[0].id: OPS-SFA-001 biçiminde bir kimlik bekleniyordu; "
        "verilen değer: 'INT-MKT-01'",
        "project.yaml:9:33: requirements[1].priority: 'mustt' geçerli değil; şunlardan biri "
        "olmalı: must, should, could, wont (şunu mu demek istediniz: must?)",
        "project.yaml:11:10: evaluators[0].id: harfle başlayan, küçük harf (a–z, Türkçe karakter "
        "olmadan), rakam ve _ içeren bir ad bekleniyordu, örneğin ayse ya da sales_manager; "
        "verilen değer: 'Ayse'",
        "project.yaml:13:13: scenarios[0]: SCN-LEAD2DEAL biçiminde bir senaryo kimliği "
        "bekleniyordu; verilen değer: 'SCN-lead'",
    ]


def test_cross_file_checks_in_turkish(tmp_path: Path, monkeypatch):
    text = BAD_PROJECT.replace("tco: {horizon_years: five}\n", "").replace(
        "  - INT-MKT-01\n", "  - INT-MKT-001\n  - INT-MKT-001\n").replace("mustt", "must")
    text = text.replace("Ayse", "ayse").replace("[odoo]", "[odooo]").replace(
        "SCN-lead", "SCN-LEADDEAL")
    _write(tmp_path, "project.yaml", text)
    _write(tmp_path, "scores.yaml", """\
        scores:
          - {evaluator: ayse, vendor: odoo, target: INT-MKT-001, score: 7}
        """)
    monkeypatch.setenv("CRMSELECT_LANG", "en")
    assert _lines(tmp_path, "tr") == [
        "project.yaml:8:5: requirements[1]: INT-MKT-001 gereksinimi iki kez seçilmiş",
        "project.yaml:12:11: vendors[0]: 'odooo' tedarikçisi bulunamadı (şunu mu demek "
        "istediniz: odoo?)",
        "project.yaml:13:13: scenarios[0]: SCN-LEADDEAL senaryosu bulunamadı (şunu mu demek "
        "istediniz: SCN-LEAD2DEAL?)",
        "scores.yaml:2:65: scores[0].score: en fazla 5 olabilir; verilen değer: 7",
    ]


def test_cli_prints_turkish_lines_and_summary(tmp_path: Path):
    _write(tmp_path, "project.yaml", BAD_PROJECT)
    result = CliRunner(env={"CRMSELECT_LANG": "tr"}).invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (f"{tmp_path}/project.yaml:6:22: tco.horizon_years: tam sayı "
                        "bekleniyordu; verilen değer: 'five'")
    assert lines[-1] == "Hata: 1 dosyada 5 sorun; hiçbir şey yüklenmedi."
    assert not re.search(r"[\^$]|\\d|\{\d", result.stderr)  # no regular expression


@pytest.mark.parametrize(("text", "english", "turkish"), [
    ("name: a\nother: 1\nname: b\n",
     "f.yaml:3:1: duplicate key 'name' (first at line 1); YAML keeps only one of them",
     "f.yaml:3:1: 'name' anahtarı tekrar ediyor (ilki 1. satırda); YAML bunlardan yalnızca "
     "birini tutar"),
    ("a: 1\n\tb: 2\n", "f.yaml:2:1: malformed YAML: a tab character; indent with spaces",
     "f.yaml:2:1: YAML söz dizimi hatası: sekme (tab) karakteri; girintide boşluk kullanın"),
    ("", "f.yaml:1:1: the file is empty", "f.yaml:1:1: dosya boş"),
])
def test_yaml_problems_in_both_languages(monkeypatch, text: str, english: str, turkish: str):
    for lang, expected in (("en", english), ("tr", turkish)):
        monkeypatch.setenv("CRMSELECT_LANG", "tr" if lang == "en" else "en")  # not read
        with pytest.raises(CrmselectError) as info:
            parse_text(text, Path("f.yaml"))
        assert info.value.lines(lambda message, lang=lang: render_text(message, lang)
                                ) == [expected]
        # str(): the debugging form (codes with parameters), in no reader's language
        assert str(info.value).startswith("f.yaml:") and english not in str(info.value)


def test_did_you_mean_is_a_code_the_edge_renders(monkeypatch):
    hint = did_you_mean("mustt", ["must", "should"])
    assert (hint.code, hint.params) == ("did_you_mean", {"name": "must"})
    assert render_text(hint, "en") == "did you mean must?"
    assert render_text(hint, "tr") == "şunu mu demek istediniz: must?"
    monkeypatch.setenv("CRMSELECT_LANG", "tr")  # str() is the code whatever the environment
    assert did_you_mean("odooo", ["odoo"]) == "did_you_mean(name=odoo)"
    assert render_text(did_you_mean("odooo", ["odoo"]), "tr") == "şunu mu demek istediniz: odoo?"
    assert did_you_mean("zzz", ["odoo"]) == ""


def test_workbook_import_problems_in_turkish(tmp_path: Path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(WORKBOOK_PROJECT, project)
    workbook = write_workbook(project, vendor="odoo", lang="tr").path
    wb = load_workbook(workbook)
    ws = wb.worksheets[2]
    ws["I2"] = "Evet"
    ws["J3"] = "bir yanıt"
    wb.save(workbook)
    monkeypatch.setenv("CRMSELECT_LANG", "tr")
    with pytest.raises(CrmselectError) as info:
        import_responses(project, workbook, "odoo")
    sheet = ws.title
    assert [i.format(lambda message: render_text(message, "tr"))
            for i in info.value.issues] == [
        f"{workbook}: {sheet}!I2: 'Evet' bir karşılama düzeyi değil (Standart (hazır); "
        "Yapılandırılabilir; Üçüncü taraf; Özel geliştirme; Yol haritasında; Yok)",
        f"{workbook}: {sheet}!I3: OPS-SFA-002 için yanıt var ama karşılama düzeyi seçilmemiş",
    ]
    assert render_text(info.value.summary, "tr") == "2 sorun; hiçbir şey yazılmadı."
