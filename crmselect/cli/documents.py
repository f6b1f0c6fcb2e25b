"""Commands that write and read documents: rfp, workbook, responses import.

Each command is its own function; further document commands are added to :data:`COMMANDS`.
"""

from __future__ import annotations

from pathlib import Path

import click

from crmselect.i18n.compat import current_language, t
from crmselect.projectlock import locks_project

LANG = click.Choice(["en", "tr"])
FORMAT = click.Choice(["table", "json"])
PROJECT_DIR = click.Path(file_okay=False, path_type=Path)


@click.command()
@click.argument("directory", default=".", type=PROJECT_DIR)
@click.option("--lang", type=LANG, help="Language of the RFP (default: the project's).")
@click.option("--template", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Your corporate Word file: its styles, header, footer and logo are kept.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the .docx (the .md goes beside it). Default: DIR/out/rfp.docx")
@click.option("--force", is_flag=True,
              help="Replace an --out file that is not a document of this kind.")
@click.option("--pdf", is_flag=True,
              help="Also write a PDF beside the .docx (needs LibreOffice).")
@locks_project
def rfp(directory: Path, lang: str | None, template: Path | None, out: Path | None,
        force: bool, pdf: bool) -> None:
    """Write the Request for Proposal as Word (rfp.docx) and Markdown (rfp.md).

    \b
    Examples:
      crmselect rfp acme
      crmselect rfp acme --lang tr --template corporate.docx --out teklif.docx
    """
    from crmselect.documents.output import check_out
    from crmselect.documents.render_pdf import require_soffice, write_pdfs
    from crmselect.documents.rfp import render_rfp

    check_out(out, [".docx", ".md"] + ([".pdf"] if pdf else []), force)
    if pdf:
        require_soffice()
    files = render_rfp(directory, lang=lang, template=template, out=out)
    warn_days_off(files.days_off)  # first, as build does: the files end the output
    click.echo(str(files.docx))
    click.echo(str(files.markdown))
    if pdf:
        click.echo(str(write_pdfs([files.docx])[0]))


def warn_days_off(issues: list) -> None:
    """The timeline dates on a weekend or public holiday that the RFP shows as written, one
    warning line each on stderr, in the messages' language."""
    from crmselect.i18n import text as render_text

    shown = current_language()
    for issue in issues:
        click.echo("! " + issue.format(lambda m: render_text(m, shown)), err=True)


@click.command()
@click.argument("directory", default=".", type=PROJECT_DIR)
@click.option("--vendor", help="Prepare the workbook for one vendor (its name is filled in).")
@click.option("--lang", type=LANG, help="Language of the workbook (default: the project's).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the .xlsx. Default: DIR/out/response-workbook.xlsx")
@click.option("--force", is_flag=True,
              help="Replace an --out file that is not a document of this kind.")
@click.option("--pricing", is_flag=True,
              help="Write the price offer's workbook of the two-envelope procedure "
              "(DIR/out/response-workbook-pricing.xlsx): Pricing and Optional prices only.")
@locks_project
def workbook(directory: Path, vendor: str | None, lang: str | None, out: Path | None,
             force: bool, pricing: bool) -> None:
    """Write the vendor response workbook (Excel) that vendors fill in and send back.

    With evaluation.two_envelopes in project.yaml the workbook has no prices, and --pricing
    writes the separate pricing workbook.

    \b
    Examples:
      crmselect workbook acme
      crmselect workbook acme --vendor odoo
      crmselect workbook acme --pricing
    """
    from crmselect.documents.output import check_out
    from crmselect.documents.workbook import write_workbook

    check_out(out, [".xlsx"], force)
    written = write_workbook(directory, vendor=vendor, out=out, lang=lang, pricing=pricing)
    click.echo(str(written.path))


@click.group()
def responses() -> None:
    """Vendor responses: import a filled workbook into the project.

    \b
    Example:
      crmselect responses import acme odoo-response.xlsx --vendor odoo
    """


@responses.command("import")
@click.argument("directory", type=PROJECT_DIR)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--vendor", required=True, help="The vendor id the answers belong to.")
@click.option("--force", is_flag=True, help="Replace an existing responses/<vendor>.yaml.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@locks_project
def responses_import(directory: Path, file: Path, vendor: str, force: bool, fmt: str) -> None:
    """Check a filled workbook (.xlsx) or a response file (.yaml) and save it for the vendor.

    Every problem is reported with its sheet and cell; nothing is written while any remains.

    \b
    Examples:
      crmselect responses import acme filled.xlsx --vendor odoo
      crmselect responses import acme odoo.yaml --vendor odoo --force
    """
    from crmselect.i18n import text
    from crmselect.responseimport import import_responses

    result = import_responses(directory, file, vendor, force=force, render=text)
    lang = current_language()
    warnings = [w.format(lambda m: text(m, lang)) for w in result.warnings]
    for warning in warnings:
        click.echo(warning, err=True)
    if fmt == "json":
        import json

        click.echo(json.dumps({
            "path": str(result.path), "vendor": result.vendor, "answered": result.answered,
            "unanswered": result.unanswered, "warnings": warnings,
        }, ensure_ascii=False, indent=2))
        return
    click.echo(t("responses_imported", path=result.path,
                 answered=t("count_requirements", n=result.answered),
                 unanswered=t("count_requirements", n=result.unanswered)))


COMMANDS: list[click.Command] = [rfp, workbook, responses]
