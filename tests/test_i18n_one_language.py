"""Issue 12 (done-test, partial): commands on a Turkish project with a mistake speak Turkish
without CRMSELECT_LANG; --lang works before or after the subcommand; click's own messages
follow the language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect.cli import main

ENGLISH = re.compile(r"\b(the|is|not|no such|expected|problems?|missing|Usage|Error|Try|"
                     r"requirements?|vendor|nothing)\b")

TURKISH_PROJECT = """\
name: Deneme seçimi
organisation: {name: Deneme A.Ş.}
language: tr
currency: TRY
tco: {horizon_years: five}
requirements: [OPS-SFA-001]
evaluators: [{id: ayse, name: Ayşe Yılmaz}]
vendors: [odoo]
"""


def _run(*args: str) -> str:
    result = CliRunner(env={"CRMSELECT_LANG": None, "LANG": "C", "LC_ALL": None,
                            "LC_MESSAGES": None}).invoke(main, list(args))
    return result.output + (result.stderr if result.stderr_bytes is not None else "")


@pytest.mark.parametrize("command", [["validate"], ["score"], ["workbook", "odoo"]])
def test_turkish_project_with_a_mistake_speaks_turkish(tmp_path: Path, command: list[str]):
    (tmp_path / "project.yaml").write_text(TURKISH_PROJECT, encoding="utf-8")
    out = _run(command[0], str(tmp_path), *command[1:])
    text = out.replace(str(tmp_path), "")
    assert "tam sayı bekleniyordu" in text or "Hata" in text, out
    assert not ENGLISH.search(text.replace("horizon_years", "")), out


@pytest.mark.parametrize("args", [["catalog", "search", "kredi limiti", "--lang", "tr"],
                                  ["--lang", "tr", "catalog", "search", "kredi limiti"]])
def test_lang_before_or_after_the_subcommand(args: list[str]):
    out = _run(*args)
    assert "ile eşleşen" in out and "No such option" not in out


def test_click_messages_in_turkish():
    out = _run("validate", "--nope", "--lang", "tr")
    assert "Kullanım:" in out and "'--nope' diye bir seçenek yok." in out
    assert "Yardım için" in out and "Usage" not in out


def test_unknown_vendor_answers_in_one_language():
    out = _run("vendors", "show", "odooo", "--lang", "tr")
    assert "odoo" in out and not re.search(r"\b(did you mean|no such)\b", out), out


def test_turkish_validate_summary_reads_turkish(tmp_path: Path):
    """Review row 72: milestone names and 15.01.2027 dates, area names, TL."""
    project = tmp_path / "p"
    _run("init", str(project), "--sample")
    path = project / "project.yaml"
    path.write_text(path.read_text("utf-8").replace("language: en", "language: tr"), "utf-8")
    out = _run("validate", str(project))
    assert "para birimi: TL" in out and "Operasyonel CRM" in out, out
    assert re.search(r"takvim: .*\b\d\d\.\d\d\.20\d\d\b", out) and "rfp_issued" not in out, out


def test_unknown_requirement_answers_in_one_language():
    """Review row 69."""
    out = _run("catalog", "show", "OPS-SFA-099", "--lang", "tr")
    assert "gereksinim" in out and "no such" not in out, out


def test_help_is_turkish_when_the_language_is_and_english_again_after():
    """Issue 12.4: --help (command text, options, click's headings) follows the language."""
    out = _run("validate", "--help", "--lang", "tr")
    assert "Projenin her dosyasını denetler" in out and "Seçenekler:" in out, out
    assert "Özetin dili" in out and "Bu yardımı gösterir" in out and "Usage" not in out, out
    out = _run("validate", "--help", "--lang", "en")
    assert "Check every file of a project" in out and "Options:" in out, out


@pytest.mark.parametrize("command", [
    [], ["init"], ["validate"], ["catalog"], ["catalog", "search"], ["score"], ["build"],
    ["rfp"], ["workbook"], ["responses", "import"], ["vendors", "compare"], ["kpi", "compute"],
    ["scores", "push"], ["sensitivity"], ["serve"], ["invite"], ["migration"], ["testdrive"],
    ["ahp"], ["report"], ["schema"], ["status"]])
def test_every_help_is_turkish(command: list[str]):
    out = _run(*command, "--help", "--lang", "tr")
    assert "Kullanım:" in out and not re.search(r"\b(the|and|of|is|with|Usage)\b", out), out


def test_vendor_profile_labels_follow_the_language():
    """`vendors show` labels, licence model and compliance levels use the shared vocabulary."""
    out = _run("vendors", "show", "odoo", "--lang", "tr")
    assert "uyum: Standart (hazır)" in out and "lisans: Abonelik" in out, out
    assert not re.search(r"^\s+(compliance|licence|deployment|as of):", out, re.MULTILINE), out


BROKEN = TURKISH_PROJECT  # `horizon_years: five` is the mistake
#: An AHP matrix with a judgement off Saaty's scale (90 for 9).
BROKEN_AHP = "items: [a, b]\nmatrix:\n  - [1, 90]\n  - [0.0111, 1]\n"

#: Every command of the CLI, each with a mistake: {p} is the broken project (a command that
#: takes no project gets --lang, or a wrong value of its own). `kpi list` and `vendors list`
#: take neither a project nor a value that can be wrong.
EVERY_COMMAND = [
    ["validate", "{p}"], ["score", "{p}"], ["sensitivity", "{p}"], ["rfp", "{p}"],
    ["workbook", "{p}"], ["report", "{p}"], ["testdrive", "{p}"], ["migration", "{p}"],
    ["build", "{p}"], ["vendors", "compare", "{p}"], ["invite", "{p}"], ["serve", "{p}"],
    ["status", "{p}"], ["init", "{p}"], ["setup", "{p}/project.yaml"],
    ["scores", "export", "{p}", "{p}/x.csv"], ["scores", "import", "{p}", "{p}/missing.csv"],
    ["scores", "pull", "{p}"], ["scores", "push", "{p}"], ["scores", "template", "{p}"],
    ["responses", "import", "{p}", "{p}/missing.xlsx", "--vendor", "odoo"],
    ["ahp", "{p}/ahp.yaml", "--lang", "{lang}"],
    ["kpi", "compute", "nps", "-i", "promoters=x"], ["kpi", "show", "npss"],
    ["catalog", "show", "OPS-SFA-099"], ["catalog", "list", "--area", "operationl"],
    ["catalog", "list", "--priority", "mustt"], ["catalog", "search", "zzzqqq"],
    ["schema", "--kind", "projet"], ["vendors", "show", "odooo"], ["nonexistent"],
    ["validate", "--nope"],
]
#: What the user typed, shown back as typed.
TYPED = ("horizon_years", "five", "promoters", "OPS-SFA-099", "odooo", "nonexistent", "--nope",
         "x.csv", "missing.csv", "missing.xlsx", "operationl", "mustt", "zzzqqq", "projet",
         "npss", "ahp.yaml", "project.yaml")


def _run_broken(tmp_path: Path, command: list[str], lang: str) -> str:
    """``command`` on the broken project in ``lang``; its output without what was typed."""
    project = BROKEN if lang == "tr" else _english_project(BROKEN)
    (tmp_path / "project.yaml").write_text(project, encoding="utf-8")
    (tmp_path / "ahp.yaml").write_text(BROKEN_AHP, encoding="utf-8")
    args = [a.replace("{p}", str(tmp_path)).replace("{lang}", lang) for a in command]
    if "{p}" not in " ".join(command):
        args += ["--lang", lang]
    out = _run(*args).replace(str(tmp_path), "")
    assert not _untranslated(out), out
    for word in TYPED:
        out = out.replace(word, "")
    return out


def _english_project(text: str) -> str:
    text = text.replace("language: tr", "language: en").replace("Deneme seçimi", "Trial")
    return text.replace("Deneme A.Ş.", "Trial Ltd").replace("Ayşe Yılmaz", "Ann Smith")


def _untranslated(out: str) -> list[str]:
    """Messages that reached the reader as their code (``scoring_no_price(vendor=…)``, or a
    bare ``did_you_mean``) instead of words."""
    from crmselect.i18n.source import SOURCE

    found = re.findall(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\([a-z_]+=", out)
    return found + [code for code in SOURCE if "_" in code
                    and re.search(rf"(?<![\w.-]){re.escape(code)}(?![\w-])", out)]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=" ".join)
def test_every_command_on_a_broken_turkish_project_speaks_turkish(tmp_path: Path,
                                                                   command: list[str]):
    out = _run_broken(tmp_path, command, "tr")
    assert out.strip() and not ENGLISH.search(out), out


TURKISH = re.compile(r"[çğşıİÇĞŞ]|\b([Gg]ereksinim|[Tt]edarikçi|[Ss]orun|[Hh]ata|[Dd]osya|yok)\b")


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=" ".join)
def test_every_command_on_a_broken_english_project_speaks_english(tmp_path: Path,
                                                                   command: list[str]):
    out = _run_broken(tmp_path, command, "en")
    assert out.strip() and not TURKISH.search(out), out


def test_a_message_left_as_its_code_is_caught() -> None:
    """The scan above finds a message that reached the reader undecorated."""
    from crmselect.errors import msg

    assert "project_no_vendor(id=" in _untranslated(f"x: {msg('project_no_vendor', id='o')}")
    assert _untranslated(f"x ({msg('did_you_mean')})") == ["did_you_mean"]
    assert _untranslated("tco.horizon_years: expected a whole number, got 'five'") == []


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_scoring_engines_own_errors_speak_the_language(tmp_path: Path, lang: str) -> None:
    """The engine's checks (no vendors, an AHP matrix that is not reciprocal, of the wrong size)
    are codes the edge renders, not English written in the core."""
    project = TURKISH_PROJECT.replace("vendors: [odoo]", "vendors: []").replace(
        "tco: {horizon_years: five}\n", "")
    (tmp_path / "project.yaml").write_text(
        project if lang == "tr" else _english_project(project), encoding="utf-8")
    (tmp_path / "rec.yaml").write_text("items: [a, b]\nmatrix:\n  - [1, 3]\n  - [0.5, 1]\n")
    (tmp_path / "size.yaml").write_text("items: [a, b, c]\nmatrix:\n  - [1, 3]\n  - [0.3, 1]\n")
    outs = [_run("score", str(tmp_path)), _run("ahp", str(tmp_path / "rec.yaml"), "--lang", lang),
            _run("ahp", str(tmp_path / "size.yaml"), "--lang", lang)]
    expected = {"en": ["the project lists no vendors", "cell (1, 2) (a vs b) is 3",
                       "the AHP matrix is 2×2 but there are 3 items"],
                "tr": ["projede hiç tedarikçi yok", "(1, 2) (a – b) hücresi 3",
                       "AHP matrisi 2×2 boyutunda ama 3 öğe var"]}[lang]
    for out, words in zip(outs, expected, strict=True):
        out = out.replace(str(tmp_path), "")
        assert words in out and not _untranslated(out), out
        assert not (TURKISH if lang == "en" else ENGLISH).search(
            out.replace("rec.yaml", "").replace("size.yaml", "")), out


def test_vendor_deployment_options_are_labels_in_both_languages():
    turkish = _run("vendors", "show", "anatolia_crm", "--lang", "tr")
    assert "kurulum biçimi: Bulut (SaaS), Şirket içi kurulum, Hibrit" in turkish, turkish
    english = _run("vendors", "show", "anatolia_crm", "--lang", "en")
    assert "deployment: Cloud (SaaS), On premises, Hybrid" in english, english
    assert "on_premise" not in turkish + english


def test_catalog_table_shows_group_and_priority_labels_in_the_readers_language():
    turkish = _run("catalog", "search", "RFM", "--lang", "tr")
    assert "Müşteri analitiği" in turkish and "Zorunlu" in turkish, turkish
    assert "customer_analytics" not in turkish and " must " not in turkish
    english = _run("catalog", "search", "RFM", "--lang", "en")
    assert "Customer analytics" in english and "Must" in english, english


CRAFTED_VENDOR = """\
id: konya_crm
name: Konya CRM
product: Konya CRM
deployment: [cloud]
licence: {model: subscription, name: {en: Per user per month, tr: Kullanıcı başına aylık}}
languages: [Turkish, {en: German (partial), tr: Almanca (kısmi)}]
hosting_regions: [Türkiye (Konya), {en: EU (Frankfurt), tr: AB (Frankfurt)}]
certifications: [{en: ISO/IEC 27001 (pending), tr: ISO/IEC 27001 (süreçte)}]
native_integrations: [Logo Tiger, {en: Netgsm (SMS), tr: Netgsm (SMS)}]
source: https://example.com
as_of: 2026-11-01
"""


@pytest.mark.parametrize(("lang", "lines"), [
    ("tr", ["lisans: Abonelik Kullanıcı başına aylık", "diller: Türkçe, Almanca (kısmi)",
            "barındırma bölgeleri: Türkiye (Konya), AB (Frankfurt)",
            "sertifikalar: ISO/IEC 27001 (süreçte)"]),
    ("en", ["licence: subscription Per user per month", "languages: Turkish, German (partial)",
            "hosting: Türkiye (Konya), EU (Frankfurt)", "certifications: ISO/IEC 27001 (pending)"]),
])
def test_vendor_prose_facts_take_both_languages(tmp_path: Path, lang: str, lines: list[str]):
    (tmp_path / "vendors").mkdir()
    (tmp_path / "vendors" / "konya_crm.yaml").write_text(CRAFTED_VENDOR, encoding="utf-8")
    out = _run("vendors", "show", "konya_crm", "--project", str(tmp_path), "--lang", lang)
    for line in lines:
        assert f"  {line}\n" in out, out


@pytest.mark.parametrize("vendor", ["anatolia_crm", "dynamics365", "espocrm", "hubspot",
                                    "northwind_cloud", "odoo", "salesforce", "suitecrm",
                                    "vtiger", "zoho_crm"])
def test_bundled_profiles_show_their_facts_in_turkish(vendor: str):
    out = _run("vendors", "show", vendor, "--lang", "tr")
    facts = [line for line in out.splitlines()
             if line.strip().startswith(("lisans:", "diller:", "barındırma bölgeleri:"))]
    assert facts, out
    assert not re.search(r"\b(Turkish|English|illustrative|per user|subscription|region|"
                         r"self-hosted|and other)\b", "\n".join(facts), re.IGNORECASE), facts
