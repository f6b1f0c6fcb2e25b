"""No raw codes in any document (issue #13 point 3): every slug a document shows has a label in
both languages (bundled, or the project's own), no underscored word and no country code reaches
a reader, and a Turkish name is upper-cased by Turkish rules in an English document; validate
names the project's own codes that have no label, and its summary shows labels, not codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from clirun import run
from docx import Document

from crmselect.catalog import load_catalog
from crmselect.cli import main
from crmselect.documents.build import build_documents
from crmselect.documents.casing import name_language, upper
from crmselect.documents.strings import load_bilingual
from crmselect.project import LoadedProject, load_project
from crmselect.scaffold import scaffold_project
from crmselect.sluglabels import unlabelled_note, unlabelled_slugs

DATA = Path(__file__).parent / "data"
UNDERSCORED = re.compile(r"\b[A-Za-z]+_[A-Za-z_]+\b")
COUNTRY_CODE = re.compile(r"(?<![\w-])TR(?![\w-])")
#: A decision-hygiene warning of the report names the scores.yaml key to add (the scoring
#: messages own that text).
ALLOWED = {"weights_fingerprint"}


def _text(path: Path) -> str:
    if path.suffix == ".docx":
        doc = Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<(style|svg)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
    return text


def _slugs(lp: LoadedProject) -> set[tuple[str, str]]:
    p = lp.project
    org = p.organisation
    found = {("department", d) for d in org.departments}
    found |= {("channel", c) for c in org.channels}
    found |= {("entity", e) for e in org.migrated_entities}
    found |= {("system", s.category) for s in org.current_systems}
    for group in p.users:
        found |= {("user_role", group.role), ("licence", group.licence)}
        if group.department:
            found.add(("department", group.department))
    found |= {("department", e.department) for e in p.evaluators if e.department}
    return found


def _scan(files: list[Path]) -> list[str]:
    problems = []
    for path in files:
        if path.suffix not in (".docx", ".md", ".html"):
            continue
        text = _text(path)
        for word in set(UNDERSCORED.findall(text)) - ALLOWED:
            problems.append(f"{path.name}: {word}")
        if COUNTRY_CODE.search(text):
            problems.append(f"{path.name}: country code TR")
    return problems


@pytest.fixture
def unusual(tmp_path: Path) -> Path:
    target = tmp_path / "unusual"
    shutil.copytree(DATA / "reports" / "project", target)
    shutil.copytree(DATA / "documents" / "unusual_slugs", target, dirs_exist_ok=True)
    return target


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_unusual_slugs_show_their_labels_in_every_document(unusual: Path, lang: str) -> None:
    files = build_documents(unusual, lang=lang).files
    assert _scan(files) == []
    texts = {p.name: _text(p) for p in files if p.suffix in (".docx", ".md", ".html")}
    everything = "\n".join(texts.values())
    # The project's own labels and the bundled ones, in the document's language.
    expected = {"en": ["Online sales desk", "Koç group dealers", "Cloud telephony",
                       "Warranty cards", "Showroom advisors", "Named user", "Online store",
                       "B2B portal", "Field sales"],
                "tr": ["Online satış masası", "Koç grubu bayileri", "Bulut santral",
                       "Garanti belgeleri", "Showroom danışmanları", "İsimli kullanıcı",
                       "Online mağaza", "B2B portalı", "Saha satış", "Türkiye"]}[lang]
    for label in expected:
        assert label in texts["rfp.docx"] or label in everything, label
    # The codes made readable ("Online desk ops") never appear; in Turkish neither do the
    # English labels.
    raw = ["Online desk ops", "Koc dealers", "Voip cloud", "Showroom advisor", "B2b portal"]
    if lang == "tr":
        raw += ["Field sales", "Online store", "Warranty cards", "Named user"]
    for text in raw:
        assert not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", everything), text


def test_every_slug_of_the_sample_has_a_label_in_both_languages(sample_project: Path) -> None:
    lp = load_project(sample_project)
    common = load_bilingual(sample_project)["common"]
    missing = [f"{kind}.{slug}" for kind, slug in sorted(_slugs(lp))
               if slug not in common.get(kind, {})]
    assert missing == []


def test_sample_documents_show_no_codes_and_keep_the_turkish_capital_i(
        sample_project: Path) -> None:
    files = build_documents(sample_project, lang="en").files
    assert _scan(files) == []
    comparison = sample_project / "out" / "comparison.docx"
    assert "EGE ENDÜSTRİ MAKİNA A.Ş." in [p.text for p in Document(str(comparison)).paragraphs]
    html = (sample_project / "out" / "comparison.html").read_text(encoding="utf-8")
    assert '<p class="kicker">EGE ENDÜSTRİ MAKİNA A.Ş.</p>' in html


def test_upper_case_follows_the_names_language() -> None:
    assert upper("Ege Endüstri", name_language("Ege Endüstri", "TR")) == "EGE ENDÜSTRİ"
    assert upper("Ege Endüstri", name_language("Ege Endüstri", "Türkiye")) == "EGE ENDÜSTRİ"
    assert name_language("Kılıç Tekstil") == "tr"  # a letter only Turkish writes
    assert upper("Acme Industries", name_language("Acme Industries", "GB")) == "ACME INDUSTRIES"
    assert name_language("Demir Makine", "", "tr") == "tr"  # no country: the project's language
    assert upper("Işık", "tr") == "IŞIK" and upper("istanbul", "tr") == "İSTANBUL"


# --- codes without a label, and validate's summary in labels ---------------------------------


def _own_codes(project: Path) -> None:
    path = project / "project.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("departments: [sales, service, finance]",
                        "departments: [sales, hasta_iliskileri, finance]")
    text = text.replace("{role: sales, count: 22, licence: standard, department: sales}",
                        "{role: patient_relations, count: 22, licence: standard, "
                        "department: hasta_iliskileri}")
    path.write_text(text, encoding="utf-8")


def test_validate_names_the_codes_the_documents_would_show_without_a_label(small):
    _own_codes(small)
    code = CliRunner().invoke(main, ["validate", str(small), "--lang", "en"])
    assert code.exit_code == 0, code.output
    [line] = [x for x in code.output.splitlines() if "no label" in x]
    assert line == (
        "! 2 codes of this project have no label, so the documents show them made from the "
        "code: department hasta_iliskileri → 'Hasta iliskileri', user_role patient_relations → "
        f"'Patient relations'; give each a label in English and Turkish in {small}/templates/"
        "strings/common.yaml (department: {hasta_iliskileri: {en: …, tr: …}})")
    turkish = CliRunner().invoke(main, ["validate", str(small), "--lang", "tr"]).output
    assert ("! Bu projenin 2 kodunun adı yok; dokümanlar bunları koddan türeterek gösterir"
            in turkish)
    data = json.loads(CliRunner().invoke(main, ["validate", str(small), "--format", "json"]).output)
    assert data["unlabelled_codes"] == [{"kind": "department", "code": "hasta_iliskileri"},
                                        {"kind": "user_role", "code": "patient_relations"}]


def test_a_label_in_the_projects_strings_file_silences_the_warning(small):
    _own_codes(small)
    (small / "templates" / "strings").mkdir(parents=True)
    (small / "templates" / "strings" / "common.yaml").write_text(
        "department:\n  hasta_iliskileri: {en: Patient relations, tr: Hasta ilişkileri}\n"
        "user_role:\n  patient_relations: {en: Patient relations staff, "
        "tr: Hasta ilişkileri personeli}\n", encoding="utf-8")
    output = CliRunner().invoke(main, ["validate", str(small), "--lang", "en"]).output
    assert "no label" not in output
    assert unlabelled_note(load_project(small), str) is None


def test_the_bundled_labels_cover_the_sample_and_a_new_project(sample_project, tmp_path):
    assert unlabelled_slugs(load_project(sample_project)) == []
    scaffold_project(tmp_path / "new", load_catalog(), lang="tr")
    assert unlabelled_slugs(load_project(tmp_path / "new")) == []


@pytest.mark.parametrize("lang, area, group, pricing", [
    ("en", "Operational CRM", "Sales force automation", "Open source, USD"),
    ("tr", "Operasyonel CRM", "Satış gücü otomasyonu", "Açık kaynak, USD")])
def test_the_validate_summary_shows_labels_not_codes_in_both_languages(small, tmp_path, lang,
                                                                       area, group, pricing):
    """The Turkish summary said 'Açık kaynak', the English one 'open_source, USD' and
    'operational  sales_automation'."""
    answer = tmp_path / "odoo.yaml"
    answer.write_text("vendor: odoo\nresponses:\n  OPS-SFA-001: {compliance: native}\n"
                      "pricing: {currency: USD, licence_model: open_source}\n", "utf-8")
    code, err = run("responses", "import", small, answer, "--vendor", "odoo")
    assert code == 0, err
    result = CliRunner().invoke(main, ["validate", str(small), "--lang", lang])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    odoo = next(row for row in rows if row.startswith("odoo "))
    assert odoo.rstrip().endswith(pricing), odoo
    assert any(row.startswith(area) and f" {group} " in row for row in rows), result.output
    assert "open_source" not in result.output and "sales_automation" not in result.output
