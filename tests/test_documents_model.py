"""The document model and its three renderers (Word, Markdown, HTML) on small crafted documents."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument

from crmselect.documents.docmodel import Cell, Document, Table
from crmselect.documents.render_docx import write_docx
from crmselect.documents.render_html import render_html
from crmselect.documents.render_markdown import render_markdown


def _sample() -> Document:
    d = Document(language="en")
    d.page_numbers("Page {page} of {pages}", left_text="Acme")
    d.cover("Request for Proposal", "CRM 2027", [("Issued", "11 January 2027")], kicker="Acme",
            note="Confidential.")
    d.toc("Contents")
    d.heading("Introduction", 1)
    d.paragraph("We are <Acme> & co.")
    d.bullets(x for x in ("first", "second", "third"))
    d.paragraph("After the list.")
    d.heading("Scope", 2)
    d.key_values([("Country", "Türkiye")])
    d.section(landscape=True)
    d.table(["Id", "Requirement", "Score"],
            [[Cell("R-1", bold=True), Cell(["Title", "Description"], lead=True),
              Cell("4.5", align="right")],
             ["R-2", "Plain | pipe", Cell("3.0", align="right")]],
            widths=[1, 4, 1])
    d.labelled("Contact", "the sender")
    return d


def test_writer_calls_become_blocks_and_generators_are_kept() -> None:
    d = _sample()
    assert [h.text for h in d.headings()] == ["Introduction", "Scope"]
    table = next(b for b in d.blocks if isinstance(b, Table))
    assert table.rows[1][0] == "R-2" and table.widths == (1, 4, 1)
    assert [type(b).__name__ for b in d.blocks[:4]] == ["PageNumbers", "Cover", "Toc", "Heading"]


def test_markdown_keeps_lists_apart_and_tables_intact() -> None:
    md = render_markdown(_sample())
    assert md.startswith("# Request for Proposal\n\n**Acme** — CRM 2027\n\n- Issued: 11 January "
                         "2027\n\n*Confidential.*\n\n## Introduction\n")
    # Every list item on its own line, a blank line before and after the list.
    assert "We are \\<Acme\\> & co.\n\n- first\n- second\n- third\n\nAfter the list." in md
    assert "### Scope\n\n- **Country:** Türkiye" in md
    assert "| Id | Requirement | Score |\n|---|---|---:|\n" in md
    assert "| **R-1** | **Title**<br>Description | 4.5 |" in md
    assert "| R-2 | Plain \\| pipe | 3.0 |" in md
    assert "**Contact:** the sender" in md


def test_html_is_one_escaped_page_with_a_contents_list() -> None:
    html = render_html(_sample())
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert '<meta name="generator" content="crmselect">' in html
    assert "We are &lt;Acme&gt; &amp; co." in html
    assert '<li><a href="#s1">Introduction</a></li>' in html  # level 1 only
    assert '<h2 id="s1">Introduction</h2>' in html and '<h3 id="s2">Scope</h3>' in html
    assert '<th class="num">Score</th>' in html
    assert "<ul><li>first</li><li>second</li><li>third</li></ul>" in html
    assert "http" not in html


def test_docx_replays_the_blocks(tmp_path: Path) -> None:
    path = write_docx(_sample(), tmp_path / "x.docx")
    doc = WordDocument(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Introduction", "Scope"]
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["first", "second", "third"]
    assert doc.sections[-1].orientation == 1  # landscape
    assert [c.text for c in doc.tables[-1].rows[1].cells] == ["R-1", "Title\nDescription", "4.5"]


def test_rfp_markdown_puts_every_list_item_on_its_own_line(tmp_path: Path) -> None:
    """Issue #13 point 7: each bullet of the RFP is its own Markdown list item, and every
    list is set apart from the text around it by a blank line."""
    import shutil

    from crmselect.documents.docmodel import Bullets, Cover, KeyValues
    from crmselect.documents.document_control import apply_document_settings
    from crmselect.documents.rfp import build_rfp_docx, render_rfp
    from crmselect.documents.strings import load_strings
    from crmselect.project import load_project
    from crmselect.reporting.rfp_context import build_rfp_context

    project = tmp_path / "project"
    shutil.copytree(Path(__file__).parent / "data" / "reports" / "project", project)
    lp = load_project(project, scores=False)
    strings = load_strings("tr", project)
    document = build_rfp_docx(build_rfp_context(lp, "tr"), strings)
    apply_document_settings(document, lp.project, strings["common"])
    items = sum(len(b.items) if isinstance(b, Bullets) else len(b.pairs) if isinstance(
        b, KeyValues) else len(b.facts) + len(b.approval) if isinstance(b, Cover) else 0
        for b in document.blocks)
    md = render_rfp(lp, lang="tr").markdown.read_text(encoding="utf-8")
    lines = md.splitlines()
    bullets = [i for i, line in enumerate(lines) if line.startswith("- ")]
    assert len(bullets) == items > 10
    for i in bullets:
        assert lines[i - 1] == "" or lines[i - 1].startswith("- "), lines[i - 1]
        assert lines[i + 1] == "" or lines[i + 1].startswith("- "), lines[i + 1]
        assert " - " not in lines[i][2:] or "—" in lines[i]  # no second item glued on


def _cell_before(value, tag: str = "td") -> str:
    """``render_html._cell`` as it was before its one-line shortcut (with its ``_e``)."""
    import html

    from crmselect.documents import docmodel as m
    from crmselect.documents.nobreak import unbreakable_numbers
    from crmselect.textsafety import clean_text

    def e(text: object) -> str:
        escaped = html.escape(clean_text("" if text is None else str(text)), quote=True)
        return escaped.replace("&#x27;", "&#39;").replace("&quot;", "&#34;")

    cell = value if isinstance(value, m.Cell) else m.Cell(
        list(value) if isinstance(value, (list, tuple)) else m.cell_lines(value)[0])
    classes = {"right": "num", "center": "center"}.get(cell.align, "")
    style = (f"background:#{cell.fill};" if cell.fill else "") + (
        f"color:#{cell.color};" if cell.color else "")
    lines = [piece for line in m.cell_lines(cell) for piece in
             (clean_text(line).split("\n") if not cell.bullets else [clean_text(line)])]
    parts = []
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        text = ("• " if cell.bullets and line else "") + "&nbsp;" * indent + e(
            unbreakable_numbers(line.lstrip(" ")))
        if cell.bold or (cell.lead and i == 0):
            text = f"<strong>{text}</strong>"
        if cell.italic:
            text = f"<em>{text}</em>"
        if i and cell.align in ("right", "center") and not cell.bold:
            parts.append(f"<small>{text}</small>")
        elif len(lines) > 1:
            parts.append(f'<span class="line">{text}</span>')
        else:
            parts.append(text)
    attrs = (f' class="{classes}"' if classes else "") + (f' style="{style}"' if style else "")
    return f"<{tag}{attrs}>{''.join(parts)}</{tag}>"


def test_html_cells_are_written_as_before() -> None:
    from crmselect.documents import render_html as r

    texts = ["", " lead", "a\nb", "12 500 000 TL", "<b> & \"q\" 'a' &quot; &#x27;",
             "x\x07y", "Şirket İçi", "  two\n three", "1 234", None, 4.0, 4.5, 7]
    values = [*texts, ["one", "two 3 gün"], ("a", " b")]
    for text in texts:
        values += [Cell(text), Cell(text, align="right", fill="FDECEA"),
                   Cell(text, align="center", color="B00020", italic=True),
                   Cell(text, bold=True), Cell(text, lead=True), Cell(text, bullets=True)]
    values += [Cell(["Title", "Description 5 TL"], lead=True, align="right"),
               Cell(["• a", " b"], bullets=True), Cell([]), Cell(("x",), align="center")]
    for value in values:
        for tag in ("td", "th"):
            assert r._cell(value, tag) == _cell_before(value, tag), value


def test_html_escapes_quotes_once(monkeypatch) -> None:
    import html

    from crmselect.documents import render_html as r

    asked = []
    monkeypatch.setattr(html, "escape", lambda s, quote=True: asked.append(quote) or s)
    assert r._e("a") == "a" and asked == [False]  # the quotes as the report writes them
